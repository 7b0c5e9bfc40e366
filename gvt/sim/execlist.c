// SPDX-License-Identifier: GPL-2.0
/*
 * mgvt-sim execlists: see execlist.h.
 */
#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/string.h>

#include "execlist.h"
#include "regs/gpu_cmd.h"

#define LRC_DWORDS		1024
/* A register offset in an LRI of a context image: inside the 2 MiB file. */
#define LRC_REG_OFFSET		GENMASK(20, 2)

static u32 ereg_off(const struct sim_engine *e, u32 off)
{
	return gen9_engine_base(e->id) + off;
}

static u32 ereg(const struct sim_engine *e, u32 off)
{
	return e->regs->val[ereg_off(e, off) / 4];
}

static void set_ereg(struct sim_engine *e, u32 off, u32 val)
{
	e->regs->val[ereg_off(e, off) / 4] = val;
}

/**
 * sim_engine_init - an idle engine
 * @e: the engine
 * @id: which one
 * @regs: the GPU's register file
 * @mmu: the emulated IOMMU
 * @ggtt: the GGTT
 * @ops: register access for the command streamer
 * @priv: passed to @ops
 */
void sim_engine_init(struct sim_engine *e, enum sim_engine_id id,
		     struct sim_regs *regs, struct sim_iommu *mmu,
		     struct sim_ggtt *ggtt, const struct sim_cs_ops *ops,
		     void *priv)
{
	memset(e, 0, sizeof(*e));
	e->id = id;
	e->regs = regs;
	e->mem.mmu = mmu;
	e->mem.ggtt = ggtt;
	e->mem.tlb = &e->tlb;
	e->cs.engine = id;
	e->cs.mem = &e->mem;
	e->cs.ops = ops;
	e->cs.priv = priv;
}

/*
 * RING_EXECLIST_STATUS after every transition.  Ports shift as the model
 * runs them: the running context is always element 0 (current pointer 0),
 * so STATUS_HI is the ID of port 0's context, 0 when idle.  The write
 * pointer is not modelled (reads 0).
 */
static void el_status(struct sim_engine *e)
{
	u32 lo = 0;

	if (e->port[0])
		lo |= EXECLIST_0_VALID | EXECLIST_0_ACTIVE;
	if (e->port[1])
		lo |= EXECLIST_1_VALID;
	if (e->queued)
		lo |= EXECLIST_QUEUE_FULL;
	if (e->cs.arb_enabled)
		lo |= EXECLIST_ARB_ENABLE;
	set_ereg(e, RING_EXECLIST_STATUS, lo);
	set_ereg(e, RING_EXECLIST_STATUS_HI,
		 e->port[0] >> CTX_DESC_CTX_ID_SHIFT);
}

static void raise_irq(struct sim_engine *e, u32 bit)
{
	u32 b = bit << gen9_engine_irq_shift(e->id);
	u32 *iir = &e->regs->val[GT_IIR(gen9_engine_irq_bank(e->id)) / 4];

	if (!(e->regs->val[GT_IMR(gen9_engine_irq_bank(e->id)) / 4] & b))
		*iir |= b;
}

/* One context status event: CSB register pair, HWSP mirror, interrupt. */
static void csb_event(struct sim_engine *e, u32 status, u32 ctx_id)
{
	u32 ptr = ereg(e, RING_CSB_PTR);
	u32 wp = FIELD_GET(CSB_PTR_WRITE, ptr);
	u64 hwsp = ereg(e, RING_HWS_PGA) & ~0xfffULL;

	wp = wp >= CSB_ENTRIES - 1 ? 0 : wp + 1;
	set_ereg(e, RING_CSB(wp), status);
	set_ereg(e, RING_CSB(wp) + 4, ctx_id);
	set_ereg(e, RING_CSB_PTR, (ptr & ~CSB_PTR_WRITE) | FIELD_PREP(CSB_PTR_WRITE, wp));
	if (hwsp) {
		u32 entry[2] = { status, ctx_id };

		sim_mem_access(&e->mem, 0, hwsp + 4 * (HWSP_CSB + 2 * wp),
			       entry, sizeof(entry), true);
		sim_mem_access(&e->mem, 0, hwsp + 4 * HWSP_CSB_WRITE, &wp,
			       4, true);
	}
	raise_irq(e, GT_CONTEXT_SWITCH);
}

/*
 * A memory fault in the GT's fault registers, unless they still hold one
 * the driver has not cleared (FAULT_REG_VALID): the first fault is kept.
 */
static void report_fault(struct sim_engine *e)
{
	u32 *val = e->regs->val;
	u64 addr = e->mem.fault_addr;
	bool ggtt = !e->mem.fault_ppgtt;

	if (val[FAULT_REG / 4] & FAULT_REG_VALID)
		return;
	val[FAULT_REG / 4] = FAULT_REG_VALID |
			     FIELD_PREP(FAULT_REG_ENGINE, gen9_engine_hw_id(e->id)) |
			     (ggtt ? FAULT_REG_GGTT : 0);
	val[FAULT_TLB_DATA0 / 4] = (u32)(addr >> 12);
	val[FAULT_TLB_DATA1 / 4] = FIELD_PREP(FAULT_TLB_VA_HIGH, addr >> 44) |
				   (ggtt ? FAULT_TLB_GGTT : 0);
}

/**
 * engine_error - the engine stopped on the error in @e->cs: report it
 * @e: the engine
 * @fadd: GM address of what the engine was fetching, for RING_DMA_FADD
 *
 * As a Gen9 engine does: the error's bit (ERR_PAGE_TABLE for a memory
 * fault, ERR_PRIVILEGE for a command privilege violation, ERR_INSTRUCTION
 * for the rest) in RING_ESR and, unless RING_EMR masks it, in RING_EIR;
 * the failed command dword in RING_IPEHR, the batch level in RING_IPEIR;
 * a memory fault also in the GT's fault registers.
 * When EIR becomes non-zero, GT_CS_ERROR is latched in the GT IIR unless
 * GT_IMR masks it.  The engine then holds its context, reports no CSB
 * event and ignores ELSP until an engine reset clears all of it.
 */
static void engine_error(struct sim_engine *e, u64 fadd)
{
	struct sim_cs *cs = &e->cs;
	u32 bits = ERR_INSTRUCTION;
	u32 eir = ereg(e, RING_EIR);

	if (cs->error == SIM_CS_ERR_FAULT) {
		bits = ERR_PAGE_TABLE;
	} else if (cs->error == SIM_CS_ERR_PRIVILEGE) {
		bits = ERR_PRIVILEGE;
		e->privilege_errors++;
	}
	e->faults++;
	set_ereg(e, RING_ESR, ereg(e, RING_ESR) | bits);
	set_ereg(e, RING_EIR, eir | (bits & ~ereg(e, RING_EMR)));
	set_ereg(e, RING_IPEHR, cs->error_dw);
	set_ereg(e, RING_IPEIR, cs->level);
	set_ereg(e, RING_DMA_FADD, (u32)fadd);
	if (cs->error == SIM_CS_ERR_FAULT)
		report_fault(e);
	if (!eir && ereg(e, RING_EIR))
		raise_irq(e, GT_CS_ERROR);
}

/* Registers every restore loads, even with restore-inhibit (ring context). */
static bool ring_context_reg(const struct sim_engine *e, u32 reg)
{
	u32 rel = reg - gen9_engine_base(e->id);

	return rel == RING_CONTEXT_CONTROL || rel == RING_HEAD ||
	       rel == RING_TAIL || rel == RING_START ||
	       rel == RING_CTL ||
	       (rel >= RING_PDP_LDW(0) && rel <= RING_PDP_UDW(3));
}

enum walk { WALK_RING, WALK_ALL, WALK_SAVE };

/*
 * Walk the LRI lists of a context image: load registers from it, or save
 * the current ones into it.  The list ends at MI_BATCH_BUFFER_END or at the
 * first dword that is neither MI_NOOP nor an LRI header.  Returns the
 * fault that kept the image from being read or written, if any.
 */
static enum sim_fault ctx_walk(struct sim_engine *e, u64 lrca, enum walk how)
{
	u32 *img = e->img;
	unsigned int i = 0, k, n;
	enum sim_fault f;

	f = sim_mem_access(&e->mem, 0, lrca + LRC_STATE_OFFSET, img,
			   sizeof(e->img), false);
	if (f)
		return f;
	while (i < LRC_DWORDS && img[i] != MI_BATCH_BUFFER_END) {
		if (!img[i]) {
			i++;
			continue;
		}
		if ((img[i] & MI_OPCODE_MASK) != MI_LOAD_REGISTER_IMM)
			break;
		n = ((img[i] & 0xff) + 1) / 2;
		for (k = 0; k < n && i + 2 + 2 * k < LRC_DWORDS; k++) {
			u32 reg = img[i + 1 + 2 * k] & LRC_REG_OFFSET;
			u32 *val = &img[i + 2 + 2 * k];

			if (how == WALK_SAVE)
				*val = sim_regs_hw_save(e->regs, reg);
			else if (how == WALK_ALL || ring_context_reg(e, reg))
				sim_regs_hw_write(e->regs, reg, *val);
			if (how == WALK_ALL &&
			    reg == ereg_off(e, RING_INDIRECT_CTX))
				e->indirect_ctx = *val;
		}
		i += 1 + 2 * n;
	}
	if (how == WALK_SAVE)
		return sim_mem_access(&e->mem, 0, lrca + LRC_STATE_OFFSET, img,
				      sizeof(e->img), true);
	return SIM_FAULT_NONE;
}

static u32 ctx_id(u64 desc)
{
	return desc >> CTX_DESC_CTX_ID_SHIFT;
}

/* Point the streamer at the ring registers just restored. */
static void ring_from_regs(struct sim_engine *e)
{
	struct sim_cs *cs = &e->cs;

	cs->ring_start = ereg(e, RING_START) & ~0xfffULL;
	cs->ring_size = (ereg(e, RING_CTL) & RING_CTL_SIZE) + 4096;
	cs->head = (ereg(e, RING_HEAD) & RING_HEAD_ADDR) % cs->ring_size;
	cs->tail = (ereg(e, RING_TAIL) & RING_TAIL_ADDR) % cs->ring_size;
}

/*
 * A context the engine cannot restore (an addressing mode not modelled, an
 * image it cannot read: SIM_CS_ERR_FAULT with @f) stops the engine with an
 * error.  No command failed, so IPEHR reads 0; DMA_FADD names the image's
 * register state page.
 */
static void restore_error(struct sim_engine *e, u64 lrca,
			  enum sim_cs_error err, enum sim_fault f)
{
	struct sim_cs *cs = &e->cs;

	cs->error = err;
	cs->fault = f;
	cs->error_dw = 0;
	sim_cs_drop(cs);
	engine_error(e, lrca + LRC_STATE_OFFSET);
}

/*
 * A full restore loads the context from its image: the ring context
 * always, everything else unless the image says RESTORE_INHIBIT.  An RCS
 * image's indirect context batch (RING_INDIRECT_CTX: GGTT address, size
 * in cachelines) then runs before the ring, as on hardware; only a full
 * restore runs it.
 */
static bool ctx_load(struct sim_engine *e, u64 desc)
{
	struct sim_cs *cs = &e->cs;
	u64 lrca = desc & CTX_DESC_LRCA;
	enum sim_fault f;
	u32 size;

	cs->error = SIM_CS_ERR_NONE;
	cs->fault = SIM_FAULT_NONE;
	cs->level = 0;
	cs->bb_end = 0;
	e->indirect_ctx = 0;
	sim_cs_drop(cs);
	if (((desc >> CTX_DESC_MODE_SHIFT) & 3) != CTX_DESC_MODE_4LVL) {
		restore_error(e, lrca, SIM_CS_ERR_UNSUPPORTED, SIM_FAULT_NONE);
		return false;
	}
	f = ctx_walk(e, lrca, WALK_RING);
	if (!f && !(ereg(e, RING_CONTEXT_CONTROL) & CTX_RESTORE_INHIBIT))
		f = ctx_walk(e, lrca, WALK_ALL);
	if (f) {
		restore_error(e, lrca, SIM_CS_ERR_FAULT, f);
		return false;
	}
	ring_from_regs(e);
	cs->pml4 = (u64)ereg(e, RING_PDP_UDW(0)) << 32 |
		   ereg(e, RING_PDP_LDW(0));
	cs->hwsp = lrca;	/* per-process HWSP: page 0 of the image */
	size = FIELD_GET(INDIRECT_CTX_SIZE, e->indirect_ctx);
	if (e->id == SIM_RCS0 && size)
		sim_cs_indirect(cs, e->indirect_ctx & INDIRECT_CTX_ADDR,
				size * 64);
	return true;
}

/*
 * Complete state back into the image, ring head (kept current in RING_HEAD
 * by sim_engine_run()) and timestamp included.
 */
static void ctx_save(struct sim_engine *e, u64 desc)
{
	set_ereg(e, RING_CTX_TIMESTAMP, e->cs.time_ns * 3 / 250);
	if (ctx_walk(e, desc & CTX_DESC_LRCA, WALK_SAVE))
		e->faults++;
}

/**
 * sim_engine_elsp - a dword written to the engine's ELSP
 * @e: the engine
 * @val: the dword
 * @desc: set to the two descriptors when this write completes a submission
 *
 * The four writes are element 1 upper, lower, then element 0 upper, lower.
 * The submission is queued (EXECLIST_QUEUE_FULL) until the runner hands it
 * to sim_engine_submit().
 *
 * Return: true when @desc holds a new submission.
 */
bool sim_engine_elsp(struct sim_engine *e, u32 val, u64 desc[2])
{
	e->elsp[e->elsp_n++] = val;
	if (e->elsp_n < 4)
		return false;
	e->elsp_n = 0;
	desc[1] = (u64)e->elsp[0] << 32 | e->elsp[1];
	desc[0] = (u64)e->elsp[2] << 32 | e->elsp[3];
	e->queued = true;
	el_status(e);
	return true;
}

static void engine_take(struct sim_engine *e, const u64 desc[2])
{
	u64 d1 = desc[1] & CTX_DESC_VALID ? desc[1] : 0;
	u64 lrca = desc[0] & CTX_DESC_LRCA;
	u64 cur = e->port[0];
	bool same = cur && (cur & CTX_DESC_LRCA) == lrca;

	if (!(desc[0] & CTX_DESC_VALID) || e->cs.error)
		return;

	if (same && !(desc[0] & CTX_DESC_FORCE_RESTORE)) {
		enum sim_fault f = ctx_walk(e, lrca, WALK_RING);

		e->port[0] = desc[0];
		e->port[1] = d1;
		csb_event(e, CSB_PREEMPTED | CSB_LITE_RESTORE,
			  ctx_id(cur));
		if (f)
			restore_error(e, lrca, SIM_CS_ERR_FAULT, f);
		else
			e->cs.tail = (ereg(e, RING_TAIL) & RING_TAIL_ADDR) %
				     e->cs.ring_size;
		return;
	}
	if (same) {
		/* Forced: the running state is dropped, not saved. */
		csb_event(e, CSB_PREEMPTED, ctx_id(cur));
	} else if (cur) {
		ctx_save(e, cur);
		csb_event(e, CSB_PREEMPTED, ctx_id(cur));
	} else {
		csb_event(e, CSB_IDLE_ACTIVE, 0);
	}
	e->port[0] = desc[0];
	e->port[1] = d1;
	ctx_load(e, desc[0]);
}

/**
 * sim_engine_submit - the engine takes a submission
 * @e: the engine
 * @desc: element 0 and element 1 (element 1 may be invalid)
 *
 * Idle engine: IDLE_ACTIVE and element 0 starts.  Element 0 already
 * running: a lite restore, the new tail is taken and the engine goes on;
 * with CTX_DESC_FORCE_RESTORE in element 0, PREEMPTED instead, the running
 * state is dropped unsaved and the context restored from its image as if
 * it were another (the ring restarts at the image's head).  Another context
 * running: it is preempted at this command boundary, its state saved, and
 * element 0 starts.  An engine stopped on an error ignores the submission.
 */
void sim_engine_submit(struct sim_engine *e, const u64 desc[2])
{
	e->queued = false;
	engine_take(e, desc);
	el_status(e);
}

static enum sim_cs_status engine_run(struct sim_engine *e, u64 until_ns)
{
	u32 ui = e->cs.user_interrupts;
	enum sim_cs_status st;
	u64 next;

	if (!e->port[0])
		return SIM_CS_IDLE;
	if (e->cs.error)
		return SIM_CS_ERROR;
	if (ereg(e, RING_MI_MODE) & MI_MODE_STOP_RING)
		return SIM_CS_WAIT;

	st = SIM_CS_BUDGET;
	if (until_ns > e->cs.time_ns)
		st = sim_cs_run(&e->cs, until_ns - e->cs.time_ns);
	else if (!e->cs.level && e->cs.head == e->cs.tail)
		st = SIM_CS_IDLE;
	if (e->cs.user_interrupts != ui)
		raise_irq(e, GT_USER_INTERRUPT);
	set_ereg(e, RING_HEAD, e->cs.head);
	set_ereg(e, RING_ACTHD, e->cs.head);
	if (st == SIM_CS_ERROR) {
		engine_error(e, sim_cs_addr(&e->cs));
		return st;
	}
	if (st != SIM_CS_IDLE)
		return st;
	if (e->cs.time_ns > until_ns)
		return SIM_CS_BUDGET;	/* the last command has not ended yet */

	ctx_save(e, e->port[0]);
	next = e->port[1];
	csb_event(e, CSB_COMPLETE |
		  (next ? CSB_ELEMENT_SWITCH : CSB_ACTIVE_IDLE),
		  ctx_id(e->port[0]));
	e->port[0] = next;
	e->port[1] = 0;
	if (!next)
		return SIM_CS_IDLE;
	if (!ctx_load(e, next))
		return SIM_CS_ERROR;
	return SIM_CS_BUDGET;
}

/**
 * sim_engine_run - run the current context up to a point in modelled time
 * @e: the engine
 * @until_ns: modelled time before which commands may start; the context's
 *	completion is reported only once its last command has ended by then
 *
 * When the ring is done the context completes: its state is saved, the
 * event reported, and element 1, if any, starts.  So a context is never
 * reported complete before its modelled end.
 *
 * One step of the command streamer (sim_cs_run()): bounded work, so a
 * caller holding a lock holds it for a bounded time.
 *
 * Return: SIM_CS_IDLE when nothing is left, SIM_CS_BUDGET when there is
 * more to run (or to report) later, SIM_CS_WAIT on a semaphore,
 * SIM_CS_ERROR when hung.
 */
enum sim_cs_status sim_engine_run(struct sim_engine *e, u64 until_ns)
{
	enum sim_cs_status st = engine_run(e, until_ns);

	el_status(e);
	return st;
}

/**
 * sim_engine_idle - whether the engine executes nothing
 * @e: the engine
 *
 * Return: true with no context loaded, or when stop-ring holds it.
 */
bool sim_engine_idle(const struct sim_engine *e)
{
	return !e->port[0] ||
	       (ereg(e, RING_MI_MODE) & MI_MODE_STOP_RING);
}

/**
 * sim_engine_reset - engine reset: contexts dropped, streamer cleared
 * @e: the engine; its registers are reset by the caller (the execlist
 *	status this sets is the reset value: idle, nothing queued)
 */
void sim_engine_reset(struct sim_engine *e)
{
	e->port[0] = 0;
	e->port[1] = 0;
	e->elsp_n = 0;
	e->queued = false;
	e->cs.arb_enabled = false;
	e->cs.error = SIM_CS_ERR_NONE;
	e->cs.fault = SIM_FAULT_NONE;
	e->cs.level = 0;
	e->cs.bb_end = 0;
	sim_cs_drop(&e->cs);
	memset(e->tlb.tag, 0, sizeof(e->tlb.tag));
	el_status(e);
}

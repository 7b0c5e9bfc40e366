// SPDX-License-Identifier: GPL-2.0
/*
 * mgvt-sim command streamer: see cs.h.
 *
 * Commands are recognised through one table (data, not code): how DW0
 * matches, which engines accept the command, how long it is and what it
 * costs.  The execution of each kind is a small function below.
 *
 * Gen9's hardware privilege rule.  The ring, and a batch started with
 * MI_BATCH_BUFFER_START in the GGTT, run privileged.  A batch started with
 * the address-space bit (MI_BB_PPGTT) runs non-privileged, and so does
 * every batch it chains to or calls, whatever their own bit says: the Gen9
 * programming reference lets a chained or second-level batch be privileged
 * only when the batch that starts it is.  In a non-privileged batch:
 *
 * - every "use global GTT" bit is ignored (MI_STORE_DWORD_IMM,
 *   MI_STORE_REGISTER_MEM, MI_LOAD_REGISTER_MEM, MI_SEMAPHORE_WAIT, the
 *   post-sync writes of MI_FLUSH_DW and PIPE_CONTROL, and the batch
 *   address of MI_BATCH_BUFFER_START): memory is reached through the
 *   context's PPGTT, so such a batch never names GGTT memory;
 * - a register write (MI_LOAD_REGISTER_IMM, _MEM, _REG) is allowed only to
 *   a register on the engine's hardware whitelist: the registers its
 *   RING_FORCE_TO_NONPRIV slots name (never the slots themselves), and the
 *   few command-streamer registers cs_nonpriv_regs lists;
 * - a post-sync write to the status page (store index) is not allowed:
 *   the HWSP is the kernel's, reached through the GGTT only.
 *
 * A command that breaks the rule is a command privilege violation.  Gen9
 * drops the command and flags the error (ERR_PRIVILEGE in EIR, the CS
 * error interrupt); i915 resets the engine on any CS error.  The model
 * stops the engine at the command, unexecuted, as on every other error,
 * so the driver sees the violation with IPEHR naming the command.
 *
 * Register reads (MI_STORE_REGISTER_MEM, the source of
 * MI_LOAD_REGISTER_REG) are not restricted: Mesa reads timestamps and
 * statistics counters from its batches on Gen9, which no whitelist slot
 * names.  Of the privileged commands Gen9 has, the model executes only
 * the ones above: MI_UPDATE_GTT, MI_STORE_DATA_INDEX, MI_SET_CONTEXT and
 * their like are unknown commands to it, in any batch.
 */
#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "cs.h"
#include "regs/gpu_cmd.h"
#include "regs/regs.h"

/* Longest command we fetch: LRI with 0xff in its length field. */
#define CS_MAX_DW	260

#define CS_RCS	BIT(SIM_RCS0)
#define CS_BCS	BIT(SIM_BCS0)
#define CS_ALL	(BIT(SIM_RCS0) | BIT(SIM_BCS0) | BIT(SIM_VCS0) | BIT(SIM_VECS0))

enum cs_op {
	OP_NOP, OP_USER_INT, OP_ARB, OP_BBE, OP_BBS, OP_SDI, OP_LRI, OP_SRM,
	OP_LRM, OP_LRR, OP_FLUSH_DW, OP_PIPE_CONTROL, OP_SEM_WAIT,
	OP_COLOR_BLT, OP_COPY_BLT, OP_3D,
};

/**
 * struct cs_cmd - one entry of the command table
 * @name: command name, for logs
 * @match: DW0 & @mask must equal this
 * @mask: bits of DW0 that identify the command
 * @engines: engines that accept it
 * @len: fixed length in dwords, or 0 to take it from DW0
 * @len_mask: DW0 bits holding "length - 2" when @len is 0
 * @min_len: shortest valid length
 * @cost_ns: modelled duration
 * @op: what it does
 */
struct cs_cmd {
	const char *name;
	u32 match;
	u32 mask;
	u8 engines;
	u8 len;
	u16 len_mask;
	u8 min_len;
	u16 cost_ns;
	enum cs_op op;
};

#define MI_MASK		MI_OPCODE_MASK
#define BLT_MASK	BLT_OPCODE_MASK
#define GFX_MASK	GFX_OPCODE_MASK

/* Modelled costs are not measurements: they make GPU time visible. */
#define CMD(op, ...)	{ #op, op, __VA_ARGS__ }
static const struct cs_cmd cs_cmds[] = {
	CMD(MI_NOOP,               MI_MASK,  CS_ALL, 1, 0,     1,  10,  OP_NOP),
	CMD(MI_USER_INTERRUPT,     MI_MASK,  CS_ALL, 1, 0,     1,  20,  OP_USER_INT),
	CMD(MI_ARB_CHECK,          MI_MASK,  CS_ALL, 1, 0,     1,  10,  OP_NOP),
	CMD(MI_ARB_ON_OFF,         MI_MASK,  CS_ALL, 1, 0,     1,  10,  OP_ARB),
	CMD(MI_BATCH_BUFFER_END,   MI_MASK,  CS_ALL, 1, 0,     1,  20,  OP_BBE),
	CMD(MI_SEMAPHORE_WAIT,     MI_MASK,  CS_ALL, 0, 0xff,  4,  100, OP_SEM_WAIT),
	CMD(MI_STORE_DWORD_IMM,    MI_MASK,  CS_ALL, 0, 0x3ff, 4,  40,  OP_SDI),
	CMD(MI_LOAD_REGISTER_IMM,  MI_MASK,  CS_ALL, 0, 0xff,  3,  30,  OP_LRI),
	CMD(MI_STORE_REGISTER_MEM, MI_MASK,  CS_ALL, 0, 0xff,  4,  50,  OP_SRM),
	CMD(MI_FLUSH_DW,           MI_MASK,  CS_ALL, 0, 0x3f,  4,  100, OP_FLUSH_DW),
	CMD(MI_LOAD_REGISTER_MEM,  MI_MASK,  CS_ALL, 0, 0xff,  4,  50,  OP_LRM),
	CMD(MI_LOAD_REGISTER_REG,  MI_MASK,  CS_ALL, 0, 0xff,  3,  40,  OP_LRR),
	CMD(MI_BATCH_BUFFER_START, MI_MASK,  CS_ALL, 0, 0xff,  3,  50,  OP_BBS),
	CMD(XY_COLOR_BLT,          BLT_MASK, CS_BCS, 0, 0xff,  7,  200, OP_COLOR_BLT),
	CMD(XY_SRC_COPY_BLT,       BLT_MASK, CS_BCS, 0, 0xff,  10, 200, OP_COPY_BLT),
	CMD(PIPE_CONTROL,              GFX_MASK,        CS_RCS, 0, 0xff, 6, 100,  OP_PIPE_CONTROL),
	CMD(PIPELINE_SELECT,           GFX_MASK,        CS_RCS, 1, 0,    1, 50,   OP_3D),
	CMD(GFX_3DSTATE_VF_STATISTICS, GFX_MASK,        CS_RCS, 1, 0,    1, 20,   OP_3D),
	CMD(GFX_3DPRIMITIVE,           GFX_MASK,        CS_RCS, 0, 0xff, 7, 5000, OP_3D),
	CMD(GFX_3D_STATE,              GFX_CLIENT_MASK, CS_RCS, 0, 0xff, 2, 50,   OP_3D),
};

/* Blitter throughput: 8 bytes per ns. */
#define BLT_BYTES_PER_NS	8

static const struct cs_cmd *cs_decode(const struct sim_cs *cs, u32 dw0)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cs_cmds); i++)
		if ((dw0 & cs_cmds[i].mask) == cs_cmds[i].match)
			return cs_cmds[i].engines & BIT(cs->engine) ?
			       &cs_cmds[i] : NULL;
	return NULL;
}

static unsigned int cs_len(const struct cs_cmd *cmd, u32 dw0)
{
	return cmd->len ? cmd->len : (dw0 & cmd->len_mask) + 2;
}

/**
 * sim_cs_drop - forget the command a step ended in
 * @cs: the streamer
 *
 * For a new context or an engine reset.  The ring position still points at
 * that command, so a context preempted inside a blit runs the whole blit
 * again when it is resubmitted.
 */
void sim_cs_drop(struct sim_cs *cs)
{
	cs->cmd_len = 0;
	cs->blt_row = 0;
	cs->blt_col = 0;
	cs->blt_bytes = 0;
}

static enum sim_cs_status cs_error(struct sim_cs *cs, enum sim_cs_error err,
				   u32 dw0)
{
	cs->error = err;
	cs->error_dw = dw0;
	sim_cs_drop(cs);
	return SIM_CS_ERROR;
}

/* A PPGTT access when the context has no PPGTT. */
static enum sim_fault cs_no_ppgtt(struct sim_cs *cs, u64 addr)
{
	cs->mem->fault_addr = addr;
	cs->mem->fault_ppgtt = true;
	return SIM_FAULT_PTE;
}

/* Read @n dwords at the current position of the current level. */
static enum sim_fault cs_fetch(struct sim_cs *cs, u32 *dw, unsigned int n)
{
	unsigned int lvl = cs->level;
	enum sim_fault f;
	unsigned int i;

	if (lvl && cs->bb_ppgtt[lvl] && !cs->pml4)
		return cs_no_ppgtt(cs, cs->bb_addr[lvl]);
	if (lvl)
		return sim_mem_access(cs->mem, cs->bb_ppgtt[lvl] ? cs->pml4 : 0,
				      cs->bb_addr[lvl], dw, 4 * n, false);
	/* The ring wraps: fetch dword by dword. */
	for (i = 0; i < n; i++) {
		u32 off = (cs->head + 4 * i) % cs->ring_size;

		f = sim_mem_access(cs->mem, 0, cs->ring_start + off, &dw[i], 4,
				   false);
		if (f)
			return f;
	}
	return SIM_FAULT_NONE;
}

/**
 * sim_cs_addr - where the streamer is
 * @cs: the streamer
 *
 * Return: the GM address of the command at the current position: in the
 * ring (ring start + head) or in the batch of the current level.  After an
 * error, the command that failed.
 */
u64 sim_cs_addr(const struct sim_cs *cs)
{
	return cs->level ? cs->bb_addr[cs->level] : cs->ring_start + cs->head;
}

/**
 * sim_cs_indirect - run a context's indirect batch before its ring
 * @cs: the streamer, at level 0 after a context restore
 * @addr: GGTT address of the batch (RING_INDIRECT_CTX)
 * @bytes: its size: it ends there, or earlier at an MI_BATCH_BUFFER_END
 *
 * The batch runs as a first-level batch called from the ring position the
 * restore set; when it ends, the ring goes on from there.
 */
void sim_cs_indirect(struct sim_cs *cs, u64 addr, u32 bytes)
{
	cs->level = 1;
	cs->bb_addr[1] = addr;
	cs->bb_ppgtt[1] = false;
	cs->bb_end = addr + bytes;
}

static void cs_advance(struct sim_cs *cs, unsigned int n)
{
	if (cs->level)
		cs->bb_addr[cs->level] += 4 * n;
	else
		cs->head = (cs->head + 4 * n) % cs->ring_size;
}

/* Whether the command at the current position runs non-privileged. */
static bool cs_nonpriv(const struct sim_cs *cs)
{
	return cs->level && cs->bb_ppgtt[cs->level];
}

/*
 * Memory access on behalf of a command: GGTT or the context's PPGTT.  A
 * non-privileged batch's GGTT bit is ignored (see the top of this file).
 */
static bool cs_mem(struct sim_cs *cs, bool ggtt, u64 addr, void *buf,
		   size_t len, bool write)
{
	enum sim_fault f;

	ggtt = ggtt && !cs_nonpriv(cs);
	if (!ggtt && !cs->pml4)
		f = cs_no_ppgtt(cs, addr);
	else
		f = sim_mem_access(cs->mem, ggtt ? 0 : cs->pml4, addr, buf,
				   len, write);
	if (f) {
		cs->fault = f;
		return false;
	}
	return true;
}

static u64 addr64(u32 lo, u32 hi, u32 align_mask)
{
	return (lo & ~align_mask) | (u64)FIELD_GET(GFX_ADDR_HI, hi) << 32;
}

/* GPU timestamp: 12 MHz on Gen9, counting modelled time. */
static u64 cs_timestamp(const struct sim_cs *cs)
{
	return cs->time_ns * 3 / 250;
}

/*
 * Post-sync write of MI_FLUSH_DW and PIPE_CONTROL; a store index (into the
 * HWSP, through the GGTT) is privileged.
 */
static enum sim_cs_error cs_post_sync(struct sim_cs *cs, unsigned int op,
				      bool index, bool ggtt, u32 lo, u32 hi,
				      u64 data, size_t size)
{
	u64 addr = index ? cs->hwsp + (lo & HWSP_INDEX_MASK) :
			   addr64(lo, hi, 7);

	if (op == POST_SYNC_TIMESTAMP) {
		data = cs_timestamp(cs);
		size = 8;
	} else if (op != POST_SYNC_IMM) {
		return SIM_CS_ERR_NONE;
	}
	if (index && cs_nonpriv(cs))
		return SIM_CS_ERR_PRIVILEGE;
	if (!cs_mem(cs, ggtt || index, addr, &data, size, true))
		return SIM_CS_ERR_FAULT;
	return SIM_CS_ERR_NONE;
}

/*
 * The register a command names: its offset field spans 8 MiB, the register
 * file 2 MiB.  Hardware hangs on what it cannot decode; so does the model.
 */
static bool cs_reg(u32 dw, u32 *reg)
{
	*reg = dw & MI_REG_OFFSET;
	return *reg < MGVT_MMIO_REG_SIZE;
}

/*
 * Registers a non-privileged batch may write whatever the whitelist slots
 * say: the command-streamer state Mesa programs from its own batches on
 * Gen9 with no RING_FORCE_TO_NONPRIV slot naming it (i915 fills Skylake's
 * render slots with five chicken and preemption registers, the others not
 * at all), as i915's Gen7 command parser lists it for userspace
 * (gen7_render_regs, hsw_render_regs in i915_cmd_parser.c): the general
 * purpose registers of MI_MATH, MI_PREDICATE's sources, the indirect draw
 * and dispatch parameters, the stream-output write offsets.  Not the
 * counters, timestamps or Gen7 L3 registers of those lists.  Other
 * registers Gen9 may let through are not modelled: a write there is a
 * violation on the sim.
 */
struct cs_reg_range {
	u32 offset;		/* from the engine base with @rel */
	u8 dwords;
	u8 engines;
	bool rel;
};

static const struct cs_reg_range cs_nonpriv_regs[] = {
	{ RING_CS_GPR, RING_CS_GPR_DWORDS, CS_ALL, true },	/* CS_GPR0..15 */
	{ 0x400, 4, CS_RCS, true },	/* MI_PREDICATE_SRC0, _SRC1 */
	{ 0x2420, 1, CS_RCS, false },	/* 3DPRIM_END_OFFSET */
	{ 0x2430, 5, CS_RCS, false },	/* 3DPRIM_START_VERTEX..BASE_VERTEX */
	{ 0x2500, 3, CS_RCS, false },	/* GPGPU_DISPATCHDIMX..Z */
	{ 0x5280, 4, CS_RCS, false },	/* SO_WRITE_OFFSET0..3 */
};

/*
 * Whether a non-privileged batch may write @reg (in the register file).
 * After a full reset every slot reads 0, naming offset 0, to which the
 * model gives no meaning.
 */
static bool cs_nonpriv_reg(struct sim_cs *cs, u32 reg)
{
	u32 base = gen9_engine_base(cs->engine);
	u32 slots = base + RING_FORCE_TO_NONPRIV(0);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cs_nonpriv_regs); i++) {
		const struct cs_reg_range *r = &cs_nonpriv_regs[i];
		u32 first = r->offset + (r->rel ? base : 0);

		if ((r->engines & BIT(cs->engine)) && reg >= first &&
		    reg < first + 4 * r->dwords)
			return true;
	}
	/* A slot naming a slot would let a batch widen its own whitelist. */
	if (reg >= slots && reg < slots + 4 * RING_NONPRIV_SLOTS)
		return false;
	for (i = 0; i < RING_NONPRIV_SLOTS; i++)
		if ((cs->ops->reg_read(cs->priv, slots + 4 * i) &
		     FORCE_TO_NONPRIV_ADDR) == reg)
			return true;
	return false;
}

/* The register a command writes, checked: 0 or why the command fails. */
static enum sim_cs_error cs_reg_write_check(struct sim_cs *cs, u32 dw,
					    u32 *reg)
{
	if (!cs_reg(dw, reg))
		return SIM_CS_ERR_REGISTER;
	if (cs_nonpriv(cs) && !cs_nonpriv_reg(cs, *reg))
		return SIM_CS_ERR_PRIVILEGE;
	return SIM_CS_ERR_NONE;
}

/* MI_LOAD_REGISTER_IMM: every offset is checked before any is written. */
static enum sim_cs_status cs_lri(struct sim_cs *cs, const u32 *dw,
				 unsigned int len)
{
	enum sim_cs_error err;
	unsigned int i;
	u32 reg;

	if (!(len & 1))
		return cs_error(cs, SIM_CS_ERR_UNKNOWN, dw[0]);
	for (i = 1; i + 1 < len; i += 2)
		if (!cs_reg(dw[i], &reg))
			return cs_error(cs, SIM_CS_ERR_REGISTER, dw[0]);
	for (i = 1; i + 1 < len; i += 2) {
		err = cs_reg_write_check(cs, dw[i], &reg);
		if (err)
			return cs_error(cs, err, dw[0]);
	}
	for (i = 1; i + 1 < len; i += 2)
		cs->ops->reg_write(cs->priv, dw[i] & MI_REG_OFFSET, dw[i + 1]);
	return SIM_CS_IDLE;
}

static bool sem_passes(u32 value, u32 data, unsigned int op)
{
	switch (op) {
	case 0: return value > data;
	case 1: return value >= data;
	case 2: return value < data;
	case 3: return value <= data;
	case 4: return value == data;
	case 5: return value != data;
	default: return false;
	}
}

static enum sim_cs_status cs_bbs(struct sim_cs *cs, const u32 *dw,
				 unsigned int len)
{
	bool nonpriv = (dw[0] & MI_BB_PPGTT) || cs_nonpriv(cs);
	unsigned int lvl = cs->level;

	cs_advance(cs, len);
	/*
	 * From the ring: a first-level batch.  From a first-level batch with
	 * the second-level bit: a second-level one.  Otherwise the new batch
	 * replaces the current one (chaining).
	 */
	if (!lvl || ((dw[0] & MI_BB_SECOND_LEVEL) && lvl == 1))
		lvl++;
	else if (lvl == 1)
		cs->bb_end = 0;	/* chained out of an indirect batch */
	cs->level = lvl;
	cs->bb_addr[lvl] = addr64(dw[1], dw[2], 3);
	cs->bb_ppgtt[lvl] = nonpriv;	/* non-privileged: in the PPGTT */
	return SIM_CS_IDLE;
}

/*
 * A blit, started or resumed: charged for the bytes this step moved.  When
 * the step's pixels run out it is kept in @cs and goes on in the next step,
 * the ring position still at the command.
 */
static enum sim_cs_status cs_blt(struct sim_cs *cs, const struct cs_cmd *cmd,
				 const u32 *dw, unsigned int len, u64 *cost)
{
	enum sim_cs_error err;
	u64 bytes = 0;
	bool more;

	err = cmd->op == OP_COLOR_BLT ? sim_blt_color(cs, dw, &bytes, &more) :
					sim_blt_copy(cs, dw, &bytes, &more);
	/* Charged by the command's total, so splitting it rounds nothing. */
	*cost += (cs->blt_bytes + bytes) / BLT_BYTES_PER_NS -
		 cs->blt_bytes / BLT_BYTES_PER_NS;
	cs->blt_bytes += bytes;
	if (err)
		return cs_error(cs, err, dw[0]);
	if (more) {
		if (dw != cs->cmd) {
			memset(cs->cmd, 0, sizeof(cs->cmd));
			memcpy(cs->cmd, dw, 4 * min_t(unsigned int, len, SIM_CS_CMD_DW));
		}
		cs->cmd_len = len;
		return SIM_CS_BUDGET;
	}
	sim_cs_drop(cs);
	cs_advance(cs, len);
	return SIM_CS_IDLE;
}

/*
 * Execute one command.  Returns SIM_CS_IDLE to go on (the position already
 * moved), SIM_CS_WAIT to retry it later, SIM_CS_BUDGET to resume it in the
 * next step, SIM_CS_ERROR to stop.
 */
static enum sim_cs_status cs_exec(struct sim_cs *cs, const struct cs_cmd *cmd,
				  const u32 *dw, unsigned int len, u64 *cost)
{
	bool ggtt = dw[0] & MI_USE_GGTT;
	enum sim_cs_error err;
	u32 val, reg, reg2;

	switch (cmd->op) {
	case OP_BBS:
		return cs_bbs(cs, dw, len);
	case OP_BBE:
		cs_advance(cs, len);
		if (cs->level)
			cs->level--;	/* a BBE in the ring does nothing */
		if (!cs->level)
			cs->bb_end = 0;	/* back in the ring */
		return SIM_CS_IDLE;
	case OP_SEM_WAIT:
		if (!cs_mem(cs, ggtt, addr64(dw[2], dw[3], 3), &val, 4, false))
			return cs_error(cs, SIM_CS_ERR_FAULT, dw[0]);
		if (!sem_passes(val, dw[1], (dw[0] >> SEM_COMPARE_SHIFT) & 7))
			return SIM_CS_WAIT;
		break;
	case OP_NOP:
	case OP_3D:
		break;
	case OP_USER_INT:
		cs->user_interrupts++;
		break;
	case OP_ARB:
		cs->arb_enabled = dw[0] & 1;
		break;
	case OP_SDI:
		if (len > 5)
			return cs_error(cs, SIM_CS_ERR_UNKNOWN, dw[0]);
		if (!cs_mem(cs, ggtt, addr64(dw[1], dw[2], 3), (void *)&dw[3],
			    4 * (len - 3), true))
			return cs_error(cs, SIM_CS_ERR_FAULT, dw[0]);
		break;
	case OP_LRI:
		if (cs_lri(cs, dw, len) != SIM_CS_IDLE)
			return SIM_CS_ERROR;
		*cost += 10 * (len / 2);
		break;
	case OP_SRM:
		if (!cs_reg(dw[1], &reg))
			return cs_error(cs, SIM_CS_ERR_REGISTER, dw[0]);
		val = cs->ops->reg_read(cs->priv, reg);
		if (!cs_mem(cs, ggtt, addr64(dw[2], dw[3], 3), &val, 4, true))
			return cs_error(cs, SIM_CS_ERR_FAULT, dw[0]);
		break;
	case OP_LRM:
		err = cs_reg_write_check(cs, dw[1], &reg);
		if (err)
			return cs_error(cs, err, dw[0]);
		if (!cs_mem(cs, ggtt, addr64(dw[2], dw[3], 3), &val, 4, false))
			return cs_error(cs, SIM_CS_ERR_FAULT, dw[0]);
		cs->ops->reg_write(cs->priv, reg, val);
		break;
	case OP_LRR:
		if (!cs_reg(dw[1], &reg) || !cs_reg(dw[2], &reg2))
			return cs_error(cs, SIM_CS_ERR_REGISTER, dw[0]);
		err = cs_reg_write_check(cs, dw[2], &reg2);
		if (err)
			return cs_error(cs, err, dw[0]);
		val = cs->ops->reg_read(cs->priv, reg);
		cs->ops->reg_write(cs->priv, reg2, val);
		break;
	case OP_FLUSH_DW:
		err = cs_post_sync(cs, (dw[0] >> POST_SYNC_SHIFT) & 3,
				   dw[0] & MI_FLUSH_STORE_INDEX,
				   dw[1] & MI_FLUSH_ADDR_GGTT, dw[1], dw[2],
				   dw[3] | (len > 4 ? (u64)dw[4] << 32 : 0),
				   len > 4 ? 8 : 4);
		if (err)
			return cs_error(cs, err, dw[0]);
		break;
	case OP_PIPE_CONTROL:
		err = cs_post_sync(cs, (dw[1] >> POST_SYNC_SHIFT) & 3,
				   dw[1] & PC_STORE_INDEX, dw[1] & PC_ADDR_GGTT,
				   dw[2], dw[3], dw[4] | (u64)dw[5] << 32, 8);
		if (err)
			return cs_error(cs, err, dw[0]);
		break;
	case OP_COLOR_BLT:
	case OP_COPY_BLT:
		return cs_blt(cs, cmd, dw, len, cost);
	}
	cs_advance(cs, len);
	return SIM_CS_IDLE;
}

/* Fetch, decode and execute the command at the current position. */
static enum sim_cs_status cs_step(struct sim_cs *cs, u32 *dw)
{
	const struct cs_cmd *cmd;
	enum sim_cs_status st;
	unsigned int len;
	enum sim_fault f;
	u64 cost;

	f = cs_fetch(cs, dw, 1);
	if (f) {
		cs->fault = f;
		return cs_error(cs, SIM_CS_ERR_FAULT, 0);
	}
	cmd = cs_decode(cs, dw[0]);
	if (!cmd)
		return cs_error(cs, SIM_CS_ERR_UNKNOWN, dw[0]);
	len = cs_len(cmd, dw[0]);
	if (len < cmd->min_len || len > CS_MAX_DW)
		return cs_error(cs, SIM_CS_ERR_UNKNOWN, dw[0]);
	if (len > 1) {
		f = cs_fetch(cs, dw, len);
		if (f) {
			cs->fault = f;
			return cs_error(cs, SIM_CS_ERR_FAULT, dw[0]);
		}
	}
	cs->step_dwords += len;
	cost = cmd->cost_ns;
	st = cs_exec(cs, cmd, dw, len, &cost);
	cs->time_ns += cost;
	return st;
}

/* Go on with the command the last step ended in: it is already paid for. */
static enum sim_cs_status cs_resume(struct sim_cs *cs)
{
	const struct cs_cmd *cmd = cs_decode(cs, cs->cmd[0]);
	u64 cost = 0;
	enum sim_cs_status st;

	if (!cmd || (cmd->op != OP_COLOR_BLT && cmd->op != OP_COPY_BLT))
		return cs_error(cs, SIM_CS_ERR_UNKNOWN, cs->cmd[0]);
	st = cs_blt(cs, cmd, cs->cmd, cs->cmd_len, &cost);
	cs->time_ns += cost;
	return st;
}

/**
 * sim_cs_run - one step: run the engine's commands for up to @budget_ns of
 *	model time and a bounded amount of work
 * @cs: the streamer, with ring and context set up
 * @budget_ns: modelled time it may consume
 *
 * A command starts only within the budget and may overrun it; a blit the
 * last step ended in goes on first.  Whatever the commands, a step does at
 * most the work SIM_CS_STEP_DWORDS and SIM_CS_STEP_PIXELS allow (counted in
 * @cs->step_dwords and @cs->step_pixels), then returns SIM_CS_BUDGET.  A
 * batch that loops forever keeps returning SIM_CS_BUDGET until the engine
 * is reset.
 *
 * Return: why it stopped.
 */
enum sim_cs_status sim_cs_run(struct sim_cs *cs, u64 budget_ns)
{
	u64 end = cs->time_ns + budget_ns;
	u32 dw[CS_MAX_DW];
	enum sim_cs_status st;

	if (cs->error)
		return SIM_CS_ERROR;
	if (!cs->ring_size)
		return cs_error(cs, SIM_CS_ERR_UNKNOWN, 0);

	cs->step_dwords = 0;
	cs->step_pixels = 0;
	if (cs->cmd_len) {
		st = cs_resume(cs);
		if (st != SIM_CS_IDLE)
			return st;
	}
	while (cs->time_ns < end && cs->step_dwords < SIM_CS_STEP_DWORDS) {
		if (cs->level == 1 && cs->bb_end &&
		    cs->bb_addr[1] >= cs->bb_end) {
			cs->level = 0;	/* the indirect batch ran its size */
			cs->bb_end = 0;
		}
		if (!cs->level && cs->head == cs->tail)
			return SIM_CS_IDLE;
		st = cs_step(cs, dw);
		if (st != SIM_CS_IDLE)
			return st;
	}
	return SIM_CS_BUDGET;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * mgvt-sim register file: see regs.h.
 *
 * Sources of values, by tag in the table's last column:
 *   i915   offsets and bit meanings as the Linux i915 driver uses them
 *   reset  offset as i915 uses it; the value ("0", "all masked") is the
 *          after-reset default that every driver programs anyway
 *   skl    Skylake GT2: 1 slice x 3 subslices x 8 EUs, the configuration
 *          of 8086:1912 (i915's Gen9 SSEU decoding of these fuses)
 *   model  a property of this model (documented where used)
 */
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "regs/regsem.h"
#include "regs.h"

#define SR_RO		BIT(0)	/* writes dropped (and counted) */
#define SR_MASKED	BIT(1)	/* bits 31:16 enable writes of bits 15:0 */
#define SR_W1C		BIT(2)	/* writing 1 clears */
#define SR_ENGINE	BIT(3)	/* one copy per engine, offset from its base */
#define SR_FULL_RESET	BIT(4)	/* an engine reset keeps it (SR_ENGINE) */

enum sim_reg_kind {
	SK_PLAIN,
	SK_FW_REQ,	/* forcewake request of a domain */
	SK_FW_ACK,	/* its acknowledge: mirrors the request */
	SK_GDRST,	/* reset request: acts, then reads 0 */
	SK_RESET_CTL,	/* engine reset handshake: ready follows request */
	SK_MI_MODE,	/* idle bit follows stop-ring and the engine */
	SK_PCODE,	/* mailbox: command done when written */
	SK_ELSP,	/* execlist submit port */
	SK_FLUSH,	/* GGTT invalidate */
	SK_TIMESTAMP,	/* engine time, read-only */
	SK_MASTER_IRQ,	/* control bit stored, pending bits computed */
	SK_PWR_WELL,	/* state bits follow the request bits at once */
};

/**
 * struct sim_reg - one register the model gives meaning to
 * @name: register name
 * @offset: BAR0 offset, or offset from the engine base with SR_ENGINE
 * @reset: value after reset
 * @flags: SR_* access semantics
 * @kind: behaviour beyond storage
 * @domain: forcewake domain that must be awake; for SR_ENGINE registers
 *	the engine's own domain is used
 * @source: where the offset and reset value come from
 */
struct sim_reg {
	const char *name;
	u32 offset;
	u32 reset;
	u8 flags;
	u8 kind;
	u8 domain;
	const char *source;
};

/* Fuse values of the modelled part; see the "skl" source tag. */
#define SKL_GT2_FUSE2		(BIT(FUSE2_SLICE_ENABLE_SHIFT) | 0x8U << FUSE2_SS_DISABLE_SHIFT)
#define SKL_GT2_EU_DISABLE0	0xff000000	/* subslice 3 absent */
#define SKL_FUSES_DISTRIBUTED	(SKL_FUSE_DOWNLOAD_DONE | SKL_FUSE_PG_DIST(0) | \
				 SKL_FUSE_PG_DIST(1) | SKL_FUSE_PG_DIST(2))

#define ENG(n, off, rst, fl, k) \
	{ n, off, rst, (fl) | SR_ENGINE, k, SIM_FW_NONE, "i915" }
/*
 * The hardware whitelist (regs/regs.h): i915 programs it when the GT starts
 * or resumes, not after an engine reset, which it expects the whitelist to
 * survive (its selftest_workarounds.c checks that it does).
 */
#define NONPRIV(n) ENG("RING_FORCE_TO_NONPRIV" #n, RING_FORCE_TO_NONPRIV(n), \
			 0, SR_FULL_RESET, SK_PLAIN)
#define REG(n, off, rst, fl, k, src) { n, off, rst, fl, k, SIM_FW_NONE, src }
/* A global register in forcewake domain @dom (i915's Gen9 ranges). */
#define REG_FW(n, off, rst, fl, dom) { n, off, rst, fl, SK_PLAIN, dom, "i915" }

static const struct sim_reg sim_reg_table[] = {
	ENG("RING_TAIL",	RING_TAIL,		0, 0, SK_PLAIN),
	ENG("RING_HEAD",	RING_HEAD,		0, 0, SK_PLAIN),
	ENG("RING_START",	RING_START,		0, 0, SK_PLAIN),
	ENG("RING_CTL",		RING_CTL,		0, 0, SK_PLAIN),
	ENG("RING_IPEIR",	RING_IPEIR,		0, SR_RO, SK_PLAIN),
	ENG("RING_IPEHR",	RING_IPEHR,		0, SR_RO, SK_PLAIN),
	ENG("RING_ACTHD",	RING_ACTHD,		0, SR_RO, SK_PLAIN),
	ENG("RING_DMA_FADD",	RING_DMA_FADD,	0, SR_RO, SK_PLAIN),
	ENG("RING_HWS_PGA",	RING_HWS_PGA,	0, 0, SK_PLAIN),
	ENG("RING_MI_MODE",	RING_MI_MODE,	0, SR_MASKED, SK_MI_MODE),
	ENG("RING_IMR",		RING_IMR,		~0u, 0, SK_PLAIN),
	ENG("RING_EIR",		RING_EIR,		0, SR_W1C, SK_PLAIN),
	ENG("RING_EMR",		RING_EMR,		0, 0, SK_PLAIN),
	ENG("RING_ESR",		RING_ESR,		0, SR_RO, SK_PLAIN),
	ENG("RING_RESET_CTL",	RING_RESET_CTL,	0, SR_MASKED, SK_RESET_CTL),
	ENG("RING_ELSP",	RING_ELSP,		0, 0, SK_ELSP),
	ENG("RING_EXECLIST_STATUS", RING_EXECLIST_STATUS, 0, SR_RO, SK_PLAIN),
	ENG("RING_EXECLIST_STATUS_HI", RING_EXECLIST_STATUS_HI, 0, SR_RO, SK_PLAIN),
	ENG("RING_MODE",	RING_MODE,		0, SR_MASKED, SK_PLAIN),
	ENG("RING_TIMESTAMP",	RING_TIMESTAMP,	0, SR_RO, SK_TIMESTAMP),
	ENG("RING_CSB_PTR",	RING_CSB_PTR,	0, SR_MASKED, SK_PLAIN),
	NONPRIV(0), NONPRIV(1), NONPRIV(2), NONPRIV(3), NONPRIV(4), NONPRIV(5),
	NONPRIV(6), NONPRIV(7), NONPRIV(8), NONPRIV(9), NONPRIV(10), NONPRIV(11),
	REG("FORCEWAKE_RENDER",	FORCEWAKE_RENDER,	0, SR_MASKED, SK_FW_REQ, "i915"),
	REG("FORCEWAKE_ACK_RENDER", FORCEWAKE_ACK_RENDER, 0, SR_RO, SK_FW_ACK, "i915"),
	REG("FORCEWAKE_GT",	FORCEWAKE_GT,	0, SR_MASKED, SK_FW_REQ, "i915"),
	REG("FORCEWAKE_ACK_GT",	FORCEWAKE_ACK_GT,	0, SR_RO, SK_FW_ACK, "i915"),
	REG("FORCEWAKE_MEDIA",	FORCEWAKE_MEDIA,	0, SR_MASKED, SK_FW_REQ, "i915"),
	REG("FORCEWAKE_ACK_MEDIA", FORCEWAKE_ACK_MEDIA, 0, SR_RO, SK_FW_ACK, "i915"),
	REG("GDRST",		GDRST,		0, 0, SK_GDRST, "i915"),
	REG_FW("FAULT_REG",	FAULT_REG,		0, 0, SIM_FW_GT),
	REG_FW("FAULT_TLB_DATA0", FAULT_TLB_DATA0,	0, SR_RO, SIM_FW_GT),
	REG_FW("FAULT_TLB_DATA1", FAULT_TLB_DATA1,	0, SR_RO, SIM_FW_GT),
	REG("PCODE_MAILBOX",	PCODE_MAILBOX,	0, 0, SK_PCODE, "i915"),
	REG("MASTER_IRQ",	MASTER_IRQ,		0, 0, SK_MASTER_IRQ, "i915"),
	REG("GT0_ISR",		GT_ISR(0),		0, SR_RO, SK_PLAIN, "reset"),
	REG("GT0_IMR",		GT_IMR(0),		~0u, 0, SK_PLAIN, "reset"),
	REG("GT0_IIR",		GT_IIR(0),		0, SR_W1C, SK_PLAIN, "reset"),
	REG("GT0_IER",		GT_IER(0),		0, 0, SK_PLAIN, "reset"),
	REG("GT1_IMR",		GT_IMR(1),		~0u, 0, SK_PLAIN, "reset"),
	REG("GT1_IIR",		GT_IIR(1),		0, SR_W1C, SK_PLAIN, "reset"),
	REG("GT1_IER",		GT_IER(1),		0, 0, SK_PLAIN, "reset"),
	REG("GT2_IMR",		GT_IMR(2),		~0u, 0, SK_PLAIN, "reset"),
	REG("GT2_IIR",		GT_IIR(2),		0, SR_W1C, SK_PLAIN, "reset"),
	REG("GT2_IER",		GT_IER(2),		0, 0, SK_PLAIN, "reset"),
	REG("GT3_IMR",		GT_IMR(3),		~0u, 0, SK_PLAIN, "reset"),
	REG("GT3_IIR",		GT_IIR(3),		0, SR_W1C, SK_PLAIN, "reset"),
	REG("GT3_IER",		GT_IER(3),		0, 0, SK_PLAIN, "reset"),
	REG("FUSE2", GEN8_FUSE2, SKL_GT2_FUSE2, SR_RO, SK_PLAIN, "skl"),
	REG("EU_DISABLE0", GEN9_EU_DISABLE(0), SKL_GT2_EU_DISABLE0, SR_RO, SK_PLAIN, "skl"),
	REG("SKL_FUSE_STATUS", SKL_FUSE_STATUS, SKL_FUSES_DISTRIBUTED, SR_RO, SK_PLAIN, "model"),
	REG("PWR_WELL_CTL_BIOS", PWR_WELL_CTL_BIOS,	0, 0, SK_PWR_WELL, "i915"),
	REG("PWR_WELL_CTL_DRIVER", PWR_WELL_CTL_DRIVER,	0, 0, SK_PWR_WELL, "i915"),
	REG("GFX_FLSH_CNTL",	GFX_FLSH_CNTL,	0, 0, SK_FLUSH, "i915"),
};

/*
 * regs->desc holds 1 + a table index and regs->engine an engine: both must
 * fit their types, or registers would silently alias.
 */
static_assert(ARRAY_SIZE(sim_reg_table) <
	      BIT_ULL(8 * sizeof(*((struct sim_regs *)NULL)->desc)),
	      "the register table outgrows its index type");
static_assert(SIM_NUM_ENGINES <=
	      BIT_ULL(8 * sizeof(*((struct sim_regs *)NULL)->engine)),
	      "the engines outgrow the per-dword engine type");

/* Gen9 forcewake: render for RCS, the GT (blitter) domain for BCS, media. */
static const u8 engine_domain[SIM_NUM_ENGINES] = {
	[SIM_RCS0] = SIM_FW_RENDER, [SIM_BCS0] = SIM_FW_GT,
	[SIM_VCS0] = SIM_FW_MEDIA, [SIM_VECS0] = SIM_FW_MEDIA,
};

static const u32 fw_req_reg[SIM_FW_DOMAINS] = {
	[SIM_FW_RENDER] = FORCEWAKE_RENDER, [SIM_FW_GT] = FORCEWAKE_GT,
	[SIM_FW_MEDIA] = FORCEWAKE_MEDIA,
};

static void index_reg(struct sim_regs *regs, unsigned int i, u32 off, u8 e)
{
	regs->desc[off / 4] = i + 1;
	regs->engine[off / 4] = e;
}

/**
 * sim_regs_init - build the register file in its after-reset state
 * @regs: the register file
 * @hooks: side effects of register writes
 * @priv: passed to @hooks
 *
 * Return: 0 or -ENOMEM.
 */
int sim_regs_init(struct sim_regs *regs, const struct sim_regs_hooks *hooks,
		  void *priv)
{
	unsigned int i, e;

	regs->val = vzalloc(MGVT_MMIO_REG_SIZE);
	regs->desc = vzalloc(MGVT_MMIO_REG_SIZE / 4 * sizeof(*regs->desc));
	regs->engine = vzalloc(MGVT_MMIO_REG_SIZE / 4 * sizeof(*regs->engine));
	if (!regs->val || !regs->desc || !regs->engine) {
		sim_regs_fini(regs);
		return -ENOMEM;
	}
	regs->hooks = hooks;
	regs->priv = priv;
	atomic_long_set(&regs->no_forcewake, 0);
	atomic_long_set(&regs->ro_writes, 0);
	atomic_long_set(&regs->range_faults, 0);

	for (i = 0; i < ARRAY_SIZE(sim_reg_table); i++) {
		const struct sim_reg *r = &sim_reg_table[i];

		if (!(r->flags & SR_ENGINE)) {
			index_reg(regs, i, r->offset, 0);
			continue;
		}
		for (e = 0; e < SIM_NUM_ENGINES; e++)
			index_reg(regs, i, gen9_engine_base(e) + r->offset, e);
	}
	sim_regs_reset(regs, GDRST_FULL);
	return 0;
}

/**
 * sim_regs_fini - free the register file
 * @regs: the register file
 */
void sim_regs_fini(struct sim_regs *regs)
{
	vfree(regs->engine);
	vfree(regs->desc);
	vfree(regs->val);
	regs->engine = NULL;
	regs->desc = NULL;
	regs->val = NULL;
}

/*
 * Every entry point checks its offset, whoever the caller: the arrays end
 * at the register file, and an access beyond it is a caller's bug, counted.
 */
static bool in_file(struct sim_regs *regs, u32 off)
{
	if (off < MGVT_MMIO_REG_SIZE)
		return true;
	atomic_long_inc(&regs->range_faults);
	pr_warn_ratelimited("mgvt_sim: strict: register offset %#x beyond the register file\n",
			    off);
	return false;
}

static const struct sim_reg *desc_of(const struct sim_regs *regs, u32 off)
{
	unsigned int i = regs->desc[off / 4];

	return i ? &sim_reg_table[i - 1] : NULL;
}

/**
 * sim_regs_reset - registers back to their reset values
 * @regs: the register file
 * @gdrst: GDRST_FULL for everything, else the engines' GDRST bits
 *
 * A full reset clears every dword, then applies the table; an engine reset
 * restores only that engine's registers but its hardware whitelist
 * (RING_FORCE_TO_NONPRIV).  Forcewake requests survive: they belong to the
 * driver, not to the GPU state.
 */
void sim_regs_reset(struct sim_regs *regs, u32 gdrst)
{
	unsigned int i, e;

	if (gdrst & GDRST_FULL) {
		u32 fw[SIM_FW_DOMAINS] = { 0 };

		for (i = 1; i < SIM_FW_DOMAINS; i++)
			fw[i] = regs->val[fw_req_reg[i] / 4];
		memset(regs->val, 0, MGVT_MMIO_REG_SIZE);
		for (i = 1; i < SIM_FW_DOMAINS; i++)
			regs->val[fw_req_reg[i] / 4] = fw[i];
	}
	for (i = 0; i < ARRAY_SIZE(sim_reg_table); i++) {
		const struct sim_reg *r = &sim_reg_table[i];

		if (r->kind == SK_FW_REQ)
			continue;
		if (!(r->flags & SR_ENGINE)) {
			if (gdrst & GDRST_FULL)
				regs->val[r->offset / 4] = r->reset;
			continue;
		}
		for (e = 0; e < SIM_NUM_ENGINES; e++)
			if ((gdrst & GDRST_FULL) ||
			    ((gdrst & gen9_engine_gdrst(e)) && !(r->flags & SR_FULL_RESET)))
				regs->val[(gen9_engine_base(e) + r->offset) / 4] = r->reset;
	}
}

static bool domain_awake(const struct sim_regs *regs, u8 domain)
{
	return !domain || (regs->val[fw_req_reg[domain] / 4] & 1);
}

/* Strict mode: hardware drops accesses to a domain that is asleep. */
static void check_forcewake(struct sim_regs *regs, const struct sim_reg *r,
			    u32 off)
{
	u8 domain = r->domain;

	if (r->flags & SR_ENGINE)
		domain = engine_domain[regs->engine[off / 4]];
	if (!domain_awake(regs, domain)) {
		atomic_long_inc(&regs->no_forcewake);
		pr_warn_ratelimited("mgvt_sim: strict: %s (%#x) accessed without forcewake\n",
				    r->name, off);
	}
}

/**
 * sim_regs_irq_pending - whether the GPU asserts its interrupt line
 * @regs: the register file
 *
 * Return: true when the master control is on and some GT bank has an
 * enabled IIR bit.
 */
bool sim_regs_irq_pending(const struct sim_regs *regs)
{
	return (regs->val[MASTER_IRQ / 4] & MASTER_IRQ_CONTROL) &&
	       mgvt_gt_pending(regs->val);
}

static u32 read_value(struct sim_regs *regs, const struct sim_reg *r, u32 off)
{
	u32 val = regs->val[off / 4];
	enum sim_engine_id e = regs->engine[off / 4];

	switch (r ? r->kind : SK_PLAIN) {
	case SK_FW_ACK:
		return regs->val[mgvt_fw_request_of(off) / 4] & 0xffff;
	case SK_RESET_CTL:
		return mgvt_reset_ctl_value(val);
	case SK_MI_MODE:
		val &= ~MI_MODE_IDLE;
		if (regs->hooks->engine_idle(regs->priv, e))
			val |= MI_MODE_IDLE;
		return val;
	case SK_TIMESTAMP:
		return regs->hooks->timestamp(regs->priv, e);
	case SK_MASTER_IRQ:
		return (val & MASTER_IRQ_CONTROL) | mgvt_gt_pending(regs->val);
	case SK_PWR_WELL:
		return mgvt_pwr_well_value(val, regs->val[PWR_WELL_CTL_BIOS / 4],
					   regs->val[PWR_WELL_CTL_DRIVER / 4]);
	case SK_GDRST:
		return 0;			/* the reset is already done */
	case SK_PCODE:
		return val & ~PCODE_READY;	/* the command is already done */
	default:
		return val;
	}
}

/**
 * sim_regs_read - a driver reads a register
 * @regs: the register file
 * @off: dword-aligned offset; beyond 2 MiB the access is dropped, counted
 *
 * Return: the value, with computed bits filled in.
 */
u32 sim_regs_read(struct sim_regs *regs, u32 off)
{
	const struct sim_reg *r;

	if (!in_file(regs, off))
		return 0;
	r = desc_of(regs, off);
	if (r)
		check_forcewake(regs, r, off);
	return read_value(regs, r, off);
}

/**
 * sim_regs_hw_read - the GPU itself reads a register (MI_STORE_REGISTER_MEM)
 * @regs: the register file
 * @off: dword-aligned offset; beyond 2 MiB the access is dropped, counted
 *
 * Return: the value as sim_regs_read() gives it, without forcewake checks:
 * the GPU keeps its own domains awake while it runs.
 */
u32 sim_regs_hw_read(struct sim_regs *regs, u32 off)
{
	if (!in_file(regs, off))
		return 0;
	return read_value(regs, desc_of(regs, off), off);
}

/**
 * sim_regs_write - a driver writes a register
 * @regs: the register file
 * @off: dword-aligned offset; beyond 2 MiB the access is dropped, counted
 * @val: the value
 */
void sim_regs_write(struct sim_regs *regs, u32 off, u32 val)
{
	const struct sim_reg *r;
	u32 *p;

	if (!in_file(regs, off))
		return;
	r = desc_of(regs, off);
	p = &regs->val[off / 4];
	if (!r) {
		*p = val;
		return;
	}
	check_forcewake(regs, r, off);
	if (r->flags & SR_RO) {
		atomic_long_inc(&regs->ro_writes);
		pr_warn_ratelimited("mgvt_sim: strict: write to read-only %s (%#x)\n",
				    r->name, off);
		return;
	}
	if (r->flags & SR_MASKED)
		val = mgvt_masked_write(*p, val);
	else if (r->flags & SR_W1C)
		val = mgvt_w1c_write(*p, val);

	switch (r->kind) {
	case SK_ELSP:
		regs->hooks->elsp_write(regs->priv, regs->engine[off / 4], val);
		return;
	case SK_GDRST:
		if (val)
			regs->hooks->reset(regs->priv, val);
		*p = 0;		/* self-clearing: the reset is complete */
		return;
	case SK_PCODE:
		/* Every command succeeds at once with a zero reply. */
		*p = val & ~PCODE_READY;
		regs->val[PCODE_DATA / 4] = 0;
		regs->val[PCODE_DATA1 / 4] = 0;
		return;
	case SK_FLUSH:
		regs->hooks->ggtt_invalidate(regs->priv);
		return;
	case SK_MASTER_IRQ:
		*p = val & MASTER_IRQ_CONTROL;
		return;
	case SK_PWR_WELL:
		*p = val & PWR_WELL_REQ_ALL;	/* request bits; states are computed */
		return;
	default:
		*p = val;
	}
}

/**
 * sim_regs_hw_write - the GPU itself loads a register (context restore)
 * @regs: the register file
 * @off: dword-aligned offset; beyond 2 MiB the access is dropped, counted
 * @val: value as stored in a context image (masked registers carry their
 *	mask in bits 31:16)
 *
 * No forcewake or read-only checks and no side effects: only the stored
 * state changes.
 */
void sim_regs_hw_write(struct sim_regs *regs, u32 off, u32 val)
{
	const struct sim_reg *r;
	u32 *p;

	if (!in_file(regs, off))
		return;
	r = desc_of(regs, off);
	p = &regs->val[off / 4];
	if (r && (r->flags & SR_MASKED))
		val = mgvt_masked_write(*p, val);
	*p = val;
}

/**
 * sim_regs_hw_save - a register as the GPU saves it into a context image
 * @regs: the register file
 * @off: dword-aligned offset; beyond 2 MiB the access is dropped, counted
 *
 * Return: the stored value; masked registers get every mask bit set so
 * that restoring the image loads all of them.
 */
u32 sim_regs_hw_save(struct sim_regs *regs, u32 off)
{
	const struct sim_reg *r;
	u32 val;

	if (!in_file(regs, off))
		return 0;
	r = desc_of(regs, off);
	val = regs->val[off / 4];
	if (r && (r->flags & SR_MASKED))
		val = 0xffff0000 | (val & 0xffff);
	return val;
}

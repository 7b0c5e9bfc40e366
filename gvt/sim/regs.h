/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mgvt-sim register file: a table (data) of the registers the model gives
 * meaning to, with reset values, access semantics and the forcewake domain
 * each needs, plus plain storage for every other dword of the 2 MiB space.
 *
 * Acknowledge and status bits (forcewake acks, reset ready, MI_MODE idle,
 * the PCODE mailbox busy bit, GDRST) are computed when read, from register
 * state: drivers poll them with interrupts off, so none may wait for a
 * simulator thread.  Compiled in userspace by selftests/unit.
 */
#ifndef MGVT_SIM_REGS_H
#define MGVT_SIM_REGS_H

#include <linux/atomic.h>
#include <linux/types.h>

#include "cs.h"

/* Engine register blocks (Gen9). */
#define SIM_RCS_BASE		0x02000
#define SIM_BCS_BASE		0x22000
#define SIM_VCS_BASE		0x12000
#define SIM_VECS_BASE		0x1a000

/* Per-engine registers, relative to the engine base. */
#define SIM_RING_TAIL		0x030
#define SIM_RING_HEAD		0x034
#define SIM_RING_START		0x038
#define SIM_RING_CTL		0x03c
#define SIM_RING_ACTHD		0x074
#define SIM_RING_HWS_PGA	0x080
#define SIM_RING_MI_MODE	0x09c
#define SIM_RING_IMR		0x0a8
#define SIM_RING_RESET_CTL	0x0d0
#define SIM_RING_ELSP		0x230
#define SIM_RING_EXECLIST_STATUS 0x234
#define SIM_RING_PDP_LDW(n)	(0x270 + 8 * (n))
#define SIM_RING_PDP_UDW(n)	(0x274 + 8 * (n))
#define SIM_RING_MODE		0x29c
#define SIM_RING_TIMESTAMP	0x358
#define SIM_RING_CSB(n)		(0x370 + 8 * (n))
#define SIM_RING_CSB_PTR	0x3a0

#define SIM_MI_MODE_STOP_RING	BIT(8)
#define SIM_MI_MODE_IDLE	BIT(9)
#define SIM_RESET_CTL_REQUEST	BIT(0)
#define SIM_RESET_CTL_READY	BIT(1)
#define SIM_RING_MODE_RUN_LIST	BIT(15)

/* Global registers. */
#define SIM_FORCEWAKE_RENDER	0x0a278
#define SIM_FORCEWAKE_ACK_RENDER 0x00d84
#define SIM_FORCEWAKE_GT	0x0a188	/* the blitter domain */
#define SIM_FORCEWAKE_ACK_GT	0x130044
#define SIM_FORCEWAKE_MEDIA	0x0a270
#define SIM_FORCEWAKE_ACK_MEDIA	0x00d88
#define SIM_GDRST		0x0941c
#define SIM_GDRST_FULL		BIT(0)
#define SIM_GDRST_RENDER	BIT(1)
#define SIM_GDRST_MEDIA		BIT(2)
#define SIM_GDRST_BLT		BIT(3)
#define SIM_GDRST_VECS		BIT(4)
#define SIM_PCODE_MAILBOX	0x138124
#define SIM_PCODE_DATA		0x138128
#define SIM_PCODE_DATA1		0x13812c
#define SIM_PCODE_READY		BIT(31)
#define SIM_MASTER_IRQ		0x44200
#define SIM_GT_ISR(n)		(0x44300 + 0x10 * (n))
#define SIM_GT_IMR(n)		(0x44304 + 0x10 * (n))
#define SIM_GT_IIR(n)		(0x44308 + 0x10 * (n))
#define SIM_GT_IER(n)		(0x4430c + 0x10 * (n))
#define SIM_FENCE_LO(n)		(0x100000 + 8 * (n))
#define SIM_FENCE_HI(n)		(0x100004 + 8 * (n))
#define SIM_GFX_FLSH_CNTL	0x101008

enum sim_fw_domain {
	SIM_FW_NONE,
	SIM_FW_RENDER,
	SIM_FW_GT,
	SIM_FW_MEDIA,
	SIM_FW_DOMAINS,
};

/**
 * struct sim_regs_hooks - what register writes set in motion elsewhere
 * @engine_idle: whether an engine executes nothing right now
 * @elsp_write: a dword written to an engine's ELSP
 * @reset: GDRST requested a reset of these engines (SIM_GDRST_* bits)
 * @ggtt_invalidate: GFX_FLSH_CNTL was written
 * @timestamp: an engine's modelled time, in timestamp ticks
 */
struct sim_regs_hooks {
	bool (*engine_idle)(void *priv, enum sim_engine_id e);
	void (*elsp_write)(void *priv, enum sim_engine_id e, u32 val);
	void (*reset)(void *priv, u32 gdrst);
	void (*ggtt_invalidate)(void *priv);
	u64 (*timestamp)(void *priv, enum sim_engine_id e);
};

/**
 * struct sim_regs - the register file of one simulated GPU
 * @val: stored values, one per dword of BAR0's register part
 * @desc: per dword, 1 + index into the register table, 0 for plain storage
 * @engine: per dword, the engine a per-engine register belongs to
 * @hooks: side effects
 * @priv: passed to @hooks
 * @no_forcewake: strict: accesses to a powered-down domain
 * @ro_writes: strict: writes to read-only registers
 */
struct sim_regs {
	u32 *val;
	u8 *desc;
	u8 *engine;
	const struct sim_regs_hooks *hooks;
	void *priv;
	atomic_long_t no_forcewake;
	atomic_long_t ro_writes;
};

int sim_regs_init(struct sim_regs *regs, const struct sim_regs_hooks *hooks,
		  void *priv);
void sim_regs_fini(struct sim_regs *regs);
void sim_regs_reset(struct sim_regs *regs, u32 gdrst);
u32 sim_regs_read(struct sim_regs *regs, u32 off);
void sim_regs_write(struct sim_regs *regs, u32 off, u32 val);
u32 sim_regs_hw_read(struct sim_regs *regs, u32 off);
void sim_regs_hw_write(struct sim_regs *regs, u32 off, u32 val);
u32 sim_regs_hw_save(struct sim_regs *regs, u32 off);
u32 sim_engine_base(enum sim_engine_id e);
u32 sim_engine_gdrst(enum sim_engine_id e);

#endif /* MGVT_SIM_REGS_H */

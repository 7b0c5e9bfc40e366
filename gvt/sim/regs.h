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

#include "regs/regs.h"
#include "cs.h"

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
 * @reset: GDRST requested a reset of these engines (GDRST_* bits)
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
 *	(regs.c checks at build time that the table fits this type)
 * @engine: per dword, the engine a per-engine register belongs to
 * @hooks: side effects
 * @priv: passed to @hooks
 * @no_forcewake: strict: accesses to a powered-down domain
 * @ro_writes: strict: writes to read-only registers
 * @range_faults: strict: accesses beyond the register file (dropped)
 */
struct sim_regs {
	u32 *val;
	u16 *desc;
	u8 *engine;
	const struct sim_regs_hooks *hooks;
	void *priv;
	atomic_long_t no_forcewake;
	atomic_long_t ro_writes;
	atomic_long_t range_faults;
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
bool sim_regs_irq_pending(const struct sim_regs *regs);

#endif /* MGVT_SIM_REGS_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mgvt-sim device state shared by the module glue (sim.c) and the engine
 * runners (engine.c).
 */
#ifndef MGVT_SIM_SIM_H
#define MGVT_SIM_SIM_H

#include <linux/spinlock.h>
#include <linux/wait.h>

#include "execlist.h"
#include "iommu.h"
#include "mem.h"
#include "regs.h"

struct mgvt_sim;
struct task_struct;

/**
 * struct sim_runner - the thread that makes one engine run
 * @sim: the GPU
 * @eng: the engine's state
 * @pending: a submission waiting for the engine
 * @has_pending: whether @pending is valid
 * @wq: wakes the thread
 * @thread: the kernel thread
 * @anchor_host_ns: host time when the current busy period started
 * @anchor_model_ns: modelled time at that moment
 * @busy: a busy period is open (pacing is relative to its anchors)
 */
struct sim_runner {
	struct mgvt_sim *sim;
	struct sim_engine eng;
	u64 pending[2];
	bool has_pending;
	wait_queue_head_t wq;
	struct task_struct *thread;
	u64 anchor_host_ns;
	u64 anchor_model_ns;
	bool busy;
};

/**
 * struct mgvt_sim - one simulated GPU
 * @lock: serialises the register file and the engines' state
 * @regs: register file, the register part of BAR0
 * @ggtt: the GGTT
 * @mmu: the emulated IOMMU
 * @run: one runner per engine
 * @pgpu: handle from the mediator
 * @debugfs: the device's debugfs directory
 */
struct mgvt_sim {
	spinlock_t lock; /* registers and engine state */
	struct sim_regs regs;
	struct sim_ggtt ggtt;
	struct sim_iommu mmu;
	struct sim_runner run[SIM_NUM_ENGINES];
	struct mgvt_pgpu *pgpu;
	struct dentry *debugfs;
};

extern const struct sim_regs_hooks sim_regs_hooks;
void sim_engines_init(struct mgvt_sim *sim);
int sim_engines_start(struct mgvt_sim *sim);
void sim_engines_stop(struct mgvt_sim *sim);
unsigned int sim_time_scale(void);

#endif /* MGVT_SIM_SIM_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * mgvt-sim engine runners: one kernel thread per engine takes submissions
 * from ELSP, runs the engine in short slices of modelled time and paces
 * itself so that work completes no earlier than its modelled duration on
 * the host clock (time_scale).  Register writes never wait for a runner:
 * they only record state and wake it.
 *
 * The GPU's lock (interrupts off: the mediator reads registers from its
 * interrupt handler) is held for one step at a time: a submission and one
 * sim_engine_run(), whose work the command streamer bounds whatever the
 * commands (SIM_CS_STEP_DWORDS, SIM_CS_STEP_PIXELS; a large blit takes
 * many steps).  Between steps the lock is dropped and the thread may be
 * rescheduled, so no CPU spins or runs with interrupts off for longer than
 * a step, a few microseconds.
 */
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/timekeeping.h>

#include "sim.h"

/* Modelled time an engine runs between two looks at the host clock. */
#define SIM_SLICE_NS		(50 * NSEC_PER_USEC)
/* How long a semaphore wait sleeps before looking again. */
#define SIM_SEMAPHORE_POLL_US	20

static unsigned int time_scale = 100;
module_param(time_scale, uint, 0644);
MODULE_PARM_DESC(time_scale,
		 "Pace the engines at this percentage of their modelled durations on the host clock: 100 (default) completes work no earlier than the model says, 200 twice as slow, 0 unpaced");

/**
 * sim_time_scale - how much slower than modelled the engines run
 *
 * Return: the time_scale parameter in percent (0, unpaced, reads as 100).
 */
unsigned int sim_time_scale(void)
{
	unsigned int scale = READ_ONCE(time_scale);

	return scale ? scale : 100;
}

static bool runner_has_work(struct sim_runner *r)
{
	struct sim_engine *e = &r->eng;

	return READ_ONCE(r->has_pending) ||
	       (READ_ONCE(e->port[0]) && !READ_ONCE(e->cs.error));
}

/*
 * How far the engine may run in modelled time: as far as the host clock
 * has advanced (scaled) since the busy period began, one slice at a time.
 * A command starts only when the host clock has reached its modelled start,
 * so nothing an engine does, completion included, is visible before its
 * modelled time.
 */
static u64 runner_allowed(struct sim_runner *r)
{
	u64 now = ktime_get_ns(), model = r->eng.cs.time_ns, allowed;
	unsigned int scale = READ_ONCE(time_scale);

	if (!r->busy) {
		r->busy = true;
		r->anchor_host_ns = now;
		r->anchor_model_ns = model;
		return model + 1;	/* the first command starts now */
	}
	if (!scale)
		return model + SIM_SLICE_NS;
	allowed = r->anchor_model_ns +
		  div_u64((now - r->anchor_host_ns) * 100, scale);
	return min(allowed, model + SIM_SLICE_NS);
}

/* Sleep until the host clock reaches the engine's modelled time. */
static void runner_pace(struct sim_runner *r)
{
	unsigned int scale = READ_ONCE(time_scale);
	u64 now = ktime_get_ns(), deadline;

	if (!scale)
		return;
	deadline = r->anchor_host_ns +
		   div_u64((r->eng.cs.time_ns - r->anchor_model_ns) * scale, 100);
	if (deadline > now) {
		u64 us = div_u64(deadline - now, NSEC_PER_USEC) + 1;

		usleep_range(us, us + 10);
	}
}

static int runner_thread(void *arg)
{
	struct sim_runner *r = arg;
	struct mgvt_sim *sim = r->sim;

	while (!kthread_should_stop()) {
		struct mgvt_pgpu *pgpu;
		enum sim_cs_status st;
		bool irq;

		wait_event_interruptible(r->wq, kthread_should_stop() ||
					 runner_has_work(r));
		if (kthread_should_stop())
			break;

		/* One bounded step under the lock (see the top of this file). */
		spin_lock_irq(&sim->lock);
		if (r->has_pending) {
			sim_engine_submit(&r->eng, r->pending);
			r->has_pending = false;
		}
		st = sim_engine_run(&r->eng, runner_allowed(r));
		irq = sim_regs_irq_pending(&sim->regs);
		pgpu = sim->pgpu;
		spin_unlock_irq(&sim->lock);

		/* The interrupt line, level-triggered: handlers run atomic. */
		if (irq) {
			local_irq_disable();
			mgvt_pgpu_irq(pgpu);
			local_irq_enable();
		}

		switch (st) {
		case SIM_CS_BUDGET:
			runner_pace(r);
			break;
		case SIM_CS_WAIT:
			usleep_range(SIM_SEMAPHORE_POLL_US,
				     2 * SIM_SEMAPHORE_POLL_US);
			break;
		default:
			r->busy = false;	/* idle or hung */
			break;
		}
		cond_resched();
	}
	return 0;
}

static struct mgvt_sim *hook_sim(void *priv)
{
	return priv;
}

static bool hook_engine_idle(void *priv, enum sim_engine_id e)
{
	struct sim_runner *r = &hook_sim(priv)->run[e];

	return !r->has_pending && sim_engine_idle(&r->eng);
}

static void hook_elsp_write(void *priv, enum sim_engine_id e, u32 val)
{
	struct sim_runner *r = &hook_sim(priv)->run[e];
	u64 desc[2];

	if (!sim_engine_elsp(&r->eng, val, desc))
		return;
	r->pending[0] = desc[0];
	r->pending[1] = desc[1];
	WRITE_ONCE(r->has_pending, true);
	wake_up(&r->wq);
}

static void hook_reset(void *priv, u32 gdrst)
{
	struct mgvt_sim *sim = hook_sim(priv);
	unsigned int e;

	for (e = 0; e < SIM_NUM_ENGINES; e++) {
		if (!(gdrst & (GDRST_FULL | gen9_engine_gdrst(e))))
			continue;
		sim_engine_reset(&sim->run[e].eng);
		sim->run[e].has_pending = false;
	}
	sim_regs_reset(&sim->regs, gdrst);
}

static void hook_ggtt_invalidate(void *priv)
{
	sim_ggtt_invalidate(&hook_sim(priv)->ggtt);
}

/* RING_TIMESTAMP: 12 MHz on Gen9, counting the engine's modelled time. */
static u64 hook_timestamp(void *priv, enum sim_engine_id e)
{
	return div_u64(hook_sim(priv)->run[e].eng.cs.time_ns * 3, 250);
}

/**
 * DOC: sim_regs_hooks
 *
 * What register writes of the driver set in motion in the engines; every
 * hook runs under the GPU's lock and never sleeps.
 */
const struct sim_regs_hooks sim_regs_hooks = {
	.engine_idle = hook_engine_idle,
	.elsp_write = hook_elsp_write,
	.reset = hook_reset,
	.ggtt_invalidate = hook_ggtt_invalidate,
	.timestamp = hook_timestamp,
};

/* Commands reach registers as the GPU itself: no forcewake needed. */
static u32 cs_reg_read(void *priv, u32 reg)
{
	return sim_regs_hw_read(&hook_sim(priv)->regs, reg);
}

static void cs_reg_write(void *priv, u32 reg, u32 val)
{
	struct mgvt_sim *sim = hook_sim(priv);

	sim_regs_hw_write(&sim->regs, reg, val);
	if (reg == GFX_FLSH_CNTL)
		sim_ggtt_invalidate(&sim->ggtt);
}

static const struct sim_cs_ops sim_cs_ops = {
	.reg_read = cs_reg_read,
	.reg_write = cs_reg_write,
};

/**
 * sim_engines_init - the engines, idle, before any register access
 * @sim: the GPU
 */
void sim_engines_init(struct mgvt_sim *sim)
{
	unsigned int e;

	for (e = 0; e < SIM_NUM_ENGINES; e++) {
		struct sim_runner *r = &sim->run[e];

		r->sim = sim;
		sim_engine_init(&r->eng, e, &sim->regs, &sim->mmu, &sim->ggtt,
				&sim_cs_ops, sim);
		init_waitqueue_head(&r->wq);
	}
}

/**
 * sim_engines_start - start the engine threads
 * @sim: the GPU, registered with the mediator
 *
 * Return: 0 or a negative errno (no thread left running).
 */
int sim_engines_start(struct mgvt_sim *sim)
{
	unsigned int e;

	for (e = 0; e < SIM_NUM_ENGINES; e++) {
		struct task_struct *t;

		t = kthread_run(runner_thread, &sim->run[e], "mgvt-sim/%s",
				gen9_engine_name(e));
		if (IS_ERR(t)) {
			sim_engines_stop(sim);
			return PTR_ERR(t);
		}
		sim->run[e].thread = t;
	}
	return 0;
}

/**
 * sim_engines_stop - stop the engine threads
 * @sim: the GPU
 */
void sim_engines_stop(struct mgvt_sim *sim)
{
	unsigned int e;

	for (e = 0; e < SIM_NUM_ENGINES; e++) {
		if (!sim->run[e].thread)
			continue;
		kthread_stop(sim->run[e].thread);
		sim->run[e].thread = NULL;
	}
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Vblank of a vGPU's pipes A-C and the flips of their primary planes.
 *
 * While the transcoder that feeds a pipe is enabled (PIPECONF's enable
 * bit: transcoder A-C for pipe A-C, or the eDP transcoder for the pipe
 * its TRANS_DDI_FUNC_CTL selects, as a guest i915 drives DDI A as eDP),
 * an hrtimer fires at the refresh rate of the mode that transcoder was
 * programmed with (display/timing.c: the period is recomputed at each
 * vblank, so a retimed mode takes effect within a frame).  The timer callback runs in
 * hard interrupt context and must not take the vGPU lock: it counts the
 * frames that passed and kicks a work item, which takes the vGPU lock and
 * gives each enabled pipe its vblanks: PIPE_FRMCOUNT advances by the
 * frames that passed, a synchronous flip pending on the primary plane
 * completes (PLANE_SURFLIVE takes the surface written to PLANE_SURF,
 * PIPE_FLIPCOUNT advances, flip done is raised), and the vblank
 * interrupt is raised (the vGPU's counters "vblanks" and "flips" in
 * debugfs count them).  An interrupt latches in DE_PIPE_IIR unless
 * DE_PIPE_IMR masks it; MASTER_IRQ and the interrupt line follow
 * (trap/virq.c).  An asynchronous flip (PLANE_CTL's async bit) completes
 * in the trapped write; a flip on a disabled pipe takes effect at once,
 * without an interrupt, as there is no vblank to wait for.
 *
 * Stopping: a pipe disabled, a device reset (which a close does too) and
 * the vGPU's teardown cancel its timers under the vGPU lock (the callback
 * never takes it) and forget the frames counted; a work item that still
 * runs finds nothing to do.  Teardown then waits for the work item,
 * without the lock.
 */
#include <linux/atomic.h>
#include <linux/hrtimer.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/workqueue.h>

#include "core/stats.h"
#include "core/vgpu_types.h"
#include "display/timing.h"
#include "display/vblank.h"
#include "regs/regs.h"
#include "trap/mmio.h"
#include "trap/virq.h"

/* Frames a late work item accounts for at once, at most. */
#define MAX_FRAMES_PER_RUN	1000

/* The frame time of what transcoder @t (0-2 or TRANS_EDP) was given. */
static u64 trans_period_ns(struct mgvt_vgpu *vgpu, unsigned int t)
{
	struct mgvt_timing_regs r = {
		.htotal = *mgvt_vreg(vgpu, TRANS_HTOTAL(t)),
		.vtotal = *mgvt_vreg(vgpu, TRANS_VTOTAL(t)),
		.link_m = *mgvt_vreg(vgpu, TRANS_LINK_M1(t)),
		.link_n = *mgvt_vreg(vgpu, TRANS_LINK_N1(t)),
		.ddi_func_ctl = t == TRANS_EDP ? 0 :	/* eDP: always DDI A */
				*mgvt_vreg(vgpu, TRANS_DDI_FUNC_CTL(t)),
		.dpll_ctrl1 = *mgvt_vreg(vgpu, DPLL_CTRL1),
		.dpll_ctrl2 = *mgvt_vreg(vgpu, DPLL_CTRL2),
	};

	return mgvt_vblank_period_ns(&r);
}

/* The enabled transcoder that feeds pipe @p, or -1: the pipe is off. */
static int pipe_source(struct mgvt_vgpu *vgpu, unsigned int p)
{
	if (*mgvt_vreg(vgpu, PIPECONF(TRANS_EDP)) & PIPECONF_ENABLE &&
	    mgvt_edp_input_pipe(*mgvt_vreg(vgpu, TRANS_DDI_FUNC_CTL(TRANS_EDP))) == (int)p)
		return TRANS_EDP;
	if (*mgvt_vreg(vgpu, PIPECONF(p)) & PIPECONF_ENABLE)
		return p;
	return -1;
}

static enum hrtimer_restart vblank_timer(struct hrtimer *timer)
{
	struct mgvt_vblank_pipe *vp = container_of(timer, struct mgvt_vblank_pipe, timer);
	u64 frames = hrtimer_forward_now(timer, ns_to_ktime(READ_ONCE(vp->period_ns)));

	atomic_add((int)min_t(u64, frames, MAX_FRAMES_PER_RUN), &vp->frames);
	queue_work(system_wq, vp->work);
	return HRTIMER_RESTART;
}

/* Latch @bits in the pipe's IIR unless masked; the line follows. */
static void pipe_irq(struct mgvt_vgpu *vgpu, unsigned int p, u32 bits)
{
	*mgvt_vreg(vgpu, DE_PIPE_IIR(p)) |= bits & ~*mgvt_vreg(vgpu, DE_PIPE_IMR(p));
	mgvt_virq_update(vgpu);
}

/* The primary plane scans out what PLANE_SURF holds. */
static void flip(struct mgvt_vgpu *vgpu, unsigned int p)
{
	*mgvt_vreg(vgpu, PLANE_SURFLIVE(p)) = *mgvt_vreg(vgpu, PLANE_SURF(p)) &
					      PLANE_SURF_ADDR;
	(*mgvt_vreg(vgpu, PIPE_FLIPCOUNT(p)))++;
	mgvt_count(vgpu, MGVT_CNT_FLIPS, 1);
}

static void pipe_vblank(struct mgvt_vgpu *vgpu, unsigned int p, unsigned int frames)
{
	struct mgvt_vblank_pipe *vp = &vgpu->display.pipe[p];
	u32 bits = DE_PIPE_VBLANK;

	*mgvt_vreg(vgpu, PIPE_FRMCOUNT(p)) += frames;
	if (vp->flip_pending) {
		vp->flip_pending = false;
		flip(vgpu, p);
		bits |= DE_PIPE_PLANE1_FLIP_DONE;
	}
	mgvt_count(vgpu, MGVT_CNT_VBLANKS, 1);
	WRITE_ONCE(vp->period_ns, trans_period_ns(vgpu, vp->trans));
	pipe_irq(vgpu, p, bits);
}

static void vblank_work(struct work_struct *work)
{
	struct mgvt_vgpu *vgpu = container_of(work, struct mgvt_vgpu, display.vblank_work);
	unsigned int p, frames;

	mutex_lock(&vgpu->lock);
	for (p = 0; p < DE_PIPES; p++) {
		frames = atomic_xchg(&vgpu->display.pipe[p].frames, 0);
		if (frames && vgpu->display.pipe[p].running)
			pipe_vblank(vgpu, p, frames);
	}
	mutex_unlock(&vgpu->lock);
}

static void pipe_start(struct mgvt_vgpu *vgpu, unsigned int p, unsigned int trans)
{
	struct mgvt_vblank_pipe *vp = &vgpu->display.pipe[p];
	u64 ns = trans_period_ns(vgpu, trans);

	vp->trans = trans;
	if (vp->running)
		return;
	vp->running = true;
	WRITE_ONCE(vp->period_ns, ns);
	hrtimer_start(&vp->timer, ns_to_ktime(ns), HRTIMER_MODE_REL);
}

/* The callback never takes the vGPU lock: cancelling under it is safe. */
static void pipe_stop(struct mgvt_vgpu *vgpu, unsigned int p)
{
	struct mgvt_vblank_pipe *vp = &vgpu->display.pipe[p];

	hrtimer_cancel(&vp->timer);
	vp->running = false;
	vp->flip_pending = false;
	atomic_set(&vp->frames, 0);
}

/**
 * mgvt_vblank_init - set up the timers and the work item, all idle
 * @vgpu: the vGPU being created
 */
void mgvt_vblank_init(struct mgvt_vgpu *vgpu)
{
	unsigned int p;

	INIT_WORK(&vgpu->display.vblank_work, vblank_work);
	for (p = 0; p < DE_PIPES; p++) {
		hrtimer_init(&vgpu->display.pipe[p].timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
		vgpu->display.pipe[p].timer.function = vblank_timer;
		vgpu->display.pipe[p].work = &vgpu->display.vblank_work;
	}
}

/**
 * mgvt_vblank_fini - stop every timer and wait for the work item
 * @vgpu: the vGPU being torn down, its lock not held
 */
void mgvt_vblank_fini(struct mgvt_vgpu *vgpu)
{
	unsigned int p;

	for (p = 0; p < DE_PIPES; p++)
		hrtimer_cancel(&vgpu->display.pipe[p].timer);
	cancel_work_sync(&vgpu->display.vblank_work);
}

/**
 * mgvt_vblank_reset - device reset: every pipe's timer stopped
 * @vgpu: the vGPU, with its lock held
 */
void mgvt_vblank_reset(struct mgvt_vgpu *vgpu)
{
	unsigned int p;

	lockdep_assert_held(&vgpu->lock);
	for (p = 0; p < DE_PIPES; p++)
		pipe_stop(vgpu, p);
}

/**
 * mgvt_pipeconf_write - a transcoder enabled or disabled
 * @vgpu: the vGPU, with its lock held
 * @off: PIPECONF of transcoder A, B, C or eDP
 * @val: the value written
 *
 * Each pipe's vblank timer runs while the transcoder that feeds it is
 * enabled.
 */
void mgvt_pipeconf_write(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	unsigned int p;
	int src;

	*mgvt_vreg(vgpu, off) = val;
	for (p = 0; p < DE_PIPES; p++) {
		src = pipe_source(vgpu, p);
		if (src >= 0)
			pipe_start(vgpu, p, src);
		else
			pipe_stop(vgpu, p);
	}
}

/**
 * mgvt_plane_surf_write - a flip of a pipe's primary plane
 * @vgpu: the vGPU, with its lock held
 * @off: PLANE_SURF of plane 1 of pipe A, B or C
 * @val: the new surface address
 *
 * Asynchronous (PLANE_CTL's async bit): done at once, flip done raised.
 * Synchronous: done at the pipe's next vblank.  On a disabled pipe: done
 * at once, without an interrupt.
 */
void mgvt_plane_surf_write(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	unsigned int p = (off - PLANE_SURF(0)) / 0x1000;
	struct mgvt_vblank_pipe *vp = &vgpu->display.pipe[p];

	*mgvt_vreg(vgpu, off) = val;
	if (!vp->running) {
		flip(vgpu, p);
	} else if (*mgvt_vreg(vgpu, PLANE_CTL(p)) & PLANE_CTL_ASYNC_FLIP) {
		vp->flip_pending = false;
		flip(vgpu, p);
		pipe_irq(vgpu, p, DE_PIPE_PLANE1_FLIP_DONE);
	} else {
		vp->flip_pending = true;
	}
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The vGPU's virtual GT interrupts: engine events latch in IIR unless IMR
 * masks them, and the line (MASTER_IRQ control and an IIR bit of a GT or
 * display bank enabled in its IER) drives the VFIO interrupt the user
 * sees.
 */
#include <linux/lockdep.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/string.h>

#include "core/trace.h"
#include "core/vgpu_types.h"
#include "regs/regs.h"
#include "regs/regsem.h"
#include "trap/mmio.h"
#include "trap/virq.h"

/**
 * mgvt_virq_update - recompute the virtual interrupt line
 * @vgpu: the vGPU, with its lock held
 *
 * The line is up while MASTER_IRQ's control bit is set and an IIR bit of
 * a GT bank or a display bank (DE pipe, port, misc, PCH) is enabled in its
 * IER: what a guest i915 finds in MASTER_IRQ's pending bits.  Rising, the
 * front end sends an MSI or asserts INTx; falling, it deasserts INTx.  As
 * on hardware, a guest that disables the master in its handler and
 * re-enables it with events still pending gets a new interrupt.
 */
void mgvt_virq_update(struct mgvt_vgpu *vgpu)
{
	const u32 *dw = (const u32 *)vgpu->vregs;
	bool line = (*mgvt_vreg(vgpu, MASTER_IRQ) & MASTER_IRQ_CONTROL) &&
		    (mgvt_gt_pending(dw) || mgvt_de_pending(dw));

	lockdep_assert_held(&vgpu->lock);
	if (line && !vgpu->irq_line)
		vgpu->guest->irq_line(vgpu, true);
	else if (!line)
		vgpu->guest->irq_line(vgpu, false);
	vgpu->irq_line = line;
}

/**
 * mgvt_virq_reset - device reset: the line is down
 * @vgpu: the vGPU, with its lock held
 */
void mgvt_virq_reset(struct mgvt_vgpu *vgpu)
{
	lockdep_assert_held(&vgpu->lock);
	vgpu->irq_line = false;
	vgpu->guest->irq_line(vgpu, false);
}

/**
 * mgvt_virq_event - an engine event of the vGPU
 * @vgpu: the vGPU, with its lock held
 * @engine: 0..3
 * @bits: GT_USER_INTERRUPT, GT_CS_ERROR and/or GT_CONTEXT_SWITCH
 *
 * Latched in IIR unless IMR masks it, then the line follows.
 */
void mgvt_virq_event(struct mgvt_vgpu *vgpu, unsigned int engine, u32 bits)
{
	u32 b = bits << gen9_engine_irq_shift(engine);
	unsigned int bank = gen9_engine_irq_bank(engine);
	bool masked;

	lockdep_assert_held(&vgpu->lock);
	masked = *mgvt_vreg(vgpu, GT_IMR(bank)) & b;
	if (!masked)
		*mgvt_vreg(vgpu, GT_IIR(bank)) |= b;
	mgvt_virq_update(vgpu);
	trace_mgvt_virq(vgpu, engine, bank, b, masked, vgpu->irq_line);
}

/**
 * mgvt_virq_inject - a test hook: raise an engine event by name
 * @vgpu: the vGPU
 * @cmd: "<rcs0|bcs0|vcs0|vecs0> <user|ctxsw>"
 *
 * Stands in for the engines' events until the render path delivers them.
 *
 * Return: 0, or -EINVAL for anything else.
 */
int mgvt_virq_inject(struct mgvt_vgpu *vgpu, const char *cmd)
{
	char eng[8], ev[8];
	unsigned int e;
	u32 bits;

	if (sscanf(cmd, "%7s %7s", eng, ev) != 2)
		return -EINVAL;
	for (e = 0; e < MGVT_NUM_ENGINES && strcmp(eng, gen9_engine_name(e)); e++)
		;
	if (e == MGVT_NUM_ENGINES)
		return -EINVAL;
	if (!strcmp(ev, "user"))
		bits = GT_USER_INTERRUPT;
	else if (!strcmp(ev, "ctxsw"))
		bits = GT_CONTEXT_SWITCH;
	else
		return -EINVAL;

	mutex_lock(&vgpu->lock);
	mgvt_virq_event(vgpu, e, bits);
	mutex_unlock(&vgpu->lock);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Registers with side effects, the handlers the register table names:
 * handshakes a guest i915 polls with interrupts off at probe (forcewake,
 * reset request, stop ring, power wells; PCODE is display/pcode.c's) complete inside the
 * trapped access; GDRST resets the vGPU's own registers; MASTER_IRQ
 * computes its pending bits.  A read handler gets the stored value and
 * returns what the guest reads; a write handler gets the value after the
 * table's masked or write-1-to-clear semantics and stores what it keeps.
 * Called with the vGPU lock held, like everything in mmio.c.
 */
#include <linux/lockdep.h>

#include "core/log.h"
#include "core/vgpu_types.h"
#include "regs/regs.h"
#include "regs/regsem.h"
#include "trap/mmio.h"
#include "trap/mmio_table.h"

/**
 * mgvt_fw_ack_read - a forcewake acknowledge mirrors its request
 * @vgpu: the vGPU, with its lock held
 * @off: the acknowledge register
 * @val: its stored value (unused)
 *
 * Return: the value half of the matching request register.
 */
u32 mgvt_fw_ack_read(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	return MASKED_VALUE(*mgvt_vreg(vgpu, mgvt_fw_request_of(off)));
}

/**
 * mgvt_reset_ctl_read - RING_RESET_CTL: ready-to-reset follows the request
 * @vgpu: the vGPU, with its lock held
 * @off: the register
 * @val: its stored value
 *
 * Return: @val with the ready bit computed.
 */
u32 mgvt_reset_ctl_read(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	return mgvt_reset_ctl_value(val);
}

/**
 * mgvt_zero_read - registers that read 0 whatever was written (GDRST)
 * @vgpu: the vGPU, with its lock held
 * @off: the register
 * @val: its stored value (unused)
 *
 * Return: 0.
 */
u32 mgvt_zero_read(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	return 0;
}

/**
 * mgvt_gdrst_write - a guest GPU reset resets the vGPU's own registers
 * @vgpu: the vGPU, with its lock held
 * @off: GDRST
 * @val: the domains to reset
 *
 * A guest never resets the pGPU.  The register then reads 0: done.
 */
void mgvt_gdrst_write(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	if (val) {
		vgpu_info(vgpu, "virtual GPU reset %#x\n", val);
		mgvt_mmio_engine_reset(vgpu, val);
	}
	*mgvt_vreg(vgpu, off) = 0;
}

/**
 * mgvt_pwr_well_read - a power well is up while BIOS or driver request it
 * @vgpu: the vGPU, with its lock held
 * @off: PWR_WELL_CTL_BIOS or _DRIVER
 * @val: its stored requests
 *
 * Return: the requests with the state bits computed.
 */
u32 mgvt_pwr_well_read(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	return mgvt_pwr_well_value(val, *mgvt_vreg(vgpu, PWR_WELL_CTL_BIOS),
				   *mgvt_vreg(vgpu, PWR_WELL_CTL_DRIVER));
}

/**
 * mgvt_pwr_well_write - only the request bits are stored
 * @vgpu: the vGPU, with its lock held
 * @off: PWR_WELL_CTL_BIOS or _DRIVER
 * @val: the value written
 */
void mgvt_pwr_well_write(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	*mgvt_vreg(vgpu, off) = val & PWR_WELL_REQ_ALL;
}

/**
 * mgvt_master_irq_read - MASTER_IRQ: the control bit and the banks pending
 * @vgpu: the vGPU, with its lock held
 * @off: MASTER_IRQ
 * @val: its stored value
 *
 * Return: the control bit and a bit per GT or display bank with an
 * enabled IIR bit.
 */
u32 mgvt_master_irq_read(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	const u32 *dw = (const u32 *)vgpu->vregs;

	return (val & MASTER_IRQ_CONTROL) | mgvt_gt_pending(dw) |
	       mgvt_de_pending(dw);
}

/**
 * mgvt_master_irq_write - only the control bit is stored
 * @vgpu: the vGPU, with its lock held
 * @off: MASTER_IRQ
 * @val: the value written
 */
void mgvt_master_irq_write(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	*mgvt_vreg(vgpu, off) = val & MASTER_IRQ_CONTROL;
}

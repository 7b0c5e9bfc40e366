// SPDX-License-Identifier: GPL-2.0
/*
 * The PCODE mailbox of a vGPU.  A guest writes DATA (and DATA1), then the
 * command with the ready (busy) bit to PCODE_MAILBOX, and polls with
 * interrupts off until the ready bit clears; the low byte then holds an
 * error code and DATA the reply.  Nothing reaches the pGPU's power
 * controller: every command completes inside the trapped write, with the
 * answer a Skylake's firmware gives to what a Skylake guest i915 asks at
 * probe and modeset:
 *
 * - READ_MEM_LATENCY (display watermarks): DATA 0 asks levels 0-3, DATA 1
 *   levels 4-7, one byte per level in microseconds.  The values are those
 *   of a desktop Skylake with DDR4 (2, 19, 28, 32, 45, 63, 79, 99): rising,
 *   none zero, so every watermark level stays usable;
 * - CDCLK_CONTROL: a "prepare for a change" request is answered "ready";
 *   the voltage level sent after the change is taken;
 * - SAGV_CONTROL: a disable is answered "disabled", an enable is taken;
 * - WRITE_MIN_FREQ_TABLE (the ring/IA frequency table of the LLC code) is
 *   taken; READ_MIN_FREQ_TABLE, READ_OC_PARAMS and the dynamic duty cycle
 *   control read 0 (no overclocking, the efficient frequency falls back
 *   to the minimum);
 * - anything else: "illegal command", which i915 turns into -ENXIO and a
 *   debug line, as on hardware without the feature.
 */
#include "core/log.h"
#include "core/vgpu_types.h"
#include "display/pcode.h"
#include "regs/regs.h"
#include "trap/mmio.h"

/* Memory latency levels 0-3 and 4-7, one byte each, level 0 lowest. */
#define MEM_LATENCY_0_3		0x201c1302
#define MEM_LATENCY_4_7		0x634f3f2d

/**
 * mgvt_pcode_reply - the power controller's answer to one command
 * @cmd: the mailbox value written, ready bit and parameters included
 * @data0: DATA as the guest wrote it, replaced by the reply
 * @data1: DATA1 likewise
 *
 * Return: the error code the mailbox's low byte then holds.
 */
u32 mgvt_pcode_reply(u32 cmd, u32 *data0, u32 *data1)
{
	switch (cmd & PCODE_CMD) {
	case PCODE_READ_MEM_LATENCY:
		*data0 = *data0 ? MEM_LATENCY_4_7 : MEM_LATENCY_0_3;
		*data1 = 0;
		return PCODE_OK;
	case PCODE_CDCLK_CONTROL:
		*data0 = *data0 == PCODE_CDCLK_PREPARE ? PCODE_CDCLK_READY : 0;
		return PCODE_OK;
	case PCODE_SAGV_CONTROL:
		*data0 = *data0 == PCODE_SAGV_DISABLE ? PCODE_SAGV_IS_DISABLED : 0;
		return PCODE_OK;
	case PCODE_WRITE_MIN_FREQ:
		return PCODE_OK;
	case PCODE_READ_MIN_FREQ:
	case PCODE_READ_OC_PARAMS:
	case PCODE_DDCC:
		*data0 = 0;
		*data1 = 0;
		return PCODE_OK;
	default:
		return PCODE_ILLEGAL_CMD;
	}
}

/**
 * mgvt_pcode_read - the PCODE mailbox is never busy
 * @vgpu: the vGPU, with its lock held
 * @off: PCODE_MAILBOX
 * @val: its stored value
 *
 * Return: @val without the ready (busy) bit.
 */
u32 mgvt_pcode_read(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	return val & ~PCODE_READY;
}

/**
 * mgvt_pcode_write - a PCODE command completes at once
 * @vgpu: the vGPU, with its lock held
 * @off: PCODE_MAILBOX
 * @val: the command
 *
 * Without the ready bit the write only stores the value; with it, the
 * command runs: DATA and DATA1 take the reply and the low byte the error
 * code (0: success).
 */
void mgvt_pcode_write(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	u32 err;

	if (!(val & PCODE_READY)) {
		*mgvt_vreg(vgpu, off) = val;
		return;
	}
	err = mgvt_pcode_reply(val, mgvt_vreg(vgpu, PCODE_DATA),
			       mgvt_vreg(vgpu, PCODE_DATA1));
	if (err != PCODE_OK)
		vgpu_info_rl(vgpu, "PCODE command %#x (data %#x) not implemented\n",
			     val & PCODE_CMD, *mgvt_vreg(vgpu, PCODE_DATA));
	*mgvt_vreg(vgpu, off) = (val & ~(PCODE_READY | PCODE_CMD)) | err;
}

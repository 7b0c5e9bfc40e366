/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Register write semantics shared by the simulated GPU and the mediator's
 * virtual register file.  Compiled in userspace by selftests/unit too.
 */
#ifndef MGVT_REGSEM_H
#define MGVT_REGSEM_H

#include <linux/types.h>

#include "regs/regs.h"

/* Masked register: bits 31:16 select which of bits 15:0 the write sets. */
static inline u32 mgvt_masked_write(u32 old, u32 val)
{
	u32 mask = val >> 16;

	return (old & ~mask) | (val & mask);
}

/* Write-1-to-clear register. */
static inline u32 mgvt_w1c_write(u32 old, u32 val)
{
	return old & ~val;
}

/* The forcewake request register a forcewake acknowledge mirrors. */
static inline u32 mgvt_fw_request_of(u32 ack)
{
	switch (ack) {
	case FORCEWAKE_ACK_RENDER:
		return FORCEWAKE_RENDER;
	case FORCEWAKE_ACK_GT:
		return FORCEWAKE_GT;
	default:
		return FORCEWAKE_MEDIA;
	}
}

/* RING_RESET_CTL: ready-to-reset follows the request at once. */
static inline u32 mgvt_reset_ctl_value(u32 val)
{
	val &= ~RESET_CTL_READY;
	return val & RESET_CTL_REQUEST ? val | RESET_CTL_READY : val;
}

/* Power wells: a well is up while the BIOS or the driver requests it. */
static inline u32 mgvt_pwr_well_value(u32 val, u32 bios, u32 driver)
{
	return (val & PWR_WELL_REQ_ALL) | ((bios | driver) & PWR_WELL_REQ_ALL) >> 1;
}

/* MASTER_IRQ pending bits: GT banks with an IIR bit their IER enables. */
static inline u32 mgvt_gt_pending(const u32 *dw)
{
	u32 pending = 0;
	unsigned int n;

	for (n = 0; n < GT_BANKS; n++)
		if (dw[GT_IIR(n) / 4] & dw[GT_IER(n) / 4])
			pending |= MASTER_IRQ_GT(n);
	return pending;
}

#endif /* MGVT_REGSEM_H */

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

/*
 * MASTER_IRQ pending bits of the display banks: each DE pipe, DE port, DE
 * misc and the south (PCH) bank with an IIR bit its IER enables.
 */
static inline u32 mgvt_de_pending(const u32 *dw)
{
	u32 pending = 0;
	unsigned int p;

	for (p = 0; p < DE_PIPES; p++)
		if (dw[DE_PIPE_IIR(p) / 4] & dw[DE_PIPE_IER(p) / 4])
			pending |= MASTER_IRQ_DE_PIPE(p);
	if (dw[DE_PORT_IIR / 4] & dw[DE_PORT_IER / 4])
		pending |= MASTER_IRQ_DE_PORT;
	if (dw[DE_MISC_IIR / 4] & dw[DE_MISC_IER / 4])
		pending |= MASTER_IRQ_DE_MISC;
	if (dw[SDE_IIR / 4] & dw[SDE_IER / 4])
		pending |= MASTER_IRQ_PCH;
	return pending;
}

#endif /* MGVT_REGSEM_H */

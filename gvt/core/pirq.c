// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupts of a physical GPU: enabled at registration for every engine's
 * user and context-switch events, taken by mgvt_pgpu_irq() in atomic
 * context, acknowledged in the GT IIRs and counted per engine.  Routing the
 * events to the vGPU whose workload caused them builds on this.
 */
#include <linux/atomic.h>
#include <linux/export.h>

#include "core/pgpu_types.h"
#include "core/pirq.h"
#include "regs/regs.h"

#define PIRQ_EVENTS	(GT_USER_INTERRUPT | GT_CONTEXT_SWITCH)

/**
 * mgvt_pirq_enable - unmask and enable the engine events, then the master
 * @pgpu: the pGPU
 */
void mgvt_pirq_enable(struct mgvt_pgpu *pgpu)
{
	u32 bits[GT_BANKS] = { 0 };
	unsigned int e, n;

	for (e = 0; e < MGVT_NUM_ENGINES; e++)
		bits[gen9_engine_irq_bank(e)] |= PIRQ_EVENTS << gen9_engine_irq_shift(e);
	for (n = 0; n < GT_BANKS; n++) {
		mgvt_hal_write32(pgpu, GT_IMR(n), ~bits[n]);
		mgvt_hal_write32(pgpu, GT_IER(n), bits[n]);
	}
	mgvt_hal_write32(pgpu, MASTER_IRQ, MASTER_IRQ_CONTROL);
}

/**
 * mgvt_pirq_disable - master off, every event masked
 * @pgpu: the pGPU
 */
void mgvt_pirq_disable(struct mgvt_pgpu *pgpu)
{
	unsigned int n;

	mgvt_hal_write32(pgpu, MASTER_IRQ, 0);
	for (n = 0; n < GT_BANKS; n++) {
		mgvt_hal_write32(pgpu, GT_IER(n), 0);
		mgvt_hal_write32(pgpu, GT_IMR(n), ~0u);
	}
}

/**
 * mgvt_pgpu_irq - the pGPU asserted its interrupt
 * @pgpu: the pGPU
 *
 * Called by the provider in atomic context.  With the master disabled the
 * pending GT banks are read and acknowledged, the events counted, and the
 * master enabled again.
 */
void mgvt_pgpu_irq(struct mgvt_pgpu *pgpu)
{
	u32 master = mgvt_hal_read32(pgpu, MASTER_IRQ);
	struct mgvt_native *n = &pgpu->native;
	unsigned int bank, e;

	if (!(master & GENMASK(GT_BANKS - 1, 0)))
		return;
	mgvt_hal_write32(pgpu, MASTER_IRQ, 0);
	for (bank = 0; bank < GT_BANKS; bank++) {
		u32 iir;

		if (!(master & MASTER_IRQ_GT(bank)))
			continue;
		iir = mgvt_hal_read32(pgpu, GT_IIR(bank));
		if (!iir)
			continue;
		mgvt_hal_write32(pgpu, GT_IIR(bank), iir);
		for (e = 0; e < MGVT_NUM_ENGINES; e++) {
			u32 ev = iir >> gen9_engine_irq_shift(e);

			if (gen9_engine_irq_bank(e) != bank)
				continue;
			if (ev & GT_USER_INTERRUPT)
				atomic_inc(&n->irq_user[e]);
			if (ev & GT_CONTEXT_SWITCH)
				atomic_inc(&n->irq_ctxsw[e]);
		}
	}
	mgvt_hal_write32(pgpu, MASTER_IRQ, MASTER_IRQ_CONTROL);
}
EXPORT_SYMBOL_GPL(mgvt_pgpu_irq);

// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupts of a physical GPU: enabled at registration for every engine's
 * user, context-switch and CS error events, taken by mgvt_pgpu_irq() in
 * atomic context, acknowledged in the GT IIRs and handed to each engine's
 * owner (render/engine.c), which handles them in process context.
 */
#include <linux/export.h>

#include "core/pgpu_types.h"
#include "core/pirq.h"
#include "regs/regs.h"
#include "render/engine.h"

#define PIRQ_EVENTS	(GT_USER_INTERRUPT | GT_CONTEXT_SWITCH | GT_CS_ERROR)

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
 * mgvt_pirq_engine_enable - unmask and enable one engine's events again
 * @pgpu: the pGPU, its interrupts enabled by mgvt_pirq_enable()
 * @e: the engine, after its reset
 *
 * A reset may clear what the engine's bits in its GT bank held; the other
 * engines' bits in the same bank are kept.  Called with the engine's
 * owner lock held, which serialises resets per engine; banks shared by two
 * engines (rcs0 and bcs0) are updated read-modify-write under
 * @pgpu->engines.fw_lock.
 */
void mgvt_pirq_engine_enable(struct mgvt_pgpu *pgpu, unsigned int e)
{
	unsigned int bank = gen9_engine_irq_bank(e);
	u32 bits = PIRQ_EVENTS << gen9_engine_irq_shift(e);

	mutex_lock(&pgpu->engines.fw_lock);
	mgvt_hal_write32(pgpu, GT_IMR(bank), mgvt_hal_read32(pgpu, GT_IMR(bank)) & ~bits);
	mgvt_hal_write32(pgpu, GT_IER(bank), mgvt_hal_read32(pgpu, GT_IER(bank)) | bits);
	mutex_unlock(&pgpu->engines.fw_lock);
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
 * pending GT banks are read and acknowledged, each engine's events handed
 * to its owner, and the master enabled again.
 */
void mgvt_pgpu_irq(struct mgvt_pgpu *pgpu)
{
	u32 master = mgvt_hal_read32(pgpu, MASTER_IRQ);
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
			u32 ev = (iir >> gen9_engine_irq_shift(e)) & PIRQ_EVENTS;

			if (gen9_engine_irq_bank(e) == bank && ev)
				mgvt_engine_irq(pgpu, e, ev);
		}
	}
	mgvt_hal_write32(pgpu, MASTER_IRQ, MASTER_IRQ_CONTROL);
}
EXPORT_SYMBOL_GPL(mgvt_pgpu_irq);

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interrupts of the physical GPU (the HAL's mgvt_pgpu_irq() lands here).
 */
#ifndef MGVT_CORE_PIRQ_H
#define MGVT_CORE_PIRQ_H

struct mgvt_pgpu;

void mgvt_pirq_enable(struct mgvt_pgpu *pgpu);
void mgvt_pirq_disable(struct mgvt_pgpu *pgpu);
void mgvt_pirq_engine_enable(struct mgvt_pgpu *pgpu, unsigned int e);

#endif /* MGVT_CORE_PIRQ_H */

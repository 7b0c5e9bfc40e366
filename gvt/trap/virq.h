/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vGPU's virtual GT interrupts: IIR/IMR/IER per bank, the master
 * control, and the line they drive.
 */
#ifndef MGVT_TRAP_VIRQ_H
#define MGVT_TRAP_VIRQ_H

#include <linux/types.h>

struct mgvt_vgpu;

void mgvt_virq_update(struct mgvt_vgpu *vgpu);
void mgvt_virq_reset(struct mgvt_vgpu *vgpu);
void mgvt_virq_event(struct mgvt_vgpu *vgpu, unsigned int engine, u32 bits);
int mgvt_virq_inject(struct mgvt_vgpu *vgpu, const char *cmd);

#endif /* MGVT_TRAP_VIRQ_H */

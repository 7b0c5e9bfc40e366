/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VFIO interrupt indexes of a vGPU: INTx, MSI, ERR and REQ eventfds.
 */
#ifndef MGVT_VFIO_IRQ_H
#define MGVT_VFIO_IRQ_H

#include <linux/types.h>

struct mgvt_vgpu;
struct vfio_irq_set;

int mgvt_irq_set(struct mgvt_vgpu *vgpu, struct vfio_irq_set *hdr,
		 const void *data);
int mgvt_irq_count(unsigned int index);
u32 mgvt_irq_flags(unsigned int index);
void mgvt_irq_release(struct mgvt_vgpu *vgpu);
void mgvt_irq_reset(struct mgvt_vgpu *vgpu);
void mgvt_irq_line(struct mgvt_vgpu *vgpu, bool up);
bool mgvt_irq_request(struct mgvt_vgpu *vgpu);

#endif /* MGVT_VFIO_IRQ_H */

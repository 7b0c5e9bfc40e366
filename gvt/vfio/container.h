/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One vGPU per VFIO container (container.c says why).
 */
#ifndef MGVT_VFIO_CONTAINER_H
#define MGVT_VFIO_CONTAINER_H

struct mgvt_vgpu;

int mgvt_container_claim(struct mgvt_vgpu *vgpu);
void mgvt_container_closing(struct mgvt_vgpu *vgpu);
void mgvt_container_forget(struct mgvt_vgpu *vgpu);

#endif /* MGVT_VFIO_CONTAINER_H */

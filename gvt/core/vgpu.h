/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vGPU life cycle: build, reset (fanned out to every subsystem), tear down.
 */
#ifndef MGVT_CORE_VGPU_H
#define MGVT_CORE_VGPU_H

struct mgvt_vgpu;

int mgvt_vgpu_init(struct mgvt_vgpu *vgpu);
void mgvt_vgpu_fini(struct mgvt_vgpu *vgpu);
void mgvt_vgpu_reset(struct mgvt_vgpu *vgpu);

#endif /* MGVT_CORE_VGPU_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vGPU life cycle: build, reset (fanned out to every subsystem), tear down.
 */
#ifndef MGVT_CORE_VGPU_H
#define MGVT_CORE_VGPU_H

struct device;
struct mgvt_guest_ops;
struct mgvt_pgpu;
struct mgvt_type_conf;
struct mgvt_vgpu;

int mgvt_vgpu_init(struct mgvt_vgpu *vgpu, struct mgvt_pgpu *pgpu,
		   const struct mgvt_type_conf *conf, struct device *dev,
		   const struct mgvt_guest_ops *guest);
void mgvt_vgpu_fini(struct mgvt_vgpu *vgpu);
void mgvt_vgpu_reset(struct mgvt_vgpu *vgpu);

#endif /* MGVT_CORE_VGPU_H */

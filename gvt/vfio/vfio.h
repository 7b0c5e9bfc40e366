/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vGPU's VFIO device: regions, ioctls, open and close.
 */
#ifndef MGVT_VFIO_VFIO_H
#define MGVT_VFIO_VFIO_H

#include <linux/vfio.h>

struct mgvt_vfio_vgpu;

extern const struct vfio_device_ops mgvt_vfio_ops;

const char *mgvt_vfio_display_mode(const struct mgvt_vfio_vgpu *vv);
int mgvt_vfio_set_display_mode(struct mgvt_vfio_vgpu *vv, const char *mode);

#endif /* MGVT_VFIO_VFIO_H */

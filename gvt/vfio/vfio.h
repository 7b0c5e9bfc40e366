/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vGPU's VFIO device: regions, ioctls, open and close.
 */
#ifndef MGVT_VFIO_VFIO_H
#define MGVT_VFIO_VFIO_H

#include <linux/vfio.h>

extern const struct vfio_device_ops mgvt_vfio_ops;

#endif /* MGVT_VFIO_VFIO_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A vGPU's claim on its VFIO container, embedded in struct mgvt_vgpu.
 */
#ifndef MGVT_VFIO_CONTAINER_TYPES_H
#define MGVT_VFIO_CONTAINER_TYPES_H

#include <linux/list.h>
#include <linux/types.h>

/**
 * struct mgvt_claim - a vGPU's claim on its VFIO container (container.c)
 * @link: in the module's list of claims while the vGPU may be registered
 *	with a container
 * @container: the container (compared, never followed)
 * @closing: close_device ran; the claim lasts until VFIO's open count is 0
 */
struct mgvt_claim {
	struct list_head link;
	void *container;
	bool closing;
};

#endif /* MGVT_VFIO_CONTAINER_TYPES_H */

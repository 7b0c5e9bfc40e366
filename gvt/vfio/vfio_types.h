/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A vGPU as VFIO sees it: the VFIO device, the vGPU behind it, and what
 * only the front end keeps (interrupt eventfds, the container claim).
 */
#ifndef MGVT_VFIO_VFIO_TYPES_H
#define MGVT_VFIO_VFIO_TYPES_H

#include <linux/list.h>
#include <linux/types.h>
#include <linux/vfio.h>

#include "core/vgpu_types.h"

struct eventfd_ctx;
struct virqfd;

/**
 * struct mgvt_irq - interrupt plumbing of one vGPU towards its VFIO user
 * @intx_trigger: eventfd signalled for INTx
 * @msi_trigger: eventfd signalled for MSI
 * @err_trigger: eventfd for the ERR index
 * @req_trigger: eventfd for the REQ index (device removal request)
 * @intx_mask_fd: eventfd that masks INTx when signalled
 * @intx_unmask_fd: eventfd that unmasks INTx when signalled (KVM resample)
 * @intx_masked: INTx masked by the user or by automasking
 * @intx_pending: an INTx is asserted and not yet delivered
 */
struct mgvt_irq {
	struct eventfd_ctx *intx_trigger;
	struct eventfd_ctx *msi_trigger;
	struct eventfd_ctx *err_trigger;
	struct eventfd_ctx *req_trigger;
	struct virqfd *intx_mask_fd;
	struct virqfd *intx_unmask_fd;
	bool intx_masked;
	bool intx_pending;
};

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

/**
 * struct mgvt_vfio_vgpu - a vGPU's VFIO device
 * @vdev: the VFIO device, first so that the VFIO core can free us
 * @vgpu: the vGPU
 * @irq: its interrupt eventfds and INTx state, under @vgpu.lock
 * @claim: its claim on the VFIO container it is open in
 * @display_region: the plane query offers the display region
 *	(VFIO_GFX_PLANE_TYPE_REGION) instead of dma-bufs; sysfs
 *	"mgvt/display_mode", read without a lock
 */
struct mgvt_vfio_vgpu {
	struct vfio_device vdev;
	struct mgvt_vgpu vgpu;
	struct mgvt_irq irq;
	struct mgvt_claim claim;
	bool display_region;
};

static inline struct mgvt_vfio_vgpu *to_vfio_vgpu(struct mgvt_vgpu *vgpu)
{
	return container_of(vgpu, struct mgvt_vfio_vgpu, vgpu);
}

#endif /* MGVT_VFIO_VFIO_TYPES_H */

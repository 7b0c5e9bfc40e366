/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interrupt plumbing of one vGPU towards its VFIO user, embedded in
 * struct mgvt_vgpu.
 */
#ifndef MGVT_VFIO_IRQ_TYPES_H
#define MGVT_VFIO_IRQ_TYPES_H

#include <linux/types.h>

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
 * @line: the virtual interrupt line (master enabled and a GT bit pending)
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
	bool line;
};

#endif /* MGVT_VFIO_IRQ_TYPES_H */

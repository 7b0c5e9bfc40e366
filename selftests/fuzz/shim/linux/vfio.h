/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzzing: the VFIO device is its struct device; pinning is the harness's
 * model of a container (fuzz_env.c), which checks every pin is undone once.
 */
#ifndef MGVT_FUZZ_VFIO_H
#define MGVT_FUZZ_VFIO_H
#include <linux/device.h>
#include <linux/types.h>
struct page;
struct virqfd;
struct vfio_irq_set;
struct vfio_device {
	struct device *dev;
};
int vfio_pin_pages(struct vfio_device *device, dma_addr_t iova, int npage,
		   int prot, struct page **pages);
void vfio_unpin_pages(struct vfio_device *device, dma_addr_t iova, int npage);
#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A vGPU's entries in the pGPU's GGTT, embedded in struct mgvt_vgpu.
 */
#ifndef MGVT_MM_GGTT_TYPES_H
#define MGVT_MM_GGTT_TYPES_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/xarray.h>

struct mgvt_vgpu;

/**
 * struct mgvt_ggtt - a vGPU's entries in the pGPU's GGTT (ggtt.c)
 * @lock: serialises guest PTE writes, pinning and unpinning, the GGTT
 *	view and BAR2 region accesses; taken before @ap's locks, never
 *	while holding the vGPU's @lock
 * @pins: GM page index -> struct mgvt_pin, for every entry of the slices
 *	backed by a pinned guest page; all other entries of the slices point
 *	at the vGPU's scratch page
 * @scratch_dma: DMA address of the vGPU's scratch page
 * @halves: two bits per entry of the view: its low and high 4-byte halves
 *	written since it was last applied whole
 * @fences: ranges the VFIO user is unmapping now (unmap_fence.c): no pin
 *	inside them until the unmapping task leaves the kernel
 * @pins_blocked: a fence could not be made, so every pin is refused until
 *	the device is closed
 * @drain: the render path's hook (mm/ never calls render/): returns once
 *	no workload of the vGPU runs on the pGPU; called with @lock held
 *	before a VFIO DMA unmap releases pinned pages
 */
struct mgvt_ggtt {
	struct mutex lock; /* PTE writes, pins, view, BAR2 region access */
	struct xarray pins;
	dma_addr_t scratch_dma;
	unsigned long *halves;
	struct list_head fences;
	bool pins_blocked;
	void (*drain)(struct mgvt_vgpu *vgpu);
};

#endif /* MGVT_MM_GGTT_TYPES_H */

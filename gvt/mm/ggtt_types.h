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
struct mgvt_pin;

/**
 * struct mgvt_ggtt_hooks - what the render path tells the GGTT about the
 *	workloads that may reach the vGPU's GM; each called with the GGTT lock
 *	held (no workload starts meanwhile)
 * @drain: returns once no workload of the vGPU runs on the pGPU
 * @epoch: 0 when no workload of the vGPU runs, else a token for @settled
 * @settled: whether every workload that ran at @epoch has ended
 */
struct mgvt_ggtt_hooks {
	void (*drain)(struct mgvt_vgpu *vgpu);
	u64 (*epoch)(struct mgvt_vgpu *vgpu);
	bool (*settled)(struct mgvt_vgpu *vgpu, u64 epoch);
};

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
 * @hooks: the render path's (mm/ never calls render/); NULL: no workload
 *	ever reaches the vGPU's GM
 * @retired: pins whose entries went to scratch while workloads that may
 *	still reach them ran: unpinned once those ended (mgvt_ggtt_settle())
 * @retired_epoch: @hooks' epoch when the newest of them was retired
 * @nretired: how many
 */
struct mgvt_ggtt {
	struct mutex lock; /* PTE writes, pins, view, BAR2 region access */
	struct xarray pins;
	dma_addr_t scratch_dma;
	unsigned long *halves;
	struct list_head fences;
	bool pins_blocked;
	const struct mgvt_ggtt_hooks *hooks;
	struct mgvt_pin *retired;
	u64 retired_epoch;
	unsigned int nretired;
};

#endif /* MGVT_MM_GGTT_TYPES_H */

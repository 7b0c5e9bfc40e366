/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What mgvt counts: per-vGPU counters (embedded in struct mgvt_vgpu) and
 * module-wide stats, each an enum index with one name in core/stats.c.
 */
#ifndef MGVT_CORE_STATS_TYPES_H
#define MGVT_CORE_STATS_TYPES_H

#include <linux/atomic.h>

/**
 * enum mgvt_counter - per-vGPU counters, debugfs "counters"
 * @MGVT_CNT_DROPPED_WRITES: guest writes to read-only registers, dropped,
 *	and 1- or 2-byte writes to masked registers, refused
 * @MGVT_CNT_FENCE_REFUSED: guest fence values kept off the pGPU
 * @MGVT_CNT_PTE_WRITES: GGTT entries the guest wrote inside its slices
 * @MGVT_CNT_PTE_DROPPED: GGTT writes outside its slices, dropped
 * @MGVT_CNT_PTE_REFUSED: entries refused (reserved bits, partial or
 *	odd-sized writes), left pointing at scratch
 * @MGVT_CNT_PIN_FAILURES: entries whose guest page could not be pinned or
 *	mapped
 * @MGVT_CNT_PINNED: guest pages pinned now
 * @MGVT_CNT_UNPINNED: guest pages unpinned since creation
 * @MGVT_CNT_ZAPS: user mappings zapped
 * @MGVT_CNT_DMA_UNMAPS: VFIO DMA unmap notifications that hit pinned pages
 * @MGVT_CNT_RESETS: device resets (VFIO_DEVICE_RESET, close)
 * @MGVT_CNT_CONTAINER_REFUSED: opens refused because another vGPU shares
 *	the VFIO container
 * @MGVT_CNT_ELSP_SUBMITS: ELSP submissions that passed validation
 * @MGVT_CNT_ELSP_REFUSED: ELSP submissions refused (bad descriptors)
 * @MGVT_CNT_REG_REFUSED: register writes refused for what they would set
 *	(status page outside the vGPU, execlists before PVINFO was read)
 * @MGVT_CNT_VBLANKS: vblank events given to the pipes (display/vblank.c)
 * @MGVT_CNT_FLIPS: primary plane flips completed
 * @MGVT_CNT_PLANES_REFUSED: plane queries that found a plane programmed
 *	in a way they refuse (display/fb.c)
 * @MGVT_CNT_NR: number of counters
 */
enum mgvt_counter {
	MGVT_CNT_DROPPED_WRITES,
	MGVT_CNT_FENCE_REFUSED,
	MGVT_CNT_PTE_WRITES,
	MGVT_CNT_PTE_DROPPED,
	MGVT_CNT_PTE_REFUSED,
	MGVT_CNT_PIN_FAILURES,
	MGVT_CNT_PINNED,
	MGVT_CNT_UNPINNED,
	MGVT_CNT_ZAPS,
	MGVT_CNT_DMA_UNMAPS,
	MGVT_CNT_RESETS,
	MGVT_CNT_CONTAINER_REFUSED,
	MGVT_CNT_ELSP_SUBMITS,
	MGVT_CNT_ELSP_REFUSED,
	MGVT_CNT_REG_REFUSED,
	MGVT_CNT_VBLANKS,
	MGVT_CNT_FLIPS,
	MGVT_CNT_PLANES_REFUSED,
	MGVT_CNT_NR
};

/**
 * enum mgvt_stat - what mgvt holds, module-wide (debugfs "mgvt/stats"); a
 *	leak shows up as a figure that does not return to its old value
 * @MGVT_STAT_VGPUS: vGPUs that exist
 * @MGVT_STAT_OPEN_DEVICES: vGPU devices open by a user
 * @MGVT_STAT_PINNED: guest pages pinned
 * @MGVT_STAT_PIN_OBJECTS: live objects of the pin slab cache
 * @MGVT_STAT_VMAS: user mappings of apertures tracked
 * @MGVT_STAT_DMA_MAPS: pages mgvt has DMA-mapped for vGPUs through the HAL
 * @MGVT_STAT_UNMAP_FENCES: VFIO unmaps in progress that still fence pins
 * @MGVT_STAT_DMABUFS: plane dma-bufs exported and not released yet
 * @MGVT_STAT_DMABUF_PAGES: page references those dma-bufs hold
 * @MGVT_STAT_NR: number of stats
 */
enum mgvt_stat {
	MGVT_STAT_VGPUS,
	MGVT_STAT_OPEN_DEVICES,
	MGVT_STAT_PINNED,
	MGVT_STAT_PIN_OBJECTS,
	MGVT_STAT_VMAS,
	MGVT_STAT_DMA_MAPS,
	MGVT_STAT_UNMAP_FENCES,
	MGVT_STAT_DMABUFS,
	MGVT_STAT_DMABUF_PAGES,
	MGVT_STAT_NR
};

/**
 * struct mgvt_counters - a vGPU's counters
 * @c: one per enum mgvt_counter
 */
struct mgvt_counters {
	atomic_long_t c[MGVT_CNT_NR];
};

#endif /* MGVT_CORE_STATS_TYPES_H */

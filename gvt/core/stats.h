/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module-wide stats and per-vGPU counters, and their debugfs files.
 */
#ifndef MGVT_CORE_STATS_H
#define MGVT_CORE_STATS_H

#include <linux/atomic.h>

struct seq_file;

/**
 * struct mgvt_stats - what mgvt holds, module-wide (debugfs "mgvt/stats");
 *	a leak shows up as a figure that does not return to its old value
 * @vgpus: vGPUs that exist
 * @open_devices: vGPU devices open by a user
 * @pinned: guest pages pinned
 * @pin_objects: live objects of the pin slab cache
 * @vmas: user mappings of apertures tracked
 * @dma_maps: pages mgvt has DMA-mapped for vGPUs through the HAL
 * @unmap_fences: VFIO unmaps in progress that still fence pins
 */
struct mgvt_stats {
	atomic_long_t vgpus;
	atomic_long_t open_devices;
	atomic_long_t pinned;
	atomic_long_t pin_objects;
	atomic_long_t vmas;
	atomic_long_t dma_maps;
	atomic_long_t unmap_fences;
};

extern struct mgvt_stats mgvt_stats;

int mgvt_stats_show(struct seq_file *m, void *unused);
int mgvt_counters_show(struct seq_file *m, void *unused);

#endif /* MGVT_CORE_STATS_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * What mgvt holds module-wide (debugfs "mgvt/stats": a leak shows up as a
 * figure that does not return to its old value) and each vGPU's counters
 * (debugfs "counters").
 */
#include <linux/seq_file.h>

#include "core/stats.h"
#include "core/vgpu_types.h"

atomic_long_t mgvt_stats[MGVT_STAT_NR];

static const char *const counter_names[MGVT_CNT_NR] = {
	[MGVT_CNT_DROPPED_WRITES] = "dropped_writes",
	[MGVT_CNT_FENCE_REFUSED] = "fence_refused",
	[MGVT_CNT_PTE_WRITES] = "pte_writes",
	[MGVT_CNT_PTE_DROPPED] = "pte_dropped",
	[MGVT_CNT_PTE_REFUSED] = "pte_refused",
	[MGVT_CNT_PIN_FAILURES] = "pin_failures",
	[MGVT_CNT_PINNED] = "pinned",
	[MGVT_CNT_UNPINNED] = "unpinned",
	[MGVT_CNT_ZAPS] = "zaps",
	[MGVT_CNT_DMA_UNMAPS] = "dma_unmaps",
	[MGVT_CNT_RESETS] = "resets",
	[MGVT_CNT_CONTAINER_REFUSED] = "container_refused",
	[MGVT_CNT_ELSP_SUBMITS] = "elsp_submits",
	[MGVT_CNT_ELSP_REFUSED] = "elsp_refused",
	[MGVT_CNT_REG_REFUSED] = "reg_refused",
	[MGVT_CNT_VBLANKS] = "vblanks",
	[MGVT_CNT_FLIPS] = "flips",
	[MGVT_CNT_PLANES_REFUSED] = "planes_refused",
};

static const char *const stat_names[MGVT_STAT_NR] = {
	[MGVT_STAT_VGPUS] = "vgpus",
	[MGVT_STAT_OPEN_DEVICES] = "open_devices",
	[MGVT_STAT_PINNED] = "pinned",
	[MGVT_STAT_PIN_OBJECTS] = "pin_objects",
	[MGVT_STAT_VMAS] = "vmas",
	[MGVT_STAT_DMA_MAPS] = "dma_maps",
	[MGVT_STAT_UNMAP_FENCES] = "unmap_fences",
	[MGVT_STAT_DMABUFS] = "dmabufs",
	[MGVT_STAT_DMABUF_PAGES] = "dmabuf_pages",
};

/* A table of atomic counters, one "name value" line each. */
static void show_counters(struct seq_file *m, const atomic_long_t *c,
			  const char *const *names, unsigned int n, int width)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		seq_printf(m, "%-*s %ld\n", width, names[i],
			   atomic_long_read(&c[i]));
}

/**
 * mgvt_counters_show - debugfs "counters" of a vGPU
 * @m: the seq_file; its private data is the vGPU
 * @unused: unused
 *
 * Return: 0.
 */
int mgvt_counters_show(struct seq_file *m, void *unused)
{
	struct mgvt_vgpu *vgpu = m->private;

	show_counters(m, vgpu->cnt.c, counter_names, MGVT_CNT_NR, 18);
	return 0;
}

/**
 * mgvt_stats_show - debugfs "stats": what mgvt holds module-wide
 * @m: the seq_file
 * @unused: unused
 *
 * Return: 0.
 */
int mgvt_stats_show(struct seq_file *m, void *unused)
{
	show_counters(m, mgvt_stats, stat_names, MGVT_STAT_NR, 13);
	return 0;
}

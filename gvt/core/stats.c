// SPDX-License-Identifier: GPL-2.0
/*
 * What mgvt holds module-wide (debugfs "mgvt/stats": a leak shows up as a
 * figure that does not return to its old value) and each vGPU's counters
 * (debugfs "counters").
 */
#include <linux/seq_file.h>

#include "core/stats.h"
#include "core/vgpu_types.h"

struct mgvt_stats mgvt_stats;

/**
 * struct mgvt_counter_field - one line of a debugfs counter table
 * @name: the counter's name
 * @offset: offset of its atomic_long_t in the structure shown
 */
struct mgvt_counter_field {
	const char *name;
	size_t offset;
};

/* A table of atomic counters, one "name value" line each. */
static void show_counters(struct seq_file *m, const void *base,
			  const struct mgvt_counter_field *fields,
			  unsigned int n, int width)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		seq_printf(m, "%-*s %ld\n", width, fields[i].name,
			   atomic_long_read((const atomic_long_t *)
					    ((const u8 *)base + fields[i].offset)));
}

#define COUNTER(f) { #f, offsetof(struct mgvt_counters, f) }
static const struct mgvt_counter_field counter_fields[] = {
	COUNTER(dropped_writes), COUNTER(fence_refused), COUNTER(pte_writes),
	COUNTER(pte_dropped), COUNTER(pte_refused), COUNTER(pin_failures),
	COUNTER(pinned), COUNTER(unpinned), COUNTER(zaps), COUNTER(dma_unmaps),
	COUNTER(resets), COUNTER(container_refused),
};

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

	show_counters(m, &vgpu->cnt, counter_fields,
		      ARRAY_SIZE(counter_fields), 18);
	return 0;
}

#define STAT(f) { #f, offsetof(struct mgvt_stats, f) }
static const struct mgvt_counter_field stat_fields[] = {
	STAT(vgpus), STAT(open_devices), STAT(pinned), STAT(pin_objects),
	STAT(vmas), STAT(dma_maps), STAT(unmap_fences),
};

/**
 * mgvt_stats_show - debugfs "stats": what mgvt holds module-wide
 * @m: the seq_file
 * @unused: unused
 *
 * Return: 0.
 */
int mgvt_stats_show(struct seq_file *m, void *unused)
{
	show_counters(m, &mgvt_stats, stat_fields, ARRAY_SIZE(stat_fields),
		      13);
	return 0;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Counting: per-vGPU counters and module-wide stats (enums in
 * core/stats_types.h), and their debugfs show functions.
 */
#ifndef MGVT_CORE_STATS_H
#define MGVT_CORE_STATS_H

#include <linux/atomic.h>

#include "core/stats_types.h"
#include "core/vgpu_types.h"

struct seq_file;

extern atomic_long_t mgvt_stats[MGVT_STAT_NR];

/* Add @d to a counter of @vgpu (1 for an event, -1 when a count drops). */
static inline void mgvt_count(struct mgvt_vgpu *vgpu, enum mgvt_counter i,
			      long d)
{
	atomic_long_add(d, &vgpu->cnt.c[i]);
}

static inline long mgvt_counter_read(const struct mgvt_vgpu *vgpu,
				     enum mgvt_counter i)
{
	return atomic_long_read(&vgpu->cnt.c[i]);
}

/* Add @d to a module-wide stat. */
static inline void mgvt_stat(enum mgvt_stat i, long d)
{
	atomic_long_add(d, &mgvt_stats[i]);
}

static inline long mgvt_stat_read(enum mgvt_stat i)
{
	return atomic_long_read(&mgvt_stats[i]);
}

int mgvt_stats_show(struct seq_file *m, void *unused);
int mgvt_counters_show(struct seq_file *m, void *unused);

#endif /* MGVT_CORE_STATS_H */

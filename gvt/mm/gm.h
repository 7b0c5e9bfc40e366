/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Graphics-memory and fence partitioning of one pGPU between vGPUs.
 *
 * GM is split as on GVT-g: low GM (the mappable aperture) and high GM
 * (hidden, above the aperture).  The host keeps the bottom of each part and
 * a few fences; every vGPU gets one contiguous slice of each part plus some
 * fences.  Slices are carved in MGVT_GM_GRANULE units, first fit.
 *
 * Pure bookkeeping, no locking: the caller serialises (pgpu->lock).  This
 * file is also compiled in userspace by selftests/unit.
 */
#ifndef MGVT_GM_H
#define MGVT_GM_H

#include <linux/types.h>

#include "hal.h"

#define MGVT_GM_GRANULE		(16ULL << 20)
#define MGVT_GM_MAX_GRANULES	256	/* 4 GiB / 16 MiB */

#define MGVT_HOST_LOW_GM	(128ULL << 20)
#define MGVT_HOST_HIGH_GM	(384ULL << 20)
#define MGVT_HOST_FENCES	4U

/**
 * struct mgvt_gm_need - what one vGPU of a type takes
 * @low: low (mappable) GM in bytes, a multiple of MGVT_GM_GRANULE
 * @high: high (hidden) GM in bytes, a multiple of MGVT_GM_GRANULE
 * @fences: fence registers
 */
struct mgvt_gm_need {
	u64 low;
	u64 high;
	u32 fences;
};

/**
 * struct mgvt_gm_slice - what one vGPU holds
 * @low_base: GM address of the low slice
 * @low_size: its size in bytes
 * @high_base: GM address of the high slice
 * @high_size: its size in bytes
 * @fence_mask: pGPU fence registers owned (bit n = fence n)
 */
struct mgvt_gm_slice {
	u64 low_base;
	u64 low_size;
	u64 high_base;
	u64 high_size;
	u32 fence_mask;
};

/* Whether [@gm, @gm + @size) lies inside one of @s's two slices. */
static inline bool mgvt_gm_in_slices(const struct mgvt_gm_slice *s, u64 gm,
				     u64 size)
{
	return (gm >= s->low_base && gm - s->low_base < s->low_size &&
		size <= s->low_size - (gm - s->low_base)) ||
	       (gm >= s->high_base && gm - s->high_base < s->high_size &&
		size <= s->high_size - (gm - s->high_base));
}

/* One GM part: granules [0, count) starting at GM address @base. */
struct mgvt_gm_part {
	u64 base;
	unsigned int count;
	u8 used[MGVT_GM_MAX_GRANULES];
};

/**
 * struct mgvt_gm_pool - free resources of one pGPU after the host reserve
 * @low: guest part of the low GM
 * @high: guest part of the high GM
 * @fence_free: mask of fences free for vGPUs
 */
struct mgvt_gm_pool {
	struct mgvt_gm_part low;
	struct mgvt_gm_part high;
	u32 fence_free;
};

/* Which resource stopped an allocation. */
enum mgvt_gm_res {
	MGVT_GM_RES_NONE,
	MGVT_GM_RES_LOW,
	MGVT_GM_RES_HIGH,
	MGVT_GM_RES_FENCE,
};

int mgvt_gm_pool_init(struct mgvt_gm_pool *pool, u64 aperture, u32 fences);
bool mgvt_gm_fits_empty(const struct mgvt_gm_pool *pool,
			const struct mgvt_gm_need *need);
unsigned int mgvt_gm_available(const struct mgvt_gm_pool *pool,
			       const struct mgvt_gm_need *need);
int mgvt_gm_alloc(struct mgvt_gm_pool *pool, const struct mgvt_gm_need *need,
		  struct mgvt_gm_slice *slice, enum mgvt_gm_res *short_of);
void mgvt_gm_free(struct mgvt_gm_pool *pool, const struct mgvt_gm_slice *slice);
void mgvt_gm_pool_free(const struct mgvt_gm_pool *pool, u64 *low, u64 *high,
		       u32 *fences);
const char *mgvt_gm_res_name(enum mgvt_gm_res res);

#endif /* MGVT_GM_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * Graphics-memory and fence partitioning: see gm.h.
 */
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "mm/gm.h"

static void part_init(struct mgvt_gm_part *part, u64 base, u64 size)
{
	part->base = base;
	part->count = size / MGVT_GM_GRANULE;
	memset(part->used, 0, sizeof(part->used));
}

/**
 * mgvt_gm_pool_init - set up the guest pool of a pGPU
 * @pool: pool to initialise
 * @aperture: size of the low (mappable) GM, a power of two
 * @fences: number of pGPU fence registers
 *
 * Return: 0, or -EINVAL if the geometry leaves nothing or is malformed.
 */
int mgvt_gm_pool_init(struct mgvt_gm_pool *pool, u64 aperture, u32 fences)
{
	if (aperture <= MGVT_HOST_LOW_GM ||
	    aperture + MGVT_HOST_HIGH_GM >= MGVT_GM_SIZE ||
	    aperture & (aperture - 1) ||
	    fences <= MGVT_HOST_FENCES || fences > MGVT_NUM_FENCES)
		return -EINVAL;

	part_init(&pool->low, MGVT_HOST_LOW_GM, aperture - MGVT_HOST_LOW_GM);
	part_init(&pool->high, aperture + MGVT_HOST_HIGH_GM,
		  MGVT_GM_SIZE - aperture - MGVT_HOST_HIGH_GM);
	/* The host keeps the first fences. */
	pool->fence_free = (u32)(((1ULL << fences) - 1) &
				 ~((1ULL << MGVT_HOST_FENCES) - 1));
	return 0;
}

/* Number of disjoint runs of @n free granules that fit in @part. */
static unsigned int part_fit(const struct mgvt_gm_part *part, unsigned int n)
{
	unsigned int i, run = 0, fit = 0;

	if (!n)
		return UINT_MAX;
	for (i = 0; i <= part->count; i++) {
		if (i < part->count && !part->used[i]) {
			run++;
			continue;
		}
		fit += run / n;
		run = 0;
	}
	return fit;
}

/* First fit; returns the first granule or -ENOSPC. */
static int part_alloc(struct mgvt_gm_part *part, unsigned int n)
{
	unsigned int i, run = 0;

	for (i = 0; i < part->count; i++) {
		run = part->used[i] ? 0 : run + 1;
		if (run == n) {
			memset(&part->used[i + 1 - n], 1, n);
			return i + 1 - n;
		}
	}
	return -ENOSPC;
}

static void part_free(struct mgvt_gm_part *part, u64 base, u64 size)
{
	unsigned int first = (base - part->base) / MGVT_GM_GRANULE;
	unsigned int n = size / MGVT_GM_GRANULE;

	if (first > part->count || n > part->count - first)
		return;
	memset(&part->used[first], 0, n);
}

static unsigned int granules(u64 bytes)
{
	return bytes / MGVT_GM_GRANULE;
}

/**
 * mgvt_gm_available - how many more vGPUs needing @need fit now
 * @pool: the pool
 * @need: one vGPU's resources
 *
 * Return: the instance count, counting contiguous placement exactly.
 */
unsigned int mgvt_gm_available(const struct mgvt_gm_pool *pool,
			       const struct mgvt_gm_need *need)
{
	unsigned int low = part_fit(&pool->low, granules(need->low));
	unsigned int high = part_fit(&pool->high, granules(need->high));
	unsigned int fence = need->fences ?
			     hweight32(pool->fence_free) / need->fences :
			     UINT_MAX;

	return min(low, min(high, fence));
}

static unsigned int part_free_granules(const struct mgvt_gm_part *part)
{
	unsigned int i, n = 0;

	for (i = 0; i < part->count; i++)
		n += !part->used[i];
	return n;
}

/**
 * mgvt_gm_pool_free - what a pool has free now, in all
 * @pool: the pool
 * @low: set to its free low GM in bytes
 * @high: set to its free high GM in bytes
 * @fences: set to its free fences
 *
 * Free space may be fragmented: available instances of a type are
 * mgvt_gm_available()'s business.
 */
void mgvt_gm_pool_free(const struct mgvt_gm_pool *pool, u64 *low, u64 *high,
		       u32 *fences)
{
	*low = part_free_granules(&pool->low) * MGVT_GM_GRANULE;
	*high = part_free_granules(&pool->high) * MGVT_GM_GRANULE;
	*fences = hweight32(pool->fence_free);
}

/**
 * mgvt_gm_fits_empty - whether one vGPU of @need fits an empty pool
 * @pool: the pool (only its geometry is used)
 * @need: one vGPU's resources
 *
 * Return: true if the type can ever be instantiated on this pGPU.
 */
bool mgvt_gm_fits_empty(const struct mgvt_gm_pool *pool,
			const struct mgvt_gm_need *need)
{
	return granules(need->low) <= pool->low.count &&
	       granules(need->high) <= pool->high.count &&
	       need->fences <= MGVT_NUM_FENCES - MGVT_HOST_FENCES;
}

/**
 * mgvt_gm_alloc - carve one vGPU's slices out of the pool
 * @pool: the pool
 * @need: what to take
 * @slice: filled with what was taken
 * @short_of: set to the resource that ran out on failure
 *
 * Return: 0 or -ENOSPC; on failure nothing is taken.
 */
int mgvt_gm_alloc(struct mgvt_gm_pool *pool, const struct mgvt_gm_need *need,
		  struct mgvt_gm_slice *slice, enum mgvt_gm_res *short_of)
{
	unsigned int nlow = granules(need->low), nhigh = granules(need->high);
	u32 fences = 0, free = pool->fence_free;
	int low, high;
	u32 i;

	*short_of = MGVT_GM_RES_NONE;
	if (hweight32(free) < need->fences) {
		*short_of = MGVT_GM_RES_FENCE;
		return -ENOSPC;
	}
	low = part_alloc(&pool->low, nlow);
	if (low < 0) {
		*short_of = MGVT_GM_RES_LOW;
		return -ENOSPC;
	}
	high = part_alloc(&pool->high, nhigh);
	if (high < 0) {
		memset(&pool->low.used[low], 0, nlow);
		*short_of = MGVT_GM_RES_HIGH;
		return -ENOSPC;
	}
	for (i = 0; i < need->fences; i++) {
		u32 bit = free & -free;

		fences |= bit;
		free &= ~bit;
	}
	pool->fence_free = free;

	slice->low_base = pool->low.base + (u64)low * MGVT_GM_GRANULE;
	slice->low_size = (u64)nlow * MGVT_GM_GRANULE;
	slice->high_base = pool->high.base + (u64)high * MGVT_GM_GRANULE;
	slice->high_size = (u64)nhigh * MGVT_GM_GRANULE;
	slice->fence_mask = fences;
	return 0;
}

/**
 * mgvt_gm_free - return a vGPU's slices to the pool
 * @pool: the pool
 * @slice: what mgvt_gm_alloc() gave
 */
void mgvt_gm_free(struct mgvt_gm_pool *pool, const struct mgvt_gm_slice *slice)
{
	part_free(&pool->low, slice->low_base, slice->low_size);
	part_free(&pool->high, slice->high_base, slice->high_size);
	pool->fence_free |= slice->fence_mask;
}

/**
 * mgvt_gm_res_name - human name of a resource, for log lines
 * @res: the resource
 *
 * Return: a static string.
 */
const char *mgvt_gm_res_name(enum mgvt_gm_res res)
{
	switch (res) {
	case MGVT_GM_RES_LOW:
		return "low (mappable) GM";
	case MGVT_GM_RES_HIGH:
		return "high (hidden) GM";
	case MGVT_GM_RES_FENCE:
		return "fence registers";
	default:
		return "nothing";
	}
}

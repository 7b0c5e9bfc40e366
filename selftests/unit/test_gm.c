// SPDX-License-Identifier: GPL-2.0
/*
 * GM and fence partitioning (gvt/mm/gm.c): the GVT-g type arithmetic,
 * placement of slices and live available_instances.
 */
#include <errno.h>
#include <string.h>

#include "mm/gm.h"
#include "tap.h"

#define MB (1ULL << 20)

struct type { const char *name; u64 low, high; u32 fences; };

/* The same six types gvt/core/main.c registers. */
static const struct type types[] = {
	{ "GVTg_V5_8", 64, 384, 4 }, { "GVTg_V5_4", 128, 512, 4 },
	{ "GVTg_V5_2", 256, 1024, 4 }, { "GVTg_V5_1", 512, 2048, 4 },
	{ "MGVT_V5_16", 32, 128, 2 }, { "MGVT_V5_32", 16, 64, 1 },
};
#define NTYPES (sizeof(types) / sizeof(types[0]))

static struct mgvt_gm_need need(const struct type *t)
{
	return (struct mgvt_gm_need){ t->low * MB, t->high * MB, t->fences };
}

static void test_counts(u64 aperture_mb, const int *want)
{
	struct mgvt_gm_pool pool;
	unsigned int i;

	tap_ok(!mgvt_gm_pool_init(&pool, aperture_mb * MB, 32),
	       "pool with %llu MiB aperture", (unsigned long long)aperture_mb);
	for (i = 0; i < NTYPES; i++) {
		struct mgvt_gm_need n = need(&types[i]);
		int got = mgvt_gm_fits_empty(&pool, &n) ?
			  (int)mgvt_gm_available(&pool, &n) : -1;

		tap_ok(got == want[i], "%llu MiB aperture: %s %s (got %d, want %d)",
		       (unsigned long long)aperture_mb, types[i].name,
		       want[i] < 0 ? "not offered" : "instances", got, want[i]);
	}
}

static bool overlap(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

static void test_fill_and_free(void)
{
	struct mgvt_gm_pool pool, fresh;
	struct mgvt_gm_slice s[8];
	struct mgvt_gm_need n = need(&types[0]);
	enum mgvt_gm_res why;
	unsigned int i, j, made = 0;
	bool disjoint = true, inside = true;
	u32 fences = 0;

	mgvt_gm_pool_init(&pool, 1024 * MB, 32);
	fresh = pool;
	while (made < 8 && !mgvt_gm_alloc(&pool, &n, &s[made], &why))
		made++;
	tap_ok(made == 7, "seven GVTg_V5_8 vGPUs fit a 1 GiB aperture (%u)", made);
	tap_ok(why == MGVT_GM_RES_FENCE || why == MGVT_GM_RES_HIGH,
	       "the eighth fails on fences or high GM (%s)", mgvt_gm_res_name(why));
	tap_ok(mgvt_gm_available(&pool, &n) == 0, "available_instances 0 when used up");

	for (i = 0; i < made; i++) {
		inside &= s[i].low_base >= 128 * MB &&
			  s[i].low_base + s[i].low_size <= 1024 * MB &&
			  s[i].high_base >= (1024 + 384) * MB &&
			  s[i].high_base + s[i].high_size <= 4096 * MB &&
			  s[i].low_size == 64 * MB && s[i].high_size == 384 * MB;
		disjoint &= !(fences & s[i].fence_mask) && !(s[i].fence_mask & 0xf) &&
			    __builtin_popcount(s[i].fence_mask) == 4;
		fences |= s[i].fence_mask;
		for (j = 0; j < i; j++)
			disjoint &= !overlap(s[i].low_base, s[i].low_size,
					     s[j].low_base, s[j].low_size) &&
				    !overlap(s[i].high_base, s[i].high_size,
					     s[j].high_base, s[j].high_size);
	}
	tap_ok(inside, "slices lie outside the host reserve and inside GM");
	tap_ok(disjoint, "slices and fences of different vGPUs never overlap");

	mgvt_gm_free(&pool, &s[3]);
	tap_ok(mgvt_gm_available(&pool, &n) == 1, "freeing one makes room for one");
	for (i = 0; i < made; i++)
		if (i != 3)
			mgvt_gm_free(&pool, &s[i]);
	tap_ok(!memcmp(&pool, &fresh, sizeof(pool)), "freeing all restores the pool exactly");
}

/* Free totals (sysfs mgvt/free_*): the pool less the host and each slice. */
static void test_free_totals(void)
{
	struct mgvt_gm_pool pool;
	struct mgvt_gm_slice s;
	struct mgvt_gm_need n = need(&types[1]);
	enum mgvt_gm_res why;
	u64 low, high;
	u32 fences;

	mgvt_gm_pool_init(&pool, 1024 * MB, 32);
	mgvt_gm_pool_free(&pool, &low, &high, &fences);
	tap_ok(low == 896 * MB && high == 2688 * MB && fences == 28,
	       "empty 1 GiB pool: 896 MiB low, 2688 MiB high, 28 fences free (%llu, %llu, %u)",
	       (unsigned long long)(low / MB), (unsigned long long)(high / MB), fences);
	mgvt_gm_alloc(&pool, &n, &s, &why);
	mgvt_gm_pool_free(&pool, &low, &high, &fences);
	tap_ok(low == (896 - 128) * MB && high == (2688 - 512) * MB && fences == 24,
	       "one GVTg_V5_4 vGPU takes 128 MiB low, 512 MiB high, 4 fences off the totals");
	mgvt_gm_free(&pool, &s);
	mgvt_gm_pool_free(&pool, &low, &high, &fences);
	tap_ok(low == 896 * MB && high == 2688 * MB && fences == 28,
	       "freeing it restores the totals");
}

/* Holes too small for a type must not be counted. */
static void test_fragmentation(void)
{
	struct mgvt_gm_pool pool;
	struct mgvt_gm_slice s[28];
	struct mgvt_gm_need small = need(&types[5]), big = need(&types[3]);
	enum mgvt_gm_res why;
	unsigned int i;

	mgvt_gm_pool_init(&pool, 1024 * MB, 32);
	for (i = 0; i < 28; i++)
		mgvt_gm_alloc(&pool, &small, &s[i], &why);
	for (i = 0; i < 28; i += 2)
		mgvt_gm_free(&pool, &s[i]);
	/* 14 x 16 MiB of low GM free, but no 512 MiB run. */
	tap_ok(mgvt_gm_available(&pool, &big) == 0,
	       "fragmented low GM: GVTg_V5_1 shows 0 instances");
	tap_ok(mgvt_gm_alloc(&pool, &big, &s[0], &why) == -ENOSPC &&
	       why == MGVT_GM_RES_LOW, "and its creation fails on low GM");
	tap_ok(mgvt_gm_available(&pool, &small) == 14,
	       "the holes still take 14 MGVT_V5_32");
}

static void test_bad_geometry(void)
{
	struct mgvt_gm_pool pool;

	tap_ok(mgvt_gm_pool_init(&pool, 768 * MB, 32) == -EINVAL, "aperture not a power of two refused");
	tap_ok(mgvt_gm_pool_init(&pool, 128 * MB, 32) == -EINVAL, "aperture no larger than the host reserve refused");
	tap_ok(mgvt_gm_pool_init(&pool, 4096 * MB, 32) == -EINVAL, "aperture leaving no high GM refused");
	tap_ok(mgvt_gm_pool_init(&pool, 1024 * MB, 4) == -EINVAL, "no fences beyond the host's refused");
}

int main(void)
{
	static const int at1g[NTYPES] = { 7, 5, 2, 1, 14, 28 };
	static const int at256m[NTYPES] = { 2, 1, -1, -1, 4, 8 };
	static const int at2g[NTYPES] = { 4, 3, 1, -1, 13, 26 };

	tap_header();
	test_counts(1024, at1g);
	test_counts(256, at256m);
	test_counts(2048, at2g);
	test_fill_and_free();
	test_free_totals();
	test_fragmentation();
	test_bad_geometry();
	return tap_finish();
}

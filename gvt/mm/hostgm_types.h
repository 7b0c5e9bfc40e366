/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host's graphics memory: state of its allocator (embedded in struct
 * mgvt_pgpu) and one allocation.
 */
#ifndef MGVT_MM_HOSTGM_TYPES_H
#define MGVT_MM_HOSTGM_TYPES_H

#include <linux/spinlock.h>
#include <linux/types.h>

struct mgvt_pgpu;
struct page;

/* The two parts of the host's reserve. */
enum mgvt_gm_zone {
	MGVT_GM_LOW,	/* [0, 128 MiB): mappable through the aperture */
	MGVT_GM_HIGH,	/* [aperture, aperture + 384 MiB): hidden */
	MGVT_GM_ZONES,
};

/**
 * struct mgvt_hostgm_zone - one part of the reserve, page by page
 * @base: GM address of its first page
 * @pages: its size in pages
 * @used: bitmap of pages allocated
 * @nr_used: how many
 */
struct mgvt_hostgm_zone {
	u64 base;
	unsigned long pages;
	unsigned long *used;
	unsigned long nr_used;
};

/**
 * struct mgvt_hostgm - the host GM allocator of one pGPU (mm/hostgm.c)
 * @pgpu: the pGPU whose GGTT and DMA mappings it manages
 * @lock: protects the zones' bitmaps and counts; a leaf, never held
 *	across anything that sleeps
 * @zone: low and high reserve
 * @allocs: live allocations
 */
struct mgvt_hostgm {
	struct mgvt_pgpu *pgpu;
	spinlock_t lock; /* zone bitmaps */
	struct mgvt_hostgm_zone zone[MGVT_GM_ZONES];
	unsigned long allocs;
};

/**
 * struct mgvt_gm_buf - a range of host GM backed by host pages
 * @gm: GM address of its first page
 * @npages: its size in pages
 * @zone: the reserve it came from
 * @pages: the host page behind each GM page
 * @dma: the DMA address the GGTT entry of each page names
 */
struct mgvt_gm_buf {
	u64 gm;
	unsigned int npages;
	enum mgvt_gm_zone zone;
	struct page **pages;
	dma_addr_t *dma;
};

#endif /* MGVT_MM_HOSTGM_TYPES_H */

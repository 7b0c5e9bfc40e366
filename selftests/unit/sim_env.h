/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the mgvt-sim unit tests: one GPU memory world (IOMMU + GGTT)
 * and a helper that backs a GM range with fresh, zeroed, DMA-mapped pages,
 * as a driver would.
 */
#ifndef MGVT_TEST_SIM_ENV_H
#define MGVT_TEST_SIM_ENV_H

#include <stdlib.h>
#include <string.h>

#include "sim/mem.h"

static struct sim_iommu mmu;
static struct sim_ggtt ggtt;

/* @npages zeroed pages, mapped and entered in the GGTT at @gm. */
static inline void *gm_map(u64 gm, unsigned int npages)
{
	u8 *p = aligned_alloc(4096, npages * 4096);
	unsigned int i;

	if (!p)
		abort();
	memset(p, 0, npages * 4096);
	for (i = 0; i < npages; i++) {
		u64 dma;

		if (sim_iommu_map(&mmu, (struct page *)(p + 4096 * i), 1, &dma))
			abort();
		sim_ggtt_write(&ggtt, (gm >> 12) + i, dma | GEN8_PTE_PRESENT);
	}
	sim_ggtt_invalidate(&ggtt);
	return p;
}

#endif /* MGVT_TEST_SIM_ENV_H */

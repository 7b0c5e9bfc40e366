/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mgvt-sim's emulated IOMMU: the registry of host pages the driver mapped
 * for DMA through the HAL.  Engines reach host memory only at addresses
 * found here; anything else is a DMA fault, counted and never touched.
 *
 * DMA addresses are the pages' physical addresses (as with a pass-through
 * IOMMU), so pages that are contiguous in memory are contiguous for DMA
 * too.  Compiled in userspace by selftests/unit.
 */
#ifndef MGVT_SIM_IOMMU_H
#define MGVT_SIM_IOMMU_H

#include <linux/atomic.h>
#include <linux/mm_types.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/xarray.h>

/**
 * struct sim_iommu - DMA mappings of one simulated GPU
 * @lock: serialises map and unmap (lookups take no lock)
 * @pfns: mapped page frames, value = map count
 * @mapped: pages currently mapped (for leak accounting)
 * @faults: engine accesses to unmapped addresses
 */
struct sim_iommu {
	struct mutex lock; /* map/unmap */
	struct xarray pfns;
	atomic_long_t mapped;
	atomic_long_t faults;
};

void sim_iommu_init(struct sim_iommu *mmu);
void sim_iommu_fini(struct sim_iommu *mmu);
int sim_iommu_map(struct sim_iommu *mmu, struct page *page,
		  unsigned int npages, u64 *dma);
int sim_iommu_unmap(struct sim_iommu *mmu, u64 dma, unsigned int npages);
void *sim_iommu_lookup(struct sim_iommu *mmu, u64 dma);
bool sim_iommu_mapped(struct sim_iommu *mmu, u64 dma);

#endif /* MGVT_SIM_IOMMU_H */

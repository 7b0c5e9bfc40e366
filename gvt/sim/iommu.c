// SPDX-License-Identifier: GPL-2.0
/*
 * mgvt-sim emulated IOMMU: see iommu.h.
 */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/printk.h>

#include "iommu.h"

/**
 * sim_iommu_init - start with nothing mapped
 * @mmu: the registry
 */
void sim_iommu_init(struct sim_iommu *mmu)
{
	mutex_init(&mmu->lock);
	xa_init(&mmu->pfns);
	atomic_long_set(&mmu->mapped, 0);
	atomic_long_set(&mmu->faults, 0);
}

/**
 * sim_iommu_fini - drop the registry
 * @mmu: the registry; whatever is still mapped is a driver leak
 */
void sim_iommu_fini(struct sim_iommu *mmu)
{
	xa_destroy(&mmu->pfns);
	mutex_destroy(&mmu->lock);
}

static unsigned long map_count(struct sim_iommu *mmu, unsigned long pfn)
{
	void *entry = xa_load(&mmu->pfns, pfn);

	return entry ? xa_to_value(entry) : 0;
}

static int unmap_locked(struct sim_iommu *mmu, unsigned long pfn,
			unsigned int npages)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; i < npages; i++) {
		unsigned long n = map_count(mmu, pfn + i);

		if (!n) {
			ret = -ENOENT;
			continue;
		}
		if (n == 1) {
			xa_erase(&mmu->pfns, pfn + i);
			atomic_long_dec(&mmu->mapped);
		} else {
			/* Replacing an entry allocates nothing. */
			xa_store(&mmu->pfns, pfn + i, xa_mk_value(n - 1),
				 GFP_KERNEL);
		}
	}
	return ret;
}

/**
 * sim_iommu_map - let the GPU reach @npages pages from @page
 * @mmu: the registry
 * @page: first page, physically contiguous with the rest
 * @npages: number of pages
 * @dma: set to the DMA address of @page
 *
 * A page may be mapped several times; it stays reachable until each
 * mapping is undone.
 *
 * Return: 0 or -ENOMEM (nothing mapped then).
 */
int sim_iommu_map(struct sim_iommu *mmu, struct page *page,
		  unsigned int npages, u64 *dma)
{
	unsigned long pfn = page_to_pfn(page);
	unsigned int i;
	int ret = 0;

	mutex_lock(&mmu->lock);
	for (i = 0; i < npages; i++) {
		unsigned long n = map_count(mmu, pfn + i) + 1;

		ret = xa_err(xa_store(&mmu->pfns, pfn + i, xa_mk_value(n),
				      GFP_KERNEL));
		if (ret) {
			unmap_locked(mmu, pfn, i);
			break;
		}
		if (n == 1)
			atomic_long_inc(&mmu->mapped);
	}
	mutex_unlock(&mmu->lock);
	*dma = (u64)pfn << PAGE_SHIFT;
	return ret;
}

/**
 * sim_iommu_unmap - undo one sim_iommu_map()
 * @mmu: the registry
 * @dma: DMA address returned by the map
 * @npages: number of pages mapped
 *
 * Return: 0, or -ENOENT if some page was not mapped (a driver bug; the
 * pages that were mapped are still unmapped).
 */
int sim_iommu_unmap(struct sim_iommu *mmu, u64 dma, unsigned int npages)
{
	int ret;

	mutex_lock(&mmu->lock);
	ret = unmap_locked(mmu, dma >> PAGE_SHIFT, npages);
	mutex_unlock(&mmu->lock);
	return ret;
}

/**
 * sim_iommu_lookup - where a GPU access to @dma lands
 * @mmu: the registry
 * @dma: DMA address
 *
 * Return: the kernel address of that byte, or NULL (counted as a DMA
 * fault) if its page is not mapped.
 */
void *sim_iommu_lookup(struct sim_iommu *mmu, u64 dma)
{
	unsigned long pfn = dma >> PAGE_SHIFT;

	if (!map_count(mmu, pfn)) {
		atomic_long_inc(&mmu->faults);
		pr_warn_ratelimited("mgvt_sim: strict: DMA to unmapped address %#llx\n",
				    dma);
		return NULL;
	}
	return (u8 *)page_address(pfn_to_page(pfn)) + offset_in_page(dma);
}

/**
 * sim_iommu_mapped - whether the driver has @dma mapped (no fault counted)
 * @mmu: the registry
 * @dma: DMA address
 *
 * Return: true if its page is mapped.
 */
bool sim_iommu_mapped(struct sim_iommu *mmu, u64 dma)
{
	return map_count(mmu, dma >> PAGE_SHIFT);
}

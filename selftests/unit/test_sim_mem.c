// SPDX-License-Identifier: GPL-2.0
/*
 * mgvt-sim memory model (gvt/sim/iommu.c, gvt/sim/mem.c), checked by
 * value: data lands at the address the GGTT or PPGTT translation names,
 * for every page size; a GGTT update is invisible to an engine until the
 * invalidate; invalid entries and unmapped DMA fault, are counted and
 * leave host memory untouched.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim/mem.h"
#include "tap.h"

#define MiB (1ULL << 20)

static struct sim_iommu mmu;
static struct sim_ggtt ggtt;
static struct sim_tlb tlb;
static struct sim_mem mem = { .mmu = &mmu, .ggtt = &ggtt, .tlb = &tlb };

static void *alloc_pages(size_t align, size_t size)
{
	void *p = aligned_alloc(align, size);

	if (!p)
		abort();
	memset(p, 0, size);
	return p;
}

/* Buffers of the PPGTT test, unmapped and freed at its end. */
static struct { void *p; unsigned int npages; u64 dma; } held[16];
static unsigned int nheld;

static u64 map(void *p, unsigned int npages)
{
	u64 dma = 0;

	if (sim_iommu_map(&mmu, (struct page *)p, npages, &dma))
		abort();
	return dma;
}

static u64 hold(void *p, unsigned int npages)
{
	held[nheld].p = p;
	held[nheld].npages = npages;
	held[nheld].dma = map(p, npages);
	return held[nheld++].dma;
}

static void release_all(void)
{
	while (nheld--) {
		sim_iommu_unmap(&mmu, held[nheld].dma, held[nheld].npages);
		free(held[nheld].p);
	}
	nheld = 0;
}

static void test_iommu(void)
{
	u8 *pg = alloc_pages(4096, 4096);
	u64 dma = map(pg, 1);

	tap_ok(sim_iommu_lookup(&mmu, dma + 0x123) == pg + 0x123, "IOMMU: mapped page reachable at its offset");
	tap_ok(atomic_long_read(&mmu.mapped) == 1, "IOMMU: one page mapped");
	map(pg, 1);
	sim_iommu_unmap(&mmu, dma, 1);
	tap_ok(sim_iommu_lookup(&mmu, dma) == pg, "IOMMU: a page mapped twice survives one unmap");
	sim_iommu_unmap(&mmu, dma, 1);
	tap_ok(!sim_iommu_lookup(&mmu, dma) && atomic_long_read(&mmu.faults) == 1,
	       "IOMMU: unmapped page faults and the fault is counted");
	tap_ok(sim_iommu_unmap(&mmu, dma, 1) == -ENOENT, "IOMMU: unmapping twice is reported");
	tap_ok(atomic_long_read(&mmu.mapped) == 0, "IOMMU: nothing left mapped");
	free(pg);
}

static void test_ggtt(void)
{
	u8 *a = alloc_pages(4096, 4096), *b = alloc_pages(4096, 4096);
	u64 da = map(a, 1), db = map(b, 1), gm = 200 * MiB, dma = 0;
	u32 idx = gm >> 12, v = 0xcafef00d, r = 0;

	tap_ok(sim_ggtt_translate(&mem, gm, &dma) == SIM_FAULT_PTE &&
	       atomic_long_read(&ggtt.pte_faults) == 1,
	       "GGTT: invalid entry faults (counted)");
	sim_ggtt_write(&ggtt, idx, da | GEN8_PTE_PRESENT);
	tap_ok(sim_ggtt_read(&ggtt, idx) == (da | GEN8_PTE_PRESENT), "GGTT: entry reads back");
	tap_ok(sim_ggtt_translate(&mem, gm, &dma) == SIM_FAULT_PTE,
	       "GGTT: engine TLB keeps the old entry until the invalidate");
	tap_ok(atomic_long_read(&ggtt.stale_uses) == 1, "strict: use before invalidate counted");
	sim_ggtt_invalidate(&ggtt);
	tap_ok(sim_mem_access(&mem, 0, gm + 0x40, &v, 4, true) == SIM_FAULT_NONE &&
	       !memcmp(a + 0x40, &v, 4), "GGTT: store lands in the page the entry names");
	sim_ggtt_write(&ggtt, idx, db | GEN8_PTE_PRESENT);
	sim_mem_access(&mem, 0, gm + 0x40, &r, 4, false);
	tap_ok(r == v, "GGTT: rewritten entry not seen before the invalidate");
	sim_ggtt_invalidate(&ggtt);
	sim_mem_access(&mem, 0, gm + 0x40, &r, 4, false);
	tap_ok(r == 0, "GGTT: after the invalidate the new page is used");
	tap_ok(atomic_long_read(&ggtt.stale_uses) == 2, "strict: second stale use counted");

	tap_ok(sim_ggtt_translate(&mem, MGVT_GM_SIZE, &dma) == SIM_FAULT_RANGE,
	       "GGTT: address beyond 4 GiB faults");

	/* Entry pointing at memory that was never mapped. */
	sim_iommu_unmap(&mmu, db, 1);
	sim_ggtt_invalidate(&ggtt);
	memset(b, 0x5a, 4096);
	tap_ok(sim_mem_access(&mem, 0, gm, &v, 4, true) == SIM_FAULT_DMA &&
	       b[0] == 0x5a, "GGTT: entry to unmapped DMA faults, host page untouched");

	/* A store across a page boundary is split between two pages. */
	sim_ggtt_write(&ggtt, idx, da | GEN8_PTE_PRESENT);
	db = map(b, 1);
	sim_ggtt_write(&ggtt, idx + 1, db | GEN8_PTE_PRESENT);
	sim_ggtt_invalidate(&ggtt);
	{
		u8 data[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

		sim_mem_access(&mem, 0, gm + 4092, data, 8, true);
		tap_ok(!memcmp(a + 4092, data, 4) && !memcmp(b, data + 4, 4),
		       "GGTT: access across pages splits at the boundary");
	}
	sim_iommu_unmap(&mmu, da, 1);
	sim_iommu_unmap(&mmu, db, 1);
	free(a);
	free(b);
}

/* A 4-level table set whose leaves test each page size. */
static void test_ppgtt(void)
{
	u64 *pml4 = alloc_pages(4096, 4096), *pdp = alloc_pages(4096, 4096);
	u64 *pd = alloc_pages(4096, 4096), *pt = alloc_pages(4096, 4096);
	u64 *pt64 = alloc_pages(4096, 4096);
	u8 *p4k = alloc_pages(4096, 4096);
	u8 *p64k = alloc_pages(64 << 10, 64 << 10);
	u8 *p2m = alloc_pages(2 << 20, 2 << 20);
	u64 root = hold(pml4, 1), va, dma = 0;
	u32 v = 0x12345678;
	long faults;

	/* va layout: PML4 1, PDP 2, PD 3 (4K), 4 (64K), 5 (2M). */
	pml4[1] = hold(pdp, 1) | GEN8_PTE_PRESENT;
	pdp[2] = hold(pd, 1) | GEN8_PTE_PRESENT;
	pd[3] = hold(pt, 1) | GEN8_PTE_PRESENT;
	pd[4] = hold(pt64, 1) | GEN8_PTE_PRESENT | SIM_PDE_IPS_64K;
	pd[5] = hold(p2m, 512) | GEN8_PTE_PRESENT | SIM_PDE_PS_2M;
#define VA(pd_i, rest) ((1ULL << 39) | (2ULL << 30) | ((u64)(pd_i) << 21) | (rest))

	pt[7] = hold(p4k, 1) | GEN8_PTE_PRESENT;
	va = VA(3, (7 << 12) | 0x234);
	tap_ok(sim_mem_access(&mem, root, va, &v, 4, true) == SIM_FAULT_NONE &&
	       !memcmp(p4k + 0x234, &v, 4), "PPGTT 4K: store lands at the translated address");

	pt64[32] = hold(p64k, 16) | GEN8_PTE_PRESENT;	/* 64K page 2 of the PT */
	va = VA(4, (2ULL << 16) | 0x9abc);
	tap_ok(sim_mem_access(&mem, root, va, &v, 4, true) == SIM_FAULT_NONE &&
	       !memcmp(p64k + 0x9abc, &v, 4), "PPGTT 64K: IPS table, entry 16*n, offset within 64 KiB");

	va = VA(5, 0x1234c8);
	tap_ok(sim_mem_access(&mem, root, va, &v, 4, true) == SIM_FAULT_NONE &&
	       !memcmp(p2m + 0x1234c8, &v, 4), "PPGTT 2M: PS page, offset within 2 MiB");

	faults = atomic_long_read(&ggtt.pte_faults);
	tap_ok(sim_ppgtt_translate(&mem, root, VA(6, 0), &dma) == SIM_FAULT_PTE &&
	       atomic_long_read(&ggtt.pte_faults) == faults + 1,
	       "PPGTT: non-present PDE faults (counted)");
	tap_ok(sim_ppgtt_translate(&mem, root, VA(3, 8 << 12), &dma) == SIM_FAULT_PTE,
	       "PPGTT: non-present PTE faults");
	pdp[9] = (pdp[2] & SIM_PAGE_ADDR) | GEN8_PTE_PRESENT | SIM_PDPE_PS_1G;
	tap_ok(sim_ppgtt_translate(&mem, root, (1ULL << 39) | (9ULL << 30), &dma) == SIM_FAULT_PTE,
	       "PPGTT: 1 GiB pages are refused");
	tap_ok(sim_ppgtt_translate(&mem, root, 1ULL << 48, &dma) == SIM_FAULT_RANGE,
	       "PPGTT: address beyond 48 bits faults");

	/* A table page the driver forgot to map is never read. */
	sim_iommu_unmap(&mmu, pd[3] & SIM_PAGE_ADDR, 1);
	tap_ok(sim_ppgtt_translate(&mem, root, VA(3, 7 << 12), &dma) == SIM_FAULT_DMA,
	       "PPGTT: unmapped page-table page faults");
	map(pt, 1);	/* balance release_all() */
	{
		u64 *stray = alloc_pages(4096, 4096);

		stray[0] = pml4[1];	/* a valid-looking table, never mapped */
		tap_ok(sim_ppgtt_translate(&mem, (uintptr_t)stray, 0, &dma) == SIM_FAULT_DMA,
		       "PPGTT: a root table that is not mapped is never read");
		free(stray);
	}
	release_all();
	tap_ok(atomic_long_read(&mmu.mapped) == 0, "IOMMU: every mapping undone, nothing leaked");
}

int main(void)
{
	tap_header();
	sim_iommu_init(&mmu);
	if (sim_ggtt_init(&ggtt))
		return 1;
	test_iommu();
	test_ggtt();
	test_ppgtt();
	sim_ggtt_fini(&ggtt);
	sim_iommu_fini(&mmu);
	return tap_finish();
}

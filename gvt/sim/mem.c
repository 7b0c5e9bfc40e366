// SPDX-License-Identifier: GPL-2.0
/*
 * mgvt-sim memory paths: see mem.h.
 */
#include <linux/bitmap.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "mem.h"

#define SZ_64K_MASK	(BIT_ULL(16) - 1)
#define SZ_2M_MASK	(BIT_ULL(21) - 1)

/**
 * sim_ggtt_init - an empty GGTT (every entry invalid)
 * @ggtt: the GGTT
 *
 * Return: 0 or -ENOMEM.
 */
int sim_ggtt_init(struct sim_ggtt *ggtt)
{
	ggtt->pte = vzalloc(MGVT_GGTT_SIZE);
	ggtt->dirty = bitmap_zalloc(SIM_GGTT_ENTRIES, GFP_KERNEL);
	if (!ggtt->pte || !ggtt->dirty) {
		sim_ggtt_fini(ggtt);
		return -ENOMEM;
	}
	spin_lock_init(&ggtt->dirty_lock);
	ggtt->ndirty = 0;
	atomic_set(&ggtt->gen, 0);
	atomic_long_set(&ggtt->stale_uses, 0);
	atomic_long_set(&ggtt->range_faults, 0);
	atomic_long_set(&ggtt->pte_faults, 0);
	return 0;
}

/**
 * sim_ggtt_fini - free the GGTT
 * @ggtt: the GGTT
 */
void sim_ggtt_fini(struct sim_ggtt *ggtt)
{
	bitmap_free(ggtt->dirty);
	vfree(ggtt->pte);
	ggtt->dirty = NULL;
	ggtt->pte = NULL;
}

/**
 * sim_ggtt_read - what the driver reads back at BAR0 + 8 MiB + 8 * @index
 * @ggtt: the GGTT
 * @index: entry, below SIM_GGTT_ENTRIES
 *
 * Return: the entry as last written.
 */
u64 sim_ggtt_read(struct sim_ggtt *ggtt, u32 index)
{
	return READ_ONCE(ggtt->pte[index]);
}

/**
 * sim_ggtt_write - a driver write of one entry
 * @ggtt: the GGTT
 * @index: entry, below SIM_GGTT_ENTRIES
 * @pte: new value; engines may keep using the old one until the next
 *	sim_ggtt_invalidate()
 */
void sim_ggtt_write(struct sim_ggtt *ggtt, u32 index, u64 pte)
{
	unsigned long flags;

	/* Dirty first: a translation racing with the write counts as stale. */
	spin_lock_irqsave(&ggtt->dirty_lock, flags);
	if (!test_and_set_bit(index, ggtt->dirty)) {
		if (ggtt->ndirty < SIM_DIRTY_TRACK)
			ggtt->dirty_idx[ggtt->ndirty] = index;
		ggtt->ndirty++;
	}
	spin_unlock_irqrestore(&ggtt->dirty_lock, flags);
	WRITE_ONCE(ggtt->pte[index], pte);
}

/**
 * sim_ggtt_invalidate - the GGTT invalidate (a write of GFX_FLSH_CNTL)
 * @ggtt: the GGTT
 *
 * Every engine TLB is flushed before its next translation.
 */
void sim_ggtt_invalidate(struct sim_ggtt *ggtt)
{
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&ggtt->dirty_lock, flags);
	if (ggtt->ndirty > SIM_DIRTY_TRACK)
		bitmap_zero(ggtt->dirty, SIM_GGTT_ENTRIES);
	else
		for (i = 0; i < ggtt->ndirty; i++)
			clear_bit(ggtt->dirty_idx[i], ggtt->dirty);
	ggtt->ndirty = 0;
	atomic_inc(&ggtt->gen);
	spin_unlock_irqrestore(&ggtt->dirty_lock, flags);
}

static u64 tlb_lookup(struct sim_mem *mem, u32 index)
{
	struct sim_tlb *tlb = mem->tlb;
	struct sim_ggtt *ggtt = mem->ggtt;
	unsigned int slot = index % SIM_TLB_ENTRIES;
	int gen = atomic_read(&ggtt->gen);

	if (tlb->gen != gen) {
		memset(tlb->tag, 0, sizeof(tlb->tag));
		tlb->gen = gen;
	}
	if (test_bit(index, ggtt->dirty)) {
		atomic_long_inc(&ggtt->stale_uses);
		pr_warn_ratelimited("mgvt_sim: strict: GGTT entry %u used before the GGTT invalidate\n",
				    index);
	}
	if (tlb->tag[slot] != index + 1) {
		tlb->pte[slot] = READ_ONCE(ggtt->pte[index]);
		tlb->tag[slot] = index + 1;
	}
	return tlb->pte[slot];
}

static enum sim_fault fault(struct sim_ggtt *ggtt, enum sim_fault f)
{
	if (f == SIM_FAULT_RANGE)
		atomic_long_inc(&ggtt->range_faults);
	else if (f == SIM_FAULT_PTE)
		atomic_long_inc(&ggtt->pte_faults);
	return f;
}

/**
 * sim_ggtt_translate - GM address to DMA address, as an engine sees it
 * @mem: the engine's path to memory
 * @gm: graphics memory address
 * @dma: set to the DMA address on success
 *
 * Return: SIM_FAULT_NONE, or the fault (counted).
 */
enum sim_fault sim_ggtt_translate(struct sim_mem *mem, u64 gm, u64 *dma)
{
	u64 pte;

	if (gm >= MGVT_GM_SIZE)
		return fault(mem->ggtt, SIM_FAULT_RANGE);
	pte = tlb_lookup(mem, gm >> PAGE_SHIFT);
	if (!(pte & GEN8_PTE_PRESENT))
		return fault(mem->ggtt, SIM_FAULT_PTE);
	*dma = (pte & SIM_PAGE_ADDR) | offset_in_page(gm);
	return SIM_FAULT_NONE;
}

/* One page-table entry, read from host memory through the IOMMU. */
static enum sim_fault read_entry(struct sim_mem *mem, u64 table,
				 unsigned int index, u64 *entry)
{
	u64 *p = sim_iommu_lookup(mem->mmu, (table & SIM_PAGE_ADDR) + 8 * index);

	if (!p)
		return SIM_FAULT_DMA;
	*entry = READ_ONCE(*p);
	if (!(*entry & GEN8_PTE_PRESENT))
		return fault(mem->ggtt, SIM_FAULT_PTE);
	return SIM_FAULT_NONE;
}

static unsigned int va_index(u64 va, unsigned int shift)
{
	return (va >> shift) & 511;
}

/**
 * sim_ppgtt_translate - PPGTT address to DMA address
 * @mem: the engine's path to memory
 * @pml4: DMA address of the context's top-level table (PDP0 of a 4-level
 *	context)
 * @va: 48-bit graphics virtual address
 * @dma: set to the DMA address on success
 *
 * Walks PML4, PDP, PD and PT as Gen9 does: a PDE with PS maps 2 MiB; a PDE
 * with IPS makes its page table one of 64 KiB pages, every 16th entry used.
 * 1 GiB pages are not supported and fault like an invalid entry.
 *
 * Return: SIM_FAULT_NONE, or the fault (counted).
 */
enum sim_fault sim_ppgtt_translate(struct sim_mem *mem, u64 pml4, u64 va,
				   u64 *dma)
{
	u64 pml4e, pdpe, pde, pte;
	unsigned int pti;
	enum sim_fault f;

	if (va >> SIM_PPGTT_VA_BITS)
		return fault(mem->ggtt, SIM_FAULT_RANGE);

	f = read_entry(mem, pml4, va_index(va, 39), &pml4e);
	if (f)
		return f;
	f = read_entry(mem, pml4e, va_index(va, 30), &pdpe);
	if (f)
		return f;
	if (pdpe & SIM_PDPE_PS_1G)
		return fault(mem->ggtt, SIM_FAULT_PTE);
	f = read_entry(mem, pdpe, va_index(va, 21), &pde);
	if (f)
		return f;
	if (pde & SIM_PDE_PS_2M) {
		*dma = (pde & SIM_PAGE_ADDR & ~SZ_2M_MASK) | (va & SZ_2M_MASK);
		return SIM_FAULT_NONE;
	}
	pti = va_index(va, 12);
	if (pde & SIM_PDE_IPS_64K) {
		f = read_entry(mem, pde, pti & ~15U, &pte);
		if (f)
			return f;
		*dma = (pte & SIM_PAGE_ADDR & ~SZ_64K_MASK) | (va & SZ_64K_MASK);
		return SIM_FAULT_NONE;
	}
	f = read_entry(mem, pde, pti, &pte);
	if (f)
		return f;
	*dma = (pte & SIM_PAGE_ADDR) | offset_in_page(va);
	return SIM_FAULT_NONE;
}

/**
 * sim_mem_access - an engine reads or writes GPU memory
 * @mem: the engine's path to memory
 * @pml4: the PPGTT to use, or 0 for the GGTT
 * @addr: GPU address
 * @buf: data to write or room for what is read
 * @len: bytes
 * @write: direction
 *
 * Each page is translated on its own.  On a fault the access stops there;
 * the pages before it were already done, as on hardware.  Where it stopped
 * is kept in @mem->fault_addr and @mem->fault_ppgtt.
 *
 * Return: SIM_FAULT_NONE or the first fault.
 */
enum sim_fault sim_mem_access(struct sim_mem *mem, u64 pml4, u64 addr,
			      void *buf, size_t len, bool write)
{
	u8 *p = buf;

	while (len) {
		size_t chunk = min_t(size_t, len, PAGE_SIZE - offset_in_page(addr));
		enum sim_fault f;
		void *host = NULL;
		u64 dma;

		f = pml4 ? sim_ppgtt_translate(mem, pml4, addr, &dma) :
			   sim_ggtt_translate(mem, addr, &dma);
		if (!f) {
			host = sim_iommu_lookup(mem->mmu, dma);
			if (!host)
				f = SIM_FAULT_DMA;
		}
		if (f) {
			mem->fault_addr = addr;
			mem->fault_ppgtt = pml4;
			return f;
		}
		if (write)
			memcpy(host, p, chunk);
		else
			memcpy(p, host, chunk);
		p += chunk;
		addr += chunk;
		len -= chunk;
	}
	return SIM_FAULT_NONE;
}

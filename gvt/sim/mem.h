/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How mgvt-sim's engines reach memory: GM through the GGTT (with a modelled
 * TLB that only a GGTT invalidate refreshes) or a 4-level 48-bit PPGTT
 * (4 KiB, 64 KiB and 2 MiB pages), and then host memory only through the
 * emulated IOMMU.  Every failed translation is reported as the fault the
 * hardware would raise and counted; nothing outside the DMA mappings is
 * ever touched.  Compiled in userspace by selftests/unit.
 */
#ifndef MGVT_SIM_MEM_H
#define MGVT_SIM_MEM_H

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "hal.h"
#include "regs/gtt.h"
#include "iommu.h"

#define SIM_GGTT_ENTRIES	(MGVT_GGTT_SIZE / MGVT_GGTT_PTE_SIZE)
#define SIM_PAGE_ADDR		GENMASK_ULL(46, 12)
#define SIM_PDPE_PS_1G		BIT_ULL(7)
#define SIM_PDE_PS_2M		BIT_ULL(7)
#define SIM_PDE_IPS_64K		BIT_ULL(11)
#define SIM_PPGTT_VA_BITS	48
#define SIM_TLB_ENTRIES		64
#define SIM_DIRTY_TRACK		64

/* What stopped an access, as the engine would report it. */
enum sim_fault {
	SIM_FAULT_NONE,
	SIM_FAULT_RANGE,	/* address beyond GM or the 48-bit space */
	SIM_FAULT_PTE,		/* invalid (or unsupported) GGTT/PPGTT entry */
	SIM_FAULT_DMA,		/* the IOMMU has no mapping for the page */
};

/**
 * struct sim_ggtt - the GGTT as the driver programs it
 * @pte: entries, written through BAR0 + 8 MiB
 * @dirty: entries written since the last invalidate
 * @dirty_lock: protects @dirty_idx and @ndirty
 * @dirty_idx: the first entries set in @dirty, so that an invalidate after
 *	a few writes clears only their bits
 * @ndirty: bits set in @dirty; above SIM_DIRTY_TRACK the invalidate clears
 *	the whole bitmap
 * @gen: invalidate generation; TLBs of an older one are stale
 * @stale_uses: translations of an entry written since the last invalidate
 *	(strict mode: a driver that forgot GFX_FLSH_CNTL)
 * @range_faults: accesses beyond the address space
 * @pte_faults: accesses through invalid entries
 */
struct sim_ggtt {
	u64 *pte;
	unsigned long *dirty;
	spinlock_t dirty_lock; /* dirty_idx, ndirty */
	u32 dirty_idx[SIM_DIRTY_TRACK];
	unsigned int ndirty;
	atomic_t gen;
	atomic_long_t stale_uses;
	atomic_long_t range_faults;
	atomic_long_t pte_faults;
};

/**
 * struct sim_tlb - one engine's GGTT TLB, direct mapped
 * @gen: the GGTT invalidate generation it was filled in
 * @tag: entry index + 1 per slot, 0 when empty
 * @pte: cached entry per slot
 */
struct sim_tlb {
	int gen;
	u32 tag[SIM_TLB_ENTRIES];
	u64 pte[SIM_TLB_ENTRIES];
};

/**
 * struct sim_mem - an engine's path to memory
 * @mmu: the emulated IOMMU
 * @ggtt: the GGTT
 * @tlb: this engine's GGTT TLB
 * @fault_addr: GPU address at which the last faulting access stopped, as
 *	the engine reports it in the GT's fault registers
 * @fault_ppgtt: that access went through a PPGTT, not the GGTT
 */
struct sim_mem {
	struct sim_iommu *mmu;
	struct sim_ggtt *ggtt;
	struct sim_tlb *tlb;
	u64 fault_addr;
	bool fault_ppgtt;
};

int sim_ggtt_init(struct sim_ggtt *ggtt);
void sim_ggtt_fini(struct sim_ggtt *ggtt);
u64 sim_ggtt_read(struct sim_ggtt *ggtt, u32 index);
void sim_ggtt_write(struct sim_ggtt *ggtt, u32 index, u64 pte);
void sim_ggtt_invalidate(struct sim_ggtt *ggtt);

enum sim_fault sim_ggtt_translate(struct sim_mem *mem, u64 gm, u64 *dma);
enum sim_fault sim_ppgtt_translate(struct sim_mem *mem, u64 pml4, u64 va,
				   u64 *dma);
enum sim_fault sim_mem_access(struct sim_mem *mem, u64 pml4, u64 addr,
			      void *buf, size_t len, bool write);

#endif /* MGVT_SIM_MEM_H */

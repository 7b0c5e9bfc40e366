/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Gen8+ GTT entries (GGTT, and PPGTT levels), shared by the mediator, the
 * native client and the sim.  Bit 0 is the present bit in every level; the
 * address field is what a Gen9 GGTT entry carries (39-bit physical).
 */
#ifndef MGVT_REGS_GTT_H
#define MGVT_REGS_GTT_H

#include <linux/bits.h>

#define GEN8_PTE_PRESENT	BIT_ULL(0)
#define GEN8_GGTT_PTE_ADDR	GENMASK_ULL(38, 12)
#define GEN8_GGTT_PTE_RESERVED	GENMASK_ULL(63, 39)

/* PPGTT entries (PML4E, PDPE, PDE, PTE), as a Gen9 i915 writes them. */
#define GEN8_PAGE_RW		BIT_ULL(1)
#define GEN8_PAGE_PWT		BIT_ULL(3)
#define GEN8_PAGE_PCD		BIT_ULL(4)
#define GEN8_PDE_PS_2M		BIT_ULL(7)	/* PDE: 2 MiB page; PDPE: 1 GiB */
#define GEN8_PAGE_PAT		BIT_ULL(7)	/* PTE */
#define GEN8_PDE_IPS_64K	BIT_ULL(11)	/* PDE: its PT maps 64 KiB pages */
#define GEN8_PPGTT_ADDR		GENMASK_ULL(47, 12)
#define GEN8_PPGTT_RESERVED	GENMASK_ULL(63, 48)
#define GEN8_PPGTT_LEAF_FLAGS	(GEN8_PAGE_RW | GEN8_PAGE_PWT | \
				 GEN8_PAGE_PCD | GEN8_PAGE_PAT)

#endif /* MGVT_REGS_GTT_H */

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

#endif /* MGVT_REGS_GTT_H */

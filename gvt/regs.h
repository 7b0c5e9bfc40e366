/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Gen9 register offsets (BAR0), by name, shared by the mediator and the
 * providers.  Only registers some code uses are listed.
 */
#ifndef MGVT_REGS_H
#define MGVT_REGS_H

/* A write invalidates the GGTT TLBs: PTE updates take effect after it. */
#define GFX_FLSH_CNTL_GEN6	0x101008

#endif /* MGVT_REGS_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Register write semantics shared by the simulated GPU and the mediator's
 * virtual register file.  Compiled in userspace by selftests/unit too.
 */
#ifndef MGVT_REGSEM_H
#define MGVT_REGSEM_H

#include <linux/types.h>

/* Masked register: bits 31:16 select which of bits 15:0 the write sets. */
static inline u32 mgvt_masked_write(u32 old, u32 val)
{
	u32 mask = val >> 16;

	return (old & ~mask) | (val & mask);
}

/* Write-1-to-clear register. */
static inline u32 mgvt_w1c_write(u32 old, u32 val)
{
	return old & ~val;
}

#endif /* MGVT_REGSEM_H */

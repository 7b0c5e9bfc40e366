/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BAR0 as the guest sees it: the virtual register file, PVINFO, fences and
 * the GGTT behind one dispatch.
 */
#ifndef MGVT_TRAP_MMIO_H
#define MGVT_TRAP_MMIO_H

#include <linux/types.h>

#include "core/vgpu_types.h"

struct mgvt_mmio_reg;
struct mgvt_pgpu;

/* A dword of the vGPU's virtual register file. */
static inline u32 *mgvt_vreg(struct mgvt_vgpu *vgpu, u32 off)
{
	return (u32 *)(vgpu->vregs + (off & ~3u));
}

int mgvt_mmio_table_init(void);
void mgvt_mmio_table_fini(void);
const struct mgvt_mmio_reg *mgvt_mmio_reg_of(u32 off);
int mgvt_mmio_golden_capture(struct mgvt_pgpu *pgpu);
int mgvt_mmio_init(struct mgvt_vgpu *vgpu);
void mgvt_mmio_fini(struct mgvt_vgpu *vgpu);
void mgvt_mmio_reset(struct mgvt_vgpu *vgpu);
void mgvt_mmio_engine_reset(struct mgvt_vgpu *vgpu, u32 gdrst);
u64 mgvt_bar0_read(struct mgvt_vgpu *vgpu, u32 off, unsigned int len);
void mgvt_bar0_write(struct mgvt_vgpu *vgpu, u32 off, u64 val,
		     unsigned int len);

#endif /* MGVT_TRAP_MMIO_H */

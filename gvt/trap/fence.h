/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest fence registers, virtualized onto the vGPU's own pGPU fences.
 */
#ifndef MGVT_TRAP_FENCE_H
#define MGVT_TRAP_FENCE_H

#include <linux/types.h>

struct mgvt_vgpu;
struct seq_file;

bool mgvt_fence_write(struct mgvt_vgpu *vgpu, u32 off, u32 val,
		      unsigned int len);
void mgvt_fence_reset(struct mgvt_vgpu *vgpu);
int mgvt_fence_show(struct seq_file *m, void *unused);

#endif /* MGVT_TRAP_FENCE_H */

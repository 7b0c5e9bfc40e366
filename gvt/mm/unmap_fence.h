/* SPDX-License-Identifier: GPL-2.0 */
/*
 * No pins in a range while the VFIO user unmaps it (unmap_fence.c).
 */
#ifndef MGVT_MM_UNMAP_FENCE_H
#define MGVT_MM_UNMAP_FENCE_H

#include <linux/types.h>

struct mgvt_vgpu;

void mgvt_unmap_fence_add(struct mgvt_vgpu *vgpu, u64 first, u64 last);
bool mgvt_unmap_fence_covers(struct mgvt_vgpu *vgpu, u64 gfn);
void mgvt_unmap_fence_detach(struct mgvt_vgpu *vgpu);

#endif /* MGVT_MM_UNMAP_FENCE_H */

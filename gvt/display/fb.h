/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The framebuffer behind a vGPU's planes (display/fb.c): the plane query,
 * its dma-buf export and the display region's copy.  The front end
 * (vfio/vfio.c) turns these into VFIO_DEVICE_QUERY_GFX_PLANE,
 * VFIO_DEVICE_GET_GFX_DMABUF and a device region.
 */
#ifndef MGVT_DISPLAY_FB_H
#define MGVT_DISPLAY_FB_H

#include <linux/types.h>

#include "display/plane.h"

struct mgvt_vgpu;
struct vm_area_struct;

/* The display region: a linear copy of the primary plane, 4096x2160x4 at most. */
#define MGVT_FB_REGION_SIZE	(4096UL * 2160 * 4)

void mgvt_fb_init(struct mgvt_vgpu *vgpu);
void mgvt_fb_fini(struct mgvt_vgpu *vgpu);
void mgvt_fb_reset(struct mgvt_vgpu *vgpu);
int mgvt_fb_query(struct mgvt_vgpu *vgpu, enum mgvt_plane_kind kind,
		  bool region, struct mgvt_plane *p, u32 *id);
int mgvt_fb_dmabuf_fd(struct mgvt_vgpu *vgpu, u32 id);
ssize_t mgvt_fb_region_read(struct mgvt_vgpu *vgpu, char __user *buf,
			    size_t count, u64 off);
int mgvt_fb_region_mmap(struct mgvt_vgpu *vgpu, struct vm_area_struct *vma,
			u64 off);

#endif /* MGVT_DISPLAY_FB_H */

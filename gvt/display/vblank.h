/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Vblank and plane flips of a vGPU's pipes A-C (display/vblank.c): a
 * timer per enabled pipe at the programmed refresh rate, the frame and
 * flip counters, the vblank and flip-done interrupts.
 */
#ifndef MGVT_DISPLAY_VBLANK_H
#define MGVT_DISPLAY_VBLANK_H

#include <linux/types.h>

struct mgvt_vgpu;

void mgvt_vblank_init(struct mgvt_vgpu *vgpu);
void mgvt_vblank_fini(struct mgvt_vgpu *vgpu);
void mgvt_vblank_reset(struct mgvt_vgpu *vgpu);

void mgvt_pipeconf_write(struct mgvt_vgpu *vgpu, u32 off, u32 val);
void mgvt_plane_surf_write(struct mgvt_vgpu *vgpu, u32 off, u32 val);

#endif /* MGVT_DISPLAY_VBLANK_H */

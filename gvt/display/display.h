/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The virtual display of a vGPU (display/display.c): its reset and the
 * handlers the register table (trap/mmio_table.c) names for display
 * registers.  Every handler runs with the vGPU lock held; none reaches
 * the pGPU.
 */
#ifndef MGVT_DISPLAY_DISPLAY_H
#define MGVT_DISPLAY_DISPLAY_H

#include <linux/types.h>

struct mgvt_vgpu;

void mgvt_display_reset(struct mgvt_vgpu *vgpu);

void mgvt_aux_ctl_write(struct mgvt_vgpu *vgpu, u32 off, u32 val);
void mgvt_gmbus1_write(struct mgvt_vgpu *vgpu, u32 off, u32 val);
u32 mgvt_gmbus2_read(struct mgvt_vgpu *vgpu, u32 off, u32 val);
u32 mgvt_gmbus3_read(struct mgvt_vgpu *vgpu, u32 off, u32 val);
void mgvt_gmbus3_write(struct mgvt_vgpu *vgpu, u32 off, u32 val);
u32 mgvt_pipeconf_read(struct mgvt_vgpu *vgpu, u32 off, u32 val);
u32 mgvt_ddi_buf_read(struct mgvt_vgpu *vgpu, u32 off, u32 val);
u32 mgvt_lcpll1_read(struct mgvt_vgpu *vgpu, u32 off, u32 val);
u32 mgvt_dpll_status_read(struct mgvt_vgpu *vgpu, u32 off, u32 val);
u32 mgvt_dbuf_read(struct mgvt_vgpu *vgpu, u32 off, u32 val);
u32 mgvt_pp_status_read(struct mgvt_vgpu *vgpu, u32 off, u32 val);
u32 mgvt_hotplug_isr_read(struct mgvt_vgpu *vgpu, u32 off, u32 val);
void mgvt_shotplug_write(struct mgvt_vgpu *vgpu, u32 off, u32 val);
u32 mgvt_sfuse_strap_read(struct mgvt_vgpu *vgpu, u32 off, u32 val);

#endif /* MGVT_DISPLAY_DISPLAY_H */

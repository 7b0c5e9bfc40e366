/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The virtual monitor as the host sees it (display/monitor.c): its EDID
 * and its link, which the front end offers as the VFIO EDID region.
 */
#ifndef MGVT_DISPLAY_MONITOR_H
#define MGVT_DISPLAY_MONITOR_H

#include <linux/types.h>

struct mgvt_vgpu;

/**
 * struct mgvt_monitor_state - what the host reads of the monitor
 * @edid_size: the size of the EDID the host is writing (or the one in
 *	use while the link is up)
 * @max_w: the largest width the default EDID offers
 * @max_h: the largest height
 * @link_up: the monitor is plugged in
 */
struct mgvt_monitor_state {
	u32 edid_size;
	u32 max_w;
	u32 max_h;
	bool link_up;
};

void mgvt_monitor_reset(struct mgvt_vgpu *vgpu);
void mgvt_monitor_default(struct mgvt_vgpu *vgpu);
void mgvt_monitor_get(struct mgvt_vgpu *vgpu, struct mgvt_monitor_state *st);
int mgvt_monitor_set_size(struct mgvt_vgpu *vgpu, u32 size);
void mgvt_monitor_blob_read(struct mgvt_vgpu *vgpu, u8 *buf, u32 off, u32 len);
int mgvt_monitor_blob_write(struct mgvt_vgpu *vgpu, const u8 *buf, u32 off, u32 len);
int mgvt_monitor_set_link(struct mgvt_vgpu *vgpu, bool up);

#endif /* MGVT_DISPLAY_MONITOR_H */

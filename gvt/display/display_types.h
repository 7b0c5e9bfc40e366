/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct mgvt_display: a vGPU's virtual display state beyond its register
 * file, embedded in struct mgvt_vgpu.
 */
#ifndef MGVT_DISPLAY_DISPLAY_TYPES_H
#define MGVT_DISPLAY_DISPLAY_TYPES_H

#include <linux/atomic.h>
#include <linux/hrtimer.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "display/dpsink.h"
#include "display/edid.h"
#include "display/gmbus.h"
#include "display/plane.h"
#include "regs/regs.h"

/**
 * struct mgvt_vblank_pipe - the vblank timer of one pipe (display/vblank.c)
 * @timer: fires once a frame while the pipe is enabled
 * @work: the vGPU's vblank work item, which the timer kicks
 * @period_ns: the frame time; written under the vGPU lock, read by @timer
 * @frames: frames the timer counted that the work item has not given
 *	the pipe yet
 * @trans: the transcoder that feeds the pipe while @running: 0-2 or
 *	TRANS_EDP (under the vGPU lock)
 * @running: the pipe is enabled and @timer runs (under the vGPU lock)
 * @flip_pending: a synchronous flip of the primary plane waits for the
 *	next vblank (under the vGPU lock)
 */
struct mgvt_vblank_pipe {
	struct hrtimer timer;
	struct work_struct *work;
	u64 period_ns;
	atomic_t frames;
	unsigned int trans;
	bool running;
	bool flip_pending;
};

/* Planes the query remembers, for dma-buf ids (display/fb.c). */
#define MGVT_FB_RECORDS		8

/**
 * struct mgvt_fb_record - a plane the query reported, by dma-buf id
 * @id: its dma-buf id, 0 for an unused record
 * @kind: primary or cursor
 * @plane: the plane decoded
 * @hash: of the guest pages behind it when it was reported
 */
struct mgvt_fb_record {
	u32 id;
	enum mgvt_plane_kind kind;
	struct mgvt_plane plane;
	u64 hash;
};

/**
 * struct mgvt_fb - the plane query's state (display/fb.c)
 * @lock: serialises queries, exports and the region copy; taken before
 *	the vGPU lock and the GGTT lock, each taken and released inside it
 * @rec: the planes reported last, by dma-buf id (under @lock)
 * @next: the record the next new plane replaces (under @lock)
 * @last_id: the last dma-buf id given (under @lock)
 * @region: the display region's buffer, allocated at the first use and
 *	freed with the vGPU (set once, read without @lock)
 */
struct mgvt_fb {
	struct mutex lock; /* queries, exports, region copy */
	struct mgvt_fb_record rec[MGVT_FB_RECORDS];
	unsigned int next;
	u32 last_id;
	void *region;
};

/**
 * struct mgvt_display - the virtual display of a vGPU (under the vGPU lock)
 * @edid: the monitor's EDID in use: the default one, built from the vGPU
 *	type's resolution, or the last the host gave (display/monitor.c)
 * @edid_size: its size, whole blocks; 0 until the default is built
 * @host_edid: the EDID region's buffer, the EDID the host is writing
 * @host_size: its size, as the host wrote it
 * @max_w: the largest width the default EDID offers
 * @max_h: the largest height
 * @link_up: the host has the monitor plugged in
 * @heads: the monitors, 1 or 2 as the vGPU's low GM allows
 *	(mgvt_edid_heads())
 * @sink: the DP monitor on DDI A, behind AUX channel A
 * @edid_b: the second monitor's EDID, the type's default (DDI B)
 * @edid_b_size: its size, whole blocks
 * @sink_b: the second DP monitor on DDI B, behind AUX channel B,
 *	connected while @heads is 2
 * @gmbus: the GMBUS controller; no pin pair has a monitor (DDI A has no
 *	DDC pins), so every GMBUS cycle ends unacknowledged
 * @pipe: vblank of pipes A-C
 * @vblank_work: gives the pipes the vblanks their timers counted, under
 *	the vGPU lock
 * @fb: the plane query, dma-buf ids and the display region (not under
 *	the vGPU lock: its own)
 */
struct mgvt_display {
	u8 edid[MGVT_EDID_MAX_SIZE];
	unsigned int edid_size;
	u8 host_edid[MGVT_EDID_MAX_SIZE];
	unsigned int host_size;
	u32 max_w;
	u32 max_h;
	bool link_up;
	unsigned int heads;
	struct mgvt_dp_sink sink;
	u8 edid_b[MGVT_EDID_MAX_SIZE];
	unsigned int edid_b_size;
	struct mgvt_dp_sink sink_b;
	struct mgvt_gmbus gmbus;
	struct mgvt_vblank_pipe pipe[DE_PIPES];
	struct work_struct vblank_work;
	struct mgvt_fb fb;
};

#endif /* MGVT_DISPLAY_DISPLAY_TYPES_H */

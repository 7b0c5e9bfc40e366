/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct mgvt_display: a vGPU's virtual display state beyond its register
 * file, embedded in struct mgvt_vgpu.
 */
#ifndef MGVT_DISPLAY_DISPLAY_TYPES_H
#define MGVT_DISPLAY_DISPLAY_TYPES_H

#include <linux/types.h>

#include "display/dpsink.h"
#include "display/edid.h"
#include "display/gmbus.h"

/**
 * struct mgvt_display - the virtual display of a vGPU (under the vGPU lock)
 * @edid: the monitor's EDID, built from the vGPU type's resolution
 * @sink: the DP monitor on DDI A, behind AUX channel A
 * @gmbus: the GMBUS controller; no pin pair has a monitor (DDI A has no
 *	DDC pins), so every GMBUS cycle ends unacknowledged
 */
struct mgvt_display {
	u8 edid[MGVT_EDID_SIZE];
	struct mgvt_dp_sink sink;
	struct mgvt_gmbus gmbus;
};

#endif /* MGVT_DISPLAY_DISPLAY_TYPES_H */

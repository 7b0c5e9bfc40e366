/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The virtual monitor's EDID and the DDC device that serves it on an I2C
 * bus (DP I2C-over-AUX or GMBUS).  Pure logic, compiled in userspace by
 * selftests/unit and selftests/fuzz too.
 */
#ifndef MGVT_DISPLAY_EDID_H
#define MGVT_DISPLAY_EDID_H

#include <linux/types.h>

#define MGVT_EDID_BLOCK		128	/* an EDID is whole blocks */
#define MGVT_EDID_MAX_SIZE	512	/* what the monitor holds: 4 blocks */
#define MGVT_EDID_PREF_MAX_W	4095	/* 12 bits in a detailed timing */
#define MGVT_MODE_MAX_W		4096	/* the largest mode offered */
#define MGVT_MODE_MAX_H		2160
#define MGVT_HEADS_MAX		2	/* monitors: DDI A, and DDI B if GM allows */
#define MGVT_HEAD_MIN_W		1920	/* what each head must be able to show */
#define MGVT_HEAD_MIN_H		1080
#define MGVT_DDC_ADDR		0x50	/* the EDID's I2C address */
#define MGVT_DDC_SEGMENT	0x30	/* E-DDC segment pointer */

/**
 * struct mgvt_mode - a display mode as an EDID detailed timing holds it
 * @clock_khz: pixel clock
 * @hactive: visible pixels per line
 * @hfront: front porch, pixels
 * @hsync: sync width, pixels
 * @htotal: pixels per line, blanking included
 * @vactive: visible lines
 * @vfront: front porch, lines
 * @vsync: sync width, lines
 * @vtotal: lines per frame
 */
struct mgvt_mode {
	u32 clock_khz;
	u16 hactive, hfront, hsync, htotal;
	u16 vactive, vfront, vsync, vtotal;
};

/**
 * struct mgvt_ddc - the DDC device of one monitor, as an I2C target
 * @edid: what it serves
 * @size: its size, a multiple of MGVT_EDID_BLOCK
 * @addr: the target of the transaction in progress, 0 if none
 * @offset: next byte of the current segment
 * @segment: E-DDC segment (256 bytes each), back to 0 at each stop
 * @addressed: the next write byte to @addr sets @offset
 */
struct mgvt_ddc {
	const u8 *edid;
	unsigned int size;
	u8 addr;
	u8 offset;
	u8 segment;
	bool addressed;
};

bool mgvt_parse_resolution(const char *s, u32 *w, u32 *h);
void mgvt_mode_cvt_rb(u32 w, u32 h, struct mgvt_mode *m);
void mgvt_edid_limit(u64 low_gm, u32 pref_w, u32 pref_h, u32 *max_w, u32 *max_h);
unsigned int mgvt_edid_heads(u64 low_gm);
unsigned int mgvt_edid_build(u8 *edid, u32 w, u32 h, u32 max_w, u32 max_h);
bool mgvt_edid_block_valid(const u8 *block);
const char *mgvt_edid_check(const u8 *edid, unsigned int size, unsigned int max);
bool mgvt_edid_preferred(const u8 *edid, u32 *w, u32 *h);

void mgvt_ddc_reset(struct mgvt_ddc *ddc, const u8 *edid, unsigned int size);
bool mgvt_ddc_start(struct mgvt_ddc *ddc, u8 addr, bool read);
bool mgvt_ddc_write(struct mgvt_ddc *ddc, u8 byte);
u8 mgvt_ddc_read(struct mgvt_ddc *ddc);
void mgvt_ddc_stop(struct mgvt_ddc *ddc);

#endif /* MGVT_DISPLAY_EDID_H */

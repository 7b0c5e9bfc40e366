// SPDX-License-Identifier: GPL-2.0
/*
 * The virtual monitor's identity: an EDID 1.4 base block built from a
 * resolution, with that resolution as the preferred (and native) mode in
 * CVT reduced-blanking timings at 60 Hz, the VESA modes up to 1024x768 as
 * established timings, range limits that cover them and a name; and the
 * DDC device that serves it over I2C at address 0x50 with the E-DDC
 * segment pointer at 0x30, as a monitor's EEPROM does.
 *
 * No kernel state: selftests/unit and selftests/fuzz compile this file in
 * userspace.
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include "display/edid.h"

#define REFRESH_HZ		60
#define RB_HBLANK		160	/* CVT reduced blanking, pixels */
#define RB_HFRONT		48
#define RB_HSYNC		32
#define RB_VFRONT		3
#define RB_VBACK_MIN		6
#define RB_VBLANK_MIN_NS	460000

/**
 * mgvt_parse_resolution - "<width>x<height>", as a vGPU type states it
 * @s: the string
 * @w: width in pixels
 * @h: height in pixels
 *
 * Return: true if @s is a resolution between 640x480 and 4095x2160 (a
 * base block's detailed timing holds 12 bits of width).
 */
bool mgvt_parse_resolution(const char *s, u32 *w, u32 *h)
{
	u32 v[2] = { 0, 0 };
	unsigned int i = 0, digits = 0;

	if (!s)
		return false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9' && digits < 5) {
			v[i] = v[i] * 10 + (*s - '0');
			digits++;
		} else if (*s == 'x' && i == 0 && digits) {
			i = 1;
			digits = 0;
		} else {
			return false;
		}
	}
	if (i != 1 || !digits || v[0] < 640 || v[1] < 480 ||
	    v[0] > MGVT_EDID_MAX_W || v[1] > MGVT_EDID_MAX_H)
		return false;
	*w = v[0];
	*h = v[1];
	return true;
}

/* CVT's vertical sync width says the aspect ratio. */
static u16 cvt_vsync(u32 w, u32 h)
{
	if (w * 3 == h * 4)
		return 4;
	if (w * 9 == h * 16)
		return 5;
	if (w * 10 == h * 16)
		return 6;
	if (w * 4 == h * 5 || w * 9 == h * 15)
		return 7;
	return 10;
}

/**
 * mgvt_mode_cvt_rb - CVT reduced-blanking timings of a 60 Hz mode
 * @w: width, 640 to 4095
 * @h: height, 480 to 2160
 * @m: the timings
 *
 * The vertical blank lasts at least 460 us; the clock is rounded down to
 * a multiple of 250 kHz, as CVT does (1920x1200 gives 154 MHz, 2080x1235).
 */
void mgvt_mode_cvt_rb(u32 w, u32 h, struct mgvt_mode *m)
{
	u32 line_ns = (1000000000 / REFRESH_HZ - RB_VBLANK_MIN_NS) / h;
	u32 vblank = DIV_ROUND_UP(RB_VBLANK_MIN_NS, line_ns);
	u16 vsync = cvt_vsync(w, h);

	vblank = max_t(u32, vblank, RB_VFRONT + vsync + RB_VBACK_MIN);
	m->hactive = w;
	m->hfront = RB_HFRONT;
	m->hsync = RB_HSYNC;
	m->htotal = w + RB_HBLANK;
	m->vactive = h;
	m->vfront = RB_VFRONT;
	m->vsync = vsync;
	m->vtotal = h + vblank;
	m->clock_khz = REFRESH_HZ * m->htotal * m->vtotal / 1000 / 250 * 250;
}

/* An 18-byte display descriptor that holds text (name, serial). */
static void text_descriptor(u8 *d, u8 tag, const char *text)
{
	size_t n = min_t(size_t, strlen(text), 13);

	memset(d, 0, 18);
	d[3] = tag;
	memset(d + 5, ' ', 13);
	memcpy(d + 5, text, n);
	if (n < 13)
		d[5 + n] = '\n';
}

static void detailed_timing(u8 *d, const struct mgvt_mode *m, u32 w_mm, u32 h_mm)
{
	u16 hblank = m->htotal - m->hactive, vblank = m->vtotal - m->vactive;
	u16 clk = m->clock_khz / 10;

	d[0] = clk & 0xff;
	d[1] = clk >> 8;
	d[2] = m->hactive & 0xff;
	d[3] = hblank & 0xff;
	d[4] = (m->hactive >> 8) << 4 | hblank >> 8;
	d[5] = m->vactive & 0xff;
	d[6] = vblank & 0xff;
	d[7] = (m->vactive >> 8) << 4 | vblank >> 8;
	d[8] = m->hfront & 0xff;
	d[9] = m->hsync & 0xff;
	d[10] = (m->vfront & 0xf) << 4 | (m->vsync & 0xf);
	d[11] = (m->hfront >> 8) << 6 | (m->hsync >> 8) << 4 |
		(m->vfront >> 4) << 2 | m->vsync >> 4;
	d[12] = w_mm & 0xff;
	d[13] = h_mm & 0xff;
	d[14] = (w_mm >> 8) << 4 | h_mm >> 8;
	d[15] = 0;
	d[16] = 0;
	d[17] = 0x1a;	/* digital separate sync, hsync +, vsync - (CVT-RB) */
}

/**
 * mgvt_edid_build - the EDID of a DisplayPort monitor of one resolution
 * @edid: the 128-byte block to fill
 * @w: preferred width (as mgvt_parse_resolution() accepts)
 * @h: preferred height
 *
 * Manufacturer "MGV", product 0x0021, made in week 1 of 2023; a digital
 * 8-bit DisplayPort input; sRGB; the preferred timing is the native mode.
 */
void mgvt_edid_build(u8 edid[MGVT_EDID_SIZE], u32 w, u32 h)
{
	static const u8 header[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };
	/* sRGB primaries and D65 white, in EDID's 10-bit encoding. */
	static const u8 srgb[10] = {
		0xee, 0x91, 0xa3, 0x54, 0x4c, 0x99, 0x26, 0x0f, 0x50, 0x54
	};
	u32 w_mm = w * 27 / 100, h_mm = h * 27 / 100, hfreq_khz;
	struct mgvt_mode m;
	u8 *d, sum = 0;
	unsigned int i;

	mgvt_mode_cvt_rb(w, h, &m);
	hfreq_khz = m.clock_khz / m.htotal;
	memset(edid, 0, MGVT_EDID_SIZE);
	memcpy(edid, header, sizeof(header));
	edid[8] = ('M' - '@') << 2 | ('G' - '@') >> 3;
	edid[9] = (('G' - '@') & 7) << 5 | ('V' - '@');
	edid[10] = 0x21;		/* product code, little endian */
	edid[16] = 1;			/* week */
	edid[17] = 2023 - 1990;		/* year */
	edid[18] = 1;			/* EDID 1.4 */
	edid[19] = 4;
	edid[20] = 0x80 | 2 << 4 | 5;	/* digital, 8 bits per colour, DP */
	edid[21] = DIV_ROUND_UP(w_mm, 10);
	edid[22] = DIV_ROUND_UP(h_mm, 10);
	edid[23] = 120;			/* gamma 2.2 */
	edid[24] = 0x06;		/* sRGB default, preferred mode native */
	memcpy(edid + 25, srgb, sizeof(srgb));
	edid[35] = 0x21;		/* 640x480@60, 800x600@60 */
	edid[36] = 0x08;		/* 1024x768@60 */
	for (i = 38; i < 54; i++)	/* no standard timings */
		edid[i] = 1;

	detailed_timing(edid + 54, &m, w_mm, h_mm);

	d = edid + 72;			/* range limits */
	d[3] = 0xfd;
	d[5] = 50;			/* vertical Hz, min and max */
	d[6] = 75;
	d[7] = 30;			/* horizontal kHz, min and max */
	d[8] = max_t(u32, hfreq_khz + 1, 80);
	d[9] = DIV_ROUND_UP(m.clock_khz, 10000);	/* 10 MHz units */
	d[10] = 0x01;			/* range limits only */
	d[11] = '\n';
	memset(d + 12, ' ', 6);

	text_descriptor(edid + 90, 0xfc, "MGVT vDP");
	text_descriptor(edid + 108, 0xff, "0000000021");

	for (i = 0; i < MGVT_EDID_SIZE - 1; i++)
		sum += edid[i];
	edid[MGVT_EDID_SIZE - 1] = -sum;
}

/**
 * mgvt_edid_block_valid - a 128-byte EDID block sums to 0
 * @block: the block
 *
 * Return: true if its checksum is right (the base block's header is not
 * checked here).
 */
bool mgvt_edid_block_valid(const u8 *block)
{
	u8 sum = 0;
	unsigned int i;

	for (i = 0; i < MGVT_EDID_SIZE; i++)
		sum += block[i];
	return !sum;
}

/**
 * mgvt_ddc_reset - no transaction, segment 0, offset 0
 * @ddc: the DDC device
 * @edid: the EDID it serves (MGVT_EDID_SIZE bytes), or NULL for none
 */
void mgvt_ddc_reset(struct mgvt_ddc *ddc, const u8 *edid)
{
	memset(ddc, 0, sizeof(*ddc));
	ddc->edid = edid;
}

/**
 * mgvt_ddc_start - an I2C start (or repeated start) to @addr
 * @ddc: the DDC device
 * @addr: 7-bit target address
 * @read: the direction
 *
 * Return: true if a target answers (acknowledges) at @addr.
 */
bool mgvt_ddc_start(struct mgvt_ddc *ddc, u8 addr, bool read)
{
	if (!ddc->edid || (addr != MGVT_DDC_ADDR && addr != MGVT_DDC_SEGMENT)) {
		ddc->addr = 0;
		return false;
	}
	ddc->addr = addr;
	ddc->addressed = !read;
	return true;
}

/**
 * mgvt_ddc_write - a byte written in the current transaction
 * @ddc: the DDC device
 * @byte: the byte
 *
 * The first byte written to the EDID sets the offset; later ones are
 * acknowledged and dropped (the EEPROM is write protected).
 *
 * Return: true if acknowledged.
 */
bool mgvt_ddc_write(struct mgvt_ddc *ddc, u8 byte)
{
	switch (ddc->addr) {
	case MGVT_DDC_SEGMENT:
		ddc->segment = byte;
		return true;
	case MGVT_DDC_ADDR:
		if (ddc->addressed)
			ddc->offset = byte;
		ddc->addressed = false;
		return true;
	default:
		return false;
	}
}

/**
 * mgvt_ddc_read - the next byte of the current transaction
 * @ddc: the DDC device
 *
 * Segment 0 is a 128-byte EEPROM that wraps; other segments and other
 * targets read 0xff, as an undriven bus does.
 *
 * Return: the byte.
 */
u8 mgvt_ddc_read(struct mgvt_ddc *ddc)
{
	u8 byte = 0xff;

	if (ddc->addr == MGVT_DDC_ADDR && ddc->edid && !ddc->segment)
		byte = ddc->edid[ddc->offset % MGVT_EDID_SIZE];
	if (ddc->addr == MGVT_DDC_ADDR)
		ddc->offset++;
	ddc->addressed = false;
	return byte;
}

/**
 * mgvt_ddc_stop - an I2C stop: the transaction ends, the segment is 0
 * @ddc: the DDC device
 */
void mgvt_ddc_stop(struct mgvt_ddc *ddc)
{
	ddc->addr = 0;
	ddc->segment = 0;
	ddc->addressed = false;
}

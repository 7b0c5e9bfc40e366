// SPDX-License-Identifier: GPL-2.0
/*
 * The virtual monitor's identity: an EDID 1.4 base block built from a
 * resolution, with that resolution as the preferred (and native) mode in
 * CVT reduced-blanking timings at 60 Hz, the VESA modes up to 1024x768 as
 * established timings, the larger common modes up to a limit (standard
 * timings up to 2288 pixels wide, a DisplayID extension block with
 * type I timings above: a base block's timings cannot say 4096 pixels),
 * range limits that cover them and a name; the limit a vGPU's graphics
 * memory sets; the checks an EDID from the host must pass; and the DDC
 * device that serves it over I2C at address 0x50 with the E-DDC segment
 * pointer at 0x30, as a monitor's EEPROM does.
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
 * Return: true if @s is a resolution between 640x480 and 4095x2160 (the
 * preferred mode is the base block's detailed timing, 12 bits of width).
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
	    v[0] > MGVT_EDID_PREF_MAX_W || v[1] > MGVT_MODE_MAX_H)
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
 * @w: width, 640 to 4096
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

/*
 * The modes offered beyond the preferred one, smallest first, each at
 * 60 Hz; @aspect is a standard timing's aspect code (those up to 2288
 * wide go there), @did_aspect DisplayID's (the others go there).
 */
static const struct {
	u16 w, h;
	u8 aspect, did_aspect;
} extra_modes[] = {
	{ 1280,  720, 3, 4 },	/* 16:9 */
	{ 1280, 1024, 2, 1 },	/* 5:4 */
	{ 1600,  900, 3, 4 },
	{ 1680, 1050, 0, 5 },	/* 16:10 */
	{ 1920, 1080, 3, 4 },
	{ 1920, 1200, 0, 5 },
	{ 2560, 1440, 3, 4 },
	{ 2560, 1600, 0, 5 },
	{ 3840, 2160, 3, 4 },
	{ 4096, 2160, 0, 7 },	/* 256:135 */
};

#define STD_TIMING_MAX_W	2288	/* (255 + 31) * 8 */
#define DISPLAYID_EXT		0x70
#define DISPLAYID_REV		0x12
#define DID_TYPE1_TIMING	0x03
#define DID_TIMING_SIZE		20

/**
 * mgvt_edid_limit - the largest mode a vGPU's graphics memory allows
 * @low_gm: its low (mappable) graphics memory, bytes
 * @pref_w: its preferred width
 * @pref_h: its preferred height
 * @max_w: the largest width offered
 * @max_h: the largest height offered
 *
 * A mode is offered if two 32-bit framebuffers of it (front and back)
 * take at most half the low graphics memory, where a guest driver puts
 * what it scans out: the largest such mode of extra_modes[] at least as
 * wide and as high as the preferred mode sets the limit, else the
 * preferred mode does (4096x2160 needs 256 MiB, 3840x2160 128 MiB).
 */
void mgvt_edid_limit(u64 low_gm, u32 pref_w, u32 pref_h, u32 *max_w, u32 *max_h)
{
	unsigned int i;

	*max_w = pref_w;
	*max_h = pref_h;
	for (i = 0; i < ARRAY_SIZE(extra_modes); i++) {
		if ((u64)extra_modes[i].w * extra_modes[i].h * 4 * 2 * 2 > low_gm)
			break;
		if (extra_modes[i].w >= pref_w && extra_modes[i].h >= pref_h) {
			*max_w = extra_modes[i].w;
			*max_h = extra_modes[i].h;
		}
	}
}

/**
 * mgvt_edid_heads - the monitors a vGPU's graphics memory allows
 * @low_gm: its low (mappable) graphics memory, bytes
 *
 * The rule of mgvt_edid_limit() for each head: a second monitor is
 * offered if both heads can show 1920x1080, two 32-bit framebuffers each,
 * in at most half the low graphics memory (64 MiB and up: GVTg_V5_8 and
 * the larger types; MGVT_V5_16 and MGVT_V5_32 keep one).
 *
 * Return: 2 or 1.
 */
unsigned int mgvt_edid_heads(u64 low_gm)
{
	u64 head = (u64)MGVT_HEAD_MIN_W * MGVT_HEAD_MIN_H * 4 * 2 * 2;

	return head * MGVT_HEADS_MAX <= low_gm ? MGVT_HEADS_MAX : 1;
}

static void put_le16(u8 *p, u32 v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
}

/* A DisplayID type I timing: every field minus one, clock in 10 kHz. */
static void displayid_timing(u8 *t, const struct mgvt_mode *m, u8 aspect)
{
	u32 clk = m->clock_khz / 10 - 1;

	t[0] = clk & 0xff;
	t[1] = (clk >> 8) & 0xff;
	t[2] = (clk >> 16) & 0xff;
	t[3] = aspect;			/* progressive, not preferred */
	put_le16(t + 4, m->hactive - 1);
	put_le16(t + 6, m->htotal - m->hactive - 1);
	put_le16(t + 8, (m->hfront - 1) | 0x8000);	/* hsync + */
	put_le16(t + 10, m->hsync - 1);
	put_le16(t + 12, m->vactive - 1);
	put_le16(t + 14, m->vtotal - m->vactive - 1);
	put_le16(t + 16, m->vfront - 1);		/* vsync - */
	put_le16(t + 18, m->vsync - 1);
}

static u8 sum_bytes(const u8 *p, unsigned int n)
{
	u8 sum = 0;

	while (n--)
		sum += *p++;
	return sum;
}

/* The extension: one DisplayID section, one block of type I timings. */
static void displayid_ext(u8 *e, const struct mgvt_mode *modes,
			  const u8 *aspect, unsigned int n)
{
	u8 *blk = e + 5, *cs;
	unsigned int i;

	e[0] = DISPLAYID_EXT;
	e[1] = DISPLAYID_REV;
	e[2] = 3 + n * DID_TIMING_SIZE;	/* bytes of data blocks */
	blk[0] = DID_TYPE1_TIMING;
	blk[2] = n * DID_TIMING_SIZE;
	for (i = 0; i < n; i++)
		displayid_timing(blk + 3 + i * DID_TIMING_SIZE, &modes[i], aspect[i]);
	cs = blk + 3 + n * DID_TIMING_SIZE;
	*cs = -sum_bytes(e + 1, cs - (e + 1));
	e[MGVT_EDID_BLOCK - 1] = -sum_bytes(e, MGVT_EDID_BLOCK - 1);
}

/**
 * mgvt_edid_build - the EDID of a DisplayPort monitor of one resolution
 * @edid: MGVT_EDID_MAX_SIZE bytes to fill
 * @w: preferred width (as mgvt_parse_resolution() accepts)
 * @h: preferred height
 * @max_w: the largest width offered (mgvt_edid_limit())
 * @max_h: the largest height offered
 *
 * Manufacturer "MGV", product 0x0021, made in week 1 of 2023; a digital
 * 8-bit DisplayPort input; sRGB; the preferred timing is the native mode.
 * Every mode of extra_modes[] within @max_w x @max_h is offered too: in
 * the standard timings up to 2288 pixels wide, above in a DisplayID
 * extension block (then the EDID is two blocks).
 *
 * Return: the EDID's size, MGVT_EDID_BLOCK or twice that.
 */
unsigned int mgvt_edid_build(u8 *edid, u32 w, u32 h, u32 max_w, u32 max_h)
{
	static const u8 header[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };
	/* sRGB primaries and D65 white, in EDID's 10-bit encoding. */
	static const u8 srgb[10] = {
		0xee, 0x91, 0xa3, 0x54, 0x4c, 0x99, 0x26, 0x0f, 0x50, 0x54
	};
	struct mgvt_mode big[ARRAY_SIZE(extra_modes)];
	u8 big_aspect[ARRAY_SIZE(extra_modes)];
	u32 w_mm = w * 27 / 100, h_mm = h * 27 / 100, hfreq_khz, clock_khz;
	unsigned int i, nstd = 0, nbig = 0;
	struct mgvt_mode m, x;
	u8 *d;

	mgvt_mode_cvt_rb(w, h, &m);
	hfreq_khz = m.clock_khz / m.htotal;
	clock_khz = m.clock_khz;
	memset(edid, 0, MGVT_EDID_MAX_SIZE);
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
	for (i = 38; i < 54; i++)	/* standard timings unused: 01 01 */
		edid[i] = 1;

	for (i = 0; i < ARRAY_SIZE(extra_modes); i++) {
		u16 xw = extra_modes[i].w, xh = extra_modes[i].h;

		if (xw > max_w || xh > max_h || (xw == w && xh == h))
			continue;
		if (xw <= STD_TIMING_MAX_W) {
			/* drm derives these from DMT or CVT: a 200 MHz range */
			edid[38 + 2 * nstd] = xw / 8 - 31;
			edid[39 + 2 * nstd] = extra_modes[i].aspect << 6;
			nstd++;
			clock_khz = max_t(u32, clock_khz, 200000);
			continue;
		}
		mgvt_mode_cvt_rb(xw, xh, &x);
		big[nbig] = x;
		big_aspect[nbig++] = extra_modes[i].did_aspect;
		hfreq_khz = max_t(u32, hfreq_khz, x.clock_khz / x.htotal);
		clock_khz = max_t(u32, clock_khz, x.clock_khz);
	}

	detailed_timing(edid + 54, &m, w_mm, h_mm);

	d = edid + 72;			/* range limits */
	d[3] = 0xfd;
	d[5] = 50;			/* vertical Hz, min and max */
	d[6] = 75;
	d[7] = 30;			/* horizontal kHz, min and max */
	d[8] = max_t(u32, hfreq_khz + 1, 80);
	d[9] = DIV_ROUND_UP(clock_khz, 10000);	/* 10 MHz units */
	d[10] = 0x01;			/* range limits only */
	d[11] = '\n';
	memset(d + 12, ' ', 6);

	text_descriptor(edid + 90, 0xfc, "MGVT vDP");
	text_descriptor(edid + 108, 0xff, "0000000021");

	edid[126] = nbig ? 1 : 0;	/* extension blocks */
	edid[MGVT_EDID_BLOCK - 1] = -sum_bytes(edid, MGVT_EDID_BLOCK - 1);
	if (!nbig)
		return MGVT_EDID_BLOCK;
	displayid_ext(edid + MGVT_EDID_BLOCK, big, big_aspect, nbig);
	return 2 * MGVT_EDID_BLOCK;
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
	return !sum_bytes(block, MGVT_EDID_BLOCK);
}

/**
 * mgvt_edid_check - what is wrong with an EDID a host gives, if anything
 * @edid: the EDID
 * @size: its size as the host states it
 * @max: the most the monitor holds
 *
 * An EDID is whole blocks, at most @max bytes, with the base block's
 * header, every block's checksum right and the base block's extension
 * count saying how many blocks follow.
 *
 * Return: NULL if @edid is usable, else why not.
 */
const char *mgvt_edid_check(const u8 *edid, unsigned int size, unsigned int max)
{
	static const u8 header[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };
	unsigned int i;

	if (!size || size % MGVT_EDID_BLOCK)
		return "size not a multiple of 128";
	if (size > max)
		return "larger than the monitor holds";
	if (memcmp(edid, header, sizeof(header)))
		return "no EDID header";
	for (i = 0; i < size; i += MGVT_EDID_BLOCK)
		if (!mgvt_edid_block_valid(edid + i))
			return "a block's checksum is wrong";
	if (edid[126] != size / MGVT_EDID_BLOCK - 1)
		return "extension count and size disagree";
	return NULL;
}

/**
 * mgvt_edid_preferred - the preferred mode of an EDID's base block
 * @edid: a base block
 * @w: its width
 * @h: its height
 *
 * Return: true if the first descriptor is a detailed timing (EDID 1.3 and
 * later put the preferred mode there).
 */
bool mgvt_edid_preferred(const u8 *edid, u32 *w, u32 *h)
{
	const u8 *d = edid + 54;

	if (!d[0] && !d[1])
		return false;
	*w = d[2] | (d[4] >> 4) << 8;
	*h = d[5] | (d[7] >> 4) << 8;
	return true;
}

/**
 * mgvt_ddc_reset - no transaction, segment 0, offset 0
 * @ddc: the DDC device
 * @edid: the EDID it serves, or NULL for none
 * @size: its size, a multiple of MGVT_EDID_BLOCK
 */
void mgvt_ddc_reset(struct mgvt_ddc *ddc, const u8 *edid, unsigned int size)
{
	memset(ddc, 0, sizeof(*ddc));
	ddc->edid = size ? edid : NULL;
	ddc->size = size;
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
 * Each segment holds 256 bytes of the EDID; reading past its end wraps
 * to its start, as a small EEPROM does.  Segments past the EDID and
 * other targets read 0xff, as an undriven bus does.
 *
 * Return: the byte.
 */
u8 mgvt_ddc_read(struct mgvt_ddc *ddc)
{
	u32 pos = ddc->segment * 256 + ddc->offset;
	u8 byte = 0xff;

	if (ddc->addr == MGVT_DDC_ADDR && ddc->edid && ddc->segment * 256 < ddc->size)
		byte = ddc->edid[pos % ddc->size];
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

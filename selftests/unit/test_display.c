// SPDX-License-Identifier: GPL-2.0
/*
 * The virtual display's pure logic: the EDID builder, the limit a vGPU's
 * graphics memory sets and the checks of a host's EDID (gvt/display/edid.c),
 * the DP sink's AUX message handling, DPCD and I2C over AUX
 * (gvt/display/dpsink.c) and the GMBUS state machine (gvt/display/gmbus.c),
 * each driven as a guest i915 drives it, then with malformed input.
 */
#include <string.h>

#include "display/dpsink.h"
#include "display/edid.h"
#include "display/gmbus.h"
#include "regs/regs.h"
#include "tap.h"

static u8 edid[MGVT_EDID_MAX_SIZE];

/* The preferred mode of a base block's first detailed timing. */
static void dtd_mode(const u8 *e, unsigned int *w, unsigned int *h, unsigned int *khz)
{
	const u8 *d = e + 54;

	*khz = (d[0] | d[1] << 8) * 10;
	*w = d[2] | (d[4] >> 4) << 8;
	*h = d[5] | (d[7] >> 4) << 8;
}

static void test_resolution(void)
{
	static const char *const bad[] = {
		"", "x", "1920", "1920x", "x1080", "1920x1080x", "19a0x1080", "639x480",
		"4096x2160", "4095x2161", "99999999x1", "-1920x1080", "1920 x1080",
	};
	unsigned int i;
	u32 w = 0, h = 0;

	tap_ok(mgvt_parse_resolution("1920x1200", &w, &h) && w == 1920 && h == 1200,
	       "\"1920x1200\" parses");
	tap_ok(mgvt_parse_resolution("4095x2160", &w, &h) && w == 4095 && h == 2160,
	       "\"4095x2160\", the largest a detailed timing holds, parses");
	tap_ok(!mgvt_parse_resolution(NULL, &w, &h), "NULL refused");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		tap_ok(!mgvt_parse_resolution(bad[i], &w, &h), "\"%s\" refused", bad[i]);
}

static void test_edid(void)
{
	static const struct { u32 w, h, khz, htotal, vtotal; } modes[] = {
		{ 1024, 768, 56000, 1184, 790 },	/* CVT 1024x768R */
		{ 1920, 1200, 154000, 2080, 1235 },	/* CVT 1920x1200R */
		{ 1920, 1080, 138500, 2080, 1111 },	/* CVT 1920x1080R */
		{ 4095, 2160, 0, 4255, 0 },
	};
	static const u8 header[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };
	unsigned int i, w, h, khz;
	struct mgvt_mode m;
	u32 pw, ph;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		mgvt_mode_cvt_rb(modes[i].w, modes[i].h, &m);
		tap_ok(m.htotal == modes[i].htotal &&
		       (!modes[i].vtotal || m.vtotal == modes[i].vtotal) &&
		       (!modes[i].khz || m.clock_khz == modes[i].khz),
		       "%ux%u: CVT-RB %u kHz, %ux%u total", modes[i].w, modes[i].h,
		       m.clock_khz, m.htotal, m.vtotal);
		tap_ok(m.clock_khz * 1000ULL / m.htotal / m.vtotal >= 59 &&
		       m.clock_khz * 1000ULL / m.htotal / m.vtotal <= 60,
		       "%ux%u refreshes at 59-60 Hz", modes[i].w, modes[i].h);
		tap_ok(mgvt_edid_build(edid, modes[i].w, modes[i].h, 640, 480) == 128 &&
		       !memcmp(edid, header, 8) && mgvt_edid_block_valid(edid),
		       "%ux%u: EDID header and checksum", modes[i].w, modes[i].h);
		dtd_mode(edid, &w, &h, &khz);
		tap_ok(mgvt_edid_preferred(edid, &pw, &ph) && pw == modes[i].w && ph == modes[i].h,
		       "mgvt_edid_preferred() finds it");
		tap_ok(w == modes[i].w && h == modes[i].h && khz == m.clock_khz,
		       "%ux%u: the preferred timing is the mode (%ux%u %u kHz)",
		       modes[i].w, modes[i].h, w, h, khz);
		tap_ok(edid[18] == 1 && edid[19] == 4 && edid[20] == 0xa5 && !edid[126],
		       "EDID 1.4, digital 8-bit DisplayPort input, no extension");
		tap_ok(edid[72 + 3] == 0xfd && edid[72 + 9] * 10000 >= m.clock_khz &&
		       edid[72 + 8] * 1000 >= m.clock_khz / m.htotal,
		       "range limits cover the preferred mode");
		tap_ok(edid[90 + 3] == 0xfc && !memcmp(edid + 95, "MGVT vDP\n", 9),
		       "monitor name descriptor");
	}
	edid[100] ^= 1;
	tap_ok(!mgvt_edid_block_valid(edid), "a flipped bit breaks the checksum");
}

/* One AUX request as i915 packs it; returns the reply length. */
static unsigned int aux(struct mgvt_dp_sink *s, u8 req, u32 addr, int len,
			const u8 *data, u8 *rx)
{
	u8 tx[4 + 32];
	unsigned int n = 3;

	tx[0] = req << 4 | (addr >> 16 & 0xf);
	tx[1] = addr >> 8;
	tx[2] = addr;
	if (len > 0) {
		tx[3] = len - 1;
		n = 4;
		if (data) {
			memcpy(tx + 4, data, len);
			n += len;
		}
	}
	return mgvt_dp_aux_transfer(s, tx, n, rx);
}

static void test_dpcd(void)
{
	struct mgvt_dp_sink s;
	u8 rx[MGVT_AUX_MSG_MAX], cfg[2] = { 0x14, 0x84 }, pwr = 2;
	unsigned int n;

	mgvt_dp_sink_reset(&s, edid, mgvt_edid_build(edid, 1920, 1200, 1920, 1200));
	n = aux(&s, AUX_NATIVE_READ, 0, 15, NULL, rx);
	tap_ok(n == 16 && rx[0] == AUX_REPLY_ACK && rx[1] == 0x12 && rx[2] == 0x14 &&
	       (rx[3] & 0x1f) == 4, "DPCD caps: ACK, rev 1.2, HBR2, 4 lanes");
	n = aux(&s, AUX_NATIVE_WRITE, 0x100, 2, cfg, rx);
	tap_ok(n == 1 && rx[0] == AUX_REPLY_ACK, "link configuration write ACKed");
	n = aux(&s, AUX_NATIVE_READ, 0x100, 2, NULL, rx);
	tap_ok(n == 3 && rx[1] == 0x14 && rx[2] == 0x84, "and read back");
	n = aux(&s, AUX_NATIVE_READ, 0x200, 6, NULL, rx);
	tap_ok(n == 7 && rx[1] == 1 && rx[3] == 0x77 && rx[4] == 0x77 && (rx[5] & 1),
	       "sink count 1, all lanes trained and aligned");
	aux(&s, AUX_NATIVE_WRITE, 0x600, 1, &pwr, rx);
	n = aux(&s, AUX_NATIVE_READ, 0x600, 1, NULL, rx);
	tap_ok(n == 2 && rx[1] == 2, "SET_POWER keeps D3");
	n = aux(&s, AUX_NATIVE_READ, 0xffff8, 16, NULL, rx);
	tap_ok(n == 17, "a read across the end of the DPCD wraps, no overrun");
	n = aux(&s, AUX_NATIVE_READ, 0, 17, NULL, rx);
	tap_ok(n == 1 && rx[0] == AUX_REPLY_NACK, "a 17-byte read is NACKed");
	n = aux(&s, AUX_NATIVE_READ, 0, -1, NULL, rx);
	tap_ok(n == 1 && rx[0] == AUX_REPLY_NACK, "an address-only native read is NACKed");
	n = aux(&s, 0xb, 0, 1, NULL, rx);
	tap_ok(n == 1 && rx[0] == AUX_REPLY_NACK, "an unknown request is NACKed");
	n = mgvt_dp_aux_transfer(&s, rx, 2, rx);
	tap_ok(!n, "a request too short for an address gets no reply");
	n = mgvt_dp_aux_transfer(&s, rx, 21, rx);
	tap_ok(!n, "a request over 20 bytes gets no reply");
	s.connected = false;
	n = aux(&s, AUX_NATIVE_READ, 0, 1, NULL, rx);
	tap_ok(!n, "an unplugged sink does not answer");
}

/*
 * Block @blk of an EDID read over I2C-over-AUX, as drm's i2c algorithm
 * does it: the segment pointer first for blocks past the first two.
 */
static bool aux_edid_block(struct mgvt_dp_sink *s, u8 *out, unsigned int chunk,
			   unsigned int blk)
{
	u8 rx[MGVT_AUX_MSG_MAX], off = (blk & 1) * 128, seg = blk / 2;
	unsigned int i, n;

	if (seg && (aux(s, AUX_I2C_WRITE | AUX_I2C_MOT, 0x30, 1, &seg, rx) != 1 || rx[0]))
		return false;
	if (aux(s, AUX_I2C_WRITE | AUX_I2C_MOT, 0x50, 0, NULL, rx) != 1 || rx[0])
		return false;
	if (aux(s, AUX_I2C_WRITE | AUX_I2C_MOT, 0x50, 1, &off, rx) != 1 || rx[0])
		return false;
	if (aux(s, AUX_I2C_READ | AUX_I2C_MOT, 0x50, 0, NULL, rx) != 1 || rx[0])
		return false;
	for (i = 0; i < MGVT_EDID_BLOCK; i += chunk) {
		n = aux(s, AUX_I2C_READ | AUX_I2C_MOT, 0x50, chunk, NULL, rx);
		if (n != chunk + 1 || rx[0])
			return false;
		memcpy(out + i, rx + 1, chunk);
	}
	return aux(s, AUX_I2C_READ, 0x50, 0, NULL, rx) == 1 && !rx[0];
}

static bool aux_edid(struct mgvt_dp_sink *s, u8 *out, unsigned int chunk)
{
	return aux_edid_block(s, out, chunk, 0);
}

static void test_i2c_over_aux(void)
{
	struct mgvt_dp_sink s;
	u8 got[MGVT_EDID_BLOCK], rx[MGVT_AUX_MSG_MAX], seg = 1;
	unsigned int n;

	mgvt_dp_sink_reset(&s, edid, mgvt_edid_build(edid, 1920, 1200, 1920, 1200));
	memset(got, 0, sizeof(got));
	tap_ok(aux_edid(&s, got, 16) && !memcmp(got, edid, sizeof(got)),
	       "EDID over I2C-over-AUX in 16-byte chunks");
	memset(got, 0, sizeof(got));
	tap_ok(aux_edid(&s, got, 1) && !memcmp(got, edid, sizeof(got)),
	       "and byte by byte");
	tap_ok(!s.i2c_open, "the final address-only read without MOT closes it");
	n = aux(&s, AUX_I2C_WRITE | AUX_I2C_MOT, 0x37, 0, NULL, rx);
	tap_ok(n == 1 && rx[0] == AUX_REPLY_I2C_NACK, "no device at 0x37: I2C NACK");
	n = aux(&s, AUX_I2C_WRITE | AUX_I2C_MOT, 0x1050, 0, NULL, rx);
	tap_ok(n == 1 && rx[0] == AUX_REPLY_I2C_NACK, "an address above 7 bits: I2C NACK");
	aux(&s, AUX_I2C_WRITE | AUX_I2C_MOT, 0x30, 1, &seg, rx);
	n = aux(&s, AUX_I2C_READ | AUX_I2C_MOT, 0x50, 4, NULL, rx);
	tap_ok(n == 5 && rx[1] == 0xff && rx[4] == 0xff, "segment 1 (no such block) reads 0xff");
	aux(&s, AUX_I2C_READ, 0x50, 0, NULL, rx);
	n = aux(&s, AUX_I2C_WRITE | AUX_I2C_MOT, 0x50, 17, got, rx);
	tap_ok(!n, "a 17-byte I2C write (21-byte message) gets no reply");
	memset(got, 0, 20);
	got[0] = (AUX_I2C_WRITE | AUX_I2C_MOT) << 4;
	got[2] = 0x50;
	got[3] = 2;
	n = mgvt_dp_aux_transfer(&s, got, 5, rx);
	tap_ok(n == 1 && rx[0] == AUX_REPLY_I2C_NACK,
	       "an I2C write whose length disagrees with the message: NACK");
	n = aux(&s, AUX_I2C_STATUS, 0x50, 0, NULL, rx);
	tap_ok(n == 1 && rx[0] == AUX_REPLY_ACK, "write status update: ACK");
}

static void gmbus_cmd(struct mgvt_gmbus *gb, struct mgvt_ddc *d, u32 cmd, u32 data)
{
	mgvt_gmbus_command(gb, d, cmd | GMBUS1_SW_RDY, data);
}

static void test_gmbus(void)
{
	struct mgvt_gmbus gb;
	struct mgvt_ddc ddc;
	u8 got[MGVT_EDID_BLOCK];
	unsigned int i;
	bool rdy = true;

	mgvt_ddc_reset(&ddc, edid, mgvt_edid_build(edid, 1024, 768, 1024, 768));
	mgvt_gmbus_reset(&gb, &ddc);
	/* i915's EDID read: an index cycle (offset 0) reading 128 bytes. */
	gmbus_cmd(&gb, &ddc, GMBUS1_CYCLE_INDEX | 128 << GMBUS1_COUNT_SHIFT |
		  0x50 << GMBUS1_ADDR_SHIFT | GMBUS1_READ, 0);
	for (i = 0; i < MGVT_EDID_BLOCK; i += 4) {
		u32 v;

		rdy &= !!(gb.status & GMBUS2_HW_RDY);
		v = mgvt_gmbus_data_read(&gb, &ddc);
		memcpy(got + i, &v, 4);
	}
	tap_ok(rdy && !memcmp(got, edid, sizeof(got)), "GMBUS index read of the EDID");
	tap_ok(gb.status == (GMBUS2_ACTIVE | GMBUS2_HW_WAIT), "then HW_WAIT, still active");
	tap_ok(!mgvt_gmbus_data_read(&gb, &ddc), "reading past the count gives 0");
	gmbus_cmd(&gb, &ddc, GMBUS1_CYCLE_STOP, 0);
	tap_ok(!gb.status, "a stop: idle");

	/* A write of the offset (1 byte in GMBUS3), then a read of 2 bytes. */
	gmbus_cmd(&gb, &ddc, 1 << GMBUS1_COUNT_SHIFT | 0x50 << GMBUS1_ADDR_SHIFT, 8);
	tap_ok(gb.status == (GMBUS2_ACTIVE | GMBUS2_HW_RDY | GMBUS2_HW_WAIT),
	       "a one-byte write cycle completes at once");
	gmbus_cmd(&gb, &ddc, 2 << GMBUS1_COUNT_SHIFT | 0x50 << GMBUS1_ADDR_SHIFT | GMBUS1_READ, 0);
	tap_ok(mgvt_gmbus_data_read(&gb, &ddc) == (u32)(edid[8] | edid[9] << 8),
	       "the read starts at the offset written");
	gmbus_cmd(&gb, &ddc, GMBUS1_CYCLE_STOP, 0);

	gmbus_cmd(&gb, &ddc, 1 << GMBUS1_COUNT_SHIFT | 0x3a << GMBUS1_ADDR_SHIFT | GMBUS1_READ, 0);
	tap_ok(gb.status == GMBUS2_SATOER, "no device at 0x3a: SATOER");
	gmbus_cmd(&gb, &ddc, 1 << GMBUS1_COUNT_SHIFT | 0x50 << GMBUS1_ADDR_SHIFT | GMBUS1_READ, 0);
	tap_ok(gb.status == GMBUS2_SATOER, "which sticks until cleared");
	mgvt_gmbus_command(&gb, &ddc, GMBUS1_SW_CLR_INT, 0);
	tap_ok(!gb.status, "SW_CLR_INT clears it");
	gmbus_cmd(&gb, NULL, GMBUS1_CYCLE_INDEX | 128 << GMBUS1_COUNT_SHIFT |
		  0x50 << GMBUS1_ADDR_SHIFT | GMBUS1_READ, 0);
	tap_ok(gb.status == GMBUS2_SATOER && !mgvt_gmbus_data_read(&gb, NULL),
	       "a pin pair without a monitor: SATOER, no data");
	mgvt_gmbus_reset(&gb, NULL);
	mgvt_gmbus_data_write(&gb, &ddc, 0x12345678);
	tap_ok(!gb.status, "GMBUS3 written outside a cycle changes nothing");
	gmbus_cmd(&gb, &ddc, 0x1ff << GMBUS1_COUNT_SHIFT | 0x50 << GMBUS1_ADDR_SHIFT |
		  GMBUS1_READ, 0);
	for (i = 0; i < 200; i++)
		mgvt_gmbus_data_read(&gb, &ddc);
	tap_ok(gb.status == (GMBUS2_ACTIVE | GMBUS2_HW_WAIT) && !gb.remaining,
	       "a 511-byte read wraps around the 128-byte EEPROM and ends");
}

/* The modes of a DisplayID extension's type I timings. */
static unsigned int did_modes(const u8 *e, u32 *w, u32 *h, unsigned int max)
{
	unsigned int n = 0, i;
	const u8 *b = e + 5;

	if (e[0] != 0x70 || b[0] != 3 || b[2] % 20)
		return 0;
	for (i = 0; i < b[2] / 20 && n < max; i++, n++) {
		const u8 *t = b + 3 + 20 * i;

		w[n] = (t[4] | t[5] << 8) + 1;
		h[n] = (t[12] | t[13] << 8) + 1;
	}
	return n;
}

static u8 sum(const u8 *p, unsigned int n)
{
	u8 s = 0;

	while (n--)
		s += *p++;
	return s;
}

static void test_limits(void)
{
	static const struct { u32 low_mb, pw, ph, w, h; } types[] = {
		{ 512, 1920, 1200, 4096, 2160 },	/* GVTg_V5_1 */
		{ 256, 1920, 1200, 4096, 2160 },	/* GVTg_V5_2 */
		{ 128, 1920, 1200, 3840, 2160 },	/* GVTg_V5_4 */
		{  64, 1024,  768, 2560, 1600 },	/* GVTg_V5_8 */
		{  32, 1024,  768, 1920, 1080 },	/* MGVT_V5_16 */
		{  16, 1024,  768, 1024,  768 },	/* MGVT_V5_32: 1280x720 is lower */
		{   4, 1024,  768, 1024,  768 },	/* nothing fits: the preferred */
	};
	unsigned int i;
	u32 w, h;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		mgvt_edid_limit((u64)types[i].low_mb << 20, types[i].pw, types[i].ph, &w, &h);
		tap_ok(w == types[i].w && h == types[i].h,
		       "%u MiB of low GM: modes up to %ux%u (got %ux%u)",
		       types[i].low_mb, types[i].w, types[i].h, w, h);
		tap_ok((u64)types[i].w * types[i].h * 16 <= (u64)types[i].low_mb << 20 ||
		       (types[i].w == types[i].pw && types[i].h == types[i].ph),
		       "two framebuffers of it fit in half the low GM");
	}
}

/* The second head: GVTg_V5_8 and larger types, not MGVT_V5_16 and _32. */
static void test_heads(void)
{
	static const struct { u32 low_mb; unsigned int heads; } types[] = {
		{ 512, 2 }, { 256, 2 }, { 128, 2 }, { 64, 2 }, { 32, 1 }, { 16, 1 }, { 0, 1 },
	};
	unsigned int i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		tap_ok(mgvt_edid_heads((u64)types[i].low_mb << 20) == types[i].heads,
		       "%u MiB of low GM: %u head(s)", types[i].low_mb, types[i].heads);
	tap_ok(mgvt_edid_heads(2ull * 1920 * 1080 * 4 * 2 * 2) == 2 &&
	       mgvt_edid_heads(2ull * 1920 * 1080 * 4 * 2 * 2 - 1) == 1,
	       "two heads from exactly two 1920x1080 double buffers in half the low GM");
}

static void test_edid_ext(void)
{
	u32 w[8], h[8];
	unsigned int size, n, i, dtd_w, dtd_h, khz;
	bool std_1920x1080 = false;

	size = mgvt_edid_build(edid, 1920, 1200, 4096, 2160);
	tap_ok(size == 256 && edid[126] == 1, "up to 4096x2160: base block and one extension");
	tap_ok(mgvt_edid_block_valid(edid) && mgvt_edid_block_valid(edid + 128),
	       "both blocks' checksums right");
	tap_ok(!mgvt_edid_check(edid, size, MGVT_EDID_MAX_SIZE), "the builder's EDID passes the checks");
	tap_ok(edid[128] == 0x70 && !sum(edid + 129, 4 + edid[130] + 1),
	       "a DisplayID extension with its section checksum right");
	n = did_modes(edid + 128, w, h, 8);
	tap_ok(n == 4 && w[0] == 2560 && h[0] == 1440 && w[3] == 4096 && h[3] == 2160,
	       "its type I timings: 2560x1440 ... 4096x2160 (%u of them)", n);
	dtd_mode(edid, &dtd_w, &dtd_h, &khz);
	tap_ok(dtd_w == 1920 && dtd_h == 1200, "the preferred mode stays the base block's timing");
	for (i = 38; i < 54; i += 2)
		std_1920x1080 |= edid[i] == 1920 / 8 - 31 && edid[i + 1] >> 6 == 3;
	tap_ok(std_1920x1080, "1920x1080 among the standard timings");
	tap_ok(edid[72 + 9] * 10000 >= 560000 && edid[72 + 8] >= 133,
	       "range limits cover 4096x2160 (%u MHz, %u kHz)", edid[72 + 9] * 10, edid[72 + 8]);

	size = mgvt_edid_build(edid, 1024, 768, 1920, 1080);
	tap_ok(size == 128 && !edid[126] && !mgvt_edid_check(edid, size, 512),
	       "up to 1920x1080: one block, no extension");
}

static void test_edid_check(void)
{
	unsigned int size = mgvt_edid_build(edid, 1920, 1200, 4096, 2160);
	u8 bad[MGVT_EDID_MAX_SIZE];

	tap_ok(!mgvt_edid_check(edid, size, size), "an EDID of exactly the maximum size passes");
	tap_ok(mgvt_edid_check(edid, size, 128) != NULL, "over the maximum size: refused");
	tap_ok(mgvt_edid_check(edid, 0, 512) != NULL, "size 0: refused");
	tap_ok(mgvt_edid_check(edid, 200, 512) != NULL, "size not whole blocks: refused");
	tap_ok(mgvt_edid_check(edid, 128, 512) != NULL,
	       "the base block alone, its extension count 1: refused");
	memcpy(bad, edid, size);
	bad[1] = 0;
	bad[127] += 0xff;
	tap_ok(mgvt_edid_block_valid(bad) && mgvt_edid_check(bad, size, 512) != NULL,
	       "a bad header (checksum fixed): refused");
	memcpy(bad, edid, size);
	bad[200] ^= 4;
	tap_ok(mgvt_edid_check(bad, size, 512) != NULL, "a bad extension checksum: refused");
	memcpy(bad, edid, size);
	bad[126] = 2;
	bad[127] -= 1;
	tap_ok(mgvt_edid_block_valid(bad) && mgvt_edid_check(bad, size, 512) != NULL,
	       "an extension count that lies (checksum fixed): refused");
	memset(bad + size, 0, 128);
	bad[size + 0] = 0x02;
	bad[size + 127] = -2;
	tap_ok(!mgvt_edid_check(bad, size + 128, 512), "three blocks with a count of 2 pass");
}

static void test_ddc_segments(void)
{
	struct mgvt_dp_sink s;
	u8 got[MGVT_EDID_BLOCK];
	unsigned int size;

	size = mgvt_edid_build(edid, 1920, 1200, 4096, 2160);
	mgvt_dp_sink_reset(&s, edid, size);
	tap_ok(aux_edid_block(&s, got, 16, 1) && !memcmp(got, edid + 128, 128),
	       "block 1 over I2C-over-AUX at offset 128");
	memset(edid + 256, 0x5a, 128);
	mgvt_dp_sink_reset(&s, edid, 384);
	tap_ok(aux_edid_block(&s, got, 16, 2) && got[0] == 0x5a && got[127] == 0x5a,
	       "block 2 through segment 1");
	tap_ok(aux_edid_block(&s, got, 16, 0) && !memcmp(got, edid, 128),
	       "segment 0 again after a stop");
}

int main(void)
{
	tap_header();
	test_resolution();
	test_edid();
	test_limits();
	test_edid_ext();
	test_edid_check();
	test_heads();
	test_ddc_segments();
	test_dpcd();
	test_i2c_over_aux();
	test_gmbus();
	return tap_finish();
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The plane decode (gvt/display/plane.c): the primary plane in every
 * format and tiling it accepts, what it refuses (disabled, Y tiling,
 * unknown formats, rotation, strides too small, absurd sizes), the
 * framebuffer size it reports, the cursor modes, position and hotspot,
 * and the X-tile address arithmetic.
 */
#include <errno.h>
#include <string.h>

#include <linux/kernel.h>

#include <uapi/drm/drm_fourcc.h>

#include "display/plane.h"
#include "regs/regs.h"
#include "tap.h"

#define CTL(fmt, tiling) (PLANE_CTL_ENABLE | (fmt) << PLANE_CTL_FORMAT_SHIFT | \
			  (tiling) << PLANE_CTL_TILED_SHIFT)

/* A 1024x768 XRGB8888 linear plane at GM 16 MiB, stride 4096. */
static struct mgvt_plane_regs base(void)
{
	struct mgvt_plane_regs r = {
		.ctl = CTL(PLANE_FORMAT_XRGB_8888, PLANE_TILED_LINEAR),
		.stride = 4096 / 64,
		.size = 767 << 16 | 1023,
		.surf = 16 << 20,
		.pipesrc = 1023 << 16 | 767,
	};
	return r;
}

static int decode(const struct mgvt_plane_regs *r, struct mgvt_plane *p)
{
	const char *why;

	return mgvt_plane_decode(r, MGVT_PLANE_PRIMARY, p, &why);
}

static void test_linear(void)
{
	struct mgvt_plane_regs r = base();
	struct mgvt_plane p;

	tap_ok(!decode(&r, &p), "1024x768 XRGB8888 linear decodes");
	tap_ok(p.fourcc == DRM_FORMAT_XRGB8888 && p.modifier == DRM_FORMAT_MOD_LINEAR &&
	       !p.x_tiled && p.cpp == 4, "XRGB8888, linear, 4 bytes a pixel");
	tap_ok(p.width == 1024 && p.height == 768, "1024x768 (%ux%u)", p.width, p.height);
	tap_ok(p.stride == 4096, "stride 64 units of 64 bytes: 4096 (%u)", p.stride);
	tap_ok(p.gm == 16 << 20, "surface at GM 16 MiB");
	tap_ok(p.size == 4096ULL * 768, "size stride * height (%llu)", p.size);
	r.surf |= 0xffc;
	tap_ok(!decode(&r, &p) && p.gm == 16 << 20, "PLANE_SURF's low bits ignored");

	r = base();
	r.stride = 66;			/* 4224 bytes */
	r.size = 2 << 16 | 9;		/* 10x3 */
	tap_ok(!decode(&r, &p), "a 10x3 plane with stride 4224 decodes");
	tap_ok(p.size == 16384 && p.stride == 66 * 64,
	       "and reads 3 rows, rounded up to pages (size %llu)", p.size);
}

static void test_formats(void)
{
	static const struct {
		u32 ctl;
		u32 fourcc;
		u32 cpp;
		const char *name;
	} ok[] = {
		{ CTL(PLANE_FORMAT_XRGB_8888, 0), DRM_FORMAT_XRGB8888, 4, "XRGB8888" },
		{ CTL(PLANE_FORMAT_XRGB_8888, 0) | 3 << 4, DRM_FORMAT_ARGB8888, 4,
		  "ARGB8888 (alpha premultiplied)" },
		{ CTL(PLANE_FORMAT_XRGB_8888, 0) | 2 << 4, DRM_FORMAT_ARGB8888, 4,
		  "ARGB8888 (alpha to premultiply)" },
		{ CTL(PLANE_FORMAT_XRGB_8888, 0) | PLANE_CTL_ORDER_RGBX,
		  DRM_FORMAT_XBGR8888, 4, "XBGR8888" },
		{ CTL(PLANE_FORMAT_XRGB_8888, 0) | PLANE_CTL_ORDER_RGBX | 3 << 4,
		  DRM_FORMAT_ABGR8888, 4, "ABGR8888" },
		{ CTL(PLANE_FORMAT_XRGB_2101010, 0), DRM_FORMAT_XRGB2101010, 4, "XRGB2101010" },
		{ CTL(PLANE_FORMAT_RGB_565, 0), DRM_FORMAT_RGB565, 2, "RGB565" },
	};
	static const u32 bad[] = { 0, 1, 3, 5, 6, 7, 8, 12, 15 };
	struct mgvt_plane_regs r = base();
	struct mgvt_plane p;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		r.ctl = ok[i].ctl;
		tap_ok(!decode(&r, &p) && p.fourcc == ok[i].fourcc && p.cpp == ok[i].cpp,
		       "%s", ok[i].name);
	}
	r.ctl = CTL(PLANE_FORMAT_RGB_565, 0);
	r.stride = 2048 / 64;
	tap_ok(!decode(&r, &p) && p.size == 2048ULL * 768,
	       "RGB565 1024 wide fits a 2048-byte stride");
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		r = base();
		r.ctl = CTL(bad[i], 0);
		tap_ok(decode(&r, &p) == -EINVAL, "format field %u refused", bad[i]);
	}
	r.ctl = CTL(PLANE_FORMAT_RGB_565, 0) | 3 << 4;
	tap_ok(decode(&r, &p) == -EINVAL, "RGB565 with alpha refused");
}

static void test_tiling(void)
{
	struct mgvt_plane_regs r = base();
	struct mgvt_plane p;
	unsigned int t;

	r.ctl = CTL(PLANE_FORMAT_XRGB_8888, PLANE_TILED_X);
	r.stride = 4096 / 512;
	r.size = 765 << 16 | 1023;	/* 766 rows: 96 rows of tiles */
	r.pipesrc = ~0u;
	tap_ok(!decode(&r, &p), "X-tiled decodes");
	tap_ok(p.x_tiled && p.modifier == I915_FORMAT_MOD_X_TILED, "modifier X_TILED");
	tap_ok(p.stride == 4096, "stride 8 tiles of 512 bytes: 4096 (%u)", p.stride);
	tap_ok(p.size == 4096ULL * 768, "size whole rows of tiles: %llu", p.size);
	r.stride = 4096 / 64;
	tap_ok(!decode(&r, &p) && p.stride == 64 * 512,
	       "a linear stride value is read as tiles");
	for (t = 2; t < 8; t++) {
		r.ctl = CTL(PLANE_FORMAT_XRGB_8888, t);
		tap_ok(decode(&r, &p) == -EINVAL, "tiling %u (%s) refused", t,
		       t == PLANE_TILED_Y ? "Y" : t == PLANE_TILED_YF ? "Yf" : "unknown");
	}
}

static void test_refused(void)
{
	struct mgvt_plane_regs r = base();
	struct mgvt_plane p;

	r.ctl &= ~PLANE_CTL_ENABLE;
	tap_ok(decode(&r, &p) == -ENOENT, "disabled: no plane (-ENOENT)");
	r = base();
	r.ctl |= 2;
	tap_ok(decode(&r, &p) == -EINVAL, "rotated 180 refused");
	r = base();
	r.ctl |= PLANE_CTL_FLIP_HORIZONTAL;
	tap_ok(decode(&r, &p) == -EINVAL, "mirrored refused");
	r = base();
	r.stride = 0;
	tap_ok(decode(&r, &p) == -EINVAL, "stride 0 refused");
	r.stride = 4032 / 64;
	tap_ok(decode(&r, &p) == -EINVAL, "stride one unit short of a row refused");
	r.stride = 4096 / 64;
	r.offset = 1;
	tap_ok(decode(&r, &p) == -EINVAL, "x offset pushing the row past the stride refused");
	r.offset = 0;
	r.stride = PLANE_STRIDE_MASK;
	r.size = 8191 << 16 | 1023;
	r.pipesrc = ~0u;
	tap_ok(decode(&r, &p) == -EINVAL, "stride 262080 x 8192 rows: too large, refused");
	r = base();
	r.size = ~0u;
	r.pipesrc = ~0u;
	tap_ok(decode(&r, &p) == -EINVAL, "65536x65536 refused");
	r = base();
	r.offset = 0xffff0000;
	tap_ok(decode(&r, &p) == -EINVAL, "y offset 65535 refused");
	r = base();
	r.stride = ~0u;
	tap_ok(!decode(&r, &p) && p.stride == 4095 * 64,
	       "stride register bits above the field ignored");
}

static void test_clip_offset(void)
{
	struct mgvt_plane_regs r = base();
	struct mgvt_plane p;

	r.pipesrc = 799 << 16 | 599;
	tap_ok(!decode(&r, &p), "a plane larger than the pipe decodes");
	tap_ok(p.width == 800 && p.height == 600,
	       "clipped to PIPESRC 800x600 (%ux%u)", p.width, p.height);
	tap_ok(p.size == 4096ULL * 600, "size follows the visible rows");
	r = base();
	r.stride = 8192 / 64;
	r.offset = 10 << 16 | 16;
	tap_ok(!decode(&r, &p) && p.x_off == 16 && p.y_off == 10,
	       "offset x 16, y 10");
	tap_ok(p.size == 8192ULL * 778, "size counts the rows above the offset");
}

static void test_cursor(void)
{
	struct mgvt_plane_regs r = { 0 };
	struct mgvt_plane p;
	const char *why;

	tap_ok(mgvt_plane_decode(&r, MGVT_PLANE_CURSOR, &p, &why) == -ENOENT,
	       "cursor disabled: no plane");
	r.cur_ctl = CUR_MODE_64_ARGB;
	r.cur_base = 32 << 20 | 0xfff;
	r.cur_pos = 20 << 16 | 10;
	r.x_hot = 3;
	r.y_hot = 5;
	tap_ok(!mgvt_plane_decode(&r, MGVT_PLANE_CURSOR, &p, &why), "64x64 ARGB cursor");
	tap_ok(p.width == 64 && p.height == 64 && p.stride == 256 && p.size == 16384 &&
	       p.fourcc == DRM_FORMAT_ARGB8888 && p.gm == 32 << 20,
	       "64x64, stride 256, 16 KiB, ARGB8888, at GM 32 MiB");
	tap_ok(p.x_pos == 10 && p.y_pos == 20 && p.x_hot == 3 && p.y_hot == 5,
	       "position 10,20, hotspot 3,5");
	r.cur_ctl = CUR_MODE_256_ARGB;
	tap_ok(!mgvt_plane_decode(&r, MGVT_PLANE_CURSOR, &p, &why) &&
	       p.width == 256 && p.size == 256 * 1024, "256x256 cursor: 256 KiB");
	r.cur_ctl = CUR_MODE_128_ARGB;
	r.cur_pos = CUR_POS_Y_SIGN | 5 << 16 | CUR_POS_X_SIGN | 7;
	r.x_hot = 128;
	r.y_hot = ~0u;
	tap_ok(!mgvt_plane_decode(&r, MGVT_PLANE_CURSOR, &p, &why) && p.width == 128 &&
	       p.x_pos == 0 && p.y_pos == 0 && p.x_hot == 0 && p.y_hot == 0,
	       "128x128: negative position and outside hotspot read 0");
	r.cur_ctl = 0x07;
	tap_ok(mgvt_plane_decode(&r, MGVT_PLANE_CURSOR, &p, &why) == -EINVAL,
	       "AND/XOR cursor mode refused");
}

static void test_xtile(void)
{
	tap_ok(mgvt_plane_xtile_offset(4096, 0, 0) == 0, "X tile: origin");
	tap_ok(mgvt_plane_xtile_offset(4096, 511, 0) == 511, "end of the first tile row");
	tap_ok(mgvt_plane_xtile_offset(4096, 512, 0) == 4096, "next tile");
	tap_ok(mgvt_plane_xtile_offset(4096, 0, 1) == 512, "second row of a tile");
	tap_ok(mgvt_plane_xtile_offset(4096, 0, 8) == 8 * 4096, "next row of tiles");
	tap_ok(mgvt_plane_xtile_offset(4096, 4095, 15) == 16 * 4096 - 1,
	       "last byte of two rows of tiles");
}

static void test_same(void)
{
	struct mgvt_plane_regs r = base();
	struct mgvt_plane a, b;
	const char *why;

	decode(&r, &a);
	decode(&r, &b);
	tap_ok(mgvt_plane_same(&a, &b), "same registers: same plane");
	r.surf += 4096;
	decode(&r, &b);
	tap_ok(!mgvt_plane_same(&a, &b), "another surface: another plane");
	r = base();
	r.stride++;
	decode(&r, &b);
	tap_ok(!mgvt_plane_same(&a, &b), "another stride: another plane");
	r.cur_ctl = CUR_MODE_64_ARGB;
	mgvt_plane_decode(&r, MGVT_PLANE_CURSOR, &a, &why);
	r.cur_pos = 100;
	r.x_hot = 1;
	mgvt_plane_decode(&r, MGVT_PLANE_CURSOR, &b, &why);
	tap_ok(mgvt_plane_same(&a, &b), "a cursor that moved: the same buffer");
}

/* Whatever the registers say, a decoded plane stays inside its limits. */
static void test_garbage(void)
{
	unsigned int i, ok = 0, bad = 0;
	u32 x = 0x2545f491;

	for (i = 0; i < 200000; i++) {
		struct mgvt_plane_regs r;
		struct mgvt_plane p;
		u32 *w = (u32 *)&r;
		unsigned int k;
		const char *why;
		u64 rows;

		for (k = 0; k < sizeof(r) / sizeof(u32); k++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			w[k] = x;
		}
		r.ctl |= PLANE_CTL_ENABLE;
		r.ctl &= ~(PLANE_CTL_ROTATE | PLANE_CTL_FLIP_HORIZONTAL);
		if (i & 1)
			r.ctl &= ~(PLANE_CTL_TILED | PLANE_CTL_ORDER_RGBX | PLANE_CTL_ALPHA);
		if (mgvt_plane_decode(&r, i & 2 ? MGVT_PLANE_CURSOR : MGVT_PLANE_PRIMARY,
				      &p, &why))
			continue;
		ok++;
		rows = p.y_off + p.height;
		if (p.x_tiled)
			rows = (rows + 7) / 8 * 8;
		if (!p.width || !p.height || p.width > MGVT_PLANE_MAX_W ||
		    p.height > MGVT_PLANE_MAX_H || p.size > MGVT_PLANE_MAX_BYTES ||
		    p.size % 4096 || (u64)(p.x_off + p.width) * p.cpp > p.stride ||
		    rows * p.stride > p.size || p.gm % 4096)
			bad++;
	}
	tap_ok(ok > 1000 && !bad, "200000 random register sets: %u decoded, %u out of bounds",
	       ok, bad);
}

int main(void)
{
	tap_header();
	test_linear();
	test_formats();
	test_tiling();
	test_refused();
	test_clip_offset();
	test_cursor();
	test_xtile();
	test_same();
	test_garbage();
	return tap_finish();
}

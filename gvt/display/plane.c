// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding what a pipe's primary (universal plane 1) and cursor planes
 * scan out from the registers the guest wrote, for the VFIO plane query.
 *
 * Primary: enabled, not rotated or mirrored, linear or X-tiled (Y and Yf
 * tiling are refused: nothing here detiles them), one of the formats of
 * the table below.  PLANE_SIZE gives the plane's size, clipped to the
 * pipe's source size (PIPESRC); PLANE_OFFSET the first visible pixel
 * inside the surface; PLANE_STRIDE the stride, in 64-byte units when
 * linear, in 512-byte tiles when X-tiled.  The plane reads [surface,
 * surface + size), size being the stride times the rows up to its last
 * visible one (whole tile rows when X-tiled), page aligned; a row must
 * hold its visible pixels.
 *
 * Cursor: one of the ARGB modes (64, 128 or 256 pixels square, stride
 * width * 4); its position from CUR_POS, a negative coordinate read as 0;
 * its hotspot from PVINFO, a hotspot outside the cursor read as 0.
 *
 * Nothing here checks where the surface lies: the caller checks that
 * [gm, gm + size) is the vGPU's GM and backed (display/fb.c).
 *
 * Pure logic: compiled in userspace by selftests/unit.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <uapi/drm/drm_fourcc.h>

#include "display/plane.h"
#include "regs/regs.h"

#define PLANE_PAGE	4096ULL

/* One format of PLANE_CTL: the format field, RGBX order, alpha used. */
struct plane_format {
	u8 field;
	bool rgbx;
	bool alpha;
	u8 cpp;
	u32 fourcc;
};

static const struct plane_format plane_formats[] = {
	{ PLANE_FORMAT_XRGB_8888,	false,	false,	4, DRM_FORMAT_XRGB8888 },
	{ PLANE_FORMAT_XRGB_8888,	false,	true,	4, DRM_FORMAT_ARGB8888 },
	{ PLANE_FORMAT_XRGB_8888,	true,	false,	4, DRM_FORMAT_XBGR8888 },
	{ PLANE_FORMAT_XRGB_8888,	true,	true,	4, DRM_FORMAT_ABGR8888 },
	{ PLANE_FORMAT_XRGB_2101010,	false,	false,	4, DRM_FORMAT_XRGB2101010 },
	{ PLANE_FORMAT_XRGB_2101010,	true,	false,	4, DRM_FORMAT_XBGR2101010 },
	{ PLANE_FORMAT_RGB_565,		false,	false,	2, DRM_FORMAT_RGB565 },
};

static const struct plane_format *find_format(u32 ctl)
{
	u8 field = (ctl & PLANE_CTL_FORMAT) >> PLANE_CTL_FORMAT_SHIFT;
	bool rgbx = ctl & PLANE_CTL_ORDER_RGBX, alpha = ctl & PLANE_CTL_ALPHA;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(plane_formats); i++)
		if (plane_formats[i].field == field &&
		    plane_formats[i].rgbx == rgbx && plane_formats[i].alpha == alpha)
			return &plane_formats[i];
	return NULL;
}

static u64 page_align(u64 n)
{
	return (n + PLANE_PAGE - 1) & ~(PLANE_PAGE - 1);
}

static int decode_primary(const struct mgvt_plane_regs *r, struct mgvt_plane *p,
			  const char **why)
{
	const struct plane_format *f;
	u32 tiling, units, src_w, src_h;
	u64 rows;

	if (!(r->ctl & PLANE_CTL_ENABLE)) {
		*why = "plane disabled";
		return -ENOENT;
	}
	if (r->ctl & (PLANE_CTL_ROTATE | PLANE_CTL_FLIP_HORIZONTAL)) {
		*why = "rotated or mirrored";
		return -EINVAL;
	}
	tiling = (r->ctl & PLANE_CTL_TILED) >> PLANE_CTL_TILED_SHIFT;
	if (tiling == PLANE_TILED_Y || tiling == PLANE_TILED_YF) {
		*why = "Y or Yf tiling";
		return -EINVAL;
	}
	if (tiling != PLANE_TILED_LINEAR && tiling != PLANE_TILED_X) {
		*why = "unknown tiling";
		return -EINVAL;
	}
	f = find_format(r->ctl);
	if (!f) {
		*why = "unknown pixel format";
		return -EINVAL;
	}
	p->fourcc = f->fourcc;
	p->cpp = f->cpp;
	p->x_tiled = tiling == PLANE_TILED_X;
	p->modifier = p->x_tiled ? I915_FORMAT_MOD_X_TILED : DRM_FORMAT_MOD_LINEAR;

	p->width = (r->size & 0xffff) + 1;
	p->height = (r->size >> 16) + 1;
	src_w = (r->pipesrc >> 16) + 1;
	src_h = (r->pipesrc & 0xffff) + 1;
	p->width = min(p->width, src_w);
	p->height = min(p->height, src_h);
	p->x_off = r->offset & 0xffff;
	p->y_off = r->offset >> 16;
	if (p->width > MGVT_PLANE_MAX_W || p->height > MGVT_PLANE_MAX_H ||
	    p->x_off >= MGVT_PLANE_MAX_W || p->y_off >= MGVT_PLANE_MAX_H) {
		*why = "size or offset beyond the hardware's limits";
		return -EINVAL;
	}

	units = r->stride & PLANE_STRIDE_MASK;
	p->stride = units * (p->x_tiled ? MGVT_XTILE_W : 64);
	if (!p->stride || (u64)(p->x_off + p->width) * p->cpp > p->stride) {
		*why = "stride smaller than a row";
		return -EINVAL;
	}
	rows = p->y_off + p->height;
	if (p->x_tiled)
		rows = DIV_ROUND_UP(rows, MGVT_XTILE_H) * MGVT_XTILE_H;
	p->size = page_align(rows * p->stride);
	if (p->size > MGVT_PLANE_MAX_BYTES) {
		*why = "framebuffer too large";
		return -EINVAL;
	}
	p->gm = r->surf & PLANE_SURF_ADDR;
	p->x_pos = 0;
	p->y_pos = 0;
	p->x_hot = 0;
	p->y_hot = 0;
	return 0;
}

static int decode_cursor(const struct mgvt_plane_regs *r, struct mgvt_plane *p,
			 const char **why)
{
	u32 mode = r->cur_ctl & CUR_CTL_MODE;

	switch (mode) {
	case 0:
		*why = "cursor disabled";
		return -ENOENT;
	case CUR_MODE_64_ARGB:
		p->width = 64;
		break;
	case CUR_MODE_128_ARGB:
		p->width = 128;
		break;
	case CUR_MODE_256_ARGB:
		p->width = 256;
		break;
	default:
		*why = "cursor mode other than ARGB";
		return -EINVAL;
	}
	p->height = p->width;
	p->fourcc = DRM_FORMAT_ARGB8888;
	p->modifier = DRM_FORMAT_MOD_LINEAR;
	p->x_tiled = false;
	p->cpp = 4;
	p->stride = p->width * 4;
	p->size = page_align((u64)p->stride * p->height);
	p->x_off = 0;
	p->y_off = 0;
	p->x_pos = r->cur_pos & CUR_POS_X_SIGN ? 0 : r->cur_pos & CUR_POS_MAG;
	p->y_pos = r->cur_pos & CUR_POS_Y_SIGN ? 0 : (r->cur_pos >> 16) & CUR_POS_MAG;
	p->x_hot = r->x_hot < p->width ? r->x_hot : 0;
	p->y_hot = r->y_hot < p->height ? r->y_hot : 0;
	p->gm = r->cur_base & CUR_BASE_ADDR;
	return 0;
}

/**
 * mgvt_plane_decode - what a plane of a pipe scans out
 * @r: the pipe's registers
 * @kind: primary or cursor
 * @p: the plane, filled on success
 * @why: on failure, why (for the log)
 *
 * Return: 0; -ENOENT if the plane is disabled; -EINVAL if it is
 * programmed in a way the plane query does not decode or that is absurd.
 */
int mgvt_plane_decode(const struct mgvt_plane_regs *r,
		      enum mgvt_plane_kind kind, struct mgvt_plane *p,
		      const char **why)
{
	*why = "";
	if (kind == MGVT_PLANE_CURSOR)
		return decode_cursor(r, p, why);
	return decode_primary(r, p, why);
}

/**
 * mgvt_plane_same - whether two decoded planes show the same buffer the
 *	same way (everything but the cursor's position and hotspot)
 * @a: one plane
 * @b: the other
 *
 * Return: true if they do.
 */
bool mgvt_plane_same(const struct mgvt_plane *a, const struct mgvt_plane *b)
{
	return a->fourcc == b->fourcc && a->modifier == b->modifier &&
	       a->width == b->width && a->height == b->height &&
	       a->stride == b->stride && a->x_off == b->x_off &&
	       a->y_off == b->y_off && a->gm == b->gm && a->size == b->size;
}

/**
 * mgvt_plane_xtile_offset - where a byte of an X-tiled surface lies
 * @stride: the surface's stride in bytes, a multiple of MGVT_XTILE_W
 * @xbyte: the byte's column (pixel column times bytes per pixel)
 * @y: its row
 *
 * X tiles are 4 KiB, 512 bytes wide and 8 rows high, stored row after
 * row inside the tile and tile after tile along a row of tiles (no bit-6
 * swizzling on Gen9).
 *
 * Return: the byte's offset from the start of the surface.
 */
u64 mgvt_plane_xtile_offset(u32 stride, u32 xbyte, u32 y)
{
	u64 tile_row = y / MGVT_XTILE_H, tile_col = xbyte / MGVT_XTILE_W;

	return tile_row * stride * MGVT_XTILE_H + tile_col * MGVT_XTILE_SIZE +
	       (y % MGVT_XTILE_H) * MGVT_XTILE_W + xbyte % MGVT_XTILE_W;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a pipe's primary and cursor planes scan out, decoded from the
 * virtual display registers (display/plane.c).  Pure logic, compiled in
 * userspace by selftests/unit too.
 */
#ifndef MGVT_DISPLAY_PLANE_H
#define MGVT_DISPLAY_PLANE_H

#include <linux/types.h>

/* Limits of what a decode accepts (Skylake's own, rounded up). */
#define MGVT_PLANE_MAX_W	8192
#define MGVT_PLANE_MAX_H	8192
#define MGVT_PLANE_MAX_BYTES	(256U << 20)	/* one framebuffer, bytes */

/* X tiles: 512 bytes by 8 rows. */
#define MGVT_XTILE_W		512U
#define MGVT_XTILE_H		8U
#define MGVT_XTILE_SIZE		(MGVT_XTILE_W * MGVT_XTILE_H)

/**
 * enum mgvt_plane_kind - which plane of a pipe
 * @MGVT_PLANE_PRIMARY: universal plane 1
 * @MGVT_PLANE_CURSOR: the cursor
 */
enum mgvt_plane_kind {
	MGVT_PLANE_PRIMARY,
	MGVT_PLANE_CURSOR,
};

/**
 * struct mgvt_plane_regs - the registers a decode reads, as the guest
 *	wrote them (one pipe)
 * @ctl: PLANE_CTL
 * @stride: PLANE_STRIDE
 * @size: PLANE_SIZE
 * @offset: PLANE_OFFSET
 * @surf: PLANE_SURF
 * @pipesrc: PIPESRC
 * @cur_ctl: CUR_CTL
 * @cur_base: CUR_BASE
 * @cur_pos: CUR_POS
 * @x_hot: PVINFO's cursor hotspot, x
 * @y_hot: PVINFO's cursor hotspot, y
 */
struct mgvt_plane_regs {
	u32 ctl, stride, size, offset, surf, pipesrc;
	u32 cur_ctl, cur_base, cur_pos;
	u32 x_hot, y_hot;
};

/**
 * struct mgvt_plane - a decoded plane
 * @fourcc: DRM format (DRM_FORMAT_*)
 * @modifier: DRM format modifier: linear or I915_FORMAT_MOD_X_TILED
 * @x_tiled: the surface is X-tiled
 * @cpp: bytes per pixel
 * @width: visible width in pixels
 * @height: visible height in pixels
 * @stride: bytes from one row (linear) or one row of tiles (X) to the next
 * @x_off: first visible column inside the surface (primary)
 * @y_off: first visible row inside the surface (primary)
 * @x_pos: cursor position on the pipe, x (0 when off the left edge)
 * @y_pos: cursor position on the pipe, y (0 when off the top edge)
 * @x_hot: cursor hotspot, x (0 when outside the cursor)
 * @y_hot: cursor hotspot, y (0 when outside the cursor)
 * @gm: GM address of the surface
 * @size: bytes of GM the plane reads from @gm, page aligned
 */
struct mgvt_plane {
	u32 fourcc;
	u64 modifier;
	bool x_tiled;
	u32 cpp;
	u32 width, height;
	u32 stride;
	u32 x_off, y_off;
	u32 x_pos, y_pos;
	u32 x_hot, y_hot;
	u64 gm;
	u64 size;
};

int mgvt_plane_decode(const struct mgvt_plane_regs *r,
		      enum mgvt_plane_kind kind, struct mgvt_plane *p,
		      const char **why);
bool mgvt_plane_same(const struct mgvt_plane *a, const struct mgvt_plane *b);
u64 mgvt_plane_xtile_offset(u32 stride, u32 xbyte, u32 y);

#endif /* MGVT_DISPLAY_PLANE_H */

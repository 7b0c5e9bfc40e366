// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over the plane decode (gvt/display/plane.c): any
 * register values a guest writes for pipe A's primary plane and cursor.
 * Invariants of a plane that decodes: size and offsets within the
 * decode's limits, a visible row inside the stride, a page-aligned size
 * that covers every byte the plane shows (through the X-tile arithmetic
 * when X-tiled) and a page-aligned surface; a cursor's hotspot inside it.
 */
#include "display/plane.h"
#include "fuzz_in.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct mgvt_plane_regs r;
	enum mgvt_plane_kind kind;
	struct mgvt_plane p;
	const char *why;
	u64 last;

	kind = in_u8(&in) & 1 ? MGVT_PLANE_CURSOR : MGVT_PLANE_PRIMARY;
	r.ctl = in_u32(&in);
	r.stride = in_u32(&in);
	r.size = in_u32(&in);
	r.offset = in_u32(&in);
	r.surf = in_u32(&in);
	r.pipesrc = in_u32(&in);
	r.cur_ctl = in_u32(&in);
	r.cur_base = in_u32(&in);
	r.cur_pos = in_u32(&in);
	r.x_hot = in_u32(&in);
	r.y_hot = in_u32(&in);
	if (mgvt_plane_decode(&r, kind, &p, &why))
		return 0;

	FUZZ_CHECK(p.width && p.height && p.width <= MGVT_PLANE_MAX_W &&
		   p.height <= MGVT_PLANE_MAX_H && p.cpp && p.fourcc,
		   "plane %ux%u cpp %u format %#x", p.width, p.height, p.cpp, p.fourcc);
	FUZZ_CHECK(p.size && p.size <= MGVT_PLANE_MAX_BYTES && !(p.size % 4096) && !(p.gm % 4096),
		   "size %#llx at %#llx", (unsigned long long)p.size, (unsigned long long)p.gm);
	FUZZ_CHECK((u64)(p.x_off + p.width) * p.cpp <= p.stride,
		   "row of %u at %u, %u bytes a pixel, in a stride of %u", p.width, p.x_off,
		   p.cpp, p.stride);
	last = p.x_tiled ?
	       mgvt_plane_xtile_offset(p.stride, (p.x_off + p.width) * p.cpp - 1,
				       p.y_off + p.height - 1) :
	       (u64)(p.y_off + p.height - 1) * p.stride + (p.x_off + p.width) * p.cpp - 1;
	FUZZ_CHECK(last < p.size, "last byte shown at %#llx, size %#llx",
		   (unsigned long long)last, (unsigned long long)p.size);
	if (p.x_tiled)
		FUZZ_CHECK(!(p.stride % MGVT_XTILE_W), "X-tiled stride %u", p.stride);
	if (kind == MGVT_PLANE_CURSOR)
		FUZZ_CHECK(p.x_hot < p.width && p.y_hot < p.height && p.width == p.height &&
			   p.stride == p.width * 4, "cursor %u, hotspot %u,%u", p.width,
			   p.x_hot, p.y_hot);
	return 0;
}

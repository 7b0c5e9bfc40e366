// SPDX-License-Identifier: GPL-2.0
/*
 * mgvt-sim blitter: XY_COLOR_BLT and XY_SRC_COPY_BLT on linear 32 bpp
 * surfaces, the work that makes GPU time real and checkable by pixel.
 * Rows are moved in small chunks through the engine's memory path, so a
 * fault stops the blit exactly where hardware would.  A step of the
 * streamer moves at most SIM_CS_STEP_PIXELS pixels; a larger blit stops
 * there and goes on from the same chunk in the next step.
 */
#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/minmax.h>

#include "cs.h"
#include "regs/gpu_cmd.h"

#define BLT_TILED		BIT(11)	/* DW0: destination tiled */
#define BLT_SRC_TILED		BIT(15)	/* DW0: source tiled */
#define CHUNK_PIXELS		64

struct blt_rect {
	int x1, y1, x2, y2;
};

static struct blt_rect blt_rect(u32 tl, u32 br)
{
	return (struct blt_rect) {
		.x1 = FIELD_GET(BLT_X, tl), .y1 = FIELD_GET(BLT_Y, tl),
		.x2 = FIELD_GET(BLT_X, br), .y2 = FIELD_GET(BLT_Y, br),
	};
}

/* 32 bpp and the one raster operation each blit supports. */
static bool br13_ok(u32 br13, u32 rop)
{
	return FIELD_GET(BR13_DEPTH, br13) == BR13_DEPTH_32BPP &&
	       FIELD_GET(BR13_ROP_MASK, br13) == rop;
}

static s16 br13_pitch(u32 br13)
{
	return (s16)FIELD_GET(BR13_PITCH, br13);
}

static u64 blt_addr(u32 lo, u32 hi)
{
	return lo | (u64)FIELD_GET(GFX_ADDR_HI, hi) << 32;
}

/* Blits use the context's PPGTT when it has one, else the GGTT. */
static bool blt_mem(struct sim_cs *cs, u64 addr, void *buf, size_t len,
		    bool write)
{
	enum sim_fault f = sim_mem_access(cs->mem, cs->pml4, addr, buf, len,
					  write);

	if (f)
		cs->fault = f;
	return !f;
}

/*
 * The next chunk of a @w x @h rectangle, in rows from the top and chunks
 * from the left, starting where the last step stopped: its position in *@x,
 * *@y and its width, or 0 when the rectangle is done (*@more false) or the
 * step has moved its share of pixels (*@more true).
 */
static int blt_chunk(struct sim_cs *cs, int w, int h, int *x, int *y,
		     bool *more)
{
	int n;

	if (cs->blt_col >= w) {
		cs->blt_col = 0;
		cs->blt_row++;
	}
	*more = w > 0 && cs->blt_row < h;
	if (!*more)
		return 0;
	n = min(CHUNK_PIXELS, w - cs->blt_col);
	if (cs->step_pixels + n > SIM_CS_STEP_PIXELS)
		return 0;
	*x = cs->blt_col;
	*y = cs->blt_row;
	return n;
}

/* @n pixels of the chunk blt_chunk() gave were moved. */
static void blt_advance(struct sim_cs *cs, int n, u64 *bytes)
{
	cs->blt_col += n;
	cs->step_pixels += n;
	*bytes += 4 * n;
}

/**
 * sim_blt_color - XY_COLOR_BLT: fill a rectangle with one colour
 * @cs: the blitter's streamer state (@cs->blt_row, @cs->blt_col: progress)
 * @dw: the command (7 dwords)
 * @bytes: incremented by the bytes written
 * @more: set when the step's pixels ran out before the rectangle did
 *
 * Return: SIM_CS_ERR_NONE, SIM_CS_ERR_FAULT or SIM_CS_ERR_UNSUPPORTED.
 */
enum sim_cs_error sim_blt_color(struct sim_cs *cs, const u32 *dw, u64 *bytes,
				bool *more)
{
	struct blt_rect r = blt_rect(dw[2], dw[3]);
	s16 pitch = br13_pitch(dw[1]);
	u64 base = blt_addr(dw[4], dw[5]);
	u32 chunk[CHUNK_PIXELS];
	int x, y, i, n;

	*more = false;
	if ((dw[0] & BLT_TILED) || !br13_ok(dw[1], ROP_PATCOPY))
		return SIM_CS_ERR_UNSUPPORTED;
	for (i = 0; i < CHUNK_PIXELS; i++)
		chunk[i] = dw[6];

	while ((n = blt_chunk(cs, r.x2 - r.x1, r.y2 - r.y1, &x, &y, more))) {
		u64 addr = base + (s64)(r.y1 + y) * pitch + 4 * (r.x1 + x);

		if (!blt_mem(cs, addr, chunk, 4 * n, true))
			return SIM_CS_ERR_FAULT;
		blt_advance(cs, n, bytes);
	}
	return SIM_CS_ERR_NONE;
}

/**
 * sim_blt_copy - XY_SRC_COPY_BLT: copy a rectangle
 * @cs: the blitter's streamer state (@cs->blt_row, @cs->blt_col: progress)
 * @dw: the command (10 dwords)
 * @bytes: incremented by the bytes written
 * @more: set when the step's pixels ran out before the rectangle did
 *
 * Rows are copied top to bottom, left to right; overlapping source and
 * destination are not special-cased.
 *
 * Return: SIM_CS_ERR_NONE, SIM_CS_ERR_FAULT or SIM_CS_ERR_UNSUPPORTED.
 */
enum sim_cs_error sim_blt_copy(struct sim_cs *cs, const u32 *dw, u64 *bytes,
			       bool *more)
{
	struct blt_rect r = blt_rect(dw[2], dw[3]);
	struct blt_rect s = blt_rect(dw[6], dw[6]);
	s16 dpitch = br13_pitch(dw[1]), spitch = (s16)FIELD_GET(BR13_PITCH, dw[7]);
	u64 dbase = blt_addr(dw[4], dw[5]), sbase = blt_addr(dw[8], dw[9]);
	u32 chunk[CHUNK_PIXELS];
	int x, y, n;

	*more = false;
	if ((dw[0] & (BLT_TILED | BLT_SRC_TILED)) || !br13_ok(dw[1], ROP_SRCCOPY))
		return SIM_CS_ERR_UNSUPPORTED;

	while ((n = blt_chunk(cs, r.x2 - r.x1, r.y2 - r.y1, &x, &y, more))) {
		u64 src = sbase + (s64)(s.y1 + y) * spitch + 4 * (s.x1 + x);
		u64 dst = dbase + (s64)(r.y1 + y) * dpitch + 4 * (r.x1 + x);

		if (!blt_mem(cs, src, chunk, 4 * n, false) ||
		    !blt_mem(cs, dst, chunk, 4 * n, true))
			return SIM_CS_ERR_FAULT;
		blt_advance(cs, n, bytes);
	}
	return SIM_CS_ERR_NONE;
}

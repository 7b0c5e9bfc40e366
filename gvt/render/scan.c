// SPDX-License-Identifier: GPL-2.0
/*
 * The command scanner (see scan.h), driven by the table and register
 * lists of render/cmd_table.c.
 *
 * A buffer is walked command by command as the engine would fetch it; a
 * command passes when the table knows it, the engine may run it, its
 * length is one of its valid lengths and fits the buffer, no refused bit
 * is set, every register it names is on the engine's list for that use,
 * and every GGTT range it reads or writes passes the caller's gm_ok().
 * Where the scanner has a choice it refuses:
 *
 * - MI_BATCH_BUFFER_END in a ring: the engine ignores it, i915 never
 *   emits it; refused rather than leave its meaning to the engine.  In the
 *   indirect context batch too (it runs to its size).
 * - PIPE_CONTROL with its "write a register" post-sync bit: refused (the
 *   register would be the address dword; i915 does not use it on Gen9).
 * - A second-level MI_BATCH_BUFFER_START from a ring or a second-level
 *   batch, any MI_BATCH_BUFFER_START from the indirect context batch, and
 *   a GGTT batch started from a PPGTT batch (Gen9 would run it
 *   non-privileged anyway; i915 never does it).
 * - Tiled blits: the rectangle's bytes depend on the tiling.
 * - MI_LOAD_REGISTER_IMM header bits beyond the length and FORCE_POSTED.
 *
 * A context image is a program of MI_LOAD_REGISTER_IMM the engine runs at
 * restore: its headers are checked as much as its registers, and the
 * ring-context registers (whose values the caller owns) must sit at their
 * fixed dwords, so the caller patches them where the engine reads them.
 */
#include <linux/bitfield.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/minmax.h>

#include "regs/gpu_cmd.h"
#include "regs/regs.h"
#include "render/cmd_table.h"
#include "render/scan.h"

#define LRI_HDR_BITS	(MI_OPCODE_MASK | CMD_LEN_8 | MI_LRI_FORCE_POSTED)

static int refuse(struct mgvt_scan *s, int err, const char *why,
		  const u32 *buf, size_t pos)
{
	s->why = why;
	s->bad_pos = pos;
	s->bad_hdr = buf[pos];
	return err;
}

/* A 48-bit address: bits 31:0 in @dw[0] (low @align bits are flags). */
static u64 cmd_addr(const u32 *dw, u32 align)
{
	return (dw[0] & ~align) | (u64)FIELD_GET(GFX_ADDR_HI, dw[1]) << 32;
}

/* The GGTT range a command's memory descriptor names, if any. */
static bool mem_ok(struct mgvt_scan *s, const struct mgvt_cmd *cmd,
		   const u32 *dw, unsigned int len)
{
	const struct mgvt_cmd_mem *m = &cmd->mem;
	unsigned int op = POST_SYNC_IMM;
	u64 bytes;

	if (!(m->flags & MGVT_MEM_ADDR))
		return true;
	if (m->flags & MGVT_MEM_POST_SYNC) {
		op = FIELD_GET(POST_SYNC_MASK, dw[m->op_dw]);
		if (!op || (dw[m->op_dw] & m->index_bit))
			return true;	/* none, or in the status page */
	}
	if (s->nonpriv || !(dw[m->ggtt_dw] & m->ggtt_bit))
		return true;		/* PPGTT */
	if (m->bytes)
		bytes = m->bytes;
	else if (op != POST_SYNC_IMM)
		bytes = 8;
	else
		bytes = 4 * (len - m->data_dw);
	return s->cb->gm_ok(s->priv, cmd_addr(&dw[m->dw], m->align), bytes);
}

static bool regs_ok(const struct mgvt_scan *s, const struct mgvt_cmd *cmd,
		    const u32 *dw)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cmd->reg); i++) {
		const struct mgvt_cmd_reg *r = &cmd->reg[i];

		if (!r->dw)
			continue;
		if (r->access == MGVT_REG_WRITE ?
		    !mgvt_reg_write_ok(s->engine, dw[r->dw]) :
		    !mgvt_reg_read_ok(s->engine, dw[r->dw]))
			return false;
	}
	return true;
}

/* Bytes per pixel of a blit, from BR13's colour depth. */
static unsigned int blt_cpp(u32 br13)
{
	static const u8 cpp[] = { 1, 2, 2, 4 };

	return cpp[FIELD_GET(BR13_DEPTH, br13)];
}

/*
 * The bytes a @w x @h rectangle at (@x, @y) of a surface at @base with a
 * signed @pitch covers, from its lowest row to its highest.
 */
static bool blt_rect_ok(struct mgvt_scan *s, u64 base, s16 pitch, u32 x,
			u32 y, u32 w, u32 h, unsigned int cpp)
{
	s64 first = (s64)y * pitch, last = (s64)(y + h - 1) * pitch;
	s64 lo = min(first, last) + (s64)cpp * x;
	s64 hi = max(first, last) + (s64)cpp * (x + w);

	if ((s64)base + lo < 0)
		return false;
	return s->cb->gm_ok(s->priv, base + lo, hi - lo);
}

/* XY_COLOR_BLT and XY_SRC_COPY_BLT: their rectangles, through the GGTT. */
static bool blt_ok(struct mgvt_scan *s, const struct mgvt_cmd *cmd,
		   const u32 *dw)
{
	u32 x1 = FIELD_GET(BLT_X, dw[2]), y1 = FIELD_GET(BLT_Y, dw[2]);
	u32 x2 = FIELD_GET(BLT_X, dw[3]), y2 = FIELD_GET(BLT_Y, dw[3]);
	unsigned int cpp = blt_cpp(dw[1]);

	if (s->ppgtt || x2 <= x1 || y2 <= y1)
		return true;	/* not the GGTT, or nothing to draw */
	if (!blt_rect_ok(s, cmd_addr(&dw[4], 0),
			 (s16)FIELD_GET(BR13_PITCH, dw[1]),
			 x1, y1, x2 - x1, y2 - y1, cpp))
		return false;
	if (cmd->kind != MGVT_CMD_BLT_COPY)
		return true;
	return blt_rect_ok(s, cmd_addr(&dw[8], 0),
			   (s16)FIELD_GET(BR13_PITCH, dw[7]),
			   FIELD_GET(BLT_X, dw[6]), FIELD_GET(BLT_Y, dw[6]),
			   x2 - x1, y2 - y1, cpp);
}

static bool lri_ok(const struct mgvt_scan *s, const u32 *dw,
		   unsigned int len)
{
	unsigned int i;

	for (i = 1; i < len; i += 2)
		if (!mgvt_reg_write_ok(s->engine, dw[i]))
			return false;
	return true;
}

/*
 * MI_BATCH_BUFFER_START at @pos: has the batch shadowed and jumps to the
 * shadow.  Returns 1 when the scan of this buffer ends here (a chain), 0
 * when it goes on after the batch returns, or a negative errno.
 */
static int bb_start(struct mgvt_scan *s, u32 *buf, size_t pos,
		    enum mgvt_scan_level level)
{
	u32 *dw = &buf[pos];
	bool second = dw[0] & MI_BB_SECOND_LEVEL;
	bool ppgtt = dw[0] & MI_BB_PPGTT;
	enum mgvt_scan_level next;
	u64 shadow = 0;
	int ret;

	if (level == MGVT_SCAN_WA)
		return refuse(s, -EACCES, "batch start in the indirect context",
			      buf, pos);
	if (s->nonpriv && !ppgtt)
		return refuse(s, -EACCES, "GGTT batch from a PPGTT batch",
			      buf, pos);
	if (second && level == MGVT_SCAN_RING)
		return refuse(s, -EACCES, "second-level batch from the ring",
			      buf, pos);
	if (second && level == MGVT_SCAN_BB2)
		return refuse(s, -EACCES, "batch start in a second-level batch",
			      buf, pos);
	if (level == MGVT_SCAN_RING)
		next = MGVT_SCAN_BB1;
	else if (second)
		next = MGVT_SCAN_BB2;
	else
		next = level;	/* a chain: the new batch replaces this one */

	ret = s->cb->batch(s->priv, cmd_addr(&dw[1], 3), next, ppgtt, &shadow);
	if (ret)
		return refuse(s, ret, "batch", buf, pos);
	if (!ppgtt) {
		dw[1] = (u32)shadow;
		dw[2] = (u32)(shadow >> 32);
	}
	return level != MGVT_SCAN_RING && !second;
}

/**
 * mgvt_scan_buf - check and patch a buffer an engine will run
 * @s: the scan: engine, callbacks and, on failure, what was refused
 * @buf: the caller's private copy of the buffer
 * @n: its length in dwords
 * @level: where it runs
 *
 * Walks @buf command by command.  MI_USER_INTERRUPT becomes MI_NOOP
 * (counted in @s->user_irqs); each GGTT MI_BATCH_BUFFER_START is handed to
 * @s->cb->batch and patched to jump to the shadow it returns.  A ring or
 * the indirect context batch is scanned to @n; a batch to its
 * MI_BATCH_BUFFER_END or to the MI_BATCH_BUFFER_START that chains it to
 * the next.  On failure @s->why, @s->bad_pos and @s->bad_hdr say what was
 * refused, and @buf may have been patched up to there.
 *
 * Return: the dwords that run (@n for a ring or the indirect context; up
 * to and including the command that ends a batch), or -EACCES (a command
 * or register not allowed, a GGTT range outside the vGPU), -EINVAL (a bad
 * or truncated length), -ENOSPC (a batch without an end), or the error
 * of @s->cb->batch.
 */
int mgvt_scan_buf(struct mgvt_scan *s, u32 *buf, size_t n,
		  enum mgvt_scan_level level)
{
	bool batch = level == MGVT_SCAN_BB1 || level == MGVT_SCAN_BB2;
	size_t pos = 0;
	int ret;

	if (n > INT_MAX || s->engine >= MGVT_NUM_ENGINES) {
		s->why = "bad scan";
		s->bad_pos = 0;
		s->bad_hdr = 0;
		return -EINVAL;
	}
	while (pos < n) {
		const struct mgvt_cmd *cmd = mgvt_cmd_find(buf[pos]);
		u32 *dw = &buf[pos];
		unsigned int len;

		if (!cmd)
			return refuse(s, -EACCES, "unknown command", buf, pos);
		if (cmd->kind == MGVT_CMD_REFUSED)
			return refuse(s, -EACCES, "command refused", buf, pos);
		if (!(cmd->engines & BIT(s->engine)))
			return refuse(s, -EACCES, "command not for this engine",
				      buf, pos);
		len = mgvt_cmd_len(cmd, dw[0]);
		if (len < cmd->min_len || len > cmd->max_len)
			return refuse(s, -EINVAL, "bad command length", buf, pos);
		if (len > n - pos)
			return refuse(s, -EINVAL, "truncated command", buf, pos);
		if (dw[cmd->deny_dw] & cmd->deny_bits)
			return refuse(s, -EACCES, cmd->deny_why, buf, pos);

		switch (cmd->kind) {
		case MGVT_CMD_USER_INT:
			dw[0] = MI_NOOP;
			s->user_irqs++;
			break;
		case MGVT_CMD_BB_END:
			if (!batch)
				return refuse(s, -EACCES,
					      "batch end outside a batch", buf,
					      pos);
			s->cmds++;
			return pos + len;
		case MGVT_CMD_BB_START:
			ret = bb_start(s, buf, pos, level);
			if (ret < 0)
				return ret;
			if (ret) {
				s->cmds++;
				return pos + len;
			}
			break;
		case MGVT_CMD_LRI:
			if (dw[0] & ~LRI_HDR_BITS)
				return refuse(s, -EACCES, "LRI header bits", buf,
					      pos);
			if (!(len & 1))
				return refuse(s, -EINVAL, "LRI length", buf, pos);
			if (!lri_ok(s, dw, len))
				return refuse(s, -EACCES, "register not allowed",
					      buf, pos);
			break;
		case MGVT_CMD_BLT_FILL:
		case MGVT_CMD_BLT_COPY:
			if (!blt_ok(s, cmd, dw))
				return refuse(s, -EACCES,
					      "blit outside the vGPU's GM", buf,
					      pos);
			break;
		default:
			break;
		}
		if (!regs_ok(s, cmd, dw))
			return refuse(s, -EACCES, "register not allowed", buf,
				      pos);
		if (!mem_ok(s, cmd, dw, len))
			return refuse(s, -EACCES, "GGTT address outside the vGPU",
				      buf, pos);
		s->cmds++;
		pos += len;
	}
	if (batch) {
		s->why = "batch has no end";
		s->bad_pos = n;
		s->bad_hdr = 0;
		return -ENOSPC;
	}
	return n;
}

static int image_refuse(const char **why, const char *what, int err)
{
	*why = what;
	return err;
}

/* The register/value pair at @state[@k] of an image's LRI. */
static int image_pair(unsigned int engine, u32 *state, size_t k, u64 *seen,
		      const char **why)
{
	const struct mgvt_reg_list *list = &mgvt_image_regs;
	const struct mgvt_reg_range *r = NULL;

	if (!(state[k] & 3))
		r = mgvt_reg_find(list, engine, state[k]);
	if (!r)
		return image_refuse(why, "image: register not allowed",
				    -EACCES);
	if (r->flags & MGVT_REG_SLOT) {
		if (k + 1 != r->slot)
			return image_refuse(why, "image: ring context moved",
					    -EACCES);
		*seen |= BIT_ULL(r - list->regs);
	}
	if (state[k] == gen9_engine_base(engine) + RING_MI_MODE)
		state[k + 1] = (state[k + 1] |
				MASKED_DISABLE(MI_MODE_STOP_RING)) &
			       ~MI_MODE_STOP_RING;
	return 0;
}

/**
 * mgvt_scan_image - check the register state page of a context image
 * @engine: the engine it will be restored on
 * @state: the caller's private copy of the page
 * @n: its length in dwords (1024)
 * @why: on failure, a static string naming what was refused
 *
 * Walks @state as the engine restores it: from dword 0, zero dwords are
 * MI_NOOP, MI_LOAD_REGISTER_IMM headers (FORCE_POSTED allowed) are
 * followed by their pairs, and the program ends at MI_BATCH_BUFFER_END or
 * at the end of the page.  Every register must be on the engine's image
 * list, each ring-context register (ring, batch state, indirect context,
 * context timestamp, PDPs) must sit at its Gen9 dword and no ring-context
 * register may be missing, so the caller can overwrite the values it owns
 * at their LRC_* dwords.  RING_MI_MODE's value is forced to clear
 * STOP_RING.
 *
 * Return: 0, -EACCES (anything but NOOPs and LRIs, a register not allowed
 * or out of place, an incomplete ring context) or -EINVAL (an LRI of an
 * even length or running past the page, a bad engine).
 */
int mgvt_scan_image(unsigned int engine, u32 *state, size_t n,
		    const char **why)
{
	const struct mgvt_reg_list *list = &mgvt_image_regs;
	u64 seen = 0, slots = 0;
	size_t i = 0, k;
	unsigned int e;
	int ret;

	if (engine >= MGVT_NUM_ENGINES || list->n > 64)
		return image_refuse(why, "bad image scan", -EINVAL);
	while (i < n) {
		u32 hdr = state[i];
		size_t len;

		if (!hdr) {
			i++;
			continue;
		}
		if (hdr == MI_BATCH_BUFFER_END)
			break;
		if ((hdr & MI_OPCODE_MASK) != MI_LOAD_REGISTER_IMM ||
		    (hdr & ~LRI_HDR_BITS))
			return image_refuse(why, "image: not an LRI program",
					    -EACCES);
		len = (hdr & CMD_LEN_8) + CMD_LEN_BIAS;
		if (!(len & 1))
			return image_refuse(why, "image: LRI length", -EINVAL);
		if (len > n - i)
			return image_refuse(why, "image: LRI past the page",
					    -EINVAL);
		for (k = i + 1; k < i + len; k += 2) {
			ret = image_pair(engine, state, k, &seen, why);
			if (ret)
				return ret;
		}
		i += len;
	}
	for (e = 0; e < list->n; e++)
		if ((list->regs[e].flags & MGVT_REG_SLOT) &&
		    (list->regs[e].engines & BIT(engine)))
			slots |= BIT_ULL(e);
	if (seen != slots)
		return image_refuse(why, "image: ring context incomplete",
				    -EACCES);
	return 0;
}

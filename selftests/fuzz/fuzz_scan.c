// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over the command scanner (gvt/render/scan.c) and its
 * table (gvt/render/cmd_table.c).  The first input byte picks the engine,
 * the level, whether blits go through a PPGTT, whether the batch callback
 * fails, and whether the rest is a buffer of commands or a context image's
 * register page; the rest is the dwords (at most 1024), in a heap block of
 * exactly their size so ASan sees any read outside them.
 *
 * Invariant: whatever the scanner accepts, walking it again, with a
 * decoder of this file's own that reads commands as mgvt-sim executes
 * them, finds only commands of the table allowed on the engine, at valid
 * lengths, no MI_USER_INTERRUPT left, no batch start the level forbids
 * and every accepted one jumping to the shadow, registers written only
 * where the engine's write list and a list of never-writable registers
 * of this file's own allow, registers read only on the read lists, and
 * every GGTT byte the sim would touch inside the vGPU's GM.  An accepted
 * image is NOOPs and LRIs of the engine's own image registers, with the
 * ring context at i915's dwords and STOP_RING clear.  A refusal names a
 * reason and a position inside the buffer.
 */
#include <string.h>

#include "regs/gpu_cmd.h"
#include "regs/regs.h"
#include "render/cmd_table.h"
#include "render/scan.h"
#include "fuzz_in.h"

#define MAX_DW		1024
#define GM_LO		0x00100000ULL	/* the vGPU's GM */
#define GM_HI		0x00200000ULL
#define SHADOW		(GM_LO + 0x1000)

static struct {
	bool batch_fails;
	unsigned int batches;
} v;

static bool gm_ok(void *priv, u64 gm, u64 len)
{
	return gm >= GM_LO && gm < GM_HI && len && len <= GM_HI - gm;
}

static int batch(void *priv, u64 gm, enum mgvt_scan_level level, bool ppgtt,
		 u64 *shadow)
{
	v.batches++;
	if (v.batch_fails)
		return -EFAULT;
	if (level != MGVT_SCAN_BB1 && level != MGVT_SCAN_BB2)
		fuzz_fail("batch at level %d", level);
	*shadow = ppgtt ? gm : SHADOW;
	return 0;
}

static const struct mgvt_scan_ops ops = { gm_ok, batch };

/* ---- this file's own view of the rules ---- */

static u64 addr(u32 lo, u32 hi, u32 align)
{
	return (lo & ~align) | (u64)(hi & 0xffff) << 32;
}

/* The buffer is a PPGTT batch: Gen9 ignores its GGTT bits. */
static bool nonpriv;

static void ggtt(const char *what, u64 a, u64 len, size_t pos)
{
	if (!nonpriv && !gm_ok(NULL, a, len))
		fuzz_fail("%s at dword %zu accepted with GGTT [%#llx, +%#llx)",
			  what, pos, a, len);
}

/* Never writable by any command, whatever the lists say. */
static bool never(unsigned int e, u32 reg)
{
	static const u32 rcs_ok[] = { 0x2088, 0x2090, 0x2580 };
	unsigned int o, i;

	if (reg >= 0x100000 || reg == GDRST || (reg >= 0x44000 && reg < 0x45000) ||
	    (reg >= 0xa000 && reg < 0xa300) || (reg >= 0x4000 && reg < 0x5000))
		return true;
	for (o = 0; o < MGVT_NUM_ENGINES; o++) {
		u32 b = gen9_engine_base(o);

		if (reg < b || reg >= b + 0x800)
			continue;
		if (o == e && reg >= b + 0x600 && reg < b + 0x680)
			return false;	/* its GPRs */
		for (i = 0; i < ARRAY_SIZE(rcs_ok); i++)
			if (!e && reg == rcs_ok[i])
				return false;
		return true;
	}
	return false;
}

static void reg_write(unsigned int e, u32 reg, size_t pos)
{
	if (reg >= 0x200000 || never(e, reg & ~3U) ||
	    !mgvt_reg_write_ok(e, reg))
		fuzz_fail("%s may not write %#x (dword %zu)",
			  gen9_engine_name(e), reg, pos);
}

static void reg_read(unsigned int e, u32 reg, size_t pos)
{
	u32 b = gen9_engine_base(e);

	if (reg >= 0x200000 || !mgvt_reg_read_ok(e, reg) ||
	    ((reg < b || reg >= b + 0x800) && !mgvt_reg_write_ok(e, reg)))
		fuzz_fail("%s may not read %#x (dword %zu)",
			  gen9_engine_name(e), reg, pos);
}

/* The GGTT rows of a 32 bpp blit, as sim/blt.c walks them. */
static void blt_rows(const char *what, u64 base, s16 pitch, u32 tl, u32 w,
		     u32 h, size_t pos)
{
	u32 x = tl & 0xffff, y = tl >> 16;
	u64 first = base + (s64)y * pitch + 4 * x;
	u64 last = base + (s64)(y + h - 1) * pitch + 4 * x;

	ggtt(what, first, 4ULL * w, pos);
	ggtt(what, last, 4ULL * w, pos);
}

static void blt(const u32 *dw, bool copy, bool ppgtt, size_t pos)
{
	u32 x1 = dw[2] & 0xffff, y1 = dw[2] >> 16;
	u32 x2 = dw[3] & 0xffff, y2 = dw[3] >> 16;

	if (dw[0] & (XY_DST_TILED | (copy ? XY_SRC_TILED : 0)))
		fuzz_fail("tiled blit accepted at dword %zu", pos);
	if (ppgtt || x2 <= x1 || y2 <= y1 ||
	    ((dw[1] >> 24) & 3) != BR13_DEPTH_32BPP)
		return;		/* not the GGTT, or the sim moves nothing */
	blt_rows("blit destination", addr(dw[4], dw[5], 0), (s16)dw[1],
		 dw[2], x2 - x1, y2 - y1, pos);
	if (copy)
		blt_rows("blit source", addr(dw[8], dw[9], 0), (s16)dw[7],
			 dw[6], x2 - x1, y2 - y1, pos);
}

/* Post-sync writes as sim/cs.c makes them. */
static void post_sync(unsigned int op, bool index, bool is_ggtt, u32 lo,
		      u32 hi, u64 imm_bytes, size_t pos)
{
	if (index || !is_ggtt)
		return;
	if (op == POST_SYNC_TIMESTAMP)
		ggtt("post-sync timestamp", addr(lo, hi, 7), 8, pos);
	else if (op == POST_SYNC_IMM)
		ggtt("post-sync write", addr(lo, hi, 7), imm_bytes, pos);
}

static void rewalk(const struct mgvt_scan *s, const u32 *orig, const u32 *buf,
		   size_t n, enum mgvt_scan_level level, int ret)
{
	bool in_batch = level == MGVT_SCAN_BB1 || level == MGVT_SCAN_BB2;
	unsigned int e = s->engine;
	size_t pos = 0, i;
	unsigned long cmds = 0;
	unsigned int irqs = 0;

	if (ret > (int)n || (!in_batch && ret != (int)n))
		fuzz_fail("accepted %d of %zu dwords at level %d", ret, n, level);
	while (pos < (size_t)ret) {
		const struct mgvt_cmd *cmd = mgvt_cmd_find(buf[pos]);
		const u32 *dw = &buf[pos];
		u32 op = dw[0] & MI_OPCODE_MASK;
		unsigned int len;
		bool last;

		if (!cmd || cmd->kind == MGVT_CMD_REFUSED ||
		    !(cmd->engines & BIT(e)))
			fuzz_fail("%#x at dword %zu accepted on %s", dw[0], pos,
				  gen9_engine_name(e));
		len = mgvt_cmd_len(cmd, dw[0]);
		if (len < cmd->min_len || len > cmd->max_len || len > ret - pos)
			fuzz_fail("%s of %u dwords at %zu accepted", cmd->name,
				  len, pos);
		last = pos + len == (size_t)ret;
		cmds++;
		if (orig[pos] != buf[pos] &&
		    !((orig[pos] & MI_OPCODE_MASK) == MI_USER_INTERRUPT &&
		      buf[pos] == MI_NOOP))
			fuzz_fail("header at %zu changed: %#x -> %#x", pos,
				  orig[pos], buf[pos]);
		if (orig[pos] != buf[pos])
			irqs++;
		for (i = 1; i < len; i++)
			if (orig[pos + i] != dw[i] &&
			    !(op == MI_BATCH_BUFFER_START && i < 3))
				fuzz_fail("dword %zu changed", pos + i);

		if (cmd->opcode == MI_USER_INTERRUPT)
			fuzz_fail("MI_USER_INTERRUPT left at %zu", pos);
		if (cmd->opcode == MI_BATCH_BUFFER_END &&
		    (!in_batch || !last))
			fuzz_fail("BBE at %zu accepted at level %d", pos, level);
		if (cmd->opcode == MI_BATCH_BUFFER_START) {
			bool second = dw[0] & MI_BB_SECOND_LEVEL;

			bool ppgtt = dw[0] & MI_BB_PPGTT;

			if (level == MGVT_SCAN_WA || (nonpriv && !ppgtt) ||
			    (second && level != MGVT_SCAN_BB1))
				fuzz_fail("batch start at %zu accepted at level %d",
					  pos, level);
			if (!ppgtt && (addr(dw[1], dw[2], 0) != SHADOW || dw[2] >> 16))
				fuzz_fail("batch start at %zu not patched", pos);
			if (ppgtt && (dw[1] != orig[pos + 1] || dw[2] != orig[pos + 2]))
				fuzz_fail("PPGTT batch start at %zu patched", pos);
			if (in_batch && !second && !last)
				fuzz_fail("the scan went on after a chain at %zu",
					  pos);
		}
		if (op == MI_LOAD_REGISTER_IMM) {
			if (!(len & 1) || dw[0] & ~(MI_OPCODE_MASK | 0xff |
						    MI_LRI_FORCE_POSTED))
				fuzz_fail("LRI header %#x accepted", dw[0]);
			for (i = 1; i < len; i += 2)
				reg_write(e, dw[i], pos + i);
		}
		if (op == MI_LOAD_REGISTER_MEM)
			reg_write(e, dw[1], pos + 1);
		if (op == MI_LOAD_REGISTER_REG) {
			reg_read(e, dw[1], pos + 1);
			reg_write(e, dw[2], pos + 2);
		}
		if (op == MI_STORE_REGISTER_MEM)
			reg_read(e, dw[1], pos + 1);
		if ((op == MI_STORE_REGISTER_MEM || op == MI_LOAD_REGISTER_MEM ||
		     op == MI_SEMAPHORE_WAIT) && (dw[0] & MI_USE_GGTT))
			ggtt("SRM/LRM/MI_SEMAPHORE_WAIT", addr(dw[2], dw[3], 3), 4,
			     pos);
		if (op == MI_STORE_DWORD_IMM && (dw[0] & MI_USE_GGTT))
			ggtt("SDI", addr(dw[1], dw[2], 3), 4 * (len - 3), pos);
		if (op == MI_FLUSH_DW)
			post_sync((dw[0] >> POST_SYNC_SHIFT) & 3,
				  dw[0] & MI_FLUSH_STORE_INDEX,
				  dw[1] & MI_FLUSH_ADDR_GGTT, dw[1], dw[2],
				  len > 4 ? 8 : 4, pos);
		if ((dw[0] & GFX_OPCODE_MASK) == PIPE_CONTROL) {
			if (dw[1] & PC_MMIO_WRITE)
				fuzz_fail("PIPE_CONTROL register write accepted");
			post_sync((dw[1] >> POST_SYNC_SHIFT) & 3,
				  dw[1] & PC_STORE_INDEX, dw[1] & PC_ADDR_GGTT,
				  dw[2], dw[3], 8, pos);
		}
		if ((dw[0] & BLT_OPCODE_MASK) == XY_COLOR_BLT)
			blt(dw, false, s->ppgtt, pos);
		if ((dw[0] & BLT_OPCODE_MASK) == XY_SRC_COPY_BLT)
			blt(dw, true, s->ppgtt, pos);
		pos += len;
	}
	if (in_batch && ret > 0) {
		/* It ended: at a BBE or a chain (checked above). */
		size_t p = 0, prev = 0;

		while (p < (size_t)ret) {
			prev = p;
			p += mgvt_cmd_len(mgvt_cmd_find(buf[p]), buf[p]);
		}
		if ((buf[prev] & MI_OPCODE_MASK) != MI_BATCH_BUFFER_END &&
		    ((buf[prev] & MI_OPCODE_MASK) != MI_BATCH_BUFFER_START ||
		     (buf[prev] & MI_BB_SECOND_LEVEL)))
			fuzz_fail("a batch accepted without an end");
	}
	if (in_batch && !ret)
		fuzz_fail("an empty batch accepted");
	if (cmds != s->cmds || irqs != s->user_irqs)
		fuzz_fail("counted %lu commands, %u irqs; walked %lu, %u",
			  s->cmds, s->user_irqs, cmds, irqs);
}

/* The ring-context registers and the dwords of their values. */
static const struct { u32 reg; unsigned int slot; } ring_ctx[] = {
	{ RING_CONTEXT_CONTROL, LRC_CTX_CONTROL }, { RING_HEAD, LRC_RING_HEAD },
	{ RING_TAIL, LRC_RING_TAIL }, { RING_START, LRC_RING_START },
	{ RING_CTL, LRC_RING_CTL }, { RING_BB_ADDR_UDW, LRC_BB_ADDR_UDW },
	{ RING_BB_ADDR, LRC_BB_ADDR }, { RING_BB_STATE, LRC_BB_STATE },
	{ RING_SBB_ADDR_UDW, LRC_SBB_ADDR_UDW }, { RING_SBB_ADDR, LRC_SBB_ADDR },
	{ RING_SBB_STATE, LRC_SBB_STATE },
	{ RING_BB_PER_CTX_PTR, LRC_BB_PER_CTX_PTR },
	{ RING_INDIRECT_CTX, LRC_INDIRECT_CTX },
	{ RING_INDIRECT_CTX_OFFSET, LRC_INDIRECT_CTX_OFFSET },
	{ RING_CTX_TIMESTAMP, LRC_CTX_TIMESTAMP },
	{ RING_PDP_UDW(3), LRC_PDP_UDW(3) }, { RING_PDP_LDW(3), LRC_PDP_LDW(3) },
	{ RING_PDP_UDW(2), LRC_PDP_UDW(2) }, { RING_PDP_LDW(2), LRC_PDP_LDW(2) },
	{ RING_PDP_UDW(1), LRC_PDP_UDW(1) }, { RING_PDP_LDW(1), LRC_PDP_LDW(1) },
	{ RING_PDP_UDW(0), LRC_PDP_UDW(0) }, { RING_PDP_LDW(0), LRC_PDP_LDW(0) },
};

static void rewalk_image(unsigned int e, const u32 *st, size_t n)
{
	static bool is_reg[MAX_DW];
	u32 base = gen9_engine_base(e);
	size_t i = 0, k;

	memset(is_reg, 0, sizeof(is_reg));
	while (i < n && st[i] != MI_BATCH_BUFFER_END) {
		u32 hdr = st[i];
		size_t len;

		if (!hdr) {
			i++;
			continue;
		}
		if ((hdr & MI_OPCODE_MASK) != MI_LOAD_REGISTER_IMM ||
		    (hdr & ~(MI_OPCODE_MASK | 0xff | MI_LRI_FORCE_POSTED)))
			fuzz_fail("image dword %zu: %#x accepted", i, hdr);
		len = (hdr & 0xff) + 2;
		if (!(len & 1) || len > n - i)
			fuzz_fail("image LRI of %zu dwords at %zu accepted", len, i);
		for (k = i + 1; k < i + len; k += 2) {
			u32 reg = st[k];

			if (reg < base || reg >= base + 0x800 || (reg & 3) ||
			    !mgvt_reg_find(&mgvt_image_regs, e, reg))
				fuzz_fail("image register %#x accepted on %s", reg,
					  gen9_engine_name(e));
			if (reg == base + RING_MI_MODE &&
			    ((st[k + 1] & MI_MODE_STOP_RING) ||
			     !(st[k + 1] & MASKED_DISABLE(MI_MODE_STOP_RING))))
				fuzz_fail("MI_MODE %#x left in the image", st[k + 1]);
			is_reg[k] = true;
		}
		i += len;
	}
	for (k = 0; k < ARRAY_SIZE(ring_ctx); k++)
		if (ring_ctx[k].slot >= n || !is_reg[ring_ctx[k].slot - 1] ||
		    st[ring_ctx[k].slot - 1] != base + ring_ctx[k].reg)
			fuzz_fail("image accepted without %#x at dword %u",
				  ring_ctx[k].reg, ring_ctx[k].slot - 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	u8 mode = in_u8(&in);
	unsigned int e = mode & 3;
	enum mgvt_scan_level level = (mode >> 2) & 3;
	size_t n = min_t(size_t, in.n / 4, MAX_DW), i;
	struct mgvt_scan s = {
		.engine = e, .cb = &ops, .ppgtt = mode & BIT(4),
		.nonpriv = mode & BIT(7),
	};
	u32 *orig = malloc(4 * n + 1), *buf = malloc(4 * n + 1);
	int ret;

	for (i = 0; i < n; i++)
		orig[i] = in_u32(&in);
	memcpy(buf, orig, 4 * n);
	memset(&v, 0, sizeof(v));
	v.batch_fails = mode & BIT(5);
	nonpriv = s.nonpriv;

	if (mode & BIT(6)) {
		const char *why = NULL;

		ret = mgvt_scan_image(e, buf, n, &why);
		if (ret && ret != -EACCES && ret != -EINVAL)
			fuzz_fail("image scan returned %d", ret);
		if (ret && !why)
			fuzz_fail("image refused without a reason");
		if (!ret)
			rewalk_image(e, buf, n);
		for (i = 0; !ret && i < n; i++)
			if (buf[i] != orig[i] && (i < 1 || buf[i - 1] !=
						  gen9_engine_base(e) + RING_MI_MODE))
				fuzz_fail("image dword %zu changed", i);
	} else {
		ret = mgvt_scan_buf(&s, buf, n, level);
		if (ret < 0) {
			if (!s.why || s.bad_pos > n ||
			    (s.bad_pos < n && s.bad_hdr != buf[s.bad_pos]))
				fuzz_fail("refused (%d) without a reason or position",
					  ret);
			if (ret != -EACCES && ret != -EINVAL &&
			    ret != -EOPNOTSUPP && ret != -ENOSPC &&
			    !(ret == -EFAULT && v.batch_fails))
				fuzz_fail("scan returned %d", ret);
		} else {
			rewalk(&s, orig, buf, n, level, ret);
		}
	}
	free(orig);
	free(buf);
	return 0;
}

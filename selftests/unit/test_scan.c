// SPDX-License-Identifier: GPL-2.0
/*
 * The command scanner (gvt/render/scan.c) and its table
 * (gvt/render/cmd_table.c) against a fake vGPU whose GM is one window:
 * every command of the table in a valid form, accepted on its engines and
 * refused on the others; the register lists (privileged registers, other
 * engines, offsets beyond the register file); every GGTT range a command
 * uses, blits with negative pitches included; truncated and badly sized
 * commands; batch levels, chaining and second-level batches; user
 * interrupts; what a Gen9 i915 guest really emits; and context images as
 * i915, the native client and the sim lay them out, rewritten by a
 * hostile guest.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/kernel.h>

#include "regs/gpu_cmd.h"
#include "regs/regs.h"
#include "render/cmd_table.h"
#include "render/scan.h"
#include "tap.h"

#define GM_LO		0x00400000ULL	/* the vGPU's GM: [GM_LO, GM_HI) */
#define GM_HI		0x00800000ULL
#define SHADOW		0x0000000123456000ULL
#define MAXDW		1024
#define LRC_DW		1024

/* ---- the fake vGPU ---- */

static struct {
	unsigned int gm_calls;
	u64 gm, len;			/* the last range asked about */
	unsigned int batches;
	u64 batch_gm[8];
	enum mgvt_scan_level batch_level[8];
	int batch_err;
	/* when set, batch() scans this buffer at the level it is given */
	u32 *nested;
	size_t nested_n;
	int nested_ret;
	unsigned int ppgtt_batches;
} v;

/* The next scan() runs a PPGTT batch (non-privileged). */
static bool nonpriv;

static bool gm_ok(void *priv, u64 gm, u64 len)
{
	v.gm_calls++;
	v.gm = gm;
	v.len = len;
	return gm >= GM_LO && gm < GM_HI && len && len <= GM_HI - gm;
}

static int batch(void *priv, u64 gm, enum mgvt_scan_level level, bool ppgtt,
		 u64 *shadow)
{
	struct mgvt_scan *s = priv;

	v.ppgtt_batches += ppgtt;
	if (v.batches < 8) {
		v.batch_gm[v.batches] = gm;
		v.batch_level[v.batches] = level;
	}
	v.batches++;
	if (v.batch_err)
		return v.batch_err;
	if (v.nested) {
		u32 *buf = v.nested;

		v.nested = NULL;
		v.nested_ret = mgvt_scan_buf(s, buf, v.nested_n, level);
		if (v.nested_ret < 0)
			return v.nested_ret;
	}
	*shadow = ppgtt ? gm : SHADOW + 0x1000 * v.batches;
	return 0;
}

static const struct mgvt_scan_ops ops = { gm_ok, batch };
static struct mgvt_scan s;

static int scan(unsigned int engine, enum mgvt_scan_level level, u32 *buf,
		size_t n)
{
	memset(&v, 0, sizeof(v));
	memset(&s, 0, sizeof(s));
	s.engine = engine;
	s.cb = &ops;
	s.priv = &s;
	s.nonpriv = nonpriv;
	nonpriv = false;
	return mgvt_scan_buf(&s, buf, n, level);
}

/* Scan a copy, so a test can rescan the same words. */
static int scan_copy(unsigned int engine, enum mgvt_scan_level level,
		     const u32 *words, size_t n)
{
	u32 buf[MAXDW];

	memcpy(buf, words, 4 * n);
	return scan(engine, level, buf, n);
}

static u32 base(unsigned int e) { return gen9_engine_base(e); }
static u32 gpr(unsigned int e) { return base(e) + 0x600; }

/* ---- a valid form of every command of the table ---- */

/*
 * Build @cmd in a valid form for engine @e, with its GGTT range at
 * GM_LO: returns its length, 0 for a refused entry.
 */
static unsigned int valid_form(const struct mgvt_cmd *cmd, unsigned int e,
			       u32 *dw)
{
	unsigned int len = cmd->min_len, i;

	if (cmd->kind == MGVT_CMD_REFUSED)
		return 0;
	memset(dw, 0, 4 * len);
	dw[0] = cmd->opcode;
	if (cmd->len_mask)
		dw[0] |= len - CMD_LEN_BIAS;
	for (i = 0; i < 2; i++)
		if (cmd->reg[i].dw)
			dw[cmd->reg[i].dw] = gpr(e);
	if (cmd->mem.flags & MGVT_MEM_ADDR) {
		dw[cmd->mem.dw] = (u32)GM_LO;
		dw[cmd->mem.ggtt_dw] |= cmd->mem.ggtt_bit;
		if (cmd->mem.flags & MGVT_MEM_POST_SYNC)
			dw[cmd->mem.op_dw] |= POST_SYNC_IMM << POST_SYNC_SHIFT;
	}
	switch (cmd->kind) {
	case MGVT_CMD_LRI:
		dw[1] = gpr(e);
		dw[2] = 0x1234;
		break;
	case MGVT_CMD_BB_START:
		dw[1] = (u32)GM_LO;
		break;
	case MGVT_CMD_BLT_FILL:
	case MGVT_CMD_BLT_COPY:
		dw[1] = BR13_32BPP | 4096 |
			BR13_ROP(cmd->kind == MGVT_CMD_BLT_FILL ?
				 ROP_PATCOPY : ROP_SRCCOPY);
		dw[0] |= BLT_WRITE_RGBA;
		dw[2] = BLT_XY(0, 0);
		dw[3] = BLT_XY(16, 16);
		dw[4] = (u32)GM_LO;
		if (cmd->kind == MGVT_CMD_BLT_COPY) {
			dw[6] = BLT_XY(0, 0);
			dw[7] = 4096;
			dw[8] = (u32)GM_LO + 0x100000;
		}
		break;
	default:
		break;
	}
	return len;
}

static void test_table(void)
{
	unsigned int i, e, n_ok = 0;

	for (i = 0; i < mgvt_cmds_count; i++) {
		const struct mgvt_cmd *cmd = &mgvt_cmds[i];
		bool good = true;
		char verdict[64] = "";

		for (e = 0; e < MGVT_NUM_ENGINES; e++) {
			bool on = cmd->engines & BIT(e) &&
				  cmd->kind != MGVT_CMD_REFUSED;
			u32 buf[MAXDW] = { cmd->opcode };
			unsigned int len = valid_form(cmd, e, buf);
			int want, ret;

			if (!len)
				len = 1;
			/* In a batch, ended by a BBE unless it ends it. */
			buf[len] = MI_BATCH_BUFFER_END;
			want = cmd->kind == MGVT_CMD_BB_END ||
			       cmd->kind == MGVT_CMD_BB_START ? (int)len :
								(int)len + 1;
			ret = scan(e, MGVT_SCAN_BB1, buf, len + 1);
			if (on && ret != want) {
				good = false;
				tap_diag("%s on %s: %d (%s)", cmd->name,
					 gen9_engine_name(e), ret, s.why);
			}
			if (!on && (ret != -EACCES || s.bad_pos)) {
				good = false;
				tap_diag("%s on %s accepted: %d", cmd->name,
					 gen9_engine_name(e), ret);
			}
			if (on && (cmd->mem.flags & MGVT_MEM_ADDR) &&
			    (v.gm_calls != 1 || v.gm != GM_LO)) {
				good = false;
				tap_diag("%s on %s: GGTT address not checked",
					 cmd->name, gen9_engine_name(e));
			}
			if (on) {
				strcat(verdict, gen9_engine_name(e));
				strcat(verdict, " ");
			}
		}
		n_ok += good;
		tap_ok(good, "%s: accepted on %sand refused elsewhere",
		       cmd->name, verdict[0] ? verdict : "none ");
	}
	tap_ok(n_ok == mgvt_cmds_count, "every command of the table (%u)",
	       mgvt_cmds_count);

	/* Headers outside the table. */
	{
		static const u32 bad[] = {
			0x20000000,	/* client 1 */
			0x5c000000,	/* a blitter opcode not in the table */
			0x7fff0000,	/* a 3D opcode not in the table */
			0x780b0000,	/* the sim's old VF_STATISTICS */
			MI_INSTR(0x3f),
			0xe0000000,	/* client 7 */
		};
		bool all = true;

		for (i = 0; i < ARRAY_SIZE(bad); i++)
			for (e = 0; e < MGVT_NUM_ENGINES; e++)
				all &= scan_copy(e, MGVT_SCAN_RING, &bad[i], 1) ==
				       -EACCES && !strcmp(s.why, "unknown command");
		tap_ok(all, "headers outside the table are refused as unknown");
	}
}

/* ---- registers ---- */

static int lri1(unsigned int e, u32 reg)
{
	u32 buf[3] = { MI_LRI(1), reg, 0 };

	return scan(e, MGVT_SCAN_RING, buf, 3);
}

static int lrr(unsigned int e, u32 src, u32 dst)
{
	u32 buf[3] = { MI_LOAD_REGISTER_REG | 1, src, dst };

	return scan(e, MGVT_SCAN_RING, buf, 3);
}

static int lrm(unsigned int e, u32 reg)
{
	u32 buf[4] = { MI_LOAD_REGISTER_MEM | MI_USE_GGTT | 2, reg,
		       (u32)GM_LO, 0 };

	return scan(e, MGVT_SCAN_RING, buf, 4);
}

static int srm(unsigned int e, u32 reg)
{
	u32 buf[4] = { MI_STORE_REGISTER_MEM | MI_USE_GGTT | 2, reg,
		       (u32)GM_LO, 0 };

	return scan(e, MGVT_SCAN_RING, buf, 4);
}

static void test_registers(void)
{
	static const u32 rcs_wa[] = {
		0xb118, 0x7014, 0x2088, 0x2090, 0x7004, 0x7300, 0xe194,
		0xe4f0, 0xe180, 0xe184, 0xe188, 0x2580,
	};
	unsigned int e, o, i;
	bool ok;

	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		const char *en = gen9_engine_name(e);
		unsigned int other = (e + 1) % MGVT_NUM_ENGINES;

		tap_ok(lri1(e, gpr(e)) == 3 && lri1(e, gpr(e) + 0x7c) == 3,
		       "%s: LRI to its GPRs", en);
		tap_ok(lri1(e, gpr(e) + 0x80) == -EACCES,
		       "%s: LRI past its GPRs refused", en);
		tap_ok(lri1(e, GDRST) == -EACCES &&
		       !strcmp(s.why, "register not allowed"),
		       "%s: LRI to GDRST refused", en);
		ok = true;
		for (o = 0; o < MGVT_NUM_ENGINES; o++)
			ok &= lri1(e, base(o) + RING_ELSP) == -EACCES &&
			      lri1(e, base(o) + RING_TAIL) == -EACCES &&
			      lri1(e, base(o) + RING_START) == -EACCES &&
			      lri1(e, base(o) + RING_HWS_PGA) == -EACCES &&
			      lri1(e, base(o) + RING_MODE) == -EACCES &&
			      lri1(e, base(o) + RING_MI_MODE) == -EACCES &&
			      lri1(e, base(o) + RING_CONTEXT_CONTROL) == -EACCES &&
			      lri1(e, base(o) + RING_INDIRECT_CTX) == -EACCES &&
			      lri1(e, base(o) + RING_IMR) == -EACCES;
		tap_ok(ok, "%s: LRI to ring, ELSP, HWS_PGA, mode, image and interrupt registers of every engine refused",
		       en);
		tap_ok(lri1(e, gpr(other)) == -EACCES,
		       "%s: LRI to %s's GPR refused", en,
		       gen9_engine_name(other));
		tap_ok(lri1(e, FENCE_LO(0)) == -EACCES &&
		       lri1(e, FENCE_HI(31)) == -EACCES &&
		       lri1(e, GFX_FLSH_CNTL) == -EACCES,
		       "%s: LRI to fences and GFX_FLSH_CNTL refused", en);
		ok = true;
		for (i = 0; i < 4; i++)
			ok &= lri1(e, base(e) + RING_PDP_LDW(i)) == -EACCES &&
			      lri1(e, base(e) + RING_PDP_UDW(i)) == -EACCES;
		tap_ok(ok, "%s: LRI to its PDPs refused (a PPGTT switch)", en);
		tap_ok(lri1(e, GT_IIR(0)) == -EACCES &&
		       lri1(e, MASTER_IRQ) == -EACCES &&
		       lri1(e, FORCEWAKE_RENDER) == -EACCES,
		       "%s: LRI to interrupt and forcewake registers refused", en);
		tap_ok(lri1(e, gpr(e) | 0x200000) == -EACCES &&
		       lri1(e, 0x200000) == -EACCES &&
		       lri1(e, 0x7ffffc) == -EACCES &&
		       lri1(e, gpr(e) | 0x80000000) == -EACCES,
		       "%s: register offsets at or beyond 2 MiB refused", en);
		ok = true;
		for (i = 0; i < ARRAY_SIZE(rcs_wa); i++)
			ok &= (lri1(e, rcs_wa[i]) == 3) == (e == 0);
		tap_ok(ok, "%s: the Gen9 context workaround registers %s",
		       en, e ? "refused" : "allowed");

		tap_ok(lrm(e, gpr(e)) == 4 && lrm(e, GDRST) == -EACCES &&
		       lrm(e, base(e) + RING_ELSP) == -EACCES &&
		       lrm(e, gpr(e) + 0x200000) == -EACCES,
		       "%s: LRM to its GPR, not to GDRST, ELSP or beyond 2 MiB", en);
		tap_ok(srm(e, base(e) + RING_TIMESTAMP) == 4 &&
		       srm(e, base(e) + RING_HEAD) == 4 && srm(e, gpr(e)) == 4,
		       "%s: SRM of its own timestamp, head, GPR", en);
		tap_ok(srm(e, GDRST) == -EACCES &&
		       srm(e, base(other) + RING_TIMESTAMP) == -EACCES &&
		       srm(e, FENCE_LO(0)) == -EACCES &&
		       srm(e, 0x200000 + base(e)) == -EACCES,
		       "%s: SRM of GDRST, another engine, fences, beyond 2 MiB refused",
		       en);
		tap_ok(lrr(e, base(e) + RING_TIMESTAMP, gpr(e)) == 3 &&
		       lrr(e, gpr(e), gpr(e) + 8) == 3,
		       "%s: LRR from its block to its GPRs", en);
		tap_ok(lrr(e, gpr(e), base(e) + RING_ELSP) == -EACCES &&
		       lrr(e, gpr(e), GDRST) == -EACCES &&
		       lrr(e, base(other) + RING_TIMESTAMP, gpr(e)) == -EACCES &&
		       lrr(e, 0x200000, gpr(e)) == -EACCES,
		       "%s: LRR to ELSP or GDRST, from another engine or beyond 2 MiB refused",
		       en);
	}

	/* Every pair of an LRI, its header's bits and length. */
	{
		u32 buf[9] = { MI_LRI(4), gpr(0), 1, gpr(0) + 4, 2,
			       gpr(0) + 8, 3, GDRST, 4 };

		tap_ok(scan(0, MGVT_SCAN_RING, buf, 9) == -EACCES && !s.bad_pos,
		       "an LRI whose last pair is GDRST is refused");
		buf[7] = gpr(0) + 12;
		tap_ok(scan(0, MGVT_SCAN_RING, buf, 9) == 9,
		       "the same LRI with four GPRs is accepted");
		buf[0] |= MI_LRI_FORCE_POSTED;
		tap_ok(scan(0, MGVT_SCAN_RING, buf, 9) == 9,
		       "with FORCE_POSTED too");
		buf[0] = MI_LRI(4) | BIT(8);
		tap_ok(scan(0, MGVT_SCAN_RING, buf, 9) == -EACCES,
		       "an LRI header with a byte-disable bit is refused");
		buf[0] = MI_LOAD_REGISTER_IMM | 6;	/* 8 dwords */
		tap_ok(scan(0, MGVT_SCAN_RING, buf, 9) == -EINVAL,
		       "an LRI of an even length is refused (-EINVAL)");
	}

	/* The lists themselves. */
	ok = true;
	for (e = 0; e < MGVT_NUM_ENGINES; e++)
		for (i = 0; i < mgvt_write_regs.n; i++) {
			const struct mgvt_reg_range *r = &mgvt_write_regs.regs[i];
			u32 off = r->offset + (r->flags & MGVT_REG_REL ? base(e) : 0);

			if (!(r->engines & BIT(e)))
				continue;
			for (o = 0; o < r->count; o++) {
				unsigned int x;

				for (x = 0; x < MGVT_NUM_ENGINES; x++)
					if (mgvt_reg_find(&mgvt_never_regs, x,
							  off + 4 * o)) {
						ok = false;
						tap_diag("%s is on the never list",
							 r->name);
					}
				ok &= mgvt_reg_write_ok(e, off + 4 * o) &&
				      mgvt_reg_read_ok(e, off + 4 * o);
			}
		}
	tap_ok(ok, "the write lists and the never list are disjoint; what may be written may be read");
	ok = true;
	for (e = 0; e < MGVT_NUM_ENGINES; e++)
		for (i = 0; i < mgvt_never_regs.n; i++) {
			const struct mgvt_reg_range *r = &mgvt_never_regs.regs[i];

			for (o = 0; o < MGVT_NUM_ENGINES; o++) {
				u32 off = r->offset +
					  (r->flags & MGVT_REG_REL ? base(o) : 0);
				unsigned int k;

				for (k = 0; k < r->count; k++)
					ok &= !mgvt_reg_write_ok(e, off + 4 * k);
			}
		}
	tap_ok(ok, "no engine may write a register of the never list of any engine");
}

/* ---- GGTT addresses ---- */

static void test_addresses(void)
{
	u32 sdi[5] = { MI_STORE_DWORD_IMM | MI_USE_GGTT | 2, 0, 0, 7, 8 };
	u32 sem[4] = { MI_SEMAPHORE_WAIT | MI_USE_GGTT | SEM_POLL |
		       SEM_COMPARE_EQ << SEM_COMPARE_SHIFT | 2, 1, 0, 0 };
	u32 fl[5] = { MI_FLUSH_DW | POST_SYNC_IMM << POST_SYNC_SHIFT | 2,
		      MI_FLUSH_ADDR_GGTT, 0, 5, 6 };
	u32 pc[6] = { PIPE_CONTROL | 4, PC_CS_STALL | PC_ADDR_GGTT |
		      POST_SYNC_IMM << POST_SYNC_SHIFT, 0, 0, 1, 2 };
	u32 srm_[4] = { MI_STORE_REGISTER_MEM | MI_USE_GGTT | 2,
			RCS_BASE + RING_TIMESTAMP, 0, 0 };
	u32 lrm_[4] = { MI_LOAD_REGISTER_MEM | MI_USE_GGTT | 2, gpr(0), 0, 0 };
	const u32 end4 = (u32)GM_HI - 4, end8 = (u32)GM_HI - 8;

	sdi[1] = end4;
	tap_ok(scan(0, MGVT_SCAN_RING, sdi, 4) == 4 && v.len == 4 &&
	       v.gm == end4, "SDI GGTT: the last dword of GM, 4 bytes checked");
	sdi[0] += 1;	/* a qword */
	tap_ok(scan(0, MGVT_SCAN_RING, sdi, 5) == -EACCES && v.len == 8,
	       "SDI GGTT qword across the end of GM refused (8 bytes checked)");
	sdi[1] = (u32)GM_LO - 4;
	sdi[0] -= 1;
	tap_ok(scan(1, MGVT_SCAN_RING, sdi, 4) == -EACCES,
	       "SDI GGTT below GM refused");
	sdi[1] = (u32)GM_LO;
	sdi[2] = 1;	/* bits 47:32 */
	tap_ok(scan(1, MGVT_SCAN_RING, sdi, 4) == -EACCES &&
	       v.gm == GM_LO + (1ULL << 32),
	       "SDI GGTT with high address bits refused");
	sdi[0] &= ~MI_USE_GGTT;
	tap_ok(scan(2, MGVT_SCAN_RING, sdi, 4) == 4 && !v.gm_calls,
	       "SDI PPGTT: allowed, not a GGTT address");

	sem[2] = (u32)GM_HI;
	tap_ok(scan(3, MGVT_SCAN_RING, sem, 4) == -EACCES,
	       "MI_SEMAPHORE_WAIT GGTT past GM refused");
	sem[2] = end4;
	tap_ok(scan(3, MGVT_SCAN_RING, sem, 4) == 4 && v.len == 4,
	       "MI_SEMAPHORE_WAIT GGTT inside GM allowed (4 bytes)");

	fl[1] = end4 | MI_FLUSH_ADDR_GGTT;
	tap_ok(scan(1, MGVT_SCAN_RING, fl, 4) == 4 && v.gm == end8,
	       "MI_FLUSH_DW address bits 2:0 are flags: the address is aligned down");
	fl[1] = end8 | MI_FLUSH_ADDR_GGTT;
	tap_ok(scan(1, MGVT_SCAN_RING, fl, 4) == 4 && v.gm == end8 &&
	       v.len == 4, "MI_FLUSH_DW GGTT dword write: 4 bytes checked");
	fl[0] += 1;
	tap_ok(scan(1, MGVT_SCAN_RING, fl, 5) == 5 && v.len == 8,
	       "MI_FLUSH_DW GGTT qword write: 8 bytes checked");
	fl[1] = (u32)GM_HI | MI_FLUSH_ADDR_GGTT;
	tap_ok(scan(1, MGVT_SCAN_RING, fl, 5) == -EACCES,
	       "MI_FLUSH_DW GGTT past GM refused");
	fl[0] = MI_FLUSH_DW | POST_SYNC_TIMESTAMP << POST_SYNC_SHIFT | 2;
	fl[1] = (end8 + 4) | MI_FLUSH_ADDR_GGTT;
	tap_ok(scan(2, MGVT_SCAN_RING, fl, 4) == 4 && v.len == 8 &&
	       v.gm == end8, "MI_FLUSH_DW timestamp: 8 bytes, address aligned down");
	fl[0] |= MI_FLUSH_STORE_INDEX;
	fl[1] = (u32)GM_HI | MI_FLUSH_ADDR_GGTT;
	tap_ok(scan(2, MGVT_SCAN_RING, fl, 4) == 4 && !v.gm_calls,
	       "MI_FLUSH_DW store-index: an offset in the status page, not checked");
	fl[0] = MI_FLUSH_DW | 2;
	tap_ok(scan(3, MGVT_SCAN_RING, fl, 4) == 4 && !v.gm_calls,
	       "MI_FLUSH_DW without post-sync: no address");
	fl[0] = MI_FLUSH_DW | POST_SYNC_IMM << POST_SYNC_SHIFT | 2;
	fl[1] = (u32)GM_HI;
	tap_ok(scan(3, MGVT_SCAN_RING, fl, 4) == 4 && !v.gm_calls,
	       "MI_FLUSH_DW PPGTT post-sync: allowed");

	pc[2] = end8;
	tap_ok(scan(0, MGVT_SCAN_RING, pc, 6) == 6 && v.len == 8 && v.gm == end8,
	       "PIPE_CONTROL GGTT qword write at the end of GM: allowed");
	pc[2] = end4;
	pc[3] = 0;
	tap_ok(scan(0, MGVT_SCAN_RING, pc, 6) == 6 && v.gm == end8,
	       "PIPE_CONTROL address bits 2:0 are not address");
	pc[2] = (u32)GM_HI;
	tap_ok(scan(0, MGVT_SCAN_RING, pc, 6) == -EACCES,
	       "PIPE_CONTROL GGTT past GM refused");
	pc[1] = PC_CS_STALL | PC_ADDR_GGTT | POST_SYNC_DEPTH << POST_SYNC_SHIFT;
	tap_ok(scan(0, MGVT_SCAN_RING, pc, 6) == -EACCES && v.len == 8,
	       "PIPE_CONTROL depth-count write checked too");
	pc[1] = PC_CS_STALL | PC_ADDR_GGTT | PC_STORE_INDEX |
		POST_SYNC_IMM << POST_SYNC_SHIFT;
	tap_ok(scan(0, MGVT_SCAN_RING, pc, 6) == 6 && !v.gm_calls,
	       "PIPE_CONTROL store-index: not checked");
	pc[1] = PC_CS_STALL | POST_SYNC_IMM << POST_SYNC_SHIFT;
	tap_ok(scan(0, MGVT_SCAN_RING, pc, 6) == 6 && !v.gm_calls,
	       "PIPE_CONTROL PPGTT post-sync: allowed");
	pc[1] = PC_CS_STALL | PC_MMIO_WRITE | POST_SYNC_IMM << POST_SYNC_SHIFT;
	pc[2] = gpr(0);
	tap_ok(scan(0, MGVT_SCAN_RING, pc, 6) == -EACCES &&
	       !strcmp(s.why, "PIPE_CONTROL writes a register"),
	       "PIPE_CONTROL with the register-write post-sync refused");

	srm_[2] = (u32)GM_HI;
	tap_ok(scan(0, MGVT_SCAN_RING, srm_, 4) == -EACCES,
	       "SRM GGTT past GM refused");
	srm_[0] &= ~MI_USE_GGTT;
	tap_ok(scan(0, MGVT_SCAN_RING, srm_, 4) == 4 && !v.gm_calls,
	       "SRM PPGTT allowed");
	lrm_[2] = (u32)GM_LO - 4;
	tap_ok(scan(0, MGVT_SCAN_RING, lrm_, 4) == -EACCES,
	       "LRM GGTT below GM refused");
	lrm_[2] = (u32)GM_LO;
	tap_ok(scan(0, MGVT_SCAN_RING, lrm_, 4) == 4 && v.len == 4,
	       "LRM GGTT inside GM allowed");
}

/* XY_COLOR_BLT of (x1, y1)-(x2, y2) at @base with @pitch. */
static void fill(u32 *dw, u64 base, s16 pitch, u32 x1, u32 y1, u32 x2, u32 y2)
{
	dw[0] = XY_COLOR_BLT | BLT_WRITE_RGBA | (XY_COLOR_BLT_DW - 2);
	dw[1] = BR13_32BPP | BR13_ROP(ROP_PATCOPY) | (u16)pitch;
	dw[2] = BLT_XY(x1, y1);
	dw[3] = BLT_XY(x2, y2);
	dw[4] = (u32)base;
	dw[5] = (u32)(base >> 32);
	dw[6] = 0xff00ff00;
}

static void copy(u32 *dw, u64 dst, s16 dpitch, u64 src, s16 spitch)
{
	dw[0] = XY_SRC_COPY_BLT | BLT_WRITE_RGBA | (XY_SRC_COPY_BLT_DW - 2);
	dw[1] = BR13_32BPP | BR13_ROP(ROP_SRCCOPY) | (u16)dpitch;
	dw[2] = BLT_XY(0, 0);
	dw[3] = BLT_XY(64, 32);
	dw[4] = (u32)dst;
	dw[5] = (u32)(dst >> 32);
	dw[6] = BLT_XY(0, 0);
	dw[7] = (u16)spitch;
	dw[8] = (u32)src;
	dw[9] = (u32)(src >> 32);
}

static void test_blits(void)
{
	u32 dw[10];

	fill(dw, GM_LO, 256, 2, 3, 10, 5);
	tap_ok(scan(1, MGVT_SCAN_RING, dw, 7) == 7 &&
	       v.gm == GM_LO + 3 * 256 + 8 && v.len == 256 + 32,
	       "XY_COLOR_BLT: the rectangle's bytes, from its first row to the end of its last");
	fill(dw, GM_HI - 16 * 4096, 4096, 0, 0, 1024, 16);
	tap_ok(scan(1, MGVT_SCAN_RING, dw, 7) == 7,
	       "XY_COLOR_BLT ending at the end of GM allowed");
	fill(dw, GM_HI - 16 * 4096, 4096, 0, 0, 1025, 16);
	tap_ok(scan(1, MGVT_SCAN_RING, dw, 7) == -EACCES,
	       "XY_COLOR_BLT one pixel past GM refused");
	fill(dw, GM_HI - 16 * 4096, 4096, 0, 0, 1024, 17);
	tap_ok(scan(1, MGVT_SCAN_RING, dw, 7) == -EACCES,
	       "XY_COLOR_BLT one row past GM refused");
	fill(dw, GM_LO + 15 * 4096, -4096, 0, 0, 1024, 16);
	tap_ok(scan(1, MGVT_SCAN_RING, dw, 7) == 7 && v.gm == GM_LO &&
	       v.len == 16 * 4096,
	       "XY_COLOR_BLT with a negative pitch: rows below its base, inside GM");
	fill(dw, GM_LO + 14 * 4096, -4096, 0, 0, 1024, 16);
	tap_ok(scan(1, MGVT_SCAN_RING, dw, 7) == -EACCES,
	       "XY_COLOR_BLT with a negative pitch reaching below GM refused");
	fill(dw, 4096, -4096, 0, 0, 16, 16);
	tap_ok(scan(1, MGVT_SCAN_RING, dw, 7) == -EACCES,
	       "XY_COLOR_BLT with a negative pitch below address 0 refused");
	fill(dw, GM_HI + 0x100000, 4096, 10, 10, 10, 20);
	tap_ok(scan(1, MGVT_SCAN_RING, dw, 7) == 7 && !v.gm_calls,
	       "XY_COLOR_BLT of an empty rectangle: nothing accessed, allowed");
	fill(dw, GM_HI, 4096, 0, 0, 16, 16);
	dw[0] |= XY_DST_TILED;
	tap_ok(scan(1, MGVT_SCAN_RING, dw, 7) == -EACCES &&
	       !strcmp(s.why, "tiled blit"), "tiled XY_COLOR_BLT refused");
	dw[0] &= ~XY_DST_TILED;
	s.ppgtt = true;
	memset(&v, 0, sizeof(v));
	tap_ok(mgvt_scan_buf(&s, dw, 7, MGVT_SCAN_RING) == 7 && !v.gm_calls,
	       "XY_COLOR_BLT in a PPGTT context: its addresses are the PPGTT's");

	copy(dw, GM_LO, 4096, GM_LO + 0x100000, 4096);
	tap_ok(scan(1, MGVT_SCAN_RING, dw, 10) == 10 && v.gm_calls == 2 &&
	       v.gm == GM_LO + 0x100000 && v.len == 31 * 4096 + 256,
	       "XY_SRC_COPY_BLT: destination and source checked");
	copy(dw, GM_LO, 4096, GM_HI - 4096, 4096);
	tap_ok(scan(1, MGVT_SCAN_RING, dw, 10) == -EACCES,
	       "XY_SRC_COPY_BLT reading past GM refused");
	copy(dw, GM_LO + 31 * 4096, -4096, GM_LO + 0x100000 + 31 * 4096, -4096);
	tap_ok(scan(1, MGVT_SCAN_RING, dw, 10) == 10,
	       "XY_SRC_COPY_BLT bottom-up, both pitches negative, inside GM");
	copy(dw, GM_LO, 4096, GM_LO + 30 * 4096, -4096);
	tap_ok(scan(1, MGVT_SCAN_RING, dw, 10) == -EACCES &&
	       v.gm == GM_LO - 4096,
	       "XY_SRC_COPY_BLT with a negative source pitch reaching below GM refused");
	copy(dw, GM_LO, 4096, GM_LO, 4096);
	dw[0] |= XY_SRC_TILED;
	tap_ok(scan(1, MGVT_SCAN_RING, dw, 10) == -EACCES,
	       "XY_SRC_COPY_BLT from a tiled source refused");
}

/* ---- lengths ---- */

static void test_lengths(void)
{
	u32 sdi[4] = { MI_STORE_DWORD_IMM | MI_USE_GGTT | 2, (u32)GM_LO, 0, 1 };
	u32 lri[5] = { MI_LRI(2), gpr(0), 1, gpr(0) + 4, 2 };
	u32 buf[8];

	tap_ok(scan_copy(0, MGVT_SCAN_RING, sdi, 3) == -EINVAL &&
	       !strcmp(s.why, "truncated command") && !s.bad_pos &&
	       s.bad_hdr == sdi[0], "SDI cut short by the end of the ring: -EINVAL");
	buf[0] = MI_NOOP;
	memcpy(&buf[1], lri, 4 * 4);
	tap_ok(scan(0, MGVT_SCAN_RING, buf, 5) == -EINVAL && s.bad_pos == 1,
	       "LRI(2) with 4 dwords left: -EINVAL at its position");
	tap_ok(scan_copy(0, MGVT_SCAN_BB1, (u32[]){ PIPE_CONTROL | 4, 0, 0 }, 3) ==
	       -EINVAL, "PIPE_CONTROL cut short: -EINVAL");
	tap_ok(scan_copy(0, MGVT_SCAN_RING, (u32[]){ PIPE_CONTROL | 3, 0, 0, 0, 0 },
			 5) == -EINVAL && !strcmp(s.why, "bad command length"),
	       "PIPE_CONTROL of 5 dwords: -EINVAL");
	tap_ok(scan_copy(0, MGVT_SCAN_RING,
			 (u32[]){ MI_STORE_REGISTER_MEM | 3, gpr(0), 0, 0, 0 }, 5) ==
	       -EINVAL, "SRM of 5 dwords: -EINVAL");
	tap_ok(scan_copy(1, MGVT_SCAN_RING,
			 (u32[]){ MI_STORE_DWORD_IMM | 4, 0, 0, 0, 0, 0 }, 6) ==
	       -EINVAL, "SDI of 6 dwords: -EINVAL");
	tap_ok(scan_copy(1, MGVT_SCAN_RING,
			 (u32[]){ MI_FLUSH_DW | 1, 0, 0 }, 3) == -EINVAL,
	       "MI_FLUSH_DW of 3 dwords: -EINVAL");
	tap_ok(scan_copy(0, MGVT_SCAN_RING,
			 (u32[]){ 0x78100000 | 0xff }, 1) == -EINVAL,
	       "a 3D state command of 257 dwords in a 1-dword buffer: -EINVAL");
	tap_ok(scan_copy(0, MGVT_SCAN_RING,
			 (u32[]){ MI_NOOP, MI_NOOP, MI_BATCH_BUFFER_START | 1, 0 },
			 4) == -EINVAL && s.bad_pos == 2,
	       "MI_BATCH_BUFFER_START cut short: -EINVAL at its position");
}

/* ---- batch levels ---- */

static void test_batches(void)
{
	u32 bbs = MI_BATCH_BUFFER_START | 1;
	u32 buf[16];
	u32 nested[8];
	int ret;

	/* Ring -> first level, and the ring goes on. */
	memcpy(buf, (u32[]){ MI_ARB_ON_OFF | MI_ARB_ENABLE, bbs,
			     (u32)GM_LO + 0x40, 0x0,
			     MI_ARB_ON_OFF, MI_NOOP }, 6 * 4);
	ret = scan(0, MGVT_SCAN_RING, buf, 6);
	tap_ok(ret == 6 && v.batches == 1 && v.batch_level[0] == MGVT_SCAN_BB1 &&
	       v.batch_gm[0] == GM_LO + 0x40 && s.cmds == 4,
	       "ring: a GGTT batch is a first-level batch, the ring scan goes on");
	tap_ok(buf[2] == (u32)(SHADOW + 0x1000) && buf[3] == (u32)((SHADOW + 0x1000) >> 32),
	       "ring: the batch start now jumps to the shadow");

	memcpy(buf, (u32[]){ bbs | MI_BB_SECOND_LEVEL, (u32)GM_LO, 0 }, 12);
	tap_ok(scan(0, MGVT_SCAN_RING, buf, 3) == -EACCES && !v.batches,
	       "ring: a second-level batch start refused");

	/* First level -> second level -> back, then the end. */
	memcpy(buf, (u32[]){ bbs | MI_BB_SECOND_LEVEL, (u32)GM_LO, 0,
			     MI_NOOP, MI_BATCH_BUFFER_END, 0xdeadbeef }, 24);
	tap_ok(scan(1, MGVT_SCAN_BB1, buf, 6) == 5 && v.batches == 1 &&
	       v.batch_level[0] == MGVT_SCAN_BB2 && buf[1] == (u32)(SHADOW + 0x1000),
	       "first level: a second-level batch, patched; the scan ends at the BBE");

	/* First level chaining: the scan ends at the batch start. */
	memcpy(buf, (u32[]){ MI_NOOP, bbs, (u32)GM_LO + 0x1000, 0x1, 0xdeadbeef },
	       20);
	tap_ok(scan(2, MGVT_SCAN_BB1, buf, 5) == 4 && v.batches == 1 &&
	       v.batch_level[0] == MGVT_SCAN_BB1 &&
	       v.batch_gm[0] == GM_LO + 0x1000 + (1ULL << 32),
	       "first level: a chained batch is first level too, and ends this one's scan");

	/* Second level. */
	memcpy(buf, (u32[]){ bbs | MI_BB_SECOND_LEVEL, (u32)GM_LO, 0 }, 12);
	tap_ok(scan(0, MGVT_SCAN_BB2, buf, 3) == -EACCES && !v.batches,
	       "second level: a second-level batch start refused");
	memcpy(buf, (u32[]){ bbs, (u32)GM_LO, 0, 0xdeadbeef }, 16);
	tap_ok(scan(0, MGVT_SCAN_BB2, buf, 4) == 3 &&
	       v.batch_level[0] == MGVT_SCAN_BB2,
	       "second level: a chain stays second level and ends the scan");

	/* PPGTT batches, the indirect context, errors. */
	memcpy(buf, (u32[]){ bbs | MI_BB_PPGTT, 0x12345678, 0x7fff }, 12);
	tap_ok(scan(0, MGVT_SCAN_RING, buf, 3) == 3 && v.batches == 1 &&
	       v.ppgtt_batches == 1 && v.batch_gm[0] == 0x7fff12345678ULL &&
	       v.batch_level[0] == MGVT_SCAN_BB1 && buf[1] == 0x12345678 &&
	       buf[2] == 0x7fff,
	       "a PPGTT batch from the ring: handed over as PPGTT, not patched");
	memcpy(buf, (u32[]){ bbs | MI_BB_PPGTT, 0x1000, 0 }, 12);
	nonpriv = true;
	tap_ok(scan(0, MGVT_SCAN_BB1, buf, 3) == 3 && v.ppgtt_batches == 1 &&
	       buf[1] == 0x1000,
	       "a PPGTT batch chained from a PPGTT batch: handed over");
	memcpy(buf, (u32[]){ bbs, (u32)GM_LO, 0 }, 12);
	nonpriv = true;
	tap_ok(scan(0, MGVT_SCAN_BB1, buf, 3) == -EACCES && !v.batches &&
	       !strcmp(s.why, "GGTT batch from a PPGTT batch"),
	       "a GGTT batch started from a PPGTT batch: refused");
	memcpy(buf, (u32[]){ MI_STORE_DWORD_IMM | MI_USE_GGTT | 2, 0x40, 0, 1,
			     MI_BATCH_BUFFER_END }, 20);
	nonpriv = true;
	tap_ok(scan(0, MGVT_SCAN_BB1, buf, 5) == 5 && !v.gm_calls,
	       "a GGTT-flagged store in a PPGTT batch: a PPGTT access, not checked against GM");
	memcpy(buf, (u32[]){ bbs, (u32)GM_LO, 0 }, 12);
	tap_ok(scan(0, MGVT_SCAN_WA, buf, 3) == -EACCES && !v.batches,
	       "indirect context: a batch start refused");
	memset(&v, 0, sizeof(v));
	memset(&s, 0, sizeof(s));
	s.cb = &ops;
	s.priv = &s;
	v.batch_err = -EFAULT;
	tap_ok(mgvt_scan_buf(&s, buf, 3, MGVT_SCAN_RING) == -EFAULT &&
	       !strcmp(s.why, "batch") && buf[1] == (u32)GM_LO,
	       "the batch callback's error is the scan's, nothing patched");

	/* Batch ends. */
	tap_ok(scan_copy(0, MGVT_SCAN_RING, (u32[]){ MI_NOOP, MI_BATCH_BUFFER_END },
			 2) == -EACCES && s.bad_pos == 1,
	       "ring: MI_BATCH_BUFFER_END refused");
	tap_ok(scan_copy(0, MGVT_SCAN_WA, (u32[]){ MI_BATCH_BUFFER_END }, 1) ==
	       -EACCES, "indirect context: MI_BATCH_BUFFER_END refused");
	tap_ok(scan_copy(3, MGVT_SCAN_BB2,
			 (u32[]){ MI_NOOP, MI_BATCH_BUFFER_END, 0xffffffff }, 3) == 2,
	       "second level: the scan ends at MI_BATCH_BUFFER_END");
	tap_ok(scan_copy(3, MGVT_SCAN_BB1, (u32[]){ MI_NOOP, MI_NOOP }, 2) ==
	       -ENOSPC && !strcmp(s.why, "batch has no end"),
	       "a batch without an end: -ENOSPC");
	tap_ok(scan_copy(3, MGVT_SCAN_BB1, (u32[]){ 0 }, 0) == -ENOSPC,
	       "an empty batch: -ENOSPC");
	tap_ok(scan_copy(3, MGVT_SCAN_RING, (u32[]){ 0 }, 0) == 0,
	       "an empty ring: nothing to run");

	/* The caller scans the batch from its callback, with the same scan. */
	memcpy(nested, (u32[]){ MI_USER_INTERRUPT, MI_LRI(1), gpr(0), 5,
				MI_BATCH_BUFFER_END }, 20);
	memcpy(buf, (u32[]){ MI_USER_INTERRUPT, bbs, (u32)GM_LO, 0,
			     MI_USER_INTERRUPT }, 20);
	memset(&v, 0, sizeof(v));
	memset(&s, 0, sizeof(s));
	s.cb = &ops;
	s.priv = &s;
	v.nested = nested;
	v.nested_n = 5;
	tap_ok(mgvt_scan_buf(&s, buf, 5, MGVT_SCAN_RING) == 5 &&
	       v.nested_ret == 5 && s.user_irqs == 3 && s.cmds == 6 &&
	       nested[0] == MI_NOOP,
	       "a batch scanned from the callback adds to the same counts (%u irqs, %lu cmds)",
	       s.user_irqs, s.cmds);
	memcpy(nested, (u32[]){ MI_LRI(1), GDRST, 1, MI_BATCH_BUFFER_END }, 16);
	memset(&v, 0, sizeof(v));
	v.nested = nested;
	v.nested_n = 4;
	tap_ok(mgvt_scan_buf(&s, buf, 5, MGVT_SCAN_RING) == -EACCES &&
	       !strcmp(s.why, "batch") && s.bad_pos == 1,
	       "a refused batch fails the ring at its batch start");
}

/* ---- user interrupts and what i915 emits ---- */

static void test_user_irq(void)
{
	u32 buf[6] = { MI_USER_INTERRUPT, MI_NOOP, MI_USER_INTERRUPT,
		       MI_ARB_CHECK, MI_USER_INTERRUPT, MI_NOOP };
	unsigned int e;
	bool ok = true;

	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		buf[0] = buf[2] = buf[4] = MI_USER_INTERRUPT;
		ok &= scan(e, MGVT_SCAN_RING, buf, 6) == 6 && s.user_irqs == 3 &&
		      s.cmds == 6 && !buf[0] && !buf[2] && !buf[4];
	}
	tap_ok(ok, "MI_USER_INTERRUPT replaced by MI_NOOP and counted, every engine");
}

/* Gen9 null render state: each 3D command as i915's batch has it. */
static const struct { u16 op, len; } null_state[] = {
	{ 0x7a00, 6 }, { 0x6904, 1 }, { 0x7814, 2 }, { 0x7820, 12 },
	{ 0x7813, 4 }, { 0x781f, 6 }, { 0x7851, 11 }, { 0x7810, 9 },
	{ 0x781b, 9 }, { 0x7811, 10 }, { 0x781e, 5 }, { 0x781d, 11 },
	{ 0x7812, 4 }, { 0x7850, 5 }, { 0x781c, 4 }, { 0x780c, 2 },
	{ 0x7852, 5 }, { 0x7830, 2 }, { 0x7831, 2 }, { 0x7832, 2 },
	{ 0x7833, 2 }, { 0x7919, 4 }, { 0x791a, 4 }, { 0x791b, 4 },
	{ 0x7912, 2 }, { 0x7913, 2 }, { 0x7914, 2 }, { 0x7915, 2 },
	{ 0x7916, 2 }, { 0x7815, 11 }, { 0x7819, 11 }, { 0x781a, 11 },
	{ 0x7816, 11 }, { 0x7817, 11 }, { 0x7849, 3 }, { 0x784a, 2 },
	{ 0x784b, 2 }, { 0x7917, 3 }, { 0x7918, 8 }, { 0x6101, 19 },
	{ 0x6102, 3 }, { 0x7900, 4 }, { 0x7805, 8 }, { 0x7904, 4 },
	{ 0x7908, 3 }, { 0x790a, 3 }, { 0x7806, 5 }, { 0x7807, 5 },
	{ 0x7804, 3 }, { 0x7911, 2 }, { 0x780d, 2 }, { 0x7906, 2 },
	{ 0x7907, 33 }, { 0x7902, 17 }, { 0x790c, 17 }, { 0x780a, 5 },
	{ 0x7808, 133 }, { 0x7809, 69 }, { 0x7855, 5 }, { 0x680b, 1 },
	{ 0x780e, 2 }, { 0x7824, 2 }, { 0x784f, 2 }, { 0x784d, 2 },
	{ 0x782b, 2 }, { 0x782c, 2 }, { 0x782d, 2 }, { 0x782e, 2 },
	{ 0x782f, 2 }, { 0x780f, 2 }, { 0x7823, 2 }, { 0x7821, 2 },
	{ 0x7826, 2 }, { 0x7827, 2 }, { 0x7828, 2 }, { 0x7829, 2 },
	{ 0x782a, 2 }, { 0x7b00, 7 },
};

static void test_i915(void)
{
	static u32 buf[MAXDW];
	unsigned int i, n = 0, e;
	u32 hwsp = (u32)GM_LO + 0x2000;
	bool ok = true;

	for (i = 0; i < ARRAY_SIZE(null_state); i++) {
		buf[n] = (u32)null_state[i].op << 16;
		if (null_state[i].len > 1)
			buf[n] |= null_state[i].len - 2;
		memset(&buf[n + 1], 0, 4 * (null_state[i].len - 1));
		n += null_state[i].len;
	}
	buf[n++] = MI_BATCH_BUFFER_END;
	tap_ok(scan(0, MGVT_SCAN_BB1, buf, n) == (int)n && s.cmds == i + 1,
	       "rcs0: Gen9's null render state batch layout (%u commands, %u dwords)",
	       i + 1, n);
	tap_ok(scan(1, MGVT_SCAN_BB1, buf, n) == -EACCES,
	       "bcs0: the same batch refused");

	/* A request as i915 emits it, per engine. */
	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		n = 0;
		buf[n++] = MI_ARB_CHECK;
		buf[n++] = MI_NOOP;
		buf[n++] = MI_STORE_DWORD_IMM | MI_USE_GGTT | 2;	/* init */
		buf[n++] = hwsp;
		buf[n++] = 0;
		buf[n++] = 41;
		buf[n++] = MI_ARB_ON_OFF | MI_ARB_ENABLE;
		buf[n++] = MI_BATCH_BUFFER_START | 1;
		buf[n++] = (u32)GM_LO + 0x10000;
		buf[n++] = 0;
		buf[n++] = MI_ARB_ON_OFF;
		buf[n++] = MI_NOOP;
		if (!e) {
			buf[n++] = PIPE_CONTROL | 4;
			buf[n++] = PC_CS_STALL | PC_STORE_INDEX |
				   POST_SYNC_IMM << POST_SYNC_SHIFT;
			buf[n++] = 0x100;
			buf[n++] = 0;
			buf[n++] = 0;
			buf[n++] = 0;
			buf[n++] = PIPE_CONTROL | 4;			/* fini */
			buf[n++] = PC_CS_STALL | PC_DC_FLUSH | PC_ADDR_GGTT |
				   POST_SYNC_IMM << POST_SYNC_SHIFT;
			buf[n++] = hwsp;
			buf[n++] = 0;
			buf[n++] = 42;
			buf[n++] = 0;
		} else {
			buf[n++] = MI_FLUSH_DW | MI_FLUSH_STORE_INDEX |
				   POST_SYNC_IMM << POST_SYNC_SHIFT | 2;
			buf[n++] = 0x100 | MI_FLUSH_ADDR_GGTT;
			buf[n++] = 0;
			buf[n++] = 0;
			buf[n++] = MI_FLUSH_DW |			/* fini */
				   POST_SYNC_IMM << POST_SYNC_SHIFT | 2;
			buf[n++] = hwsp | MI_FLUSH_ADDR_GGTT;
			buf[n++] = 0;
			buf[n++] = 42;
		}
		buf[n++] = MI_USER_INTERRUPT;
		buf[n++] = MI_ARB_ON_OFF | MI_ARB_ENABLE;
		buf[n++] = MI_ARB_CHECK;
		buf[n++] = MI_NOOP;
		ok &= scan(e, MGVT_SCAN_RING, buf, n) == (int)n &&
		      s.user_irqs == 1 && v.batches == 1;
	}
	tap_ok(ok, "a request as Gen9 i915 emits it, on every engine");

	/* The indirect context batch of every Gen9 RCS context. */
	n = 0;
	buf[n++] = MI_ARB_ON_OFF;
	buf[n++] = MI_STORE_REGISTER_MEM | MI_USE_GGTT | 2;
	buf[n++] = 0xb118;
	buf[n++] = (u32)GM_LO + 0x3000;
	buf[n++] = 0;
	buf[n++] = MI_LRI(1);
	buf[n++] = 0xb118;
	buf[n++] = 0x40400000;
	buf[n++] = PIPE_CONTROL | 4;
	buf[n++] = PC_CS_STALL | PC_DC_FLUSH;
	buf[n++] = 0;
	buf[n++] = 0;
	buf[n++] = 0;
	buf[n++] = 0;
	buf[n++] = MI_LOAD_REGISTER_MEM | MI_USE_GGTT | 2;
	buf[n++] = 0xb118;
	buf[n++] = (u32)GM_LO + 0x3000;
	buf[n++] = 0;
	buf[n++] = PIPE_CONTROL | 4;
	buf[n++] = PC_FLUSH_L3 | PC_STORE_INDEX | PC_CS_STALL |
		   POST_SYNC_IMM << POST_SYNC_SHIFT;
	buf[n++] = 0xd0 * 4;
	buf[n++] = 0;
	buf[n++] = 0;
	buf[n++] = 0;
	buf[n++] = MI_LRI(3);
	buf[n++] = 0x7014;
	buf[n++] = 0x00010001;
	buf[n++] = 0x2088;
	buf[n++] = 0x00020002;
	buf[n++] = 0x2090;
	buf[n++] = 0x00020002;
	buf[n++] = MI_NOOP;
	buf[n++] = MI_ARB_ON_OFF | MI_ARB_ENABLE;
	while (n % 16)
		buf[n++] = MI_NOOP;
	tap_ok(scan(0, MGVT_SCAN_WA, buf, n) == (int)n,
	       "rcs0: Gen9 i915's indirect context batch (%u dwords)", n);

	/* Its context workaround list, in one LRI between two flushes. */
	n = 0;
	buf[n++] = MI_LRI(12);
	for (i = 0; i < 12; i++) {
		static const u32 wa[] = {
			0x7014, 0xe194, 0xe4f0, 0x7004, 0xe188, 0x7300,
			0xe184, 0xe180, 0x2580, 0x7008, 0x5588, 0xe100,
		};

		buf[n++] = wa[i];
		buf[n++] = 0xffff0000;
	}
	tap_ok(scan(0, MGVT_SCAN_RING, buf, n) == (int)n,
	       "rcs0: Gen9 i915's context workaround LRI");
}

/* ---- context images ---- */

/* Gen9 i915's register state page lists (relative to the engine base). */
static const u32 lri_ring[] = {
	0x244, 0x034, 0x030, 0x038, 0x03c, 0x168, 0x140, 0x110, 0x11c,
	0x114, 0x118, 0x1c0, 0x1c4, 0x1c8,
};
static const u32 lri_ctx[] = {
	0x3a8, 0x28c, 0x288, 0x284, 0x280, 0x27c, 0x278, 0x274, 0x270,
};

/* i915's layout: NOP, LRI(14), NOP(3), LRI(9), NOP(13), LRI(1), ... */
static void i915_image(unsigned int e, u32 *st, bool values)
{
	unsigned int i, k = 0;

	memset(st, 0, 4 * LRC_DW);
	st[LRC_LRI0] = MI_LRI(14) | MI_LRI_FORCE_POSTED;
	for (i = 0; i < ARRAY_SIZE(lri_ring); i++) {
		st[LRC_LRI0 + 1 + 2 * i] = base(e) + lri_ring[i];
		st[LRC_LRI0 + 2 + 2 * i] = values ? rand() : 0;
	}
	st[LRC_LRI1] = MI_LRI(9) | MI_LRI_FORCE_POSTED;
	for (i = 0; i < ARRAY_SIZE(lri_ctx); i++) {
		st[LRC_LRI1 + 1 + 2 * i] = base(e) + lri_ctx[i];
		st[LRC_LRI1 + 2 + 2 * i] = values ? rand() : 0;
	}
	st[0x41] = MI_LRI(1) | (e ? MI_LRI_FORCE_POSTED : 0);
	st[0x42] = base(e) + (e ? 0x200 : 0x0c8);
	st[0x51] = MI_LRI(44) | MI_LRI_FORCE_POSTED;
	k = 0x52;
	{
		static const u32 l[] = {
			0x028, 0x09c, 0x0c0, 0x178, 0x17c, 0x358, 0x170,
			0x150, 0x154, 0x158, 0x41c,
		};

		for (i = 0; i < ARRAY_SIZE(l); i++, k += 2)
			st[k] = base(e) + l[i];
	}
	for (i = 0; i < 32; i++, k += 2)
		st[k] = base(e) + 0x600 + 4 * i;
	st[k] = base(e) + 0x068;
	k += 2;
	if (values)
		for (i = 0x53; i < k; i += 2)
			st[i] = rand() & ~(MI_MODE_STOP_RING | BIT(24));
	st[k] = MI_BATCH_BUFFER_END;
}

/* The native client's: the ring context only (gvt/native/native.c). */
static void native_image(unsigned int e, u32 *st)
{
	unsigned int i;

	memset(st, 0, 4 * LRC_DW);
	st[LRC_LRI0] = MI_LRI(14);
	for (i = 0; i < ARRAY_SIZE(lri_ring); i++)
		st[LRC_LRI0 + 1 + 2 * i] = base(e) + lri_ring[i];
	st[LRC_CTX_CONTROL] = MASKED_DISABLE(CTX_RESTORE_INHIBIT);
	st[LRC_RING_CTL] = (4 * 4096 - 4096) | RING_CTL_VALID;
	st[LRC_LRI1] = MI_LRI(9);
	for (i = 0; i < ARRAY_SIZE(lri_ctx); i++)
		st[LRC_LRI1 + 1 + 2 * i] = base(e) + lri_ctx[i];
	st[LRC_END] = MI_BATCH_BUFFER_END;
}

static int image(unsigned int e, u32 *st, const char **why)
{
	*why = NULL;
	return mgvt_scan_image(e, st, LRC_DW, why);
}

static void test_images(void)
{
	static u32 st[LRC_DW];
	const char *why;
	unsigned int e, k;
	bool ok;
	int ret;

	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		const char *en = gen9_engine_name(e);

		i915_image(e, st, false);
		ret = image(e, st, &why);
		tap_ok(!ret, "%s: an i915-layout image passes (%s)", en,
		       why ? why : "ok");
		i915_image(e, st, true);
		tap_ok(!image(e, st, &why),
		       "%s: with the values a save left in it", en);
		native_image(e, st);
		ret = image(e, st, &why);
		tap_ok(!ret, "%s: the native client's image passes (%s)", en,
		       why ? why : "ok");
		i915_image(e, st, false);
		tap_ok(image((e + 1) % MGVT_NUM_ENGINES, st, &why) == -EACCES,
		       "%s's image refused on %s", en,
		       gen9_engine_name((e + 1) % MGVT_NUM_ENGINES));
	}

	/* A hostile guest rewrites the program. */
	i915_image(0, st, false);
	st[LRC_LRI0] = MI_LRI(16) | MI_LRI_FORCE_POSTED;
	ret = image(0, st, &why);
	tap_ok(ret == -EACCES,
	       "an LRI(14) grown to swallow the next header refused (%s)", why);
	i915_image(1, st, false);
	st[0x51] = MI_LRI(45) | MI_LRI_FORCE_POSTED;
	ret = image(1, st, &why);
	tap_ok(ret == -EACCES,
	       "an LRI(44) grown over the BBE refused (%s)", why);
	i915_image(1, st, false);
	st[LRC_LRI1] = MI_LRI(8) | MI_LRI_FORCE_POSTED;
	ret = image(1, st, &why);
	tap_ok(ret == -EACCES,
	       "an LRI(9) cut to let its last pair be a header refused (%s)", why);
	i915_image(0, st, false);
	st[LRC_LRI1] = MI_LOAD_REGISTER_IMM | 16;
	tap_ok(image(0, st, &why) == -EINVAL, "an LRI of even length refused");
	i915_image(2, st, false);
	st[0x34] = MI_STORE_DWORD_IMM | MI_USE_GGTT | 2;
	st[0x35] = (u32)GM_LO;
	ret = image(2, st, &why);
	tap_ok(ret == -EACCES,
	       "an SDI in the image refused (%s)", why);
	i915_image(2, st, false);
	st[0x34] = MI_BATCH_BUFFER_START | 1;
	tap_ok(image(2, st, &why) == -EACCES, "a batch start in the image refused");
	i915_image(2, st, false);
	st[0x40] = 1;
	tap_ok(image(2, st, &why) == -EACCES,
	       "an MI_NOOP with its identification bits refused");
	i915_image(0, st, false);
	st[0x51] = MI_LRI(44) | BIT(8);
	tap_ok(image(0, st, &why) == -EACCES, "an LRI header with other bits refused");

	i915_image(0, st, false);
	st[0x52] = GDRST;
	tap_ok(image(0, st, &why) == -EACCES &&
	       !strcmp(why, "image: register not allowed"),
	       "GDRST in the image refused");
	ok = true;
	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		i915_image(e, st, false);
		st[0x52] = base(e) + RING_ELSP;
		ok &= image(e, st, &why) == -EACCES;
		st[0x52] = base(e) + RING_MODE;
		ok &= image(e, st, &why) == -EACCES;
		st[0x52] = base(e) + RING_HWS_PGA;
		ok &= image(e, st, &why) == -EACCES;
		st[0x52] = FENCE_LO(0);
		ok &= image(e, st, &why) == -EACCES;
		st[0x52] = base(e) + 0x028 + 0x200000;
		ok &= image(e, st, &why) == -EACCES;
		st[0x52] = base(e) + 0x028 + 1;
		ok &= image(e, st, &why) == -EACCES;
	}
	tap_ok(ok, "ELSP, RING_MODE, HWS_PGA, a fence, offsets past 2 MiB or unaligned refused");
	i915_image(0, st, false);
	st[0x52] = RCS_BASE + RING_START;
	ret = image(0, st, &why);
	tap_ok(ret == -EACCES &&
	       !strcmp(why, "image: ring context moved"),
	       "a second RING_START after the ring context refused (%s)", why);
	i915_image(0, st, false);
	st[LRC_PDP_LDW(0) - 1] = RCS_BASE + RING_PDP_LDW(1);
	st[LRC_PDP_LDW(1) - 1] = RCS_BASE + RING_PDP_LDW(0);
	tap_ok(image(0, st, &why) == -EACCES, "two PDPs swapped refused");
	i915_image(3, st, false);
	memset(&st[LRC_LRI1], 0, 4 * (LRC_END - LRC_LRI1));
	tap_ok(image(3, st, &why) == -EACCES &&
	       !strcmp(why, "image: ring context incomplete"),
	       "an image without its PDPs and timestamp refused");
	native_image(1, st);
	tap_ok(mgvt_scan_image(1, st, LRC_END - 1, &why) == -EINVAL,
	       "an LRI past the end of the page refused");

	/* STOP_RING. */
	ok = true;
	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		i915_image(e, st, false);
		st[0x55] = MASKED_ENABLE(MI_MODE_STOP_RING) | BIT(0);
		ok &= !image(e, st, &why) &&
		      st[0x55] == (MASKED_DISABLE(MI_MODE_STOP_RING) | BIT(0));
	}
	tap_ok(ok, "MI_MODE STOP_RING forced clear, other bits kept");
	i915_image(0, st, false);
	k = st[0x54];
	tap_ok(k == RCS_BASE + RING_MI_MODE && !image(0, st, &why) &&
	       st[0x55] == MASKED_DISABLE(MI_MODE_STOP_RING),
	       "MI_MODE without STOP_RING: the mask bit set, the bit clear");
}

int main(void)
{
	tap_header();
	srand(1);
	test_table();
	test_registers();
	test_addresses();
	test_blits();
	test_lengths();
	test_batches();
	test_user_irq();
	test_i915();
	test_images();
	return tap_finish();
}

// SPDX-License-Identifier: GPL-2.0
/*
 * mgvt-sim register file (gvt/sim/regs.c), checked by value: masked,
 * read-only and write-1-to-clear semantics, handshakes acknowledged on the
 * first read, forcewake accounting, resets restoring documented state.
 */
#include <string.h>

#include "sim/regs.h"
#define NREGS(a) ((unsigned int)(sizeof(a) / sizeof((a)[0])))
#include "tap.h"

static struct sim_regs regs;
static bool idle[SIM_NUM_ENGINES] = { true, true, true, true };
static u32 elsp_seen[SIM_NUM_ENGINES], reset_seen, flushes;

static bool h_idle(void *p, enum sim_engine_id e) { return idle[e]; }
static void h_elsp(void *p, enum sim_engine_id e, u32 v) { elsp_seen[e] = v; }
static void h_reset(void *p, u32 gdrst) { reset_seen = gdrst; sim_regs_reset(&regs, gdrst); }
static void h_flush(void *p) { flushes++; }
static u64 h_ts(void *p, enum sim_engine_id e) { return 1000 + e; }
static const struct sim_regs_hooks hooks = { h_idle, h_elsp, h_reset, h_flush, h_ts };

#define RCS(off) (RCS_BASE + (off))
#define BCS(off) (BCS_BASE + (off))

static u32 rd(u32 off) { return sim_regs_read(&regs, off); }
static void wr(u32 off, u32 v) { sim_regs_write(&regs, off, v); }
static long nofw(void) { return atomic_long_read(&regs.no_forcewake); }

static void wake_all(void)
{
	wr(FORCEWAKE_RENDER, 0x00010001);
	wr(FORCEWAKE_GT, 0x00010001);
	wr(FORCEWAKE_MEDIA, 0x00010001);
}

static void test_forcewake(void)
{
	long n = nofw();

	rd(RCS(RING_HEAD));
	tap_ok(nofw() == n + 1, "strict: RCS register read without forcewake is counted");
	wr(FORCEWAKE_RENDER, 0x00010001);
	tap_ok(rd(FORCEWAKE_ACK_RENDER) & 1, "forcewake render acknowledged on the first read");
	rd(RCS(RING_HEAD));
	tap_ok(nofw() == n + 1, "with render awake: not counted");
	rd(BCS(RING_HEAD));
	tap_ok(nofw() == n + 2, "the blitter needs the GT domain, not render");
	wr(FORCEWAKE_RENDER, 0x00010000);
	tap_ok(!(rd(FORCEWAKE_ACK_RENDER) & 1), "release drops the ack at once");
	wake_all();
	tap_ok((rd(FORCEWAKE_ACK_GT) & 1) && (rd(FORCEWAKE_ACK_MEDIA) & 1),
	       "GT and media domains acknowledge");
}

static void test_semantics(void)
{
	long ro;

	wr(RCS(RING_MI_MODE), MI_MODE_STOP_RING);
	tap_ok(!(rd(RCS(RING_MI_MODE)) & MI_MODE_STOP_RING),
	       "masked: a write without mask bits changes nothing");
	wr(RCS(RING_MI_MODE), MI_MODE_STOP_RING << 16 | MI_MODE_STOP_RING);
	tap_ok(rd(RCS(RING_MI_MODE)) & MI_MODE_STOP_RING, "masked: enable with its mask bit");
	tap_ok(rd(RCS(RING_MI_MODE)) & MI_MODE_IDLE, "MI_MODE idle is set on the first poll");
	idle[SIM_RCS0] = false;
	tap_ok(!(rd(RCS(RING_MI_MODE)) & MI_MODE_IDLE), "and follows the engine when it is busy");
	idle[SIM_RCS0] = true;

	wr(RCS(RING_RESET_CTL), RESET_CTL_REQUEST << 16 | RESET_CTL_REQUEST);
	tap_ok(rd(RCS(RING_RESET_CTL)) & RESET_CTL_READY,
	       "RING_RESET_CTL: ready to reset on the first poll");
	wr(RCS(RING_RESET_CTL), RESET_CTL_REQUEST << 16);
	tap_ok(!(rd(RCS(RING_RESET_CTL)) & RESET_CTL_READY), "ready clears with the request");

	ro = atomic_long_read(&regs.ro_writes);
	wr(RCS(RING_ACTHD), 0x1234);
	tap_ok(rd(RCS(RING_ACTHD)) == 0 && atomic_long_read(&regs.ro_writes) == ro + 1,
	       "read-only: write dropped and counted");

	regs.val[GT_IIR(0) / 4] = 0x00010101;
	wr(GT_IIR(0), 0x00000100);
	tap_ok(rd(GT_IIR(0)) == 0x00010001, "IIR: writing 1 clears only that bit");

	wr(PCODE_MAILBOX, PCODE_READY | 0x5);
	tap_ok(!(rd(PCODE_MAILBOX) & PCODE_READY) && rd(PCODE_DATA) == 0,
	       "PCODE mailbox: ready bit clear on the first poll, reply 0");

	wr(GFX_FLSH_CNTL, 1);
	tap_ok(flushes == 1, "GFX_FLSH_CNTL invalidates the GGTT");
	wr(BCS(RING_ELSP), 0xabcd0001);
	tap_ok(elsp_seen[SIM_BCS0] == 0xabcd0001, "ELSP writes reach the engine they belong to");
	tap_ok(rd(RCS_BASE + RING_TIMESTAMP) == 1000 &&
	       rd(VECS_BASE + RING_TIMESTAMP) == 1003, "RING_TIMESTAMP reads the engine's time");
	wr(0x1ff000, 0x55aa);
	tap_ok(rd(0x1ff000) == 0x55aa, "registers outside the table store their value");
}

static void test_identity(void)
{
	u32 fuse2 = rd(GEN8_FUSE2), eu = rd(GEN9_EU_DISABLE(0));
	int ss, eus = 0;

	for (ss = 0; ss < 4; ss++)
		if (!(fuse2 >> FUSE2_SS_DISABLE_SHIFT & BIT(ss)))
			eus += 8 - __builtin_popcount(eu >> (8 * ss) & 0xff);
	tap_ok((fuse2 >> FUSE2_SLICE_ENABLE_SHIFT & 7) == 1 && eus == 24,
	       "fuses decode as SKL GT2: one slice, 24 EUs (%d)", eus);
	wr(GEN8_FUSE2, 0);
	tap_ok(rd(GEN8_FUSE2) == fuse2, "fuses are read-only");
	tap_ok((rd(SKL_FUSE_STATUS) & (SKL_FUSE_DOWNLOAD_DONE | SKL_FUSE_PG_DIST(1))) ==
	       (SKL_FUSE_DOWNLOAD_DONE | SKL_FUSE_PG_DIST(1)),
	       "display fuses distributed on the first poll");
	wr(PWR_WELL_CTL_DRIVER, PWR_WELL_REQ(15) | PWR_WELL_REQ(14));
	tap_ok(rd(PWR_WELL_CTL_DRIVER) == (PWR_WELL_REQ(15) | PWR_WELL_STATE(15) |
					   PWR_WELL_REQ(14) | PWR_WELL_STATE(14)),
	       "power wells 1 and 2 are up on the first poll after the request");
	wr(PWR_WELL_CTL_DRIVER, 0);
	tap_ok(rd(PWR_WELL_CTL_DRIVER) == 0, "and down when released");
}

static void test_reset(void)
{
	wr(RCS(RING_IMR), 0);
	wr(BCS(RING_IMR), 0);
	wr(RCS(RING_TAIL), 0x80);
	wr(RCS(RING_FORCE_TO_NONPRIV(11)), 0x7014);
	wr(GDRST, GDRST_RENDER);
	tap_ok(reset_seen == GDRST_RENDER && rd(GDRST) == 0,
	       "GDRST: engine reset performed, register reads 0 on the first poll");
	tap_ok(rd(RCS(RING_IMR)) == ~0u && rd(RCS(RING_TAIL)) == 0,
	       "engine reset restores RCS0's registers");
	tap_ok(rd(RCS(RING_FORCE_TO_NONPRIV(11))) == 0x7014,
	       "but for its hardware whitelist: RING_FORCE_TO_NONPRIV survives it");
	tap_ok(rd(BCS(RING_IMR)) == 0, "and leaves BCS0's alone");
	wr(0x1ff000, 0x55aa);
	wr(GDRST, GDRST_FULL);
	tap_ok(rd(BCS(RING_IMR)) == ~0u && rd(0x1ff000) == 0 && rd(GT_IMR(0)) == ~0u &&
	       rd(RCS(RING_FORCE_TO_NONPRIV(11))) == 0,
	       "full reset restores every register, the whitelist slots included");
	tap_ok(rd(FORCEWAKE_ACK_RENDER) & 1, "forcewake requests survive a reset");
}

/* Offsets past the 2 MiB register file: nothing outside it is touched. */
static void test_range(void)
{
	static const u32 bad[] = { MGVT_MMIO_REG_SIZE, MGVT_MMIO_REG_SIZE + 4,
				   0x7ffffc, 0xfffffffc };
	long faults = atomic_long_read(&regs.range_faults);
	unsigned int i, ok = 0;

	for (i = 0; i < sizeof(bad) / 4; i++) {
		sim_regs_hw_write(&regs, bad[i], 0xdead);
		sim_regs_write(&regs, bad[i], 0xbeef);
		ok += sim_regs_hw_read(&regs, bad[i]) == 0 &&
		      sim_regs_hw_save(&regs, bad[i]) == 0 &&
		      sim_regs_read(&regs, bad[i]) == 0;
	}
	tap_ok(ok == sizeof(bad) / 4,
	       "offsets beyond the register file read 0, writes are dropped");
	tap_ok(atomic_long_read(&regs.range_faults) == faults + 5 * i,
	       "strict: every access beyond the register file is counted");
	sim_regs_hw_write(&regs, MGVT_MMIO_REG_SIZE - 4, 0x1234);
	tap_ok(sim_regs_hw_read(&regs, MGVT_MMIO_REG_SIZE - 4) == 0x1234,
	       "the last dword of the register file is storage as usual");
}

/*
 * The engine error registers: the GPU latches EIR (the driver clears it
 * by writing 1s), ESR, IPEHR, IPEIR and DMA_FADD; the driver only reads
 * those and sets the EMR mask.  An engine reset clears them, for that
 * engine only.  The GT's fault registers live in the GT (blitter) domain.
 */
static void test_error_regs(void)
{
	static const u32 ro[] = { RING_ESR, RING_IPEHR, RING_IPEIR, RING_DMA_FADD };
	long n = atomic_long_read(&regs.ro_writes), fw;
	unsigned int i, kept = 0, cleared = 0, other = 0;

	regs.val[RCS(RING_EIR) / 4] = ERR_INSTRUCTION | ERR_PAGE_TABLE;
	wr(RCS(RING_EIR), ERR_PAGE_TABLE);
	tap_ok(rd(RCS(RING_EIR)) == ERR_INSTRUCTION,
	       "RING_EIR: writing 1 clears that error bit only");
	for (i = 0; i < NREGS(ro); i++) {
		regs.val[RCS(ro[i]) / 4] = 0x1000 + i;
		regs.val[BCS(ro[i]) / 4] = 0x2000 + i;
		wr(RCS(ro[i]), 0);
		kept += rd(RCS(ro[i])) == 0x1000 + i;
	}
	tap_ok(kept == NREGS(ro) &&
	       atomic_long_read(&regs.ro_writes) == n + (long)NREGS(ro),
	       "RING_ESR, IPEHR, IPEIR and DMA_FADD are read-only to the driver");

	wr(RCS(RING_EMR), ~0u);
	kept = rd(RCS(RING_EMR)) == ~0u;
	regs.val[RCS(RING_EIR) / 4] = ERR_PAGE_TABLE;
	regs.val[BCS(RING_EIR) / 4] = ERR_PAGE_TABLE;
	wr(GDRST, GDRST_RENDER);
	for (i = 0; i < NREGS(ro); i++) {
		cleared += rd(RCS(ro[i])) == 0;
		other += rd(BCS(ro[i])) == 0x2000 + i;
	}
	tap_ok(kept && cleared == NREGS(ro) && !rd(RCS(RING_EIR)) && !rd(RCS(RING_EMR)) &&
	       other == NREGS(ro) && rd(BCS(RING_EIR)) == ERR_PAGE_TABLE,
	       "engine reset clears the engine's EIR, EMR (plain, reset 0), ESR, IPEHR, IPEIR, DMA_FADD, not another's");

	n = atomic_long_read(&regs.ro_writes);
	regs.val[FAULT_TLB_DATA0 / 4] = 0x12345;
	regs.val[FAULT_TLB_DATA1 / 4] = FAULT_TLB_GGTT;
	wr(FAULT_TLB_DATA0, 0);
	wr(FAULT_TLB_DATA1, 0);
	wr(FAULT_REG, FAULT_REG_VALID | FAULT_REG_GGTT);
	wr(FAULT_REG, FAULT_REG_GGTT);	/* the driver clears VALID */
	kept = rd(FAULT_TLB_DATA0) == 0x12345 && rd(FAULT_TLB_DATA1) == FAULT_TLB_GGTT &&
	       atomic_long_read(&regs.ro_writes) == n + 2 && rd(FAULT_REG) == FAULT_REG_GGTT;
	wr(GDRST, GDRST_FULL);
	tap_ok(kept && !rd(FAULT_REG) && !rd(FAULT_TLB_DATA0) && !rd(FAULT_TLB_DATA1) &&
	       !rd(BCS(RING_EIR)) && !rd(BCS(RING_ESR)),
	       "FAULT_TLB_DATA0/1 are read-only, FAULT_REG the driver's; a full reset clears them all");
	wr(FORCEWAKE_GT, 0x00010000);
	fw = nofw();
	rd(FAULT_REG);
	rd(FAULT_TLB_DATA0);
	tap_ok(nofw() == fw + 2, "the fault registers need the GT (blitter) forcewake domain");
	wr(FORCEWAKE_GT, 0x00010001);
}

static void test_execlist_status_regs(void)
{
	long n = atomic_long_read(&regs.ro_writes);
	bool ro;

	regs.val[VCS_BASE / 4 + RING_EXECLIST_STATUS / 4] = EXECLIST_0_VALID;
	regs.val[VCS_BASE / 4 + RING_EXECLIST_STATUS_HI / 4] = 0x1234;
	wr(VCS_BASE + RING_EXECLIST_STATUS, 0);
	wr(VCS_BASE + RING_EXECLIST_STATUS_HI, 0);
	ro = rd(VCS_BASE + RING_EXECLIST_STATUS) == EXECLIST_0_VALID &&
	     rd(VCS_BASE + RING_EXECLIST_STATUS_HI) == 0x1234 &&
	     atomic_long_read(&regs.ro_writes) == n + 2;
	wr(GDRST, GDRST_MEDIA);
	tap_ok(ro && !rd(VCS_BASE + RING_EXECLIST_STATUS_HI),
	       "RING_EXECLIST_STATUS and STATUS_HI are read-only to the driver, reset to 0");
}

int main(void)
{
	tap_header();
	if (sim_regs_init(&regs, &hooks, NULL))
		return 1;
	test_forcewake();
	test_semantics();
	test_identity();
	test_reset();
	test_range();
	tap_ok(nofw() == 2, "strict: exactly the two deliberate accesses were counted (%ld)", nofw());
	tap_ok(atomic_long_read(&regs.ro_writes) == 2, "strict: both writes to read-only registers counted");
	test_error_regs();
	test_execlist_status_regs();
	sim_regs_fini(&regs);
	return tap_finish();
}

// SPDX-License-Identifier: GPL-2.0
/*
 * mgvt-sim execlists (gvt/sim/execlist.c), checked by value: the CSB
 * events and their order for single, paired and lite-restore submissions
 * as a Gen9 i915 consumes them, the HWSP mirror, interrupts, context
 * restore and save (ring head included) and a hung engine.
 */
#include <string.h>
#include <stdlib.h>

#include "sim/execlist.h"
#include "sim_env.h"
#include "tap.h"

static struct sim_regs regs;
static struct sim_engine eng, rcs;

static bool h_idle(void *p, enum sim_engine_id e) { return sim_engine_idle(&eng); }
static void h_elsp(void *p, enum sim_engine_id e, u32 v) { }
static void h_reset(void *p, u32 g)
{
	sim_regs_reset(&regs, g);
	if (g & (GDRST_FULL | GDRST_BLT))
		sim_engine_reset(&eng);
	if (g & (GDRST_FULL | GDRST_RENDER))
		sim_engine_reset(&rcs);
}
static void h_flush(void *p) { sim_ggtt_invalidate(&ggtt); }
static u64 h_ts(void *p, enum sim_engine_id e) { return 0; }
static const struct sim_regs_hooks hooks = { h_idle, h_elsp, h_reset, h_flush, h_ts };
static u32 cs_read(void *p, u32 r) { return sim_regs_hw_read(&regs, r); }
static void cs_write(void *p, u32 r, u32 v) { sim_regs_hw_write(&regs, r, v); }
static const struct sim_cs_ops cs_ops = { cs_read, cs_write };

#define BASE		BCS_BASE
#define GM_HWS		0x10000ULL
#define GM_CTX_A	0x20000ULL	/* 2 pages */
#define GM_CTX_B	0x30000ULL
#define GM_RING_A	0x40000ULL
#define GM_RING_B	0x50000ULL
#define GM_DATA		0x60000ULL
#define GM_BATCH	0x70000ULL
#define GM_UNMAPPED	0x7f000ULL	/* no GGTT entry */
#define GM_CTX_BAD	0x90000ULL	/* no GGTT entry */
#define GM_CTX_R	0xa0000ULL	/* RCS context, 2 pages */
#define GM_RING_R	0xb0000ULL
#define GM_WA		0xc0000ULL	/* indirect context batches */
#define GM_SCRATCH	0xd0000ULL
#define GM_HWS_R	0xe0000ULL
#define MI_SDI		(0x10000000 | 1 << 22 | 2)
#define MI_SDI_PPGTT	(0x10000000 | 2)
#define MI_BBS		(0x18800000 | 1)
#define MI_BBE		0x05000000
#define MI_UNKNOWN	0x1f800000
#define MI_ARB_ON_OFF	0x04000000
#define MI_USER_INT	0x01000000
#define MI_SEM_GTE	(0x0e000000 | 1 << 22 | 1 << 15 | 1 << 12 | 2)
#define MI_LRI1		0x11000001
#define MI_SRM		(0x12000000 | 1 << 22 | 2)
#define MI_LRM		(0x14800000 | 1 << 22 | 2)
#define MI_LRR		(0x15000000 | 1)


static u32 *hws, *ctx_a, *ctx_b, *ring_a, *ring_b, *data, *batch;
static u32 *ctx_r, *ring_r, *wa, *scratch;

static u32 rd(u32 off) { return sim_regs_read(&regs, off); }
static void wr(u32 off, u32 val) { sim_regs_write(&regs, off, val); }
#define EREG(off)	rd(BASE + (off))

/* A logical ring context image: one LRI list in page 1. */
static void make_ctx(u32 *img, u64 ring, u32 tail)
{
	u32 *s = img + 1024;
	static const u32 regs_list[] = {
		RING_CONTEXT_CONTROL, RING_HEAD, RING_TAIL,
		RING_START, RING_CTL, RING_PDP_UDW(0),
		RING_PDP_LDW(0), 0x2d0 /* a plain engine register */,
	};
	const u32 vals[] = { 0xffff0000, 0, tail, ring, 0x1000 | 1, 0, 0, 0x1234 };
	unsigned int i, n = sizeof(regs_list) / 4;

	memset(s, 0, 4096);
	s[1] = 0x11000000 | (2 * n - 1);
	for (i = 0; i < n; i++) {
		s[2 + 2 * i] = BASE + regs_list[i];
		s[3 + 2 * i] = vals[i];
	}
	s[2 + 2 * n] = 0x05000000;
}

static u64 desc(u64 lrca, u32 id)
{
	return (u64)id << 32 | lrca | CTX_DESC_MODE_4LVL << 3 | CTX_DESC_VALID;
}

static void submit(u64 d0, u64 d1)
{
	u64 d[2];

	sim_engine_elsp(&eng, d1 >> 32, d);
	sim_engine_elsp(&eng, (u32)d1, d);
	sim_engine_elsp(&eng, d0 >> 32, d);
	tap_ok(sim_engine_elsp(&eng, (u32)d0, d) && d[0] == d0 && d[1] == d1,
	       "ELSP: four dwords, element 1 first, make one submission");
	sim_engine_submit(&eng, d);
}

/* The same, quietly, for tests about what the engine does with it. */
static void elsp(u64 d0, u64 d1)
{
	u64 d[2];

	sim_engine_elsp(&eng, d1 >> 32, d);
	sim_engine_elsp(&eng, (u32)d1, d);
	sim_engine_elsp(&eng, d0 >> 32, d);
	if (sim_engine_elsp(&eng, (u32)d0, d))
		sim_engine_submit(&eng, d);
}

static enum sim_cs_status run_all(void)
{
	enum sim_cs_status st;
	int i = 0;

	do {
		st = sim_engine_run(&eng, eng.cs.time_ns + 100000);
	} while (st == SIM_CS_BUDGET && ++i < 100);
	return st;
}

/* CSB entry n as the driver sees it in the HWSP, checked against the register copy. */
static bool csb_is(unsigned int n, u32 status, u32 id)
{
	return hws[HWSP_CSB + 2 * n] == status && hws[HWSP_CSB + 2 * n + 1] == id &&
	       regs.val[(BASE + RING_CSB(n)) / 4] == status;
}

/*
 * Engine reset as a driver does it (RESET_CTL handshake, GDRST), then the
 * engine set up again and the GT interrupts acknowledged.  Returns whether
 * the engine was ready for the reset.
 */
static bool reset_engine(void)
{
	bool ready;

	wr(BASE + RING_RESET_CTL, MASKED_ENABLE(RESET_CTL_REQUEST));
	ready = EREG(RING_RESET_CTL) & RESET_CTL_READY;
	wr(GDRST, GDRST_BLT);
	wr(BASE + RING_RESET_CTL, MASKED_DISABLE(RESET_CTL_REQUEST));
	wr(BASE + RING_HWS_PGA, GM_HWS);
	wr(BASE + RING_CSB_PTR, 0xffff0000 | 5 << 8 | 5);
	wr(GT_IIR(0), ~0u);
	return ready;
}

static void setup(void)
{
	sim_iommu_init(&mmu);
	sim_ggtt_init(&ggtt);
	sim_regs_init(&regs, &hooks, NULL);
	sim_engine_init(&eng, SIM_BCS0, &regs, &mmu, &ggtt, &cs_ops, NULL);
	hws = gm_map(GM_HWS, 1);
	ctx_a = gm_map(GM_CTX_A, 2);
	ctx_b = gm_map(GM_CTX_B, 2);
	ring_a = gm_map(GM_RING_A, 1);
	ring_b = gm_map(GM_RING_B, 1);
	data = gm_map(GM_DATA, 1);
	batch = gm_map(GM_BATCH, 1);
	ctx_r = gm_map(GM_CTX_R, 2);
	ring_r = gm_map(GM_RING_R, 1);
	wa = gm_map(GM_WA, 1);
	scratch = gm_map(GM_SCRATCH, 1);
	gm_map(GM_HWS_R, 1);
	sim_engine_init(&rcs, SIM_RCS0, &regs, &mmu, &ggtt, &cs_ops, NULL);
	sim_regs_write(&regs, FORCEWAKE_RENDER, 0x00010001);
	sim_regs_write(&regs, RCS_BASE + RING_HWS_PGA, GM_HWS_R);
	sim_regs_write(&regs, RCS_BASE + RING_CSB_PTR, 0xffff0000 | 5 << 8 | 5);
	regs.val[GT_IMR(0) / 4] = 0;
	sim_regs_write(&regs, FORCEWAKE_GT, 0x00010001);
	sim_regs_write(&regs, BASE + RING_HWS_PGA, GM_HWS);
	sim_regs_write(&regs, BASE + RING_CSB_PTR, 0xffff0000 | 5 << 8 | 5);
}

static void test_single(void)
{
	memcpy(ring_a, (u32[]){ MI_SDI, GM_DATA, 0, 0xa1, MI_USER_INT, 0 }, 24);
	make_ctx(ctx_a, GM_RING_A, 24);
	submit(desc(GM_CTX_A, 0x11), 0);
	tap_ok(csb_is(0, CSB_IDLE_ACTIVE, 0) && hws[HWSP_CSB_WRITE] == 0,
	       "single: IDLE_ACTIVE first, write pointer wraps from 5 to 0");
	tap_ok(!sim_engine_idle(&eng), "the engine is busy");
	tap_ok(run_all() == SIM_CS_IDLE && data[0] == 0xa1, "the context's ring ran");
	tap_ok(csb_is(1, CSB_COMPLETE | CSB_ACTIVE_IDLE, 0x11) &&
	       hws[HWSP_CSB_WRITE] == 1 &&
	       (regs.val[(BASE + RING_CSB_PTR) / 4] & 0xf) == 1,
	       "then COMPLETE|ACTIVE_IDLE with the context ID, in CSB and HWSP");
	tap_ok((regs.val[GT_IIR(0) / 4] >> 16) == (GT_CONTEXT_SWITCH | GT_USER_INTERRUPT),
	       "context-switch and user interrupts in BCS0's half of GT0 IIR");
	tap_ok(ctx_a[1024 + 5] == 24, "the saved image holds the ring head at the tail");
	tap_ok(ctx_a[1024 + 3] == 0xffff0000 && regs.val[(BASE + 0x2d0) / 4] == 0x1234,
	       "registers restored from the image; masked ones saved with full mask");
	tap_ok(sim_engine_idle(&eng), "the engine is idle again");
}

static void test_pair(void)
{
	memcpy(ring_a, (u32[]){ MI_SDI, GM_DATA + 4, 0, 0xa2 }, 16);
	memcpy(ring_b, (u32[]){ MI_SDI, GM_DATA + 8, 0, 0xb2, 0, 0, 0, 0 }, 32);
	make_ctx(ctx_a, GM_RING_A, 16);
	make_ctx(ctx_b, GM_RING_B, 32);
	submit(desc(GM_CTX_A, 0x21), desc(GM_CTX_B, 0x22));
	run_all();
	tap_ok(data[1] == 0xa2 && data[2] == 0xb2, "paired: both contexts ran");
	tap_ok(csb_is(2, CSB_IDLE_ACTIVE, 0) &&
	       csb_is(3, CSB_COMPLETE | CSB_ELEMENT_SWITCH, 0x21) &&
	       csb_is(4, CSB_COMPLETE | CSB_ACTIVE_IDLE, 0x22),
	       "paired: IDLE_ACTIVE, COMPLETE|ELEMENT_SWITCH (A), COMPLETE|ACTIVE_IDLE (B)");
}

static void test_lite_restore(void)
{
	data[0x10] = 0;
	memcpy(ring_a, (u32[]){ MI_SEM_GTE, 1, GM_DATA + 0x40, 0,
				MI_SDI, GM_DATA + 0x44, 0, 0xc1 }, 32);
	make_ctx(ctx_a, GM_RING_A, 16);
	submit(desc(GM_CTX_A, 0x31), 0);
	tap_ok(run_all() == SIM_CS_WAIT && !sim_engine_idle(&eng),
	       "lite restore: context A waits on a semaphore");
	make_ctx(ctx_a, GM_RING_A, 32);	/* the driver moved the tail */
	submit(desc(GM_CTX_A, 0x31), 0);
	tap_ok(csb_is(0, CSB_PREEMPTED | CSB_LITE_RESTORE, 0x31),
	       "resubmitting the running context reports PREEMPTED|LITE_RESTORE");
	data[0x10] = 1;
	tap_ok(run_all() == SIM_CS_IDLE && data[0x11] == 0xc1 &&
	       csb_is(1, CSB_COMPLETE | CSB_ACTIVE_IDLE, 0x31),
	       "and it runs on to the new tail, then completes");
}

/* A long blit: completion is reported only once its modelled time is over. */
static void test_no_early_completion(void)
{
	u64 t0;

	memcpy(ring_a, (u32[]){ 0x54000000 | 3 << 20 | 5, 3U << 24 | 0xf0 << 16 | 4096,
				0, 1 << 16 | 1024, GM_DATA, 0, 7, 0 }, 32);
	make_ctx(ctx_a, GM_RING_A, 32);
	submit(desc(GM_CTX_A, 0x51), 0);
	t0 = eng.cs.time_ns;
	tap_ok(sim_engine_run(&eng, t0 + 1) == SIM_CS_BUDGET && eng.cs.time_ns >= t0 + 512,
	       "a 4 KiB fill starts and is charged its modelled time");
	tap_ok(!sim_engine_idle(&eng) && !csb_is(3, CSB_COMPLETE | CSB_ACTIVE_IDLE, 0x51),
	       "so the context is not reported complete early");
	tap_ok(sim_engine_run(&eng, eng.cs.time_ns + 100) == SIM_CS_IDLE &&
	       csb_is(3, CSB_COMPLETE | CSB_ACTIVE_IDLE, 0x51) && data[1023] == 7,
	       "it completes once modelled time reaches the blit's end");
}

static void test_hang(void)
{
	memcpy(ring_a, (u32[]){ 0x1f800000, 0 }, 8);
	make_ctx(ctx_a, GM_RING_A, 8);
	submit(desc(GM_CTX_A, 0x41), 0);
	tap_ok(run_all() == SIM_CS_ERROR && !sim_engine_idle(&eng) && eng.faults == 1,
	       "an unknown command hangs the engine");
	sim_engine_reset(&eng);
	tap_ok(sim_engine_idle(&eng), "engine reset makes it idle");
	submit(desc(GM_CTX_A, 0x42) & ~(3ULL << 3), 0);
	tap_ok(run_all() == SIM_CS_ERROR && eng.cs.error == SIM_CS_ERR_UNSUPPORTED,
	       "a context in legacy 32-bit mode is refused");
}

/*
 * Commands name registers with 23 bits (8 MiB) while the register file is
 * 2 MiB: any offset beyond it hangs the engine and touches nothing.
 */
static void test_reg_range(void)
{
	static const u32 cmds[][4] = {
		{ MI_LRI1, 0x200000, 0x5a5a5a5a, 0 },
		{ MI_LRI1, 0x7ffffc, 0x5a5a5a5a, 0 },
		{ MI_SRM, 0x200000, GM_DATA + 0x100, 0 },
		{ MI_LRM, 0x7ffff0, GM_DATA + 0x100, 0 },
		{ MI_LRR, 0x200004, BASE + 0x2d0, 0 },
		{ MI_LRR, BASE + 0x2d0, 0x600000, 0 },
		{ 0x11000003, BASE + 0x2d0, 0x77, 0x3ffffc },	/* 2nd pair bad */
	};
	unsigned int i, hung = 0, reported = 0;
	unsigned long faults;

	data[0x40] = 0xc0ffee;
	data[0x41] = 0;
	regs.val[(BASE + 0x2d0) / 4] = 0x1234;
	for (i = 0; i < (sizeof(cmds) / sizeof(cmds[0])); i++) {
		reset_engine();
		memcpy(ring_a, cmds[i], 16);
		memcpy(ring_a + 4, (u32[]){ MI_SDI, GM_DATA + 0x104, 0, 0xbad }, 16);
		make_ctx(ctx_a, GM_RING_A, 32);
		faults = eng.faults;
		submit(desc(GM_CTX_A, 0x60 + i), 0);
		hung += run_all() == SIM_CS_ERROR &&
			eng.cs.error == SIM_CS_ERR_REGISTER &&
			eng.cs.error_dw == cmds[i][0] && eng.faults == faults + 1;
		reported += EREG(RING_ESR) == ERR_INSTRUCTION &&
			    EREG(RING_EIR) == ERR_INSTRUCTION &&
			    EREG(RING_IPEHR) == cmds[i][0] &&
			    EREG(RING_DMA_FADD) == GM_RING_A;
	}
	tap_ok(hung == (sizeof(cmds) / sizeof(cmds[0])),
	       "LRI/SRM/LRM/LRR beyond the register file hang the engine, counted (%u of %u)",
	       hung, (unsigned int)(sizeof(cmds) / sizeof(cmds[0])));
	tap_ok(reported == (sizeof(cmds) / sizeof(cmds[0])),
	       "each is an ERR_INSTRUCTION with the command in IPEHR, its address in DMA_FADD (%u of %u)",
	       reported, (unsigned int)(sizeof(cmds) / sizeof(cmds[0])));
	tap_ok(data[0x40] == 0xc0ffee && data[0x41] == 0 &&
	       regs.val[(BASE + 0x2d0) / 4] == 0x1234,
	       "and nothing is stored: not the command's register, memory or later commands");
	tap_ok(atomic_long_read(&regs.range_faults) == 0,
	       "the streamer stops them before the register file sees them");
	sim_engine_reset(&eng);
}

/*
 * A Gen9 engine that stops on an error says so: ESR and (unless EMR masks
 * it) EIR, the failed command in IPEHR, its address in DMA_FADD, the level
 * in IPEIR, GT_CS_ERROR in the GT IIR; memory faults in the GT's fault
 * registers too.  It holds its context until reset.
 */
static void test_engine_error(void)
{
	unsigned long f0;
	u32 esr, wp;
	bool ready;
	u64 pte;

	reset_engine();
	f0 = eng.faults;
	memcpy(ring_a, (u32[]){ 0, 0, MI_UNKNOWN, 0 }, 16);
	make_ctx(ctx_a, GM_RING_A, 16);
	elsp(desc(GM_CTX_A, 0x71), 0);
	wp = hws[HWSP_CSB_WRITE];
	wr(GT_IIR(0), ~0u);
	tap_ok(run_all() == SIM_CS_ERROR && EREG(RING_ESR) == ERR_INSTRUCTION &&
	       EREG(RING_EIR) == ERR_INSTRUCTION && eng.faults == f0 + 1,
	       "an unknown command: ESR and EIR say ERR_INSTRUCTION, engine_faults counts it");
	tap_ok(EREG(RING_IPEHR) == MI_UNKNOWN && EREG(RING_DMA_FADD) == GM_RING_A + 8 &&
	       EREG(RING_IPEIR) == 0,
	       "IPEHR holds the command, DMA_FADD its ring address, IPEIR level 0 (the ring)");
	tap_ok(rd(GT_IIR(0)) == GT_CS_ERROR << 16 && !(rd(FAULT_REG) & FAULT_REG_VALID),
	       "GT_CS_ERROR (only) latched in BCS0's half of GT0 IIR; no memory fault reported");
	elsp(desc(GM_CTX_B, 0x72), 0);
	tap_ok(hws[HWSP_CSB_WRITE] == wp && !sim_engine_idle(&eng) &&
	       run_all() == SIM_CS_ERROR && EREG(RING_IPEHR) == MI_UNKNOWN &&
	       rd(GT_IIR(0)) == GT_CS_ERROR << 16,
	       "the engine holds: context loaded, no CSB event, ELSP ignored, error kept");
	wr(BASE + RING_EIR, ERR_INSTRUCTION);
	tap_ok(!EREG(RING_EIR) && EREG(RING_ESR) == ERR_INSTRUCTION,
	       "the driver clears EIR by writing 1s; ESR keeps the error until reset");

	esr = EREG(RING_ESR);
	ready = reset_engine();
	memcpy(ring_b, (u32[]){ MI_SDI, GM_DATA + 0x80, 0, 0xe1 }, 16);
	make_ctx(ctx_b, GM_RING_B, 16);
	elsp(desc(GM_CTX_B, 0x73), 0);
	tap_ok(esr == ERR_INSTRUCTION && ready && !EREG(RING_EIR) &&
	       !EREG(RING_IPEHR) && !EREG(RING_DMA_FADD) &&
	       run_all() == SIM_CS_IDLE && data[0x20] == 0xe1 &&
	       csb_is(1, CSB_COMPLETE | CSB_ACTIVE_IDLE, 0x73) && !EREG(RING_ESR),
	       "engine reset clears the error registers and drops the context; a new submission runs");

	/* A store through an invalid GGTT entry, in a batch. */
	reset_engine();
	memcpy(batch, (u32[]){ 0, MI_SDI, GM_UNMAPPED + 0x10, 0, 0xbad, MI_BBE }, 24);
	memcpy(ring_a, (u32[]){ MI_BBS, GM_BATCH, 0, 0 }, 16);
	make_ctx(ctx_a, GM_RING_A, 16);
	elsp(desc(GM_CTX_A, 0x74), 0);
	tap_ok(run_all() == SIM_CS_ERROR && EREG(RING_ESR) == ERR_PAGE_TABLE &&
	       EREG(RING_EIR) == ERR_PAGE_TABLE && EREG(RING_IPEHR) == MI_SDI &&
	       EREG(RING_DMA_FADD) == GM_BATCH + 4 && EREG(RING_IPEIR) == 1 &&
	       (rd(GT_IIR(0)) >> 16) & GT_CS_ERROR,
	       "a store to an invalid GGTT entry in a batch: ERR_PAGE_TABLE, IPEHR the store, DMA_FADD its batch address, IPEIR 1");
	tap_ok(rd(FAULT_REG) == (FAULT_REG_VALID | FAULT_REG_GGTT | 2 << 12) &&
	       rd(FAULT_TLB_DATA0) == GM_UNMAPPED >> 12 && rd(FAULT_TLB_DATA1) == FAULT_TLB_GGTT,
	       "FAULT_REG: valid, GGTT, engine bcs (hw id 2); FAULT_TLB_DATA0/1: the page, GGTT");

	/* A PPGTT store without a PPGTT, at a 48-bit address. */
	reset_engine();
	memcpy(ring_a, (u32[]){ MI_SDI_PPGTT, 0x56789ab8, 0x1234, 7 }, 16);
	make_ctx(ctx_a, GM_RING_A, 16);
	elsp(desc(GM_CTX_A, 0x75), 0);
	tap_ok(run_all() == SIM_CS_ERROR && EREG(RING_ESR) == ERR_PAGE_TABLE &&
	       EREG(RING_DMA_FADD) == GM_RING_A && EREG(RING_IPEIR) == 0 &&
	       rd(FAULT_TLB_DATA0) == GM_UNMAPPED >> 12,
	       "a second fault: the engine reports it, the fault registers keep the first");
	wr(FAULT_REG, rd(FAULT_REG) & ~FAULT_REG_VALID);
	reset_engine();
	elsp(desc(GM_CTX_A, 0x76), 0);
	tap_ok(run_all() == SIM_CS_ERROR && rd(FAULT_REG) == (FAULT_REG_VALID | 2 << 12) &&
	       rd(FAULT_TLB_DATA0) == 0x23456789 && rd(FAULT_TLB_DATA1) == 0x1,
	       "once the driver clears VALID: PPGTT fault at 0x123456789ab8, bits 47:44 in DATA1");
	wr(FAULT_REG, 0);

	/* EMR masks EIR (not ESR); GT_IMR masks the interrupt (not EIR). */
	reset_engine();
	wr(BASE + RING_EMR, ERR_INSTRUCTION);
	memcpy(ring_a, (u32[]){ 0, 0, MI_UNKNOWN, 0 }, 16);
	make_ctx(ctx_a, GM_RING_A, 16);
	elsp(desc(GM_CTX_A, 0x77), 0);
	wr(GT_IIR(0), ~0u);
	tap_ok(run_all() == SIM_CS_ERROR && EREG(RING_ESR) == ERR_INSTRUCTION &&
	       !EREG(RING_EIR) && !rd(GT_IIR(0)) && EREG(RING_IPEHR) == MI_UNKNOWN,
	       "an error EMR masks: ESR set, EIR not, no interrupt");
	reset_engine();
	esr = EREG(RING_EIR) | EREG(RING_ESR);
	regs.val[GT_IMR(0) / 4] = GT_CS_ERROR << 16;
	elsp(desc(GM_CTX_A, 0x78), 0);
	wr(GT_IIR(0), ~0u);
	tap_ok(!esr && run_all() == SIM_CS_ERROR && EREG(RING_EIR) == ERR_INSTRUCTION &&
	       EREG(RING_ESR) == ERR_INSTRUCTION && !rd(GT_IIR(0)),
	       "GT_IMR masking GT_CS_ERROR: EIR set, nothing in IIR");
	regs.val[GT_IMR(0) / 4] = 0;

	/* A context image that cannot be read at restore. */
	reset_engine();
	f0 = eng.faults;
	elsp(desc(GM_CTX_BAD, 0x79), 0);
	tap_ok(run_all() == SIM_CS_ERROR && !sim_engine_idle(&eng) && eng.faults == f0 + 1 &&
	       EREG(RING_ESR) == ERR_PAGE_TABLE && EREG(RING_IPEHR) == 0 &&
	       EREG(RING_DMA_FADD) == GM_CTX_BAD + 4096 &&
	       rd(FAULT_TLB_DATA0) == (GM_CTX_BAD + 4096) >> 12 &&
	       (rd(GT_IIR(0)) >> 16) & GT_CS_ERROR,
	       "an unreadable context image: ERR_PAGE_TABLE, DMA_FADD and the fault registers name its page");
	wr(FAULT_REG, 0);

	/* The image unmapped while its context waits, then a lite restore. */
	reset_engine();
	data[0x10] = 0;
	memcpy(ring_a, (u32[]){ MI_SEM_GTE, 1, GM_DATA + 0x40, 0,
				MI_SDI, GM_DATA + 0x44, 0, 0xc1 }, 32);
	make_ctx(ctx_a, GM_RING_A, 16);
	elsp(desc(GM_CTX_A, 0x7a), 0);
	run_all();
	pte = sim_ggtt_read(&ggtt, (GM_CTX_A >> 12) + 1);
	sim_ggtt_write(&ggtt, (GM_CTX_A >> 12) + 1, 0);
	sim_ggtt_invalidate(&ggtt);
	elsp(desc(GM_CTX_A, 0x7a), 0);
	tap_ok(eng.cs.error && EREG(RING_ESR) == ERR_PAGE_TABLE &&
	       EREG(RING_DMA_FADD) == GM_CTX_A + 4096 &&
	       rd(FAULT_TLB_DATA0) == (GM_CTX_A + 4096) >> 12,
	       "an image unreadable at lite restore: ERR_PAGE_TABLE naming its page");
	sim_ggtt_write(&ggtt, (GM_CTX_A >> 12) + 1, pte);
	sim_ggtt_invalidate(&ggtt);
	wr(FAULT_REG, 0);
	reset_engine();
}

/* A PPGTT for the contexts, VA 0..2 MiB; VA_BATCH holds a batch. */
#define VA_BATCH	0x1000ULL
static u64 pp_root;
static u32 *pp_batch;

static void *pp_page(u64 *dma)
{
	void *p = aligned_alloc(4096, 4096);

	if (!p || sim_iommu_map(&mmu, (struct page *)p, 1, dma))
		abort();
	memset(p, 0, 4096);
	return p;
}

static void pp_setup(void)
{
	u64 *pml4 = pp_page(&pp_root), *pdp, *pd, *pt, d;

	pdp = pp_page(&d);
	pml4[0] = d | GEN8_PTE_PRESENT;
	pd = pp_page(&d);
	pdp[0] = d | GEN8_PTE_PRESENT;
	pt = pp_page(&d);
	pd[0] = d | GEN8_PTE_PRESENT;
	pp_batch = pp_page(&d);
	pt[VA_BATCH >> 12] = d | GEN8_PTE_PRESENT;
}

/* Context A on the test PPGTT (its image's PDP0), ring calling VA_BATCH. */
static void ppgtt_ctx(void)
{
	memcpy(ring_a, (u32[]){ MI_BBS | 1 << 8, VA_BATCH, 0, 0 }, 16);
	make_ctx(ctx_a, GM_RING_A, 16);
	ctx_a[1024 + 13] = pp_root >> 32;	/* RING_PDP_UDW(0) */
	ctx_a[1024 + 15] = (u32)pp_root;	/* RING_PDP_LDW(0) */
}

/*
 * A batch in the PPGTT runs non-privileged: a register write off the
 * hardware whitelist is a command privilege violation, reported as Gen9
 * does; a RING_FORCE_TO_NONPRIV slot the driver programs (and an engine
 * reset keeps) opens the register.
 */
static void test_privilege_error(void)
{
	unsigned long f0 = eng.faults, p0 = eng.privilege_errors;

	pp_setup();
	reset_engine();
	memcpy(pp_batch, (u32[]){ 0, MI_LRI1, BASE + 0x2d0, 0x5a5a, MI_BBE }, 20);
	ppgtt_ctx();	/* its restore sets BASE + 0x2d0 to 0x1234 */
	elsp(desc(GM_CTX_A, 0x7b), 0);
	wr(GT_IIR(0), ~0u);
	tap_ok(run_all() == SIM_CS_ERROR && eng.cs.error == SIM_CS_ERR_PRIVILEGE &&
	       EREG(RING_ESR) == ERR_PRIVILEGE && EREG(RING_EIR) == ERR_PRIVILEGE &&
	       rd(GT_IIR(0)) == GT_CS_ERROR << 16 && !(rd(FAULT_REG) & FAULT_REG_VALID),
	       "PPGTT batch, LRI off the whitelist: ESR and EIR say ERR_PRIVILEGE, GT_CS_ERROR, no memory fault");
	tap_ok(EREG(RING_IPEHR) == MI_LRI1 && EREG(RING_IPEIR) == 1 &&
	       EREG(RING_DMA_FADD) == VA_BATCH + 4 &&
	       regs.val[(BASE + 0x2d0) / 4] == 0x1234,
	       "IPEHR the LRI, IPEIR level 1, DMA_FADD its PPGTT address; the register kept");
	tap_ok(eng.faults == f0 + 1 && eng.privilege_errors == p0 + 1,
	       "engine_faults and privilege_errors count it");

	wr(BASE + RING_FORCE_TO_NONPRIV(7), BASE + 0x2d0);
	reset_engine();
	ppgtt_ctx();
	elsp(desc(GM_CTX_A, 0x7c), 0);
	tap_ok(run_all() == SIM_CS_IDLE && regs.val[(BASE + 0x2d0) / 4] == 0x5a5a &&
	       eng.privilege_errors == p0 + 1,
	       "the driver names the register in a RING_FORCE_TO_NONPRIV slot: after the engine reset the batch writes it");
	wr(BASE + RING_FORCE_TO_NONPRIV(7), 0);
	reset_engine();
}

/*
 * RING_EXECLIST_STATUS (lower dword) and _HI follow every transition: the
 * valid ports, element 0 active, a submission waiting in ELSP, the
 * streamer's arbitration; HI the ID of the context in port 0.
 */
static void test_execlist_status(void)
{
	const u32 running = EXECLIST_0_VALID | EXECLIST_0_ACTIVE;
	u32 lo_q, hi_q, lo_2, hi_2, lo_1, hi_1;
	u64 d[2], d0 = desc(GM_CTX_A, 0x81), d1 = desc(GM_CTX_B, 0x82);

	reset_engine();
	data[0x12] = 0;
	data[0x13] = 0;
	memcpy(ring_a, (u32[]){ MI_ARB_ON_OFF | 1, 0, MI_SEM_GTE, 1, GM_DATA + 0x48, 0,
				MI_SDI, GM_DATA + 0x50, 0, 0xa8 }, 40);
	memcpy(ring_b, (u32[]){ MI_SEM_GTE, 1, GM_DATA + 0x4c, 0,
				MI_SDI, GM_DATA + 0x54, 0, 0xb8 }, 32);
	make_ctx(ctx_a, GM_RING_A, 40);
	make_ctx(ctx_b, GM_RING_B, 32);

	sim_engine_elsp(&eng, d1 >> 32, d);
	sim_engine_elsp(&eng, (u32)d1, d);
	sim_engine_elsp(&eng, d0 >> 32, d);
	sim_engine_elsp(&eng, (u32)d0, d);
	lo_q = EREG(RING_EXECLIST_STATUS);
	hi_q = EREG(RING_EXECLIST_STATUS_HI);
	sim_engine_submit(&eng, d);
	tap_ok(lo_q == EXECLIST_QUEUE_FULL && !hi_q,
	       "EXECLIST_STATUS: QUEUE_FULL while a written quad waits for the engine (%#x)", lo_q);
	tap_ok(EREG(RING_EXECLIST_STATUS) == (running | EXECLIST_1_VALID) &&
	       EREG(RING_EXECLIST_STATUS_HI) == 0x81,
	       "taken: both elements valid, element 0 active; STATUS_HI its context ID (%#x, %#x)",
	       EREG(RING_EXECLIST_STATUS), EREG(RING_EXECLIST_STATUS_HI));
	run_all();
	tap_ok(EREG(RING_EXECLIST_STATUS) == (running | EXECLIST_1_VALID | EXECLIST_ARB_ENABLE),
	       "ARB_ENABLE follows the streamer's MI_ARB_ON_OFF (%#x)", EREG(RING_EXECLIST_STATUS));
	data[0x12] = 1;
	run_all();
	lo_2 = EREG(RING_EXECLIST_STATUS);
	hi_2 = EREG(RING_EXECLIST_STATUS_HI);
	data[0x13] = 1;
	run_all();
	lo_1 = EREG(RING_EXECLIST_STATUS);
	hi_1 = EREG(RING_EXECLIST_STATUS_HI);
	tap_ok(data[0x14] == 0xa8 && lo_2 == (running | EXECLIST_ARB_ENABLE) && hi_2 == 0x82,
	       "after the element switch the second context is element 0 (%#x, %#x)", lo_2, hi_2);
	tap_ok(data[0x15] == 0xb8 && lo_1 == EXECLIST_ARB_ENABLE && !hi_1,
	       "idle: no element valid, STATUS_HI 0 (%#x, %#x)", lo_1, hi_1);

	memcpy(ring_a, (u32[]){ MI_UNKNOWN, 0 }, 8);
	make_ctx(ctx_a, GM_RING_A, 8);
	elsp(desc(GM_CTX_A, 0x83), 0);
	run_all();
	lo_1 = EREG(RING_EXECLIST_STATUS);
	hi_1 = EREG(RING_EXECLIST_STATUS_HI);
	reset_engine();
	tap_ok((lo_1 & ~EXECLIST_ARB_ENABLE) == running && hi_1 == 0x83 &&
	       !EREG(RING_EXECLIST_STATUS) && !EREG(RING_EXECLIST_STATUS_HI),
	       "a hung engine reports its context in STATUS_HI until the engine reset clears both");
}

/* Image dwords (page 1) make_ctx() fills: values of CTX_CTRL, HEAD, 0x2d0. */
#define IMG_CTX_CTRL	(1024 + 3)
#define IMG_HEAD	(1024 + 5)
#define IMG_2D0		(1024 + 17)

/*
 * FORCE_RESTORE in element 0 naming the running context: no lite restore.
 * The running state is dropped (not saved), the image restored in full
 * (ring context only with RESTORE_INHIBIT) and the ring restarts at the
 * image's head; one promote event, PREEMPTED, with the old ID.
 */
static void test_force_restore(void)
{
	u32 saved_head, reg;

	reset_engine();
	data[0x18] = 0;
	memset(&data[0x19], 0, 8);
	/* Store, wait on data[0x18], store: runs into the wait at 16. */
	memcpy(ring_a, (u32[]){ MI_SDI, GM_DATA + 0x64, 0, 1,
				MI_SEM_GTE, 1, GM_DATA + 0x60, 0,
				MI_SDI, GM_DATA + 0x68, 0, 0xf1, 0, 0, 0, 0 }, 64);
	make_ctx(ctx_a, GM_RING_A, 32);
	elsp(desc(GM_CTX_A, 0x91), 0);
	run_all();
	/* The driver rewinds the image past the wait, as after a reset. */
	ctx_a[IMG_HEAD] = 32;
	ctx_a[1024 + 7] = 48;
	ctx_a[IMG_2D0] = 0x5678;
	elsp(desc(GM_CTX_A, 0x92) | CTX_DESC_FORCE_RESTORE, 0);
	saved_head = ctx_a[IMG_HEAD];
	reg = regs.val[(BASE + 0x2d0) / 4];
	tap_ok(data[0x19] == 1 && csb_is(1, CSB_PREEMPTED, 0x91),
	       "FORCE_RESTORE of the running context: PREEMPTED without LITE_RESTORE, the old ID");
	tap_ok(saved_head == 32 && reg == 0x5678 && EREG(RING_EXECLIST_STATUS_HI) == 0x92,
	       "the running state is not saved, the image is restored in full");
	tap_ok(run_all() == SIM_CS_IDLE && data[0x1a] == 0xf1 && !data[0x18] &&
	       csb_is(2, CSB_COMPLETE | CSB_ACTIVE_IDLE, 0x92) && ctx_a[IMG_HEAD] == 48,
	       "the ring restarts at the image's head and runs to its tail");

	/* The same with RESTORE_INHIBIT: the ring context only. */
	reset_engine();
	data[0x1a] = 0;
	make_ctx(ctx_a, GM_RING_A, 32);
	elsp(desc(GM_CTX_A, 0x93), 0);
	run_all();
	ctx_a[IMG_CTX_CTRL] = MASKED_ENABLE(CTX_RESTORE_INHIBIT);
	ctx_a[IMG_HEAD] = 32;
	ctx_a[1024 + 7] = 48;
	ctx_a[IMG_2D0] = 0x9abc;
	elsp(desc(GM_CTX_A, 0x94) | CTX_DESC_FORCE_RESTORE, 0);
	tap_ok(csb_is(1, CSB_PREEMPTED, 0x93) && regs.val[(BASE + 0x2d0) / 4] == 0x1234 &&
	       run_all() == SIM_CS_IDLE && data[0x1a] == 0xf1 && !data[0x18],
	       "with RESTORE_INHIBIT in the image: ring context restored, not the rest");
	reset_engine();
}

/* An RCS image: the ring context, then INDIRECT_CTX and its offset. */
static void make_rcs_ctx(u32 *img, u64 ring, u32 tail, bool inhibit,
			 u32 indirect_ctx)
{
	u32 *s = img + 1024;
	static const u32 regs_list[] = {
		RING_CONTEXT_CONTROL, RING_HEAD, RING_TAIL, RING_START, RING_CTL,
		RING_PDP_UDW(0), RING_PDP_LDW(0), RING_INDIRECT_CTX,
		RING_INDIRECT_CTX_OFFSET,
	};
	const u32 vals[] = { inhibit ? MASKED_ENABLE(CTX_RESTORE_INHIBIT) : 0xffff0000,
			     0, tail, ring, 0x1000 | 1, 0, 0, indirect_ctx, 0x26 << 6 };
	unsigned int i, n = sizeof(regs_list) / 4;

	memset(s, 0, 4096);
	s[1] = 0x11000000 | (2 * n - 1);
	for (i = 0; i < n; i++) {
		s[2 + 2 * i] = RCS_BASE + regs_list[i];
		s[3 + 2 * i] = vals[i];
	}
	s[2 + 2 * n] = MI_BBE;
}

static void rcs_submit(u64 d0)
{
	u64 d[2];

	sim_engine_elsp(&rcs, 0, d);
	sim_engine_elsp(&rcs, 0, d);
	sim_engine_elsp(&rcs, d0 >> 32, d);
	if (sim_engine_elsp(&rcs, (u32)d0, d))
		sim_engine_submit(&rcs, d);
}

static enum sim_cs_status rcs_run(void)
{
	enum sim_cs_status st;
	int i = 0;

	do {
		st = sim_engine_run(&rcs, rcs.cs.time_ns + 100000);
	} while (st == SIM_CS_BUDGET && ++i < 100);
	return st;
}

static void rcs_reset(void)
{
	wr(GDRST, GDRST_RENDER);
	wr(RCS_BASE + RING_HWS_PGA, GM_HWS_R);
	wr(RCS_BASE + RING_CSB_PTR, 0xffff0000 | 5 << 8 | 5);
	wr(GT_IIR(0), ~0u);
}

/* Indirect context batches, each in its own 64-byte aligned slot of GM_WA. */
#define WA_I915		0x000	/* 3 cachelines, then what must not run */
#define WA_BBE		0x200	/* 2 cachelines, ended early by a BBE */
#define WA_MARK		0x400	/* 1 cacheline: one store */
#define WA_FAULT	0x600	/* 1 cacheline: a store that faults */
#define WA_CHAIN	0x800	/* 1 cacheline: chains to GM_SCRATCH + 0x800 */
#define MI_SRM_GGTT	(0x12000000 | 1 << 22 | 2)
#define MI_LRM_GGTT	(0x14800000 | 1 << 22 | 2)
#define PIPE_CONTROL	(0x7a000000 | 4)
#define PC_CS_STALL	(1 << 20)
#define PC_DC_FLUSH	(1 << 5)
#define PC_FLUSH_L3	(1 << 27)
#define PC_STORE_INDEX	(1 << 21)
#define PC_QW_WRITE	(1 << 14)
#define L3SQCREG4	0xb118
#define PPHWSP_SCRATCH	0xd0

static void make_wa(void)
{
	/*
	 * What a 6.1 i915 puts in the Gen9 RCS indirect context batch: arbitration
	 * off, L3SQCREG4 saved, set and restored around a flush, a store-index
	 * PIPE_CONTROL to the PPHWSP scratch, three chicken registers, arbitration
	 * on, padded with MI_NOOPs to its cacheline.
	 */
	static const u32 i915_wa[] = {
		MI_ARB_ON_OFF,
		MI_SRM_GGTT, L3SQCREG4, GM_SCRATCH + 0x10, 0,
		MI_LRI1, L3SQCREG4, 0x00c0ffee | 1 << 21,
		PIPE_CONTROL, PC_CS_STALL | PC_DC_FLUSH, 0, 0, 0, 0,
		MI_LRM_GGTT, L3SQCREG4, GM_SCRATCH + 0x10, 0,
		PIPE_CONTROL, PC_FLUSH_L3 | PC_STORE_INDEX | PC_CS_STALL | PC_QW_WRITE,
		PPHWSP_SCRATCH, 0, 0, 0,
		0x11000005, 0x7014, 0x10000000, 0x2088, 0x00020002, 0x2090, 0x10001000,
		0,
		MI_ARB_ON_OFF | 1,
	};

	memset(wa, 0, 4096);
	memcpy(wa + WA_I915 / 4, i915_wa, sizeof(i915_wa));
	memcpy(wa + (WA_I915 + 192) / 4,
	       (u32[]){ MI_SDI, GM_SCRATCH + 0x40, 0, 0xbad, MI_UNKNOWN }, 20);
	memcpy(wa + WA_BBE / 4, (u32[]){ MI_SDI, GM_SCRATCH + 0x80, 0, 0xb0, MI_BBE,
					 MI_SDI, GM_SCRATCH + 0x84, 0, 0xbad }, 36);
	memcpy(wa + WA_MARK / 4, (u32[]){ MI_SDI, GM_SCRATCH + 0xc0, 0, 0x77 }, 16);
	memcpy(wa + WA_FAULT / 4, (u32[]){ 0, 0, MI_SDI, GM_UNMAPPED, 0, 1 }, 24);
	memcpy(wa + WA_CHAIN / 4, (u32[]){ MI_BBS, GM_SCRATCH + 0x800, 0 }, 12);
}

/*
 * RCS INDIRECT_CTX: at a full restore of an RCS context whose image has it
 * with a non-zero size, the engine runs size x 64 bytes of commands from
 * that GGTT address (a BBE ends them early) before the ring.  Not with
 * restore-inhibit, not on lite restore, not on other engines.
 */
static void test_indirect_ctx(void)
{
	u64 d_r = desc(GM_CTX_R, 0xa1);
	u32 before;

	make_wa();
	memset(scratch, 0, 4096);
	ctx_r[PPHWSP_SCRATCH / 4] = ~0u;
	ctx_r[PPHWSP_SCRATCH / 4 + 1] = ~0u;
	regs.val[L3SQCREG4 / 4] = 0x00c0ffee;
	rcs_reset();
	/* The ring reads back what the batch loaded into 0x2090. */
	memcpy(ring_r, (u32[]){ MI_SRM_GGTT, 0x2090, GM_DATA + 0xc0, 0, 0, 0, 0, 0 }, 32);
	make_rcs_ctx(ctx_r, GM_RING_R, 32, false, (GM_WA + WA_I915) | 3);
	rcs_submit(d_r);
	tap_ok(rcs_run() == SIM_CS_IDLE && scratch[4] == 0x00c0ffee &&
	       regs.val[L3SQCREG4 / 4] == 0x00c0ffee && !ctx_r[PPHWSP_SCRATCH / 4] &&
	       !ctx_r[PPHWSP_SCRATCH / 4 + 1] && regs.val[0x7014 / 4] == 0x10000000 &&
	       regs.val[0x2088 / 4] == 0x00020002,
	       "RCS full restore runs i915's wa batch from INDIRECT_CTX: SRM/LRI/LRM 0xb118, store-index PIPE_CONTROL, LRI(3)");
	tap_ok(data[0x30] == 0x10001000 && !scratch[0x10] &&
	       (rd(RCS_BASE + RING_CSB(1)) & CSB_COMPLETE),
	       "before the ring (which sees what it loaded); it ends after size x 64 bytes, no BBE needed");

	memcpy(ring_r, (u32[]){ MI_SDI, GM_DATA + 0xc4, 0, 0xa2 }, 16);
	make_rcs_ctx(ctx_r, GM_RING_R, 16, false, (GM_WA + WA_BBE) | 2);
	rcs_submit(desc(GM_CTX_R, 0xa2));
	tap_ok(rcs_run() == SIM_CS_IDLE && scratch[0x20] == 0xb0 && !scratch[0x21] &&
	       data[0x31] == 0xa2,
	       "a BBE in the batch ends it early; the ring runs");

	/* Chained to from the batch: runs to its own end, past 64 bytes. */
	memset(scratch + 0x200, 0, 128);
	memcpy(scratch + 0x200 + 20, (u32[]){ MI_SDI, GM_SCRATCH + 0x100, 0, 0xc4, MI_BBE }, 20);
	memcpy(ring_r, (u32[]){ MI_SDI, GM_DATA + 0xd4, 0, 0xa8 }, 16);
	make_rcs_ctx(ctx_r, GM_RING_R, 16, false, (GM_WA + WA_CHAIN) | 1);
	rcs_submit(desc(GM_CTX_R, 0xa8));
	tap_ok(rcs_run() == SIM_CS_IDLE && scratch[0x40] == 0xc4 && data[0x35] == 0xa8,
	       "a batch it chains to runs to its own BBE, then the ring");

	/* Lite restore: not run; FORCE_RESTORE (a full restore): run. */
	data[0x1c] = 0;
	memcpy(ring_r, (u32[]){ MI_SEM_GTE, 1, GM_DATA + 0x70, 0,
				MI_SDI, GM_DATA + 0xc8, 0, 0xa3 }, 32);
	make_rcs_ctx(ctx_r, GM_RING_R, 16, false, (GM_WA + WA_MARK) | 1);
	rcs_submit(desc(GM_CTX_R, 0xa3));
	rcs_run();
	before = scratch[0x30];
	scratch[0x30] = 0;
	make_rcs_ctx(ctx_r, GM_RING_R, 32, false, (GM_WA + WA_MARK) | 1);
	rcs_submit(desc(GM_CTX_R, 0xa3));
	tap_ok(before == 0x77 && rcs_run() == SIM_CS_WAIT && !scratch[0x30],
	       "run at the first (full) restore, not at a lite restore");
	rcs_submit(desc(GM_CTX_R, 0xa3) | CTX_DESC_FORCE_RESTORE);
	data[0x1c] = 1;
	tap_ok(rcs_run() == SIM_CS_IDLE && scratch[0x30] == 0x77 && data[0x32] == 0xa3,
	       "and again at a FORCE_RESTORE, a full restore");

	/* Restore-inhibit: not run; the next full restore: run. */
	scratch[0x30] = 0;
	memcpy(ring_r, (u32[]){ MI_SDI, GM_DATA + 0xcc, 0, 0xa4 }, 16);
	make_rcs_ctx(ctx_r, GM_RING_R, 16, true, (GM_WA + WA_MARK) | 1);
	rcs_submit(desc(GM_CTX_R, 0xa4));
	before = rcs_run() == SIM_CS_IDLE && !scratch[0x30] && data[0x33] == 0xa4;
	make_rcs_ctx(ctx_r, GM_RING_R, 16, false, (GM_WA + WA_MARK) | 1);
	rcs_submit(desc(GM_CTX_R, 0xa5));
	tap_ok(before && rcs_run() == SIM_CS_IDLE && scratch[0x30] == 0x77,
	       "not run with restore-inhibit, run at the next full restore");

	/* BCS0 with INDIRECT_CTX in its image: not run; RCS0: run. */
	scratch[0x30] = 0;
	reset_engine();
	memcpy(ring_a, (u32[]){ MI_SDI, GM_DATA + 0xd0, 0, 0xb5 }, 16);
	make_ctx(ctx_a, GM_RING_A, 16);
	ctx_a[1024 + 16] = BASE + RING_INDIRECT_CTX;	/* instead of 0x2d0 */
	ctx_a[1024 + 17] = (GM_WA + WA_MARK) | 1;
	elsp(desc(GM_CTX_A, 0xb5), 0);
	before = run_all() == SIM_CS_IDLE && data[0x34] == 0xb5 && !scratch[0x30];
	rcs_submit(desc(GM_CTX_R, 0xa6));
	tap_ok(before && rcs_run() == SIM_CS_IDLE && scratch[0x30] == 0x77,
	       "BCS0 ignores INDIRECT_CTX in its image; RCS0 runs it");

	/* A fault in the batch is an engine error at level 1. */
	rcs_reset();
	make_rcs_ctx(ctx_r, GM_RING_R, 16, false, (GM_WA + WA_FAULT) | 1);
	rcs_submit(desc(GM_CTX_R, 0xa7));
	tap_ok(rcs_run() == SIM_CS_ERROR && rd(RCS_BASE + RING_ESR) == ERR_PAGE_TABLE &&
	       rd(RCS_BASE + RING_IPEIR) == 1 && rd(RCS_BASE + RING_IPEHR) == MI_SDI &&
	       rd(RCS_BASE + RING_DMA_FADD) == GM_WA + WA_FAULT + 8 &&
	       rd(FAULT_REG) == (FAULT_REG_VALID | FAULT_REG_GGTT) &&
	       (rd(GT_IIR(0)) & GT_CS_ERROR),
	       "a fault in it: ERR_PAGE_TABLE at level 1, DMA_FADD in the batch, FAULT_REG engine rcs");
	wr(FAULT_REG, 0);
	rcs_reset();
}

int main(void)
{
	tap_header();
	setup();
	test_single();
	test_pair();
	test_lite_restore();
	test_no_early_completion();
	test_hang();
	test_reg_range();
	test_engine_error();
	test_privilege_error();
	test_execlist_status();
	test_force_restore();
	test_indirect_ctx();
	tap_ok(atomic_long_read(&regs.no_forcewake) == 0 &&
	       atomic_long_read(&ggtt.stale_uses) == 0 &&
	       atomic_long_read(&mmu.faults) == 0,
	       "strict counters stay zero for a correct driver");
	return tap_finish();
}

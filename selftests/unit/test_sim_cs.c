// SPDX-License-Identifier: GPL-2.0
/*
 * mgvt-sim command streamer and blitter (gvt/sim/cs.c, gvt/sim/blt.c),
 * checked by value: stores and register moves land where the commands say,
 * batch buffers nest, chain and return, blits are compared pixel by pixel
 * with a reference, and bad commands or addresses stop the engine without
 * touching memory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "regs/regs.h"
#include "sim/cs.h"
#include "sim_env.h"
#include "tap.h"

#define MI_NOOP			0x00000000
#define MI_USER_INTERRUPT	0x01000000
#define MI_ARB_ON_OFF		0x04000000
#define MI_BBE			0x05000000
#define MI_SEM_WAIT(op)		(0x0e000000 | 1 << 22 | 1 << 15 | (op) << 12 | 2)
#define MI_SDI			(0x10000000 | 1 << 22 | 2)
#define MI_SDI_PPGTT		(0x10000000 | 2)
#define MI_LRI(n)		(0x11000000 | (2 * (n) - 1))
#define MI_SRM			(0x12000000 | 1 << 22 | 2)
#define MI_FLUSH_DW_IDX		(0x13000000 | 1 << 21 | 1 << 14 | 2)
#define MI_LRM			(0x14800000 | 1 << 22 | 2)
#define MI_LRR			(0x15000000 | 1)
#define MI_BBS			(0x18800000 | 1)
#define MI_BBS_2ND		(MI_BBS | 1 << 22)
#define MI_BBS_PPGTT		(MI_BBS | 1 << 8)
#define PIPE_CONTROL		(0x7a000000 | 4)
#define VF_STATISTICS(on)	(0x680b0000 | (on))	/* one dword */
#define CC_STATE_POINTERS	0x780e0000		/* 2 dwords */
#define MI_UNKNOWN		0x1f800000
#define XY_COLOR_BLT		(0x54000000 | 3 << 20 | 5)
#define XY_SRC_COPY_BLT		(0x54c00000 | 3 << 20 | 8)
#define BR13(rop, pitch)	(3U << 24 | (rop) << 16 | (pitch))

static struct sim_tlb tlb;
static struct sim_mem mem = { &mmu, &ggtt, &tlb };
static u32 regs[0x40000];

static u32 reg_read(void *priv, u32 reg) { return regs[reg / 4]; }
static void reg_write(void *priv, u32 reg, u32 val) { regs[reg / 4] = val; }
static const struct sim_cs_ops ops = { reg_read, reg_write };

/* GM layout of the test. */
#define GM_RING		0x100000ULL	/* 2 pages */
#define GM_BB1		0x200000ULL
#define GM_BB2		0x201000ULL
#define GM_BB3		0x202000ULL
#define GM_BB4		0x203000ULL
#define GM_DATA		0x300000ULL
#define GM_HWSP		0x310000ULL
#define GM_SURF		0x400000ULL	/* 256 x 32 x 4 bytes = 8 pages */
#define GM_SURF2	0x410000ULL
#define RING_SIZE	0x2000


static u32 *ring, *bb1, *bb2, *bb3, *bb4, *data, *hwsp, *surf, *surf2;

static void new_cs(struct sim_cs *cs, enum sim_engine_id e)
{
	memset(cs, 0, sizeof(*cs));
	cs->engine = e;
	cs->mem = &mem;
	cs->ops = &ops;
	cs->ring_start = GM_RING;
	cs->ring_size = RING_SIZE;
	cs->hwsp = GM_HWSP;
}

/* Append @n dwords to the ring at the tail. */
static void emit(struct sim_cs *cs, const u32 *dw, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		ring[cs->tail / 4] = dw[i];
		cs->tail = (cs->tail + 4) % RING_SIZE;
	}
}
#define EMIT(cs, ...) do { const u32 __d[] = { __VA_ARGS__ }; \
	emit(cs, __d, sizeof(__d) / 4); } while (0)

static enum sim_cs_status run(struct sim_cs *cs)
{
	return sim_cs_run(cs, 1000000);
}

static void test_mi(void)
{
	struct sim_cs cs;

	new_cs(&cs, SIM_RCS0);
	EMIT(&cs, MI_ARB_ON_OFF | 1, MI_SDI, GM_DATA + 8, 0, 0xdeadbeef,
	     MI_USER_INTERRUPT, MI_NOOP);
	tap_ok(run(&cs) == SIM_CS_IDLE && cs.head == cs.tail, "ring runs to its tail");
	tap_ok(data[2] == 0xdeadbeef, "MI_STORE_DWORD_IMM lands at its GGTT address");
	tap_ok(cs.user_interrupts == 1 && cs.arb_enabled, "MI_USER_INTERRUPT counted, MI_ARB_ON_OFF applied");

	EMIT(&cs, MI_LRI(2), 0x2340, 0x11112222, 0x2344, 0x33334444,
	     MI_SRM, 0x2344, GM_DATA + 16, 0,
	     MI_LRR, 0x2340, 0x2348);
	data[5] = 0x5555aaaa;
	EMIT(&cs, MI_LRM, 0x234c, GM_DATA + 20, 0);
	run(&cs);
	tap_ok(regs[0x2340 / 4] == 0x11112222 && regs[0x2344 / 4] == 0x33334444,
	       "MI_LOAD_REGISTER_IMM writes both registers");
	tap_ok(data[4] == 0x33334444, "MI_STORE_REGISTER_MEM stores the register");
	tap_ok(regs[0x2348 / 4] == 0x11112222, "MI_LOAD_REGISTER_REG copies");
	tap_ok(regs[0x234c / 4] == 0x5555aaaa, "MI_LOAD_REGISTER_MEM loads");

	EMIT(&cs, PIPE_CONTROL, 1 << 21 | 1 << 14, 0x100, 0, 0x77, 0,
	     PIPE_CONTROL, 1 << 24 | 1 << 14, GM_DATA + 32, 0, 0x88, 0x99);
	run(&cs);
	tap_ok(hwsp[0x40] == 0x77, "PIPE_CONTROL store-index writes the per-process HWSP");
	tap_ok(data[8] == 0x88 && data[9] == 0x99, "PIPE_CONTROL post-sync qword write");
}

static void test_batches(void)
{
	enum sim_cs_status st;
	unsigned int i, over = 0;
	struct sim_cs cs;
	u32 t0;

	new_cs(&cs, SIM_BCS0);
	/* bb1: store, call bb2 (second level), store, chain to bb3. */
	memcpy(bb1, (u32[]){ MI_SDI, GM_DATA + 0x40, 0, 1,
			     MI_BBS_2ND, GM_BB2, 0,
			     MI_SDI, GM_DATA + 0x44, 0, 3,
			     MI_BBS, GM_BB3, 0 }, 14 * 4);
	memcpy(bb2, (u32[]){ MI_SDI, GM_DATA + 0x48, 0, 2, MI_BBE }, 5 * 4);
	memcpy(bb3, (u32[]){ MI_SDI, GM_DATA + 0x4c, 0, 4, MI_BBE }, 5 * 4);
	EMIT(&cs, MI_BBS, GM_BB1, 0, MI_SDI, GM_DATA + 0x50, 0, 5);
	tap_ok(run(&cs) == SIM_CS_IDLE && cs.level == 0, "batches return to the ring");
	tap_ok(data[0x10] == 1 && data[0x12] == 2 && data[0x11] == 3 &&
	       data[0x13] == 4 && data[0x14] == 5,
	       "first level, second level, return, chained batch, ring: all ran in order");

	/* Ring wrap: a command that straddles the end of the ring. */
	cs.head = cs.tail = RING_SIZE - 8;
	EMIT(&cs, MI_SDI, GM_DATA + 0x60, 0, 0x600d);
	tap_ok(run(&cs) == SIM_CS_IDLE && data[0x18] == 0x600d && cs.head == 8,
	       "a command wrapping around the ring end executes");

	/* Runaway: a batch that chains to itself. */
	memcpy(bb3, (u32[]){ MI_NOOP, MI_BBS, GM_BB3, 0 }, 4 * 4);
	EMIT(&cs, MI_BBS, GM_BB3, 0);
	t0 = cs.time_ns;
	for (st = SIM_CS_BUDGET, i = 0; st == SIM_CS_BUDGET &&
	     cs.time_ns - t0 < 200000 && i < 1000; i++) {
		u64 t1 = cs.time_ns;

		st = sim_cs_run(&cs, 100000);
		over += cs.time_ns - t1 > 100000 + 50;
	}
	tap_ok(st == SIM_CS_BUDGET && cs.time_ns - t0 >= 200000,
	       "a looping batch keeps the engine busy, one step at a time");
	tap_ok(!over, "and consumes modelled time, not more than the budget per step");
}

/*
 * Whatever a command stream holds, one step (one sim_cs_run() call, what
 * the runner does with interrupts off) does bounded work.  Measured in
 * model units: a blit is charged 4 bytes per pixel at 8 bytes per ns plus
 * its 200 ns, and each MI_USER_INTERRUPT is counted.
 */
#define GM_BIG		0x1000000ULL	/* 128 pages, nothing after them */
#define BIG_PAGES	128

static void test_step_bounds(void)
{
	/* 65535 x 65535 at a pitch of 4096: row 65 runs off the 512 KiB. */
	const u64 px_before_fault = 65 * 65535ULL + 64512;
	u64 t0, dt, worst = 0, budget_ns = 10 * 1000 * 1000;
	u32 *big = gm_map(GM_BIG, BIG_PAGES), *bb = bb2;
	enum sim_cs_status st;
	unsigned int i, steps = 0;
	struct sim_cs cs;
	u32 ui;

	new_cs(&cs, SIM_BCS0);
	cs.head = cs.tail = 0x800;
	EMIT(&cs, XY_COLOR_BLT, BR13(0xf0, 4096), 0, 0xffffffff, GM_BIG, 0,
	     0x600dcafe);
	t0 = cs.time_ns;
	st = sim_cs_run(&cs, 1);
	dt = cs.time_ns - t0;
	tap_ok(st == SIM_CS_BUDGET && dt <= 200 + SIM_CS_STEP_PIXELS / 2,
	       "a 65535x65535 XY_COLOR_BLT: the first step moves at most %u pixels (%llu)",
	       SIM_CS_STEP_PIXELS,
	       (unsigned long long)(dt > 200 ? (dt - 200) * 2 : 0));
	for (steps = 1; st == SIM_CS_BUDGET && steps < 2000; steps++) {
		u64 t1 = cs.time_ns;

		st = sim_cs_run(&cs, 1);
		worst = cs.time_ns - t1 > worst ? cs.time_ns - t1 : worst;
	}
	tap_ok(st == SIM_CS_ERROR && cs.fault == SIM_FAULT_PTE &&
	       worst <= SIM_CS_STEP_PIXELS / 2,
	       "it goes on step by step, each within the bound, to the fault (%u steps)",
	       steps);
	tap_ok(cs.time_ns - t0 == 200 + px_before_fault / 2 &&
	       big[BIG_PAGES * 1024 - 1] == 0x600dcafe && cs.head == 0x800,
	       "split or not, it writes and costs exactly up to the fault");

	/* A batch of MI_USER_INTERRUPTs that chains to itself. */
	for (i = 0; i < 1000; i++)
		bb[i] = MI_USER_INTERRUPT;
	bb[1000] = MI_BBS;
	bb[1001] = GM_BB2;
	bb[1002] = 0;
	new_cs(&cs, SIM_RCS0);
	cs.head = cs.tail = 0x900;
	EMIT(&cs, MI_BBS, GM_BB2, 0);
	ui = cs.user_interrupts;
	st = sim_cs_run(&cs, budget_ns);
	tap_ok(st == SIM_CS_BUDGET &&
	       cs.user_interrupts - ui <= SIM_CS_STEP_DWORDS,
	       "a step of a looping batch runs at most %u commands, whatever its time budget (%u)",
	       SIM_CS_STEP_DWORDS, cs.user_interrupts - ui);
}

/* Blits that take several steps land as one would. */
static void test_split_blits(void)
{
	static u32 ref[256 * 32];
	unsigned int i, bad = 0, steps = 0;
	enum sim_cs_status st;
	struct sim_cs cs;

	new_cs(&cs, SIM_BCS0);
	cs.head = cs.tail = 0xa00;
	for (i = 0; i < 256 * 32; i++)
		surf[i] = ref[i] = i * 2654435761u;
	EMIT(&cs, XY_SRC_COPY_BLT, BR13(0xcc, 1024), 0, 32 << 16 | 256,
	     GM_SURF2, 0, 0, 1024, GM_SURF, 0);
	EMIT(&cs, XY_COLOR_BLT, BR13(0xf0, 1024), 0, 32 << 16 | 255, GM_SURF, 0,
	     0x12345678);
	EMIT(&cs, MI_SDI, GM_DATA + 0x70, 0, 0x5d1);
	data[0x1c] = 0;
	do {
		st = sim_cs_run(&cs, 1000000);
		steps++;
	} while (st == SIM_CS_BUDGET && steps < 100);
	for (i = 0; i < 256 * 32; i++)
		bad += surf2[i] != ref[i] ||
		       surf[i] != (i % 256 == 255 ? ref[i] : 0x12345678);
	tap_ok(st == SIM_CS_IDLE && steps >= 4 && !bad && data[0x1c] == 0x5d1,
	       "8192-pixel copy and fill over %u steps: every pixel right (%u differ), then the next command",
	       steps, bad);
	tap_ok(cs.time_ns == 200 + 8192 / 2 + 200 + 8160 / 2 + 40,
	       "and charged what they would cost in one go (%llu ns)",
	       (unsigned long long)cs.time_ns);
}

static void test_semaphore(void)
{
	struct sim_cs cs;
	u32 head;

	new_cs(&cs, SIM_VCS0);
	data[0x20] = 1;
	EMIT(&cs, MI_SEM_WAIT(1), 5, GM_DATA + 0x80, 0, MI_SDI, GM_DATA + 0x84, 0, 9);
	head = cs.head;
	tap_ok(run(&cs) == SIM_CS_WAIT && cs.head == head && data[0x21] == 0,
	       "MI_SEMAPHORE_WAIT (>=) holds the engine while 1 < 5");
	data[0x20] = 5;
	tap_ok(run(&cs) == SIM_CS_IDLE && data[0x21] == 9, "and releases it at 5");
	EMIT(&cs, MI_FLUSH_DW_IDX, 0x108, 0, 0xabc);
	run(&cs);
	tap_ok(hwsp[0x42] == 0xabc, "MI_FLUSH_DW store-index writes the per-process HWSP");
}

/*
 * 3DSTATE_VF_STATISTICS is 0x680b with its enable in bit 0 and one dword
 * long (the null render state batch of a guest holds 0x680b0001); 0x780b
 * is an ordinary 3D state command with a length field.  Dwords that would
 * be read as commands if the parse slipped are unknown MI opcodes.
 */
static void test_vf_statistics(void)
{
	enum sim_cs_status st;
	struct sim_cs cs;
	u64 after[3];
	unsigned int i;

	memcpy(bb4, (u32[]){ VF_STATISTICS(1), CC_STATE_POINTERS, 0x40,
			     VF_STATISTICS(0), CC_STATE_POINTERS, MI_UNKNOWN | 1,
			     MI_SDI, GM_DATA + 0x90, 0, 0x5ad,
			     MI_BBE }, 11 * 4);
	data[0x24] = 0;
	new_cs(&cs, SIM_RCS0);
	cs.head = cs.tail = 0xb00;
	EMIT(&cs, MI_BBS, GM_BB4, 0);
	/* One command per step: a budget of 1 ns lets one start. */
	for (i = 0; i < 3; i++) {
		sim_cs_run(&cs, 1);
		after[i] = cs.level ? cs.bb_addr[cs.level] : 0;
	}
	tap_ok(after[0] == GM_BB4 && after[1] == GM_BB4 + 4 &&
	       after[2] == GM_BB4 + 12,
	       "3DSTATE_VF_STATISTICS (0x680b0001) is one dword: the next command starts after it (+%u, +%u)",
	       (unsigned int)(after[1] - GM_BB4), (unsigned int)(after[2] - GM_BB4));
	st = run(&cs);
	tap_ok(st == SIM_CS_IDLE && !cs.error && data[0x24] == 0x5ad,
	       "VF_STATISTICS on and off, each followed by a 2-dword command: the batch parses in sync to its end");

	new_cs(&cs, SIM_RCS0);
	cs.head = cs.tail = 0xc00;
	EMIT(&cs, 0x780b0000, MI_UNKNOWN, MI_SDI, GM_DATA + 0x94, 0, 0x780b);
	st = run(&cs);
	tap_ok(st == SIM_CS_IDLE && !cs.error && data[0x25] == 0x780b,
	       "0x780b0000 is no VF_STATISTICS: an ordinary 2-dword 3D state command");
}

/* Reference rendering, the same blits done on the CPU. */
static void ref_fill(u32 *img, int pitch, int x1, int y1, int x2, int y2, u32 c)
{
	for (int y = y1; y < y2; y++)
		for (int x = x1; x < x2; x++)
			img[y * pitch / 4 + x] = c;
}

static void test_blits(void)
{
	static u32 ref[256 * 32], ref2[256 * 32];
	struct sim_cs cs;
	int i, bad = 0;

	new_cs(&cs, SIM_BCS0);
	EMIT(&cs, XY_COLOR_BLT, BR13(0xf0, 1024), 4 << 16 | 8, 20 << 16 | 200,
	     GM_SURF, 0, 0xff336699);
	tap_ok(run(&cs) == SIM_CS_IDLE, "XY_COLOR_BLT executes on BCS0");
	ref_fill(ref, 1024, 8, 4, 200, 20, 0xff336699);
	for (i = 0; i < 256 * 32; i++)
		bad += surf[i] != ref[i];
	tap_ok(!bad, "XY_COLOR_BLT: every pixel matches the reference (%d differ)", bad);
	tap_ok(cs.time_ns >= 192 * 16 * 4 / 8, "XY_COLOR_BLT costs time per byte (%llu ns)",
	       (unsigned long long)cs.time_ns);

	for (i = 0; i < 256 * 32; i++)
		surf[i] = ref[i] = i * 2654435761u;
	memcpy(ref2, surf2, sizeof(ref2));
	for (int y = 0; y < 10; y++)
		for (int x = 0; x < 100; x++)
			ref2[(y + 20) * 256 + x + 150] = ref[(y + 3) * 256 + x + 7];
	EMIT(&cs, XY_SRC_COPY_BLT, BR13(0xcc, 1024), 20 << 16 | 150, 30 << 16 | 250,
	     GM_SURF2, 0, 3 << 16 | 7, 1024, GM_SURF, 0);
	tap_ok(run(&cs) == SIM_CS_IDLE, "XY_SRC_COPY_BLT executes");
	bad = 0;
	for (i = 0; i < 256 * 32; i++)
		bad += surf2[i] != ref2[i];
	tap_ok(!bad, "XY_SRC_COPY_BLT: every pixel matches the reference (%d differ)", bad);
}

static void test_errors(void)
{
	struct sim_cs cs;

	new_cs(&cs, SIM_RCS0);
	EMIT(&cs, XY_COLOR_BLT, BR13(0xf0, 1024), 0, 1 << 16 | 1, GM_SURF, 0, 1);
	tap_ok(run(&cs) == SIM_CS_ERROR && cs.error == SIM_CS_ERR_UNKNOWN,
	       "a blit on RCS0 is an unknown command there");
	tap_ok(run(&cs) == SIM_CS_ERROR, "the engine stays hung until reset");

	new_cs(&cs, SIM_BCS0);
	cs.head = cs.tail = 0x100;
	EMIT(&cs, PIPE_CONTROL, 0, 0, 0, 0, 0);
	tap_ok(run(&cs) == SIM_CS_ERROR, "PIPE_CONTROL on BCS0 is refused");

	new_cs(&cs, SIM_VECS0);
	cs.head = cs.tail = 0x200;
	EMIT(&cs, MI_LRI(1) + 1, 0x2000, 1, 0);
	tap_ok(run(&cs) == SIM_CS_ERROR && cs.error == SIM_CS_ERR_UNKNOWN,
	       "MI_LOAD_REGISTER_IMM with an even length is malformed");

	new_cs(&cs, SIM_VCS0);
	cs.head = cs.tail = 0x300;
	EMIT(&cs, 0x1f800000);
	tap_ok(run(&cs) == SIM_CS_ERROR && cs.error_dw == 0x1f800000,
	       "unknown MI opcode stops the engine and names the dword");

	new_cs(&cs, SIM_BCS0);
	cs.head = cs.tail = 0x400;
	EMIT(&cs, MI_SDI, 0x7ff00000, 0, 0x1234);
	tap_ok(run(&cs) == SIM_CS_ERROR && cs.error == SIM_CS_ERR_FAULT &&
	       cs.fault == SIM_FAULT_PTE, "store through an invalid GGTT entry faults");

	new_cs(&cs, SIM_BCS0);
	cs.head = cs.tail = 0x500;
	EMIT(&cs, MI_SDI_PPGTT, GM_DATA, 0, 0x1234);
	tap_ok(run(&cs) == SIM_CS_ERROR && cs.fault == SIM_FAULT_PTE && data[0] == 0,
	       "a PPGTT store without a PPGTT faults and writes nothing");

	new_cs(&cs, SIM_BCS0);
	cs.head = cs.tail = 0x600;
	EMIT(&cs, XY_COLOR_BLT | 1 << 11, BR13(0xf0, 1024), 0, 1 << 16 | 1, GM_SURF, 0, 1);
	tap_ok(run(&cs) == SIM_CS_ERROR && cs.error == SIM_CS_ERR_UNSUPPORTED,
	       "tiled blits are refused as unsupported");
}

/* A batch and its stores in the PPGTT of the context. */
static void test_ppgtt_batch(void)
{
	u64 *pml4 = aligned_alloc(4096, 4096), *pdp = aligned_alloc(4096, 4096);
	u64 *pd = aligned_alloc(4096, 4096), *pt = aligned_alloc(4096, 4096);
	u32 *bb = aligned_alloc(4096, 4096), *buf = aligned_alloc(4096, 4096);
	u64 d_pml4, d_pdp, d_pd, d_pt, d_bb, d_buf;
	struct sim_cs cs;

	memset(pml4, 0, 4096); memset(pdp, 0, 4096); memset(pd, 0, 4096);
	memset(pt, 0, 4096); memset(buf, 0, 4096);
	sim_iommu_map(&mmu, (struct page *)pml4, 1, &d_pml4);
	sim_iommu_map(&mmu, (struct page *)pdp, 1, &d_pdp);
	sim_iommu_map(&mmu, (struct page *)pd, 1, &d_pd);
	sim_iommu_map(&mmu, (struct page *)pt, 1, &d_pt);
	sim_iommu_map(&mmu, (struct page *)bb, 1, &d_bb);
	sim_iommu_map(&mmu, (struct page *)buf, 1, &d_buf);
	pml4[0] = d_pdp | 1; pdp[0] = d_pd | 1; pd[0] = d_pt | 1;
	pt[1] = d_bb | 1; pt[2] = d_buf | 1;
	memcpy(bb, (u32[]){ MI_SDI_PPGTT, 0x2010, 0, 0xfeed, MI_BBE }, 20);

	new_cs(&cs, SIM_BCS0);
	cs.pml4 = d_pml4;
	cs.head = cs.tail = 0x700;
	EMIT(&cs, MI_BBS_PPGTT, 0x1000, 0);
	tap_ok(run(&cs) == SIM_CS_IDLE && buf[4] == 0xfeed,
	       "PPGTT batch runs and its PPGTT store lands in the right page");

	sim_iommu_unmap(&mmu, d_pml4, 1);
	sim_iommu_unmap(&mmu, d_pdp, 1);
	sim_iommu_unmap(&mmu, d_pd, 1);
	sim_iommu_unmap(&mmu, d_pt, 1);
	sim_iommu_unmap(&mmu, d_bb, 1);
	sim_iommu_unmap(&mmu, d_buf, 1);
	free(pml4); free(pdp); free(pd); free(pt); free(bb); free(buf);
}

/*
 * Gen9's privilege rule for batches in the PPGTT.  A context PPGTT of
 * VA 0..2 MiB, one page table, with its own pages at VAs the GGTT also
 * maps (GM_LOW, GM_LOW2), so a test tells by value which space an access
 * went through.
 */
#define GM_LOW		0x5000ULL	/* in the GGTT and the PPGTT */
#define GM_LOW2		0x6000ULL	/* in the GGTT and the PPGTT */
#define VA_BB		0x1000ULL	/* PPGTT only */
#define VA_BB2		0x2000ULL	/* PPGTT only */
#define NONPRIV_SLOT(e, n)	(gen9_engine_base(e) + RING_FORCE_TO_NONPRIV(n))
#define MI_LRM_PPGTT	(MI_LRM & ~(1 << 22))
#define MI_FLUSH_DW	(0x13000000 | 2)

static u64 pp_root;
static u64 *pp_pt;
static u32 *pp_low, *pp_low2, *pp_bb, *pp_bb2, *gg_low, *gg_low2;

static void *pp_page(u64 *dma)
{
	void *p = aligned_alloc(4096, 4096);

	if (!p || sim_iommu_map(&mmu, (struct page *)p, 1, dma))
		abort();
	memset(p, 0, 4096);
	return p;
}

/* Back @va in the test PPGTT with a fresh page. */
static u32 *pp_map(u64 va)
{
	u64 dma;
	u32 *p = pp_page(&dma);

	pp_pt[va >> 12] = dma | GEN8_PTE_PRESENT;
	return p;
}

static void pp_setup(void)
{
	u64 d_pdp, d_pd, d_pt;
	u64 *pml4 = pp_page(&pp_root), *pdp = pp_page(&d_pdp);
	u64 *pd = pp_page(&d_pd);

	pp_pt = pp_page(&d_pt);
	pml4[0] = d_pdp | GEN8_PTE_PRESENT;
	pdp[0] = d_pd | GEN8_PTE_PRESENT;
	pd[0] = d_pt | GEN8_PTE_PRESENT;
	pp_bb = pp_map(VA_BB);
	pp_bb2 = pp_map(VA_BB2);
	pp_low = pp_map(GM_LOW);
	pp_low2 = pp_map(GM_LOW2);
	gg_low = gm_map(GM_LOW, 1);
	gg_low2 = gm_map(GM_LOW2, 1);
}

/* A context with the test PPGTT whose ring calls @bb (its BB_START DW0). */
static enum sim_cs_status run_bb(struct sim_cs *cs, enum sim_engine_id e,
				 u32 bbs, u64 bb)
{
	new_cs(cs, e);
	cs->pml4 = pp_root;
	cs->head = cs->tail = 0x1000;
	EMIT(cs, bbs, (u32)bb, 0);
	return run(cs);
}

#define BB(p, ...) memcpy(p, (u32[]){ __VA_ARGS__ }, \
			  sizeof((u32[]){ __VA_ARGS__ }))

static bool priv_error(const struct sim_cs *cs, u32 dw0, unsigned int lvl,
		       u64 at)
{
	return cs->error == SIM_CS_ERR_PRIVILEGE && cs->error_dw == dw0 &&
	       cs->level == lvl && sim_cs_addr(cs) == at;
}

static void test_nonpriv_regs(void)
{
	const u32 gpr = RCS_BASE + RING_CS_GPR, bgpr = BCS_BASE + RING_CS_GPR;
	struct sim_cs cs;

	regs[0x2340 / 4] = 0xaaaa;
	regs[gpr / 4] = 0;
	BB(pp_bb, MI_LRI(1), 0x2340, 0x1234, MI_BBE);
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_ERROR &&
	       priv_error(&cs, MI_LRI(1), 1, VA_BB) && regs[0x2340 / 4] == 0xaaaa,
	       "PPGTT batch: LRI to a register off the whitelist is a privilege error, the register kept");
	BB(bb1, MI_LRI(1), 0x2340, 0x1234, MI_BBE);
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS, GM_BB1) == SIM_CS_IDLE &&
	       regs[0x2340 / 4] == 0x1234,
	       "the same LRI in a GGTT batch writes the register");

	regs[0x2340 / 4] = 0xaaaa;
	BB(pp_bb, MI_LRI(2), gpr, 0x5a, 0x2340, 0x1234, MI_BBE);
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_ERROR &&
	       priv_error(&cs, MI_LRI(2), 1, VA_BB) && !regs[gpr / 4] &&
	       regs[0x2340 / 4] == 0xaaaa,
	       "an LRI with one register off the whitelist writes none of them");

	BB(pp_bb, MI_LRI(2), gpr, 0x5a, gpr + 0x7c, 0x5b,
	   MI_LRI(1), 0x2430, 0x5c, MI_BBE);
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_IDLE &&
	       regs[gpr / 4] == 0x5a && regs[(gpr + 0x7c) / 4] == 0x5b &&
	       regs[0x2430 / 4] == 0x5c,
	       "PPGTT batch: the engine's GPRs and 3DPRIM_START_VERTEX are writable");
	BB(pp_bb, MI_LRI(1), gpr, 0x5d, MI_BBE);
	tap_ok(run_bb(&cs, SIM_BCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_ERROR &&
	       priv_error(&cs, MI_LRI(1), 1, VA_BB) && regs[gpr / 4] == 0x5a,
	       "but not another engine's GPRs (RCS0's from BCS0)");
	BB(pp_bb, MI_LRI(1), bgpr, 0x5e, MI_BBE);
	tap_ok(run_bb(&cs, SIM_BCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_IDLE &&
	       regs[bgpr / 4] == 0x5e, "BCS0's own GPRs from BCS0");

	/* The whitelist slots: RCS0 slot 5 names COMMON_SLICE_CHICKEN2. */
	regs[0x7014 / 4] = 0;
	regs[NONPRIV_SLOT(SIM_RCS0, 5) / 4] = 0x7014;
	BB(pp_bb, MI_LRI(1), 0x7014, 0x12, MI_BBE);
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_IDLE &&
	       regs[0x7014 / 4] == 0x12,
	       "PPGTT batch: LRI to a register a RING_FORCE_TO_NONPRIV slot names writes it");
	tap_ok(run_bb(&cs, SIM_BCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_ERROR &&
	       priv_error(&cs, MI_LRI(1), 1, VA_BB),
	       "another engine's slots do not count (the same LRI on BCS0)");
	regs[NONPRIV_SLOT(SIM_RCS0, 5) / 4] = 0;
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_ERROR &&
	       regs[0x7014 / 4] == 0x12,
	       "and once the driver clears the slot, the write is a violation again");
	regs[NONPRIV_SLOT(SIM_RCS0, 0) / 4] = NONPRIV_SLOT(SIM_RCS0, 1);
	BB(pp_bb, MI_LRI(1), NONPRIV_SLOT(SIM_RCS0, 1), 0x2340, MI_BBE);
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_ERROR &&
	       !regs[NONPRIV_SLOT(SIM_RCS0, 1) / 4],
	       "a slot naming a slot does not open it: a batch never widens its own whitelist");
	regs[NONPRIV_SLOT(SIM_RCS0, 0) / 4] = 0;

	/* LRM and LRR: the destination is checked, the source is not. */
	regs[0x2344 / 4] = 0x77;
	pp_low[0] = 0x99;
	BB(pp_bb, MI_LRM_PPGTT, 0x2344, GM_LOW, 0, MI_BBE);
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_ERROR &&
	       priv_error(&cs, MI_LRM_PPGTT, 1, VA_BB) && regs[0x2344 / 4] == 0x77,
	       "PPGTT batch: LRM to a register off the whitelist is a violation");
	BB(pp_bb, MI_LRM_PPGTT, gpr + 8, GM_LOW, 0, MI_LRR, 0x2344, gpr + 12,
	   MI_BBE);
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_IDLE &&
	       regs[(gpr + 8) / 4] == 0x99 && regs[(gpr + 12) / 4] == 0x77,
	       "LRM into a GPR, LRR from any register into a GPR: allowed");
	BB(pp_bb, MI_LRR, gpr, 0x2344, MI_BBE);
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_ERROR &&
	       priv_error(&cs, MI_LRR, 1, VA_BB) && regs[0x2344 / 4] == 0x77,
	       "LRR into a register off the whitelist is a violation");
}

static void test_nonpriv_mem(void)
{
	struct sim_cs cs;

	memset(pp_low, 0, 4096);
	memset(gg_low, 0, 4096);
	memset(pp_low2, 0, 4096);
	memset(gg_low2, 0, 4096);
	pp_low2[0] = 5;		/* the semaphore passes only in the PPGTT */
	regs[0x2348 / 4] = 0x3d3d;
	BB(pp_bb, MI_SDI, GM_LOW, 0, 0xfeed,
	   MI_SRM, 0x2348, GM_LOW + 4, 0,
	   MI_LRM, RCS_BASE + RING_CS_GPR, GM_LOW2, 0,
	   MI_SEM_WAIT(1), 5, GM_LOW2, 0,
	   PIPE_CONTROL, 1 << 24 | 1 << 14, GM_LOW + 8, 0, 0x88, 0x99,
	   MI_FLUSH_DW | 1 << 14, (GM_LOW + 16) | 1 << 2 /* GGTT */, 0, 0x66,
	   MI_BBE);
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_IDLE,
	       "PPGTT batch of GGTT-flagged SDI, SRM, LRM, SEMAPHORE_WAIT, PIPE_CONTROL and MI_FLUSH_DW runs");
	tap_ok(pp_low[0] == 0xfeed && pp_low[1] == 0x3d3d && pp_low[2] == 0x88 &&
	       pp_low[3] == 0x99 && pp_low[4] == 0x66 &&
	       regs[(RCS_BASE + RING_CS_GPR) / 4] == 5,
	       "every one went through the PPGTT: the stores are in the PPGTT page");
	tap_ok(!gg_low[0] && !gg_low[1] && !gg_low[2] && !gg_low[3] && !gg_low[4],
	       "and nothing reached the GGTT page at the same address");

	BB(bb1, MI_SDI, GM_LOW, 0, 0xbeef, MI_BBE);
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS, GM_BB1) == SIM_CS_IDLE &&
	       gg_low[0] == 0xbeef && pp_low[0] == 0xfeed,
	       "the same GGTT store in a GGTT batch lands in the GGTT");

	/* Store index: the HWSP is the kernel's. */
	hwsp[0x44] = 0;
	BB(pp_bb, PIPE_CONTROL, 1 << 21 | 1 << 14, 0x110, 0, 0x77, 0, MI_BBE);
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_ERROR &&
	       priv_error(&cs, PIPE_CONTROL, 1, VA_BB) && !hwsp[0x44],
	       "PPGTT batch: a PIPE_CONTROL store-index is a violation, the HWSP untouched");
	BB(pp_bb, MI_FLUSH_DW_IDX, 0x110, 0, 0x77, MI_BBE);
	tap_ok(run_bb(&cs, SIM_VCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_ERROR &&
	       priv_error(&cs, MI_FLUSH_DW_IDX, 1, VA_BB) && !hwsp[0x44],
	       "and so is an MI_FLUSH_DW store-index");
	BB(pp_bb, MI_FLUSH_DW, GM_LOW + 24, 0, 0x1, PIPE_CONTROL, 1 << 21, 0, 0,
	   0, 0, MI_BBE);
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_IDLE,
	       "a store-index bit without a post-sync write is no violation");
}

static void test_nonpriv_levels(void)
{
	struct sim_cs cs;

	/* Whatever its own bit says, a batch a PPGTT batch starts is one. */
	memset(gg_low, 0, 4096);
	memset(pp_low, 0, 4096);
	regs[0x2340 / 4] = 0xaaaa;
	BB(bb3, MI_SDI, GM_DATA + 0x200, 0, 0xbad, MI_BBE);	/* GGTT GM_BB3 */
	BB(pp_bb2, MI_SDI, GM_LOW, 0, 0x2d, MI_LRI(1), 0x2340, 1, MI_BBE);
	BB(pp_bb, MI_BBS_2ND, VA_BB2, 0, MI_BBE);
	data[0x80] = 0;
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_ERROR &&
	       priv_error(&cs, MI_LRI(1), 2, VA_BB2 + 16) &&
	       pp_low[0] == 0x2d && !gg_low[0] && regs[0x2340 / 4] == 0xaaaa,
	       "a second-level batch a PPGTT batch calls with the GGTT bit: fetched from the PPGTT, non-privileged");
	BB(pp_bb, MI_BBS, VA_BB2, 0);
	pp_low[0] = 0;
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_ERROR &&
	       priv_error(&cs, MI_LRI(1), 1, VA_BB2 + 16) && pp_low[0] == 0x2d,
	       "so is a batch it chains to with the GGTT bit");
	BB(pp_bb, MI_BBS_2ND, GM_BB3, 0, MI_BBE);
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS_PPGTT, VA_BB) == SIM_CS_ERROR &&
	       cs.error == SIM_CS_ERR_FAULT && cs.mem->fault_ppgtt &&
	       data[0x80] == 0,
	       "a GGTT address only the GGTT maps is a PPGTT fault: the GGTT batch never runs");

	/* A privileged batch keeps its privilege around a PPGTT call. */
	BB(pp_bb2, MI_SDI, GM_LOW, 0, 0x3e, MI_BBE);
	BB(bb1, MI_BBS_2ND | 1 << 8, VA_BB2, 0, MI_LRI(1), 0x2340, 2, MI_BBE);
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS, GM_BB1) == SIM_CS_IDLE &&
	       pp_low[0] == 0x3e && regs[0x2340 / 4] == 2,
	       "a GGTT batch calls a PPGTT one, then writes a register: the ring's batch stays privileged");
	BB(bb1, MI_BBS_2ND, GM_BB2, 0, MI_BBE);
	BB(bb2, MI_LRI(1), 0x2340, 3, MI_BBE);
	tap_ok(run_bb(&cs, SIM_RCS0, MI_BBS, GM_BB1) == SIM_CS_IDLE &&
	       regs[0x2340 / 4] == 3,
	       "GGTT batches nested in GGTT batches stay privileged");
	BB(pp_bb, MI_SDI, GM_LOW, 0, 0x4f, MI_BBE);
	EMIT(&cs, MI_BBS_PPGTT, VA_BB, 0, MI_LRI(1), 0x2340, 4,
	     MI_SDI, GM_LOW, 0, 0x50);
	tap_ok(run(&cs) == SIM_CS_IDLE && pp_low[0] == 0x4f &&
	       regs[0x2340 / 4] == 4 && gg_low[0] == 0x50,
	       "back in the ring after a PPGTT batch: privileged, its GGTT store in the GGTT");

	/* A PPGTT batch needs a PPGTT: never fetched through the GGTT. */
	BB(gg_low, MI_SDI, GM_DATA + 0x204, 0, 0xbad, MI_BBE);
	data[0x81] = 0;
	new_cs(&cs, SIM_BCS0);
	cs.head = cs.tail = 0x1100;
	EMIT(&cs, MI_BBS_PPGTT, GM_LOW, 0);
	tap_ok(run(&cs) == SIM_CS_ERROR && cs.error == SIM_CS_ERR_FAULT &&
	       cs.fault == SIM_FAULT_PTE && cs.mem->fault_ppgtt &&
	       cs.mem->fault_addr == GM_LOW && !data[0x81],
	       "a PPGTT batch in a context without a PPGTT faults, not fetched from the GGTT");
}

int main(void)
{
	tap_header();
	sim_iommu_init(&mmu);
	if (sim_ggtt_init(&ggtt))
		return 1;
	ring = gm_map(GM_RING, 2);
	bb1 = gm_map(GM_BB1, 1);
	bb2 = gm_map(GM_BB2, 1);
	bb3 = gm_map(GM_BB3, 1);
	bb4 = gm_map(GM_BB4, 1);
	data = gm_map(GM_DATA, 1);
	hwsp = gm_map(GM_HWSP, 1);
	surf = gm_map(GM_SURF, 8);
	surf2 = gm_map(GM_SURF2, 8);
	test_mi();
	test_batches();
	test_semaphore();
	test_blits();
	test_errors();
	test_ppgtt_batch();
	test_step_bounds();
	test_split_blits();
	test_vf_statistics();
	pp_setup();
	test_nonpriv_regs();
	test_nonpriv_mem();
	test_nonpriv_levels();
	return tap_finish();
}

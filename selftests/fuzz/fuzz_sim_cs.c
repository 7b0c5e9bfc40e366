// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over mgvt-sim's command streamer and blitter
 * (gvt/sim/cs.c, blt.c) on the real register file (regs.c) and memory
 * paths (mem.c, iommu.c): random command streams on a random engine, in
 * the ring and, through MI_BATCH_BUFFER_START, in batches in the GGTT or a
 * PPGTT, run step by step as the engine runner does.  GM 0..256 KiB (and
 * the same pages at PPGTT 0..256 KiB) is a pool holding the input; one
 * GGTT entry after it names a page the IOMMU never mapped.  Some inputs
 * start with the copy of themselves as a context's indirect batch (RCS
 * INDIRECT_CTX: a first-level batch that ends after its size).
 *
 * Invariants, beyond ASan and UBSan (nothing outside the pool and the
 * register file is touched): every step does bounded work (pixels,
 * command dwords, modelled time), the streamer never hands the register
 * file an offset beyond it, the ring position stays inside the ring, and
 * the status agrees with the state (idle at the tail, a hung engine stays
 * hung and says why), and a non-privileged batch (one in the PPGTT) never
 * writes its engine's ring, execlist or whitelist registers (block
 * 0x000..0x3ff, RING_FORCE_TO_NONPRIV) unless a whitelist slot names the
 * register, and never a slot.
 */
#include <string.h>

#include "sim/cs.h"
#include "sim/regs.h"
#include "fuzz_in.h"

#define POOL_PAGES	64
#define POOL_BYTES	(POOL_PAGES * 4096)
#define GM_BATCH_COPY	0x10000		/* the input again, for batches */
#define GM_HWSP		0x30000
#define GM_NO_DMA	POOL_BYTES	/* GGTT entry to an unmapped page */
#define MAX_STEPS	12
/* A step may end inside a command: the largest one, a resumed blit. */
#define CMD_MAX_DW	260
#define STEP_NS_SLACK	(5000 + 200 + SIM_CS_STEP_PIXELS)

static struct sim_iommu mmu;
static struct sim_ggtt ggtt;
static struct sim_regs regs;
static struct sim_tlb tlb;
static struct sim_mem mem = { &mmu, &ggtt, &tlb };
static u8 *pool;
static u64 ppgtt_root;

static bool h_idle(void *p, enum sim_engine_id e) { return true; }
static void h_elsp(void *p, enum sim_engine_id e, u32 v) { }
static void h_reset(void *p, u32 gdrst) { }
static void h_flush(void *p) { sim_ggtt_invalidate(&ggtt); }
static u64 h_ts(void *p, enum sim_engine_id e) { return 0; }
static const struct sim_regs_hooks hooks = {
	h_idle, h_elsp, h_reset, h_flush, h_ts
};

/* As engine.c: the GPU reaches registers without forcewake. */
static u32 cs_read(void *p, u32 reg)
{
	return sim_regs_hw_read(&regs, reg);
}

/*
 * The register file is restored between inputs from its state after the
 * first full reset: each register the streamer wrote (hw_write changes that
 * dword only), the whole file when the list overflowed, and on every
 * 1024th input the whole file is compared, so that a write behind the
 * streamer's back shows up.  A 2 MiB reset per input would cost more than
 * most inputs.
 */
static u32 *pristine;
static u32 written[4096];
static unsigned int nr_written;
static unsigned long inputs;

static void restore_regs(void)
{
	unsigned int i;

	if (nr_written > sizeof(written) / sizeof(written[0]))
		memcpy(regs.val, pristine, MGVT_MMIO_REG_SIZE);
	else
		for (i = 0; i < nr_written; i++)
			regs.val[written[i]] = pristine[written[i]];
	nr_written = 0;
	if (!(++inputs % 1024))
		FUZZ_CHECK(!memcmp(regs.val, pristine, MGVT_MMIO_REG_SIZE),
			   "the register file differs from its reset state after the restore");
}

/* The streamer of the input being run, for cs_write()'s invariant. */
static const struct sim_cs *running;

static void check_nonpriv_write(const struct sim_cs *cs, u32 reg)
{
	u32 base = gen9_engine_base(cs->engine);
	u32 slots = base + RING_FORCE_TO_NONPRIV(0);
	bool slot = reg >= slots && reg < slots + 4 * RING_NONPRIV_SLOTS;
	bool named = false;
	unsigned int i;

	if (!slot && (reg < base || reg >= base + 0x400))
		return;
	for (i = 0; i < RING_NONPRIV_SLOTS; i++)
		named |= (regs.val[slots / 4 + i] & FORCE_TO_NONPRIV_ADDR) == reg;
	FUZZ_CHECK(named && !slot,
		   "a non-privileged batch wrote %#x on engine %u", reg,
		   cs->engine);
}

static void cs_write(void *p, u32 reg, u32 val)
{
	if (running && running->level && running->bb_ppgtt[running->level])
		check_nonpriv_write(running, reg);
	if (reg < MGVT_MMIO_REG_SIZE) {
		if (nr_written < sizeof(written) / sizeof(written[0]))
			written[nr_written] = reg / 4;
		nr_written++;
	}
	sim_regs_hw_write(&regs, reg, val);
	if (reg == GFX_FLSH_CNTL)
		sim_ggtt_invalidate(&ggtt);
}

static const struct sim_cs_ops cs_ops = { cs_read, cs_write };

static void *map_page(void *page, u64 *dma)
{
	if (sim_iommu_map(&mmu, page, 1, dma))
		abort();
	return page;
}

/* Pool in the GGTT at 0 and in a 4-level PPGTT at 0, same pages. */
static void setup(void)
{
	u64 *pml4 = aligned_alloc(4096, 4096), *pdp = aligned_alloc(4096, 4096);
	u64 *pd = aligned_alloc(4096, 4096), *pt = aligned_alloc(4096, 4096);
	u64 d_pdp, d_pd, d_pt, dma;
	unsigned int i;

	sim_iommu_init(&mmu);
	pool = aligned_alloc(4096, POOL_BYTES);
	if (!pml4 || !pdp || !pd || !pt || !pool || sim_ggtt_init(&ggtt) ||
	    sim_regs_init(&regs, &hooks, NULL))
		abort();
	memset(pml4, 0, 4096);
	memset(pdp, 0, 4096);
	memset(pd, 0, 4096);
	memset(pt, 0, 4096);
	map_page(pml4, &ppgtt_root);
	map_page(pdp, &d_pdp);
	map_page(pd, &d_pd);
	map_page(pt, &d_pt);
	pml4[0] = d_pdp | GEN8_PTE_PRESENT;
	pdp[0] = d_pd | GEN8_PTE_PRESENT;
	pd[0] = d_pt | GEN8_PTE_PRESENT;
	for (i = 0; i < POOL_PAGES; i++) {
		map_page(pool + 4096 * i, &dma);
		sim_ggtt_write(&ggtt, i, dma | GEN8_PTE_PRESENT);
		pt[i] = dma | GEN8_PTE_PRESENT;
	}
	sim_ggtt_write(&ggtt, GM_NO_DMA >> 12, 0xdead000 | GEN8_PTE_PRESENT);
	sim_ggtt_invalidate(&ggtt);
	sim_regs_reset(&regs, GDRST_FULL);
	pristine = malloc(MGVT_MMIO_REG_SIZE);
	if (!pristine)
		abort();
	memcpy(pristine, regs.val, MGVT_MMIO_REG_SIZE);
}

static void check_step(const struct sim_cs *cs, enum sim_cs_status st,
		       u64 dt, u64 budget)
{
	FUZZ_CHECK(cs->step_pixels <= SIM_CS_STEP_PIXELS,
		   "a step moved %u pixels", cs->step_pixels);
	FUZZ_CHECK(cs->step_dwords < SIM_CS_STEP_DWORDS + CMD_MAX_DW,
		   "a step fetched %u command dwords", cs->step_dwords);
	FUZZ_CHECK(dt <= budget + STEP_NS_SLACK,
		   "a step with a budget of %llu ns took %llu ns",
		   (unsigned long long)budget, (unsigned long long)dt);
	FUZZ_CHECK(!atomic_long_read(&regs.range_faults),
		   "the streamer passed a register offset beyond the file");
	FUZZ_CHECK(cs->head < cs->ring_size && cs->level < SIM_CS_LEVELS,
		   "ring position %#x / level %u out of range", cs->head, cs->level);
	FUZZ_CHECK(!cs->bb_end || cs->level,
		   "an indirect batch end left set in the ring");
	FUZZ_CHECK(st != SIM_CS_IDLE || (!cs->level && cs->head == cs->tail),
		   "idle before the tail");
	FUZZ_CHECK((st == SIM_CS_ERROR) == (cs->error != SIM_CS_ERR_NONE),
		   "status %d with error %d", st, cs->error);
	FUZZ_CHECK(!cs->cmd_len || st == SIM_CS_BUDGET,
		   "a command left in progress with status %d", st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	enum sim_cs_status st = SIM_CS_BUDGET;
	unsigned int steps, i, n;
	struct sim_cs cs;
	u64 budget;
	u8 mode;

	if (!pool)
		setup();
	memset(&cs, 0, sizeof(cs));
	memset(&tlb, 0, sizeof(tlb));
	cs.engine = in_u8(&in) % SIM_NUM_ENGINES;
	mode = in_u8(&in);
	cs.pml4 = mode & 1 ? ppgtt_root : 0;
	cs.ring_size = 4096 * (1 + in_u8(&in) % 4);
	budget = 1ULL << (in_u8(&in) % 24);
	steps = 1 + in_u8(&in) % MAX_STEPS;
	cs.mem = &mem;
	cs.ops = &cs_ops;
	cs.hwsp = GM_HWSP;

	memset(pool, 0, POOL_BYTES);
	n = min_t(size_t, in.n, 4096);
	memcpy(pool, in.p, n);
	memcpy(pool + GM_BATCH_COPY, in.p, n);
	cs.tail = (n & ~3u) % cs.ring_size;
	if (mode & 2)	/* 1 to 63 cachelines, as INDIRECT_CTX can say */
		sim_cs_indirect(&cs, GM_BATCH_COPY, 64 * (1 + (mode >> 2) % 63));

	running = &cs;
	for (i = 0; i < steps && st == SIM_CS_BUDGET; i++) {
		u64 t = cs.time_ns;

		st = sim_cs_run(&cs, budget);
		check_step(&cs, st, cs.time_ns - t, budget);
	}
	if (st == SIM_CS_ERROR) {
		u64 t = cs.time_ns;

		FUZZ_CHECK(sim_cs_run(&cs, budget) == SIM_CS_ERROR &&
			   cs.time_ns == t, "a hung engine ran on");
	}
	running = NULL;
	restore_regs();
	return 0;
}

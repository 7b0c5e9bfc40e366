// SPDX-License-Identifier: GPL-2.0
/*
 * ppgtt_test - a vGPU's guest runs its contexts in 4-level PPGTTs as a
 * Gen9 i915 does: page tables in its own DMA-mapped memory, PDP0 of each
 * context image naming the PML4, batches started with the PPGTT bit.
 * Checked by value in guest memory:
 *  - on every engine, stores from a PPGTT batch through 4 KiB, 64 KiB
 *    (IPS) and 2 MiB (PS) pages, one root shared by the four contexts;
 *    a PTE rewritten between two submissions takes effect;
 *  - the batch that runs is the audited copy: the guest's batch page
 *    keeps its MI_USER_INTERRUPT, the guest gets the user interrupt;
 *  - chained and second-level PPGTT batches; an XY_COLOR_BLT through the
 *    PPGTT on bcs0, checked pixel by pixel;
 *  - refused, as an engine error the guest sees: a privileged register
 *    write and a GGTT batch from a PPGTT batch, a register write the
 *    scanner allows but the pGPU's own privilege check refuses, a PTE outside the guest's
 *    memory, a page table the VFIO user unmapped (its pins dropped at the
 *    unmap, never walked), each engine working again after its reset;
 *  - lite restores sharing a batch page: other dwords share the audited
 *    copy, rewritten dwords a running workload was audited with wait for
 *    it, and it runs what was audited;
 *  - 2,000 PPGTTs announced through PVINFO and destroyed with no table or
 *    pin left; ppgtt_max_roots refuses one more;
 *  - a second vGPU whose tables name the first one's memory fails its
 *    workload and writes nothing there.
 *
 * Usage: ppgtt_test   (expects mgvt and mgvt_sim loaded, root)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include <linux/vfio.h>

#include "guest_exec.h"

#define IOVA		(4 * GiB)	/* GGTT-backed memory (contexts, rings) */
#define PT_IOVA		(8 * GiB)	/* PPGTT memory: tables and pages */
#define PT_PAGES	1024u
#define ROOTS_IOVA	(12 * GiB)
#define NROOTS		2000u
#define B_IOVA		(16 * GiB)	/* the second vGPU's */

/* Pages of the PPGTT memory. */
#define PG_64K		16u		/* 16 pages, 64 KiB aligned */
#define PG_TABLES	32u		/* page tables from here */
#define PG_DATA		128u		/* 4 KiB pages from here */
#define PG_2M		512u		/* 512 pages, 2 MiB aligned */

/* Graphics virtual addresses. */
#define VA_BATCH	0x7f0000100000ull	/* + 0x1000 per engine */
#define VA_DATA		0x7f0000200000ull	/* + 0x1000 per engine */
#define VA_64K		0x100000000000ull
#define VA_2M		0x000040000000ull

#define PTE_OK		3u			/* present, writable */
#define PDE_PS		(1u << 7)
#define PDE_IPS		(1u << 11)
#define MI_SDI		((0x20u << 23) | 2)	/* through the PPGTT */
#define BB_SECOND	(1u << 22)
#define XY_COLOR	((2u << 29) | (0x50u << 22) | (3u << 20) | 5)
#define BR13(rop, pitch) ((3u << 24) | ((uint32_t)(rop) << 16) | ((pitch) & 0xffff))
#define XY(x, y)	((uint32_t)(y) << 16 | (x))

struct pg {
	struct gx g;
	struct guest_mem pt;
	unsigned int next_table;
	uint64_t pml4;			/* guest physical */
	uint32_t tail[4];
	unsigned int rp[4];
	const char *name;
};

static struct pg pa, pb;

static uint64_t *pt_page(struct pg *p, uint64_t gpa)
{
	return (uint64_t *)mem_page(&p->pt, (unsigned int)((gpa - p->pt.iova) / PAGE));
}

static uint64_t pt_gpa(struct pg *p, unsigned int page)
{
	return p->pt.iova + (uint64_t)page * PAGE;
}

static uint64_t table_new(struct pg *p)
{
	uint64_t gpa = pt_gpa(p, p->next_table++);

	memset(pt_page(p, gpa), 0, PAGE);
	return gpa;
}

/* The table under entry @idx of table @gpa, made if absent. */
static uint64_t table_at(struct pg *p, uint64_t gpa, unsigned int idx)
{
	uint64_t *t = pt_page(p, gpa);

	if (!(t[idx] & 1))
		t[idx] = table_new(p) | PTE_OK;
	return t[idx] & ~0xfffull;
}

/* The PD that maps @va. */
static uint64_t pd_of(struct pg *p, uint64_t va)
{
	uint64_t pdp = table_at(p, p->pml4, (va >> 39) & 511);

	return table_at(p, pdp, (va >> 30) & 511);
}

/* Map 4 KiB at @va to guest physical @gpa (any value: tests use bad ones). */
static void map_4k(struct pg *p, uint64_t va, uint64_t gpa)
{
	uint64_t pt = table_at(p, pd_of(p, va), (va >> 21) & 511);

	pt_page(p, pt)[(va >> 12) & 511] = gpa | PTE_OK;
}

static void map_64k(struct pg *p, uint64_t va, uint64_t gpa)
{
	uint64_t *pd = pt_page(p, pd_of(p, va));
	unsigned int i = (va >> 21) & 511;

	if (!(pd[i] & 1))
		pd[i] = table_new(p) | PTE_OK;
	pd[i] |= PDE_IPS;
	pt_page(p, pd[i] & ~0xfffull)[(va >> 12) & 0x1f0] = gpa | PTE_OK;
}

static void map_2m(struct pg *p, uint64_t va, uint64_t gpa)
{
	pt_page(p, pd_of(p, va))[(va >> 21) & 511] = gpa | PDE_PS | PTE_OK;
}

static uint32_t *data(struct pg *p, unsigned int page)
{
	return (uint32_t *)mem_page(&p->pt, page);
}

static void ack(struct pg *p, unsigned int e)
{
	mmio_wr(p->g.v, GT_IIR(gx_irq_bank[e]), 4, 0xffffu << gx_irq_shift[e]);
	drain_eventfd(p->g.efd);
}

static uint32_t iir(struct pg *p, unsigned int e)
{
	return (mmio_rd(p->g.v, GT_IIR(gx_irq_bank[e]), 4) >> gx_irq_shift[e]) & 0xffff;
}

static void up(struct pg *p, unsigned int e)
{
	gx_engine_up(&p->g, e);
	p->rp[e] = 5;
	ack(p, e);
}

/* Context A of @e, fresh, in the PPGTT. */
static void context(struct pg *p, unsigned int e)
{
	uint32_t *img;

	gx_image_build(&p->g, e, 0, false);
	img = gx_image(&p->g, e, 0);
	img[0x31] = (uint32_t)(p->pml4 >> 32);		/* PDP0 */
	img[0x33] = (uint32_t)p->pml4;
	p->tail[e] = 0;
}

/* Ring: start the PPGTT batch at @va. */
static void start_batch(struct pg *p, unsigned int e, uint64_t va)
{
	uint32_t c[] = { MI_BB_START | BB_PPGTT, (uint32_t)va, (uint32_t)(va >> 32), MI_NOOP };

	gx_emit(&p->g, e, 0, &p->tail[e], c, 4);
	gx_image(&p->g, e, 0)[0x07] = p->tail[e];
}

static void sdi(uint32_t **w, uint64_t va, uint32_t val)
{
	*(*w)++ = MI_SDI;
	*(*w)++ = (uint32_t)va;
	*(*w)++ = (uint32_t)(va >> 32);
	*(*w)++ = val;
}

/* Submit context A of @e; true once it completed as on hardware. */
static bool run(struct pg *p, unsigned int e, const char *what)
{
	unsigned int rp = p->rp[e], done = (rp + 2) % 6;
	bool ok;

	ack(p, e);
	gx_elsp(&p->g, e, gx_desc(&p->g, e, 0, D_OK), 0);
	ok = gx_wait_csb(&p->g, e, done) &&
	     gx_hwsp(&p->g, e)[0x10 + 2 * done] == (CSB_COMPLETE | CSB_ACTIVE_IDLE);
	p->rp[e] = gx_hwsp(&p->g, e)[0x1f] % 6;
	return tap_ok(ok, "%s %s %s: the element completed", p->name, gx_names[e], what);
}

/*
 * Submit context A of @e; the guest sees an engine error, resets the
 * engine.  Returns the EIR the guest saw.
 */
static uint32_t run_fails(struct pg *p, unsigned int e, const char *what)
{
	double end = now_s() + 10;
	unsigned int bit = 1u << (e == 0 ? 1 : e == 1 ? 3 : e == 2 ? 2 : 4);
	uint32_t eir;

	ack(p, e);
	gx_elsp(&p->g, e, gx_desc(&p->g, e, 0, D_OK), 0);
	while (now_s() < end && !(iir(p, e) & GT_CS_ERROR))
		usleep(1000);
	tap_ok(iir(p, e) & GT_CS_ERROR, "%s %s %s: the guest sees a CS error", p->name,
	       gx_names[e], what);
	eir = gx_rd(&p->g, e, EIR);
	check_eq(eir != 0, 1, "%s %s %s: EIR set", p->name, gx_names[e], what);
	mmio_wr(p->g.v, GDRST, 4, bit);
	up(p, e);
	return eir;
}

static long ppgtt_value(struct pg *p, const char *key)
{
	return vgpu_debugfs_value(p->g.v, "ppgtt", key);
}

/* Wait (30 s at most) until debugfs ppgtt shows @key == @want. */
static bool wait_value(struct pg *p, const char *key, long want)
{
	double end = now_s() + 30;

	while (now_s() < end) {
		if (ppgtt_value(p, key) == want)
			return true;
		usleep(10000);
	}
	return false;
}

static bool setup(struct pg *p, struct vgpu *v, uint64_t iova, uint64_t pt_iova)
{
	if (!gx_setup(&p->g, v, iova) || !guest_mem_alloc(&p->pt, pt_iova, PT_PAGES, 0) ||
	    dma_map(v, &p->pt))
		return false;
	memset(p->pt.va, 0, p->pt.len);
	p->next_table = PG_TABLES;
	p->pml4 = table_new(p);
	return true;
}

/* Stores through 4K, 64K and 2M pages on @e; a PTE rewrite between runs. */
static void test_engine(struct pg *p, unsigned int e)
{
	uint64_t batch = VA_BATCH + 0x1000ull * e, va = VA_DATA + 0x1000ull * e;
	unsigned int bpage = PG_DATA + e, dpage = PG_DATA + 8 + e, alt = PG_DATA + 16 + e;
	uint32_t *b = data(p, bpage), *w = b;

	up(p, e);
	map_4k(p, batch, pt_gpa(p, bpage));
	map_4k(p, va, pt_gpa(p, dpage));
	context(p, e);
	sdi(&w, va + 0x40, 0x11110000 | e);
	sdi(&w, VA_64K + 0x5000 + 0x10 + 4 * e, 0x64640000 | e);
	sdi(&w, VA_2M + 0x100000 + 0x2008 + 4 * e, 0x20200000 | e);
	*w++ = MI_USER_IRQ;
	*w++ = MI_BBE;
	start_batch(p, e, batch);
	if (!run(p, e, "4K/64K/2M stores"))
		return;
	check_eq(data(p, dpage)[0x10], 0x11110000 | e, "%s %s: store through a 4 KiB page",
		 p->name, gx_names[e]);
	check_eq(data(p, PG_64K + 5)[4 + e], 0x64640000 | e,
		 "%s %s: store through a 64 KiB page lands in its 6th 4 KiB", p->name, gx_names[e]);
	check_eq(data(p, PG_2M + 256 + 2)[2 + e], 0x20200000 | e,
		 "%s %s: store through a 2 MiB page lands 1 MiB + 8 KiB in", p->name, gx_names[e]);
	check_eq(b[12], MI_USER_IRQ, "%s %s: the guest's batch still holds its MI_USER_INTERRUPT "
		 "(a copy was audited and run)", p->name, gx_names[e]);
	check_eq(iir(p, e) & GT_USER, GT_USER, "%s %s: the batch's user interrupt reached the guest",
		 p->name, gx_names[e]);
	check_eq(gx_image(&p->g, e, 0)[0x33] == (uint32_t)p->pml4 &&
		 gx_image(&p->g, e, 0)[0x31] == (uint32_t)(p->pml4 >> 32), 1,
		 "%s %s: the guest's image keeps its own PDP0 (the shadow's is not written back)",
		 p->name, gx_names[e]);

	/* The guest points the data PTE elsewhere and runs again. */
	map_4k(p, va, pt_gpa(p, alt));
	w = b;
	sdi(&w, va + 0x40, 0x22220000 | e);
	*w++ = MI_BBE;
	start_batch(p, e, batch);
	if (!run(p, e, "after a PTE rewrite"))
		return;
	check_eq(data(p, alt)[0x10], 0x22220000 | e, "%s %s: a PTE rewritten between "
		 "submissions takes effect", p->name, gx_names[e]);
	check_eq(data(p, dpage)[0x10], 0x11110000 | e, "%s %s: the old page is left alone",
		 p->name, gx_names[e]);
}

/*
 * rcs0: a register the scanner lets a batch write (a context workaround
 * register) but Gen9 refuses from a non-privileged batch with no
 * whitelist slot naming it: the pGPU's privilege error reaches the guest
 * as such, not as a watchdog timeout (EIR bit 0).
 */
static void test_hw_privilege(struct pg *p)
{
	uint64_t batch = VA_BATCH + 0x30000;
	uint32_t *w = data(p, PG_DATA + 48);

	map_4k(p, batch, pt_gpa(p, PG_DATA + 48));
	*w++ = MI_LRI(1);
	*w++ = 0x7004;		/* CACHE_MODE_1 */
	*w++ = 0x00010000;
	*w++ = MI_BBE;
	start_batch(p, 0, batch);
	check_eq(run_fails(p, 0, "LRI the pGPU refuses in a PPGTT batch"), 1u << 2,
		 "%s rcs0: the guest's EIR names the command privilege violation", p->name);

	/*
	 * What Skylake's i915 whitelists for its user batches (its
	 * RING_FORCE_TO_NONPRIV slots on rcs0) runs from a PPGTT batch.
	 */
	context(p, 0);
	w = data(p, PG_DATA + 48);
	*w++ = MI_LRI(2);
	*w++ = 0x7014;		/* COMMON_SLICE_CHICKEN2 */
	*w++ = 0x00010000;
	*w++ = 0xb118;		/* GEN8_L3SQCREG4 */
	*w++ = 0;
	*w++ = MI_BBE;
	start_batch(p, 0, batch);
	run(p, 0, "LRI to registers i915 whitelists, from a PPGTT batch");
}

/* Wait (2 s at most) until @p32 reads @val. */
static bool wait_word(volatile uint32_t *p32, uint32_t val)
{
	double end = now_s() + 2;

	while (now_s() < end && *p32 != val)
		usleep(1000);
	return *p32 == val;
}

/*
 * vcs0: lite restores share a batch page.  W1 runs a PPGTT batch at the
 * start of page X and blocks on a semaphore; W2 (a lite restore) runs a
 * batch further down X: other dwords, so it shares W1's copy.  The guest
 * then rewrites the start of X and submits W3 there: the dwords W1 still
 * runs from may not change under it, so W3 waits for W1, and W1 goes on
 * with what was audited, not with the guest's new bytes.
 */
static void test_shared_page(struct pg *p)
{
	unsigned int e = 2, xpage = PG_DATA + 56, dpage = PG_DATA + 57;
	uint64_t x = VA_BATCH + 0x40000, d = VA_BATCH + 0x41000;
	volatile uint32_t *out = data(p, dpage);
	uint32_t *b = data(p, xpage), *w;
	uint64_t desc;

	map_4k(p, x, pt_gpa(p, xpage));
	map_4k(p, d, pt_gpa(p, dpage));
	memset(data(p, dpage), 0, PAGE);
	context(p, e);
	desc = gx_desc(&p->g, e, 0, D_OK & ~D_FORCE);
	w = b;
	*w++ = MI_SEM_WAIT & ~(1u << 22);	/* through the PPGTT */
	*w++ = 1;
	*w++ = (uint32_t)(d + 0x800);
	*w++ = (uint32_t)(d >> 32);
	sdi(&w, d, 0x111);
	*w++ = MI_BBE;
	start_batch(p, e, x);
	ack(p, e);
	gx_elsp(&p->g, e, gx_desc(&p->g, e, 0, D_OK), 0);
	tap_ok(gx_wait_csb(&p->g, e, (p->rp[e] + 1) % 6), "%s vcs0: W1 promoted, blocked", p->name);

	w = b + 0x800 / 4;
	sdi(&w, d + 4, 0x222);
	*w++ = MI_BBE;
	start_batch(p, e, x + 0x800);
	gx_elsp(&p->g, e, desc, 0);
	tap_ok(gx_wait_csb(&p->g, e, (p->rp[e] + 2) % 6) &&
	       gx_hwsp(&p->g, e)[0x10 + 2 * ((p->rp[e] + 2) % 6)] == (CSB_PREEMPTED | CSB_LITE),
	       "%s vcs0: W2, other dwords of X, taken as a lite restore at once", p->name);

	w = b;
	sdi(&w, d + 8, 0x333);
	*w++ = MI_BBE;
	start_batch(p, e, x);
	gx_elsp(&p->g, e, desc, 0);
	usleep(300000);
	check_eq(gx_hwsp(&p->g, e)[0x1f], (p->rp[e] + 2) % 6,
		 "%s vcs0: W3, rewritten dwords W1 runs from, not taken while W1 runs", p->name);
	out[0x800 / 4] = 1;				/* release W1 */
	tap_ok(wait_word(&out[2], 0x333), "%s vcs0: W3 ran once W1 ended", p->name);
	check_eq(out[0], 0x111, "%s vcs0: W1 ran the bytes it was audited with", p->name);
	check_eq(out[1], 0x222, "%s vcs0: W2 ran from the shared copy", p->name);
	check_eq(b[3], 0x333, "%s vcs0: the guest's page holds what the guest wrote", p->name);
	usleep(50000);
	p->rp[e] = gx_hwsp(&p->g, e)[0x1f] % 6;
	check_eq(gx_hwsp(&p->g, e)[0x10 + 2 * p->rp[e]], CSB_COMPLETE | CSB_ACTIVE_IDLE,
		 "%s vcs0: and the context went idle", p->name);
}

/* rcs0: second-level and chained PPGTT batches. */
static void test_chains(struct pg *p)
{
	unsigned int e = 0, i;
	uint64_t b1 = VA_BATCH + 0x10000, b2 = b1 + 0x1000, b3 = b1 + 0x2000;
	uint32_t *w;

	for (i = 0; i < 3; i++)
		map_4k(p, b1 + 0x1000ull * i, pt_gpa(p, PG_DATA + 32 + i));
	w = data(p, PG_DATA + 32);
	sdi(&w, VA_DATA + 0x100, 0xc1);
	*w++ = MI_BB_START | BB_PPGTT | BB_SECOND;
	*w++ = (uint32_t)b2;
	*w++ = (uint32_t)(b2 >> 32);
	sdi(&w, VA_DATA + 0x104, 0xc3);
	*w++ = MI_BB_START | BB_PPGTT;
	*w++ = (uint32_t)b3;
	*w++ = (uint32_t)(b3 >> 32);
	w = data(p, PG_DATA + 33);
	sdi(&w, VA_DATA + 0x108, 0xc2);
	*w++ = MI_BBE;
	w = data(p, PG_DATA + 34);
	sdi(&w, VA_DATA + 0x10c, 0xc4);
	*w++ = MI_BBE;
	start_batch(p, e, b1);
	if (!run(p, e, "chained and second-level PPGTT batches"))
		return;
	/* rcs0's data VA now maps page alt (test_engine rewrote it). */
	w = data(p, PG_DATA + 16) + 0x40;
	check_eq(w[0] == 0xc1 && w[2] == 0xc2 && w[1] == 0xc3 && w[3] == 0xc4, 1,
		 "%s rcs0: the first-level batch, its second-level batch and its chain all ran",
		 p->name);
}

/* bcs0: a blit whose destination is a PPGTT address. */
static void test_blit(struct pg *p)
{
	unsigned int e = 1, x, y, bad = 0;
	uint64_t dst = VA_2M + 0x40000;
	uint32_t *w = data(p, PG_DATA + 40), *px = data(p, PG_2M + 64);

	map_4k(p, VA_BATCH + 0x20000, pt_gpa(p, PG_DATA + 40));
	*w++ = XY_COLOR;
	*w++ = BR13(0xf0, 256);
	*w++ = XY(0, 0);
	*w++ = XY(64, 64);
	*w++ = (uint32_t)dst;
	*w++ = (uint32_t)(dst >> 32);
	*w++ = 0xc0ffee00;
	*w++ = MI_BBE;
	start_batch(p, e, VA_BATCH + 0x20000);
	if (!run(p, e, "XY_COLOR_BLT through the PPGTT"))
		return;
	for (y = 0; y < 64; y++)
		for (x = 0; x < 64; x++)
			bad += px[y * 64 + x] != 0xc0ffee00;
	check_eq(bad, 0, "%s bcs0: the blit filled all 64x64 pixels at the PPGTT address",
		 p->name);
}

/* Refusals: each one an engine error the guest sees, then the engine works. */
static void test_refusals(struct pg *p)
{
	unsigned int e = 2;
	uint64_t batch = VA_BATCH + 0x1000ull * e;
	uint32_t *b = data(p, PG_DATA + e), *w;
	long failed, pins, dma_faults, engine_faults;

	w = b;
	*w++ = MI_LRI(1);
	*w++ = GDRST;
	*w++ = 1;
	*w++ = MI_BBE;
	start_batch(p, e, batch);
	run_fails(p, e, "LRI to GDRST in a PPGTT batch");

	context(p, e);
	w = b;
	*w++ = MI_BB_START;
	*w++ = (uint32_t)gx_gm(&p->g, e, P_BATCH);
	*w++ = 0;
	*w++ = MI_NOOP;
	gx_va(&p->g, e, P_BATCH)[0] = MI_BBE;
	start_batch(p, e, batch);
	run_fails(p, e, "a GGTT batch started from a PPGTT batch");

	/* The batch's PTE names memory the guest does not have. */
	context(p, e);
	failed = ppgtt_value(p, "failed");
	map_4k(p, batch, 1ull << 40);
	w = b;
	sdi(&w, VA_DATA + 0x1000ull * e + 0x80, 0x0bad);
	*w++ = MI_BBE;
	start_batch(p, e, batch);
	run_fails(p, e, "a PTE outside the guest's memory");
	tap_ok(ppgtt_value(p, "failed") > failed, "%s %s: counted in debugfs ppgtt failed",
	       p->name, gx_names[e]);
	map_4k(p, batch, pt_gpa(p, PG_DATA + e));
	context(p, e);
	start_batch(p, e, batch);
	if (run(p, e, "the PTE fixed"))
		check_eq(data(p, PG_DATA + 16 + e)[0x20], 0x0bad, "%s %s: and its store landed",
			 p->name, gx_names[e]);

	/* The VFIO user unmaps the page tables: no pin stays, none is walked. */
	dma_faults = sim_strict("dma_faults");
	engine_faults = sim_strict("engine_faults");
	pins = ppgtt_value(p, "pins");
	tap_ok(pins > 0, "%s: the shadow holds pins (%ld)", p->name, pins);
	check_eq(dma_unmap(p->g.v, p->pt.iova, p->pt.len), 0, "%s: DMA unmap of the page tables",
		 p->name);
	check_eq(ppgtt_value(p, "pins"), 0, "%s: the unmap left no guest page pinned", p->name);
	context(p, e);
	start_batch(p, e, batch);
	run_fails(p, e, "tables unmapped by the VFIO user");
	check_eq(ppgtt_value(p, "pins"), 0, "%s: nothing was pinned again", p->name);
	check_eq(sim_strict("dma_faults") == dma_faults &&
		 sim_strict("engine_faults") == engine_faults, 1,
		 "%s: the pGPU walked nothing of it (no DMA or engine fault on the sim)", p->name);
	check_eq(dma_map(p->g.v, &p->pt), 0, "%s: the memory mapped again", p->name);
	w = b;
	sdi(&w, VA_DATA + 0x1000ull * e + 0x84, 0x600d);
	*w++ = MI_BBE;
	context(p, e);
	start_batch(p, e, batch);
	if (run(p, e, "tables mapped again"))
		check_eq(data(p, PG_DATA + 16 + e)[0x21], 0x600d, "%s %s: and its store landed",
			 p->name, gx_names[e]);
}

static void g2v(struct pg *p, uint64_t root, uint32_t what)
{
	mmio_wr(p->g.v, PVINFO + 0x838, 4, (uint32_t)root);
	mmio_wr(p->g.v, PVINFO + 0x83c, 4, (uint32_t)(root >> 32));
	mmio_wr(p->g.v, PVINFO + 0x818, 4, what);
}

/* 2,000 PPGTTs announced and destroyed; the limit refuses one more. */
static void test_many_roots(struct pg *p)
{
	const char *limit = "/sys/module/mgvt/parameters/ppgtt_max_roots";
	long tables = ppgtt_value(p, "tables"), pins = ppgtt_value(p, "pins");
	struct guest_mem roots;
	unsigned int i;
	char old[32];

	if (!tap_ok(guest_mem_alloc(&roots, ROOTS_IOVA, NROOTS, 0) && !dma_map(p->g.v, &roots),
		    "%s: %u pages for PML4s mapped", p->name, NROOTS))
		return;
	memset(roots.va, 0, roots.len);
	for (i = 0; i < NROOTS; i++)
		g2v(p, ROOTS_IOVA + (uint64_t)i * PAGE, 4);
	check_eq(ppgtt_value(p, "roots"), NROOTS, "%s: %u PPGTTs announced", p->name, NROOTS);
	tap_ok(wait_value(p, "tables", tables + NROOTS),
	       "%s: a shadow built for each (tables %ld)", p->name, ppgtt_value(p, "tables"));
	check_eq(ppgtt_value(p, "pins"), pins + NROOTS, "%s: each PML4 pinned once", p->name);
	for (i = 0; i < NROOTS; i++)
		g2v(p, ROOTS_IOVA + (uint64_t)i * PAGE, 5);
	check_eq(ppgtt_value(p, "roots"), 0, "%s: all destroyed", p->name);
	tap_ok(wait_value(p, "tables", tables), "%s: no shadow table left", p->name);
	check_eq(ppgtt_value(p, "pins"), pins, "%s: no pin left", p->name);

	sysfs_read_line(limit, old, sizeof(old));
	sysfs_write(limit, "100");
	for (i = 0; i < 101; i++)
		g2v(p, ROOTS_IOVA + (uint64_t)i * PAGE, 4);
	check_eq(ppgtt_value(p, "roots"), 100, "%s: ppgtt_max_roots=100 refuses the 101st",
		 p->name);
	for (i = 0; i < 101; i++)
		g2v(p, ROOTS_IOVA + (uint64_t)i * PAGE, 5);
	sysfs_write(limit, old);
	tap_ok(wait_value(p, "tables", tables), "%s: and all released", p->name);
	check_eq(dma_unmap(p->g.v, ROOTS_IOVA, roots.len), 0, "%s: PML4 pages unmapped", p->name);
}

/* vGPU B's tables name A's memory: its workload fails, A's page is intact. */
static void test_isolation(struct pg *a, struct pg *b)
{
	unsigned int e = 3;
	uint64_t batch = VA_BATCH + 0x1000ull * e;
	uint32_t *w = data(b, PG_DATA + e);
	uint32_t before = data(a, PG_DATA + 100)[0];

	up(b, e);
	map_4k(b, batch, pt_gpa(b, PG_DATA + e));
	map_4k(b, VA_DATA, pt_gpa(a, PG_DATA + 100));	/* A's IOVA, not B's */
	context(b, e);
	sdi(&w, VA_DATA, 0xbadbad);
	*w++ = MI_BBE;
	start_batch(b, e, batch);
	run_fails(b, e, "a PTE naming the other vGPU's memory");
	check_eq(data(a, PG_DATA + 100)[0], before, "%s: A's page untouched", b->name);
	map_4k(b, VA_DATA, pt_gpa(b, PG_DATA + 100));
	context(b, e);
	w = data(b, PG_DATA + e);
	sdi(&w, VA_DATA, 0xb0b0);
	*w++ = MI_BBE;
	start_batch(b, e, batch);
	if (run(b, e, "its own memory"))
		check_eq(data(b, PG_DATA + 100)[0], 0xb0b0, "%s: its store landed in its memory",
			 b->name);
	check_eq(data(a, PG_DATA + 100)[0], before, "%s: and A's page still untouched", b->name);
}

int main(int argc, char **argv)
{
	int ret = simple_program_start(argc, argv, 600);
	struct vgpu *va, *vb;
	unsigned int e;

	if (ret >= 0)
		return ret;
	va = vgpu_new("A", find_type("GVTg_V5_8"));
	vb = vgpu_new("B", find_type("GVTg_V5_8"));
	if (!va || !vb || vgpu_create(va) || !vfio_open(va, false) || !read_pvinfo(va) ||
	    vgpu_create(vb) || !vfio_open(vb, false) || !read_pvinfo(vb)) {
		tap_bail("could not create and open two vGPUs");
		cleanup_all();
		return tap_finish();
	}
	pa.name = "A";
	pb.name = "B";
	if (!tap_ok(setup(&pa, va, IOVA, PT_IOVA) && setup(&pb, vb, IOVA, B_IOVA),
		    "guest memory, page tables and MSI of two vGPUs")) {
		cleanup_all();
		return tap_finish();
	}
	map_64k(&pa, VA_64K, pt_gpa(&pa, PG_64K));
	map_2m(&pa, VA_2M, pt_gpa(&pa, PG_2M));
	for (e = 0; e < 4; e++)
		test_engine(&pa, e);
	test_chains(&pa);
	test_blit(&pa);
	test_refusals(&pa);
	test_hw_privilege(&pa);
	test_shared_page(&pa);
	test_many_roots(&pa);
	test_isolation(&pa, &pb);
	cleanup_all();
	return tap_finish();
}

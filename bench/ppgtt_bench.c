// SPDX-License-Identifier: GPL-2.0
/*
 * ppgtt_bench - what the shadow PPGTT and the audit of PPGTT batches cost
 * the mediator's CPU, measured in userspace on gvt/mm/pttree.c and
 * gvt/render/scan.c (compiled against the unit tests' kernel shim), side
 * by side with the plain memory operation each one is bounded by:
 *
 *  1. Validation before a submission, tree unchanged (the common case),
 *     for guest trees reaching 1, 64 and 4096 distinct table pages: ns
 *     per validation, per table page, and against memcmp() of as many
 *     4 KiB pages with a copy (the floor of "compare every page").  Two
 *     layouts: "bare" (unused entries not present; 1 is a PML4 with
 *     nothing present) and "scratch" as a Gen9 i915 writes them (every
 *     unused entry points at the scratch PDP, PD, PT or page, so even an
 *     empty PPGTT reaches 4 table pages: 4, 64 and 4096).
 *  2. Validation after the guest changed one PTE (one entry rebuilt: a
 *     guest page unpinned, another pinned), and after it pointed one PDE
 *     at another page table (a 512-entry subtree freed and built).
 *  3. Building the shadow of a fresh root (root_get + first validation)
 *     mapping 1 GiB in 4 KiB pages, 64 KiB pages (PDEs with IPS) and
 *     2 MiB pages (PDEs with PS): 4 KiB shadow entries per second, and
 *     the release of the tree.
 *  4. A PPGTT batch of 4 KiB and 64 KiB as a Gen9 Mesa batch looks
 *     (PIPE_CONTROL, 3D state, 3DPRIMITIVE, MI_STORE_DWORD_IMM, LRI of a
 *     GPR, MI_NOOP, ending in MI_BATCH_BUFFER_END): the copy through the
 *     shadow (mgvt_pt_view_read), the audit (mgvt_scan_buf, non-privileged
 *     in a PPGTT), and the audited copy mapped over the guest's pages
 *     (mgvt_pt_view_overlay, with the view sync that drops it once the
 *     workload is done), per KiB against memcpy() of the same bytes; and
 *     the same batch read the way render/vexec.c reads it (one page, then,
 *     when the scan of that page fails, all that is mapped up to 64 KiB).
 *
 * Not measured: the kernel side (gvt/mm/ppgtt.c).  Here a pin is a
 * counter and a host page comes from aligned_alloc(); the kernel pins
 * guest pages through VFIO and DMA-maps pages through the HAL, which
 * costs more per page pinned or allocated (builds and rebuilds), not per
 * page compared.  The XArray is the unit shim's sorted array.
 *
 * The figures of a group are measured in alternating rounds, in CPU time
 * of the thread (other load on the machine counts less), and the median
 * round counts.  Output: TAP, a human-readable table as diagnostics, and
 * one "bench: ppgtt_<name> <value>" line per figure.  Ratios, never
 * thresholds.
 *
 * Usage: ppgtt_bench [ROUNDS [MS]]: ROUNDS rounds per side (default 9,
 * 3-99), each of about MS milliseconds (default 20, 1-1000).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/types.h>

#include "mm/pttree.h"
#include "regs/gpu_cmd.h"
#include "regs/gtt.h"
#include "regs/regs.h"
#include "render/scan.h"
#include "tap.h"

#define MAX_ROUNDS	99
#define ENTRIES		MGVT_PT_ENTRIES
#define PDE		(GEN8_PTE_PRESENT | GEN8_PAGE_RW)
#define PTE		(GEN8_PTE_PRESENT | GEN8_PAGE_RW)
#define FAKE_IOVA	(1ULL << 40)
#define BATCH_VA	0x10000ULL	/* PT 0, entries 16-31 */
#define BATCH_MAX	(64u << 10)	/* render/vexec.c's */
#define GiB_PAGES	(1u << 18)
#define ALIGN_UP(x, a)	(((x) + (a) - 1) / (a) * (a))

static unsigned int rounds = 9;
static double round_ns = 20e6;
static volatile int sink;

/* ---- the environment: a fake guest memory and host pages -------------- */

struct mgvt_pt_gpage {
	u32 refs;
};

/*
 * Guest memory is gfns [0, ngfn); the first nbacked have contents (the
 * table pages and a few data pages), the others read as zeroes.
 */
static struct {
	u64 ngfn, nbacked;
	u8 *mem;
	struct mgvt_pt_gpage *pg;
	u64 pins;		/* distinct guest pages pinned */
	u64 hpages;		/* host pages allocated */
} g;

static u8 zero_page[PAGE_SIZE] __aligned(PAGE_SIZE);

static int env_get(void *priv, u64 gfn, struct mgvt_pt_gpage **gp, u64 *dma)
{
	if (gfn >= g.ngfn)
		return -EINVAL;
	*gp = &g.pg[gfn];
	if (!(*gp)->refs++)
		g.pins++;
	*dma = FAKE_IOVA + (gfn << PAGE_SHIFT);
	return 0;
}

static void env_put(void *priv, struct mgvt_pt_gpage *gp)
{
	if (!--gp->refs)
		g.pins--;
}

static const void *env_map(void *priv, struct mgvt_pt_gpage *gp)
{
	u64 gfn = gp - g.pg;

	return gfn < g.nbacked ? g.mem + gfn * PAGE_SIZE : zero_page;
}

static void env_unmap(void *priv, struct mgvt_pt_gpage *gp, const void *va)
{
}

static int env_alloc(void *priv, struct mgvt_pt_hpage *hp)
{
	hp->va = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
	if (!hp->va)
		return -ENOMEM;
	memset(hp->va, 0, PAGE_SIZE);
	hp->dma = (uintptr_t)hp->va;
	hp->priv = NULL;
	g.hpages++;
	return 0;
}

static void env_free(void *priv, struct mgvt_pt_hpage *hp)
{
	free(hp->va);
	g.hpages--;
}

static const struct mgvt_pt_env_ops env = {
	.get = env_get, .put = env_put, .map = env_map, .unmap = env_unmap,
	.alloc = env_alloc, .free = env_free,
};

static void guest_free(void)
{
	free(g.mem);
	free(g.pg);
	memset(&g, 0, sizeof(g));
}

static bool guest_alloc(u64 ngfn, u64 nbacked)
{
	guest_free();
	g.ngfn = ngfn;
	g.nbacked = nbacked;
	g.mem = aligned_alloc(PAGE_SIZE, nbacked * PAGE_SIZE);
	g.pg = calloc(ngfn, sizeof(*g.pg));
	if (!g.mem || !g.pg)
		return false;
	memset(g.mem, 0, nbacked * PAGE_SIZE);
	return true;
}

static u64 *gtable(u64 gfn)
{
	return (u64 *)(g.mem + gfn * PAGE_SIZE);
}

/* ---- guest page tables -------------------------------------------------- */

enum leaf { L4K, L64K, L2M };
static const char *const leaf_names[] = { "4k", "64k", "2m" };

/*
 * A guest PPGTT: PML4 at gfn 1, one PDP, @npd PDs, @nleaf leaves (page
 * tables, or 2 MiB PDEs) filled in order, each mapping 512 consecutive
 * data pages from @data; with @scratch, every other entry points at the
 * scratch PDP, PD, PT or page (gfn 0), as i915 does.  @spare_pt is a page
 * table nothing points at (a copy of the first), @spare_data a data page
 * nothing maps.
 */
struct layout {
	enum leaf leaf;
	bool scratch;
	unsigned int nleaf, npd;
	u64 pml4, pdp, pd, pt, spdp, spd, spt, spare_pt;
	u64 ntables;		/* table pages the root reaches */
	u64 data, spare_data, ngfn;
};

static unsigned int pds_for(unsigned int nleaf)
{
	return DIV_ROUND_UP(nleaf, ENTRIES);
}

/* Table pages a 4 KiB layout of @npt page tables reaches. */
static u64 tables_reached(unsigned int npt, bool scratch)
{
	return 1 + (npt ? 1 + pds_for(npt) + npt : 0) + (scratch ? 3 : 0);
}

/* The gfns of @l, and the guest memory it needs. */
static bool layout_plan(struct layout *l, enum leaf leaf, unsigned int nleaf,
			bool scratch)
{
	u64 gfn = 1;

	memset(l, 0, sizeof(*l));
	l->leaf = leaf;
	l->scratch = scratch;
	l->nleaf = nleaf;
	l->npd = pds_for(nleaf);
	l->pml4 = gfn++;
	l->pdp = gfn++;
	l->pd = gfn;
	gfn += l->npd;
	l->pt = gfn;
	if (leaf != L2M)
		gfn += nleaf;
	l->spdp = gfn++;
	l->spd = gfn++;
	l->spt = gfn++;
	l->spare_pt = gfn++;
	l->data = ALIGN_UP(gfn, ENTRIES);
	l->spare_data = l->data + (u64)nleaf * ENTRIES;
	l->ngfn = l->spare_data + 1;
	l->ntables = leaf == L4K ? tables_reached(nleaf, scratch) : 0;
	/* The data pages of the batch (PT 0) have contents too. */
	return guest_alloc(l->ngfn, l->data + ENTRIES);
}

/* Write @l's tables into guest memory. */
static void layout_write(const struct layout *l)
{
	u64 leaf_flags = l->leaf == L64K ? GEN8_PDE_IPS_64K : 0;
	unsigned int i, k;
	u64 *t;

	if (l->scratch) {
		for (i = 0; i < ENTRIES; i++) {
			gtable(l->spt)[i] = PTE;	/* gfn 0 */
			gtable(l->spd)[i] = l->spt << PAGE_SHIFT | PDE;
			gtable(l->spdp)[i] = l->spd << PAGE_SHIFT | PDE;
			gtable(l->pml4)[i] = l->spdp << PAGE_SHIFT | PDE;
			gtable(l->pdp)[i] = l->spd << PAGE_SHIFT | PDE;
		}
		for (k = 0; k < l->npd; k++)
			for (i = 0; i < ENTRIES; i++)
				gtable(l->pd + k)[i] = l->spt << PAGE_SHIFT | PDE;
	}
	if (!l->nleaf)
		return;
	gtable(l->pml4)[0] = l->pdp << PAGE_SHIFT | PDE;
	for (k = 0; k < l->npd; k++)
		gtable(l->pdp)[k] = (l->pd + k) << PAGE_SHIFT | PDE;
	for (k = 0; k < l->nleaf; k++) {
		u64 data = l->data + (u64)k * ENTRIES;
		u64 *pde = &gtable(l->pd + k / ENTRIES)[k % ENTRIES];

		if (l->leaf == L2M) {
			*pde = data << PAGE_SHIFT | GEN8_PDE_PS_2M | PDE;
			continue;
		}
		*pde = (l->pt + k) << PAGE_SHIFT | leaf_flags | PDE;
		t = gtable(l->pt + k);
		/* 64 KiB: i915 writes all 16 entries of each page. */
		for (i = 0; i < ENTRIES; i++)
			t[i] = (data + i) << PAGE_SHIFT | PTE;
	}
	if (l->leaf != L2M)
		memcpy(gtable(l->spare_pt), gtable(l->pt), PAGE_SIZE);
}

/* A tree over @l's guest memory, with a validated root. */
struct shadow {
	struct mgvt_pt_tree t;
	struct mgvt_pt_node *root;
	int err;
};

static bool shadow_build(struct shadow *s, const struct layout *l)
{
	mgvt_pt_tree_init(&s->t, &env, NULL, 1u << 20);
	s->root = mgvt_pt_root_get(&s->t, l->pml4 << PAGE_SHIFT);
	s->err = s->root ? mgvt_pt_validate(&s->t, s->root) : -EINVAL;
	if (s->err)
		tap_diag("shadow build: %d (%s)", s->err, s->t.why ?: "");
	return !s->err;
}

/* Release the tree: every pin and host page must be gone. */
static bool shadow_free(struct shadow *s)
{
	if (s->root)
		mgvt_pt_node_put(&s->t, s->root);
	s->root = NULL;
	mgvt_pt_tree_fini(&s->t);
	return !g.pins && !g.hpages;
}

/* ---- timing ------------------------------------------------------------- */

/* CPU time of this thread: the other load of the machine counts less. */
static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

typedef void (*op_fn)(void *arg);

/* One side of a comparison: what runs, and its median ns per call. */
struct side {
	op_fn f;
	void *arg;
	double ns;
	unsigned long iters;
	double r[MAX_ROUNDS];
};

/* ns per call of @iters calls of @f. */
static double per_op(op_fn f, void *arg, unsigned long iters)
{
	double t0 = now_ns();
	unsigned long i;

	for (i = 0; i < iters; i++)
		f(arg);
	return (now_ns() - t0) / iters;
}

/* Calls of @f that take about a round. */
static unsigned long calibrate(op_fn f, void *arg)
{
	unsigned long iters = 1;
	double t;

	f(arg);		/* warm */
	for (;;) {
		t = per_op(f, arg, iters) * iters;
		if (t >= round_ns / 8 || iters >= 1ul << 30)
			break;
		iters *= 2;
	}
	iters = (unsigned long)(iters * round_ns / (t > 0 ? t : 1));
	return iters ? iters : 1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(const double *v, unsigned int n)
{
	double s[MAX_ROUNDS];

	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	return s[n / 2];
}

/*
 * The @n sides in alternating rounds: the median ns per call of each.
 * Each round starts with an untimed call, so that no side pays for the
 * caches the one before it used (the large trees fill most of the LLC).
 */
static void measure(struct side *sd, unsigned int n)
{
	unsigned int r, i;

	for (i = 0; i < n; i++)
		sd[i].iters = calibrate(sd[i].f, sd[i].arg);
	for (r = 0; r < rounds; r++)
		for (i = 0; i < n; i++) {
			sd[i].f(sd[i].arg);
			sd[i].r[r] = per_op(sd[i].f, sd[i].arg, sd[i].iters);
		}
	for (i = 0; i < n; i++)
		sd[i].ns = median(sd[i].r, rounds);
}

/* ---- 1, 2: validation --------------------------------------------------- */

struct vctx {
	struct shadow *s;
	const u8 **pages;	/* memcmp: the guest table pages */
	u8 *copy;		/* and a copy of each */
	u64 npages;
};

/* A guest entry that takes two values in turn, each validated. */
struct flip {
	struct shadow *s;
	u64 *entry;
	u64 val[2];
	unsigned int cur;
	unsigned long n;
};

static void validate_once(struct shadow *s)
{
	int ret = mgvt_pt_validate(&s->t, s->root);

	if (ret && !s->err)
		s->err = ret;
}

static void op_validate(void *arg)
{
	validate_once(((struct vctx *)arg)->s);
}

static void op_flip_validate(void *arg)
{
	struct flip *f = arg;

	f->cur ^= 1;
	f->n++;
	*f->entry = f->val[f->cur];
	validate_once(f->s);
}

/* Back to the first value, validated. */
static void flip_restore(struct flip *f)
{
	if (!f->entry)
		return;
	f->cur = 0;
	*f->entry = f->val[0];
	validate_once(f->s);
}

static void op_memcmp(void *arg)
{
	struct vctx *c = arg;
	int acc = 0;
	u64 i;

	for (i = 0; i < c->npages; i++)
		acc |= memcmp(c->pages[i], c->copy + i * PAGE_SIZE, PAGE_SIZE);
	sink = acc;
}

/* The guest table pages @s reaches, and a copy of each, for op_memcmp. */
static bool memcmp_setup(struct vctx *c)
{
	struct mgvt_pt_node *n;
	unsigned long key;
	u64 i = 0;

	c->npages = c->s->t.nnodes;
	c->pages = calloc(c->npages, sizeof(*c->pages));
	c->copy = aligned_alloc(PAGE_SIZE, c->npages * PAGE_SIZE);
	if (!c->pages || !c->copy)
		return false;
	xa_for_each(&c->s->t.nodes, key, n) {
		c->pages[i] = g.mem + n->gfn * PAGE_SIZE;
		memcpy(c->copy + i * PAGE_SIZE, c->pages[i], PAGE_SIZE);
		i++;
	}
	return i == c->npages;
}

static void memcmp_free(struct vctx *c)
{
	free(c->pages);
	free(c->copy);
	c->pages = NULL;
	c->copy = NULL;
}

/*
 * A tree reaching @target table pages validated unchanged, against
 * memcmp() of as many pages; then, apart (memcmp() takes the caches the
 * large trees use), validated unchanged again against validated after a
 * PTE (of the second page table: another guest page) or a PDE (the
 * first: another page table with the same entries) changed.
 */
static void bench_validate(u64 target, bool scratch)
{
	const char *lay = scratch ? "scratch_" : "", *name = scratch ? "scratch" : "bare";
	enum { UNCHANGED, MEMCMP, SAME = 0, PTE_CHANGED, PDE_CHANGED };
	struct shadow s = { 0 };
	struct vctx c = { .s = &s };
	struct flip pte = { .s = &s }, pde = { .s = &s };
	struct side sd[] = {
		{ .f = op_validate, .arg = &c }, { .f = op_memcmp, .arg = &c },
	}, ch[] = {
		{ .f = op_validate, .arg = &c },
		{ .f = op_flip_validate, .arg = &pte }, { .f = op_flip_validate, .arg = &pde },
	};
	unsigned int npt = target;
	double v, m, same;
	struct layout l;
	u64 r0, want;
	bool ok;

	while (npt && tables_reached(npt, scratch) != target)
		npt--;
	ok = tables_reached(npt, scratch) == target && layout_plan(&l, L4K, npt, scratch);
	if (ok) {
		layout_write(&l);
		ok = shadow_build(&s, &l) && s.t.nnodes == target;
	}
	ok = ok && memcmp_setup(&c);
	if (!tap_ok(ok, "%s tree of %llu table pages shadowed (%u page tables, %llu 4 KiB pages mapped)",
		    name, target, npt, (u64)npt * ENTRIES)) {
		memcmp_free(&c);
		shadow_free(&s);
		return;
	}
	if (npt >= 2) {
		pte.entry = &gtable(l.pt + 1)[5];
		pte.val[0] = *pte.entry;
		pte.val[1] = l.spare_data << PAGE_SHIFT | PTE;
		pde.entry = &gtable(l.pd)[0];
		pde.val[0] = *pde.entry;
		pde.val[1] = l.spare_pt << PAGE_SHIFT | PDE;
	}
	r0 = s.t.rebuilt;
	measure(sd, ARRAY_SIZE(sd));
	if (npt >= 2)
		measure(ch, ARRAY_SIZE(ch));
	flip_restore(&pte);
	flip_restore(&pde);
	/*
	 * Rebuilt: one entry per PTE change, the PDE and its new page table's
	 * 512 per PDE change; none in an unchanged tree.
	 */
	want = pte.n + (pte.n & 1) + (1 + ENTRIES) * (pde.n + (pde.n & 1));
	ok = !s.err && s.t.rebuilt - r0 == want;
	memcmp_free(&c);
	ok &= shadow_free(&s);
	if (!tap_ok(ok, "%s tree of %llu table pages: validations measured, %llu entries rebuilt as changed, no pin or host page left",
		    name, target, want))
		return;
	v = sd[UNCHANGED].ns;
	m = sd[MEMCMP].ns;
	tap_diag("validate, %-7s %4llu table pages: %9.0f ns  %6.1f ns/page   memcmp %9.0f ns  %6.1f ns/page   ratio %5.2fx",
		 name, target, v, v / target, m, m / target, v / m);
	printf("bench: ppgtt_validate_%s%llu_ns %.0f\n", lay, target, v);
	printf("bench: ppgtt_validate_%s%llu_ns_per_page %.1f\n", lay, target, v / target);
	printf("bench: ppgtt_validate_%s%llu_memcmp_ns %.0f\n", lay, target, m);
	printf("bench: ppgtt_validate_%s%llu_over_memcmp %.3f\n", lay, target, v / m);
	if (npt < 2)
		return;
	same = ch[SAME].ns;
	tap_diag("validate, %-7s %4llu table pages: unchanged %9.0f ns;  one PTE changed %9.0f ns (%+.0f ns);  one PDE to another page table %9.0f ns (%+.0f ns)",
		 name, target, same, ch[PTE_CHANGED].ns, ch[PTE_CHANGED].ns - same,
		 ch[PDE_CHANGED].ns, ch[PDE_CHANGED].ns - same);
	printf("bench: ppgtt_validate_%s%llu_pte_changed_ns %.0f\n", lay, target,
	       ch[PTE_CHANGED].ns);
	printf("bench: ppgtt_validate_%s%llu_pte_changed_over_unchanged %.3f\n", lay, target,
	       ch[PTE_CHANGED].ns / same);
	printf("bench: ppgtt_validate_%s%llu_pde_changed_ns %.0f\n", lay, target,
	       ch[PDE_CHANGED].ns);
	printf("bench: ppgtt_validate_%s%llu_pde_changed_over_unchanged %.3f\n", lay, target,
	       ch[PDE_CHANGED].ns / same);
}

/* ---- 3: building a fresh root --------------------------------------------- */

static void bench_build(enum leaf leaf, unsigned int gib_pages)
{
	unsigned int nleaf = gib_pages / ENTRIES;	/* PTs, or 2 MiB PDEs */
	double rb[MAX_ROUNDS], rf[MAX_ROUNDS], b, f, t0;
	u64 entries = (u64)nleaf * ENTRIES, guest_entries;
	struct shadow s;
	struct layout l;
	unsigned int r;
	bool ok;

	guest_entries = leaf == L4K ? entries : leaf == L64K ? entries / 16 : nleaf;
	ok = layout_plan(&l, leaf, nleaf, false);
	if (ok)
		layout_write(&l);
	for (r = 0; r < rounds && ok; r++) {
		memset(&s, 0, sizeof(s));
		t0 = now_ns();
		ok = shadow_build(&s, &l);
		rb[r] = now_ns() - t0;
		ok &= g.pins == entries + (leaf == L2M ? 0 : nleaf) + 3;
		t0 = now_ns();
		ok &= shadow_free(&s);
		rf[r] = now_ns() - t0;
	}
	if (!tap_ok(ok, "fresh root of %llu MiB in %s pages built and released %u times",
		    entries >> 8, leaf_names[leaf], rounds))
		return;
	b = median(rb, rounds);
	f = median(rf, rounds);
	tap_diag("build, %4llu MiB in %-3s pages: %7.2f ms  %6.1f M shadow entries/s (%5.1f ns each; %7.0f guest entries/ms)   release %6.2f ms  %6.1f M entries/s",
		 entries >> 8, leaf_names[leaf], b / 1e6, entries / b * 1e3, b / entries,
		 guest_entries / b * 1e6, f / 1e6, entries / f * 1e3);
	printf("bench: ppgtt_build_%s_entries_per_s %.0f\n", leaf_names[leaf], entries / b * 1e9);
	printf("bench: ppgtt_build_%s_guest_entries_per_s %.0f\n", leaf_names[leaf],
	       guest_entries / b * 1e9);
	printf("bench: ppgtt_release_%s_entries_per_s %.0f\n", leaf_names[leaf], entries / f * 1e9);
}

/* ---- 4: PPGTT batches ------------------------------------------------------ */

/* Append one command of a Gen9 draw to @b at @pos (dwords). */
static unsigned int draw_cmd(u32 *b, unsigned int k, u64 addr)
{
	static const struct { u16 op; u8 len; } state[] = {
		{ 0x7817, 11 },	/* 3DSTATE_CONSTANT_PS */
		{ 0x782a, 2 },	/* 3DSTATE_BINDING_TABLE_POINTERS_PS */
		{ 0x782f, 2 },	/* 3DSTATE_SAMPLER_STATE_POINTERS_PS */
		{ 0x7810, 9 },	/* 3DSTATE_VS */
		{ 0x7820, 12 },	/* 3DSTATE_PS */
		{ 0x784f, 2 },	/* 3DSTATE_PS_EXTRA */
		{ 0x7808, 5 },	/* 3DSTATE_VERTEX_BUFFERS */
		{ 0x7809, 5 },	/* 3DSTATE_VERTEX_ELEMENTS */
		{ 0x7821, 2 },	/* 3DSTATE_VIEWPORT_STATE_POINTERS_CC */
		{ 0x7824, 2 },	/* 3DSTATE_BLEND_STATE_POINTERS */
		{ 0x6101, 19 },	/* STATE_BASE_ADDRESS */
	};
	unsigned int i, len;

	switch (k) {
	case 0:		/* flush, stall, and a PPGTT post-sync store */
		b[0] = PIPE_CONTROL | (PIPE_CONTROL_DW - 2);
		b[1] = PC_CS_STALL | PC_DC_FLUSH | POST_SYNC_IMM << POST_SYNC_SHIFT;
		b[2] = (u32)addr;
		b[3] = (u32)(addr >> 32);
		b[4] = k;
		b[5] = 0;
		return PIPE_CONTROL_DW;
	case 1:
		b[0] = MI_LRI(1);
		b[1] = gen9_engine_base(0) + 0x600;	/* GPR0 */
		b[2] = 0x1234;
		return 3;
	case 2:
		b[0] = MI_STORE_DWORD_IMM | (MI_SDI_DW - 2);
		b[1] = (u32)addr + 8;
		b[2] = (u32)(addr >> 32);
		b[3] = 1;
		return MI_SDI_DW;
	case 3:
		b[0] = GFX_3DPRIMITIVE | (GFX_3DPRIMITIVE_DW - 2);
		for (i = 1; i < GFX_3DPRIMITIVE_DW; i++)
			b[i] = i;
		return GFX_3DPRIMITIVE_DW;
	case 4:
		b[0] = MI_NOOP;
		return 1;
	default:
		k -= 5;
		len = state[k].len;
		b[0] = (u32)state[k].op << 16 | (len - 2);
		for (i = 1; i < len; i++)
			b[i] = 0x1000 * i + 1;
		return len;
	}
}

/*
 * Fill @dw dwords at @b as a draw sequence repeats: state, a flush, a
 * draw, a store and an LRI, ending in MI_BATCH_BUFFER_END.
 */
static void make_batch(u32 *b, unsigned int dw)
{
	static const u8 seq[] = { 15, 0, 5, 13, 14, 6, 7, 8, 9, 10, 11, 12,
				  3, 0, 2, 1, 4, 4 };
	unsigned int pos = 0, k = 0;
	u32 tmp[32];

	for (;;) {
		unsigned int n = draw_cmd(tmp, seq[k++ % sizeof(seq)], 0x200000);

		if (pos + n >= dw)
			break;
		memcpy(&b[pos], tmp, 4 * n);
		pos += n;
	}
	while (pos < dw - 1)
		b[pos++] = MI_NOOP;
	b[pos] = MI_BATCH_BUFFER_END;
}

static bool scan_gm_ok(void *priv, u64 gm, u64 len)
{
	return false;		/* a non-privileged batch names no GGTT range */
}

static int scan_batch(void *priv, u64 addr, enum mgvt_scan_level level,
		      bool ppgtt, u64 *shadow)
{
	return -EACCES;		/* the batches here start none */
}

static const struct mgvt_scan_ops scan_ops = {
	.gm_ok = scan_gm_ok, .batch = scan_batch,
};

struct bctx {
	struct mgvt_pt_view *v;
	size_t len;
	bool vexec;		/* read as render/vexec.c does */
	u32 *copy;		/* the mediator's copy */
	u8 *src, *dst;		/* memcpy() */
	u64 seq;
	int err;
};

static int scan_copy(struct bctx *c, size_t len)
{
	struct mgvt_scan s = {
		.engine = 0, .cb = &scan_ops, .ppgtt = true, .nonpriv = true,
	};

	return mgvt_scan_buf(&s, c->copy, len / 4, MGVT_SCAN_BB1);
}

static void check(struct bctx *c, int ret)
{
	if (ret && !c->err)
		c->err = ret;
}

/* The copy through the shadow. */
static void op_read(void *arg)
{
	struct bctx *c = arg;

	check(c, mgvt_pt_view_read(c->v, BATCH_VA, c->copy, c->len));
}

/* The audit of the copy (which it leaves as it is). */
static void op_scan(void *arg)
{
	struct bctx *c = arg;
	int n = scan_copy(c, c->len);

	check(c, n < 0 ? n : (size_t)n * 4 != c->len ? -EINVAL : 0);
}

/*
 * The audited copy mapped over the guest's pages for workload ++seq, and
 * dropped by the view sync after that workload completed.
 */
static void op_overlay(void *arg)
{
	struct bctx *c = arg;

	check(c, mgvt_pt_view_overlay(c->v, BATCH_VA, c->copy, c->len, ++c->seq));
	check(c, mgvt_pt_view_sync(c->v, c->seq));
}

/* The three, as one submission of the batch. */
static void op_batch(void *arg)
{
	struct bctx *c = arg;
	size_t len = c->len;
	int n, ret;

	if (c->vexec)
		len = PAGE_SIZE;
	ret = mgvt_pt_view_read(c->v, BATCH_VA, c->copy, len);
	n = ret ?: scan_copy(c, len);
	if (n < 0 && c->vexec) {
		/* No end in the first page: all that is mapped to BATCH_MAX. */
		len = BATCH_MAX;
		ret = mgvt_pt_view_read(c->v, BATCH_VA, c->copy, len);
		n = ret ?: scan_copy(c, len);
	}
	check(c, n < 0 ? n : (size_t)n * 4 != c->len ? -EINVAL : 0);
	if (n > 0)
		op_overlay(c);
}

static void op_memcpy(void *arg)
{
	struct bctx *c = arg;

	memcpy(c->dst, c->src, c->len);
	sink = c->dst[c->len - 1];
}

static void bench_batch(size_t len)
{
	struct mgvt_pt_view v = { 0 };
	struct bctx c = { .v = &v, .len = len }, cv;
	enum { BATCH, VEXEC, MEMCPY, READ, SCAN, OVERLAY };
	struct side sd[] = {
		{ .f = op_batch, .arg = &c }, { .f = op_batch, .arg = &cv },
		{ .f = op_memcpy, .arg = &c }, { .f = op_read, .arg = &c },
		{ .f = op_scan, .arg = &c }, { .f = op_overlay, .arg = &c },
	};
	struct shadow s = { 0 };
	double kib = len / 1024.0, m;
	struct layout l;
	u8 *batch;
	bool ok;

	ok = layout_plan(&l, L4K, 1, true);
	if (ok) {
		layout_write(&l);
		batch = g.mem + (l.data + BATCH_VA / PAGE_SIZE) * PAGE_SIZE;
		make_batch((u32 *)batch, len / 4);
		ok = shadow_build(&s, &l);
	}
	c.copy = aligned_alloc(PAGE_SIZE, BATCH_MAX);
	c.src = aligned_alloc(PAGE_SIZE, len);
	c.dst = aligned_alloc(PAGE_SIZE, len);
	ok = ok && c.copy && c.src && c.dst && !mgvt_pt_view_init(&v, &s.t);
	if (ok) {
		memcpy(c.src, batch, len);
		mgvt_pt_view_set_root(&v, mgvt_pt_root_get(&s.t, l.pml4 << PAGE_SHIFT));
		ok = v.root && !mgvt_pt_view_sync(&v, 0);
		/* The same, read as vexec.c does. */
		cv = c;
		cv.vexec = true;
		op_batch(&c);
		op_batch(&cv);
		ok &= !c.err && !cv.err && !mgvt_pt_view_overlays(&v);
		if (!ok)
			tap_diag("batch: %d %s", c.err ?: cv.err, s.t.why ?: "");
	}
	if (ok) {
		measure(sd, ARRAY_SIZE(sd));
		ok = !c.err && !cv.err && !mgvt_pt_view_overlays(&v);
	}
	if (v.tree)
		mgvt_pt_view_fini(&v);
	free(c.copy);
	free(c.src);
	free(c.dst);
	ok &= shadow_free(&s);
	if (!tap_ok(ok, "%zu KiB PPGTT batch read, audited and overlaid; no pin or host page left",
		    len >> 10))
		return;
	m = sd[MEMCPY].ns;
	tap_diag("batch %2zu KiB: read+audit+overlay %6.0f ns/KiB (read %5.0f, audit %5.0f, overlay %5.0f)   memcpy %4.0f ns/KiB   ratio %6.1fx (audit alone %6.1fx);  read as vexec.c does %6.0f ns/KiB (%.1fx)",
		 len >> 10, sd[BATCH].ns / kib, sd[READ].ns / kib, sd[SCAN].ns / kib,
		 sd[OVERLAY].ns / kib, m / kib, sd[BATCH].ns / m, sd[SCAN].ns / m,
		 sd[VEXEC].ns / kib, sd[VEXEC].ns / m);
	printf("bench: ppgtt_batch_%zuk_ns_per_kib %.1f\n", len >> 10, sd[BATCH].ns / kib);
	printf("bench: ppgtt_batch_%zuk_read_ns_per_kib %.1f\n", len >> 10, sd[READ].ns / kib);
	printf("bench: ppgtt_batch_%zuk_audit_ns_per_kib %.1f\n", len >> 10, sd[SCAN].ns / kib);
	printf("bench: ppgtt_batch_%zuk_overlay_ns_per_kib %.1f\n", len >> 10,
	       sd[OVERLAY].ns / kib);
	printf("bench: ppgtt_batch_%zuk_memcpy_ns_per_kib %.1f\n", len >> 10, m / kib);
	printf("bench: ppgtt_batch_%zuk_over_memcpy %.3f\n", len >> 10, sd[BATCH].ns / m);
	printf("bench: ppgtt_batch_%zuk_audit_over_memcpy %.3f\n", len >> 10, sd[SCAN].ns / m);
	printf("bench: ppgtt_batch_%zuk_vexec_over_memcpy %.3f\n", len >> 10, sd[VEXEC].ns / m);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		rounds = (unsigned int)atoi(argv[1]);
	if (argc > 2)
		round_ns = atof(argv[2]) * 1e6;
	if (argc > 3 || rounds < 3 || rounds > MAX_ROUNDS || round_ns < 1e6 ||
	    round_ns > 1e9) {
		fprintf(stderr, "usage: %s [ROUNDS (3-%d) [MS (1-1000)]]\n", argv[0], MAX_ROUNDS);
		return 2;
	}
	tap_header();
	tap_diag("shadow PPGTT and PPGTT batch audit, in userspace (gvt/mm/pttree.c, gvt/render/scan.c): %u rounds of ~%.0f ms per side",
		 rounds, round_ns / 1e6);
	tap_diag("not measured: gvt/mm/ppgtt.c (VFIO pins, DMA mapping through the HAL): here a pin is a counter, a host page aligned_alloc()");

	bench_validate(1, false);
	bench_validate(64, false);
	bench_validate(4096, false);
	bench_validate(4, true);
	bench_validate(64, true);
	bench_validate(4096, true);

	bench_build(L4K, GiB_PAGES);
	bench_build(L64K, GiB_PAGES);
	bench_build(L2M, GiB_PAGES);

	bench_batch(4 << 10);
	bench_batch(64 << 10);
	guest_free();
	return tap_finish();
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The shadow PPGTT tree (gvt/mm/pttree.c) against a fake guest memory
 * (pt_env.h): the shadow walked as the pGPU walks it translates every
 * sampled address to the guest page the guest's own tables map, for
 * 4 KiB, 64 KiB and 2 MiB pages; shared, aliased and cyclic tables;
 * entries outside guest memory, reserved bits and 1 GiB pages refused;
 * tables changed between validations; the node limit; failures of the
 * environment injected at every call; lookups; zaps; and views with
 * their overlays.  Every test ends with no pin and no host page left.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mm/pttree.h"
#include "regs/gtt.h"
#include "pt_env.h"
#include "tap.h"

static struct pt_env E;
static struct mgvt_pt_tree T;

#define P	GEN8_PTE_PRESENT
#define RW	GEN8_PAGE_RW

static u64 ent(u64 gfn, u64 flags)
{
	return gfn << PAGE_SHIFT | P | RW | flags;
}

static void set(u64 gfn, unsigned int i, u64 v)
{
	E.mem[gfn][i] = v;
}

static void fill(u64 gfn, u64 v)
{
	unsigned int i;

	for (i = 0; i < MGVT_PT_ENTRIES; i++)
		E.mem[gfn][i] = v;
}

static u64 va4(unsigned int i0, unsigned int i1, unsigned int i2, unsigned int i3)
{
	return (u64)i0 << 39 | (u64)i1 << 30 | (u64)i2 << 21 | (u64)i3 << 12;
}

static void setup(unsigned int npages, unsigned int max_nodes)
{
	pt_env_init(&E, npages);
	mgvt_pt_tree_init(&T, &pt_env_ops, &E, max_nodes);
}

static void teardown(const char *test)
{
	mgvt_pt_tree_fini(&T);
	tap_ok(pt_env_clean(&E), "%s: no pin, no host page, no map left (misuse: %s)",
	       test, E.misuse ? E.misuse : "none");
	pt_env_fini(&E);
}

static const char *accounting(struct mgvt_pt_view **v, unsigned int nv)
{
	const char *why = pt_accounting(&E, &T, v, nv);

	return why ? why : E.misuse;
}

static const unsigned int sample[] = { 0, 1, 2, 15, 16, 17, 255, 256, 511 };
#define NS	ARRAY_SIZE(sample)

static u64 *ov_vas;		/* pages a view overlays, for agree() */
static unsigned int n_ov_vas;

static bool overlaid(u64 va)
{
	unsigned int i;

	for (i = 0; i < n_ov_vas; i++)
		if (ov_vas[i] >> PAGE_SHIFT == va >> PAGE_SHIFT)
			return true;
	return false;
}

/*
 * Every sampled VA through the shadow at @top as the guest's tables from
 * @root say (strict: exactly; else a mapped VA may be missing from the
 * shadow); overlaid VAs must be host pages.  NULL, or what differs.
 */
static const char *agree(u64 top, u64 root, bool strict)
{
	static char msg[160];
	unsigned int a, b, c, d;
	struct pt_leaf l;
	enum pt_hit hit;
	enum pt_ref ref;
	u64 va, gfn = 0, flags = 0;

	for (a = 0; a < NS; a++)
	for (b = 0; b < NS; b++)
	for (c = 0; c < NS; c++)
	for (d = 0; d < NS; d++) {
		va = va4(sample[a], sample[b], sample[c], sample[d]);
		hit = pt_walk(&E, top, va, &l);
		ref = pt_ref(&E, root, va, &gfn, &flags);
		if (hit == PT_BAD) {
			snprintf(msg, sizeof(msg), "va %#llx: %s", va, l.why);
			return msg;
		}
		if (overlaid(va)) {
			if (hit != PT_HOST)
				goto differ;
			continue;
		}
		if (hit == PT_HOST) {
			snprintf(msg, sizeof(msg), "va %#llx: a host page as data", va);
			return msg;
		}
		if (ref == REF_MAP && hit == PT_GUEST && l.gfn == gfn &&
		    l.flags == flags)
			continue;
		if (ref != REF_MAP && hit == PT_NONE)
			continue;
		if (ref == REF_MAP && hit == PT_NONE && !strict)
			continue;
differ:
		snprintf(msg, sizeof(msg),
			 "va %#llx: shadow %d gfn %#llx flags %#llx, guest %d gfn %#llx flags %#llx",
			 va, hit, l.gfn, l.flags, ref, gfn, flags);
		return msg;
	}
	return NULL;
}

static bool ok_agree(u64 top, u64 root, bool strict, const char *what)
{
	const char *why = agree(top, root, strict);

	if (why)
		tap_diag("%s", why);
	return tap_ok(!why, "%s", what);
}

static bool ok_books(struct mgvt_pt_view **v, unsigned int nv, const char *what)
{
	const char *why = accounting(v, nv);

	if (why)
		tap_diag("%s", why);
	return tap_ok(!why, "%s", what);
}

/* What the shadow at @top maps at @va: the gfn, or -1 (none), -2 (host), -3. */
static long long at(u64 top, u64 va)
{
	struct pt_leaf l;

	switch (pt_walk(&E, top, va, &l)) {
	case PT_GUEST:
		return (long long)l.gfn;
	case PT_NONE:
		return -1;
	case PT_HOST:
		return -2;
	default:
		tap_diag("va %#llx: %s", va, l.why);
		return -3;
	}
}

static u64 leaf_flags(u64 top, u64 va)
{
	struct pt_leaf l;

	pt_walk(&E, top, va, &l);
	return l.flags;
}

/*
 * Root 1 -> PDP 2 (PML4E 0), PDP 6 (PML4E 256); PDP 2 -> PD 3 (0);
 * PD 3 -> PT 4 (0), PT 5 (17); PT 4 maps data page 10 + i % 20 at i;
 * PT 5 maps page 40 uncached at 511; PDP 6 -> PD 7 (1) -> PT 8 (255),
 * which maps page 41 at 2.
 */
static void build_4k(void)
{
	unsigned int i;

	set(1, 0, ent(2, 0));
	set(1, 256, ent(6, 0));
	set(2, 0, ent(3, 0));
	set(3, 0, ent(4, 0));
	set(3, 17, ent(5, 0));
	for (i = 0; i < MGVT_PT_ENTRIES; i++)
		set(4, i, ent(10 + i % 20, 0));
	set(5, 511, ent(40, GEN8_PAGE_PWT | GEN8_PAGE_PCD));
	set(6, 1, ent(7, 0));
	set(7, 255, ent(8, 0));
	set(8, 2, ent(41, 0));
}

static void test_4k(void)
{
	struct mgvt_pt_gpage *gp = NULL;
	struct mgvt_pt_node *r;
	u64 top, compared;
	int ret;

	setup(64, 100);
	build_4k();
	r = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
	tap_ok(r && T.nnodes == 1 && E.pins[1] == 1,
	       "4k: root_get makes one node");
	if (!r)
		goto out;
	ret = mgvt_pt_validate(&T, r);
	top = r->shadow.dma;
	tap_ok(!ret && !T.why, "4k: validate passes (%d)", ret);
	tap_ok(T.nnodes == 8, "4k: one node per table (%u)", T.nnodes);
	ok_agree(top, 1, true, "4k: every sampled VA maps the guest's page");
	tap_ok(at(top, va4(0, 0, 0, 5)) == 15 && at(top, va4(0, 0, 17, 511)) == 40 &&
	       at(top, va4(256, 1, 255, 2)) == 41,
	       "4k: three VAs by hand");
	tap_ok(leaf_flags(top, va4(0, 0, 17, 511)) ==
	       (RW | GEN8_PAGE_PWT | GEN8_PAGE_PCD) &&
	       leaf_flags(top, va4(0, 0, 0, 5)) == RW,
	       "4k: the guest's leaf flags carried");
	tap_ok(at(top, va4(1, 0, 0, 0)) == -1 && at(top, va4(0, 1, 0, 0)) == -1 &&
	       at(top, va4(0, 0, 1, 0)) == -1 && at(top, va4(0, 0, 17, 0)) == -1,
	       "4k: unmapped VAs not present at each level");
	ok_books(NULL, 0, "4k: pins are what the nodes hold");
	tap_ok(E.pins[10] == 26 && E.pins[40] == 1 && E.pins[4] == 1 && E.pins[1] == 1,
	       "4k: one reference per entry and per table");

	tap_ok(!mgvt_pt_lookup(&T, r, va4(0, 0, 0, 7) + 123, &gp) && gp && gp->gfn == 17,
	       "4k: lookup gives the guest page");
	tap_ok(mgvt_pt_lookup(&T, r, va4(0, 0, 1, 7), &gp) == -EFAULT &&
	       mgvt_pt_lookup(&T, r, 1ULL << 48, &gp) == -EFAULT,
	       "4k: lookup of unmapped and non-canonical VAs is -EFAULT");

	compared = T.compared;
	T.rebuilt = 0;
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret && T.compared - compared == 8 && !T.rebuilt,
	       "4k: unchanged tables compared once each, nothing rebuilt");
	mgvt_pt_node_put(&T, r);
	tap_ok(!T.nnodes, "4k: putting the root frees every node");
out:
	teardown("4k");
}

/*
 * The validation round number wraps after 2^32 submissions of a vGPU: a
 * root last validated in round 1 must not look validated when the count
 * comes back to 1 (a changed PTE would be missed).
 */
static void test_stamp_wrap(void)
{
	struct mgvt_pt_node *r;
	u64 top;

	setup(64, 100);
	build_4k();
	r = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
	if (!tap_ok(r && !mgvt_pt_validate(&T, r), "wrap: validated once"))
		goto out;
	top = r->shadow.dma;
	set(4, 5, ent(41, 0));
	T.stamp = (__typeof__(T.stamp))~0ULL;	/* 2^32 - 1 (or 2^64 - 1) rounds later */
	tap_ok(!mgvt_pt_validate(&T, r) && at(top, va4(0, 0, 0, 5)) == 41,
	       "wrap: the PTE changed meanwhile is seen after the round count wrapped");
	mgvt_pt_node_put(&T, r);
out:
	teardown("wrap");
}

/*
 * PD 3: 0 -> PT 4 with IPS (64K pages at gfn 16 and, uncached, 32; junk
 * in entries that are not 16th), 1 -> 2 MiB at 512, 2 -> PT 5 (4K).
 */
static void build_huge(void)
{
	unsigned int i;

	set(1, 0, ent(2, 0));
	set(2, 0, ent(3, 0));
	set(3, 0, ent(4, GEN8_PDE_IPS_64K));
	set(4, 0, ent(16, 0));
	for (i = 1; i < 16; i++)
		set(4, i, ent(100000, 0) | BIT_ULL(52));
	set(4, 16, ent(32, GEN8_PAGE_PCD));
	set(4, 17, ent(5, 0));
	set(3, 1, ent(512, GEN8_PDE_PS_2M));
	set(3, 2, ent(5, 0));
	set(5, 0, ent(6, 0));
	set(5, 511, ent(600, 0));
}

static void test_huge(void)
{
	struct mgvt_pt_gpage *gp = NULL;
	struct mgvt_pt_node *r;
	unsigned int i, pinned = 0;
	u64 top;
	int ret;

	setup(1100, 100);
	build_huge();
	r = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
	if (!tap_ok(r, "huge: root"))
		goto out;
	ret = mgvt_pt_validate(&T, r);
	top = r->shadow.dma;
	tap_ok(!ret, "huge: 64K, 2M and 4K in one PD validate (%d %s)", ret,
	       T.why ? T.why : "");
	tap_ok(T.nnodes == 6, "huge: PML4, PDP, PD, 64K PT, 2M, 4K PT: 6 nodes (%u)",
	       T.nnodes);
	ok_agree(top, 1, true, "huge: every sampled VA maps the guest's page");
	tap_ok(at(top, va4(0, 0, 0, 0)) == 16 && at(top, va4(0, 0, 0, 1)) == 17 &&
	       at(top, va4(0, 0, 0, 15)) == 31 && at(top, va4(0, 0, 0, 17)) == 33 &&
	       at(top, va4(0, 0, 0, 32)) == -1,
	       "huge: 64K: the right 4K subpage, junk entries ignored");
	tap_ok(leaf_flags(top, va4(0, 0, 0, 20)) == (RW | GEN8_PAGE_PCD),
	       "huge: 64K: the PTE's flags on its 16 slots");
	tap_ok(at(top, va4(0, 0, 1, 0)) == 512 && at(top, va4(0, 0, 1, 300)) == 812 &&
	       at(top, va4(0, 0, 1, 511)) == 1023,
	       "huge: 2M: the right 4K subpage");
	tap_ok(leaf_flags(top, va4(0, 0, 1, 7)) == RW,
	       "huge: 2M: the split PTEs carry the PDE's flags, not PS as PAT (%#llx)",
	       leaf_flags(top, va4(0, 0, 1, 7)));
	tap_ok(at(top, va4(0, 0, 2, 0)) == 6 && at(top, va4(0, 0, 2, 511)) == 600,
	       "huge: 4K beside them");
	for (i = 16; i < 32; i++)
		pinned += E.pins[i] == 1;
	for (i = 512; i < 1024; i++)
		pinned += E.pins[i] == 1 + (i == 600);	/* PT 5 maps 600 too */
	tap_ok(pinned == 16 + 512,
	       "huge: each 4K page of the 64K and 2M pages referenced once");
	ok_books(NULL, 0, "huge: pins are what the nodes hold");
	tap_ok(!mgvt_pt_lookup(&T, r, va4(0, 0, 1, 77), &gp) && gp->gfn == 589 &&
	       !mgvt_pt_lookup(&T, r, va4(0, 0, 0, 18), &gp) && gp->gfn == 34,
	       "huge: lookup in 2M and 64K pages");
	mgvt_pt_node_put(&T, r);
out:
	teardown("huge");
}

/*
 * i915's scratch: PT 11 maps page 10 everywhere, PD 12 -> PT 11, PDP 13 ->
 * PD 12 everywhere.  Root 1: all PDP 13 but 0 -> PDP 3 -> PD 4 -> PT 5 ->
 * page 20.  Root 2: all PDP 13 but 1 -> PDP 3 (shared with root 1).
 */
/* The same 2M page under two PDEs, read-only and uncached in the second. */
static void test_2m_flags(void)
{
	struct mgvt_pt_node *r;
	u64 top;
	int ret;

	setup(1100, 100);
	set(1, 0, ent(2, 0));
	set(2, 0, ent(3, 0));
	set(3, 0, ent(512, GEN8_PDE_PS_2M));
	set(3, 1, (ent(512, GEN8_PDE_PS_2M | GEN8_PAGE_PCD) & ~RW));
	r = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
	if (!tap_ok(r, "2m flags: root"))
		goto out;
	top = r->shadow.dma;
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret && at(top, va4(0, 0, 0, 9)) == 521 && at(top, va4(0, 0, 1, 9)) == 521,
	       "2m flags: one 2M page under two PDEs");
	tap_ok(leaf_flags(top, va4(0, 0, 0, 9)) == RW &&
	       leaf_flags(top, va4(0, 0, 1, 9)) == GEN8_PAGE_PCD,
	       "2m flags: each PDE's flags in its PTEs (%#llx, %#llx)",
	       leaf_flags(top, va4(0, 0, 0, 9)), leaf_flags(top, va4(0, 0, 1, 9)));
	ok_agree(top, 1, true, "2m flags: every VA maps what the guest maps");
	set(3, 0, ent(512, GEN8_PDE_PS_2M | GEN8_PAGE_PWT));
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret && leaf_flags(top, va4(0, 0, 0, 9)) == (RW | GEN8_PAGE_PWT) &&
	       leaf_flags(top, va4(0, 0, 1, 9)) == GEN8_PAGE_PCD,
	       "2m flags: a PDE's flags changed, its PTEs follow");
	ok_books(NULL, 0, "2m flags: pins are what the nodes hold");
	mgvt_pt_node_put(&T, r);
out:
	teardown("2m flags");
}

static void test_shared(void)
{
	struct mgvt_pt_node *a, *b, *b2;
	int ra, rb;

	setup(64, 100);
	fill(11, ent(10, 0));
	fill(12, ent(11, 0));
	fill(13, ent(12, 0));
	fill(1, ent(13, 0));
	fill(2, ent(13, 0));
	set(1, 0, ent(3, 0));
	set(2, 1, ent(3, 0));
	set(3, 0, ent(4, 0));
	set(4, 0, ent(5, 0));
	set(5, 0, ent(20, 0));
	a = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
	b = mgvt_pt_root_get(&T, 2 << PAGE_SHIFT);
	if (!tap_ok(a && b, "shared: two roots"))
		goto out;
	ra = mgvt_pt_validate(&T, a);
	rb = mgvt_pt_validate(&T, b);
	tap_ok(!ra && !rb, "shared: both validate");
	tap_ok(T.nnodes == 8, "shared: one node per table page (%u)", T.nnodes);
	tap_ok(E.pins[11] == 1 && E.pins[12] == 1 && E.pins[13] == 1 && E.pins[3] == 1 &&
	       E.pins[20] == 1 && E.pins[10] == 512,
	       "shared: each table referenced once, the scratch page once per entry of its one PT");
	ok_books(NULL, 0, "shared: pins are what the nodes hold");
	ok_agree(a->shadow.dma, 1, true, "shared: root 1 maps what the guest maps");
	ok_agree(b->shadow.dma, 2, true, "shared: root 2 maps what the guest maps");
	tap_ok(at(b->shadow.dma, va4(1, 0, 0, 0)) == 20 &&
	       at(a->shadow.dma, va4(0, 0, 0, 0)) == 20 &&
	       at(a->shadow.dma, va4(5, 6, 7, 8)) == 10,
	       "shared: by hand");

	b2 = mgvt_pt_root_get(&T, 2 << PAGE_SHIFT);
	tap_ok(b2 == b && b->refs == 2 && T.nnodes == 8,
	       "shared: the same root again is the same node");
	mgvt_pt_node_put(&T, b2);

	mgvt_pt_node_put(&T, a);
	tap_ok(T.nnodes == 7 && !E.pins[1] && E.pins[3] == 1,
	       "shared: releasing root 1 frees only its PML4");
	rb = mgvt_pt_validate(&T, b);
	tap_ok(!rb, "shared: root 2 still validates");
	ok_agree(b->shadow.dma, 2, true, "shared: root 2 still maps what the guest maps");
	ok_books(NULL, 0, "shared: pins are what the nodes hold");
	mgvt_pt_node_put(&T, b);
	tap_ok(!T.nnodes && !pt_pinned(&E) && !E.live_host,
	       "shared: releasing both frees everything");
out:
	teardown("shared");
}

/*
 * Root 1: PML4E 0 -> root 1 itself, PML4E 1 -> PDP 2 whose PDPE 0 points
 * at PDP 2 itself and PDPE 1 -> PD 3, whose PDE 3 points at PD 3 itself;
 * PDP 2 as a PD as a PT maps pages 2 and 3.
 */
static void test_alias(void)
{
	struct mgvt_pt_node *r;
	unsigned int a, b, c, d, guest = 0, other = 0;
	struct pt_leaf l;
	int ret;

	setup(64, 100);
	set(1, 0, ent(1, 0));
	set(1, 1, ent(2, 0));
	set(1, 7, ent(1, 0));
	set(2, 0, ent(2, 0));
	set(2, 1, ent(3, 0));
	set(2, 2, ent(1, 0));
	set(3, 3, ent(3, 0));
	set(3, 4, ent(2, 0));
	set(3, 5, ent(9, 0));
	set(9, 9, ent(1, 0));
	r = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
	if (!tap_ok(r, "alias: root"))
		goto out;
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret, "alias: a tree through itself validates (%d)", ret);
	tap_ok(T.nnodes <= 4 * 4, "alias: at most one node per page and level (%u)",
	       T.nnodes);
	ok_agree(r->shadow.dma, 1, true, "alias: every VA maps what the guest's tables map");
	for (a = 0; a < 10; a++)
	for (b = 0; b < 10; b++)
	for (c = 0; c < 10; c++)
	for (d = 0; d < 10; d++) {
		enum pt_hit h = pt_walk(&E, r->shadow.dma, va4(a, b, c, d), &l);

		if (h == PT_GUEST)
			guest++;
		else if (h != PT_NONE)
			other++;
	}
	tap_ok(guest && !other, "alias: leaves are guest pages only, never a host table (%u/%u)",
	       guest, other);
	tap_ok(at(r->shadow.dma, va4(0, 0, 0, 0)) == 1 && at(r->shadow.dma, va4(1, 0, 0, 1)) == 3 &&
	       at(r->shadow.dma, va4(1, 1, 3, 3)) == 3 && at(r->shadow.dma, va4(1, 1, 5, 9)) == 1,
	       "alias: tables as data by hand");
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret, "alias: validates again");
	ok_books(NULL, 0, "alias: pins are what the nodes hold");
	mgvt_pt_node_put(&T, r);
out:
	teardown("alias");
}

static void test_outside(void)
{
	struct mgvt_pt_node *r;
	u64 top;
	int ret;

	setup(64, 100);
	E.hole[40] = true;
	set(1, 0, ent(2, 0));
	set(2, 0, ent(3, 0));
	set(3, 0, ent(4, 0));
	set(4, 0, ent(20, 0));
	set(4, 1, ent(100, 0));			/* beyond memory */
	r = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
	if (!tap_ok(r, "outside: root"))
		goto out;
	top = r->shadow.dma;
	ret = mgvt_pt_validate(&T, r);
	tap_ok(ret == -EINVAL && T.why, "outside: a PTE beyond memory fails (%d, %s)",
	       ret, T.why ? T.why : "");
	tap_ok(at(top, va4(0, 0, 0, 1)) == -1 && at(top, va4(0, 0, 0, 0)) == 20,
	       "outside: that PTE not present, its neighbour is");
	tap_ok(T.bad_va == va4(0, 0, 0, 0), "outside: bad_va names the PT (%#llx)", T.bad_va);
	ret = mgvt_pt_validate(&T, r);
	tap_ok(ret == -EINVAL, "outside: fails again at the next validate");
	set(4, 1, ent(21, 0));
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret && !T.why && at(top, va4(0, 0, 0, 1)) == 21,
	       "outside: the guest fixes it, it passes");

	set(3, 5, ent(40, 0));			/* a PT in a hole */
	ret = mgvt_pt_validate(&T, r);
	tap_ok(ret == -EINVAL && at(top, va4(0, 0, 5, 0)) == -1 && !E.pins[40],
	       "outside: a PT in a hole fails, nothing pinned there");
	set(3, 6, ent(0, GEN8_PDE_PS_2M));	/* 2M over the end of memory */
	set(3, 7, ent(32, GEN8_PDE_IPS_64K));	/* a PT64 whose 64K page has a hole */
	set(32, 0, ent(32, 0));
	set(32, 16, ent(48, 0));
	ret = mgvt_pt_validate(&T, r);
	tap_ok(ret == -EINVAL, "outside: 2M over the end and 64K with a hole fail");
	tap_ok(at(top, va4(0, 0, 6, 0)) == -1 && at(top, va4(0, 0, 7, 0)) == -1 &&
	       at(top, va4(0, 0, 7, 3)) == -1 && at(top, va4(0, 0, 7, 16)) == 48,
	       "outside: none of their 4K pages present, the good 64K page is");
	ok_books(NULL, 0, "outside: the part built of a 2M and a 64K page is released");
	ok_agree(top, 1, false, "outside: what is present is what the guest maps");
	E.hole[40] = false;
	set(3, 6, 0);
	set(32, 0, ent(16, 0));
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret, "outside: all fixed, it passes (%d %s)", ret, T.why ? T.why : "");
	ok_agree(top, 1, true, "outside: every VA maps what the guest maps");
	ok_books(NULL, 0, "outside: pins are what the nodes hold");
	mgvt_pt_node_put(&T, r);
out:
	teardown("outside");
}

static void test_refused(void)
{
	static const struct {
		unsigned int level;
		u64 bits;
		int err;
		const char *what;
	} cases[] = {
		{ 0, BIT_ULL(48), -EINVAL, "reserved bit 48 in a PML4E" },
		{ 1, BIT_ULL(63), -EINVAL, "reserved bit 63 in a PDPE" },
		{ 2, BIT_ULL(55), -EINVAL, "reserved bit 55 in a PDE" },
		{ 3, BIT_ULL(50), -EINVAL, "reserved bit 50 in a PTE" },
		{ 0, GEN8_PDE_PS_2M, -EINVAL, "PS in a PML4E" },
		{ 1, GEN8_PDE_PS_2M, -EOPNOTSUPP, "a 1 GiB PDPE" },
	};
	struct mgvt_pt_node *r;
	unsigned int i;
	u64 top;
	int ret;

	setup(64, 100);
	set(1, 0, ent(2, 0));
	set(2, 0, ent(3, 0));
	set(3, 0, ent(4, 0));
	set(4, 0, ent(20, 0));
	r = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
	if (!tap_ok(r, "refused: root"))
		goto out;
	top = r->shadow.dma;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		u64 table = cases[i].level + 1;	/* PML4 1, PDP 2, PD 3, PT 4 */

		set(table, 9, ent(cases[i].level == 3 ? 21 : 3, 0) | cases[i].bits);
		ret = mgvt_pt_validate(&T, r);
		tap_ok(ret == cases[i].err && T.why && at(top, va4(0, 0, 0, 0)) == 20,
		       "refused: %s: %d (%s), the rest maps", cases[i].what, ret,
		       T.why ? T.why : "");
		tap_ok(!pt_walk(&E, top, cases[i].level == 0 ? va4(9, 0, 0, 0) :
				cases[i].level == 1 ? va4(0, 9, 0, 0) :
				cases[i].level == 2 ? va4(0, 0, 9, 0) : va4(0, 0, 0, 9),
				&(struct pt_leaf){}),
		       "refused: %s: not present in the shadow", cases[i].what);
		set(table, 9, (ent(cases[i].level == 3 ? 21 : 3, 0) | cases[i].bits) & ~P);
		ret = mgvt_pt_validate(&T, r);
		tap_ok(!ret, "refused: %s: ignored once not present", cases[i].what);
		set(table, 9, 0);
	}
	ok_books(NULL, 0, "refused: pins are what the nodes hold");
	mgvt_pt_node_put(&T, r);
	tap_ok(!mgvt_pt_root_get(&T, 0) && T.why && !mgvt_pt_root_get(&T, 0x1800) &&
	       !mgvt_pt_root_get(&T, 1ULL << 48) && !mgvt_pt_root_get(&T, 100 << PAGE_SHIFT) &&
	       !T.nnodes,
	       "refused: roots at 0, unaligned, beyond 48 bits or outside memory");
out:
	teardown("refused");
}

static void test_changes(void)
{
	struct mgvt_pt_node *r;
	unsigned long puts;
	unsigned int n;
	u64 top;
	int ret;

	setup(1100, 100);
	set(1, 0, ent(2, 0));
	set(2, 0, ent(3, 0));
	set(3, 0, ent(4, 0));
	set(4, 0, ent(16, 0));
	set(4, 5, ent(20, 0));
	set(4, 16, ent(32, 0));
	r = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
	if (!tap_ok(r, "changes: root"))
		goto out;
	top = r->shadow.dma;
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret, "changes: validate");

	puts = E.puts;
	T.rebuilt = 0;
	set(4, 5, ent(21, 0));
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret && at(top, va4(0, 0, 0, 5)) == 21 && !E.pins[20] && E.pins[21] == 1 &&
	       E.puts == puts + 1 && T.rebuilt == 1,
	       "changes: a PTE rewritten takes effect, the old page released once");

	set(3, 0, ent(4, GEN8_PDE_IPS_64K));
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret && at(top, va4(0, 0, 0, 5)) == 21 && at(top, va4(0, 0, 0, 17)) == 33 &&
	       E.pins[20] == 1 && E.pins[21] == 1 && T.nnodes == 4,
	       "changes: the PDE switched to 64K");
	ok_agree(top, 1, true, "changes: 64K maps what the guest maps");
	ok_books(NULL, 0, "changes: 64K: pins are what the nodes hold");
	tap_ok(E.pins[4] == 1, "changes: the old 4K PT's node is gone");

	set(3, 0, ent(512, GEN8_PDE_PS_2M | GEN8_PAGE_PCD));
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret && at(top, va4(0, 0, 0, 5)) == 517 && !E.pins[4] && !E.pins[21] &&
	       T.nnodes == 4,
	       "changes: the PDE switched to 2M");
	ok_agree(top, 1, true, "changes: 2M maps what the guest maps");

	set(3, 0, ent(4, 0));
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret && at(top, va4(0, 0, 0, 5)) == 21 && !E.pins[517] && E.pins[4] == 1,
	       "changes: the PDE back to 4K");
	ok_agree(top, 1, true, "changes: 4K again maps what the guest maps");
	ok_books(NULL, 0, "changes: pins are what the nodes hold");

	/* A subtree replaced: PDPE 0 -> PD 5 -> PT 6 -> page 50. */
	set(5, 3, ent(6, 0));
	set(6, 3, ent(50, 0));
	set(2, 0, ent(5, 0));
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret && at(top, va4(0, 0, 3, 3)) == 50 && at(top, va4(0, 0, 0, 5)) == -1 &&
	       !E.pins[3] && !E.pins[4] && !E.pins[16] && !E.pins[21] && !E.pins[32],
	       "changes: a subtree replaced, every pin of the old one released");
	ok_books(NULL, 0, "changes: pins are what the nodes hold");

	/* A table page cleared. */
	n = T.nnodes;
	memset(E.mem[5], 0, PAGE_SIZE);
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret && at(top, va4(0, 0, 3, 3)) == -1 && !E.pins[6] && !E.pins[50] &&
	       T.nnodes == n - 1,
	       "changes: a PD cleared, its PT and pages released");
	ok_agree(top, 1, true, "changes: every VA maps what the guest maps");
	ok_books(NULL, 0, "changes: pins are what the nodes hold");
	mgvt_pt_node_put(&T, r);
out:
	teardown("changes");
}

static void test_limit(void)
{
	struct mgvt_pt_node *r, *r2;
	int ret;

	setup(64, 5);
	build_4k();		/* 8 tables */
	r = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
	if (!tap_ok(r, "limit: root"))
		goto out;
	ret = mgvt_pt_validate(&T, r);
	tap_ok(ret == -ENOSPC && T.why && T.nnodes == 5, "limit: past 5 nodes -ENOSPC (%d, %u)",
	       ret, T.nnodes);
	ok_books(NULL, 0, "limit: nothing leaked");
	ok_agree(r->shadow.dma, 1, false, "limit: what is present is what the guest maps");
	r2 = mgvt_pt_root_get(&T, 9 << PAGE_SHIFT);
	tap_ok(!r2 && T.nnodes == 5, "limit: a new root past the limit is refused");
	T.max_nodes = 8;
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret && T.nnodes == 8, "limit: raised, it passes");
	ok_agree(r->shadow.dma, 1, true, "limit: every VA maps what the guest maps");
	mgvt_pt_node_put(&T, r);
out:
	teardown("limit");
}

/* Every get, then every alloc, of building build_4k() + huge fails once. */
static void test_inject(void)
{
	unsigned long k, gets, allocs, bad = 0, leaks = 0, fixed = 0, tries = 0;
	struct mgvt_pt_node *r;
	int ret;

	setup(1100, 100);
	build_4k();
	set(3, 1, ent(512, GEN8_PDE_PS_2M));
	set(3, 2, ent(9, GEN8_PDE_IPS_64K));
	set(9, 16, ent(32, 0));
	r = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
	mgvt_pt_validate(&T, r);
	mgvt_pt_node_put(&T, r);
	gets = E.gets;
	allocs = E.nhost;
	tap_ok(!E.misuse && !E.live_host, "inject: %lu gets and %lu allocs to build", gets, allocs);

	for (k = 1; k <= gets + allocs; k++) {
		if (k <= gets)
			E.get_fail = k;
		else
			E.alloc_fail = k - gets;
		r = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
		ret = r ? mgvt_pt_validate(&T, r) : -1;
		tries++;
		if (!ret)
			bad++;
		if (accounting(NULL, 0))
			leaks++;
		E.get_fail = E.alloc_fail = 0;
		if (!r)
			r = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
		if (r && !mgvt_pt_validate(&T, r) && !agree(r->shadow.dma, 1, true))
			fixed++;
		if (r)
			mgvt_pt_node_put(&T, r);
		if (!pt_env_clean(&E))
			leaks++;
	}
	tap_ok(!bad, "inject: each of %lu failures fails the validation", tries);
	tap_ok(!leaks, "inject: nothing leaked after any of them");
	tap_ok(fixed == tries, "inject: the next validate passes and agrees (%lu/%lu)",
	       fixed, tries);
	teardown("inject");
}

static bool zeroed(const u64 *p)
{
	unsigned int i;

	for (i = 0; i < MGVT_PT_ENTRIES; i++)
		if (p[i])
			return false;
	return true;
}

static void test_zap(void)
{
	struct mgvt_pt_node *r, *r2, *vr;
	struct mgvt_pt_view v, *vs = &v;
	unsigned int nodes;
	u32 word = 0xdeadbeef;
	int ret;

	setup(1100, 100);
	build_huge();
	r = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
	vr = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
	if (!tap_ok(r && vr && !mgvt_pt_view_init(&v, &T), "zap: root and view"))
		goto out;
	mgvt_pt_view_set_root(&v, vr);
	ret = mgvt_pt_validate(&T, r);
	ret = ret ?: mgvt_pt_view_sync(&v, 0);
	ret = ret ?: mgvt_pt_view_overlay(&v, va4(0, 0, 2, 0), &word, 4, 1);
	tap_ok(!ret, "zap: built, with an overlay");
	nodes = T.nnodes;
	mgvt_pt_zap(&T);
	tap_ok(!pt_pinned(&E) && T.nnodes == nodes, "zap: every pin released, the nodes kept");
	tap_ok(at(r->shadow.dma, va4(0, 0, 0, 0)) == -1 &&
	       at(r->shadow.dma, va4(0, 0, 1, 0)) == -1 &&
	       at(r->shadow.dma, va4(0, 0, 2, 511)) == -1,
	       "zap: the shadow maps no guest page");
	tap_ok(zeroed(v.top.va), "zap: the view's top is zeroed");
	ok_books(&vs, 1, "zap: pins are what the nodes hold");
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret, "zap: the next validate rebuilds (%d)", ret);
	ok_agree(r->shadow.dma, 1, true, "zap: every VA maps what the guest maps");
	tap_ok(E.pins[1] == 1 && E.pins[4] == 1 && E.pins[16] == 1 && E.pins[700] == 1,
	       "zap: tables and pages pinned again, once");
	ok_books(&vs, 1, "zap: pins are what the nodes hold, again");
	ret = mgvt_pt_view_sync(&v, 0);
	n_ov_vas = 1;
	ov_vas = (u64[]){ va4(0, 0, 2, 0) };
	tap_ok(!ret, "zap: the view syncs");
	ok_agree(v.top.dma, 1, true, "zap: the view maps the guest's pages and its overlay");
	n_ov_vas = 0;

	mgvt_pt_zap(&T);
	E.hole[3] = true;			/* the PD */
	ret = mgvt_pt_validate(&T, r);
	tap_ok(ret == -EINVAL, "zap: a table page now in a hole fails the validation (%d)", ret);
	tap_ok(!E.pins[3] && !E.pins[4] && !E.pins[5] && !E.pins[16] && !E.pins[700],
	       "zap: nothing under the table in the hole is pinned again");
	ok_agree(r->shadow.dma, 1, false, "zap: what is present is what the guest maps");
	ok_books(&vs, 1, "zap: pins are what the nodes hold, with a hole");
	E.hole[3] = false;
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret, "zap: the hole mapped back, it passes");
	ok_agree(r->shadow.dma, 1, true, "zap: every VA maps what the guest maps");

	/* A PD another root shares, then the root, in a hole after a zap. */
	set(50, 0, ent(51, 0));
	set(51, 0, ent(3, 0));
	r2 = mgvt_pt_root_get(&T, 50 << PAGE_SHIFT);
	ret = r2 ? mgvt_pt_validate(&T, r2) : -1;
	mgvt_pt_zap(&T);
	E.hole[3] = true;
	if (!ret)
		ret = mgvt_pt_validate(&T, r) == -EINVAL ? 0 : -1;
	tap_ok(!ret && !E.pins[4] && !E.pins[5] && !E.pins[16] && !E.pins[700],
	       "zap: nothing under a shared PD now in a hole is pinned again");
	ok_agree(r->shadow.dma, 1, false, "zap: what is present is what the guest maps");
	E.hole[3] = false;
	if (r2)
		mgvt_pt_node_put(&T, r2);
	mgvt_pt_zap(&T);
	E.hole[1] = true;
	ret = mgvt_pt_validate(&T, r);
	tap_ok(ret == -EINVAL && !pt_pinned(&E),
	       "zap: with the root in a hole, nothing is pinned again (%u pages)",
	       pt_pinned(&E));
	ok_agree(r->shadow.dma, 1, false, "zap: the root in a hole maps nothing");
	ok_books(&vs, 1, "zap: pins are what the nodes hold, root in a hole");
	E.hole[1] = false;
	ret = mgvt_pt_validate(&T, r);
	tap_ok(!ret, "zap: the root mapped back, it passes");
	ok_agree(r->shadow.dma, 1, true, "zap: every VA maps what the guest maps");
	mgvt_pt_view_fini(&v);
	mgvt_pt_node_put(&T, r);
out:
	teardown("zap");
}

static void test_views(void)
{
	struct mgvt_pt_node *r, *r1, *r2;
	struct mgvt_pt_view v, w, *vs[2] = { &v, &w };
	u64 X = va4(0, 0, 2, 511), X64 = va4(0, 0, 0, 18), X2M = va4(0, 0, 1, 300);
	u32 a[4] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 };
	u32 b[4] = { 0x55555555, 0x66666666, 0x77777777, 0x88888888 };
	unsigned int live;
	struct pt_leaf l;
	u8 buf[32];
	u64 *ovp, ovdma;
	int ret;

	setup(1100, 100);
	build_huge();
	memset(E.mem[600], 0xa5, PAGE_SIZE);
	memset(E.mem[34], 0x5a, PAGE_SIZE);
	r = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
	r1 = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
	r2 = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
	if (!tap_ok(r && r1 && r2 && !mgvt_pt_view_init(&v, &T) && !mgvt_pt_view_init(&w, &T),
		    "views: a root, two views"))
		goto out;
	mgvt_pt_view_set_root(&v, r1);
	mgvt_pt_view_set_root(&w, r2);
	ret = mgvt_pt_validate(&T, r);
	ret = ret ?: mgvt_pt_view_sync(&v, 0);
	ret = ret ?: mgvt_pt_view_sync(&w, 0);
	tap_ok(!ret && !memcmp(v.top.va, r->shadow.va, PAGE_SIZE) &&
	       !memcmp(w.top.va, r->shadow.va, PAGE_SIZE),
	       "views: after sync the top is a copy of the root's shadow");
	ok_agree(v.top.dma, 1, true, "views: the view maps what the guest maps");

	ret = mgvt_pt_view_overlay(&v, X + 0x100, a, 8, 1);
	tap_ok(!ret && mgvt_pt_view_overlays(&v) == 1, "views: an overlay of 8 bytes (%d)", ret);
	live = E.live_host;
	ovp = pt_walk(&E, v.top.dma, X, &l) == PT_HOST ? l.host : NULL;
	ovdma = l.addr;
	tap_ok(ovp && !memcmp((u8 *)ovp + 0x100, a, 8) && !memcmp(ovp, E.mem[600], 0x100) &&
	       !memcmp((u8 *)ovp + 0x108, (u8 *)E.mem[600] + 0x108, PAGE_SIZE - 0x108),
	       "views: the view maps a copy of the guest page with the bytes in place");
	tap_ok(at(r->shadow.dma, X) == 600 && at(w.top.dma, X) == 600,
	       "views: the root's shadow and the other view still map the guest page");
	n_ov_vas = 1;
	ov_vas = (u64[]){ X };
	ok_agree(v.top.dma, 1, true, "views: every other VA of the view maps the guest's page");
	n_ov_vas = 0;
	ok_agree(r->shadow.dma, 1, true, "views: the root's shadow unchanged");
	ok_agree(w.top.dma, 1, true, "views: the other view unchanged");
	tap_ok(!mgvt_pt_view_read(&v, X + 0xfc, buf, 12) &&
	       !memcmp(buf, (u8 *)E.mem[600] + 0xfc, 12),
	       "views: view_read reads the guest page, not the overlay");

	ret = mgvt_pt_view_overlay(&v, X + 0x104, b, 8, 2);
	tap_ok(ret == -EBUSY && T.why && !memcmp((u8 *)ovp + 0x100, a, 8),
	       "views: other bytes over audited dwords of a live overlay: -EBUSY (%d)", ret);
	ret = mgvt_pt_view_overlay(&v, X + 0x100, a, 8, 2);
	tap_ok(!ret && mgvt_pt_view_overlays(&v) == 1 && E.live_host == live,
	       "views: the same bytes share the page (%d)", ret);
	ret = mgvt_pt_view_overlay(&v, X + 0x200, b, 16, 3);
	tap_ok(!ret && !memcmp((u8 *)ovp + 0x200, b, 16) && !memcmp((u8 *)ovp + 0x100, a, 8),
	       "views: other dwords of the page for another workload: both there");
	ret = mgvt_pt_view_sync(&v, 1);
	tap_ok(!ret && at(v.top.dma, X) == -2 && mgvt_pt_view_overlays(&v) == 1,
	       "views: sync(1): the overlay is still live for workloads 2 and 3");
	ret = mgvt_pt_view_overlay(&v, X + 0x104, b, 8, 4);
	tap_ok(ret == -EBUSY, "views: still a conflict while they may run");
	ret = mgvt_pt_view_sync(&v, 3);
	tap_ok(!ret && !mgvt_pt_view_overlays(&v) && at(v.top.dma, X) == 600 &&
	       !pt_host(&E, ovdma),
	       "views: sync(3): the overlay is dead, the view maps the guest page");
	ok_books(vs, 2, "views: its page freed");
	ret = mgvt_pt_view_overlay(&v, X + 0x104, b, 8, 4);
	tap_ok(!ret && pt_walk(&E, v.top.dma, X, &l) == PT_HOST &&
	       !memcmp((u8 *)l.host + 0x104, b, 8),
	       "views: then no conflict");

	ret = mgvt_pt_view_overlay(&v, X64 + 0xff8, a, 16, 5);
	tap_ok(!ret && pt_walk(&E, v.top.dma, X64, &l) == PT_HOST &&
	       !memcmp((u8 *)l.host + 0xff8, a, 8) && !memcmp(l.host, E.mem[34], 0xff8),
	       "views: an overlay over a 64K page");
	tap_ok(pt_walk(&E, v.top.dma, X64 + PAGE_SIZE, &l) == PT_HOST &&
	       !memcmp(l.host, a + 2, 8) && at(v.top.dma, X64 + 2 * PAGE_SIZE) == 36 &&
	       at(v.top.dma, X64 - PAGE_SIZE) == 33,
	       "views: across into the next 4K page of it; its neighbours are the guest's");
	ret = mgvt_pt_view_overlay(&v, X2M, b, 4, 5);
	tap_ok(!ret && at(v.top.dma, X2M) == -2 && at(v.top.dma, X2M + PAGE_SIZE) == 813 &&
	       at(v.top.dma, X2M - PAGE_SIZE) == 811,
	       "views: an overlay in a 2M page; its neighbours are the guest's");
	tap_ok(mgvt_pt_view_overlay(&v, va4(3, 0, 0, 0), a, 4, 5) == -EFAULT,
	       "views: an overlay at an unmapped VA is -EFAULT");
	ret = mgvt_pt_view_sync(&v, 3);
	n_ov_vas = 4;
	ov_vas = (u64[]){ X, X64, X64 + PAGE_SIZE, X2M };
	tap_ok(!ret && mgvt_pt_view_overlays(&v) == 4, "views: four live overlays after a sync");
	ok_agree(v.top.dma, 1, true, "views: the view maps them and the guest's pages elsewhere");
	n_ov_vas = 0;
	ok_agree(w.top.dma, 1, true, "views: the other view sees none of them");
	ok_agree(r->shadow.dma, 1, true, "views: nor does the root's shadow");
	ok_books(vs, 2, "views: pins and pages are what the tree and views hold");

	/* The guest rewrites a PTE: the next validate + sync follow it. */
	set(5, 511, ent(601, 0));
	ret = mgvt_pt_validate(&T, r);
	ret = ret ?: mgvt_pt_view_sync(&v, 3);
	ret = ret ?: mgvt_pt_view_sync(&w, 3);
	tap_ok(!ret && at(v.top.dma, X) == -2 && at(w.top.dma, X) == 601 &&
	       E.pins[600] == 1 && E.pins[601] == 2,	/* 600, 601: in the 2M page too */
	       "views: a PTE rewritten under an overlay: the overlay stays while live");
	ret = mgvt_pt_view_sync(&v, 5);
	tap_ok(!ret && at(v.top.dma, X) == 601 && !mgvt_pt_view_overlays(&v),
	       "views: and goes when dead");
	mgvt_pt_view_fini(&v);
	mgvt_pt_view_fini(&w);
	mgvt_pt_node_put(&T, r);
	tap_ok(!T.nnodes && !E.live_host, "views: view_fini frees the views and their roots");
out:
	teardown("views");
}

/* Every alloc of a view's life fails once: an error, nothing leaked. */
static void test_view_inject(void)
{
	struct mgvt_pt_node *r, *vr;
	struct mgvt_pt_view v, *vs = &v;
	unsigned long k, failed = 0, leaks = 0, good = 0, unmapped = 0;
	u64 X = va4(0, 0, 2, 511);
	u32 a = 0x12345678;
	int ret;

	setup(1100, 100);
	build_huge();
	r = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
	if (!tap_ok(r && !mgvt_pt_validate(&T, r), "view inject: root"))
		goto out;
	for (k = 1; k <= 5; k++) {
		memset(&v, 0, sizeof(v));
		E.alloc_fail = k;		/* top, PDP, PD, PT copies, the overlay */
		ret = mgvt_pt_view_init(&v, &T);
		if (ret) {
			failed += ret == -ENOMEM;
			E.alloc_fail = 0;
			ret = mgvt_pt_view_init(&v, &T);
		}
		if (ret)
			break;
		vr = mgvt_pt_root_get(&T, 1 << PAGE_SHIFT);
		mgvt_pt_view_set_root(&v, vr);
		ret = mgvt_pt_view_sync(&v, 0);
		ret = ret ?: mgvt_pt_view_overlay(&v, X, &a, 4, 1);
		if (ret) {
			failed += ret == -ENOMEM;
			if (accounting(&vs, 1))
				leaks++;
			E.alloc_fail = 0;
			/* Retried in the same round: mapped if it says so. */
			if (!mgvt_pt_view_overlay(&v, X, &a, 4, 1) && at(v.top.dma, X) != -2)
				unmapped++;
			ret = mgvt_pt_view_sync(&v, 0);
			ret = ret ?: mgvt_pt_view_overlay(&v, X, &a, 4, 1);
		}
		n_ov_vas = 1;
		ov_vas = &X;
		if (!ret && !agree(v.top.dma, 1, true) && at(v.top.dma, X) == -2)
			good++;
		n_ov_vas = 0;
		E.alloc_fail = 0;
		mgvt_pt_view_fini(&v);
		if (accounting(NULL, 0))
			leaks++;
	}
	tap_ok(failed == 5, "view inject: each of 5 alloc failures is -ENOMEM (%lu)", failed);
	tap_ok(!leaks, "view inject: nothing leaked");
	tap_ok(!unmapped, "view inject: an overlay that succeeds on a retry is mapped (%lu not)",
	       unmapped);
	tap_ok(good == 5, "view inject: then the overlay is mapped (%lu/5)", good);
	mgvt_pt_node_put(&T, r);
out:
	teardown("view inject");
}

int main(void)
{
	tap_header();
	test_4k();
	test_stamp_wrap();
	test_huge();
	test_2m_flags();
	test_shared();
	test_alias();
	test_outside();
	test_refused();
	test_changes();
	test_limit();
	test_inject();
	test_zap();
	test_views();
	test_view_inject();
	return tap_finish();
}

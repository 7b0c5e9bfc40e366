// SPDX-License-Identifier: GPL-2.0
/*
 * The shadow PPGTT tree (gvt/mm/pttree.c) under random operations on a
 * small guest memory (../unit/pt_env.h): entries written with random
 * addresses and PS, IPS, reserved and present bits, roots taken and
 * released, validations, zaps, holes, failures of the environment, and
 * views synced, overlaid and read.
 *
 * Invariants, after every operation: the guest pages referenced and the
 * host pages live are exactly what the nodes and views hold, and each
 * node's reference count is its parents' entries and holders.  Walking
 * any root's shadow as the pGPU does only ever reaches live host tables
 * and, as leaves, pinned guest pages that are not holes.  After a
 * validation that passed, every sampled address translates through the
 * shadow to the page the guest's own tables map, lookup() agrees, and
 * view_read() reads it; after one that failed, what the shadow maps is
 * still what the guest maps.  A view synced since the tree last changed
 * maps its live overlays at their addresses and, everywhere else,
 * exactly what its root's shadow maps; an overlay fails with -EBUSY
 * exactly when it rewrites a dword a live overlay audited.  At the end,
 * with everything released, nothing is pinned and no host page is live.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mm/pttree.h"
#include "regs/gtt.h"
#include "../unit/pt_env.h"
#include "fuzz_in.h"

#define NPAGES		1024	/* tables and pages in 0..63; 2 MiB pages up to 1023 */
#define NLOW		64
#define NROOTS		4
#define NVIEWS		2
#define NOV		8
#define MAX_OPS		256
#define DW		(PAGE_SIZE / 4)

static const unsigned int sample[] = { 0, 1, 2, 15, 16, 17, 256, 511 };
#define NS	8

static struct pt_env E;
static struct mgvt_pt_tree T;
static u32 gen;			/* bumped when the shadows may change */
static u32 mem_gen;		/* bumped when the guest's memory changes */
static int trace = -1;		/* FUZZ_PTTREE_TRACE set: operations on stderr */

static struct root {
	struct mgvt_pt_node *n;
	u64 gfn;
	u32 ok_gen, ok_mem;	/* when it last validated with 0 */
} roots[NROOTS];

struct ov_model {
	bool live;
	u64 page;		/* va >> PAGE_SHIFT */
	u64 seq;
	unsigned long audited[BITS_TO_LONGS(DW)];
	u32 val[DW];
};

static struct view {
	struct mgvt_pt_view v;
	bool live;
	u64 root_gfn;
	bool has_root;
	u32 synced_gen;		/* 0: maps stale or partial */
	u64 done, seq;
	struct ov_model ov[NOV];
} views[NVIEWS];

static u64 sample_va(struct fuzz_in *in)
{
	u8 a = in_u8(in), b = in_u8(in);

	return (u64)sample[a & 7] << 39 | (u64)sample[a >> 3 & 7] << 30 |
	       (u64)sample[b & 7] << 21 | (u64)sample[b >> 3 & 7] << 12;
}

static u64 va4(unsigned int a, unsigned int b, unsigned int c, unsigned int d)
{
	return (u64)sample[a] << 39 | (u64)sample[b] << 30 |
	       (u64)sample[c] << 21 | (u64)sample[d] << 12;
}

/* An entry: often a valid table or page, with random flags. */
static u64 entry(struct fuzz_in *in)
{
	u8 g = in_u8(in), f = in_u8(in);
	u64 gfn, e;

	if (g < 208)
		gfn = g % NLOW;
	else if (g < 232)
		gfn = (g & 1) ? 512 : 0;		/* 2 MiB aligned */
	else if (g < 248)
		gfn = 512 + (g & 7) * 16;		/* 64 KiB aligned */
	else
		gfn = NPAGES + (g & 7) * 300;		/* beyond memory */
	e = gfn << PAGE_SHIFT;
	if (f & 3)
		e |= GEN8_PTE_PRESENT;
	if (f & 4)
		e |= GEN8_PAGE_RW;
	if ((f & 0x18) == 0x18)
		e |= GEN8_PDE_PS_2M;
	if ((f & 0x60) == 0x60)
		e |= GEN8_PDE_IPS_64K;
	if (f & 0x20)
		e |= GEN8_PAGE_PCD;
	if (f & 0x40)
		e |= GEN8_PAGE_PWT;
	if ((f & 0x98) == 0x80)
		e |= BIT_ULL(48 + (g & 15));		/* reserved */
	return e;
}

/* ---- invariants ---- */

static struct mgvt_pt_node *nodes[4096];

PT_UNTRACED static int by_address(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;

	return x < y ? -1 : x > y;
}

PT_UNTRACED static void check_books(void)
{
	struct mgvt_pt_view *vs[NVIEWS];
	unsigned int i, k, nn = 0;
	static unsigned int want[4096];
	struct mgvt_pt_node *n, *c;
	unsigned long key;
	const char *why;

	for (i = 0; i < NVIEWS; i++)
		vs[i] = &views[i].v;
	why = pt_accounting(&E, &T, vs, NVIEWS);
	FUZZ_CHECK(!why, "%s", why);
	FUZZ_CHECK(!E.misuse, "environment misused: %s", E.misuse);
	FUZZ_CHECK(!E.mapped, "a guest page left mapped");
	FUZZ_CHECK(T.nnodes <= T.max_nodes, "%u nodes past the limit %u", T.nnodes,
		   T.max_nodes);

	/* References: parents' entries, root slots, views. */
	xa_for_each(&T.nodes, key, n) {
		FUZZ_CHECK(nn < ARRAY_SIZE(nodes), "too many nodes");
		nodes[nn++] = n;
	}
	qsort(nodes, nn, sizeof(*nodes), by_address);
	memset(want, 0, nn * sizeof(*want));
	for (i = 0; i < nn; i++) {
		if (nodes[i]->kind >= MGVT_PT_PT)
			continue;
		for (k = 0; k < MGVT_PT_ENTRIES; k++) {
			struct mgvt_pt_node **at;

			c = nodes[i]->child[k];
			if (!c)
				continue;
			FUZZ_CHECK(c->kind == nodes[i]->kind + 1 ||
				   (nodes[i]->kind == MGVT_PT_PD && c->kind > MGVT_PT_PD),
				   "a child of the wrong kind");
			at = bsearch(&c, nodes, nn, sizeof(*nodes), by_address);
			FUZZ_CHECK(at, "a child not in the tree");
			want[at - nodes]++;
		}
	}
	for (i = 0; i < nn; i++) {
		for (k = 0; k < NROOTS; k++)
			want[i] += roots[k].n == nodes[i];
		for (k = 0; k < NVIEWS; k++)
			want[i] += views[k].live && views[k].v.root == nodes[i];
		FUZZ_CHECK(nodes[i]->refs == want[i], "node %#llx/%d: %u refs, %u holders",
			   nodes[i]->gfn, nodes[i]->kind, nodes[i]->refs, want[i]);
	}
}

/*
 * Every sampled VA through the shadow at @top: safe always; if @root_gfn
 * is given, as the guest's tables map it (@strict: every mapped page
 * present).  Subtrees not present on both sides are skipped.
 */
PT_UNTRACED static void check_shadow(u64 top, const struct view *vw, bool with_ref,
			 u64 root_gfn, bool strict, u64 other_top)
{
	unsigned int a, b, c, d, depth, cut;
	struct pt_leaf l, o;
	enum pt_hit hit, ohit;
	enum pt_ref ref;
	u64 va, gfn = 0, flags = 0;

	for (a = 0; a < NS; a++)
	for (b = 0; b < NS; b++)
	for (c = 0; c < NS; c++)
	for (d = 0; d < NS; d++) {
		const struct ov_model *m = NULL;
		unsigned int i;

		va = va4(a, b, c, d);
		hit = pt_walk(&E, top, va, &l);
		FUZZ_CHECK(hit != PT_BAD, "va %#llx: %s", va, l.why);
		cut = hit == PT_NONE ? l.depth : 3;
		for (i = 0; vw && i < NOV; i++)
			if (vw->ov[i].live && vw->ov[i].page == va >> PAGE_SHIFT)
				m = &vw->ov[i];
		if (m) {
			/* struct mgvt_pt_ov begins with its host page */
			struct mgvt_pt_hpage *ov = xa_load((struct xarray *)&vw->v.ov,
							   va >> PAGE_SHIFT);

			FUZZ_CHECK(hit == PT_HOST && ov && l.addr == ov->dma,
				   "va %#llx: a live overlay not mapped (%d)", va, hit);
			continue;
		}
		FUZZ_CHECK(hit != PT_HOST, "va %#llx: a host page as data", va);
		if (vw) {
			/* Elsewhere a view maps what its root's shadow maps. */
			ohit = other_top ? pt_walk(&E, other_top, va, &o) : PT_NONE;
			FUZZ_CHECK(ohit == hit && (hit != PT_GUEST ||
						   (o.gfn == l.gfn && o.flags == l.flags)),
				   "va %#llx: the view maps %d %#llx, its root %d %#llx",
				   va, hit, l.gfn, ohit, o.gfn);
		}
		if (with_ref) {
			ref = pt_ref_depth(&E, root_gfn, va, &gfn, &flags, &depth);
			if (ref == REF_MAP)
				FUZZ_CHECK((hit == PT_GUEST && l.gfn == gfn && l.flags == flags) ||
					   (!strict && hit == PT_NONE),
					   "va %#llx: shadow %d gfn %#llx flags %#llx, guest gfn %#llx flags %#llx",
					   va, hit, l.gfn, l.flags, gfn, flags);
			else
				FUZZ_CHECK(hit == PT_NONE,
					   "va %#llx: shadow maps gfn %#llx, the guest %s",
					   va, l.gfn, ref == REF_NONE ? "nothing" : "a refused entry");
			if (ref == REF_MAP)
				cut = 3;
			else if (depth < cut)
				cut = depth;
		}
		/* Skip what shares the prefix up to the entry not present. */
		if (cut == 0)
			b = NS;
		if (cut <= 1)
			c = NS;
		if (cut <= 2)
			d = NS;
	}
}

static void check_lookup(struct root *r, struct fuzz_in *in)
{
	struct mgvt_pt_gpage *gp = NULL;
	u64 va = sample_va(in) + (in_u8(in) << 4), gfn = 0, flags;
	enum pt_ref ref = pt_ref(&E, r->gfn, va, &gfn, &flags);
	int ret = mgvt_pt_lookup(&T, r->n, va, &gp);

	FUZZ_CHECK(ref == REF_MAP ? !ret && gp->gfn == gfn : ret == -EFAULT,
		   "lookup %#llx: %d, the guest %d %#llx", va, ret, ref, gfn);
}

static void check_views(void)
{
	unsigned int i, k;

	for (i = 0; i < NVIEWS; i++) {
		struct view *w = &views[i];
		struct mgvt_pt_node *rn = w->v.root;
		unsigned int live = 0;

		if (!w->live)
			continue;
		for (k = 0; k < NOV; k++)
			live += w->ov[k].live;
		if (w->synced_gen != gen)
			continue;
		FUZZ_CHECK(mgvt_pt_view_overlays(&w->v) == live, "view %u: %u overlays, %u live",
			   i, mgvt_pt_view_overlays(&w->v), live);
		check_shadow(w->v.top.dma, w, false, 0, false, rn ? rn->shadow.dma : 0);
	}
}

static void check_roots(void)
{
	unsigned int i;

	for (i = 0; i < NROOTS; i++)
		if (roots[i].n)
			check_shadow(roots[i].n->shadow.dma, NULL, false, 0, false, 0);
}

/* ---- operations ---- */

static void put_root(unsigned int s)
{
	if (roots[s].n)
		mgvt_pt_node_put(&T, roots[s].n);
	roots[s].n = NULL;
}

static void op_validate(struct fuzz_in *in)
{
	struct root *r = &roots[in_u8(in) % NROOTS];
	int ret;

	if (!r->n)
		return;
	gen++;
	ret = mgvt_pt_validate(&T, r->n);
	if (trace)
		fprintf(stderr, "validate %#llx: %d %s, %u nodes\n", r->gfn, ret,
			T.why ? T.why : "", T.nnodes);
	FUZZ_CHECK(!ret || ret == -EINVAL || ret == -EOPNOTSUPP || ret == -ENOSPC ||
		   ret == -ENOMEM || ret == -EFAULT, "validate: %d", ret);
	FUZZ_CHECK(!ret == !T.why, "validate %d, why %s", ret, T.why ? T.why : "none");
	check_books();
	check_shadow(r->n->shadow.dma, NULL, true, r->gfn, !ret, 0);
	if (!ret) {
		r->ok_gen = gen;
		r->ok_mem = mem_gen;
		check_lookup(r, in);
	}
}

static void views_stale(void)
{
	unsigned int i;

	for (i = 0; i < NVIEWS; i++)
		views[i].synced_gen = 0;
}

static void op_view(struct fuzz_in *in, u8 op)
{
	struct view *w = &views[in_u8(in) % NVIEWS];
	unsigned int s, k;
	int ret;

	if (!w->live) {
		if (op)
			return;
		ret = mgvt_pt_view_init(&w->v, &T);
		FUZZ_CHECK(!ret || ret == -ENOMEM, "view_init: %d", ret);
		if (ret) {
			memset(&w->v, 0, sizeof(w->v));
			return;
		}
		w->live = true;
		w->has_root = false;
		w->synced_gen = 0;
		w->done = w->seq = 0;
		memset(w->ov, 0, sizeof(w->ov));
		return;
	}
	switch (op) {
	case 0:				/* fini */
		mgvt_pt_view_fini(&w->v);
		w->live = false;
		memset(&w->v, 0, sizeof(w->v));
		break;
	case 1:				/* set_root */
		s = in_u8(in) % (NROOTS + 1);
		if (s < NROOTS && roots[s].n) {
			struct mgvt_pt_node *n = mgvt_pt_root_get(&T, roots[s].gfn << PAGE_SHIFT);

			FUZZ_CHECK(n == roots[s].n, "root_get of a held root");
			mgvt_pt_view_set_root(&w->v, n);
			w->root_gfn = roots[s].gfn;
			w->has_root = true;
		} else {
			mgvt_pt_view_set_root(&w->v, NULL);
			w->has_root = false;
		}
		w->synced_gen = 0;
		break;
	case 2:				/* sync */
		w->done += in_u8(in) % 3;
		if (w->seq < w->done)
			w->seq = w->done;
		ret = mgvt_pt_view_sync(&w->v, w->done);
		FUZZ_CHECK(!ret || ret == -ENOMEM, "view_sync: %d", ret);
		for (k = 0; k < NOV; k++)
			if (w->ov[k].live && w->ov[k].seq <= w->done)
				w->ov[k].live = false;
		w->synced_gen = ret ? 0 : gen;
		break;
	case 3: {			/* overlay */
		u64 va = sample_va(in), page = va >> PAGE_SHIFT;
		unsigned int off = (in_u8(in) * 16 + (in_u8(in) & 3) * 4) % PAGE_SIZE;
		unsigned int len = 4 * (1 + in_u8(in) % 8), i;
		struct ov_model *m = NULL, *fr = NULL;
		struct mgvt_pt_gpage *gp;
		bool busy = false, mapped;
		u32 bytes[8];
		u64 seq;

		if (len > PAGE_SIZE - off)
			len = PAGE_SIZE - off;
		for (i = 0; i < len / 4; i++)
			bytes[i] = in_u8(in) & 3;
		seq = w->done + 1 + in_u8(in) % 3;
		if (seq > w->seq)
			w->seq = seq;
		for (k = 0; k < NOV; k++) {
			if (w->ov[k].live && w->ov[k].page == page)
				m = &w->ov[k];
			else if (!w->ov[k].live && !fr)
				fr = &w->ov[k];
		}
		if (!m && !fr)
			return;
		if (m)
			for (i = 0; i < len / 4; i++)
				busy |= test_bit(off / 4 + i, m->audited) &&
					m->val[off / 4 + i] != bytes[i];
		mapped = w->v.root && !mgvt_pt_lookup(&T, w->v.root, va, &gp);
		ret = mgvt_pt_view_overlay(&w->v, va + off, bytes, len, seq);
		if (trace)
			fprintf(stderr, "overlay %#llx+%u seq %llu: %d\n", va + off, len,
				seq, ret);
		FUZZ_CHECK(busy == (ret == -EBUSY), "overlay: %d, a conflict %d", ret, busy);
		if (m) {
			FUZZ_CHECK(ret == 0 || busy, "overlay over a live one: %d", ret);
		} else {
			FUZZ_CHECK(ret == -ENOMEM || (mapped ? !ret : ret == -EFAULT),
				   "overlay of a page %smapped: %d", mapped ? "" : "not ", ret);
		}
		if (busy)
			break;
		if (!m && xa_load(&w->v.ov, page)) {
			m = fr;
			memset(m, 0, sizeof(*m));
			m->live = true;
			m->page = page;
			m->seq = seq;
		}
		if (!m)
			break;
		if (m->seq < seq)
			m->seq = seq;
		if (ret)
			break;		/* the view still maps all the rest */
		for (i = 0; i < len / 4; i++) {
			set_bit(off / 4 + i, m->audited);
			m->val[off / 4 + i] = bytes[i];
		}
		{
			struct mgvt_pt_hpage *ov = xa_load(&w->v.ov, page);
			const u32 *p = (const u32 *)ov->va;

			for (i = 0; i < DW; i++)
				FUZZ_CHECK(!test_bit(i, m->audited) || p[i] == m->val[i],
					   "overlay page: dword %u not what was audited", i);
		}
		break;
	}
	case 4: {			/* read */
		u64 va = sample_va(in) + in_u8(in) * 8, gfn = 0, flags;
		unsigned int len = 1 + in_u8(in) % 64;
		struct root *r = NULL;
		u8 buf[64];
		enum pt_ref ref;

		ret = mgvt_pt_view_read(&w->v, va, buf, len);
		for (s = 0; s < NROOTS; s++)
			if (roots[s].n && roots[s].n == w->v.root &&
			    roots[s].ok_gen == gen && roots[s].ok_mem == mem_gen)
				r = &roots[s];
		if (!r || (va & (PAGE_SIZE - 1)) + len > PAGE_SIZE)
			break;
		ref = pt_ref(&E, r->gfn, va, &gfn, &flags);
		FUZZ_CHECK(ref == REF_MAP ? !ret && !memcmp(buf, (u8 *)E.mem[gfn] +
							     (va & (PAGE_SIZE - 1)), len) :
			   ret == -EFAULT, "view_read %#llx: %d, the guest %d", va, ret, ref);
		break;
	}
	}
}

static void run(struct fuzz_in *in)
{
	unsigned int ops = 0, i;
	u8 op;

	while (in->n && ops++ < MAX_OPS) {
		op = in_u8(in);
		if (trace)
			fprintf(stderr, "op %u\n", op % 16);
		switch (op % 16) {
		case 0: case 1: case 2: {	/* write an entry */
			u8 pg = in_u8(in), ix = in_u8(in);

			E.mem[pg % NLOW][ix & 8 ? ix : sample[ix & 7]] = entry(in);
			mem_gen++;
			break;
		}
		case 3: {			/* fill or clear a table */
			u8 pg = in_u8(in);
			u64 e = (pg & 0x80) ? 0 : entry(in);

			for (i = 0; i < MGVT_PT_ENTRIES; i++)
				E.mem[pg % NLOW][i] = e;
			mem_gen++;
			break;
		}
		case 4: case 5: {		/* root_get */
			unsigned int s = in_u8(in) % NROOTS;
			u8 g = in_u8(in);
			u64 gpa = (u64)(g % NLOW) << PAGE_SHIFT;

			if (g >= 250)
				gpa = g == 250 ? 0 : g == 251 ? 0x1800 : (u64)NPAGES << PAGE_SHIFT;
			put_root(s);
			roots[s].n = mgvt_pt_root_get(&T, gpa);
			roots[s].gfn = gpa >> PAGE_SHIFT;
			roots[s].ok_gen = 0;
			FUZZ_CHECK(roots[s].n || T.why, "root_get failed with no reason");
			break;
		}
		case 6:				/* root_put */
			put_root(in_u8(in) % NROOTS);
			break;
		case 7: case 8: case 9:
			op_validate(in);
			break;
		case 10:			/* zap */
			mgvt_pt_zap(&T);
			gen++;
			FUZZ_CHECK(!pt_pinned(&E), "pins left after a zap");
			views_stale();
			break;
		case 11: {			/* a hole (VFIO unmap: zap) or back */
			u8 g = in_u8(in);
			u64 gfn = g & 0x80 ? 512 + (g & 0x7f) * 4 : g % NLOW;

			E.hole[gfn] = !E.hole[gfn];
			mem_gen++;
			if (E.hole[gfn]) {
				mgvt_pt_zap(&T);
				gen++;
			}
			break;
		}
		case 12: {			/* the k-th get or alloc fails */
			u8 k = in_u8(in);

			if (k & 0x80)
				E.alloc_fail = 1 + (k & 15);
			else
				E.get_fail = 1 + (k & 31);
			break;
		}
		case 13:			/* node limit */
			T.max_nodes = T.nnodes + in_u8(in) % 16;
			break;
		default:
			op_view(in, in_u8(in) % 5);
			break;
		}
		check_books();
		if (op % 16 >= 4 && op % 16 != 12 && op % 16 != 13) {
			/* Writes, failures to come and limits change no shadow. */
			check_roots();
			check_views();
		}
	}
}

static void reset(void)
{
	if (!E.mem)
		pt_env_init(&E, NPAGES);
	memset(E.mem, 0, (size_t)NLOW * PAGE_SIZE);	/* only these are written */
	memset(E.pins, 0, NPAGES * sizeof(*E.pins));
	memset(E.hole, 0, NPAGES * sizeof(*E.hole));
	E.gets = E.puts = E.mapped = 0;
	E.get_fail = E.alloc_fail = 0;
	E.nhost = E.live_host = 0;
	E.misuse = NULL;
	memset(roots, 0, sizeof(roots));
	memset(views, 0, sizeof(views));
	gen = mem_gen = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	unsigned int i;

	if (trace < 0)
		trace = !!getenv("FUZZ_PTTREE_TRACE");
	reset();
	mgvt_pt_tree_init(&T, &pt_env_ops, &E, 4 + in_u8(&in) % 60);
	run(&in);
	E.get_fail = E.alloc_fail = 0;
	for (i = 0; i < NVIEWS; i++)
		if (views[i].live)
			mgvt_pt_view_fini(&views[i].v);
	for (i = 0; i < NROOTS; i++)
		put_root(i);
	memset(views, 0, sizeof(views));
	FUZZ_CHECK(!T.nnodes, "%u nodes left with every holder gone", T.nnodes);
	FUZZ_CHECK(pt_env_clean(&E), "left: %u pinned, %u host pages, misuse %s",
		   pt_pinned(&E), E.live_host, E.misuse ? E.misuse : "none");
	mgvt_pt_tree_fini(&T);
	return 0;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by test_pttree and fuzz_pttree: a fake environment for the shadow
 * PPGTT tree (gvt/mm/pttree.c) and walkers of our own.
 *
 * Guest memory is an array of 4 KiB pages indexed by gfn; a gfn past it or
 * in a hole is not the guest's (get() fails with -EINVAL).  Every guest
 * page has a reference count of the gets not yet put.  Host pages come
 * from aligned_alloc() with fake DMA addresses that are never reused, so
 * a walk through a freed page is seen.  pt_walk() walks a shadow the way
 * the pGPU does; pt_ref() walks the guest's own tables as the shadow must
 * translate them.
 */
#ifndef MGVT_TEST_PT_ENV_H
#define MGVT_TEST_PT_ENV_H

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/mm.h>

#include "mm/pttree.h"
#include "regs/gtt.h"

#define PT_GDMA		0x4000000000ULL	/* guest page gfn: PT_GDMA + gfn * 4096 */
#define PT_HDMA		0x1000000000ULL	/* host page i: PT_HDMA + i * 4096 */
#define PT_TABLE_OK	(GEN8_PPGTT_ADDR | GEN8_PTE_PRESENT | GEN8_PAGE_RW)
#define PT_2M_FLAGS	(GEN8_PAGE_RW | GEN8_PAGE_PWT | GEN8_PAGE_PCD)

/* The checkers' own branches are not the tree's: not fuzzing coverage. */
#ifdef __clang__
#define PT_UNTRACED	__attribute__((no_sanitize("coverage")))
#else
#define PT_UNTRACED
#endif

struct mgvt_pt_gpage {
	u64 gfn;
};

struct pt_env {
	unsigned int npages;
	u64 (*mem)[MGVT_PT_ENTRIES];	/* guest memory */
	struct mgvt_pt_gpage *gp;
	unsigned int *pins;		/* gets not yet put, per gfn */
	bool *hole;
	unsigned long gets, puts, mapped;
	unsigned long get_fail;		/* the get_fail-th get from now fails */
	unsigned long alloc_fail;	/* the alloc_fail-th alloc from now fails */
	u64 **host;			/* host page i, NULL once freed */
	unsigned int nhost, caphost, live_host;
	const char *misuse;		/* the first wrong call seen */
};

static inline void pt_misuse(struct pt_env *e, const char *what)
{
	if (!e->misuse)
		e->misuse = what;
}

static int pt_env_get(void *priv, u64 gfn, struct mgvt_pt_gpage **gp, u64 *dma)
{
	struct pt_env *e = priv;

	if (e->get_fail && !--e->get_fail)
		return -EFAULT;
	if (gfn >= e->npages || e->hole[gfn])
		return -EINVAL;
	e->pins[gfn]++;
	e->gets++;
	*gp = &e->gp[gfn];
	*dma = PT_GDMA + gfn * PAGE_SIZE;
	return 0;
}

static void pt_env_put(void *priv, struct mgvt_pt_gpage *gp)
{
	struct pt_env *e = priv;

	if (!gp || gp->gfn >= e->npages || !e->pins[gp->gfn]) {
		pt_misuse(e, "put of a page not pinned");
		return;
	}
	e->pins[gp->gfn]--;
	e->puts++;
}

static const void *pt_env_map(void *priv, struct mgvt_pt_gpage *gp)
{
	struct pt_env *e = priv;

	if (!e->pins[gp->gfn])
		pt_misuse(e, "map of a page not pinned");
	e->mapped++;
	return e->mem[gp->gfn];
}

static void pt_env_unmap(void *priv, struct mgvt_pt_gpage *gp, const void *va)
{
	struct pt_env *e = priv;

	if (!e->mapped || va != e->mem[gp->gfn])
		pt_misuse(e, "unmap of what was not mapped");
	e->mapped--;
}

static int pt_env_alloc(void *priv, struct mgvt_pt_hpage *hp)
{
	struct pt_env *e = priv;
	u64 *p;

	if (e->alloc_fail && !--e->alloc_fail)
		return -ENOMEM;
	if (e->nhost == e->caphost) {
		e->caphost = e->caphost ? 2 * e->caphost : 256;
		e->host = realloc(e->host, e->caphost * sizeof(*e->host));
		if (!e->host)
			abort();
	}
	p = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
	if (!p)
		abort();
	memset(p, 0, PAGE_SIZE);
	e->host[e->nhost] = p;
	hp->va = p;
	hp->dma = PT_HDMA + (u64)e->nhost * PAGE_SIZE;
	hp->priv = NULL;
	e->nhost++;
	e->live_host++;
	return 0;
}

/* The live host page at @dma, or NULL. */
static inline u64 *pt_host(struct pt_env *e, u64 dma)
{
	u64 i;

	if (dma < PT_HDMA || dma % PAGE_SIZE)
		return NULL;
	i = (dma - PT_HDMA) / PAGE_SIZE;
	return i < e->nhost ? e->host[i] : NULL;
}

static void pt_env_free(void *priv, struct mgvt_pt_hpage *hp)
{
	struct pt_env *e = priv;
	u64 *p = pt_host(e, hp->dma);

	if (!p || p != hp->va) {
		pt_misuse(e, "free of a host page not allocated");
		return;
	}
	e->host[(hp->dma - PT_HDMA) / PAGE_SIZE] = NULL;
	e->live_host--;
	free(p);
}

static const struct mgvt_pt_env_ops pt_env_ops = {
	.get = pt_env_get, .put = pt_env_put,
	.map = pt_env_map, .unmap = pt_env_unmap,
	.alloc = pt_env_alloc, .free = pt_env_free,
};

static inline void pt_env_init(struct pt_env *e, unsigned int npages)
{
	unsigned int i;

	memset(e, 0, sizeof(*e));
	e->npages = npages;
	e->mem = aligned_alloc(PAGE_SIZE, (size_t)npages * PAGE_SIZE);
	e->gp = calloc(npages, sizeof(*e->gp));
	e->pins = calloc(npages, sizeof(*e->pins));
	e->hole = calloc(npages, sizeof(*e->hole));
	if (!e->mem || !e->gp || !e->pins || !e->hole)
		abort();
	memset(e->mem, 0, (size_t)npages * PAGE_SIZE);
	for (i = 0; i < npages; i++)
		e->gp[i].gfn = i;
}

static inline void pt_env_fini(struct pt_env *e)
{
	unsigned int i;

	for (i = 0; i < e->nhost; i++)
		free(e->host[i]);
	free(e->host);
	free(e->mem);
	free(e->gp);
	free(e->pins);
	free(e->hole);
}

/* Guest pages pinned now. */
PT_UNTRACED static inline unsigned int pt_pinned(const struct pt_env *e)
{
	unsigned int i, n = 0;

	for (i = 0; i < e->npages; i++)
		n += e->pins[i] != 0;
	return n;
}

/* Nothing held: no pin, no host page, no map, no misuse. */
static inline bool pt_env_clean(const struct pt_env *e)
{
	return !pt_pinned(e) && !e->live_host && !e->mapped && !e->misuse &&
	       e->gets == e->puts;
}

static inline bool pt_valid_gfn(const struct pt_env *e, u64 gfn)
{
	return gfn < e->npages && !e->hole[gfn];
}

/* What a walk ends on. */
enum pt_hit { PT_NONE, PT_GUEST, PT_HOST, PT_BAD };

struct pt_leaf {
	u64 gfn;	/* PT_GUEST: the guest page */
	u64 *host;	/* PT_HOST: the host page */
	u64 addr;	/* the leaf entry's address */
	u64 flags;	/* the leaf entry's bits other than its address */
	const char *why;	/* PT_BAD */
	unsigned int depth;	/* PT_NONE: the level of the entry not present */
};

static inline enum pt_hit pt_bad(struct pt_leaf *l, const char *why)
{
	l->why = why;
	return PT_BAD;
}

static inline unsigned int pt_index(u64 va, unsigned int level)
{
	return (va >> (39 - 9 * level)) & (MGVT_PT_ENTRIES - 1);
}

/*
 * Walk the shadow at @top (a host page's DMA address) for @va as the pGPU
 * does: 4 levels, present bits, 4 KiB leaves only.  Tables are live host
 * pages with nothing but present and RW; a leaf is a pinned guest page
 * that is not a hole, or a live host page (a view's overlay).
 */
PT_UNTRACED static inline enum pt_hit pt_walk(struct pt_env *e, u64 top, u64 va,
				  struct pt_leaf *l)
{
	u64 *table = pt_host(e, top), ent, addr, gfn;
	unsigned int level;

	memset(l, 0, sizeof(*l));
	if (!table)
		return pt_bad(l, "the top is not a live host page");
	for (level = 0; level < 3; level++) {
		ent = table[pt_index(va, level)];
		l->depth = level;
		if (!(ent & GEN8_PTE_PRESENT))
			return PT_NONE;
		if (ent & ~PT_TABLE_OK)
			return pt_bad(l, "a shadow table entry with PS, IPS or reserved bits");
		table = pt_host(e, ent & GEN8_PPGTT_ADDR);
		if (!table)
			return pt_bad(l, "a shadow table entry not at a live host page");
	}
	ent = table[pt_index(va, 3)];
	l->depth = 3;
	if (!(ent & GEN8_PTE_PRESENT))
		return PT_NONE;
	addr = ent & GEN8_PPGTT_ADDR;
	l->addr = addr;
	l->flags = ent & ~GEN8_PPGTT_ADDR & ~GEN8_PTE_PRESENT;
	if (ent & ~(GEN8_PPGTT_ADDR | GEN8_PTE_PRESENT | GEN8_PPGTT_LEAF_FLAGS))
		return pt_bad(l, "a shadow PTE with bits a PTE has not");
	l->host = pt_host(e, addr);
	if (l->host)
		return PT_HOST;
	if (addr < PT_GDMA)
		return pt_bad(l, "a shadow PTE at neither a guest nor a live host page");
	gfn = (addr - PT_GDMA) / PAGE_SIZE;
	l->gfn = gfn;
	if (gfn >= e->npages)
		return pt_bad(l, "a shadow PTE beyond guest memory");
	if (!e->pins[gfn])
		return pt_bad(l, "a shadow PTE at a guest page not pinned");
	if (e->hole[gfn])
		return pt_bad(l, "a shadow PTE at a hole");
	return PT_GUEST;
}

/* What the guest's own tables say about a VA. */
enum pt_ref { REF_NONE, REF_MAP, REF_BAD };

/*
 * Walk the guest's tables from @root_gfn for @va: REF_MAP with the guest
 * page and the flags its shadow PTE must have, REF_NONE if not present,
 * REF_BAD if the tree must refuse an entry on the way (reserved bits, PS
 * in a PML4E or PDPE, a table or page outside guest memory; for 64 KiB
 * and 2 MiB pages, any of their 4 KiB pages outside).
 */
PT_UNTRACED static inline enum pt_ref pt_ref_depth(const struct pt_env *e, u64 root_gfn,
				       u64 va, u64 *gfn, u64 *flags,
				       unsigned int *depth)
{
	u64 table = root_gfn, ent = 0, base, k;
	unsigned int level, idx;

	*depth = 0;
	if (!pt_valid_gfn(e, table))
		return REF_BAD;
	for (level = 0; level < 3; level++) {
		ent = e->mem[table][pt_index(va, level)];
		*depth = level;
		if (!(ent & GEN8_PTE_PRESENT))
			return REF_NONE;
		if (ent & GEN8_PPGTT_RESERVED)
			return REF_BAD;
		if (level < 2 && (ent & GEN8_PDE_PS_2M))
			return REF_BAD;
		if (level == 2 && (ent & GEN8_PDE_PS_2M)) {
			base = (ent & GEN8_PPGTT_ADDR) >> PAGE_SHIFT & ~511ULL;
			for (k = 0; k < 512; k++)
				if (!pt_valid_gfn(e, base + k))
					return REF_BAD;
			*gfn = base + pt_index(va, 3);
			*flags = ent & PT_2M_FLAGS;
			return REF_MAP;
		}
		table = (ent & GEN8_PPGTT_ADDR) >> PAGE_SHIFT;
		if (!pt_valid_gfn(e, table))
			return REF_BAD;
	}
	idx = pt_index(va, 3);
	*depth = 3;
	if (ent & GEN8_PDE_IPS_64K) {
		ent = e->mem[table][idx & ~15u];
		if (!(ent & GEN8_PTE_PRESENT))
			return REF_NONE;
		if (ent & GEN8_PPGTT_RESERVED)
			return REF_BAD;
		base = (ent & GEN8_PPGTT_ADDR) >> PAGE_SHIFT & ~15ULL;
		for (k = 0; k < 16; k++)
			if (!pt_valid_gfn(e, base + k))
				return REF_BAD;
		*gfn = base + (idx & 15);
		*flags = ent & GEN8_PPGTT_LEAF_FLAGS;
		return REF_MAP;
	}
	ent = e->mem[table][idx];
	if (!(ent & GEN8_PTE_PRESENT))
		return REF_NONE;
	if (ent & GEN8_PPGTT_RESERVED)
		return REF_BAD;
	*gfn = (ent & GEN8_PPGTT_ADDR) >> PAGE_SHIFT;
	if (!pt_valid_gfn(e, *gfn))
		return REF_BAD;
	*flags = ent & GEN8_PPGTT_LEAF_FLAGS;
	return REF_MAP;
}

static inline enum pt_ref pt_ref(const struct pt_env *e, u64 root_gfn, u64 va,
				 u64 *gfn, u64 *flags)
{
	unsigned int depth;

	return pt_ref_depth(e, root_gfn, va, gfn, flags, &depth);
}

/*
 * The guest pins and host pages @t and @views hold, by the tree's own
 * bookkeeping, must be exactly the environment's: pins[] is compared with
 * what the nodes hold; returns NULL or what differs.
 */
PT_UNTRACED static inline const char *pt_accounting(struct pt_env *e, struct mgvt_pt_tree *t,
					struct mgvt_pt_view **views,
					unsigned int nviews)
{
	static unsigned int *want;
	static unsigned int nwant;
	struct mgvt_pt_node *n;
	unsigned long key;
	unsigned int i, nodes = 0, host = 0;
	void *p;

	if (nwant < e->npages) {
		free(want);
		want = calloc(e->npages, sizeof(*want));
		if (!want)
			abort();
		nwant = e->npages;
	}
	memset(want, 0, e->npages * sizeof(*want));
	xa_for_each(&t->nodes, key, n) {
		nodes++;
		if (n->table)
			want[n->table->gfn]++;
		if (n->kind >= MGVT_PT_PT)
			for (i = 0; i < MGVT_PT_ENTRIES; i++)
				if (n->child[i])
					want[((struct mgvt_pt_gpage *)n->child[i])->gfn]++;
	}
	if (nodes != t->nnodes)
		return "nnodes is not the number of nodes";
	for (i = 0; i < e->npages; i++)
		if (want[i] != e->pins[i])
			return "a guest page's references are not what the nodes hold";
	host = nodes;
	for (i = 0; i < nviews; i++) {
		if (!views[i]->tree)
			continue;
		host++;
		xa_for_each(&views[i]->priv, key, p)
			host++;
		xa_for_each(&views[i]->ov, key, p)
			host++;
	}
	if (host != e->live_host)
		return "live host pages are not what the nodes and views hold";
	return NULL;
}

#endif /* MGVT_TEST_PT_ENV_H */

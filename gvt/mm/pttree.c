// SPDX-License-Identifier: GPL-2.0
/*
 * Shadow PPGTT page tables (see pttree.h).
 *
 * The tree: one node per (guest table page, kind), shared by every entry
 * and root that reaches it, so a table referenced from many places (i915's
 * scratch tables are in every PPGTT) is pinned, shadowed and compared
 * once.  The kind comes from the entry that reaches a page (a PML4 entry
 * makes a PDP, and so on), so a guest that points an entry back up its
 * own tree only makes another node, four levels deep at most: no cycle.
 * A node's shadow page holds, per entry, the DMA address of the child's
 * shadow, or of the pinned guest page for a leaf.  The shadow always maps
 * 4 KiB pages: a 64 KiB entry (IPS) fills its 16 slots, and a 2 MiB PDE
 * points at a shadow-only page table of 512 entries, since the guest's
 * pages need not be contiguous for the pGPU.  1 GiB entries are refused.
 *
 * Validation, before each submission: every node the root reaches is
 * compared with the guest table it was built from, once per round however
 * many parents it has; entries that differ, and entries that failed
 * before, are rebuilt.  An entry that cannot be built (reserved bits, a
 * 1 GiB page, a page outside the guest's memory, the node limit) stays
 * not present in the shadow and fails the validation until the guest
 * fixes it.  Nothing the pGPU walks is ever a guest page.
 *
 * Views: an engine walks its shadow context's view, a private PML4 that
 * is a copy of the root's shadow, refreshed at each sync, plus private
 * copies of the PDP, PD and PT pages on the way to each overlaid page.
 * An overlay maps an audited copy of a guest batch page at its own
 * address; the dwords audited in it are fixed while the workload that
 * audited them may run, and another workload may share the page only if
 * it wants the same dwords there.
 */
#include <linux/bitmap.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xarray.h>

#include "mm/pttree.h"
#include "regs/gtt.h"

#define TABLE_FLAGS	(GEN8_PTE_PRESENT | GEN8_PAGE_RW)
#define DW_PER_PAGE	(PAGE_SIZE / 4)

/* A private copy of a PDP, PD or PT page of a view. */
struct mgvt_pt_vpage {
	struct mgvt_pt_hpage hp;
	u32 round;
};

/* An audited copy of a guest page, mapped at the guest page's address. */
struct mgvt_pt_ov {
	struct mgvt_pt_hpage hp;
	struct mgvt_pt_ov *next;	/* while it is dropped */
	u64 seq;
	unsigned long audited[BITS_TO_LONGS(DW_PER_PAGE)];
};

static unsigned long node_key(u64 gfn, enum mgvt_pt_kind kind, u64 flags)
{
	/* A 2 MiB page's PTEs take its PDE's flags: one node per flags. */
	if (kind == MGVT_PT_2M)
		gfn |= (flags & GEN8_PPGTT_LEAF_FLAGS) >> 1;
	return (unsigned long)(gfn << 3 | kind);
}

static bool is_leaf(enum mgvt_pt_kind kind)
{
	return kind >= MGVT_PT_PT;
}

static unsigned int va_index(u64 va, unsigned int level)
{
	return (va >> (39 - 9 * level)) & (MGVT_PT_ENTRIES - 1);
}

static int fail(struct mgvt_pt_tree *t, int err, const char *why)
{
	if (!t->why)
		t->why = why;
	return err;
}

/**
 * mgvt_pt_tree_init - an empty tree
 * @t: the tree
 * @env: its environment
 * @priv: passed to @env
 * @max_nodes: how many table pages it may shadow
 */
void mgvt_pt_tree_init(struct mgvt_pt_tree *t, const struct mgvt_pt_env_ops *env,
		       void *priv, unsigned int max_nodes)
{
	memset(t, 0, sizeof(*t));
	t->env = env;
	t->priv = priv;
	t->max_nodes = max_nodes;
	xa_init(&t->nodes);
	INIT_LIST_HEAD(&t->views);
}

static void node_free(struct mgvt_pt_tree *t, struct mgvt_pt_node *n)
{
	if (n->shadow.va)
		t->env->free(t->priv, &n->shadow);
	if (n->table)
		t->env->put(t->priv, n->table);
	kfree(n->snap);
	kfree(n->bad);
	kfree(n->child);
	kfree(n);
}

/* Drop what entry @i holds; its shadow entries go not present. */
static void clear_entry(struct mgvt_pt_tree *t, struct mgvt_pt_node *n,
			unsigned int i)
{
	unsigned int k, span = n->kind == MGVT_PT_PT64 ? 16 : 1;

	if (n->kind == MGVT_PT_PT64 && i % 16)
		return;		/* part of entry i & ~15 */
	if (!is_leaf(n->kind)) {
		if (n->child[i])
			mgvt_pt_node_put(t, n->child[i]);
		n->child[i] = NULL;
		WRITE_ONCE(n->shadow.va[i], 0);
		return;
	}
	for (k = i; k < i + span; k++) {
		if (n->child[k])
			t->env->put(t->priv, n->child[k]);
		n->child[k] = NULL;
		WRITE_ONCE(n->shadow.va[k], 0);
	}
}

/**
 * mgvt_pt_node_put - drop a reference on a node; the last frees its subtree
 * @t: the tree
 * @n: the node
 */
void mgvt_pt_node_put(struct mgvt_pt_tree *t, struct mgvt_pt_node *n)
{
	unsigned int i;

	if (--n->refs)
		return;
	for (i = 0; i < MGVT_PT_ENTRIES; i++)
		clear_entry(t, n, i);
	xa_erase(&t->nodes, node_key(n->gfn, n->kind, n->flags));
	t->nnodes--;
	node_free(t, n);
}

/* The node of guest page @gfn as @kind, with a new reference. */
static int node_get(struct mgvt_pt_tree *t, u64 gfn, enum mgvt_pt_kind kind,
		    u64 flags, struct mgvt_pt_node **out)
{
	unsigned long key = node_key(gfn, kind, flags);
	struct mgvt_pt_node *n = xa_load(&t->nodes, key);
	u64 dma;
	int ret;

	if (n) {
		n->refs++;
		*out = n;
		return 0;
	}
	if (t->nnodes >= t->max_nodes)
		return fail(t, -ENOSPC, "more page-table pages than the vGPU may shadow");
	n = kzalloc(sizeof(*n), GFP_KERNEL_ACCOUNT);
	if (!n)
		return fail(t, -ENOMEM, "out of memory");
	n->gfn = gfn;
	n->kind = kind;
	n->refs = 1;
	n->fresh = true;
	n->flags = flags;
	n->child = kcalloc(MGVT_PT_ENTRIES, sizeof(*n->child), GFP_KERNEL_ACCOUNT);
	n->bad = kcalloc(BITS_TO_LONGS(MGVT_PT_ENTRIES), sizeof(long),
			 GFP_KERNEL_ACCOUNT);
	if (kind != MGVT_PT_2M)
		n->snap = kcalloc(MGVT_PT_ENTRIES, sizeof(u64), GFP_KERNEL_ACCOUNT);
	if (!n->child || !n->bad || (kind != MGVT_PT_2M && !n->snap)) {
		ret = fail(t, -ENOMEM, "out of memory");
		goto err;
	}
	if (kind != MGVT_PT_2M) {
		ret = t->env->get(t->priv, gfn, &n->table, &dma);
		if (ret) {
			n->table = NULL;
			ret = fail(t, ret, "page table outside the guest's memory");
			goto err;
		}
	}
	ret = t->env->alloc(t->priv, &n->shadow);
	if (ret) {
		n->shadow.va = NULL;
		ret = fail(t, ret, "out of memory for shadow page tables");
		goto err;
	}
	if (xa_is_err(xa_store(&t->nodes, key, n, GFP_KERNEL_ACCOUNT))) {
		ret = fail(t, -ENOMEM, "out of memory");
		goto err;
	}
	t->nnodes++;
	*out = n;
	return 0;

err:
	node_free(t, n);
	return ret;
}

/* Pin @span guest pages from @gfn into leaf slots @i.. of @n. */
static int build_leaves(struct mgvt_pt_tree *t, struct mgvt_pt_node *n,
			unsigned int i, u64 gfn, unsigned int span, u64 flags)
{
	struct mgvt_pt_gpage *gp;
	unsigned int k;
	u64 dma;
	int ret;

	for (k = 0; k < span; k++) {
		ret = t->env->get(t->priv, gfn + k, &gp, &dma);
		if (!ret)
			n->child[i + k] = gp;
		if (ret) {
			while (k--) {
				t->env->put(t->priv, n->child[i + k]);
				n->child[i + k] = NULL;
				WRITE_ONCE(n->shadow.va[i + k], 0);
			}
			return fail(t, ret, "page outside the guest's memory");
		}
		WRITE_ONCE(n->shadow.va[i + k], dma | GEN8_PTE_PRESENT |
			   (flags & GEN8_PPGTT_LEAF_FLAGS));
	}
	return 0;
}

/* Build entry @i of @n from the guest's entry @e (the old one cleared). */
static int build_entry(struct mgvt_pt_tree *t, struct mgvt_pt_node *n,
		       unsigned int i, u64 e)
{
	u64 gfn = (e & GEN8_PPGTT_ADDR) >> PAGE_SHIFT;
	u64 flags = e & GEN8_PPGTT_LEAF_FLAGS;
	enum mgvt_pt_kind kind;
	struct mgvt_pt_node *c;
	int ret;

	if (!(e & GEN8_PTE_PRESENT))
		return 0;
	if (e & GEN8_PPGTT_RESERVED)
		return fail(t, -EINVAL, "reserved bits set in a page-table entry");
	switch (n->kind) {
	case MGVT_PT_PT:
		return build_leaves(t, n, i, gfn, 1, e);
	case MGVT_PT_PT64:
		return build_leaves(t, n, i, gfn & ~15ULL, 16, e);
	case MGVT_PT_PML4:
		if (e & GEN8_PDE_PS_2M)
			return fail(t, -EINVAL, "page-size bit in a PML4 entry");
		kind = MGVT_PT_PDP;
		break;
	case MGVT_PT_PDP:
		if (e & GEN8_PDE_PS_2M)
			return fail(t, -EOPNOTSUPP, "1 GiB page");
		kind = MGVT_PT_PD;
		break;
	case MGVT_PT_PD:
		if (e & GEN8_PDE_PS_2M) {
			kind = MGVT_PT_2M;
			gfn &= ~511ULL;
			flags &= ~GEN8_PDE_PS_2M;	/* PS here, PAT in a PTE */
		} else if (e & GEN8_PDE_IPS_64K) {
			kind = MGVT_PT_PT64;
		} else {
			kind = MGVT_PT_PT;
		}
		break;
	default:
		return fail(t, -EINVAL, "entry of a split 2 MiB page");
	}
	ret = node_get(t, gfn, kind, flags, &c);
	if (ret)
		return ret;
	n->child[i] = c;
	WRITE_ONCE(n->shadow.va[i], c->shadow.dma | TABLE_FLAGS);
	return 0;
}

static void note_error(struct mgvt_pt_tree *t, struct mgvt_pt_node *n, int err)
{
	if (err && !n->err)
		n->err = err;
}

/* Bring @n's own entries in line with the guest's table. */
static void sync_entries(struct mgvt_pt_tree *t, struct mgvt_pt_node *n)
{
	const u64 *g;
	unsigned int i;
	int ret;

	if (n->kind == MGVT_PT_2M) {
		if (n->fresh)
			note_error(t, n, build_leaves(t, n, 0, n->gfn,
						      MGVT_PT_ENTRIES, n->flags));
		n->fresh = n->err != 0;
		return;
	}
	if (!n->table) {
		u64 dma;

		/* Zapped: pin the table again, rebuild everything. */
		ret = t->env->get(t->priv, n->gfn, &n->table, &dma);
		if (ret) {
			n->table = NULL;
			/* What it reached is known no more: let go of it. */
			for (i = 0; i < MGVT_PT_ENTRIES; i++)
				clear_entry(t, n, i);
			note_error(t, n, fail(t, ret, "page table outside the guest's memory"));
			return;
		}
		n->fresh = true;
	}
	g = t->env->map(t->priv, n->table);
	t->compared++;
	if (!n->fresh && bitmap_empty(n->bad, MGVT_PT_ENTRIES) &&
	    !memcmp(g, n->snap, PAGE_SIZE))
		goto out;
	for (i = 0; i < MGVT_PT_ENTRIES; i++) {
		u64 e = READ_ONCE(g[i]);

		if (n->kind == MGVT_PT_PT64 && i % 16) {
			n->snap[i] = e;		/* not used by the hardware */
			continue;
		}
		if (!n->fresh && e == n->snap[i] && !test_bit(i, n->bad))
			continue;
		clear_entry(t, n, i);
		n->snap[i] = e;
		clear_bit(i, n->bad);
		t->rebuilt++;
		ret = build_entry(t, n, i, e);
		if (ret) {
			set_bit(i, n->bad);
			note_error(t, n, ret);
		}
	}
	n->fresh = false;
out:
	t->env->unmap(t->priv, n->table, g);
}

static int validate(struct mgvt_pt_tree *t, struct mgvt_pt_node *n, u64 va)
{
	unsigned int i;
	int ret;

	if (n->seen == t->stamp)
		return n->err;
	n->seen = t->stamp;
	n->err = 0;
	sync_entries(t, n);
	if (n->err && !t->bad_va)
		t->bad_va = va;
	if (is_leaf(n->kind))
		return n->err;
	for (i = 0; i < MGVT_PT_ENTRIES; i++) {
		/* (Runs of one child, i915's scratch tables, cost one call.) */
		if (!n->child[i] || (i && n->child[i] == n->child[i - 1]))
			continue;
		ret = validate(t, n->child[i],
			       va | (u64)i << (39 - 9 * n->kind));
		note_error(t, n, ret);
	}
	return n->err;
}

/**
 * mgvt_pt_root_get - the shadow of the guest PML4 at @gpa, with a reference
 * @t: the tree
 * @gpa: guest physical address of the PML4, page aligned
 *
 * The tree is built at the next mgvt_pt_validate().
 *
 * Return: the node, or NULL with @t->why set (not page aligned, not the
 * guest's memory, the node limit, no memory).
 */
struct mgvt_pt_node *mgvt_pt_root_get(struct mgvt_pt_tree *t, u64 gpa)
{
	struct mgvt_pt_node *n;

	if (!gpa || gpa % PAGE_SIZE || gpa & ~GEN8_PPGTT_ADDR) {
		fail(t, -EINVAL, "PPGTT root not a page address");
		return NULL;
	}
	if (node_get(t, gpa >> PAGE_SHIFT, MGVT_PT_PML4, 0, &n))
		return NULL;
	return n;
}

/**
 * mgvt_pt_validate - bring the shadow of @root in line with the guest
 * @t: the tree
 * @root: a root from mgvt_pt_root_get()
 *
 * Compares every table @root reaches with the guest's and rebuilds the
 * entries that changed.
 *
 * Return: 0, or the first error (@t->why and @t->bad_va say where): the
 * entries in error are not present in the shadow.
 */
int mgvt_pt_validate(struct mgvt_pt_tree *t, struct mgvt_pt_node *root)
{
	t->why = NULL;
	t->bad_va = 0;
	if (!++t->stamp) {
		struct mgvt_pt_node *n;
		unsigned long key;

		/* Wrapped: no node may look seen in the new round 1. */
		xa_for_each(&t->nodes, key, n)
			n->seen = 0;
		t->stamp = 1;
	}
	return validate(t, root, 0);
}

/**
 * mgvt_pt_lookup - the guest page a validated root maps at @va
 * @t: the tree
 * @root: the root, validated in this round
 * @va: the PPGTT address
 * @gp: set to the guest page
 *
 * Return: 0, or -EFAULT if @va is not mapped.
 */
int mgvt_pt_lookup(struct mgvt_pt_tree *t, struct mgvt_pt_node *root, u64 va,
		   struct mgvt_pt_gpage **gp)
{
	struct mgvt_pt_node *n = root;
	unsigned int level;

	if (va >> 48)
		return -EFAULT;
	for (level = 0; level < 3; level++) {
		n = n->child[va_index(va, level)];
		if (!n)
			return -EFAULT;
	}
	*gp = n->child[va_index(va, 3)];
	return *gp ? 0 : -EFAULT;
}

/**
 * mgvt_pt_zap - let go of every guest page, keeping the tree's shape
 * @t: the tree, with no workload on the pGPU that may walk it
 *
 * For a VFIO unmap: every pin is dropped, every view unmapped; the next
 * validation pins and rebuilds what the guest's tables still reach.
 */
void mgvt_pt_zap(struct mgvt_pt_tree *t)
{
	struct mgvt_pt_view *v;
	struct mgvt_pt_node *n;
	unsigned long key;
	unsigned int i;

	xa_for_each(&t->nodes, key, n) {
		if (is_leaf(n->kind))
			for (i = 0; i < MGVT_PT_ENTRIES; i++)
				clear_entry(t, n, i);
		if (n->table)
			t->env->put(t->priv, n->table);
		n->table = NULL;
		n->fresh = true;
	}
	list_for_each_entry(v, &t->views, link)
		memset(v->top.va, 0, PAGE_SIZE);
}

/**
 * mgvt_pt_tree_fini - free what is left (every view and root released)
 * @t: the tree
 */
void mgvt_pt_tree_fini(struct mgvt_pt_tree *t)
{
	struct mgvt_pt_node *n;
	unsigned long key;
	unsigned int i;

	/* Leftovers (a leak elsewhere): unlink, then free each once. */
	xa_for_each(&t->nodes, key, n) {
		if (!is_leaf(n->kind))
			memset(n->child, 0, MGVT_PT_ENTRIES * sizeof(*n->child));
		for (i = 0; i < MGVT_PT_ENTRIES && is_leaf(n->kind); i++)
			clear_entry(t, n, i);
		xa_erase(&t->nodes, key);
		node_free(t, n);
	}
	t->nnodes = 0;
	xa_destroy(&t->nodes);
}

/* ---- views -------------------------------------------------------------- */

/**
 * mgvt_pt_view_init - a view with an empty private PML4
 * @v: the view
 * @t: its tree
 *
 * Return: 0 or -ENOMEM.
 */
int mgvt_pt_view_init(struct mgvt_pt_view *v, struct mgvt_pt_tree *t)
{
	memset(v, 0, sizeof(*v));
	v->tree = t;
	xa_init(&v->priv);
	xa_init(&v->ov);
	if (t->env->alloc(t->priv, &v->top)) {
		v->top.va = NULL;
		return -ENOMEM;
	}
	list_add(&v->link, &t->views);
	return 0;
}

static void free_ov(struct mgvt_pt_view *v, unsigned long key)
{
	struct mgvt_pt_ov *ov = xa_erase(&v->ov, key);

	v->tree->env->free(v->tree->priv, &ov->hp);
	kfree(ov);
}

static void free_vpage(struct mgvt_pt_view *v, unsigned long key)
{
	struct mgvt_pt_vpage *p = xa_erase(&v->priv, key);

	v->tree->env->free(v->tree->priv, &p->hp);
	kfree(p);
}

/**
 * mgvt_pt_view_fini - free a view (no workload may walk it any more)
 * @v: the view, initialised
 */
void mgvt_pt_view_fini(struct mgvt_pt_view *v)
{
	struct mgvt_pt_tree *t = v->tree;
	unsigned long key;
	void *e;

	if (!t)
		return;
	xa_for_each(&v->ov, key, e)
		free_ov(v, key);
	xa_for_each(&v->priv, key, e)
		free_vpage(v, key);
	xa_destroy(&v->ov);
	xa_destroy(&v->priv);
	if (v->root)
		mgvt_pt_node_put(t, v->root);
	t->env->free(t->priv, &v->top);
	list_del(&v->link);
	v->tree = NULL;
}

/**
 * mgvt_pt_view_set_root - make @v show @root
 * @v: the view
 * @root: a root, whose reference passes to @v (NULL: none)
 *
 * The private PML4 follows at the next mgvt_pt_view_sync().
 */
void mgvt_pt_view_set_root(struct mgvt_pt_view *v, struct mgvt_pt_node *root)
{
	if (v->root)
		mgvt_pt_node_put(v->tree, v->root);
	v->root = root;
}

/* The shared shadow page the root's path to @va has at @level (1-3). */
static const u64 *shared_page(struct mgvt_pt_view *v, u64 va,
			      unsigned int level)
{
	struct mgvt_pt_node *n = v->root;
	unsigned int l;

	for (l = 0; n && l < level; l++)
		n = is_leaf(n->kind) ? NULL : n->child[va_index(va, l)];
	return n ? n->shadow.va : NULL;
}

static unsigned long vkey(unsigned int level, u64 prefix)
{
	return (unsigned long)level << 40 | (unsigned long)prefix;
}

/* The private page of @v at @level on the way to @va, made if absent. */
static struct mgvt_pt_vpage *vpage_get(struct mgvt_pt_view *v, u64 va,
				       unsigned int level, bool *made)
{
	struct mgvt_pt_tree *t = v->tree;
	unsigned long key = vkey(level, va >> (48 - 9 * level));
	struct mgvt_pt_vpage *p = xa_load(&v->priv, key);

	*made = false;
	if (p)
		return p;
	p = kzalloc(sizeof(*p), GFP_KERNEL_ACCOUNT);
	if (!p || t->env->alloc(t->priv, &p->hp)) {
		kfree(p);
		fail(t, -ENOMEM, "out of memory for shadow page tables");
		return NULL;
	}
	if (xa_is_err(xa_store(&v->priv, key, p, GFP_KERNEL_ACCOUNT))) {
		t->env->free(t->priv, &p->hp);
		kfree(p);
		fail(t, -ENOMEM, "out of memory");
		return NULL;
	}
	*made = true;
	return p;
}

/*
 * Map the page at @dma over @va in the private path of @v, in this round
 * (after mgvt_pt_view_sync()).  A private page made here is filled before
 * it is linked; entries the pGPU may be walking change with one store.
 */
static int apply(struct mgvt_pt_view *v, u64 va, u64 dma)
{
	u64 *parent = v->top.va;
	unsigned int level;
	bool made;

	for (level = 1; level <= 3; level++) {
		struct mgvt_pt_vpage *p = vpage_get(v, va, level, &made);
		const u64 *src;

		if (!p)
			return -ENOMEM;
		if (made || p->round != v->round) {
			src = shared_page(v, va, level);
			if (src)
				memcpy(p->hp.va, src, PAGE_SIZE);
			else
				memset(p->hp.va, 0, PAGE_SIZE);
			p->round = v->round;
		}
		WRITE_ONCE(parent[va_index(va, level - 1)], p->hp.dma | TABLE_FLAGS);
		parent = p->hp.va;
	}
	WRITE_ONCE(parent[va_index(va, 3)], dma | TABLE_FLAGS);
	return 0;
}

/*
 * Bring one private page (the top at @level 0, else the copy of the shared
 * page at @level for addresses starting with @prefix) in line: each entry
 * is the private child or overlay of this round if there is one, else the
 * shared entry.  Only entries that change are written, each with one
 * store, so a workload of the context that still runs never finds a
 * live overlay's address mapped to the guest's page on the way.
 */
static void refresh(struct mgvt_pt_view *v, u64 *page, unsigned int level,
		    u64 prefix)
{
	const u64 *shared = level ? shared_page(v, prefix << (48 - 9 * level), level) :
			    (v->root ? v->root->shadow.va : NULL);
	unsigned int i;

	for (i = 0; i < MGVT_PT_ENTRIES; i++) {
		u64 child = prefix << 9 | i, want = shared ? shared[i] : 0;

		if (level < 3) {
			struct mgvt_pt_vpage *c = xa_load(&v->priv, vkey(level + 1, child));

			if (c && c->round == v->round)
				want = c->hp.dma | TABLE_FLAGS;
		} else {
			struct mgvt_pt_ov *ov = xa_load(&v->ov, (unsigned long)child);

			if (ov)
				want = ov->hp.dma | TABLE_FLAGS;
		}
		if (page[i] != want)
			WRITE_ONCE(page[i], want);
	}
}

/**
 * mgvt_pt_view_sync - refresh a view from its root, after a validation
 * @v: the view
 * @done: sequence number: overlays of workloads up to it are dropped
 *
 * Private pages are brought in line bottom-up, so a page is whole before
 * an entry above it changes, and an overlay a running workload may use
 * stays mapped throughout.
 *
 * Return: 0, or -ENOMEM (the view is left as it was; the caller fails the
 * workload).
 */
int mgvt_pt_view_sync(struct mgvt_pt_view *v, u64 done)
{
	struct mgvt_pt_ov *ov, *dead = NULL;
	struct mgvt_pt_vpage *p;
	unsigned int level;
	unsigned long key;
	bool made;
	u64 va;

	/* Every private page a live overlay needs, before anything changes. */
	v->round++;
	xa_for_each(&v->ov, key, ov) {
		if (ov->seq <= done)
			continue;
		va = (u64)key << PAGE_SHIFT;
		for (level = 1; level <= 3; level++) {
			p = vpage_get(v, va, level, &made);
			if (!p) {
				v->round--;
				return -ENOMEM;
			}
			if (made)
				p->round = v->round - 1;
		}
	}
	xa_for_each(&v->ov, key, ov) {
		if (ov->seq <= done)
			continue;
		va = (u64)key << PAGE_SHIFT;
		for (level = 1; level <= 3; level++) {
			p = xa_load(&v->priv, vkey(level, va >> (48 - 9 * level)));
			p->round = v->round;
		}
	}
	v->done = done;
	xa_for_each(&v->ov, key, ov) {
		if (ov->seq > done)
			continue;
		xa_erase(&v->ov, key);
		ov->next = dead;
		dead = ov;
	}
	for (level = 3; level >= 1; level--)
		xa_for_each(&v->priv, key, p)
			if (key >> 40 == level && p->round == v->round)
				refresh(v, p->hp.va, level, key & (BIT_ULL(40) - 1));
	refresh(v, v->top.va, 0, 0);
	/* Nothing links the unused private pages and the dead overlays now. */
	xa_for_each(&v->priv, key, p)
		if (p->round != v->round)
			free_vpage(v, key);
	while (dead) {
		ov = dead;
		dead = ov->next;
		v->tree->env->free(v->tree->priv, &ov->hp);
		kfree(ov);
	}
	return 0;
}

/**
 * mgvt_pt_view_read - read what @v's root maps at [@va, @va + @len)
 * @v: the view, its root validated in this round
 * @va: PPGTT address
 * @dst: where to copy
 * @len: bytes
 *
 * Reads the guest's pages (not the overlays): an audit must see what the
 * guest wants run now.
 *
 * Return: 0, or -EFAULT (with @v->tree->why) if a page is not mapped.
 */
int mgvt_pt_view_read(struct mgvt_pt_view *v, u64 va, void *dst, size_t len)
{
	struct mgvt_pt_tree *t = v->tree;
	struct mgvt_pt_gpage *gp;
	const u8 *src;
	size_t n;

	while (len) {
		n = min_t(size_t, len, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
		if (!v->root || mgvt_pt_lookup(t, v->root, va, &gp)) {
			t->bad_va = va;
			return fail(t, -EFAULT, "PPGTT batch at an unmapped address");
		}
		src = t->env->map(t->priv, gp);
		memcpy(dst, src + (va & (PAGE_SIZE - 1)), n);
		t->env->unmap(t->priv, gp, src);
		dst = (u8 *)dst + n;
		va += n;
		len -= n;
	}
	return 0;
}

/* Whether the audited dwords of @ov in [@off, @off + @len) hold @bytes. */
static bool ov_agrees(const struct mgvt_pt_ov *ov, size_t off,
		      const void *bytes, size_t len)
{
	const u32 *want = bytes, *have = (const u32 *)ov->hp.va + off / 4;
	size_t i;

	for (i = 0; i < len / 4; i++)
		if (test_bit(off / 4 + i, ov->audited) && have[i] != want[i])
			return false;
	return true;
}

/* One page's part of an overlay: [@va, @va + @len) inside one page. */
static int overlay_page(struct mgvt_pt_view *v, u64 va, const void *bytes,
			size_t len, u64 seq)
{
	struct mgvt_pt_tree *t = v->tree;
	unsigned long key = (unsigned long)(va >> PAGE_SHIFT);
	size_t off = va & (PAGE_SIZE - 1);
	struct mgvt_pt_ov *ov = xa_load(&v->ov, key);
	int ret;

	if (ov) {
		if (ov->seq > v->done && !ov_agrees(ov, off, bytes, len))
			return fail(t, -EBUSY, "batch page rewritten under a running batch");
		if (ov->seq < seq)
			ov->seq = seq;
		goto copy;
	}
	ov = kzalloc(sizeof(*ov), GFP_KERNEL_ACCOUNT);
	if (!ov)
		return fail(t, -ENOMEM, "out of memory");
	if (t->env->alloc(t->priv, &ov->hp)) {
		kfree(ov);
		return fail(t, -ENOMEM, "out of memory for batch copies");
	}
	/* The rest of the page is the guest's, as the batch may read it. */
	ret = mgvt_pt_view_read(v, va & PAGE_MASK, ov->hp.va, PAGE_SIZE);
	if (!ret && xa_is_err(xa_store(&v->ov, key, ov, GFP_KERNEL_ACCOUNT)))
		ret = fail(t, -ENOMEM, "out of memory");
	if (ret) {
		t->env->free(t->priv, &ov->hp);
		kfree(ov);
		return ret;
	}
	ov->seq = seq;
	ret = apply(v, va & PAGE_MASK, ov->hp.dma);
	if (ret) {
		free_ov(v, key);	/* not mapped: no later overlay may find it */
		return ret;
	}
copy:
	memcpy((u8 *)ov->hp.va + off, bytes, len);
	bitmap_set(ov->audited, off / 4, len / 4);
	return 0;
}

/**
 * mgvt_pt_view_overlay - map audited bytes at their PPGTT address
 * @v: the view, synced in this round
 * @va: PPGTT address, dword aligned
 * @bytes: what the audit passed, to run at @va
 * @len: bytes, a multiple of 4
 * @seq: the workload that will run them (greater than @v->done)
 *
 * Every page of [@va, @va + @len) gets, in @v only, a copy of the guest's
 * page with @bytes in place.  A page already overlaid for a workload
 * that may still run is shared if the dwords it audited agree.
 *
 * Return: 0, -EBUSY (a running workload audited other dwords there: wait
 * for it), -EFAULT (not mapped) or -ENOMEM.
 */
int mgvt_pt_view_overlay(struct mgvt_pt_view *v, u64 va, const void *bytes,
			 size_t len, u64 seq)
{
	size_t n;
	int ret;

	while (len) {
		n = min_t(size_t, len, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
		ret = overlay_page(v, va, bytes, n, seq);
		if (ret)
			return ret;
		bytes = (const u8 *)bytes + n;
		va += n;
		len -= n;
	}
	return 0;
}

/**
 * mgvt_pt_view_overlays - how many pages @v overlays
 * @v: the view
 *
 * Return: the count.
 */
unsigned int mgvt_pt_view_overlays(const struct mgvt_pt_view *v)
{
	struct mgvt_pt_ov *ov;
	unsigned long key;
	unsigned int n = 0;

	xa_for_each((struct xarray *)&v->ov, key, ov)
		n++;
	return n;
}

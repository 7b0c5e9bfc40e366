/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shadows of a guest's 4-level PPGTT page tables, without write
 * notifications (no KVM): the shared shadow tree of every table page the
 * guest's roots reach, validated against the guest's tables before each
 * submission, and the per-context views a pGPU engine walks, which may
 * map audited copies of batch pages over the guest's at the same
 * addresses.
 *
 * Pure logic: guest pages and host table pages come from the caller's
 * environment (struct mgvt_pt_env_ops), so selftests compile this file in
 * userspace.  The caller serialises every call (the vGPU's GGTT lock).
 */
#ifndef MGVT_MM_PTTREE_H
#define MGVT_MM_PTTREE_H

#include <linux/list.h>
#include <linux/types.h>
#include <linux/xarray.h>

#define MGVT_PT_ENTRIES		512

/* What a shadowed page is, from the entry that reaches it. */
enum mgvt_pt_kind {
	MGVT_PT_PML4,		/* a root */
	MGVT_PT_PDP,
	MGVT_PT_PD,
	MGVT_PT_PT,		/* 4 KiB pages */
	MGVT_PT_PT64,		/* PDE with IPS: every 16th entry, 64 KiB pages */
	MGVT_PT_2M,		/* PDE with PS: no guest table, 512 4 KiB pages */
	MGVT_PT_KINDS,
};

struct mgvt_pt_gpage;

/**
 * struct mgvt_pt_hpage - a host page the pGPU walks (shadow table or copy)
 * @va: its kernel address
 * @dma: its DMA address on the pGPU
 * @priv: the environment's
 */
struct mgvt_pt_hpage {
	u64 *va;
	u64 dma;
	void *priv;
};

/**
 * struct mgvt_pt_env_ops - what the shadow tree asks of its environment
 * @get: take a reference on guest page @gfn, pinned and DMA-mapped for the
 *	pGPU (one pin per page however many entries use it): 0 with @gp and
 *	@dma set, or a negative errno (-EINVAL: not the guest's memory)
 * @put: drop one reference taken by @get
 * @map: the guest page's contents, to read; until @unmap
 * @unmap: end a @map
 * @alloc: a zeroed host page, DMA-mapped for the pGPU: 0 or -ENOMEM
 * @free: give back an @alloc page once the pGPU can no longer walk it
 *
 * @put and @free may defer the release while workloads that could still
 * reach the page run on the pGPU.
 */
struct mgvt_pt_env_ops {
	int (*get)(void *priv, u64 gfn, struct mgvt_pt_gpage **gp, u64 *dma);
	void (*put)(void *priv, struct mgvt_pt_gpage *gp);
	const void *(*map)(void *priv, struct mgvt_pt_gpage *gp);
	void (*unmap)(void *priv, struct mgvt_pt_gpage *gp, const void *va);
	int (*alloc)(void *priv, struct mgvt_pt_hpage *hp);
	void (*free)(void *priv, struct mgvt_pt_hpage *hp);
};

/**
 * struct mgvt_pt_node - one shadowed guest table (or split 2 MiB page)
 * @gfn: the guest table page (for MGVT_PT_2M, the first 4 KiB page)
 * @kind: what the entry that reaches it makes it
 * @refs: entries and holders (roots, views) that reference it
 * @seen: the tree's stamp when last validated
 * @fresh: every entry must be (re)built at the next validation
 * @err: the first error its subtree had at the last validation
 * @flags: MGVT_PT_2M: the leaf flags of its entries
 * @table: the pinned guest table page (NULL for MGVT_PT_2M, or after a zap)
 * @snap: the guest entries the shadow was built from
 * @bad: entries that could not be built (retried at every validation)
 * @shadow: the shadow table the pGPU walks
 * @child: per entry, the child node (PML4, PDP, PD) or guest page (PT
 *	kinds; for a 64 KiB entry, the 16 slots it covers)
 */
struct mgvt_pt_node {
	u64 gfn;
	enum mgvt_pt_kind kind;
	unsigned int refs;
	u32 seen;
	bool fresh;
	int err;
	u64 flags;
	struct mgvt_pt_gpage *table;
	u64 *snap;
	unsigned long *bad;
	struct mgvt_pt_hpage shadow;
	void **child;
};

/**
 * struct mgvt_pt_tree - every shadowed guest table of one vGPU
 * @env: its environment
 * @priv: passed to @env
 * @nodes: (gfn, kind) -> struct mgvt_pt_node
 * @nnodes: nodes (each holds one shadow page)
 * @max_nodes: the limit of @nnodes; past it building fails with -ENOSPC
 * @stamp: validation round
 * @views: the views on it
 * @why: a static string naming the last failure
 * @bad_va: the address (or its prefix) of the entry that failed
 * @compared: table pages compared with the guest's
 * @rebuilt: entries rebuilt because the guest changed them
 */
struct mgvt_pt_tree {
	const struct mgvt_pt_env_ops *env;
	void *priv;
	struct xarray nodes;
	unsigned int nnodes;
	unsigned int max_nodes;
	u32 stamp;
	struct list_head views;
	const char *why;
	u64 bad_va;
	u64 compared;
	u64 rebuilt;
};

/**
 * struct mgvt_pt_view - what one shadow context's engine walks: a private
 *	copy of a root's path to each page overlaid with an audited copy
 * @tree: its tree
 * @root: the guest root it shows (a reference), or NULL
 * @top: the private PML4 (the context's PDP0)
 * @priv: (level, address prefix) -> struct mgvt_pt_vpage, private copies
 *	of PDP, PD and PT pages on the way to an overlay
 * @ov: address >> PAGE_SHIFT -> struct mgvt_pt_ov, the overlaid pages
 * @round: sync round; private pages of older rounds are unreferenced
 * @done: overlays of workloads up to this sequence number are dead
 * @link: in @tree's views
 */
struct mgvt_pt_view {
	struct mgvt_pt_tree *tree;
	struct mgvt_pt_node *root;
	struct mgvt_pt_hpage top;
	struct xarray priv;
	struct xarray ov;
	u32 round;
	u64 done;
	struct list_head link;
};

void mgvt_pt_tree_init(struct mgvt_pt_tree *t, const struct mgvt_pt_env_ops *env,
		       void *priv, unsigned int max_nodes);
void mgvt_pt_tree_fini(struct mgvt_pt_tree *t);
struct mgvt_pt_node *mgvt_pt_root_get(struct mgvt_pt_tree *t, u64 gpa);
void mgvt_pt_node_put(struct mgvt_pt_tree *t, struct mgvt_pt_node *n);
int mgvt_pt_validate(struct mgvt_pt_tree *t, struct mgvt_pt_node *root);
int mgvt_pt_lookup(struct mgvt_pt_tree *t, struct mgvt_pt_node *root, u64 va,
		   struct mgvt_pt_gpage **gp);
void mgvt_pt_zap(struct mgvt_pt_tree *t);

int mgvt_pt_view_init(struct mgvt_pt_view *v, struct mgvt_pt_tree *t);
void mgvt_pt_view_fini(struct mgvt_pt_view *v);
void mgvt_pt_view_set_root(struct mgvt_pt_view *v, struct mgvt_pt_node *root);
int mgvt_pt_view_sync(struct mgvt_pt_view *v, u64 done);
int mgvt_pt_view_read(struct mgvt_pt_view *v, u64 va, void *dst, size_t len);
int mgvt_pt_view_overlay(struct mgvt_pt_view *v, u64 va, const void *bytes,
			 size_t len, u64 seq);
unsigned int mgvt_pt_view_overlays(const struct mgvt_pt_view *v);

#endif /* MGVT_MM_PTTREE_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A vGPU's shadow PPGTTs, embedded in struct mgvt_vgpu.
 */
#ifndef MGVT_MM_PPGTT_TYPES_H
#define MGVT_MM_PPGTT_TYPES_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "mm/pttree.h"

/**
 * struct mgvt_ppgtt - a vGPU's shadow PPGTTs (ppgtt.c)
 * @tree: every shadowed guest table (under the GGTT lock)
 * @pins: gfn -> struct mgvt_pt_gpage, guest pages the tree pinned, each
 *	once (under the GGTT lock)
 * @roots: PML4 gfn -> struct mgvt_ppgtt_root, the PPGTTs the guest
 *	announced (changed under the vGPU lock)
 * @nroots: how many
 * @ops_lock: protects @build and @dead
 * @build: announced roots whose shadow the work item builds
 * @dead: roots the guest destroyed (or a reset dropped), for the work
 *	item to release
 * @work: builds and releases roots, under the GGTT lock
 * @retired: guest pages whose last user went while workloads that may
 *	reach them ran, unpinned once those ended
 * @hretired: host pages (shadow tables, copies) likewise, through their
 *	struct page's lru
 * @retired_epoch: the GGTT hooks' epoch of the newest of them
 * @nretired: how many of both
 * @npins: guest pages pinned
 * @nhpages: host pages allocated
 * @refused: announcements refused (limit, bad address)
 * @failed: validations that failed
 */
struct mgvt_ppgtt {
	struct mgvt_pt_tree tree;
	struct xarray pins;
	struct xarray roots;
	unsigned int nroots;
	spinlock_t ops_lock; /* build, dead */
	struct list_head build;
	struct list_head dead;
	struct work_struct work;
	struct mgvt_pt_gpage *retired;
	struct list_head hretired;
	u64 retired_epoch;
	unsigned int nretired;
	unsigned long npins;
	unsigned long nhpages;
	unsigned long refused;
	unsigned long failed;
};

#endif /* MGVT_MM_PPGTT_TYPES_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * A vGPU's shadow PPGTTs, the kernel side of mm/pttree.c.
 *
 * Guest pages: a page the tree needs (a table to read, a page a leaf
 * maps) is pinned through the front end and DMA-mapped through the HAL
 * once, however many entries use it, and released when the last goes.
 * Host pages (shadow tables, private paths, batch copies) are zeroed
 * pages DMA-mapped through the HAL: the pGPU only ever walks these.
 *
 * When pages go: a guest page or host page the tree drops while
 * workloads of the vGPU run may still be reached by one of them, so it
 * waits on a retired list until every workload that ran then has ended
 * (the GGTT hooks' epoch, as mm/ggtt.c does for its pins).  A VFIO DMA
 * unmap that hits a page the tree pinned waits until no workload runs,
 * then lets go of every guest page the tree holds (mgvt_pt_zap()): the
 * next validation pins again what the guest's tables still reach, and
 * fails the workload if that is outside its memory.
 *
 * Roots: a g2v PPGTT create (trap/pvinfo.c, vGPU lock held) records the
 * root at once and queues its shadow for the work item, which builds it
 * under the GGTT lock; a destroy queues its release.  Contexts whose PDP0
 * names a root nobody announced get a shadow too (render/vexec.c): the
 * announcement only keeps a shadow alive between uses.
 *
 * Locks: everything of the tree, @pins and the retired lists under the
 * GGTT lock; @roots changes under the vGPU lock; @ops_lock (a leaf) guards
 * the work item's lists.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "core/log.h"
#include "core/stats.h"
#include "core/vgpu_types.h"
#include "mm/ggtt.h"
#include "mm/ppgtt.h"

static unsigned int ppgtt_max_tables = 16384;
module_param(ppgtt_max_tables, uint, 0644);
MODULE_PARM_DESC(ppgtt_max_tables,
		 "Guest page-table pages one vGPU may have shadowed at once, each about 12 KiB of host memory; past it a submission fails (default 16384, read at vGPU creation)");

static unsigned int ppgtt_max_roots = 4096;
module_param(ppgtt_max_roots, uint, 0644);
MODULE_PARM_DESC(ppgtt_max_roots,
		 "PPGTTs one vGPU's guest may announce at once; past it an announcement is refused and logged (default 4096)");

/* Pages kept for running workloads before a release waits for them. */
#define PPGTT_RETIRED_MAX	4096

/**
 * struct mgvt_pt_gpage - a guest page the shadow tree holds
 * @page: the pinned page
 * @dma: its DMA address on the pGPU
 * @gfn: its guest frame
 * @refs: the tree's references
 * @next: link on the retired list
 */
struct mgvt_pt_gpage {
	struct page *page;
	dma_addr_t dma;
	u64 gfn;
	unsigned int refs;
	struct mgvt_pt_gpage *next;
};

/**
 * struct mgvt_ppgtt_root - a PPGTT the guest announced
 * @gpa: its PML4
 * @node: its shadow once built (under the GGTT lock)
 * @link: on the work item's build or dead list
 * @queued: on one of them
 */
struct mgvt_ppgtt_root {
	u64 gpa;
	struct mgvt_pt_node *node;
	struct list_head link;
	bool queued;
};

static struct mgvt_vgpu *env_vgpu(void *priv)
{
	return priv;
}

static void release_gpage(struct mgvt_vgpu *vgpu, struct mgvt_pt_gpage *gp)
{
	mgvt_guest_page_unmap(vgpu, gp->gfn, gp->dma);
	vgpu->ppgtt.npins--;
	kfree(gp);
}

static void release_hpage(struct mgvt_vgpu *vgpu, struct page *page)
{
	mgvt_hal_dma_unmap(vgpu->pgpu, page_private(page), 1);
	mgvt_stat(MGVT_STAT_DMA_MAPS, -1);
	set_page_private(page, 0);
	__free_page(page);
	vgpu->ppgtt.nhpages--;
}

static void release_retired(struct mgvt_vgpu *vgpu)
{
	struct mgvt_ppgtt *pp = &vgpu->ppgtt;
	struct mgvt_pt_gpage *gp, *next;
	struct page *page, *tmp;

	for (gp = pp->retired; gp; gp = next) {
		next = gp->next;
		release_gpage(vgpu, gp);
	}
	pp->retired = NULL;
	list_for_each_entry_safe(page, tmp, &pp->hretired, lru) {
		list_del(&page->lru);
		release_hpage(vgpu, page);
	}
	pp->nretired = 0;
}

/*
 * The epoch a dropped page must wait for: 0 when no workload of the vGPU
 * runs (release now).
 */
static u64 retire_epoch(struct mgvt_vgpu *vgpu)
{
	const struct mgvt_ggtt_hooks *h = vgpu->ggtt.hooks;

	return h ? h->epoch(vgpu) : 0;
}

/* One more page waits: past the bound, wait for the pGPU instead. */
static void retired_one(struct mgvt_vgpu *vgpu, u64 epoch)
{
	struct mgvt_ppgtt *pp = &vgpu->ppgtt;

	pp->retired_epoch = epoch;
	if (++pp->nretired > PPGTT_RETIRED_MAX) {
		vgpu->ggtt.hooks->drain(vgpu);
		release_retired(vgpu);
	}
}

static int env_get(void *priv, u64 gfn, struct mgvt_pt_gpage **out, u64 *dma)
{
	struct mgvt_vgpu *vgpu = env_vgpu(priv);
	struct mgvt_ppgtt *pp = &vgpu->ppgtt;
	struct mgvt_pt_gpage *gp = xa_load(&pp->pins, gfn);
	int ret;

	lockdep_assert_held(&vgpu->ggtt.lock);
	if (gp)
		goto found;
	gp = kzalloc(sizeof(*gp), GFP_KERNEL_ACCOUNT);
	if (!gp)
		return -ENOMEM;
	ret = mgvt_guest_page_map(vgpu, gfn, &gp->page, &gp->dma);
	if (ret)
		goto err_free;
	gp->gfn = gfn;
	ret = xa_err(xa_store(&pp->pins, gfn, gp, GFP_KERNEL_ACCOUNT));
	if (ret)
		goto err_unmap;
	pp->npins++;
found:
	gp->refs++;
	*out = gp;
	*dma = gp->dma;
	return 0;

err_unmap:
	mgvt_guest_page_unmap(vgpu, gfn, gp->dma);
err_free:
	kfree(gp);
	return ret;
}

static void env_put(void *priv, struct mgvt_pt_gpage *gp)
{
	struct mgvt_vgpu *vgpu = env_vgpu(priv);
	struct mgvt_ppgtt *pp = &vgpu->ppgtt;
	u64 epoch;

	if (--gp->refs)
		return;
	xa_erase(&pp->pins, gp->gfn);
	epoch = retire_epoch(vgpu);
	if (!epoch) {
		release_gpage(vgpu, gp);
		return;
	}
	gp->next = pp->retired;
	pp->retired = gp;
	retired_one(vgpu, epoch);
}

static const void *env_map(void *priv, struct mgvt_pt_gpage *gp)
{
	return kmap_local_page(gp->page);
}

static void env_unmap(void *priv, struct mgvt_pt_gpage *gp, const void *va)
{
	kunmap_local(va);
}

static int env_alloc(void *priv, struct mgvt_pt_hpage *hp)
{
	struct mgvt_vgpu *vgpu = env_vgpu(priv);
	struct page *page = alloc_page(GFP_KERNEL_ACCOUNT | __GFP_ZERO);
	dma_addr_t dma;

	if (!page)
		return -ENOMEM;
	if (mgvt_hal_dma_map(vgpu->pgpu, page, 1, &dma)) {
		__free_page(page);
		return -ENOMEM;
	}
	mgvt_stat(MGVT_STAT_DMA_MAPS, 1);
	set_page_private(page, dma);
	hp->va = page_address(page);
	hp->dma = dma;
	hp->priv = page;
	vgpu->ppgtt.nhpages++;
	return 0;
}

static void env_free(void *priv, struct mgvt_pt_hpage *hp)
{
	struct mgvt_vgpu *vgpu = env_vgpu(priv);
	struct page *page = hp->priv;
	u64 epoch = retire_epoch(vgpu);

	hp->va = NULL;
	if (!epoch) {
		release_hpage(vgpu, page);
		return;
	}
	list_add(&page->lru, &vgpu->ppgtt.hretired);
	retired_one(vgpu, epoch);
}

static const struct mgvt_pt_env_ops ppgtt_env = {
	.get = env_get,
	.put = env_put,
	.map = env_map,
	.unmap = env_unmap,
	.alloc = env_alloc,
	.free = env_free,
};

/* ---- announced roots ---------------------------------------------------- */

static void ppgtt_work(struct work_struct *work)
{
	struct mgvt_ppgtt *pp = container_of(work, struct mgvt_ppgtt, work);
	struct mgvt_vgpu *vgpu = container_of(pp, struct mgvt_vgpu, ppgtt);
	struct mgvt_ppgtt_root *r;
	bool dead;

	mutex_lock(&vgpu->ggtt.lock);
	for (;;) {
		/*
		 * One root at a time off the lists: a destroy trapped while
		 * this one is built queues it as dead, and it is freed on a
		 * later round, never under the build.
		 */
		spin_lock(&pp->ops_lock);
		r = list_first_entry_or_null(&pp->dead, struct mgvt_ppgtt_root, link);
		dead = r;
		if (!r) {
			r = list_first_entry_or_null(&pp->build,
						     struct mgvt_ppgtt_root, link);
			if (r)
				r->queued = false;
		}
		if (r)
			list_del_init(&r->link);
		spin_unlock(&pp->ops_lock);
		if (!r)
			break;
		if (dead) {
			if (r->node)
				mgvt_pt_node_put(&pp->tree, r->node);
			kfree(r);
			continue;
		}
		/*
		 * A root is built (and its tables pinned) when announced, so
		 * that a context using it starts from a shadow; it can still
		 * fail here (its tables not yet written): then its first
		 * submission says why.
		 */
		if (r->node)
			continue;
		pp->tree.why = NULL;
		r->node = mgvt_pt_root_get(&pp->tree, r->gpa);
		if (r->node && mgvt_pt_validate(&pp->tree, r->node))
			pp->failed++;
		if (!r->node || pp->tree.why)
			vgpu_dbg(vgpu, "PPGTT %#llx: shadow not built yet: %s\n",
				 r->gpa, pp->tree.why ?: "refused");
	}
	mutex_unlock(&vgpu->ggtt.lock);
}

/* Queue @r's release (vGPU lock held, @r out of @roots). */
static void root_dead(struct mgvt_ppgtt *pp, struct mgvt_ppgtt_root *r)
{
	spin_lock(&pp->ops_lock);
	if (r->queued)
		list_del(&r->link);
	r->queued = false;
	list_add_tail(&r->link, &pp->dead);
	spin_unlock(&pp->ops_lock);
}

/**
 * mgvt_ppgtt_announce - a g2v PPGTT create or destroy
 * @vgpu: the vGPU, its lock held
 * @root: the PML4's guest physical address (PVINFO pdp[0])
 * @create: create, else destroy
 *
 * Records or forgets the root at once; its shadow is built or released
 * by a work item.
 */
void mgvt_ppgtt_announce(struct mgvt_vgpu *vgpu, u64 root, bool create)
{
	struct mgvt_ppgtt *pp = &vgpu->ppgtt;
	unsigned long key = root >> PAGE_SHIFT;
	struct mgvt_ppgtt_root *r;

	lockdep_assert_held(&vgpu->lock);
	if (!root || offset_in_page(root) || root >> 48) {
		pp->refused++;
		vgpu_warn_rl(vgpu, "g2v: PPGTT root %#llx is not a page address\n",
			     root);
		return;
	}
	r = xa_load(&pp->roots, key);
	if (!create) {
		if (!r) {
			vgpu_warn_rl(vgpu, "g2v: destroy of unknown PPGTT %#llx\n",
				     root);
			return;
		}
		xa_erase(&pp->roots, key);
		pp->nroots--;
		root_dead(pp, r);
		queue_work(system_unbound_wq, &pp->work);
		return;
	}
	if (r)
		return;
	if (pp->nroots >= READ_ONCE(ppgtt_max_roots)) {
		pp->refused++;
		vgpu_warn_rl(vgpu, "g2v: more than %u PPGTTs (ppgtt_max_roots), %#llx refused\n",
			     ppgtt_max_roots, root);
		return;
	}
	r = kzalloc(sizeof(*r), GFP_KERNEL_ACCOUNT);
	if (!r || xa_is_err(xa_store(&pp->roots, key, r, GFP_KERNEL_ACCOUNT))) {
		kfree(r);
		pp->refused++;
		vgpu_warn_rl(vgpu, "g2v: no memory to record PPGTT %#llx\n", root);
		return;
	}
	r->gpa = root;
	pp->nroots++;
	spin_lock(&pp->ops_lock);
	r->queued = true;
	list_add_tail(&r->link, &pp->build);
	spin_unlock(&pp->ops_lock);
	queue_work(system_unbound_wq, &pp->work);
}

/**
 * mgvt_ppgtt_forget_roots - drop every announced root (a reset)
 * @vgpu: the vGPU, its lock held
 */
void mgvt_ppgtt_forget_roots(struct mgvt_vgpu *vgpu)
{
	struct mgvt_ppgtt *pp = &vgpu->ppgtt;
	struct mgvt_ppgtt_root *r;
	unsigned long key;

	lockdep_assert_held(&vgpu->lock);
	xa_for_each(&pp->roots, key, r) {
		xa_erase(&pp->roots, key);
		root_dead(pp, r);
	}
	pp->nroots = 0;
	queue_work(system_unbound_wq, &pp->work);
}

/* ---- life cycle --------------------------------------------------------- */

/**
 * mgvt_ppgtt_init - set up a vGPU's shadow PPGTTs (empty)
 * @vgpu: the vGPU
 */
void mgvt_ppgtt_init(struct mgvt_vgpu *vgpu)
{
	struct mgvt_ppgtt *pp = &vgpu->ppgtt;

	mgvt_pt_tree_init(&pp->tree, &ppgtt_env, vgpu,
			  READ_ONCE(ppgtt_max_tables));
	xa_init(&pp->pins);
	xa_init(&pp->roots);
	spin_lock_init(&pp->ops_lock);
	INIT_LIST_HEAD(&pp->build);
	INIT_LIST_HEAD(&pp->dead);
	INIT_LIST_HEAD(&pp->hretired);
	INIT_WORK(&pp->work, ppgtt_work);
}

/**
 * mgvt_ppgtt_reset - device reset or close: no shadow, no pin left
 * @vgpu: the vGPU, no lock held, no workload of it on the pGPU and every
 *	shadow context's view released
 */
void mgvt_ppgtt_reset(struct mgvt_vgpu *vgpu)
{
	struct mgvt_ppgtt *pp = &vgpu->ppgtt;

	mutex_lock(&vgpu->lock);
	mgvt_ppgtt_forget_roots(vgpu);
	mutex_unlock(&vgpu->lock);
	flush_work(&pp->work);
	mutex_lock(&vgpu->ggtt.lock);
	if (pp->tree.nnodes)
		vgpu_warn_rl(vgpu, "%u shadow page tables left at reset\n",
			     pp->tree.nnodes);
	release_retired(vgpu);
	mutex_unlock(&vgpu->ggtt.lock);
}

/**
 * mgvt_ppgtt_fini - free a vGPU's shadow PPGTTs
 * @vgpu: the vGPU, closed
 */
void mgvt_ppgtt_fini(struct mgvt_vgpu *vgpu)
{
	struct mgvt_ppgtt *pp = &vgpu->ppgtt;

	mgvt_ppgtt_reset(vgpu);
	cancel_work_sync(&pp->work);
	mutex_lock(&vgpu->ggtt.lock);
	mgvt_pt_tree_fini(&pp->tree);
	release_retired(vgpu);
	mutex_unlock(&vgpu->ggtt.lock);
	if (pp->npins || pp->nhpages)
		vgpu_warn_rl(vgpu, "PPGTT: %lu pins and %lu host pages left at destroy\n",
			     pp->npins, pp->nhpages);
	xa_destroy(&pp->pins);
	xa_destroy(&pp->roots);
}

/**
 * mgvt_ppgtt_dma_unmap - the VFIO user unmaps guest frames @first..@last
 * @vgpu: the vGPU, its GGTT lock held
 * @first: first guest frame
 * @last: last guest frame
 *
 * If the tree holds any of them, waits until no workload of the vGPU
 * runs, then lets go of every guest page the tree holds: nothing of the
 * range is pinned on return.
 */
void mgvt_ppgtt_dma_unmap(struct mgvt_vgpu *vgpu, u64 first, u64 last)
{
	struct mgvt_ppgtt *pp = &vgpu->ppgtt;
	struct mgvt_pt_gpage *gp;
	unsigned long index = first;
	bool hit = false;

	lockdep_assert_held(&vgpu->ggtt.lock);
	if (xa_find(&pp->pins, &index, last, XA_PRESENT))
		hit = true;
	for (gp = pp->retired; gp && !hit; gp = gp->next)
		hit = gp->gfn >= first && gp->gfn <= last;
	if (!hit)
		return;
	if (vgpu->ggtt.hooks)
		vgpu->ggtt.hooks->drain(vgpu);
	mgvt_pt_zap(&pp->tree);
	release_retired(vgpu);
	vgpu_dbg(vgpu, "DMA unmap of frames %#llx-%#llx: shadow PPGTTs let go of guest memory\n",
		 first, last);
}

/**
 * mgvt_ppgtt_settle - release the pages that waited for workloads
 * @vgpu: the vGPU, its GGTT lock held
 * @drained: no workload of the vGPU runs (else: release if the ones that
 *	ran when the pages were dropped have all ended)
 *
 * Return: whether pages still wait.
 */
bool mgvt_ppgtt_settle(struct mgvt_vgpu *vgpu, bool drained)
{
	struct mgvt_ppgtt *pp = &vgpu->ppgtt;
	const struct mgvt_ggtt_hooks *h = vgpu->ggtt.hooks;

	lockdep_assert_held(&vgpu->ggtt.lock);
	if (!pp->nretired)
		return false;
	if (drained || !h || h->settled(vgpu, pp->retired_epoch))
		release_retired(vgpu);
	return pp->nretired;
}

/**
 * mgvt_ppgtt_show - debugfs "ppgtt": the shadow PPGTTs of a vGPU
 * @vgpu: the vGPU
 * @m: the seq_file
 */
void mgvt_ppgtt_show(struct mgvt_vgpu *vgpu, struct seq_file *m)
{
	struct mgvt_ppgtt *pp = &vgpu->ppgtt;

	mutex_lock(&vgpu->ggtt.lock);
	seq_printf(m, "roots %u\ntables %u\ntable_limit %u\npins %lu\nhost_pages %lu\n",
		   pp->nroots, pp->tree.nnodes, pp->tree.max_nodes, pp->npins,
		   pp->nhpages);
	seq_printf(m, "retired %u\ncompared %llu\nrebuilt %llu\nrefused %lu\nfailed %lu\n",
		   pp->nretired, pp->tree.compared, pp->tree.rebuilt,
		   pp->refused, pp->failed);
	mutex_unlock(&vgpu->ggtt.lock);
}

/**
 * mgvt_ppgtt_show_roots - debugfs "ppgtt_roots": the announced PPGTTs
 * @vgpu: the vGPU
 * @m: the seq_file
 */
void mgvt_ppgtt_show_roots(struct mgvt_vgpu *vgpu, struct seq_file *m)
{
	struct mgvt_ppgtt_root *r;
	unsigned long key;

	mutex_lock(&vgpu->lock);
	xa_for_each(&vgpu->ppgtt.roots, key, r)
		seq_printf(m, "%#llx\n", r->gpa);
	mutex_unlock(&vgpu->lock);
}

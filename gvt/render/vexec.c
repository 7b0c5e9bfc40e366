// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual execlists: what a guest submits through its ELSP runs on the
 * pGPU, and ends in its CSB, status page, context image and interrupts as
 * on a Gen9 engine (../shared reference render-path.md §4).
 *
 * The ELSP trap (trap/execlist.c) validates the descriptors and queues the
 * submission; everything else happens in one work item per vGPU and
 * engine, which:
 * - accepts a submission when the virtual engine is idle, or when its
 *   element 0 is the running context with no element 1 (a lite restore);
 *   anything else waits, as a Gen9 i915 never preempts;
 * - builds a workload per element: on a full restore the guest's register
 *   state page is copied and audited (render/scan.c: every LRI header and
 *   register; the ring context must sit where a Gen9 image has it), the
 *   ring context is replaced by the shadow's own (shadow ring, no PPGTT
 *   root until [ppgtt]), RCS pages 2-21 and the per-process status page
 *   are copied unless restore-inhibit; the RCS indirect-context batch is
 *   copied, audited and pointed to its copy; the guest ring between head
 *   and tail is copied, audited, and every GGTT batch it starts is copied
 *   into host GM and the command patched to the copy.  Nothing the guest
 *   can change after this point is read by the pGPU;
 * - reports the promote (IDLE_ACTIVE, or PREEMPTED|LITE_RESTORE) at once
 *   and hands the requests to the engine owner (render/engine.c);
 * - when element 0's request ended, writes back what hardware saves (the
 *   status page, register state page past the ring context, RING_HEAD with
 *   its wrap count, CTX_TIMESTAMP, RCS pages 2-21), then the CSB entry
 *   (COMPLETE with ELEMENT_SWITCH or ACTIVE_IDLE) into the guest's status
 *   page and its MMIO mirror, then the context-switch interrupt;
 * - when a workload failed (audit, engine error, budget), shows the guest
 *   what an engine error shows: EIR and ESR set, EXECLIST_STATUS_HI naming
 *   the context, the CS error interrupt; the engine stays halted until the
 *   guest resets it.
 *
 * Locks: a work item holds its engine's @lock, then takes the GGTT lock
 * (guest memory through the pinned pages) and under it the vGPU lock
 * (registers, interrupts, generation check), in that order only.  The
 * engine owner's callback takes @slock alone.  A guest engine reset (GDRST
 * trap, vGPU lock held) bumps the generation, so no event of older work
 * reaches the guest, and waits (bounded) until the engine owner holds no
 * request of that engine.
 */
#include <linux/bitfield.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/wait.h>

#include "core/log.h"
#include "core/pgpu_types.h"
#include "core/trace.h"
#include "core/vgpu_types.h"
#include "mm/ggtt.h"
#include "mm/gm.h"
#include "mm/hostgm.h"
#include "regs/gpu_cmd.h"
#include "regs/regs.h"
#include "render/engine.h"
#include "render/scan.h"
#include "render/vexec.h"
#include "trap/execlist.h"
#include "trap/mmio.h"
#include "trap/virq.h"

#define SHADOW_RING_SIZE	SZ_64K
#define MAX_RQ_BYTES		SZ_32K	/* commands of one element */
#define BATCH_MAX		SZ_64K	/* one GGTT batch */
#define BATCH_PAGES		(BATCH_MAX / PAGE_SIZE)
#define RESET_WAIT_MS		10000
#define LRI_POSTED		BIT(12)
#define HEAD_WRAP_SHIFT		21

static unsigned int ctx_pages(unsigned int e)
{
	return e == 0 ? 22 : 2;
}

/* Byte offsets in a shadow context's buffer. */
static size_t wa_off(unsigned int e)
{
	return ctx_pages(e) * PAGE_SIZE;
}

static size_t ring_off(unsigned int e)
{
	return (ctx_pages(e) + (e == 0)) * PAGE_SIZE;
}

static struct mgvt_vgpu *ve_vgpu(struct mgvt_vexec_engine *ve)
{
	return ve->vgpu;
}

static u32 *vreg(struct mgvt_vexec_engine *ve, u32 reg)
{
	return mgvt_vreg(ve->vgpu, gen9_engine_base(ve->id) + reg);
}

/* ---- the engine owner's side ------------------------------------------ */

static void vexec_event(struct mgvt_engine_rq *rq, enum mgvt_rq_event ev)
{
	struct mgvt_vwl *wl = rq->priv;
	struct mgvt_vexec_engine *ve = wl->vctx->ve;

	if (ev != MGVT_RQ_COMPLETED && ev != MGVT_RQ_ERROR)
		return;
	spin_lock(&ve->slock);
	list_del(&wl->out_link);
	list_add_tail(&wl->end_link, &ve->ended);
	queue_work(system_unbound_wq, &ve->work);
	if (!--ve->busy)
		wake_up(&ve->idle_wq);
	spin_unlock(&ve->slock);
}

static const struct mgvt_engine_client vexec_client = {
	.name = "vgpu",
	.event = vexec_event,
};

static bool ve_idle(struct mgvt_vexec_engine *ve)
{
	bool idle;

	spin_lock(&ve->slock);
	idle = !ve->busy;
	spin_unlock(&ve->slock);
	return idle;
}

/* ---- buffers ------------------------------------------------------------ */

/* The private copies, allocated at the first submission. */
static int ensure_bufs(struct mgvt_vexec_engine *ve)
{
	unsigned int i;
	int ret = 0;

	if (!ve->img)
		ve->img = kvmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!ve->ring)
		ve->ring = kvmalloc(MAX_RQ_BYTES, GFP_KERNEL);
	if (!ve->img || !ve->ring)
		ret = -ENOMEM;
	for (i = 0; i < ARRAY_SIZE(ve->bbuf); i++) {
		if (!ve->bbuf[i])
			ve->bbuf[i] = kvmalloc(BATCH_MAX, GFP_KERNEL);
		if (!ve->bbuf[i])
			ret = -ENOMEM;
	}
	return ret;
}

static struct mgvt_gm_buf *batch_get(struct mgvt_vexec_engine *ve)
{
	struct mgvt_gm_buf *b;

	if (ve->nbpool)
		return ve->bpool[--ve->nbpool];
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return NULL;
	if (mgvt_hostgm_alloc(&ve->vgpu->pgpu->hostgm, MGVT_GM_HIGH,
			      BATCH_PAGES, b)) {
		kfree(b);
		return NULL;
	}
	return b;
}

static void batch_put(struct mgvt_vexec_engine *ve, struct mgvt_gm_buf *b)
{
	if (ve->nbpool < ARRAY_SIZE(ve->bpool)) {
		ve->bpool[ve->nbpool++] = b;
		return;
	}
	mgvt_hostgm_free(&ve->vgpu->pgpu->hostgm, b);
	kfree(b);
}

static void wl_drop_batches(struct mgvt_vexec_engine *ve, struct mgvt_vwl *wl)
{
	while (wl->nbatch) {
		struct mgvt_gm_buf *b = wl->batch[--wl->nbatch];

		if (b)
			batch_put(ve, b);
	}
}

/* Free @wl once the guest no longer sees it and the pGPU is done with it. */
static void wl_release(struct mgvt_vexec_engine *ve, struct mgvt_vwl *wl)
{
	if (wl->elem || (wl->has_rq && !wl->rq_ended))
		return;
	wl_drop_batches(ve, wl);
	kfree(wl);
}

static int vctx_setup(struct mgvt_vexec_engine *ve, struct mgvt_vctx *vctx)
{
	struct mgvt_pgpu *pgpu = ve->vgpu->pgpu;
	unsigned int npages = ring_off(ve->id) / PAGE_SIZE +
			      SHADOW_RING_SIZE / PAGE_SIZE;
	int ret;

	ret = mgvt_hostgm_alloc(&pgpu->hostgm, MGVT_GM_HIGH, npages, &vctx->buf);
	if (ret)
		return ret;
	ret = mgvt_engine_ctx_init(mgvt_engine(pgpu, ve->id), &vctx->ectx,
				   &vexec_client, &vctx->buf, 0, SHADOW_RING_SIZE,
				   CTX_DESC_PRIVILEGE);
	if (ret) {
		mgvt_hostgm_free(&pgpu->hostgm, &vctx->buf);
		return ret;
	}
	vctx->pos = 0;
	/* Pairs with cancel_engine(): a reset sees @ectx whole or not at all. */
	smp_store_release(&vctx->ready, true);
	return 0;
}

static bool vctx_in_use(struct mgvt_vexec_engine *ve, struct mgvt_vctx *vctx)
{
	return !list_empty(&vctx->wls) ||
	       (ve->active[0] && ve->active[0]->vctx == vctx) ||
	       (ve->active[1] && ve->active[1]->vctx == vctx);
}

/*
 * The shadow context for a full restore of @lrca: the one that shadowed it
 * last if idle, else the idle one used least recently.  NULL: wait.
 */
static struct mgvt_vctx *pick_vctx(struct mgvt_vexec_engine *ve, u64 lrca,
				   struct mgvt_vctx *not)
{
	struct mgvt_vctx *best = NULL;
	unsigned int i;

	for (i = 0; i < MGVT_VCTX_SLOTS; i++) {
		struct mgvt_vctx *c = &ve->ctx[i];

		if (c->lrca == lrca && c != not)
			return vctx_in_use(ve, c) ? NULL : c;
	}
	for (i = 0; i < MGVT_VCTX_SLOTS; i++) {
		struct mgvt_vctx *c = &ve->ctx[i];

		if (c == not || vctx_in_use(ve, c))
			continue;
		if (!best || time_before(c->last_use, best->last_use))
			best = c;
	}
	return best;
}

/* ---- building a workload ------------------------------------------------ */

/*
 * What the batch callbacks of one workload share: its engine, the
 * workload, and the first failure (@failed: a batch was refused, which no
 * retry of an enclosing batch may hide).
 */
struct vx_scan {
	struct mgvt_vexec_engine *ve;
	struct mgvt_vwl *wl;
	const char *why;
	bool failed;
	bool busy;
};

static bool vx_gm_ok(void *priv, u64 gm, u64 len)
{
	struct vx_scan *vs = priv;

	return mgvt_gm_in_slices(&vs->ve->vgpu->slice, gm, len);
}

/* Bytes of the vGPU's slice from @gm to its end. */
static u64 slice_left(const struct mgvt_gm_slice *s, u64 gm)
{
	if (gm >= s->low_base && gm - s->low_base < s->low_size)
		return s->low_base + s->low_size - gm;
	return s->high_base + s->high_size - gm;
}

static int vx_batch(void *priv, u64 gm, enum mgvt_scan_level level,
		    bool ppgtt, u64 *shadow);

static const struct mgvt_scan_ops vx_scan_ops = {
	.gm_ok = vx_gm_ok,
	.batch = vx_batch,
};

/*
 * Bytes of a PPGTT batch at @va that its context's view maps, up to
 * @max, read into @copy a page at a time: a batch may end just before an
 * unmapped page.
 */
static size_t ppgtt_read(struct mgvt_vctx *vctx, u64 va, u32 *copy,
			 size_t max)
{
	size_t len = 0, n;

	while (len < max) {
		n = min_t(size_t, max - len, PAGE_SIZE - offset_in_page(va + len));
		if (mgvt_pt_view_read(&vctx->view, va + len, (u8 *)copy + len, n))
			break;
		len += n;
	}
	return len;
}

/*
 * Copy a batch into @copy and scan it at @level: first the rest of its
 * first page (most batches end there), then, if the scan needs more, all
 * that can be read up to @avail bytes.  A PPGTT batch is read through its
 * context's view and scanned as Gen9 runs it, non-privileged.  Return the
 * dwords that run, or a negative errno with @vs->why.
 */
static int copy_scan(struct vx_scan *vs, u64 addr, enum mgvt_scan_level level,
		     bool ppgtt, size_t avail, u32 *copy)
{
	struct mgvt_vexec_engine *ve = vs->ve;
	struct mgvt_vwl *wl = vs->wl;
	struct mgvt_scan s = {
		.engine = ve->id, .cb = &vx_scan_ops, .priv = vs,
		.ppgtt = wl->ppgtt, .nonpriv = ppgtt,
	};
	size_t len = min_t(u64, avail, PAGE_SIZE - offset_in_page(addr));
	bool whole = false;
	u64 t;
	int n;

	for (;;) {
		t = ktime_get_ns();
		if (ppgtt)
			len = ppgtt_read(wl->vctx, addr, copy, len);
		else
			mgvt_ggtt_gm_read(ve->vgpu, addr, copy, len);
		ve->copy_ns += ktime_get_ns() - t;
		if (!len) {
			vs->why = "PPGTT batch at an unmapped address";
			vs->failed = true;
			return -EFAULT;
		}
		s.why = NULL;
		s.user_irqs = 0;
		ve->depth++;
		n = mgvt_scan_buf(&s, copy, len / 4, level);
		ve->depth--;
		if (n >= 0 || whole || vs->failed)
			break;
		whole = true;
		len = avail;
	}
	if (n < 0) {
		if (!vs->why)
			vs->why = s.why;
		vs->failed = true;
		return n;
	}
	wl->user_irqs += s.user_irqs;
	return n;
}

/*
 * A PPGTT batch: read through the context's shadow (what its tables map
 * now), audited as a non-privileged batch, and the audited bytes mapped
 * over the guest's at the same addresses in the context's view only.
 */
static int vx_ppgtt_batch(struct vx_scan *vs, u64 va, enum mgvt_scan_level level)
{
	struct mgvt_vexec_engine *ve = vs->ve;
	struct mgvt_vwl *wl = vs->wl;
	struct mgvt_pt_tree *t = &ve->vgpu->ppgtt.tree;
	u32 *copy = ve->bbuf[ve->depth];
	u64 t0;
	int n, ret;

	if (!wl->ppgtt) {
		vs->why = "PPGTT batch in a context without a PPGTT";
		vs->failed = true;
		return -EACCES;
	}
	if (va % 4 || va >> 48) {
		vs->why = "PPGTT batch address not valid";
		vs->failed = true;
		return -EACCES;
	}
	n = copy_scan(vs, va, level, true, min_t(u64, BATCH_MAX, BIT_ULL(48) - va),
		      copy);
	if (n < 0)
		return n;
	t0 = ktime_get_ns();
	t->why = NULL;
	ret = mgvt_pt_view_overlay(&wl->vctx->view, va, copy, (size_t)n * 4, wl->vseq);
	ve->copy_ns += ktime_get_ns() - t0;
	if (ret) {
		vs->why = t->why ?: "PPGTT batch not mapped";
		vs->busy = ret == -EBUSY;
		vs->failed = true;
		return ret;
	}
	ve->stat[MGVT_VX_PPGTT_BATCHES]++;
	return 0;
}

static int vx_batch(void *priv, u64 gm, enum mgvt_scan_level level,
		    bool ppgtt, u64 *shadow)
{
	struct vx_scan *vs = priv;
	struct mgvt_vexec_engine *ve = vs->ve;
	struct mgvt_vwl *wl = vs->wl;
	struct mgvt_gm_buf *buf;
	unsigned int i;
	u32 *copy;
	u64 t;
	int n;

	for (i = 0; i < wl->nbatch; i++)
		if (wl->batch_gm[i] == gm && wl->batch_level[i] == level &&
		    wl->batch_ppgtt[i] == ppgtt) {
			*shadow = ppgtt ? gm : wl->batch[i]->gm;
			return 0;
		}
	if (wl->nbatch == MGVT_WL_BATCHES) {
		vs->why = "more than 16 batches in one workload";
		vs->failed = true;
		return -E2BIG;
	}
	if (ve->depth == ARRAY_SIZE(ve->bbuf)) {
		vs->why = "batches nested or chained more than 4 deep";
		vs->failed = true;
		return -ELOOP;
	}
	if (ppgtt) {
		i = wl->nbatch++;
		wl->batch[i] = NULL;
		wl->batch_gm[i] = gm;
		wl->batch_level[i] = level;
		wl->batch_ppgtt[i] = true;
		*shadow = gm;
		return vx_ppgtt_batch(vs, gm, level);
	}
	if (gm % 4 || !mgvt_gm_in_slices(&ve->vgpu->slice, gm, 4)) {
		vs->why = "GGTT batch outside the vGPU's GM";
		vs->failed = true;
		return -EACCES;
	}
	buf = batch_get(ve);
	if (!buf) {
		vs->why = "no host GM for a shadow batch";
		vs->failed = true;
		return -ENOMEM;
	}
	i = wl->nbatch++;
	wl->batch[i] = buf;
	wl->batch_gm[i] = gm;
	wl->batch_level[i] = level;
	wl->batch_ppgtt[i] = false;

	/*
	 * A batch this one starts is copied once whatever the retries: it is
	 * found again in @wl->batch.
	 */
	copy = ve->bbuf[ve->depth];
	n = copy_scan(vs, gm, level, false,
		      min_t(u64, BATCH_MAX, slice_left(&ve->vgpu->slice, gm)), copy);
	if (n < 0)
		return n;
	t = ktime_get_ns();
	mgvt_gm_buf_write(buf, 0, copy, (size_t)n * 4);
	ve->copy_ns += ktime_get_ns() - t;
	*shadow = buf->gm;
	ve->stat[MGVT_VX_BATCHES]++;
	return 0;
}

/* Ring context registers at their Gen9 places: dword index, register. */
static const struct {
	u16 dw;
	u16 reg;
} ring_ctx[] = {
	{ LRC_CTX_CONTROL, RING_CONTEXT_CONTROL },
	{ LRC_RING_HEAD, RING_HEAD },
	{ LRC_RING_TAIL, RING_TAIL },
	{ LRC_RING_START, RING_START },
	{ LRC_RING_CTL, RING_CTL },
	{ LRC_BB_ADDR_UDW, RING_BB_ADDR_UDW },
	{ LRC_BB_ADDR, RING_BB_ADDR },
	{ LRC_BB_STATE, RING_BB_STATE },
	{ LRC_SBB_ADDR_UDW, RING_SBB_ADDR_UDW },
	{ LRC_SBB_ADDR, RING_SBB_ADDR },
	{ LRC_SBB_STATE, RING_SBB_STATE },
	{ LRC_BB_PER_CTX_PTR, RING_BB_PER_CTX_PTR },
	{ LRC_INDIRECT_CTX, RING_INDIRECT_CTX },
	{ LRC_INDIRECT_CTX_OFFSET, RING_INDIRECT_CTX_OFFSET },
	{ LRC_CTX_TIMESTAMP, RING_CTX_TIMESTAMP },
	{ LRC_PDP_UDW(3), RING_PDP_UDW(3) },
	{ LRC_PDP_LDW(3), RING_PDP_LDW(3) },
	{ LRC_PDP_UDW(2), RING_PDP_UDW(2) },
	{ LRC_PDP_LDW(2), RING_PDP_LDW(2) },
	{ LRC_PDP_UDW(1), RING_PDP_UDW(1) },
	{ LRC_PDP_LDW(1), RING_PDP_LDW(1) },
	{ LRC_PDP_UDW(0), RING_PDP_UDW(0) },
	{ LRC_PDP_LDW(0), RING_PDP_LDW(0) },
};

/* Whether @img's ring context has the Gen9 layout: NOP, LRI(14), LRI(9). */
static bool ring_ctx_layout_ok(unsigned int e, const u32 *img)
{
	u32 base = gen9_engine_base(e);
	unsigned int i;

	if (img[0] != MI_NOOP ||
	    (img[LRC_LRI0] & ~LRI_POSTED) != MI_LRI(14) ||
	    (img[LRC_LRI1] & ~LRI_POSTED) != MI_LRI(9))
		return false;
	for (i = 0; i < ARRAY_SIZE(ring_ctx); i++)
		if (img[ring_ctx[i].dw - 1] != base + ring_ctx[i].reg)
			return false;
	return true;
}

static bool inhibited(u32 ctx_control)
{
	return (ctx_control & CTX_RESTORE_INHIBIT) &&
	       (ctx_control & (CTX_RESTORE_INHIBIT << 16));
}

/*
 * A full restore: read and audit the guest's register state page into
 * ve->img and take the guest ring's place from it.  Return 0, or a
 * negative errno with @why.
 */
static int read_full(struct mgvt_vexec_engine *ve, struct mgvt_vctx *vctx,
		     struct mgvt_vwl *wl, const char **why)
{
	struct mgvt_vgpu *vgpu = ve_vgpu(ve);
	u64 lrca = wl->desc & CTX_DESC_LRCA;
	u32 *img = ve->img;
	u32 ctl, size;
	u64 t;
	int ret;

	mgvt_ggtt_gm_read(vgpu, lrca + LRC_STATE_OFFSET, img, PAGE_SIZE);
	if (!ring_ctx_layout_ok(ve->id, img)) {
		*why = "ring context not in the Gen9 layout";
		return -EACCES;
	}
	t = ktime_get_ns();
	ret = mgvt_scan_image(ve->id, img, PAGE_SIZE / 4, why);
	ve->stat[MGVT_VX_NS_AUDIT] += ktime_get_ns() - t;
	if (ret)
		return ret;
	if (img[LRC_BB_PER_CTX_PTR] & 1) {
		*why = "per-context batch (Gen9 has none)";
		return -EACCES;
	}
	ctl = img[LRC_RING_CTL];
	size = (FIELD_GET(RING_CTL_SIZE, ctl) + 1) * PAGE_SIZE;
	if (!(ctl & RING_CTL_VALID) || img[LRC_RING_START] % PAGE_SIZE ||
	    !mgvt_gm_in_slices(&vgpu->slice, img[LRC_RING_START], size)) {
		*why = "ring outside the vGPU's GM or not valid";
		return -EACCES;
	}
	vctx->ring_gm = img[LRC_RING_START];
	vctx->ring_size = size;
	wl->guest_head = img[LRC_RING_HEAD] & RING_HEAD_ADDR;
	vctx->guest_wrap = img[LRC_RING_HEAD] >> HEAD_WRAP_SHIFT;
	wl->full = true;
	wl->inhibit = inhibited(img[LRC_CTX_CONTROL]);
	return 0;
}

/*
 * The shadow PPGTT of a workload: on a full restore its context's view
 * takes the guest's root from PDP0 (0: a GGTT-only context); then the
 * root's tables are compared with the guest's and the view refreshed,
 * dropping the batch copies of its context's workloads that ended.
 */
static int ppgtt_prepare(struct mgvt_vexec_engine *ve, struct mgvt_vctx *vctx,
			 struct mgvt_vwl *wl, const char **why)
{
	struct mgvt_ppgtt *pp = &ve->vgpu->ppgtt;
	struct mgvt_pt_tree *t = &pp->tree;
	struct mgvt_pt_node *root;
	struct mgvt_vwl *first;
	u64 gpa;
	int ret;

	if (wl->full) {
		gpa = (u64)ve->img[LRC_PDP_UDW(0)] << 32 | ve->img[LRC_PDP_LDW(0)];
		if (!gpa) {
			if (vctx->has_view)
				mgvt_pt_view_set_root(&vctx->view, NULL);
			return 0;
		}
		if (!vctx->has_view) {
			if (mgvt_pt_view_init(&vctx->view, t)) {
				*why = "out of memory for shadow page tables";
				return -ENOMEM;
			}
			vctx->has_view = true;
		}
		root = vctx->view.root;
		if (!root || root->gfn << PAGE_SHIFT != gpa) {
			t->why = NULL;
			root = mgvt_pt_root_get(t, gpa);
			if (!root) {
				pp->failed++;
				*why = t->why;
				return -EACCES;
			}
			mgvt_pt_view_set_root(&vctx->view, root);
		}
	}
	if (!vctx->has_view || !vctx->view.root)
		return 0;
	wl->ppgtt = true;
	ret = mgvt_pt_validate(t, vctx->view.root);
	if (!ret) {
		first = list_first_entry_or_null(&vctx->wls, struct mgvt_vwl, link);
		ret = mgvt_pt_view_sync(&vctx->view,
					(first ? first->vseq : wl->vseq) - 1);
	}
	if (ret) {
		pp->failed++;
		*why = t->why ?: "shadow PPGTT";
	}
	return ret;
}

/* A top-level scan, its time counted as audit but for the batch copies. */
static int timed_scan(struct mgvt_vexec_engine *ve, struct mgvt_scan *s,
		      u32 *buf, size_t n, enum mgvt_scan_level level)
{
	u64 t = ktime_get_ns();
	int ret;

	ve->copy_ns = 0;
	ret = mgvt_scan_buf(s, buf, n, level);
	ve->stat[MGVT_VX_NS_AUDIT] += ktime_get_ns() - t - ve->copy_ns;
	return ret;
}

/* The RCS indirect-context batch: copied, audited, pointed to its copy. */
static int shadow_wa(struct mgvt_vexec_engine *ve, struct mgvt_vctx *vctx,
		     struct vx_scan *vs, const char **why)
{
	u32 ind = ve->img[LRC_INDIRECT_CTX];
	u64 gm = ind & INDIRECT_CTX_ADDR;
	size_t len = FIELD_GET(INDIRECT_CTX_SIZE, ind) * 64;
	struct mgvt_scan s = {
		.engine = ve->id, .cb = &vx_scan_ops, .priv = vs,
	};
	u32 *copy = ve->bbuf[0];
	int ret;

	if (ve->id != 0 || !len) {
		ve->img[LRC_INDIRECT_CTX] = 0;
		return 0;
	}
	if (!mgvt_gm_in_slices(&ve->vgpu->slice, gm, len)) {
		*why = "indirect-context batch outside the vGPU's GM";
		return -EACCES;
	}
	mgvt_ggtt_gm_read(ve->vgpu, gm, copy, len);
	ret = timed_scan(ve, &s, copy, len / 4, MGVT_SCAN_WA);
	if (ret < 0) {
		*why = s.why;
		return ret;
	}
	mgvt_gm_buf_write(&vctx->buf, wa_off(ve->id), copy, len);
	ve->img[LRC_INDIRECT_CTX] = (u32)mgvt_gm_buf_addr(&vctx->buf, wa_off(ve->id)) |
				    FIELD_GET(INDIRECT_CTX_SIZE, ind);
	return 0;
}

/* The shadow image of a full restore, from ve->img and the guest image. */
static void write_image(struct mgvt_vexec_engine *ve, struct mgvt_vctx *vctx,
			struct mgvt_vwl *wl)
{
	struct mgvt_vgpu *vgpu = ve_vgpu(ve);
	u64 lrca = wl->desc & CTX_DESC_LRCA;
	u32 *img = ve->img;
	unsigned int p, i;
	void *page = ve->bbuf[1];

	img[LRC_RING_HEAD] = wl->shadow_start;
	img[LRC_RING_TAIL] = wl->shadow_start;
	img[LRC_RING_START] = mgvt_gm_buf_addr(&vctx->buf, ring_off(ve->id));
	img[LRC_RING_CTL] = (SHADOW_RING_SIZE - PAGE_SIZE) | RING_CTL_VALID;
	img[LRC_BB_ADDR_UDW] = 0;
	img[LRC_BB_ADDR] = 0;
	img[LRC_BB_STATE] = 0;
	img[LRC_SBB_ADDR_UDW] = 0;
	img[LRC_SBB_ADDR] = 0;
	img[LRC_SBB_STATE] = 0;
	img[LRC_BB_PER_CTX_PTR] = 0;
	for (i = 0; i < 4; i++) {
		img[LRC_PDP_UDW(i)] = 0;
		img[LRC_PDP_LDW(i)] = 0;
	}
	if (wl->ppgtt) {
		img[LRC_PDP_UDW(0)] = upper_32_bits(vctx->view.top.dma);
		img[LRC_PDP_LDW(0)] = lower_32_bits(vctx->view.top.dma);
	}
	mgvt_gm_buf_write(&vctx->buf, LRC_STATE_OFFSET, img, PAGE_SIZE);

	/* The per-process status page, and RCS engine state unless inhibit. */
	for (p = 0; p < ctx_pages(ve->id); p++) {
		if (p == 1 || (p > 1 && inhibited(img[LRC_CTX_CONTROL])))
			continue;
		mgvt_ggtt_gm_read(vgpu, lrca + p * PAGE_SIZE, page, PAGE_SIZE);
		mgvt_gm_buf_write(&vctx->buf, p * PAGE_SIZE, page, PAGE_SIZE);
	}
}

/* Shadow ring bytes the requests of @vctx still hold. */
static u32 ring_used(struct mgvt_vctx *vctx)
{
	struct mgvt_vwl *first;

	first = list_first_entry_or_null(&vctx->wls, struct mgvt_vwl, link);
	if (!first)
		return 0;
	return (vctx->pos - first->shadow_start) % SHADOW_RING_SIZE;
}

/*
 * Build the workload of one element.  Return 0 with *@out set (a workload
 * that failed the audit has status and why set and runs nothing), or
 * -EAGAIN when it must wait for a shadow context or shadow ring space.
 */
static int build(struct mgvt_vexec_engine *ve, u64 desc, struct mgvt_vwl *prev,
		 struct mgvt_vctx *not, struct mgvt_vwl **out)
{
	struct mgvt_vgpu *vgpu = ve_vgpu(ve);
	struct vx_scan vs = { .ve = ve };
	struct mgvt_scan s = {
		.engine = ve->id, .cb = &vx_scan_ops, .priv = &vs,
	};
	struct mgvt_vctx *vctx;
	struct mgvt_vwl *wl;
	const char *why = NULL;
	u32 tail, len, plen, pos;
	int ret = 0;

	if (prev) {
		vctx = prev->vctx;
	} else {
		vctx = pick_vctx(ve, desc & CTX_DESC_LRCA, not);
		if (!vctx)
			return -EAGAIN;
	}
	wl = kzalloc(sizeof(*wl), GFP_KERNEL);
	if (!wl)
		return -EAGAIN;
	wl->desc = desc;
	wl->elem = true;
	wl->vctx = vctx;
	wl->vseq = ++vctx->built;
	vs.wl = wl;
	*out = wl;

	if (ensure_bufs(ve) || (!vctx->ready && vctx_setup(ve, vctx))) {
		wl->status = -ENOMEM;
		wl->why = "out of memory or host GM";
		return 0;
	}
	if (!prev) {
		vctx->lrca = desc & CTX_DESC_LRCA;
		vctx->err = 0;
	}
	vctx->last_use = jiffies;

	mutex_lock(&vgpu->ggtt.lock);
	if (prev) {
		wl->guest_head = vctx->guest_tail;
		tail = 0;
		mgvt_ggtt_gm_read(vgpu, (desc & CTX_DESC_LRCA) + LRC_STATE_OFFSET +
				  LRC_RING_TAIL * 4, &tail, 4);
	} else {
		ret = read_full(ve, vctx, wl, &why);
		tail = ve->img[LRC_RING_TAIL];
	}
	if (!ret)
		ret = ppgtt_prepare(ve, vctx, wl, &why);
	if (ret)
		goto fail;
	s.ppgtt = wl->ppgtt;
	tail &= RING_TAIL_ADDR;
	if (tail >= vctx->ring_size || wl->guest_head >= vctx->ring_size) {
		why = "ring head or tail past the ring's end";
		ret = -EACCES;
		goto fail;
	}
	len = (tail - wl->guest_head + vctx->ring_size) % vctx->ring_size;
	if (len > MAX_RQ_BYTES) {
		why = "more than 32 KiB of commands in one element";
		ret = -E2BIG;
		goto fail;
	}
	plen = ALIGN(len, 8);
	if (plen && plen + 8 > SHADOW_RING_SIZE - ring_used(vctx)) {
		mutex_unlock(&vgpu->ggtt.lock);
		*out = NULL;
		kfree(wl);
		return -EAGAIN;
	}
	wl->guest_tail = tail;
	wl->head_val = tail | (vctx->guest_wrap +
			       (wl->guest_head + len >= vctx->ring_size)) <<
			      HEAD_WRAP_SHIFT;

	/* The new commands, copied, then audited. */
	if (wl->guest_head + len > vctx->ring_size) {
		u32 first = vctx->ring_size - wl->guest_head;

		mgvt_ggtt_gm_read(vgpu, vctx->ring_gm + wl->guest_head, ve->ring, first);
		mgvt_ggtt_gm_read(vgpu, vctx->ring_gm, (u8 *)ve->ring + first,
				  len - first);
	} else {
		mgvt_ggtt_gm_read(vgpu, vctx->ring_gm + wl->guest_head, ve->ring, len);
	}
	if (plen != len)
		ve->ring[len / 4] = MI_NOOP;
	ret = timed_scan(ve, &s, ve->ring, len / 4, MGVT_SCAN_RING);
	wl->user_irqs += s.user_irqs;
	if (ret < 0 && vs.busy) {
		/* A batch page a running workload audited: wait for it. */
		mutex_unlock(&vgpu->ggtt.lock);
		wl_drop_batches(ve, wl);
		*out = NULL;
		kfree(wl);
		return -EAGAIN;
	}
	if (ret < 0) {
		why = vs.why ? vs.why : s.why;
		goto fail;
	}
	ret = 0;
	pos = vctx->pos;
	wl->shadow_start = pos;
	if (wl->full) {
		ret = shadow_wa(ve, vctx, &vs, &why);
		if (ret)
			goto fail;
		write_image(ve, vctx, wl);
	}
	mutex_unlock(&vgpu->ggtt.lock);

	if (pos + plen > SHADOW_RING_SIZE) {
		u32 first = SHADOW_RING_SIZE - pos;

		mgvt_gm_buf_write(&vctx->buf, ring_off(ve->id) + pos, ve->ring, first);
		mgvt_gm_buf_write(&vctx->buf, ring_off(ve->id), (u8 *)ve->ring + first,
				  plen - first);
	} else if (plen) {
		mgvt_gm_buf_write(&vctx->buf, ring_off(ve->id) + pos, ve->ring, plen);
	}
	if (plen) {
		wl->has_rq = true;
		wl->rq.ctx = &vctx->ectx;
		wl->rq.tail = (pos + plen) % SHADOW_RING_SIZE;
		wl->rq.priv = wl;
	}
	return 0;

fail:
	mutex_unlock(&vgpu->ggtt.lock);
	wl_drop_batches(ve, wl);
	wl->status = ret;
	wl->why = why ? why : "refused";
	return 0;
}

/* ---- what the guest sees ------------------------------------------------ */

/* The guest context image gets what hardware saves at the end of @wl. */
static void write_back(struct mgvt_vexec_engine *ve, struct mgvt_vwl *wl)
{
	struct mgvt_vgpu *vgpu = ve_vgpu(ve);
	struct mgvt_vctx *vctx = wl->vctx;
	u64 lrca = wl->desc & CTX_DESC_LRCA;
	u32 *page = ve->bbuf[1];
	unsigned int p;

	lockdep_assert_held(&vgpu->ggtt.lock);
	for (p = 0; p < ctx_pages(ve->id); p++) {
		if (p == 1)
			continue;
		mgvt_gm_buf_read(&vctx->buf, p * PAGE_SIZE, page, PAGE_SIZE);
		mgvt_ggtt_gm_write(vgpu, lrca + p * PAGE_SIZE, page, PAGE_SIZE);
	}
	mgvt_gm_buf_read(&vctx->buf, LRC_STATE_OFFSET, page, PAGE_SIZE);
	mgvt_ggtt_gm_write(vgpu, lrca + LRC_STATE_OFFSET + LRC_END * 4,
			   page + LRC_END, PAGE_SIZE - LRC_END * 4);
	mgvt_ggtt_gm_write(vgpu, lrca + LRC_STATE_OFFSET + LRC_CTX_TIMESTAMP * 4,
			   &page[LRC_CTX_TIMESTAMP], 4);
	mgvt_ggtt_gm_write(vgpu, lrca + LRC_STATE_OFFSET + LRC_RING_HEAD * 4,
			   &wl->head_val, 4);
}

/* One CSB entry: the MMIO mirror, then the guest status page. */
static void csb_event(struct mgvt_vexec_engine *ve, u32 status, u32 ctx_id)
{
	struct mgvt_vgpu *vgpu = ve_vgpu(ve);
	u32 *ptr = vreg(ve, RING_CSB_PTR);
	u32 hws = *vreg(ve, RING_HWS_PGA);
	u32 wp = FIELD_GET(CSB_PTR_WRITE, *ptr);
	u32 entry[2] = { status, ctx_id };

	wp = wp >= CSB_ENTRIES - 1 ? 0 : wp + 1;
	*vreg(ve, RING_CSB(wp)) = status;
	*vreg(ve, RING_CSB(wp) + 4) = ctx_id;
	*ptr = (*ptr & ~CSB_PTR_WRITE) | wp;
	if (!hws || !mgvt_gm_in_slices(&vgpu->slice, hws, PAGE_SIZE))
		return;
	mgvt_ggtt_gm_write(vgpu, hws + HWSP_CSB * 4 + wp * 8, entry, 8);
	mgvt_ggtt_gm_write(vgpu, hws + HWSP_CSB_WRITE * 4, &wp, 4);
}

/* Engine registers as the guest reads them, from the active elements. */
static void show_engine(struct mgvt_vexec_engine *ve)
{
	struct mgvt_vwl *a = ve->active[0];

	ve->vgpu->vel.engine[ve->id].busy = a && !ve->halted;
	if (!a)
		return;
	*vreg(ve, RING_EXECLIST_STATUS_HI) = upper_32_bits(a->desc);
	*vreg(ve, RING_HEAD) = a->guest_head;
	*vreg(ve, RING_TAIL) = a->guest_tail;
	*vreg(ve, RING_ACTHD) = lower_32_bits(a->vctx->ring_gm) + a->guest_head;
}

/*
 * Everything the guest sees of one step, under the GGTT lock then the vGPU
 * lock, and only if no reset happened since @ve->gen: the image written
 * back (@wb), a CSB entry (@status with @ctx_id, 0: none), the engine's
 * registers, and the interrupt @irq.
 */
static void publish(struct mgvt_vexec_engine *ve, struct mgvt_vwl *wb,
		    u32 status, u32 ctx_id, u32 irq)
{
	struct mgvt_vgpu *vgpu = ve_vgpu(ve);

	mutex_lock(&vgpu->ggtt.lock);
	mutex_lock(&vgpu->lock);
	if (vgpu->vx.gen[ve->id] == ve->gen) {
		if (wb)
			write_back(ve, wb);
		if (status)
			csb_event(ve, status, ctx_id);
		show_engine(ve);
		if (irq)
			mgvt_virq_event(vgpu, ve->id, irq);
	}
	mutex_unlock(&vgpu->lock);
	mutex_unlock(&vgpu->ggtt.lock);
}

static const char *fail_reason(struct mgvt_vexec_engine *ve, struct mgvt_vwl *wl,
			       int status)
{
	if (wl->why) {
		ve->stat[MGVT_VX_AUDIT]++;
		return wl->why;
	}
	switch (status) {
	case -EIO:
		ve->stat[MGVT_VX_FAULT]++;
		return "engine error on the pGPU";
	case -ETIMEDOUT:
		ve->stat[MGVT_VX_TIMEOUT]++;
		return "ran over its budget";
	default:
		ve->stat[MGVT_VX_CANCELED]++;
		return "canceled";
	}
}

/* Element 0 failed: the guest sees an engine error and resets the engine. */
static void fail_element(struct mgvt_vexec_engine *ve, struct mgvt_vwl *wl)
{
	struct mgvt_vgpu *vgpu = ve_vgpu(ve);
	int status = wl->status ? wl->status : wl->vctx->err;
	u32 eir = ERR_INSTRUCTION;

	const char *why = fail_reason(ve, wl, status);

	if (wl->has_rq && wl->rq.status == -EIO && wl->rq.error.eir)
		eir = wl->rq.error.eir;
	/* (The counters first: a rate-limited line may not evaluate them.) */
	vgpu_warn_rl(vgpu, "%s: workload of context %#llx failed (%d): %s\n",
		     gen9_engine_name(ve->id), wl->desc & CTX_DESC_LRCA, status,
		     why);
	trace_mgvt_workload_fail(vgpu, ve->id, wl->desc, status, why);
	ve->halted = true;
	mutex_lock(&vgpu->ggtt.lock);
	mutex_lock(&vgpu->lock);
	if (vgpu->vx.gen[ve->id] == ve->gen) {
		WRITE_ONCE(ve->failure, why);
		*vreg(ve, RING_EIR) |= eir;
		*vreg(ve, RING_ESR) |= eir;
		show_engine(ve);
		mgvt_virq_event(vgpu, ve->id, GT_CS_ERROR);
	}
	mutex_unlock(&vgpu->lock);
	mutex_unlock(&vgpu->ggtt.lock);
}

/* ---- the work item ------------------------------------------------------ */

/* Requests that ended: their workloads learn it; user interrupts. */
static bool reap(struct mgvt_vexec_engine *ve)
{
	struct mgvt_vwl *wl, *tmp;
	unsigned int irqs = 0;
	LIST_HEAD(ended);

	spin_lock(&ve->slock);
	list_splice_init(&ve->ended, &ended);
	spin_unlock(&ve->slock);
	if (list_empty(&ended))
		return false;
	list_for_each_entry_safe(wl, tmp, &ended, end_link) {
		list_del(&wl->end_link);
		list_del(&wl->link);
		wl->rq_ended = true;
		if (wl->rq.status) {
			if (!wl->status)
				wl->status = wl->rq.status;
			wl->vctx->err = wl->rq.status;
		} else {
			irqs += wl->user_irqs;
		}
		wl_release(ve, wl);
	}
	if (irqs)
		publish(ve, NULL, 0, 0, GT_USER_INTERRUPT);
	mgvt_ggtt_settle(ve->vgpu);
	return true;
}

/* A reset happened: forget the elements; what still runs ends unseen. */
static bool sync_gen(struct mgvt_vexec_engine *ve)
{
	struct mgvt_vgpu *vgpu = ve_vgpu(ve);
	unsigned int i;
	u64 gen;

	mutex_lock(&vgpu->lock);
	gen = vgpu->vx.gen[ve->id];
	mutex_unlock(&vgpu->lock);
	if (gen == ve->gen)
		return false;
	for (i = 0; i < 2; i++) {
		struct mgvt_vwl *wl = ve->active[i];

		ve->active[i] = NULL;
		if (wl) {
			wl->elem = false;
			wl_release(ve, wl);
		}
	}
	ve->has_held = false;
	ve->halted = false;
	ve->gen = gen;
	ve->stat[MGVT_VX_RESETS]++;
	return true;
}

/* Element 0 ended: its CSB entry, or an engine error. */
static bool end_element(struct mgvt_vexec_engine *ve)
{
	struct mgvt_vwl *wl = ve->active[0];
	struct mgvt_vwl *next = ve->active[1];
	u32 status = CSB_COMPLETE | (next ? CSB_ELEMENT_SWITCH : CSB_ACTIVE_IDLE);
	u64 t;

	if (!wl || ve->halted)
		return false;
	if (wl->has_rq ? !wl->rq_ended : !list_empty(&wl->vctx->wls))
		return false;
	if (wl->status || wl->vctx->err) {
		fail_element(ve, wl);
		return true;
	}
	ve->active[0] = next;
	ve->active[1] = NULL;
	t = ktime_get_ns();
	publish(ve, wl->has_rq ? wl : NULL, status, upper_32_bits(wl->desc),
		GT_CONTEXT_SWITCH);
	ve->stat[MGVT_VX_NS_WRITEBACK] += ktime_get_ns() - t;
	trace_mgvt_workload_complete(ve->vgpu, ve->id, wl->desc);
	ve->stat[MGVT_VX_COMPLETED]++;
	wl->elem = false;
	wl_release(ve, wl);
	return true;
}

static void discard(struct mgvt_vexec_engine *ve, struct mgvt_vwl *wl)
{
	if (!wl)
		return;
	wl->elem = false;
	wl_drop_batches(ve, wl);
	kfree(wl);
}

/* Hand @w's request to the engine owner (vGPU lock held). */
static void submit_rq(struct mgvt_vexec_engine *ve, struct mgvt_vwl *w)
{
	struct mgvt_vctx *vctx = w->vctx;
	int ret;

	lockdep_assert_held(&ve->vgpu->lock);
	vctx->pos = w->rq.tail;
	vctx->guest_tail = w->guest_tail;
	vctx->guest_wrap = w->head_val >> HEAD_WRAP_SHIFT;
	list_add_tail(&w->link, &vctx->wls);
	if (w->full && vctx->ectx.errored)
		mgvt_engine_ctx_reset(&vctx->ectx);
	w->seq = ++ve->vgpu->vx.issued;
	spin_lock(&ve->slock);
	list_add_tail(&w->out_link, &ve->outstanding);
	spin_unlock(&ve->slock);
	ret = mgvt_engine_submit(&w->rq);
	ve->stat[MGVT_VX_REQUESTS]++;
	if (ret) {
		/* It never reached the engine: it ended, failed. */
		w->rq.status = ret;
		spin_lock(&ve->slock);
		list_del(&w->out_link);
		list_add_tail(&w->end_link, &ve->ended);
		if (!--ve->busy)
			wake_up(&ve->idle_wq);
		spin_unlock(&ve->slock);
	}
}

/* Take the next submission if the virtual engine can. */
static bool take_submission(struct mgvt_vexec_engine *ve)
{
	struct mgvt_vgpu *vgpu = ve_vgpu(ve);
	struct mgvt_vwl *a0 = ve->active[0], *wl[2] = { NULL, NULL };
	bool lite, stale;
	unsigned int i, n = 0;
	u64 t, audit;
	u32 status;
	int ret;

	if (ve->halted || (a0 && ve->active[1]))
		return false;
	if (!ve->has_held) {
		mutex_lock(&vgpu->lock);
		ve->has_held = vgpu->vx.gen[ve->id] == ve->gen &&
			       mgvt_vexeclist_pop(vgpu, ve->id, ve->held);
		mutex_unlock(&vgpu->lock);
		if (!ve->has_held)
			return false;
	}
	lite = a0 && ((ve->held[0] ^ a0->desc) & CTX_DESC_LRCA) == 0;
	if (a0 && !lite)
		return false;	/* no preemption: wait until the engine idles */

	t = ktime_get_ns();
	audit = ve->stat[MGVT_VX_NS_AUDIT];
	ret = build(ve, ve->held[0], lite ? a0 : NULL, NULL, &wl[0]);
	if (!ret && ve->held[1]) {
		ret = build(ve, ve->held[1], NULL, wl[0]->vctx, &wl[1]);
		if (ret)
			discard(ve, wl[0]);
	}
	ve->stat[MGVT_VX_NS_SHADOW] += ktime_get_ns() - t -
				       (ve->stat[MGVT_VX_NS_AUDIT] - audit);
	if (ret)
		return false;
	ve->has_held = false;

	/* Promote, then hand the requests over. */
	mutex_lock(&vgpu->ggtt.lock);
	mutex_lock(&vgpu->lock);
	stale = vgpu->vx.gen[ve->id] != ve->gen;
	if (!stale) {
		for (i = 0; i < 2; i++)
			if (wl[i] && wl[i]->has_rq)
				n++;
		spin_lock(&ve->slock);
		ve->busy += n;
		spin_unlock(&ve->slock);
		if (lite) {
			a0->elem = false;
			status = CSB_PREEMPTED | CSB_LITE_RESTORE;
		} else {
			status = CSB_IDLE_ACTIVE;
		}
		ve->active[0] = wl[0];
		ve->active[1] = wl[1];
		csb_event(ve, status, lite ? upper_32_bits(a0->desc) : 0);
		show_engine(ve);
		mgvt_virq_event(vgpu, ve->id, GT_CONTEXT_SWITCH);
		/*
		 * Under the vGPU lock, so that a reset either finds the
		 * requests with the engine owner (and cancels them) or makes
		 * this submission stale.
		 */
		for (i = 0; i < 2; i++)
			if (wl[i] && wl[i]->has_rq)
				submit_rq(ve, wl[i]);
	}
	mutex_unlock(&vgpu->lock);
	mutex_unlock(&vgpu->ggtt.lock);
	if (stale) {
		discard(ve, wl[0]);
		discard(ve, wl[1]);
		return true;
	}
	if (lite)
		wl_release(ve, a0);
	for (i = 0; i < 2; i++) {
		if (!wl[i])
			continue;
		ve->stat[MGVT_VX_ELEMENTS]++;
		if (i == 0 && lite)
			ve->stat[MGVT_VX_LITE]++;
		else if (wl[i]->inhibit)
			ve->stat[MGVT_VX_INHIBIT]++;
		trace_mgvt_workload_submit(vgpu, ve->id, wl[i]->desc, i == 0 && lite,
					   wl[i]->has_rq ? (wl[i]->rq.tail - wl[i]->shadow_start) %
					   SHADOW_RING_SIZE : 0, wl[i]->nbatch,
					   wl[i]->status);
	}
	return true;
}

static void vexec_work(struct work_struct *work)
{
	struct mgvt_vexec_engine *ve =
		container_of(work, struct mgvt_vexec_engine, work);
	bool progress;

	mutex_lock(&ve->lock);
	do {
		progress = reap(ve);
		progress |= sync_gen(ve);
		progress |= end_element(ve);
		progress |= take_submission(ve);
	} while (progress);
	mutex_unlock(&ve->lock);
}

/* ---- hooks of the traps, life cycle ------------------------------------- */

static void vexec_kick(struct mgvt_vgpu *vgpu, unsigned int e)
{
	queue_work(system_unbound_wq, &vgpu->vx.engine[e].work);
}

/*
 * Every request of the engine's shadow contexts fails now, running ones
 * by an engine reset (vGPU lock held: no new one is submitted meanwhile).
 */
static void cancel_engine(struct mgvt_vexec_engine *ve)
{
	struct mgvt_engine_ctx *ctxs[MGVT_VCTX_SLOTS];
	unsigned int i, n = 0;

	lockdep_assert_held(&ve->vgpu->lock);
	for (i = 0; i < MGVT_VCTX_SLOTS; i++)
		/* Pairs with vctx_setup(), which the work item runs unlocked. */
		if (smp_load_acquire(&ve->ctx[i].ready))
			ctxs[n++] = &ve->ctx[i].ectx;
	mgvt_engine_ctx_cancel(ctxs, n);
}

static void vexec_reset(struct mgvt_vgpu *vgpu, unsigned int engines)
{
	unsigned int e;

	lockdep_assert_held(&vgpu->lock);
	for (e = 0; e < MGVT_NUM_ENGINES; e++)
		if (engines & BIT(e)) {
			vgpu->vx.gen[e]++;
			WRITE_ONCE(vgpu->vx.engine[e].failure, NULL);
			cancel_engine(&vgpu->vx.engine[e]);
			queue_work(system_unbound_wq, &vgpu->vx.engine[e].work);
		}
	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		struct mgvt_vexec_engine *ve = &vgpu->vx.engine[e];

		if (!(engines & BIT(e)))
			continue;
		if (!wait_event_timeout(ve->idle_wq, ve_idle(ve),
					msecs_to_jiffies(RESET_WAIT_MS)))
			vgpu_warn_rl(vgpu, "%s: reset: work still on the pGPU after %u ms\n",
				     gen9_engine_name(e), RESET_WAIT_MS);
	}
}

/* Wait until the engine owners hold no request of the vGPU (GGTT lock held). */
static void vexec_drain(struct mgvt_vgpu *vgpu)
{
	unsigned int e;

	lockdep_assert_held(&vgpu->ggtt.lock);
	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		struct mgvt_vexec_engine *ve = &vgpu->vx.engine[e];

		while (!wait_event_timeout(ve->idle_wq, ve_idle(ve),
					   msecs_to_jiffies(RESET_WAIT_MS)))
			vgpu_warn_rl(vgpu, "%s: DMA unmap waits for work on the pGPU\n",
				     gen9_engine_name(e));
	}
}

/* 0 when no request of the vGPU is out, else the last one's number. */
static u64 vexec_epoch(struct mgvt_vgpu *vgpu)
{
	unsigned int e;

	lockdep_assert_held(&vgpu->ggtt.lock);
	for (e = 0; e < MGVT_NUM_ENGINES; e++)
		if (!ve_idle(&vgpu->vx.engine[e]))
			return vgpu->vx.issued;
	return 0;
}

/* Whether every request numbered up to @epoch has ended. */
static bool vexec_settled(struct mgvt_vgpu *vgpu, u64 epoch)
{
	bool settled = true;
	unsigned int e;

	for (e = 0; e < MGVT_NUM_ENGINES && settled; e++) {
		struct mgvt_vexec_engine *ve = &vgpu->vx.engine[e];
		struct mgvt_vwl *oldest;

		spin_lock(&ve->slock);
		oldest = list_first_entry_or_null(&ve->outstanding,
						  struct mgvt_vwl, out_link);
		settled = !oldest || oldest->seq > epoch;
		spin_unlock(&ve->slock);
	}
	return settled;
}

static const struct mgvt_ggtt_hooks vexec_ggtt_hooks = {
	.drain = vexec_drain,
	.epoch = vexec_epoch,
	.settled = vexec_settled,
};

static const struct mgvt_vexeclist_ops vexec_hooks = {
	.kick = vexec_kick,
	.reset = vexec_reset,
};

/**
 * mgvt_vexec_init - set up a new vGPU's virtual execlists
 * @vgpu: the vGPU, before its first guest access
 *
 * Buffers and shadow contexts are allocated at the first submission.
 */
void mgvt_vexec_init(struct mgvt_vgpu *vgpu)
{
	unsigned int e, i;

	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		struct mgvt_vexec_engine *ve = &vgpu->vx.engine[e];

		ve->vgpu = vgpu;
		ve->id = e;
		mutex_init(&ve->lock);
		INIT_WORK(&ve->work, vexec_work);
		spin_lock_init(&ve->slock);
		INIT_LIST_HEAD(&ve->ended);
		INIT_LIST_HEAD(&ve->outstanding);
		init_waitqueue_head(&ve->idle_wq);
		for (i = 0; i < MGVT_VCTX_SLOTS; i++) {
			ve->ctx[i].ve = ve;
			INIT_LIST_HEAD(&ve->ctx[i].wls);
		}
	}
	vgpu->vel.hooks = &vexec_hooks;
	vgpu->ggtt.hooks = &vexec_ggtt_hooks;
}

/**
 * mgvt_vexec_quiesce - device reset or close: drop every workload
 * @vgpu: the vGPU, no lock held
 *
 * Returns once the engine owners hold no request of the vGPU and no work
 * item of it runs, so its guest pages can be unpinned.
 */
void mgvt_vexec_quiesce(struct mgvt_vgpu *vgpu)
{
	unsigned int e;

	mutex_lock(&vgpu->lock);
	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		vgpu->vx.gen[e]++;
		WRITE_ONCE(vgpu->vx.engine[e].failure, NULL);
		cancel_engine(&vgpu->vx.engine[e]);
	}
	mutex_unlock(&vgpu->lock);
	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		struct mgvt_vexec_engine *ve = &vgpu->vx.engine[e];

		while (!wait_event_timeout(ve->idle_wq, ve_idle(ve),
					   msecs_to_jiffies(RESET_WAIT_MS)))
			vgpu_warn_rl(vgpu, "%s: waiting for its work to leave the pGPU\n",
				     gen9_engine_name(e));
		queue_work(system_unbound_wq, &ve->work);
		flush_work(&ve->work);
	}
	/* Nothing runs: the shadow contexts let go of their PPGTTs. */
	mutex_lock(&vgpu->ggtt.lock);
	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		struct mgvt_vexec_engine *ve = &vgpu->vx.engine[e];
		unsigned int i;

		for (i = 0; i < MGVT_VCTX_SLOTS; i++) {
			if (!ve->ctx[i].has_view)
				continue;
			mgvt_pt_view_fini(&ve->ctx[i].view);
			ve->ctx[i].has_view = false;
		}
	}
	mutex_unlock(&vgpu->ggtt.lock);
}

/**
 * mgvt_vexec_fini - free a vGPU's virtual execlists
 * @vgpu: the vGPU, closed: no guest access any more
 */
void mgvt_vexec_fini(struct mgvt_vgpu *vgpu)
{
	struct mgvt_hostgm *hg = &vgpu->pgpu->hostgm;
	unsigned int e, i;

	mgvt_vexec_quiesce(vgpu);
	vgpu->vel.hooks = NULL;
	mgvt_ggtt_settle(vgpu);
	mutex_lock(&vgpu->ggtt.lock);
	vgpu->ggtt.hooks = NULL;
	mutex_unlock(&vgpu->ggtt.lock);
	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		struct mgvt_vexec_engine *ve = &vgpu->vx.engine[e];

		cancel_work_sync(&ve->work);
		for (i = 0; i < MGVT_VCTX_SLOTS; i++) {
			struct mgvt_vctx *vctx = &ve->ctx[i];

			if (!vctx->ready)
				continue;
			mgvt_engine_ctx_fini(&vctx->ectx);
			mgvt_hostgm_free(hg, &vctx->buf);
			vctx->ready = false;
		}
		while (ve->nbpool) {
			struct mgvt_gm_buf *b = ve->bpool[--ve->nbpool];

			mgvt_hostgm_free(hg, b);
			kfree(b);
		}
		kvfree(ve->img);
		kvfree(ve->ring);
		for (i = 0; i < ARRAY_SIZE(ve->bbuf); i++)
			kvfree(ve->bbuf[i]);
		mutex_destroy(&ve->lock);
	}
}

/**
 * mgvt_vexec_failure - why an engine of the vGPU stopped, for operators
 * @vgpu: the vGPU
 * @engine: set to the engine's index
 *
 * Return: the reason its last workload failed while the engine waits for
 * the guest's reset, or NULL when every engine runs.  A snapshot.
 */
const char *mgvt_vexec_failure(struct mgvt_vgpu *vgpu, unsigned int *engine)
{
	unsigned int e;

	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		const char *why = READ_ONCE(vgpu->vx.engine[e].failure);

		if (why) {
			*engine = e;
			return why;
		}
	}
	return NULL;
}

static const char *const stat_names[MGVT_VX_COUNT] = {
	[MGVT_VX_ELEMENTS] = "elements",
	[MGVT_VX_LITE] = "lite_restores",
	[MGVT_VX_INHIBIT] = "restore_inhibit",
	[MGVT_VX_COMPLETED] = "completed",
	[MGVT_VX_REQUESTS] = "requests",
	[MGVT_VX_BATCHES] = "ggtt_batches",
	[MGVT_VX_PPGTT_BATCHES] = "ppgtt_batches",
	[MGVT_VX_AUDIT] = "failed_audit",
	[MGVT_VX_FAULT] = "failed_fault",
	[MGVT_VX_TIMEOUT] = "failed_timeout",
	[MGVT_VX_CANCELED] = "failed_canceled",
	[MGVT_VX_RESETS] = "resets",
	[MGVT_VX_NS_SHADOW] = "shadow_ns",
	[MGVT_VX_NS_AUDIT] = "audit_ns",
	[MGVT_VX_NS_WRITEBACK] = "writeback_ns",
};

/**
 * mgvt_vexec_show - the virtual execlists, for debugfs "execlists"
 * @vgpu: the vGPU
 * @m: where to
 */
void mgvt_vexec_show(struct mgvt_vgpu *vgpu, struct seq_file *m)
{
	unsigned int e, i;

	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		struct mgvt_vexec_engine *ve = &vgpu->vx.engine[e];

		mutex_lock(&ve->lock);
		seq_printf(m, "%s: %s%s busy %u", gen9_engine_name(e),
			   ve->active[0] ? "active" : "idle",
			   ve->halted ? " halted" : "", ve->busy);
		for (i = 0; i < 2; i++)
			if (ve->active[i])
				seq_printf(m, " elem%u %#llx", i, ve->active[i]->desc);
		seq_puts(m, "\n");
		for (i = 0; i < MGVT_VCTX_SLOTS; i++)
			if (ve->ctx[i].ready)
				seq_printf(m, "  shadow %u: context %#llx ring pos %#x guest tail %#x\n",
					   i, ve->ctx[i].lrca, ve->ctx[i].pos,
					   ve->ctx[i].guest_tail);
		for (i = 0; i < MGVT_VX_COUNT; i++)
			seq_printf(m, "  %s %lu\n", stat_names[i], ve->stat[i]);
		mutex_unlock(&ve->lock);
	}
}

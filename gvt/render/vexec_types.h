/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A vGPU's virtual execlists as the render path runs them (render/vexec.c):
 * per engine, the guest's active elements, the shadow contexts that carry
 * them to the pGPU, and the workloads built from what the guest submitted.
 * Embedded in struct mgvt_vgpu.
 */
#ifndef MGVT_RENDER_VEXEC_TYPES_H
#define MGVT_RENDER_VEXEC_TYPES_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "mm/hostgm_types.h"
#include "mm/pttree.h"
#include "regs/regs.h"
#include "render/engine_types.h"

struct mgvt_vgpu;
struct mgvt_vexec_engine;

/* Shadow contexts per vGPU and engine: two elements, and one to spare. */
#define MGVT_VCTX_SLOTS		4
/* GGTT batches one workload may carry (first and second level, chained). */
#define MGVT_WL_BATCHES		16

/**
 * struct mgvt_vctx - the pGPU's copy of one guest context on one engine
 * @ve: its engine
 * @lrca: GM address of the guest context it shadows (0: none yet)
 * @buf: host GM: the image (22 pages on rcs0, 2 elsewhere), on rcs0 one
 *	page for the indirect-context batch, then the shadow ring
 * @ectx: the context as the engine owner knows it
 * @ready: @buf is allocated and @ectx initialised
 * @pos: offset in the shadow ring where the next commands go
 * @wls: its workloads whose request has not ended, oldest first
 * @err: a request of it failed since its last full restore
 * @last_use: when it last took a workload (jiffies), to pick a slot
 * @ring_gm: the guest ring's GM address, from the last full restore
 * @ring_size: the guest ring's size in bytes
 * @guest_tail: guest ring offset the last workload ran to
 * @guest_wrap: wrap count of the guest's RING_HEAD
 * @view: the shadow PPGTT its engine walks (PDP0 of its image), with
 *	the audited copies of its PPGTT batches; under the GGTT lock
 * @has_view: @view is initialised
 * @built: workloads built on it, numbering them for @view's overlays
 */
struct mgvt_vctx {
	struct mgvt_vexec_engine *ve;
	u64 lrca;
	struct mgvt_gm_buf buf;
	struct mgvt_engine_ctx ectx;
	bool ready;
	u32 pos;
	struct list_head wls;
	int err;
	unsigned long last_use;
	u64 ring_gm;
	u32 ring_size;
	u32 guest_tail;
	u32 guest_wrap;
	struct mgvt_pt_view view;
	bool has_view;
	u64 built;
};

/**
 * struct mgvt_vwl - a workload: one element of a guest submission
 * @link: in its context's @wls while its request runs
 * @out_link: in its engine's @outstanding while its request runs (@slock)
 * @end_link: in the engine's @ended list, once its request ended
 * @vctx: the shadow context it runs on
 * @desc: the guest's descriptor
 * @rq: its request to the engine owner, when it has commands
 * @has_rq: @rq was submitted
 * @rq_ended: @rq had its last event (engine lock)
 * @elem: it is an element the guest sees active
 * @full: it was a full restore (the guest image was copied)
 * @inhibit: a full restore with RESTORE_INHIBIT
 * @seq: its request's number among the vGPU's (vexec.issued)
 * @status: 0, or why it failed (negative errno)
 * @why: the reason of an audit failure, for the log
 * @shadow_start: shadow ring offset of its first command
 * @head_val: RING_HEAD (offset and wrap count) the guest image gets back
 * @guest_head: guest ring offset it starts at
 * @guest_tail: guest ring offset it runs to
 * @user_irqs: user interrupts its commands raise
 * @nbatch: shadow batches it holds
 * @batch: the shadow batches, in host GM
 * @batch_gm: the guest GM address each was copied from
 * @batch_level: the level each was scanned at
 * @batch_ppgtt: each was a PPGTT batch (then @batch is NULL: its audited
 *	copy is mapped in its context's view)
 * @vseq: its number among its context's workloads (@vctx->built)
 * @ppgtt: it runs with a shadow PPGTT
 */
struct mgvt_vwl {
	struct list_head link;
	struct list_head out_link;
	struct list_head end_link;
	struct mgvt_vctx *vctx;
	u64 desc;
	struct mgvt_engine_rq rq;
	bool has_rq;
	bool rq_ended;
	bool elem;
	bool full;
	bool inhibit;
	u64 seq;
	int status;
	const char *why;
	u32 shadow_start;
	u32 head_val;
	u32 guest_head;
	u32 guest_tail;
	unsigned int user_irqs;
	unsigned int nbatch;
	struct mgvt_gm_buf *batch[MGVT_WL_BATCHES];
	u64 batch_gm[MGVT_WL_BATCHES];
	u8 batch_level[MGVT_WL_BATCHES];
	bool batch_ppgtt[MGVT_WL_BATCHES];
	u64 vseq;
	bool ppgtt;
};

/* Per-engine counters of a vGPU's virtual execlists (debugfs "execlists"). */
enum mgvt_vexec_stat {
	MGVT_VX_ELEMENTS,	/* elements accepted */
	MGVT_VX_LITE,		/* of them lite restores of the running context */
	MGVT_VX_INHIBIT,	/* of them restore-inhibit full restores */
	MGVT_VX_COMPLETED,	/* elements completed */
	MGVT_VX_REQUESTS,	/* requests given to the engine owner */
	MGVT_VX_BATCHES,	/* GGTT batches shadowed */
	MGVT_VX_PPGTT_BATCHES,	/* PPGTT batches copied, audited, overlaid */
	MGVT_VX_AUDIT,		/* workloads failed: refused by the audit */
	MGVT_VX_FAULT,		/* workloads failed: engine error on the pGPU */
	MGVT_VX_TIMEOUT,	/* workloads failed: over their budget */
	MGVT_VX_CANCELED,	/* workloads failed: otherwise (reset, shutdown) */
	MGVT_VX_RESETS,		/* guest engine or device resets */
	MGVT_VX_NS_SHADOW,	/* ns building workloads, minus the audit */
	MGVT_VX_NS_AUDIT,	/* ns in the scanner (batch copies excluded) */
	MGVT_VX_NS_WRITEBACK,	/* ns writing back images and CSB entries */
	MGVT_VX_COUNT,
};

/**
 * struct mgvt_vexec_engine - one engine of a vGPU's virtual execlists
 * @vgpu: the vGPU
 * @id: the engine
 * @lock: everything below but what @slock protects; taken by @work only
 *	(and by reset and close once @work is idle)
 * @work: takes submissions, builds workloads, ends elements, publishes
 *	CSB events
 * @slock: @ended, @outstanding and @busy (a leaf, taken in the engine
 *	owner's callback)
 * @ended: workloads whose request ended, for @work
 * @outstanding: workloads whose request the engine owner holds, oldest
 *	first
 * @busy: requests of this engine the engine owner holds
 * @idle_wq: woken when @busy drops to 0
 * @gen: the generation @work last saw (vGPU lock: vexec.gen[])
 * @halted: an engine error was reported; nothing runs until a reset
 * @failure: while @halted, why (for operators: the vGPU's sysfs state);
 *	set and cleared under the vGPU lock
 * @held: a submission taken from the ELSP queue that waits for the engine
 *	(element 0, element 1)
 * @has_held: @held is valid
 * @ctx: the shadow contexts
 * @active: the elements the guest sees: element 0 runs, element 1 next
 * @img: a private copy of a guest image's register state page
 * @ring: a private copy of the guest ring's new commands
 * @bbuf: private copies of batches, one per nesting level
 * @depth: batch nesting level being scanned
 * @copy_ns: time the batch callbacks spent copying, during one scan
 * @bpool: free shadow batch buffers, for reuse
 * @nbpool: how many
 * @stat: counters, indexed by enum mgvt_vexec_stat
 */
struct mgvt_vexec_engine {
	struct mgvt_vgpu *vgpu;
	unsigned int id;
	struct mutex lock; /* workloads, shadow contexts, elements */
	struct work_struct work;
	spinlock_t slock; /* ended, busy */
	struct list_head ended;
	struct list_head outstanding;
	unsigned int busy;
	wait_queue_head_t idle_wq;
	u64 gen;
	bool halted;
	const char *failure;
	u64 held[2];
	bool has_held;
	struct mgvt_vctx ctx[MGVT_VCTX_SLOTS];
	struct mgvt_vwl *active[2];
	u32 *img;
	u32 *ring;
	u32 *bbuf[4];
	unsigned int depth;
	u64 copy_ns;
	struct mgvt_gm_buf *bpool[4];
	unsigned int nbpool;
	unsigned long stat[MGVT_VX_COUNT];
};

/**
 * struct mgvt_vexec - a vGPU's virtual execlists
 * @engine: per engine
 * @gen: per engine, bumped by every reset (vGPU lock): events of an older
 *	generation never reach the guest
 * @issued: requests handed to the engine owners (vGPU lock and GGTT lock)
 */
struct mgvt_vexec {
	struct mgvt_vexec_engine engine[MGVT_NUM_ENGINES];
	u64 gen[MGVT_NUM_ENGINES];
	u64 issued;
};

#endif /* MGVT_RENDER_VEXEC_TYPES_H */

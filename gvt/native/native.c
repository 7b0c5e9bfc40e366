// SPDX-License-Identifier: GPL-2.0
/*
 * The native client: runs work on a pGPU's engines through their engine
 * owners (render/engine.h) exactly as the mediator's render path does
 * (contexts in host GM, rings, batches, ELSP through the owner, completion
 * from the CSB by interrupt), with no vGPU in between.  It is the baseline
 * for "vGPU throughput as % of native" and lets tests run work on every
 * engine.  Tests reach it through debugfs, with mgvt loaded debug=1:
 *
 *   <debugfs>/mgvt/<device>/native          write commands, read results
 *   <debugfs>/mgvt/<device>/native_buffer   the 64 KiB the work writes to
 *
 * A write holds commands separated by ';'.  "<engine>[:<ctx>] <op> <args>"
 * runs one request and waits for it; "submit <engine>[:<ctx>] <op> <args>"
 * queues it and returns; "wait" waits for every queued request and fails
 * with the first error among them; "mode irq|poll" picks how completions
 * are found (poll: the old 50-100 us polling loop, for the benchmark).
 * "bench lat <engine> nop|blit <n>" times @n requests one after the other
 * (submission to the waiter knowing of completion; blit: 256x256 on
 * bcs0) and "bench burst <engine> <n>" @n empty requests queued back to
 * back, then waited for; reading "native" shows the last result.
 *
 * ops: "store <offset> <value> [<repeat>]" (MI_STORE_DWORD_IMM, every
 * engine), "nop" (an empty batch), "fill <x> <y> <w> <h> <pitch> <color>
 * [<repeat>]" and "copy <sx> <sy> <dx> <dy> <w> <h> <pitch>" (blitter,
 * 32 bpp, in the buffer), and to test error handling "bad" (an unknown
 * command), "fault" (a store to GM no GGTT entry maps) and "hang" (a
 * semaphore wait that never ends).  Reading "native" reports the last
 * synchronous run of each engine and the client's counters.
 */
#include <linux/bitfield.h>
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/highmem.h>
#include <linux/jiffies.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "core/pgpu_types.h"
#include "mm/hostgm.h"
#include "native/native.h"
#include "regs/gpu_cmd.h"
#include "regs/gtt.h"
#include "regs/regs.h"
#include "render/engine.h"

/* Pages of one context: image (PPHWSP, state), ring, batches. */
enum {
	CP_IMG = 0,
	CP_RING = 2,
	CP_BATCH = CP_RING + 4,
	CP_COUNT,
};

#define NATIVE_RING_SIZE	(4 * PAGE_SIZE)
#define NATIVE_BUF		(MGVT_NUM_ENGINES * MGVT_NATIVE_CTXS * CP_COUNT)
#define NATIVE_PAGES		(NATIVE_BUF + MGVT_NATIVE_BUF_PAGES)
#define SLOT_SIZE		128	/* bytes of one batch */
#define SCRATCH_OFF		(MGVT_NATIVE_SLOTS * SLOT_SIZE)	/* in the batch page */
#define PPHWSP_SEQNO		0x40	/* dword of the breadcrumb in the PPHWSP */
#define NATIVE_MAX_BATCH	16	/* dwords */
#define NATIVE_MAX_REPEAT	300	/* batch calls in the ring */
#define NATIVE_CMD_MAX		4096	/* bytes of one write */
#define NATIVE_WAIT_MS		60000	/* longer than any watchdog budget */
/*
 * The ring dwords of one request: the calls, the breadcrumb, the interrupt,
 * padded to a qword (a tail is qword aligned).
 */
#define RQ_DWORDS(repeat)	round_up(3 * (repeat) + 5, 2)
#define RQ_BYTES(repeat)	(4 * RQ_DWORDS(repeat))

static_assert(SCRATCH_OFF + 64 <= PAGE_SIZE);
static_assert(RQ_BYTES(NATIVE_MAX_REPEAT) < NATIVE_RING_SIZE);

/* The commands the native client writes, with their lengths. */
#define SDI_GGTT		(MI_STORE_DWORD_IMM | MI_USE_GGTT | 2)
#define BBS_GGTT		(MI_BATCH_BUFFER_START | 1)
#define SEM_WAIT_EQ_GGTT	(MI_SEMAPHORE_WAIT | MI_USE_GGTT | \
				 SEM_COMPARE_EQ << SEM_COMPARE_SHIFT | 2)
#define COLOR_BLT_32BPP		(XY_COLOR_BLT | BLT_WRITE_RGBA | 5)
#define SRC_COPY_BLT_32BPP	(XY_SRC_COPY_BLT | BLT_WRITE_RGBA | 8)
#define MI_UNKNOWN		MI_INSTR(0x3f)	/* no such MI command */

/**
 * struct native_rq - one request of the client
 * @rq: the engine owner's request
 * @nc: its context
 * @done: completed or failed
 * @seqno: the breadcrumb its ring stores
 * @bytes: ring bytes it holds
 * @async: nobody waits: the event callback frees it
 * @finished: its final event came
 */
struct native_rq {
	struct mgvt_engine_rq rq;
	struct mgvt_native_ctx *nc;
	struct completion done;
	u32 seqno;
	u32 bytes;
	bool async;
	bool finished;
};

static u64 np_gm(struct mgvt_native *n, unsigned int page)
{
	return mgvt_gm_buf_addr(&n->mem, (size_t)page * PAGE_SIZE);
}

static size_t np_off(unsigned int page)
{
	return (size_t)page * PAGE_SIZE;
}

static struct mgvt_native *native_of(struct mgvt_native_ctx *nc)
{
	return &nc->ctx.engine->pgpu->native;
}

static unsigned int nc_engine(struct mgvt_native_ctx *nc)
{
	return nc->ctx.engine->id;
}

/*
 * A fresh image in the Gen9 layout: ring context with the ring empty at
 * @head, no batch state, no PPGTT; the whole image restored.
 */
static void write_image(struct mgvt_native *n, struct mgvt_native_ctx *nc,
			u32 head)
{
	u32 base = gen9_engine_base(nc_engine(nc));
	u32 st[LRC_END + 1] = {
		[LRC_LRI0] = MI_LRI(14),
		[LRC_CTX_CONTROL - 1] = base + RING_CONTEXT_CONTROL,
		[LRC_CTX_CONTROL] = MASKED_DISABLE(CTX_RESTORE_INHIBIT),
		[LRC_RING_HEAD - 1] = base + RING_HEAD,
		[LRC_RING_HEAD] = head,
		[LRC_RING_TAIL - 1] = base + RING_TAIL,
		[LRC_RING_TAIL] = head,
		[LRC_RING_START - 1] = base + RING_START,
		[LRC_RING_START] = np_gm(n, nc->img_page + CP_RING),
		[LRC_RING_CTL - 1] = base + RING_CTL,
		[LRC_RING_CTL] = (NATIVE_RING_SIZE - PAGE_SIZE) | RING_CTL_VALID,
		[LRC_BB_ADDR_UDW - 1] = base + RING_BB_ADDR_UDW,
		[LRC_BB_ADDR - 1] = base + RING_BB_ADDR,
		[LRC_BB_STATE - 1] = base + RING_BB_STATE,
		[LRC_SBB_ADDR_UDW - 1] = base + RING_SBB_ADDR_UDW,
		[LRC_SBB_ADDR - 1] = base + RING_SBB_ADDR,
		[LRC_SBB_STATE - 1] = base + RING_SBB_STATE,
		[LRC_BB_PER_CTX_PTR - 1] = base + RING_BB_PER_CTX_PTR,
		[LRC_INDIRECT_CTX - 1] = base + RING_INDIRECT_CTX,
		[LRC_INDIRECT_CTX_OFFSET - 1] = base + RING_INDIRECT_CTX_OFFSET,
		[LRC_LRI1] = MI_LRI(9),
		[LRC_CTX_TIMESTAMP - 1] = base + RING_CTX_TIMESTAMP,
		[LRC_PDP_UDW(3) - 1] = base + RING_PDP_UDW(3),
		[LRC_PDP_LDW(3) - 1] = base + RING_PDP_LDW(3),
		[LRC_PDP_UDW(2) - 1] = base + RING_PDP_UDW(2),
		[LRC_PDP_LDW(2) - 1] = base + RING_PDP_LDW(2),
		[LRC_PDP_UDW(1) - 1] = base + RING_PDP_UDW(1),
		[LRC_PDP_LDW(1) - 1] = base + RING_PDP_LDW(1),
		[LRC_PDP_UDW(0) - 1] = base + RING_PDP_UDW(0),
		[LRC_PDP_LDW(0) - 1] = base + RING_PDP_LDW(0),
		[LRC_END] = MI_BATCH_BUFFER_END,
	};
	size_t img = np_off(nc->img_page + CP_IMG);

	mgvt_gm_buf_clear(&n->mem, img, 2 * PAGE_SIZE);
	mgvt_gm_buf_write(&n->mem, img + LRC_STATE_OFFSET, st, sizeof(st));
}

/* Which engines are executing a request of ours, for max_busy. */
static void note_running(struct mgvt_native *n, unsigned int e, int delta)
{
	struct mgvt_native_engine *ne = &n->eng[e];

	if (delta > 0) {
		if (!ne->running++)
			n->busy_engines++;
		n->max_busy = max(n->max_busy, n->busy_engines);
	} else if (ne->running && !--ne->running) {
		n->busy_engines--;
	}
}

/* The engine owner's events, in process context. */
static void native_event(struct mgvt_engine_rq *erq, enum mgvt_rq_event ev)
{
	struct native_rq *nr = container_of(erq, struct native_rq, rq);
	struct mgvt_native_ctx *nc = nr->nc;
	struct mgvt_native *n = native_of(nc);
	unsigned int e = nc_engine(nc);
	bool free_it = false;
	int ret = erq->status;

	spin_lock(&n->slock);
	switch (ev) {
	case MGVT_RQ_PROMOTED:
	case MGVT_RQ_ELEMENT_SWITCH:
	case MGVT_RQ_LITE_RESTORED:
		note_running(n, e, 1);
		break;
	case MGVT_RQ_PREEMPTED:
		note_running(n, e, -1);
		break;
	case MGVT_RQ_COMPLETED:
	case MGVT_RQ_ERROR:
		if (nr->finished) {
			n->dup_events++;
			break;
		}
		nr->finished = true;
		if (erq->start_ns)
			note_running(n, e, -1);
		/* Completed means the breadcrumb is there. */
		if (!ret && (s32)(mgvt_gm_buf_read32(&n->mem, np_off(nc->img_page) +
						     4 * PPHWSP_SEQNO) - nr->seqno) < 0) {
			erq->status = -EIO;
			ret = -EIO;
		}
		if (ret) {
			n->eng[e].failed++;
			n->eng[e].last_error = erq->error;
		} else {
			n->eng[e].done++;
		}
		nc->outstanding--;
		nc->ring_used -= nr->bytes;
		if (nr->async) {
			if (!n->async_err)
				n->async_err = ret;
			n->async--;
			free_it = true;
		} else {
			complete(&nr->done);
		}
		wake_up_all(&n->wq);
		break;
	default:
		break;
	}
	spin_unlock(&n->slock);
	if (free_it)
		kfree(nr);
}

static const struct mgvt_engine_client native_client = {
	.name = "native",
	.event = native_event,
};

/* Room for @bytes more in @nc's ring and a slot; or, if @idle, nothing pending. */
static bool ctx_ready(struct mgvt_native *n, struct mgvt_native_ctx *nc,
		      u32 bytes, bool idle)
{
	bool ok;

	spin_lock(&n->slock);
	if (idle)
		ok = !nc->outstanding;
	else
		ok = nc->outstanding < MGVT_NATIVE_SLOTS &&
		     nc->ring_used + bytes <= NATIVE_RING_SIZE - 8;
	spin_unlock(&n->slock);
	return ok;
}

/* Wait for ctx_ready(); in poll mode nobody else looks, so poll. */
static int wait_ctx(struct mgvt_native *n, struct mgvt_native_ctx *nc,
		    u32 bytes, bool idle)
{
	while (!ctx_ready(n, nc, bytes, idle)) {
		if (!READ_ONCE(n->polled)) {
			if (wait_event_killable(n->wq, ctx_ready(n, nc, bytes, idle) ||
						READ_ONCE(n->polled)))
				return -EINTR;
			continue;
		}
		if (fatal_signal_pending(current))
			return -EINTR;
		mgvt_engine_poll(nc->ctx.engine);
		usleep_range(50, 100);
	}
	return 0;
}

/*
 * @nc failed: once every request of it has had its last event, its image
 * starts afresh with the ring empty at @head, and the engine takes it
 * again.
 */
static int ctx_restart(struct mgvt_native *n, struct mgvt_native_ctx *nc,
		       u32 head)
{
	int ret = wait_ctx(n, nc, 0, true);

	if (ret)
		return ret;
	write_image(n, nc, head);
	ret = mgvt_engine_ctx_reset(&nc->ctx);
	if (!ret)
		nc->stale = false;
	return ret;
}

static void account(struct mgvt_native *n, struct native_rq *nr, int delta)
{
	spin_lock(&n->slock);
	nr->nc->outstanding += delta;
	nr->nc->ring_used += delta * (int)nr->bytes;
	if (nr->async)
		n->async += delta;
	spin_unlock(&n->slock);
}

static void ring_write(struct mgvt_native *n, struct mgvt_native_ctx *nc,
		       const u32 *dw, unsigned int count)
{
	size_t ring = np_off(nc->img_page + CP_RING);
	unsigned int i;

	/* The ring wraps: dword by dword. */
	for (i = 0; i < count; i++) {
		mgvt_gm_buf_write32(&n->mem, ring + nc->tail, dw[i]);
		nc->tail = (nc->tail + 4) % NATIVE_RING_SIZE;
	}
}

/*
 * Build a request calling @batch (without its MI_BATCH_BUFFER_END) @repeat
 * times, then storing a breadcrumb and raising a user interrupt, and hand
 * it to the engine owner.
 */
static int native_submit(struct mgvt_native *n, struct mgvt_native_ctx *nc,
			 const u32 *batch, unsigned int count,
			 unsigned int repeat, struct native_rq *nr)
{
	u32 bytes = RQ_BYTES(repeat), bb[NATIVE_MAX_BATCH + 1], start;
	u64 slot_gm, hwsp = np_gm(n, nc->img_page + CP_IMG) + 4 * PPHWSP_SEQNO;
	unsigned int i, tries;
	int ret;

	if (count > NATIVE_MAX_BATCH || !repeat || repeat > NATIVE_MAX_REPEAT)
		return -EINVAL;
	mutex_lock(&nc->lock);
	ret = wait_ctx(n, nc, bytes, false);
	if (ret)
		goto out;
	memcpy(bb, batch, count * 4);
	bb[count] = MI_BATCH_BUFFER_END;
	slot_gm = np_gm(n, nc->img_page + CP_BATCH) + nc->slot * SLOT_SIZE;
	mgvt_gm_buf_write(&n->mem, np_off(nc->img_page + CP_BATCH) +
			  nc->slot * SLOT_SIZE, bb, (count + 1) * 4);
	nc->slot = (nc->slot + 1) % MGVT_NATIVE_SLOTS;

	spin_lock(&n->slock);
	nr->seqno = ++n->seqno;
	spin_unlock(&n->slock);
	start = nc->tail;
	for (i = 0; i < repeat; i++) {
		u32 call[] = { BBS_GGTT, lower_32_bits(slot_gm), 0 };

		ring_write(n, nc, call, ARRAY_SIZE(call));
	}
	{
		u32 tail[] = {
			SDI_GGTT, lower_32_bits(hwsp), 0, nr->seqno,
			MI_USER_INTERRUPT, MI_NOOP,
		};

		ring_write(n, nc, tail, RQ_DWORDS(repeat) - 3 * repeat);
	}
	nr->nc = nc;
	nr->bytes = bytes;
	nr->rq.ctx = &nc->ctx;
	nr->rq.tail = nc->tail;
	nr->rq.priv = nr;
	init_completion(&nr->done);

	/*
	 * A context that failed is refused (-ECANCELED) until its image is
	 * rewritten: then this request is the first of the fresh image.
	 */
	for (tries = 0; ; tries++) {
		if (nc->stale) {
			ret = ctx_restart(n, nc, start);
			if (ret)
				break;
		}
		account(n, nr, 1);
		ret = mgvt_engine_submit(&nr->rq);
		if (!ret)
			break;
		account(n, nr, -1);
		nc->stale = true;
		if (ret != -ECANCELED || tries)
			break;
	}
out:
	mutex_unlock(&nc->lock);
	return ret;
}

/* Wait for a synchronous request, polling the engine in poll mode. */
static int native_wait(struct mgvt_native *n, struct native_rq *nr,
		       struct mgvt_engine *eng)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(NATIVE_WAIT_MS);
	bool done;

	if (READ_ONCE(n->polled)) {
		while (!completion_done(&nr->done) &&
		       time_before(jiffies, deadline)) {
			mgvt_engine_poll(eng);
			if (!completion_done(&nr->done))
				usleep_range(50, 100);
		}
	} else {
		wait_for_completion_timeout(&nr->done, deadline - jiffies);
	}
	/* Still with the engine: its callback frees it then. */
	spin_lock(&n->slock);
	done = nr->finished;
	if (!done) {
		nr->async = true;
		n->async++;
	}
	spin_unlock(&n->slock);
	return done ? 0 : -ETIMEDOUT;
}

/* Run one request on @nc: queued (@async) or waited for. */
static int native_run(struct mgvt_native *n, struct mgvt_native_ctx *nc,
		      const u32 *batch, unsigned int count,
		      unsigned int repeat, bool async)
{
	struct mgvt_engine *eng = nc->ctx.engine;
	struct mgvt_native_engine *ne = &n->eng[eng->id];
	struct native_rq *nr;
	u64 ts;
	int ret;

	nr = kzalloc(sizeof(*nr), GFP_KERNEL);
	if (!nr)
		return -ENOMEM;
	nr->async = async;
	ts = async ? 0 : mgvt_engine_timestamp(eng);
	ret = native_submit(n, nc, batch, count, repeat, nr);
	if (ret) {
		kfree(nr);
		return ret;
	}
	if (async)
		return 0;
	ret = native_wait(n, nr, eng);
	if (ret)
		return ret;	/* nr now belongs to the callback */
	ret = nr->rq.status;
	ne->last_ns = nr->rq.end_ns - nr->rq.submit_ns;
	/* RING_TIMESTAMP ticks at 12 MHz: 250 ns per 3 ticks. */
	ne->last_model_ns = div_u64((mgvt_engine_timestamp(eng) - ts) * 250, 3);
	ne->last_ret = ret;
	kfree(nr);
	if (ret)
		dev_warn_ratelimited(n->pgpu->desc.dev, "native client: %s request failed (%d)\n",
				     gen9_engine_name(eng->id), ret);
	return ret;
}

/* A rectangle of 32 bpp pixels inside the buffer. */
static bool rect_ok(u32 x, u32 y, u32 w, u32 h, u32 pitch)
{
	u64 end = ((u64)y + h - 1) * pitch + ((u64)x + w) * 4;

	return w && h && w <= BLT_COORD_MAX && h <= BLT_COORD_MAX &&
	       x <= BLT_COORD_MAX && y <= BLT_COORD_MAX && pitch &&
	       pitch <= BLT_COORD_MAX && !(pitch & 3) &&
	       end <= MGVT_NATIVE_BUF_PAGES * PAGE_SIZE;
}

/* "<engine>" or "<engine>:<ctx>" */
static struct mgvt_native_ctx *parse_target(struct mgvt_native *n, char *name)
{
	char *colon = strchr(name, ':');
	unsigned int e, c = 0;

	if (colon) {
		*colon = 0;
		if (kstrtouint(colon + 1, 10, &c) || c >= MGVT_NATIVE_CTXS)
			return NULL;
	}
	for (e = 0; e < MGVT_NUM_ENGINES; e++)
		if (!strcmp(name, gen9_engine_name(e)))
			return &n->ctx[e][c];
	return NULL;
}

static int native_op(struct mgvt_native *n, const char *cmd, bool async)
{
	u64 buf = np_gm(n, NATIVE_BUF);
	struct mgvt_native_ctx *nc;
	char name[16], op[8];
	u32 a[8], bb[NATIVE_MAX_BATCH];
	unsigned int repeat = 1;
	int args;

	args = sscanf(cmd, "%15s %7s %u %u %u %u %u %u %u %u", name, op,
		      &a[0], &a[1], &a[2], &a[3], &a[4], &a[5], &a[6], &a[7]);
	nc = args >= 2 ? parse_target(n, name) : NULL;
	if (!nc)
		return -EINVAL;

	if (!strcmp(op, "nop") && args == 2)
		return native_run(n, nc, bb, 0, 1, async);
	if (!strcmp(op, "store") && (args == 4 || args == 5) && a[0] % 4 == 0 &&
	    a[0] < MGVT_NATIVE_BUF_PAGES * PAGE_SIZE) {
		u32 store[] = { SDI_GGTT, (u32)buf + a[0], 0, a[1] };

		return native_run(n, nc, store, ARRAY_SIZE(store),
				  args == 5 ? a[2] : 1, async);
	}
	if (!strcmp(op, "bad") && args == 2) {
		bb[0] = MI_UNKNOWN;
		return native_run(n, nc, bb, 1, 1, async);
	}
	if (!strcmp(op, "fault") && args == 2) {
		/* GM page 0: the host GM allocator never maps it. */
		u32 store[] = { SDI_GGTT, 0, 0, 1 };

		return native_run(n, nc, store, ARRAY_SIZE(store), 1, async);
	}
	if (!strcmp(op, "hang") && args == 2) {
		u64 never = np_gm(n, nc->img_page + CP_BATCH) + SCRATCH_OFF;
		u32 wait[] = { SEM_WAIT_EQ_GGTT, 1, lower_32_bits(never), 0 };

		return native_run(n, nc, wait, ARRAY_SIZE(wait), 1, async);
	}
	if (nc_engine(nc) != 1)	/* blits on bcs0 only */
		return -EINVAL;
	if (!strcmp(op, "fill") && (args == 8 || args == 9) &&
	    rect_ok(a[0], a[1], a[2], a[3], a[4])) {
		repeat = args == 9 ? a[6] : 1;
		bb[0] = COLOR_BLT_32BPP;
		bb[1] = BR13_32BPP | BR13_ROP(ROP_PATCOPY) | a[4];
		bb[2] = BLT_XY(a[0], a[1]);
		bb[3] = BLT_XY(a[0] + a[2], a[1] + a[3]);
		bb[4] = (u32)buf;
		bb[5] = 0;
		bb[6] = a[5];
		return native_run(n, nc, bb, 7, repeat, async);
	}
	if (!strcmp(op, "copy") && args == 9 &&
	    rect_ok(a[0], a[1], a[4], a[5], a[6]) &&
	    rect_ok(a[2], a[3], a[4], a[5], a[6])) {
		bb[0] = SRC_COPY_BLT_32BPP;
		bb[1] = BR13_32BPP | BR13_ROP(ROP_SRCCOPY) | a[6];
		bb[2] = BLT_XY(a[2], a[3]);
		bb[3] = BLT_XY(a[2] + a[4], a[3] + a[5]);
		bb[4] = (u32)buf;
		bb[5] = 0;
		bb[6] = BLT_XY(a[0], a[1]);
		bb[7] = a[6];
		bb[8] = (u32)buf;
		bb[9] = 0;
		return native_run(n, nc, bb, 10, 1, async);
	}
	return -EINVAL;
}

/* Wait for every queued request; the first error among them. */
static int native_wait_all(struct mgvt_native *n)
{
	int ret;

	for (;;) {
		bool idle;

		spin_lock(&n->slock);
		idle = !n->async;
		spin_unlock(&n->slock);
		if (idle)
			break;
		if (READ_ONCE(n->polled)) {
			unsigned int e;

			for (e = 0; e < MGVT_NUM_ENGINES; e++)
				mgvt_engine_poll(mgvt_engine(n->pgpu, e));
			usleep_range(50, 100);
		} else if (wait_event_killable(n->wq, !READ_ONCE(n->async))) {
			return -EINTR;
		}
	}
	spin_lock(&n->slock);
	ret = n->async_err;
	n->async_err = 0;
	spin_unlock(&n->slock);
	return ret;
}

#define BENCH_MAX	10000

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/*
 * "lat <engine> nop|blit <n>": @n requests one after the other, each timed
 * from before its submission until its waiter knows it completed.
 * "burst <engine> <n>": @n empty requests queued back to back, then
 * waited for.  The result goes to @n->bench.
 */
static int native_bench(struct mgvt_native *n, const char *args)
{
	char kind[8], name[16], op[8] = "nop", cmd[48];
	unsigned int count, i;
	u64 *ns, start, total, sum = 0;
	bool burst;
	int ret = 0;

	if (sscanf(args, "%7s %15s %7s %u", kind, name, op, &count) == 4 &&
	    !strcmp(kind, "lat"))
		burst = false;
	else if (sscanf(args, "%7s %15s %u", kind, name, &count) == 3 &&
		 !strcmp(kind, "burst") && strscpy(op, "nop", sizeof(op)) > 0)
		burst = true;
	else
		return -EINVAL;
	if (!count || count > BENCH_MAX)
		return -EINVAL;
	if (!strcmp(op, "nop"))
		snprintf(cmd, sizeof(cmd), "%s nop", name);
	else if (!strcmp(op, "blit"))
		snprintf(cmd, sizeof(cmd), "%s fill 0 0 256 256 1024 1", name);
	else
		return -EINVAL;
	ns = kvcalloc(count, sizeof(*ns), GFP_KERNEL);
	if (!ns)
		return -ENOMEM;
	start = ktime_get_ns();
	for (i = 0; i < count && !ret; i++) {
		u64 t = ktime_get_ns();

		ret = native_op(n, cmd, burst);
		ns[i] = ktime_get_ns() - t;
		sum += ns[i];
	}
	if (!ret && burst)
		ret = native_wait_all(n);
	total = ktime_get_ns() - start;
	if (!ret) {
		sort(ns, count, sizeof(*ns), cmp_u64, NULL);
		mutex_lock(&n->lock);
		snprintf(n->bench, sizeof(n->bench),
			 "bench %s %s %s mode %s n %u min_ns %llu median_ns %llu avg_ns %llu total_ns %llu per_s %llu\n",
			 kind, name, op, n->polled ? "poll" : "irq", count,
			 ns[0], ns[count / 2], div64_u64(sum, count), total,
			 div64_u64((u64)count * NSEC_PER_SEC, total ? total : 1));
		mutex_unlock(&n->lock);
	}
	kvfree(ns);
	return ret;
}

static int native_mode(struct mgvt_native *n, const char *mode)
{
	unsigned int e;
	bool polled;

	if (!strcmp(mode, "poll"))
		polled = true;
	else if (!strcmp(mode, "irq"))
		polled = false;
	else
		return -EINVAL;
	mutex_lock(&n->lock);
	WRITE_ONCE(n->polled, polled);
	for (e = 0; e < MGVT_NUM_ENGINES; e++)
		mgvt_engine_set_polled(mgvt_engine(n->pgpu, e), polled);
	mutex_unlock(&n->lock);
	return 0;
}

static int native_command(struct mgvt_native *n, char *cmd)
{
	cmd = strim(cmd);
	if (!strcmp(cmd, "wait"))
		return native_wait_all(n);
	if (!strncmp(cmd, "mode ", 5))
		return native_mode(n, strim(cmd + 5));
	if (!strncmp(cmd, "bench ", 6))
		return native_bench(n, cmd + 6);
	if (!strncmp(cmd, "submit ", 7))
		return native_op(n, cmd + 7, true);
	return native_op(n, cmd, false);
}

static ssize_t native_write(struct file *f, const char __user *ubuf,
			    size_t len, loff_t *ppos)
{
	struct mgvt_native *n = f->private_data;
	char *cmds, *cur, *one;
	int ret = 0;

	if (len >= NATIVE_CMD_MAX)
		return -EINVAL;
	cmds = memdup_user_nul(ubuf, len);
	if (IS_ERR(cmds))
		return PTR_ERR(cmds);
	cur = cmds;
	while (!ret && (one = strsep(&cur, ";")))
		if (*strim(one))
			ret = native_command(n, one);
	kfree(cmds);
	return ret ? ret : len;
}

/*
 * The HAL's view of the aperture must name exactly the pages the client
 * mapped, and nothing where no entry exists.
 */
static bool aperture_consistent(struct mgvt_native *n)
{
	struct mgvt_pgpu *pgpu = n->pgpu;
	struct mgvt_aperture_page ap;
	unsigned int i;

	for (i = 0; i < NATIVE_PAGES; i++)
		if (mgvt_hal_aperture_page(pgpu, np_gm(n, i), &ap) ||
		    ap.pfn != page_to_pfn(n->mem.pages[i]))
			return false;
	return mgvt_hal_aperture_page(pgpu, 0, &ap) == -ENOENT;
}

static ssize_t native_read(struct file *f, char __user *ubuf, size_t len,
			   loff_t *ppos)
{
	struct mgvt_native *n = f->private_data;
	struct mgvt_pgpu *pgpu = n->pgpu;
	int pos = 0, size = 2048;
	unsigned int e;
	char *out;
	ssize_t ret;

	out = kmalloc(size, GFP_KERNEL);
	if (!out)
		return -ENOMEM;
	pos += scnprintf(out + pos, size - pos, "aperture %s\n",
			 aperture_consistent(n) ? "consistent" : "WRONG");
	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		struct mgvt_engine *eng = mgvt_engine(pgpu, e);
		u64 ts = mgvt_engine_timestamp(eng);
		struct mgvt_native_engine ne;

		spin_lock(&n->slock);
		ne = n->eng[e];
		spin_unlock(&n->slock);
		pos += scnprintf(out + pos, size - pos,
				 "%s last %d ns %llu irq_user %ld irq_ctxsw %ld timestamp %llu model_ns %llu done %lu failed %lu eir %#x esr %#x ipehr %#x\n",
				 gen9_engine_name(e), ne.last_ret, ne.last_ns,
				 atomic_long_read(&eng->irqs[MGVT_EI_USER]),
				 atomic_long_read(&eng->irqs[MGVT_EI_CTXSW]), ts,
				 ne.last_model_ns, ne.done, ne.failed,
				 ne.last_error.eir, ne.last_error.esr,
				 ne.last_error.ipehr);
	}
	spin_lock(&n->slock);
	pos += scnprintf(out + pos, size - pos,
			 "client mode %s queued %u max_busy_engines %u dup_events %lu\n",
			 n->polled ? "poll" : "irq", n->async, n->max_busy,
			 n->dup_events);
	spin_unlock(&n->slock);
	mutex_lock(&n->lock);
	pos += scnprintf(out + pos, size - pos, "%s", n->bench);
	mutex_unlock(&n->lock);
	ret = simple_read_from_buffer(ubuf, len, ppos, out, pos);
	kfree(out);
	return ret;
}

/* debugfs "native": commands in, the last run of each engine out. */
const struct file_operations mgvt_native_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = native_read,
	.write = native_write,
	.llseek = default_llseek,
};

/* The buffer, page by page: what the engines wrote, or a pattern to copy. */
static ssize_t buffer_rw(struct file *f, char __user *ubuf, size_t len,
			 loff_t *ppos, bool write)
{
	struct mgvt_native *n = f->private_data;
	loff_t size = MGVT_NATIVE_BUF_PAGES * PAGE_SIZE;
	size_t done = 0;

	if (*ppos < 0)
		return -EINVAL;
	while (done < len && *ppos < size) {
		size_t off = offset_in_page(*ppos);
		size_t chunk = min_t(size_t, len - done, PAGE_SIZE - off);
		u8 *p = kmap_local_page(n->mem.pages[NATIVE_BUF + *ppos / PAGE_SIZE]);
		unsigned long left = write ?
			copy_from_user(p + off, ubuf + done, chunk) :
			copy_to_user(ubuf + done, p + off, chunk);

		kunmap_local(p);
		if (left)
			break;
		done += chunk;
		*ppos += chunk;
	}
	return done ? done : (len ? -EFAULT : 0);
}

static ssize_t buffer_read(struct file *f, char __user *ubuf, size_t len,
			   loff_t *ppos)
{
	if (*ppos >= MGVT_NATIVE_BUF_PAGES * PAGE_SIZE)
		return 0;
	return buffer_rw(f, ubuf, len, ppos, false);
}

static ssize_t buffer_write(struct file *f, const char __user *ubuf,
			    size_t len, loff_t *ppos)
{
	if (*ppos >= MGVT_NATIVE_BUF_PAGES * PAGE_SIZE)
		return -ENOSPC;
	return buffer_rw(f, (char __user *)ubuf, len, ppos, true);
}

/* debugfs "native_buffer": the memory the native client's work writes. */
const struct file_operations mgvt_native_buffer_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = buffer_read,
	.write = buffer_write,
	.llseek = default_llseek,
};

static void native_ctxs_fini(struct mgvt_native *n, unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count; i++) {
		struct mgvt_native_ctx *nc = &n->ctx[i / MGVT_NATIVE_CTXS][i % MGVT_NATIVE_CTXS];

		mgvt_engine_ctx_fini(&nc->ctx);
		mutex_destroy(&nc->lock);
	}
}

/**
 * mgvt_native_init - set up the native client of a pGPU
 * @pgpu: the pGPU, its engine owners running
 *
 * Return: 0 or a negative errno.
 */
int mgvt_native_init(struct mgvt_pgpu *pgpu)
{
	struct mgvt_native *n = &pgpu->native;
	unsigned int i;
	int ret;

	n->pgpu = pgpu;
	mutex_init(&n->lock);
	spin_lock_init(&n->slock);
	init_waitqueue_head(&n->wq);
	ret = mgvt_hostgm_alloc(&pgpu->hostgm, MGVT_GM_LOW, NATIVE_PAGES, &n->mem);
	if (ret)
		goto err;
	for (i = 0; i < MGVT_NUM_ENGINES * MGVT_NATIVE_CTXS; i++) {
		unsigned int e = i / MGVT_NATIVE_CTXS;
		struct mgvt_native_ctx *nc = &n->ctx[e][i % MGVT_NATIVE_CTXS];

		nc->img_page = i * CP_COUNT;
		ret = mgvt_engine_ctx_init(mgvt_engine(pgpu, e), &nc->ctx,
					   &native_client, &n->mem,
					   np_off(nc->img_page + CP_IMG),
					   NATIVE_RING_SIZE, CTX_DESC_PRIVILEGE);
		if (ret)
			goto err_ctxs;
		mutex_init(&nc->lock);
		write_image(n, nc, 0);
	}
	return 0;

err_ctxs:
	native_ctxs_fini(n, i);
	mgvt_hostgm_free(&pgpu->hostgm, &n->mem);
err:
	mutex_destroy(&n->lock);
	return ret;
}

/**
 * mgvt_native_fini - tear the native client down
 * @pgpu: the pGPU, no debugfs user left
 *
 * Waits for the requests still queued.
 */
void mgvt_native_fini(struct mgvt_pgpu *pgpu)
{
	struct mgvt_native *n = &pgpu->native;

	native_mode(n, "irq");
	wait_event(n->wq, !READ_ONCE(n->async));
	native_ctxs_fini(n, MGVT_NUM_ENGINES * MGVT_NATIVE_CTXS);
	mgvt_hostgm_free(&pgpu->hostgm, &n->mem);
	mutex_destroy(&n->lock);
}

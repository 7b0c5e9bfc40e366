// SPDX-License-Identifier: GPL-2.0
/*
 * The engine owner: one per pGPU engine (see engine.h for the contract).
 *
 * It owns the engine's hardware status page (in host GM), its CSB read
 * position and its ELSP.  Clients queue requests; render/submit.c decides
 * what goes to ELSP and turns each CSB event into events of the requests
 * concerned.  Everything that reacts to the engine runs in process
 * context, in the engine's work item on the pGPU's workqueue (engines in
 * parallel): the pGPU interrupt handler (atomic) only records the GT bits
 * and queues that work.  The work consumes the CSB in order, handles an
 * engine error or an expired watchdog by resetting the engine, writes the
 * next submission and then delivers the events, with no lock but the
 * delivery lock held, so that a client's callback may sleep and submit.
 *
 * Locks, outermost first: @process_lock (one CSB consumer and event
 * deliverer at a time; held across client callbacks) → @lock (submission
 * state, engine registers, HWSP) → the pGPU's forcewake lock.  A client
 * calls in holding none of them.
 */
#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/lockdep.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "core/pgpu_types.h"
#include "core/pirq.h"
#include "core/trace.h"
#include "mm/hostgm.h"
#include "regs/gpu_cmd.h"
#include "regs/regs.h"
#include "render/engine.h"
#include "render/submit.h"

static unsigned int engine_timeout_ms = 2000;
module_param(engine_timeout_ms, uint, 0644);
MODULE_PARM_DESC(engine_timeout_ms,
		 "Watchdog: a submission that has not completed this many milliseconds after it reached its engine (scaled by the pGPU's time scale) is stopped and its engine reset; 0 disables it (default 2000)");

#define ENGINE_CTX_ID_MAX	0xffff
#define ENGINE_EVENTS		(GT_USER_INTERRUPT | GT_CONTEXT_SWITCH | GT_CS_ERROR)
#define RESET_TIMEOUT_US	10000

/* Forcewake domains and which one each engine needs. */
enum { FW_RENDER, FW_GT, FW_MEDIA };

static const struct {
	u32 req;
	u32 ack;
} fw_regs[] = {
	[FW_RENDER] = { FORCEWAKE_RENDER, FORCEWAKE_ACK_RENDER },
	[FW_GT] = { FORCEWAKE_GT, FORCEWAKE_ACK_GT },
	[FW_MEDIA] = { FORCEWAKE_MEDIA, FORCEWAKE_ACK_MEDIA },
};

static const u8 engine_fw[MGVT_NUM_ENGINES] = { FW_RENDER, FW_GT, FW_MEDIA, FW_MEDIA };

static struct mgvt_engines *engines_of(struct mgvt_engine *eng)
{
	return &eng->pgpu->engines;
}

/**
 * mgvt_engine - an engine owner of a pGPU
 * @pgpu: the pGPU
 * @e: engine index (0 rcs0, 1 bcs0, 2 vcs0, 3 vecs0), below MGVT_NUM_ENGINES
 *
 * Return: its owner.
 */
struct mgvt_engine *mgvt_engine(struct mgvt_pgpu *pgpu, unsigned int e)
{
	return &pgpu->engines.engine[e];
}

/* Wake the engine's power domain, shared between engines: counted. */
static int fw_get(struct mgvt_engine *eng)
{
	struct mgvt_engines *es = engines_of(eng);
	unsigned int d = engine_fw[eng->id], i;
	int ret = 0;

	mutex_lock(&es->fw_lock);
	if (!es->fw_count[d]++) {
		mgvt_hal_write32(eng->pgpu, fw_regs[d].req,
				 MASKED_ENABLE(FORCEWAKE_KERNEL));
		for (i = 0; i < 1000; i++) {
			if (mgvt_hal_read32(eng->pgpu, fw_regs[d].ack) & FORCEWAKE_KERNEL)
				break;
			udelay(1);
		}
		if (i == 1000) {
			es->fw_count[d]--;
			mgvt_hal_write32(eng->pgpu, fw_regs[d].req,
					 MASKED_DISABLE(FORCEWAKE_KERNEL));
			ret = -ETIMEDOUT;
		}
	}
	mutex_unlock(&es->fw_lock);
	return ret;
}

static void fw_put(struct mgvt_engine *eng)
{
	struct mgvt_engines *es = engines_of(eng);
	unsigned int d = engine_fw[eng->id];

	mutex_lock(&es->fw_lock);
	if (!--es->fw_count[d])
		mgvt_hal_write32(eng->pgpu, fw_regs[d].req,
				 MASKED_DISABLE(FORCEWAKE_KERNEL));
	mutex_unlock(&es->fw_lock);
}

static u32 ereg_read(struct mgvt_engine *eng, u32 off)
{
	return mgvt_hal_read32(eng->pgpu, gen9_engine_base(eng->id) + off);
}

static void ereg_write(struct mgvt_engine *eng, u32 off, u32 val)
{
	mgvt_hal_write32(eng->pgpu, gen9_engine_base(eng->id) + off, val);
}

/* The hardware side of render/submit.c. */

static void op_elsp(void *priv, const u64 desc[2])
{
	struct mgvt_engine *eng = priv;
	const struct mgvt_engine_ctx *c0 = eng->sub.pending[0].ctx;
	const struct mgvt_engine_ctx *c1 = eng->sub.pending[1].ctx;

	trace_mgvt_engine_switch(eng->pgpu, eng->id, c0 ? c0->hw_id : 0,
				 c0 ? c0->client->name : "-",
				 c1 ? c1->hw_id : 0, c1 ? c1->client->name : "-");
	/* Element 1 then element 0, upper dword first: the fourth starts it. */
	ereg_write(eng, RING_ELSP, upper_32_bits(desc[1]));
	ereg_write(eng, RING_ELSP, lower_32_bits(desc[1]));
	ereg_write(eng, RING_ELSP, upper_32_bits(desc[0]));
	ereg_write(eng, RING_ELSP, lower_32_bits(desc[0]));
}

static size_t lrc_dw(const struct mgvt_engine_ctx *ctx, unsigned int dw)
{
	return ctx->img_off + LRC_STATE_OFFSET + 4 * dw;
}

static void op_set_tail(void *priv, struct mgvt_engine_ctx *ctx, u32 tail)
{
	mgvt_gm_buf_write32(ctx->img, lrc_dw(ctx, LRC_RING_TAIL), tail);
}

static u32 op_saved_head(void *priv, struct mgvt_engine_ctx *ctx)
{
	return mgvt_gm_buf_read32(ctx->img, lrc_dw(ctx, LRC_RING_HEAD));
}

static u32 op_hwsp_read(void *priv, unsigned int dw)
{
	struct mgvt_engine *eng = priv;

	return mgvt_gm_buf_read32(&eng->hwsp, 4 * dw);
}

static u64 op_now_ns(void *priv)
{
	return ktime_get_ns();
}

static u64 op_budget_ns(void *priv, struct mgvt_engine_rq *rq)
{
	struct mgvt_engine *eng = priv;
	u64 ms = rq->budget_ms ? rq->budget_ms : READ_ONCE(engine_timeout_ms);

	if (!ms)
		return U64_MAX;
	/* A simulated GPU runs slower than hardware: so may its work. */
	return ms * NSEC_PER_MSEC * max(100U, mgvt_hal_time_scale(eng->pgpu)) / 100;
}

/**
 * DOC: engine_submit_ops
 *
 * How the submission state reaches the engine: ELSP writes, the ring tail
 * and head in the context image, the CSB in the status page, the clock
 * and the watchdog budget.
 */
static const struct mgvt_submit_ops engine_submit_ops = {
	.elsp = op_elsp,
	.set_tail = op_set_tail,
	.saved_head = op_saved_head,
	.hwsp_read = op_hwsp_read,
	.now_ns = op_now_ns,
	.budget_ns = op_budget_ns,
};

/*
 * What a Skylake host i915 lets user batches write on rcs0 (its
 * RING_FORCE_TO_NONPRIV slots, intel_workarounds.c's Gen9 and Skylake
 * whitelists).  Guest user batches run non-privileged on the pGPU and
 * expect the same; every other slot names RING_NOPID, which is read-only.
 */
static const u32 rcs_nonpriv[] = {
	0x2248,		/* GEN9_CTX_PREEMPT_REG */
	0x2580,		/* GEN8_CS_CHICKEN1 */
	0x7304,		/* GEN8_HDC_CHICKEN1 */
	0x7014,		/* COMMON_SLICE_CHICKEN2 */
	0xb118,		/* GEN8_L3SQCREG4 */
};

static void engine_whitelist(struct mgvt_engine *eng)
{
	u32 nopid = gen9_engine_base(eng->id) + RING_NOPID;
	unsigned int i;

	for (i = 0; i < RING_NONPRIV_SLOTS; i++)
		ereg_write(eng, RING_FORCE_TO_NONPRIV(i),
			   eng->id == 0 && i < ARRAY_SIZE(rcs_nonpriv) ?
			   rcs_nonpriv[i] : nopid);
}

/* Status page, run-list mode, CSB pointers, error and interrupt masks. */
static void engine_hw_init(struct mgvt_engine *eng)
{
	mgvt_gm_buf_clear(&eng->hwsp, 0, PAGE_SIZE);
	/* The CSB starts over: the next event lands in entry 0. */
	mgvt_gm_buf_write32(&eng->hwsp, 4 * HWSP_CSB_WRITE, CSB_ENTRIES - 1);
	ereg_write(eng, RING_HWSTAM, ~0u);
	ereg_write(eng, RING_HWS_PGA, lower_32_bits(eng->hwsp.gm));
	ereg_write(eng, RING_MODE, MASKED_ENABLE(RING_MODE_RUN_LIST));
	ereg_write(eng, RING_MI_MODE, MASKED_DISABLE(MI_MODE_STOP_RING));
	ereg_write(eng, RING_CSB_PTR,
		   MASKED_FIELD(CSB_PTR_READ | CSB_PTR_WRITE,
				FIELD_PREP(CSB_PTR_READ, CSB_ENTRIES - 1) |
				FIELD_PREP(CSB_PTR_WRITE, CSB_ENTRIES - 1)));
	ereg_write(eng, RING_EMR,
		   ~(u32)(ERR_INSTRUCTION | ERR_PRIVILEGE | ERR_PAGE_TABLE));
	ereg_write(eng, RING_EIR, ~0u);
	ereg_write(eng, RING_IMR, ~(u32)ENGINE_EVENTS);
	engine_whitelist(eng);
	eng->sub.csb_head = CSB_ENTRIES - 1;
}

/* Engine reset: RESET_CTL handshake, per-engine GDRST, set up again. */
static void engine_reset(struct mgvt_engine *eng)
{
	struct mgvt_pgpu *pgpu = eng->pgpu;
	u32 bit = gen9_engine_gdrst(eng->id);
	unsigned int us;

	ereg_write(eng, RING_RESET_CTL, MASKED_ENABLE(RESET_CTL_REQUEST));
	for (us = 0; us < RESET_TIMEOUT_US; us += 10) {
		if (ereg_read(eng, RING_RESET_CTL) & RESET_CTL_READY)
			break;
		usleep_range(10, 20);
	}
	if (us >= RESET_TIMEOUT_US)
		dev_warn_ratelimited(pgpu->desc.dev, "%s: not ready for reset, resetting anyway\n",
				     gen9_engine_name(eng->id));
	mgvt_hal_write32(pgpu, GDRST, bit);
	for (us = 0; us < RESET_TIMEOUT_US; us += 10) {
		if (!(mgvt_hal_read32(pgpu, GDRST) & bit))
			break;
		usleep_range(10, 20);
	}
	ereg_write(eng, RING_RESET_CTL, MASKED_DISABLE(RESET_CTL_REQUEST));
	engine_hw_init(eng);
	if (!eng->dead)
		mgvt_pirq_engine_enable(pgpu, eng->id);
	eng->sub.stat[MGVT_ES_RESETS]++;
}

static struct mgvt_engine_ctx *ctx_by_id(struct mgvt_engine *eng, u32 id)
{
	struct mgvt_submit *s = &eng->sub;
	struct mgvt_submit_port *ports[] = {
		&s->inflight[0], &s->inflight[1], &s->pending[0], &s->pending[1],
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ports); i++)
		if (ports[i]->ctx && ports[i]->ctx->hw_id == id)
			return ports[i]->ctx;
	return NULL;
}

static int consume_csb(struct mgvt_engine *eng)
{
	return mgvt_submit_csb_process(&eng->sub);
}

/*
 * The engine stopped (@err -EIO), its CSB made no sense (-EIO) or its
 * watchdog expired (-ETIMEDOUT): report to the running context's client,
 * reset the engine and give the other requests back to the queue.
 */
static void engine_recover(struct mgvt_engine *eng, int err, const char *why)
{
	struct mgvt_engine_error info = {
		.eir = ereg_read(eng, RING_EIR),
		.esr = ereg_read(eng, RING_ESR),
		.ipehr = ereg_read(eng, RING_IPEHR),
		.fadd = ereg_read(eng, RING_DMA_FADD),
		.ctx_id = ereg_read(eng, RING_EXECLIST_STATUS_HI),
	};
	struct mgvt_engine_ctx *guilty;

	ereg_write(eng, RING_EIR, info.eir);
	/* Events from before the error still count. */
	consume_csb(eng);
	/*
	 * A context that never reaches its tails, else the one the engine
	 * says it ran, else the running or the untaken one: some context
	 * always fails, so recoveries cannot repeat for ever.
	 */
	guilty = eng->sub.stalled;
	if (!guilty)
		guilty = ctx_by_id(eng, info.ctx_id);
	if (!guilty)
		guilty = mgvt_submit_suspect(&eng->sub);
	dev_warn_ratelimited(eng->pgpu->desc.dev,
			     "%s: %s (EIR %#x ESR %#x IPEHR %#x at %#x, context %u of %s): engine reset\n",
			     gen9_engine_name(eng->id), why, info.eir, info.esr,
			     info.ipehr, info.fadd, guilty ? guilty->hw_id : 0,
			     guilty ? guilty->client->name : "nobody");
	eng->last_error = info;
	engine_reset(eng);
	mgvt_submit_reset(&eng->sub, guilty, err, &info);
}

/* Hold the engine's power domain while it has work, not longer. */
static int engine_wake(struct mgvt_engine *eng)
{
	int ret;

	if (eng->awake)
		return 0;
	ret = fw_get(eng);
	if (!ret)
		eng->awake = true;
	return ret;
}

static void engine_settle(struct mgvt_engine *eng)
{
	struct mgvt_submit *s = &eng->sub;
	u64 now;

	if (mgvt_submit_idle(s)) {
		if (eng->awake) {
			fw_put(eng);
			eng->awake = false;
		}
		return;
	}
	if (s->deadline_ns == U64_MAX) {
		cancel_delayed_work(&eng->watchdog);
		return;
	}
	now = ktime_get_ns();
	mod_delayed_work(engines_of(eng)->wq, &eng->watchdog,
			 nsecs_to_jiffies(s->deadline_ns > now ?
					  s->deadline_ns - now : 0) + 1);
}

/* Everything the engine reported since the last look, under @lock. */
static void engine_process(struct mgvt_engine *eng, u32 bits)
{
	struct mgvt_submit *s = &eng->sub;
	int ret;

	lockdep_assert_held(&eng->lock);
	if (eng->dead)
		return;
	/* The CSB is in memory: only what follows needs the engine's registers. */
	ret = consume_csb(eng);
	if ((ret || (bits & GT_CS_ERROR) || !mgvt_submit_idle(s)) &&
	    engine_wake(eng))
		return;
	if (ret == -EIO) {
		engine_recover(eng, -EIO, "a context that never reaches its tail");
	} else if (ret) {
		engine_recover(eng, -EIO, "context status that does not match what was submitted");
	} else if ((bits & GT_CS_ERROR) && ereg_read(eng, RING_EIR)) {
		/* (An error a reset already handled leaves no EIR bit.) */
		s->stat[MGVT_ES_ERRORS]++;
		engine_recover(eng, -EIO, "engine error");
	} else if (!mgvt_submit_idle(s) && ktime_get_ns() >= s->deadline_ns) {
		s->stat[MGVT_ES_WATCHDOG]++;
		engine_recover(eng, -ETIMEDOUT, "watchdog: no completion within budget");
	}
	mgvt_submit_dispatch(s);
	engine_settle(eng);
}

/* Deliver the events collected, in order; the client may free a request. */
static void engine_deliver(struct mgvt_engine *eng, struct list_head *list)
{
	struct mgvt_engine_rq *rq, *tmp;
	unsigned int ev;

	list_for_each_entry_safe(rq, tmp, list, ev_link) {
		unsigned long bits = rq->ev_deliver;
		const struct mgvt_engine_client *client = rq->ctx->client;

		list_del_init(&rq->ev_link);
		for (ev = 0; ev < MGVT_RQ_EVENTS; ev++)
			if (bits & BIT(ev))
				client->event(rq, ev);
	}
}

/* The events collected so far move to @list, for delivery (@lock held). */
static void take_events(struct mgvt_engine *eng, struct list_head *list)
{
	struct mgvt_engine_rq *rq;

	lockdep_assert_held(&eng->lock);
	list_for_each_entry(rq, &eng->sub.events, ev_link) {
		rq->ev_deliver = rq->ev_bits;
		rq->ev_bits = 0;
	}
	list_splice_init(&eng->sub.events, list);
}

static void engine_run(struct mgvt_engine *eng, u32 bits)
{
	LIST_HEAD(events);

	mutex_lock(&eng->process_lock);
	mutex_lock(&eng->lock);
	engine_process(eng, bits);
	take_events(eng, &events);
	mutex_unlock(&eng->lock);
	engine_deliver(eng, &events);
	mutex_unlock(&eng->process_lock);
}

static void engine_work(struct work_struct *work)
{
	struct mgvt_engine *eng = container_of(work, struct mgvt_engine, work);

	engine_run(eng, atomic_xchg(&eng->irq_bits, 0));
}

static void engine_watchdog(struct work_struct *work)
{
	struct mgvt_engine *eng = container_of(to_delayed_work(work),
					       struct mgvt_engine, watchdog);

	engine_run(eng, atomic_xchg(&eng->irq_bits, 0));
}

/**
 * mgvt_engine_irq - GT interrupt bits of one engine (atomic context)
 * @pgpu: the pGPU
 * @e: the engine
 * @bits: its GT_* bits, already acknowledged in the GT IIR
 *
 * Called by the pGPU interrupt handler: records the bits and queues the
 * engine's work, unless its completions are polled.
 */
void mgvt_engine_irq(struct mgvt_pgpu *pgpu, unsigned int e, u32 bits)
{
	struct mgvt_engine *eng = mgvt_engine(pgpu, e);

	if (bits & GT_USER_INTERRUPT)
		atomic_long_inc(&eng->irqs[MGVT_EI_USER]);
	if (bits & GT_CONTEXT_SWITCH)
		atomic_long_inc(&eng->irqs[MGVT_EI_CTXSW]);
	if (bits & GT_CS_ERROR)
		atomic_long_inc(&eng->irqs[MGVT_EI_ERROR]);
	atomic_or(bits, &eng->irq_bits);
	if (!READ_ONCE(eng->polled) || (bits & GT_CS_ERROR))
		queue_work(pgpu->engines.wq, &eng->work);
}

/**
 * mgvt_engine_poll - look at the engine now, in the caller's context
 * @eng: the engine
 *
 * What the interrupt-driven work does, for a client that polls (the
 * native client's polling mode, the baseline of the benchmark).  May
 * sleep; not from an event callback.
 */
void mgvt_engine_poll(struct mgvt_engine *eng)
{
	engine_run(eng, atomic_xchg(&eng->irq_bits, 0));
}

/**
 * mgvt_engine_set_polled - find completions by polling, not interrupts
 * @eng: the engine
 * @polled: true: only mgvt_engine_poll() (and engine errors) consume the
 *	CSB; false: the interrupt work does
 */
void mgvt_engine_set_polled(struct mgvt_engine *eng, bool polled)
{
	WRITE_ONCE(eng->polled, polled);
	if (!polled)
		queue_work(engines_of(eng)->wq, &eng->work);
}

/**
 * mgvt_engine_ctx_init - a client's context on an engine
 * @eng: the engine
 * @ctx: the context, filled in
 * @client: its client
 * @img: host GM holding the image (Gen9 layout, see engine.h)
 * @img_off: page-aligned offset of the image in @img
 * @ring_size: size of its ring in bytes, a multiple of 4 KiB
 * @desc_flags: descriptor bits to add (CTX_DESC_PRIVILEGE...)
 *
 * Return: 0, -EINVAL for a bad image or ring, -ENOSPC when the engine has
 * no context ID left.
 */
int mgvt_engine_ctx_init(struct mgvt_engine *eng, struct mgvt_engine_ctx *ctx,
			 const struct mgvt_engine_client *client,
			 struct mgvt_gm_buf *img, size_t img_off,
			 u32 ring_size, u64 desc_flags)
{
	int id;

	if (!img || img_off % PAGE_SIZE ||
	    img_off + LRC_STATE_OFFSET + PAGE_SIZE > (size_t)img->npages * PAGE_SIZE ||
	    !ring_size || ring_size % PAGE_SIZE ||
	    ring_size > FIELD_MAX(RING_CTL_SIZE) * PAGE_SIZE + PAGE_SIZE ||
	    desc_flags & ~(CTX_DESC_PRIVILEGE | CTX_DESC_FORCE_PD_RESTORE))
		return -EINVAL;
	id = ida_alloc_range(&eng->ids, 1, ENGINE_CTX_ID_MAX, GFP_KERNEL);
	if (id < 0)
		return id == -ENOSPC ? -ENOSPC : id;
	memset(ctx, 0, sizeof(*ctx));
	ctx->engine = eng;
	ctx->client = client;
	ctx->img = img;
	ctx->img_off = img_off;
	ctx->ring_size = ring_size;
	ctx->desc_flags = desc_flags;
	ctx->hw_id = id;
	mgvt_submit_ctx_init(ctx);
	return 0;
}

/**
 * mgvt_engine_ctx_fini - the client is done with a context
 * @ctx: the context; none of its requests may be pending any more
 */
void mgvt_engine_ctx_fini(struct mgvt_engine_ctx *ctx)
{
	struct mgvt_engine *eng = ctx->engine;

	mutex_lock(&eng->lock);
	WARN_ON(!list_empty(&ctx->active) || ctx->queued ||
		mgvt_submit_names(&eng->sub, ctx));
	mutex_unlock(&eng->lock);
	ida_free(&eng->ids, ctx->hw_id);
}

/**
 * mgvt_engine_ctx_reset - the client rewrote a failed context's image
 * @ctx: the context; none of its requests pending
 *
 * Return: 0, or -EBUSY while the engine still holds a request of it.
 */
int mgvt_engine_ctx_reset(struct mgvt_engine_ctx *ctx)
{
	struct mgvt_engine *eng = ctx->engine;
	int ret = 0;

	mutex_lock(&eng->lock);
	if (!list_empty(&ctx->active) || ctx->queued ||
	    mgvt_submit_names(&eng->sub, ctx))
		ret = -EBUSY;
	else
		ctx->errored = false;
	mutex_unlock(&eng->lock);
	return ret;
}

/**
 * mgvt_engine_ctx_cancel - fail every request of some contexts now
 * @ctxs: the contexts, all of one engine
 * @n: how many
 *
 * Their requests fail with -ECANCELED before this returns, their events
 * delivered.  If the engine holds one of them (running, or written to
 * ELSP), the engine is reset first, as after an error, and the requests
 * of other contexts it held go back to the queue; none of @ctxs runs
 * again meanwhile.  Each context is refused afterwards until its client
 * rewrote its image and called mgvt_engine_ctx_reset().  May sleep; not
 * from an event callback.
 */
void mgvt_engine_ctx_cancel(struct mgvt_engine_ctx *const *ctxs, unsigned int n)
{
	struct mgvt_engine *eng;
	struct mgvt_submit *s;
	bool held = false;
	LIST_HEAD(events);
	unsigned int i;

	if (!n)
		return;
	eng = ctxs[0]->engine;
	s = &eng->sub;
	mutex_lock(&eng->process_lock);
	mutex_lock(&eng->lock);
	if (!eng->dead) {
		/* What completed before still completes. */
		consume_csb(eng);
		for (i = 0; i < n; i++)
			held |= mgvt_submit_names(s, ctxs[i]);
		if (held && !engine_wake(eng)) {
			dev_info_ratelimited(eng->pgpu->desc.dev,
					     "%s: contexts of %s canceled while on the engine: engine reset\n",
					     gen9_engine_name(eng->id),
					     ctxs[0]->client->name);
			engine_reset(eng);
			mgvt_submit_reset(s, NULL, -ECANCELED, NULL);
		}
		for (i = 0; i < n; i++)
			if (!mgvt_submit_names(s, ctxs[i]) &&
			    (!list_empty(&ctxs[i]->active) || ctxs[i]->queued))
				mgvt_submit_cancel_ctx(s, ctxs[i], -ECANCELED);
		mgvt_submit_dispatch(s);
		engine_settle(eng);
	}
	take_events(eng, &events);
	mutex_unlock(&eng->lock);
	engine_deliver(eng, &events);
	mutex_unlock(&eng->process_lock);
}

/**
 * mgvt_engine_submit - queue a request and write ELSP if the engine can take it
 * @rq: the request: context and tail set, the commands in the ring
 *
 * Return: 0 (its events follow), -EINVAL for a tail outside the ring,
 * -ECANCELED when the context failed and was not reset since
 * (mgvt_engine_ctx_reset()), -ESHUTDOWN when the engine is going away,
 * -ETIMEDOUT when the engine's power domain does not wake.
 */
int mgvt_engine_submit(struct mgvt_engine_rq *rq)
{
	struct mgvt_engine_ctx *ctx = rq->ctx;
	struct mgvt_engine *eng = ctx->engine;
	int ret;

	if (rq->tail >= ctx->ring_size || rq->tail % 8)
		return -EINVAL;
	mutex_lock(&eng->lock);
	if (eng->dead)
		ret = -ESHUTDOWN;
	else if (ctx->errored)
		ret = -ECANCELED;
	else
		ret = engine_wake(eng);
	if (!ret) {
		mgvt_submit_queue(&eng->sub, rq);
		mgvt_submit_dispatch(&eng->sub);
		engine_settle(eng);
	}
	mutex_unlock(&eng->lock);
	return ret;
}

/**
 * mgvt_engine_timestamp - the engine's RING_TIMESTAMP
 * @eng: the engine
 *
 * Return: its value (12 MHz ticks), or 0 when the domain does not wake.
 */
u64 mgvt_engine_timestamp(struct mgvt_engine *eng)
{
	u64 ts;

	if (fw_get(eng))
		return 0;
	ts = mgvt_hal_read64(eng->pgpu, gen9_engine_base(eng->id) + RING_TIMESTAMP);
	fw_put(eng);
	return ts;
}

static const char *const stat_names[MGVT_ES_COUNT] = {
	[MGVT_ES_SUBMITS] = "submits",
	[MGVT_ES_PAIRS] = "pairs",
	[MGVT_ES_LITE] = "lite_restores",
	[MGVT_ES_SWITCHES] = "element_switches",
	[MGVT_ES_PREEMPTED] = "preempted",
	[MGVT_ES_COMPLETED] = "completed",
	[MGVT_ES_FAILED] = "failed",
	[MGVT_ES_REQUEUED] = "requeued",
	[MGVT_ES_CSB] = "csb",
	[MGVT_ES_CSB_BAD] = "csb_bad",
	[MGVT_ES_ERRORS] = "errors",
	[MGVT_ES_WATCHDOG] = "watchdog",
	[MGVT_ES_RESETS] = "resets",
};

/**
 * mgvt_engines_show - one line per engine: state, counters, last error
 * @pgpu: the pGPU
 * @m: where to
 */
void mgvt_engines_show(struct mgvt_pgpu *pgpu, struct seq_file *m)
{
	unsigned int e, i;

	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		struct mgvt_engine *eng = mgvt_engine(pgpu, e);
		struct mgvt_engine_error err;

		mutex_lock(&eng->lock);
		seq_printf(m, "%s %s", gen9_engine_name(e),
			   mgvt_submit_idle(&eng->sub) ? "idle" : "busy");
		for (i = 0; i < MGVT_ES_COUNT; i++)
			seq_printf(m, " %s %lu", stat_names[i], eng->sub.stat[i]);
		err = eng->last_error;
		mutex_unlock(&eng->lock);
		seq_printf(m, " irq_user %ld irq_ctxsw %ld irq_error %ld",
			   atomic_long_read(&eng->irqs[MGVT_EI_USER]),
			   atomic_long_read(&eng->irqs[MGVT_EI_CTXSW]),
			   atomic_long_read(&eng->irqs[MGVT_EI_ERROR]));
		seq_printf(m, " last_eir %#x last_esr %#x last_ipehr %#x last_fadd %#x\n",
			   err.eir, err.esr, err.ipehr, err.fadd);
	}
}

/* No more submissions; what the engine holds fails with -ESHUTDOWN. */
static void engine_shutdown(struct mgvt_engine *eng)
{
	LIST_HEAD(events);

	mutex_lock(&eng->process_lock);
	mutex_lock(&eng->lock);
	eng->dead = true;
	if (!mgvt_submit_idle(&eng->sub)) {
		if (!engine_wake(eng))
			engine_reset(eng);
		mgvt_submit_cancel_all(&eng->sub, -ESHUTDOWN);
	}
	take_events(eng, &events);
	if (eng->awake) {
		fw_put(eng);
		eng->awake = false;
	}
	mutex_unlock(&eng->lock);
	engine_deliver(eng, &events);
	mutex_unlock(&eng->process_lock);
}

static void engine_fini(struct mgvt_engine *eng)
{
	if (!eng->dead)
		engine_shutdown(eng);
	cancel_work_sync(&eng->work);
	cancel_delayed_work_sync(&eng->watchdog);
	/* No status write may reach the page once it is freed. */
	if (!fw_get(eng)) {
		ereg_write(eng, RING_HWS_PGA, 0);
		fw_put(eng);
	}
	mgvt_hostgm_free(&eng->pgpu->hostgm, &eng->hwsp);
	ida_destroy(&eng->ids);
	mutex_destroy(&eng->lock);
	mutex_destroy(&eng->process_lock);
}

/**
 * mgvt_engines_init - the owners of a pGPU's engines, engines set up
 * @pgpu: the pGPU, its host GM ready, interrupts not enabled yet
 *
 * Return: 0 or a negative errno (nothing left behind).
 */
int mgvt_engines_init(struct mgvt_pgpu *pgpu)
{
	struct mgvt_engines *es = &pgpu->engines;
	unsigned int e;
	int ret;

	mutex_init(&es->fw_lock);
	es->wq = alloc_workqueue("mgvt-%s", WQ_UNBOUND | WQ_HIGHPRI,
				 MGVT_NUM_ENGINES, pgpu->desc.name);
	if (!es->wq)
		return -ENOMEM;
	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		struct mgvt_engine *eng = &es->engine[e];

		eng->pgpu = pgpu;
		eng->id = e;
		mutex_init(&eng->lock);
		mutex_init(&eng->process_lock);
		ida_init(&eng->ids);
		INIT_WORK(&eng->work, engine_work);
		INIT_DELAYED_WORK(&eng->watchdog, engine_watchdog);
		mgvt_submit_init(&eng->sub, &engine_submit_ops, eng);
		ret = mgvt_hostgm_alloc(&pgpu->hostgm, MGVT_GM_HIGH, 1, &eng->hwsp);
		if (!ret)
			ret = fw_get(eng);
		if (ret) {
			mgvt_hostgm_free(&pgpu->hostgm, &eng->hwsp);
			ida_destroy(&eng->ids);
			goto err;
		}
		engine_hw_init(eng);
		fw_put(eng);
	}
	return 0;

err:
	while (e--)
		engine_fini(&es->engine[e]);
	destroy_workqueue(es->wq);
	return ret;
}

/**
 * mgvt_engines_shutdown - the engine owners take no more work
 * @pgpu: the pGPU
 *
 * Every request an engine still holds fails with -ESHUTDOWN, its events
 * delivered before this returns, so clients can wait for their requests
 * and go; further submissions fail with -ESHUTDOWN.
 */
void mgvt_engines_shutdown(struct mgvt_pgpu *pgpu)
{
	unsigned int e;

	for (e = 0; e < MGVT_NUM_ENGINES; e++)
		engine_shutdown(&pgpu->engines.engine[e]);
}

/**
 * mgvt_engines_fini - free the engine owners
 * @pgpu: the pGPU, its interrupts disabled, its clients gone
 *
 * Shuts the engines down if mgvt_engines_shutdown() did not; the HWSPs go
 * back to host GM.
 */
void mgvt_engines_fini(struct mgvt_pgpu *pgpu)
{
	unsigned int e;

	for (e = 0; e < MGVT_NUM_ENGINES; e++)
		engine_fini(&pgpu->engines.engine[e]);
	destroy_workqueue(pgpu->engines.wq);
	mutex_destroy(&pgpu->engines.fw_lock);
}

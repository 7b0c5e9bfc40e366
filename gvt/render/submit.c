// SPDX-License-Identifier: GPL-2.0
/*
 * The submission state of one engine: see submit.h.
 *
 * Gen9 execlists in short: a submission is a quad written to ELSP naming
 * element 0 and (optionally) element 1.  The engine answers every quad it
 * takes with one "promote" event in the context status buffer (IDLE_ACTIVE
 * from idle, PREEMPTED | LITE_RESTORE when element 0 is the context
 * already running, PREEMPTED when it switched another out) and every
 * element it finishes with one COMPLETE event (ELEMENT_SWITCH when element
 * 1 follows, ACTIVE_IDLE when not).  The upper dword of an event is the
 * context ID of the element concerned (0 for IDLE_ACTIVE).
 *
 * The rules this file keeps:
 * - one quad at a time: nothing is written to ELSP until the last one was
 *   promoted (the engine has a single pending slot);
 * - never a different context in element 0 while one runs (no
 *   preemption): new work reaches a busy engine as a lite restore of the
 *   running context when it has new requests (the tail moves), with
 *   another context in element 1 if one waits; otherwise it waits for the
 *   element to complete;
 * - never the same context in both elements; a context's requests stay in
 *   order and one element covers all of them that were queued;
 * - a completion is checked against the ring head the engine saved in
 *   the image: requests whose tail it did not reach were not executed (a
 *   tail written while the context was being saved is lost) and go back
 *   to the queue;
 * - every event must match what was written, or the CSB is refused
 *   (-EPROTO) and the engine owner resets the engine.
 *
 * Pure logic, no locking (the engine owner's lock), no allocation; also
 * compiled in userspace by selftests/unit.
 */
#include <asm/barrier.h>
#include <linux/bits.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "mm/hostgm.h"
#include "regs/regs.h"
#include "render/submit.h"

/* A context may find its head short of every tail this often in a row. */
#define SUBMIT_MAX_STALLS	3

/**
 * mgvt_submit_init - an idle engine with an empty queue
 * @s: the state
 * @hw: the hardware side
 * @priv: passed to @hw
 */
void mgvt_submit_init(struct mgvt_submit *s, const struct mgvt_submit_ops *hw,
		      void *priv)
{
	memset(s, 0, sizeof(*s));
	INIT_LIST_HEAD(&s->queue);
	INIT_LIST_HEAD(&s->events);
	s->hw = hw;
	s->priv = priv;
	s->csb_head = CSB_ENTRIES - 1;
}

/**
 * mgvt_submit_ctx_init - the engine-side state of a new context
 * @ctx: the context
 */
void mgvt_submit_ctx_init(struct mgvt_engine_ctx *ctx)
{
	INIT_LIST_HEAD(&ctx->active);
	ctx->queued = 0;
	ctx->stalls = 0;
	ctx->errored = false;
}

/**
 * mgvt_submit_desc - the execlist descriptor of a context
 * @ctx: the context
 *
 * Return: its image address, valid, legacy 4-level addressing, the
 * client's flags and its context ID in the upper dword.
 */
u64 mgvt_submit_desc(const struct mgvt_engine_ctx *ctx)
{
	return (mgvt_gm_buf_addr(ctx->img, ctx->img_off) & CTX_DESC_LRCA) | CTX_DESC_VALID |
	       (u64)CTX_DESC_MODE_4LVL << CTX_DESC_MODE_SHIFT |
	       ctx->desc_flags | (u64)ctx->hw_id << CTX_DESC_CTX_ID_SHIFT;
}

/* @budget from @now; U64_MAX (no budget) never expires. */
static u64 deadline(u64 now, u64 budget)
{
	return budget > U64_MAX - now ? U64_MAX : now + budget;
}

static void emit(struct mgvt_submit *s, struct mgvt_engine_rq *rq,
		 enum mgvt_rq_event ev)
{
	if (!rq->ev_bits)
		list_add_tail(&rq->ev_link, &s->events);
	rq->ev_bits |= BIT(ev);
}

/* Its last event: the request is out of every list of the engine. */
static void finish(struct mgvt_submit *s, struct mgvt_engine_rq *rq, int err)
{
	list_del(&rq->link);
	rq->state = MGVT_RQ_DONE;
	rq->status = err;
	rq->end_ns = s->hw->now_ns(s->priv);
	s->stat[err ? MGVT_ES_FAILED : MGVT_ES_COMPLETED]++;
	/* Delivered in the order requests finish, whatever came before. */
	if (rq->ev_bits)
		list_move_tail(&rq->ev_link, &s->events);
	emit(s, rq, err ? MGVT_RQ_ERROR : MGVT_RQ_COMPLETED);
}

/**
 * mgvt_submit_queue - a client's request joins the queue
 * @s: the state
 * @rq: the request, its context and tail set
 */
void mgvt_submit_queue(struct mgvt_submit *s, struct mgvt_engine_rq *rq)
{
	rq->state = MGVT_RQ_QUEUED;
	rq->status = 0;
	rq->ev_bits = 0;
	rq->submit_ns = s->hw->now_ns(s->priv);
	list_add_tail(&rq->link, &s->queue);
	rq->ctx->queued++;
}

/*
 * Move every queued request of @ctx to its active list, in order.
 * Return: the last one, or NULL if none was queued.
 */
static struct mgvt_engine_rq *take_ctx(struct mgvt_submit *s,
				       struct mgvt_engine_ctx *ctx)
{
	struct mgvt_engine_rq *rq, *tmp, *last = NULL;

	if (!ctx->queued)
		return NULL;
	list_for_each_entry_safe(rq, tmp, &s->queue, link) {
		if (rq->ctx != ctx)
			continue;
		list_del(&rq->link);
		list_add_tail(&rq->link, &ctx->active);
		rq->state = MGVT_RQ_SUBMITTED;
		last = rq;
	}
	ctx->queued = 0;
	return last;
}

static struct mgvt_engine_ctx *first_other(struct mgvt_submit *s,
					   struct mgvt_engine_ctx *not)
{
	struct mgvt_engine_rq *rq;

	list_for_each_entry(rq, &s->queue, link)
		if (rq->ctx != not)
			return rq->ctx;
	return NULL;
}

/**
 * mgvt_submit_dispatch - write the next submission, if one can be written
 * @s: the state
 *
 * Idle engine: the context of the oldest request in element 0 and the
 * next other context in element 1.  One element running, none waiting,
 * and new requests of the running context: the running context again (a
 * lite restore with its new tail) and the next other context in element
 * 1.  A quad not promoted yet, both elements busy, or nothing new for the
 * running context: nothing.
 *
 * Return: true when a quad was written.
 */
bool mgvt_submit_dispatch(struct mgvt_submit *s)
{
	struct mgvt_engine_ctx *x = s->inflight[0].ctx, *y;
	struct mgvt_engine_rq *last0, *last1 = NULL;
	u64 desc[2] = { 0, 0 };

	if (s->pending_valid || s->inflight[1].ctx || list_empty(&s->queue))
		return false;
	if (!x)
		x = list_first_entry(&s->queue, struct mgvt_engine_rq, link)->ctx;
	/*
	 * Never a lite restore with the running context's old tail: the
	 * context may complete before the quad is taken and then run again
	 * from its image after its client was told it completed, and Gen9
	 * wants a lite restore's tail to move.  Other work waits.
	 */
	if (!x->queued)
		return false;
	y = first_other(s, x);
	last0 = take_ctx(s, x);
	if (y)
		last1 = take_ctx(s, y);

	s->pending[0] = (struct mgvt_submit_port){ x, last0 };
	s->pending[1] = (struct mgvt_submit_port){ last1 ? y : NULL, last1 };
	s->pending_valid = true;
	s->hw->set_tail(s->priv, x, last0->tail);
	desc[0] = mgvt_submit_desc(x);
	if (last1) {
		s->hw->set_tail(s->priv, y, last1->tail);
		desc[1] = mgvt_submit_desc(y);
		s->stat[MGVT_ES_PAIRS]++;
	}
	s->hw->elsp(s->priv, desc);
	s->stat[MGVT_ES_SUBMITS]++;
	/* From idle, the budget runs from now, even if no event ever comes. */
	if (!s->inflight[0].ctx)
		s->deadline_ns = deadline(s->hw->now_ns(s->priv),
					  s->hw->budget_ns(s->priv, last0));
	return true;
}

/* The requests of @port not executing yet start: @ev tells how. */
static void start_port(struct mgvt_submit *s, struct mgvt_submit_port *port,
		       enum mgvt_rq_event ev)
{
	struct mgvt_engine_rq *rq;
	u64 now = s->hw->now_ns(s->priv), budget = 0;

	list_for_each_entry(rq, &port->ctx->active, link) {
		if (rq->state == MGVT_RQ_SUBMITTED) {
			rq->state = MGVT_RQ_RUNNING;
			rq->start_ns = now;
			emit(s, rq, ev);
			budget = max(budget, s->hw->budget_ns(s->priv, rq));
		}
		if (rq == port->last)
			break;
	}
	/*
	 * Each submission gets its budget from when it reached the engine;
	 * one appended to a running context never shortens what it had.
	 */
	if (!budget)
		return;
	if (ev == MGVT_RQ_LITE_RESTORED)
		s->deadline_ns = max(s->deadline_ns, deadline(now, budget));
	else
		s->deadline_ns = deadline(now, budget);
}

/*
 * A request its context did not finish: it runs with a later element.
 * One that was executing hears so (PREEMPTED) before it starts again.
 */
static void unrun(struct mgvt_submit *s, struct mgvt_engine_rq *rq)
{
	if (rq->state == MGVT_RQ_RUNNING)
		emit(s, rq, MGVT_RQ_PREEMPTED);
	rq->state = MGVT_RQ_SUBMITTED;
}

/* Requests of @ctx from @from on go back to the front of the queue. */
static void requeue_from(struct mgvt_submit *s, struct mgvt_engine_ctx *ctx,
			 struct mgvt_engine_rq *from, struct mgvt_engine_rq *last)
{
	struct mgvt_engine_rq *rq, *tmp;
	struct list_head *pos = &s->queue;

	rq = from;
	list_for_each_entry_safe_from(rq, tmp, &ctx->active, link) {
		bool end = rq == last;

		unrun(s, rq);
		list_del(&rq->link);
		list_add(&rq->link, pos);	/* after the ones moved before */
		pos = &rq->link;
		rq->state = MGVT_RQ_QUEUED;
		ctx->queued++;
		s->stat[MGVT_ES_REQUEUED]++;
		if (end)
			break;
	}
}

static u32 ring_off(const struct mgvt_engine_ctx *ctx, u32 off)
{
	return ctx->ring_size ? off % ctx->ring_size : off;
}

/*
 * An element left the engine (completed or switched out): its requests up
 * to the saved ring head are complete, the rest go back to the queue.
 */
static void retire_port(struct mgvt_submit *s, struct mgvt_submit_port *port,
			bool preempted)
{
	struct mgvt_engine_ctx *ctx = port->ctx;
	struct mgvt_engine_rq *rq, *tmp, *reached = NULL;
	u32 head = ring_off(ctx, s->hw->saved_head(s->priv, ctx) & RING_HEAD_ADDR);

	list_for_each_entry(rq, &ctx->active, link) {
		if (rq->state == MGVT_RQ_RUNNING &&
		    ring_off(ctx, rq->tail) == head)
			reached = rq;
		if (rq == port->last)
			break;
	}
	if (reached) {
		ctx->stalls = 0;
		list_for_each_entry_safe(rq, tmp, &ctx->active, link) {
			bool end = rq == reached;

			finish(s, rq, 0);
			if (end)
				break;
		}
	} else if (!preempted && ++ctx->stalls >= SUBMIT_MAX_STALLS) {
		/*
		 * The engine never gets there: the image or the tail is wrong.
		 * The whole context fails, through an engine reset (a quad on
		 * its way may name it again).
		 */
		s->stalled = ctx;
		return;
	}
	if (reached == port->last || list_empty(&ctx->active))
		return;
	rq = reached ? list_next_entry(reached, link) :
		       list_first_entry(&ctx->active, struct mgvt_engine_rq, link);
	if (s->pending_valid &&
	    (s->pending[0].ctx == ctx || s->pending[1].ctx == ctx)) {
		/*
		 * The quad on its way names this context again with a later
		 * tail: it runs these too, from the head just saved.
		 */
		for (; rq != port->last; rq = list_next_entry(rq, link))
			unrun(s, rq);
		unrun(s, rq);
		return;
	}
	requeue_from(s, ctx, rq, port->last);
}

/* Element 1 of a submission that never started goes back to the queue. */
static void unstart_port(struct mgvt_submit *s, struct mgvt_submit_port *port)
{
	if (!port->ctx)
		return;
	requeue_from(s, port->ctx,
		     list_first_entry(&port->ctx->active, struct mgvt_engine_rq, link),
		     port->last);
	*port = (struct mgvt_submit_port){ NULL, NULL };
}

/**
 * mgvt_submit_csb - consume one context status buffer entry
 * @s: the state
 * @status: its lower dword
 * @ctx_id: its upper dword
 *
 * Return: 0, -EPROTO when the entry does not match what was submitted
 * (the state is left as it was), or -EIO when a context keeps completing
 * short of its tails (mgvt_submit_suspect() names it): either way the
 * engine must be reset.
 */
int mgvt_submit_csb(struct mgvt_submit *s, u32 status, u32 ctx_id)
{
	struct mgvt_submit_port *run = &s->inflight[0];

	s->stat[MGVT_ES_CSB]++;
	if (status & (CSB_IDLE_ACTIVE | CSB_PREEMPTED)) {
		bool lite = status & CSB_LITE_RESTORE;

		if (!s->pending_valid)
			goto bad;
		if (status & CSB_PREEMPTED) {
			if (!run->ctx || ctx_id != run->ctx->hw_id ||
			    (lite && s->pending[0].ctx != run->ctx))
				goto bad;
		} else if (run->ctx) {
			goto bad;
		}
		if (lite) {
			s->stat[MGVT_ES_LITE]++;
		} else if (status & CSB_PREEMPTED) {
			s->stat[MGVT_ES_PREEMPTED]++;
			retire_port(s, run, true);
			unstart_port(s, &s->inflight[1]);
		}
		s->inflight[0] = s->pending[0];
		s->inflight[1] = s->pending[1];
		s->pending[0] = (struct mgvt_submit_port){ NULL, NULL };
		s->pending[1] = s->pending[0];
		s->pending_valid = false;
		start_port(s, run, lite ? MGVT_RQ_LITE_RESTORED : MGVT_RQ_PROMOTED);
		return 0;
	}

	if (!(status & CSB_COMPLETE) || !run->ctx || ctx_id != run->ctx->hw_id ||
	    !(status & (CSB_ELEMENT_SWITCH | CSB_ACTIVE_IDLE)) ||
	    !!(status & CSB_ELEMENT_SWITCH) != !!s->inflight[1].ctx)
		goto bad;
	retire_port(s, run, false);
	if (s->stalled)
		return -EIO;
	s->inflight[0] = s->inflight[1];
	s->inflight[1] = (struct mgvt_submit_port){ NULL, NULL };
	if (run->ctx) {
		s->stat[MGVT_ES_SWITCHES]++;
		start_port(s, run, MGVT_RQ_ELEMENT_SWITCH);
	}
	return 0;

bad:
	s->stat[MGVT_ES_CSB_BAD]++;
	return -EPROTO;
}

/**
 * mgvt_submit_csb_process - consume the new entries of the context status buffer
 * @s: the state
 *
 * Reads the engine's CSB in its status page through @s->hw->hwsp_read:
 * the entries after the last one consumed up to the engine's write
 * pointer, wrapping at the end of the buffer.  A write pointer outside the
 * buffer means none was written since the last reset.
 *
 * Return: 0, or -EPROTO at the first entry that makes no sense (the
 * entries after it are left unread).
 */
int mgvt_submit_csb_process(struct mgvt_submit *s)
{
	u32 wp, status, id;
	unsigned int i;
	int ret;

	wp = s->hw->hwsp_read(s->priv, HWSP_CSB_WRITE);
	if (wp >= CSB_ENTRIES)
		return 0;
	/*
	 * The engine writes an entry, then the pointer: no entry may be read
	 * before the pointer that covers it.
	 */
	rmb();
	while (s->csb_head != wp) {
		i = s->csb_head == CSB_ENTRIES - 1 ? 0 : s->csb_head + 1;
		status = s->hw->hwsp_read(s->priv, HWSP_CSB + 2 * i);
		id = s->hw->hwsp_read(s->priv, HWSP_CSB + 2 * i + 1);
		s->csb_head = i;
		ret = mgvt_submit_csb(s, status, id);
		if (ret)
			return ret;
	}
	return 0;
}

/* Fail every request of @ctx the engine holds, queued ones included. */
static void fail_ctx(struct mgvt_submit *s, struct mgvt_engine_ctx *ctx,
		     int err, const struct mgvt_engine_error *info)
{
	struct mgvt_engine_rq *rq, *tmp;
	bool first = true;

	list_for_each_entry_safe(rq, tmp, &ctx->active, link) {
		if (first && info)
			rq->error = *info;
		finish(s, rq, first ? err : -ECANCELED);
		first = false;
	}
	list_for_each_entry_safe(rq, tmp, &s->queue, link)
		if (rq->ctx == ctx)
			finish(s, rq, -ECANCELED);
	ctx->queued = 0;
	ctx->stalls = 0;
	ctx->errored = true;
}

/**
 * mgvt_submit_reset - the engine was reset after an error
 * @s: the state
 * @guilty: the context that was running (NULL: none known)
 * @err: what its running request fails with (-EIO, -ETIMEDOUT)
 * @info: what the engine reported, copied into that request
 *
 * The guilty context's running request fails with @err, its other
 * requests with -ECANCELED: its image no longer matches its ring, so its
 * client must rewrite it before submitting it again.  Requests of other
 * contexts the engine held go back to the front of the queue, to be
 * submitted again.  The CSB starts over.
 */
void mgvt_submit_reset(struct mgvt_submit *s, struct mgvt_engine_ctx *guilty,
		       int err, const struct mgvt_engine_error *info)
{
	/* Each goes to the front: the last one handled ends up first. */
	struct mgvt_submit_port *ports[] = {
		&s->pending[1], &s->pending[0], &s->inflight[1], &s->inflight[0],
	};
	unsigned int i;

	if (guilty)
		fail_ctx(s, guilty, err, info);
	for (i = 0; i < ARRAY_SIZE(ports); i++) {
		struct mgvt_submit_port *p = ports[i];

		if (p->ctx && p->ctx != guilty && !list_empty(&p->ctx->active))
			requeue_from(s, p->ctx,
				     list_first_entry(&p->ctx->active,
						      struct mgvt_engine_rq, link),
				     list_last_entry(&p->ctx->active,
						     struct mgvt_engine_rq, link));
		*p = (struct mgvt_submit_port){ NULL, NULL };
	}
	s->pending_valid = false;
	s->stalled = NULL;
	s->csb_head = CSB_ENTRIES - 1;
}

/**
 * mgvt_submit_cancel_ctx - fail every request of a context the engine
 *	does not hold (neither running nor written to ELSP)
 * @s: the state
 * @ctx: the context
 * @err: the status each request gets
 *
 * As after an error, the context is refused until its client rewrote its
 * image and reset it.
 */
void mgvt_submit_cancel_ctx(struct mgvt_submit *s, struct mgvt_engine_ctx *ctx,
			    int err)
{
	fail_ctx(s, ctx, err, NULL);
}

/**
 * mgvt_submit_cancel_all - fail everything: the engine goes away
 * @s: the state
 * @err: the status every request gets
 */
void mgvt_submit_cancel_all(struct mgvt_submit *s, int err)
{
	struct mgvt_engine_rq *rq;

	mgvt_submit_reset(s, NULL, err, NULL);
	while (!list_empty(&s->queue)) {
		rq = list_first_entry(&s->queue, struct mgvt_engine_rq, link);
		rq->ctx->queued--;
		finish(s, rq, err);
	}
}

/**
 * mgvt_submit_idle - nothing queued, submitted or running
 * @s: the state
 *
 * Return: true when idle.
 */
bool mgvt_submit_idle(const struct mgvt_submit *s)
{
	return !s->pending_valid && !s->inflight[0].ctx && list_empty(&s->queue);
}

/**
 * mgvt_submit_names - whether an ELSP element names a context
 * @s: the state
 * @ctx: the context
 *
 * Return: true while @ctx is in a submission the engine holds or was
 * given.
 */
bool mgvt_submit_names(const struct mgvt_submit *s,
		       const struct mgvt_engine_ctx *ctx)
{
	return s->inflight[0].ctx == ctx || s->inflight[1].ctx == ctx ||
	       (s->pending_valid &&
		(s->pending[0].ctx == ctx || s->pending[1].ctx == ctx));
}

/**
 * mgvt_submit_suspect - the context to blame when the engine must be reset
 * @s: the state
 *
 * Return: a context that never reached its tails, else the running one,
 * else the one in the quad the engine did not take; NULL if none.
 */
struct mgvt_engine_ctx *mgvt_submit_suspect(const struct mgvt_submit *s)
{
	if (s->stalled)
		return s->stalled;
	if (s->inflight[0].ctx)
		return s->inflight[0].ctx;
	return s->pending_valid ? s->pending[0].ctx : NULL;
}

/**
 * mgvt_submit_running - the context the engine executes
 * @s: the state
 *
 * Return: element 0's context, or NULL when idle.
 */
struct mgvt_engine_ctx *mgvt_submit_running(const struct mgvt_submit *s)
{
	return s->inflight[0].ctx;
}

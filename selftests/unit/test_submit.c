// SPDX-License-Identifier: GPL-2.0
/*
 * The engine owner's submission state (gvt/render/submit.c) against a
 * model of a Gen9 engine that behaves as mgvt-sim and hardware do: one
 * pending ELSP slot, a promote event per quad taken, a completion per
 * element, lite restore of the running context, the context image saved
 * at every switch, and a CSB of six entries that wraps.  Checked: every
 * request gets exactly one final event, in order per context, with the
 * right intermediate events; paired submissions, lite restore, a tail
 * lost to a concurrent save, preemption, engine reset, bad CSB entries,
 * and 1,000 requests of four contexts interleaved at random.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/minmax.h>

#include "mm/hostgm.h"
#include "regs/regs.h"
#include "render/submit.h"
#include "tap.h"

#define NCTX		4
#define RING		4096
#define MAX_RQ		2048

/* ---- the engine model ---- */

struct model_ctx {
	u32 img_head, img_tail;		/* the image's ring context */
};

static struct model {
	struct model_ctx ctx[NCTX + 1];	/* by hw_id */
	u64 slot[2];			/* ELSP quad not yet taken */
	bool slot_full;
	unsigned int overwrites;	/* quads written over an untaken one */
	u64 port[2];			/* running, next */
	u32 head, tail;			/* of port[0], live */
	u32 csb[2 * CSB_ENTRIES];
	u32 wp;
} m;

static u32 id_of(u64 desc) { return desc >> 32; }

static void csb_event(u32 status, u32 id)
{
	m.wp = m.wp == CSB_ENTRIES - 1 ? 0 : m.wp + 1;
	m.csb[2 * m.wp] = status;
	m.csb[2 * m.wp + 1] = id;
}

static void load(u64 desc)
{
	m.head = m.ctx[id_of(desc)].img_head;
	m.tail = m.ctx[id_of(desc)].img_tail;
}

static void save(u64 desc)
{
	m.ctx[id_of(desc)].img_head = m.head;
	m.ctx[id_of(desc)].img_tail = m.tail;
}

/* The engine takes the pending quad. */
static bool take(void)
{
	if (!m.slot_full)
		return false;
	m.slot_full = false;
	if (m.port[0] && id_of(m.port[0]) == id_of(m.slot[0])) {
		m.tail = m.ctx[id_of(m.slot[0])].img_tail;	/* lite restore */
		csb_event(CSB_PREEMPTED | CSB_LITE_RESTORE, id_of(m.port[0]));
	} else if (m.port[0]) {
		save(m.port[0]);
		csb_event(CSB_PREEMPTED, id_of(m.port[0]));
		load(m.slot[0]);
	} else {
		csb_event(CSB_IDLE_ACTIVE, 0);
		load(m.slot[0]);
	}
	m.port[0] = m.slot[0];
	m.port[1] = m.slot[1];
	return true;
}

/* Element 0 runs to its tail and completes. */
static bool run(void)
{
	u64 done = m.port[0];

	if (!done)
		return false;
	m.head = m.tail;
	save(done);
	m.port[0] = m.port[1];
	m.port[1] = 0;
	csb_event(CSB_COMPLETE | (m.port[0] ? CSB_ELEMENT_SWITCH : CSB_ACTIVE_IDLE),
		  id_of(done));
	if (m.port[0])
		load(m.port[0]);
	return true;
}

/* ---- the hardware side of the submission state ---- */

static u64 now;
static unsigned int elsp_writes;

static void op_elsp(void *priv, const u64 desc[2])
{
	if (m.slot_full)
		m.overwrites++;
	m.slot[0] = desc[0];
	m.slot[1] = desc[1];
	m.slot_full = true;
	elsp_writes++;
}

/* A client whose tails never reach the image (a broken image, say). */
static bool drop_tails;

static void op_set_tail(void *priv, struct mgvt_engine_ctx *ctx, u32 tail)
{
	if (!drop_tails)
		m.ctx[ctx->hw_id].img_tail = tail;
}

static u32 op_saved_head(void *priv, struct mgvt_engine_ctx *ctx)
{
	return m.ctx[ctx->hw_id].img_head;
}

/*
 * The status page as the engine writes it: entries first, then the write
 * pointer.  @race_at > 0 makes the engine finish an element just before
 * that read (1-based) of the CSB pass.
 */
static unsigned int race_at, reads;

static u32 op_hwsp_read(void *priv, unsigned int dw)
{
	if (race_at && ++reads == race_at)
		run();
	if (dw == HWSP_CSB_WRITE)
		return m.wp;
	return m.csb[dw - HWSP_CSB];
}

static u64 op_now(void *priv) { return ++now; }
static u64 budget = 1000;
static u64 op_budget(void *priv, struct mgvt_engine_rq *rq)
{
	return rq->budget_ms ? rq->budget_ms : budget;
}

static const struct mgvt_submit_ops ops = {
	.elsp = op_elsp, .set_tail = op_set_tail, .saved_head = op_saved_head,
	.hwsp_read = op_hwsp_read, .now_ns = op_now, .budget_ns = op_budget,
};

/* ---- clients ---- */

static struct mgvt_submit s;
static struct mgvt_gm_buf img = { .gm = 0x100000 };
static struct mgvt_engine_ctx ctxs[NCTX];
static u32 ring_tail[NCTX];
static struct mgvt_engine_rq rqs[MAX_RQ];
static unsigned int nrq;
/* What each request saw. */
static unsigned long seen[MAX_RQ];
static unsigned int finals[MAX_RQ], order_bad;
static int last_done[NCTX];

static void reset_all(void)
{
	unsigned int i;

	memset(&m, 0, sizeof(m));
	m.wp = CSB_ENTRIES - 1;
	mgvt_submit_init(&s, &ops, NULL);
	for (i = 0; i < NCTX; i++) {
		memset(&ctxs[i], 0, sizeof(ctxs[i]));
		ctxs[i].img = &img;
		ctxs[i].img_off = 0x2000 * i;
		ctxs[i].ring_size = RING;
		ctxs[i].hw_id = i + 1;
		mgvt_submit_ctx_init(&ctxs[i]);
		ring_tail[i] = 0;
		last_done[i] = -1;
	}
	memset(rqs, 0, sizeof(rqs));
	memset(seen, 0, sizeof(seen));
	memset(finals, 0, sizeof(finals));
	nrq = 0;
	order_bad = 0;
	elsp_writes = 0;
}

/* A request of @c whose commands take @bytes of its ring (wrapping). */
static struct mgvt_engine_rq *submit(unsigned int c, u32 bytes)
{
	struct mgvt_engine_rq *rq = &rqs[nrq];

	ring_tail[c] = (ring_tail[c] + bytes) % RING;
	rq->ctx = &ctxs[c];
	rq->tail = ring_tail[c];
	rq->priv = (void *)(uintptr_t)nrq;
	nrq++;
	mgvt_submit_queue(&s, rq);
	return rq;
}

/* Deliver events as the engine owner does, checking the per-request rules. */
static void deliver(void)
{
	struct mgvt_engine_rq *rq, *tmp;

	list_for_each_entry_safe(rq, tmp, &s.events, ev_link) {
		unsigned int i = rq - rqs, c = rq->ctx - ctxs;

		list_del(&rq->ev_link);
		seen[i] |= rq->ev_bits;
		if (rq->ev_bits & (BIT(MGVT_RQ_COMPLETED) | BIT(MGVT_RQ_ERROR))) {
			finals[i]++;
			if ((int)i < last_done[c]) {
				order_bad++;
				if (getenv("SUBMIT_DEBUG"))
					tap_diag("ctx %u: request %u done after %d", c, i, last_done[c]);
			}
			last_done[c] = i;
		}
		rq->ev_bits = 0;
	}
}

static int csb(void)
{
	int ret = mgvt_submit_csb_process(&s);

	deliver();
	return ret;
}

static unsigned int count_final(unsigned int from, unsigned int to, unsigned int n)
{
	unsigned int i, k = 0;

	for (i = from; i < to; i++)
		k += finals[i] == n;
	return k;
}

static void test_single_and_pair(void)
{
	reset_all();
	submit(0, 64);
	tap_ok(mgvt_submit_dispatch(&s) && m.slot[1] == 0 &&
	       (m.slot[0] & CTX_DESC_VALID) && id_of(m.slot[0]) == 1 &&
	       (m.slot[0] & CTX_DESC_LRCA) == 0x100000 &&
	       ((m.slot[0] >> CTX_DESC_MODE_SHIFT) & 3) == CTX_DESC_MODE_4LVL,
	       "idle engine: element 0 = the context (valid, 4-level, ID 1), element 1 empty");
	tap_ok(!mgvt_submit_dispatch(&s) && elsp_writes == 1,
	       "nothing more to write");
	take();
	tap_ok(!csb() && seen[0] == BIT(MGVT_RQ_PROMOTED), "IDLE_ACTIVE: PROMOTED");
	run();
	tap_ok(!csb() && seen[0] == (BIT(MGVT_RQ_PROMOTED) | BIT(MGVT_RQ_COMPLETED)) &&
	       rqs[0].status == 0 && mgvt_submit_idle(&s),
	       "COMPLETE|ACTIVE_IDLE: COMPLETED, engine idle");

	reset_all();
	submit(0, 64);
	submit(1, 64);
	submit(0, 32);
	tap_ok(mgvt_submit_dispatch(&s) && id_of(m.slot[0]) == 1 && id_of(m.slot[1]) == 2 &&
	       m.ctx[1].img_tail == 96 && m.ctx[2].img_tail == 64,
	       "paired: [ctx A up to its 2nd request, ctx B] with their tails in the images");
	take();
	csb();
	tap_ok(seen[0] == BIT(MGVT_RQ_PROMOTED) && seen[2] == BIT(MGVT_RQ_PROMOTED) &&
	       !seen[1], "A's requests promoted, B waits in element 1");
	run();
	csb();
	tap_ok(finals[0] == 1 && finals[2] == 1 && seen[1] == BIT(MGVT_RQ_ELEMENT_SWITCH) &&
	       s.stat[MGVT_ES_SWITCHES] == 1, "A completed, B started by ELEMENT_SWITCH");
	run();
	csb();
	tap_ok(count_final(0, 3, 1) == 3 && mgvt_submit_idle(&s) && !m.overwrites,
	       "B completed; each request exactly one final event");
}

static void test_deadline(void)
{
	reset_all();
	submit(0, 64);
	mgvt_submit_dispatch(&s);
	tap_ok(s.deadline_ns > now && s.deadline_ns <= now + 1000,
	       "the watchdog deadline is the budget from the submission");
	take();
	csb();
	submit(0, 64);
	now += 5000;
	mgvt_submit_dispatch(&s);
	take();
	csb();
	tap_ok(s.deadline_ns > now, "a lite restore gives the new request its own budget");
	reset_all();
	budget = U64_MAX;
	now = U64_MAX - 10;
	submit(0, 64);
	mgvt_submit_dispatch(&s);
	take();
	csb();
	tap_ok(s.deadline_ns == U64_MAX, "no budget (U64_MAX): the deadline never comes, no overflow");
	budget = 1000;
	now = 0;
}

static void test_lite_restore(void)
{
	reset_all();
	submit(0, 64);
	mgvt_submit_dispatch(&s);
	take();
	csb();
	submit(0, 64);
	tap_ok(mgvt_submit_dispatch(&s) && id_of(m.slot[0]) == 1 && !m.slot[1],
	       "busy context gets a new request: element 0 is the same context");
	take();
	csb();
	tap_ok(seen[1] == BIT(MGVT_RQ_LITE_RESTORED) && s.stat[MGVT_ES_LITE] == 1,
	       "PREEMPTED|LITE_RESTORE: the new request LITE_RESTORED");
	run();
	csb();
	tap_ok(finals[0] == 1 && finals[1] == 1 && !rqs[0].status && !rqs[1].status,
	       "one completion covers both requests");

	/*
	 * Busy with A and nothing new for it; B arrives.  A lite restore with
	 * A's old tail would make a context whose requests completed run
	 * again from its image (and Gen9 wants the tail to move): B waits.
	 */
	reset_all();
	submit(0, 64);
	mgvt_submit_dispatch(&s);
	take();
	csb();
	submit(1, 64);
	tap_ok(!mgvt_submit_dispatch(&s) && elsp_writes == 1,
	       "busy with A, nothing new for A, B queued: no ELSP write");
	run();
	csb();
	tap_ok(finals[0] == 1 && mgvt_submit_dispatch(&s) && id_of(m.slot[0]) == 2 &&
	       !m.slot[1], "A completes, then B goes alone");
	take();
	csb();
	run();
	csb();
	tap_ok(finals[1] == 1 && mgvt_submit_idle(&s), "B completes");

	/* Busy with A, new requests for A and B: [A (new tail), B]. */
	reset_all();
	submit(0, 64);
	mgvt_submit_dispatch(&s);
	take();
	csb();
	submit(1, 64);
	submit(0, 64);
	tap_ok(mgvt_submit_dispatch(&s) && id_of(m.slot[0]) == 1 && id_of(m.slot[1]) == 2 &&
	       m.ctx[1].img_tail == 128, "busy with A, new work for A and B: [A (new tail), B]");
	tap_ok(!mgvt_submit_dispatch(&s) && elsp_writes == 2,
	       "no ELSP write before that quad is promoted");
	take();
	csb();
	run();
	csb();
	run();
	csb();
	tap_ok(count_final(0, 3, 1) == 3 && seen[1] & BIT(MGVT_RQ_ELEMENT_SWITCH) &&
	       mgvt_submit_idle(&s), "all complete, B through an element switch");
}

/* A completes after its new tail was written and before the quad is taken. */
static void test_lost_tail(void)
{
	reset_all();
	submit(0, 64);
	mgvt_submit_dispatch(&s);
	take();
	csb();
	submit(0, 64);
	submit(1, 64);
	mgvt_submit_dispatch(&s);	/* [A tail 128, B] */
	run();				/* A completes: saves tail 64 over 128 */
	take();				/* idle: IDLE_ACTIVE, A reloaded: 64..64 */
	tap_ok(m.ctx[1].img_tail == 64 && !csb(), "the save overwrote the new tail");
	run();				/* A completes at once, B switches in */
	csb();
	tap_ok(finals[0] == 1 && !finals[1] && rqs[1].state == MGVT_RQ_QUEUED &&
	       s.stat[MGVT_ES_REQUEUED] == 1,
	       "A's head is short of request 2's tail: it goes back to the queue");
	while (mgvt_submit_dispatch(&s) | take() | run())
		csb();
	csb();
	tap_ok(count_final(0, 3, 1) == 3 && mgvt_submit_idle(&s) && !order_bad,
	       "resubmitted and completed, once each, in order");
}

static void test_failures(void)
{
	unsigned int i;
	u64 d;

	/* A context that never gets to its tail: all of it fails at once. */
	reset_all();
	drop_tails = true;
	submit(0, 64);
	for (i = 0; i < 2; i++) {
		mgvt_submit_dispatch(&s);
		take();
		csb();
		if (!i)
			submit(0, 64);
		run();
		csb();
	}
	mgvt_submit_dispatch(&s);
	take();
	csb();
	submit(0, 64);		/* queued when the context is given up */
	submit(1, 64);		/* another context */
	run();
	drop_tails = false;
	tap_ok(csb() == -EIO && mgvt_submit_suspect(&s) == &ctxs[0],
	       "the third completion short of every tail: -EIO, the context named for the reset");
	memset(&m.port, 0, sizeof(m.port));
	m.wp = CSB_ENTRIES - 1;
	mgvt_submit_reset(&s, mgvt_submit_suspect(&s), -EIO, NULL);
	deliver();
	tap_ok(rqs[0].status == -EIO && rqs[1].status == -ECANCELED &&
	       rqs[2].status == -ECANCELED && count_final(0, 3, 1) == 3,
	       "a context whose head never reaches its tails: its running request -EIO, all its others -ECANCELED, queued ones too");
	while (mgvt_submit_dispatch(&s) | take() | run())
		csb();
	csb();
	tap_ok(finals[3] == 1 && !rqs[3].status && mgvt_submit_idle(&s),
	       "the other context still runs");

	/* A reset that cannot tell who was guilty: the running one runs again. */
	reset_all();
	submit(0, 64);
	mgvt_submit_dispatch(&s);
	take();
	csb();
	memset(&m.port, 0, sizeof(m.port));
	m.wp = CSB_ENTRIES - 1;
	mgvt_submit_reset(&s, NULL, -EIO, NULL);
	deliver();
	tap_ok(seen[0] == (BIT(MGVT_RQ_PROMOTED) | BIT(MGVT_RQ_PREEMPTED)) &&
	       rqs[0].state == MGVT_RQ_QUEUED,
	       "reset with no guilty context: the running request PREEMPTED and queued again");
	while (mgvt_submit_dispatch(&s) | take() | run())
		csb();
	csb();
	tap_ok(finals[0] == 1 && !rqs[0].status, "then promoted again and completed");

	/* A lite restore never shortens the running context's budget. */
	reset_all();
	submit(0, 64);
	mgvt_submit_dispatch(&s);
	take();
	csb();
	d = s.deadline_ns;
	submit(0, 64)->budget_ms = 1;
	mgvt_submit_dispatch(&s);
	take();
	csb();
	tap_ok(s.deadline_ns >= d, "a request with a shorter budget appended by lite restore keeps the running one's deadline");
	run();
	csb();
}

/* A context canceled while queued only: its requests fail, others run. */
static void test_cancel_queued(void)
{
	reset_all();
	submit(1, 64);
	mgvt_submit_dispatch(&s);
	take();
	csb();			/* 1 runs */
	submit(0, 64);
	submit(0, 64);
	submit(2, 64);
	tap_ok(!mgvt_submit_names(&s, &ctxs[0]), "cancel: context 0 only queued");
	mgvt_submit_cancel_ctx(&s, &ctxs[0], -ECANCELED);
	deliver();
	tap_ok(rqs[1].status == -ECANCELED && rqs[2].status == -ECANCELED &&
	       seen[1] == BIT(MGVT_RQ_ERROR) && seen[2] == BIT(MGVT_RQ_ERROR) &&
	       ctxs[0].errored && !ctxs[0].queued,
	       "cancel: its two queued requests fail with -ECANCELED, ERROR only, the context refused");
	while (mgvt_submit_dispatch(&s) | take() | run())
		csb();
	csb();
	tap_ok(finals[0] == 1 && !rqs[0].status && finals[3] == 1 && !rqs[3].status &&
	       mgvt_submit_idle(&s), "cancel: the other contexts' requests complete");
}

static void test_preempt_reset_bad(void)
{
	struct mgvt_engine_error info = { .eir = ERR_INSTRUCTION, .ipehr = 0x1f800000 };

	/* The engine switched A out (as with FORCE_RESTORE of another). */
	reset_all();
	submit(0, 64);
	submit(1, 64);
	mgvt_submit_dispatch(&s);
	take();
	csb();
	m.slot_full = true;	/* a quad [B] the engine takes as a preemption */
	s.pending_valid = true;
	s.pending[0] = s.inflight[1];
	m.slot[0] = mgvt_submit_desc(&ctxs[1]);
	m.slot[1] = 0;
	s.inflight[1] = (struct mgvt_submit_port){ NULL, NULL };
	take();
	tap_ok(!csb() && (seen[0] & BIT(MGVT_RQ_PREEMPTED)) && !finals[0] &&
	       rqs[0].state == MGVT_RQ_QUEUED && seen[1] == BIT(MGVT_RQ_PROMOTED),
	       "PREEMPTED: A's unfinished request PREEMPTED and queued again, B promoted");
	run();
	csb();
	mgvt_submit_dispatch(&s);
	take();
	csb();
	run();
	csb();
	tap_ok(finals[0] == 1 && finals[1] == 1 && !rqs[0].status &&
	       (seen[0] & BIT(MGVT_RQ_PROMOTED)), "A runs again and completes");

	/* Reset: A guilty (running), B in element 1, C queued. */
	reset_all();
	submit(0, 64);
	submit(1, 64);
	submit(0, 64);
	mgvt_submit_dispatch(&s);
	take();
	csb();
	submit(2, 64);
	submit(0, 64);
	memset(&m.port, 0, sizeof(m.port));	/* the engine reset */
	m.wp = CSB_ENTRIES - 1;
	mgvt_submit_reset(&s, &ctxs[0], -EIO, &info);
	deliver();
	tap_ok(rqs[0].status == -EIO && rqs[0].error.eir == ERR_INSTRUCTION &&
	       rqs[0].error.ipehr == 0x1f800000 && rqs[2].status == -ECANCELED &&
	       rqs[4].status == -ECANCELED && count_final(0, 5, 1) == 3,
	       "reset: A's running request -EIO with the engine's report, A's others -ECANCELED");
	tap_ok(rqs[1].state == MGVT_RQ_QUEUED && rqs[3].state == MGVT_RQ_QUEUED &&
	       list_first_entry(&s.queue, struct mgvt_engine_rq, link) == &rqs[1],
	       "B (element 1) back at the front of the queue, C behind it");
	while (mgvt_submit_dispatch(&s) | take() | !csb() * 0 | run())
		csb();
	tap_ok(finals[1] == 1 && finals[3] == 1 && !rqs[1].status && !rqs[3].status &&
	       mgvt_submit_idle(&s), "B and C resubmitted and completed");

	/* Entries that do not match what was submitted. */
	reset_all();
	tap_ok(mgvt_submit_csb(&s, CSB_IDLE_ACTIVE, 0) == -EPROTO,
	       "a promote with nothing submitted: -EPROTO");
	submit(0, 64);
	mgvt_submit_dispatch(&s);
	take();
	csb();
	tap_ok(mgvt_submit_csb(&s, CSB_COMPLETE | CSB_ACTIVE_IDLE, 2) == -EPROTO &&
	       mgvt_submit_csb(&s, CSB_COMPLETE | CSB_ELEMENT_SWITCH, 1) == -EPROTO &&
	       mgvt_submit_csb(&s, 0, 1) == -EPROTO && !finals[0],
	       "completion of another context, a switch to nothing, an empty status: -EPROTO");
	tap_ok(s.stat[MGVT_ES_CSB_BAD] == 4, "each counted (%lu)", s.stat[MGVT_ES_CSB_BAD]);
}

/* The CSB write pointer wraps; the ring tails wrap. */
static void test_wrap(void)
{
	unsigned int i;

	reset_all();
	for (i = 0; i < 40; i++) {
		submit(i % 2, 1000);	/* 4 KiB ring: wraps every 4 requests */
		mgvt_submit_dispatch(&s);
		take();
		if (i % 3 == 2) {	/* several events before one read */
			run();
			run();
		}
		csb();
	}
	while (mgvt_submit_dispatch(&s) | take() | run())
		csb();
	csb();
	tap_ok(count_final(0, 40, 1) == 40 && !order_bad && mgvt_submit_idle(&s) &&
	       s.stat[MGVT_ES_CSB] > CSB_ENTRIES && !s.stat[MGVT_ES_CSB_BAD],
	       "40 requests, tails wrapping the ring, %lu CSB entries through 6 slots: all completed once",
	       s.stat[MGVT_ES_CSB]);
}

/* An element completes while the CSB is being read, at every point. */
static void test_csb_race(void)
{
	unsigned int at, bad = 0;

	for (at = 1; at <= 2 * CSB_ENTRIES + 1; at++) {
		reset_all();
		submit(0, 64);
		submit(1, 64);
		mgvt_submit_dispatch(&s);
		take();
		reads = 0;
		race_at = at;
		if (csb())
			bad++;
		race_at = 0;
		while (mgvt_submit_dispatch(&s) | take() | run())
			if (csb())
				bad++;
		if (csb() || count_final(0, 2, 1) != 2 || !mgvt_submit_idle(&s))
			bad++;
	}
	tap_ok(!bad, "a completion written while the CSB is read, at each of its %u reads: never consumed before it is there (%u bad)",
	       2 * CSB_ENTRIES + 1, bad);
}

static unsigned int rnd_state, bad_seeds;

static unsigned int rnd(unsigned int n)
{
	rnd_state = rnd_state * 1103515245 + 12345;
	return (rnd_state >> 16) % n;
}

static void test_random(unsigned int seed, bool report)
{
	unsigned int i, steps = 0, dup = 0, lost;

	rnd_state = seed;
	reset_all();
	while (nrq < 1000 || !mgvt_submit_idle(&s)) {
		switch (rnd(5)) {
		case 0:
			if (nrq < 1000)
				submit(rnd(NCTX), 8 * (1 + rnd(40)));
			break;
		case 1:
			mgvt_submit_dispatch(&s);
			break;
		case 2:
			take();
			break;
		case 3:
			run();
			break;
		default:
			if (csb())
				goto out;
			break;
		}
		if (++steps > 100000)
			break;
	}
out:
	for (i = 0; i < nrq; i++)
		dup += finals[i] > 1;
	lost = nrq - count_final(0, nrq, 1) - dup;
	for (i = 0; i < nrq; i++)
		if (rqs[i].status)
			break;
	if (!report) {
		if (nrq != 1000 || lost || dup || order_bad || m.overwrites ||
		    s.stat[MGVT_ES_CSB_BAD] || i != nrq)
			bad_seeds++;
		return;
	}
	tap_ok(nrq == 1000 && !lost && !dup && !order_bad && !m.overwrites &&
	       !s.stat[MGVT_ES_CSB_BAD],
	       "1,000 requests of 4 contexts at random: %u lost, %u duplicated, %u out of order, %u ELSP overwrites (%u steps, %lu pairs, %lu lite, %lu requeued)",
	       lost, dup, order_bad, m.overwrites, steps, s.stat[MGVT_ES_PAIRS],
	       s.stat[MGVT_ES_LITE], s.stat[MGVT_ES_REQUEUED]);
	tap_ok(i == nrq, "all of them completed without error");
}

int main(void)
{
	tap_header();
	test_single_and_pair();
	test_deadline();
	test_lite_restore();
	test_lost_tail();
	test_preempt_reset_bad();
	test_failures();
	test_cancel_queued();
	test_wrap();
	test_csb_race();
	test_random(12345, true);
	for (unsigned int seed = 1; seed <= 200; seed++)
		test_random(seed, false);
	tap_ok(!bad_seeds, "200 more random runs of 1,000 requests: %u failed", bad_seeds);
	return tap_finish();
}

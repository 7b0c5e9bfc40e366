/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The engine owner's objects: what a client hands it (contexts and
 * requests) and the owner of each pGPU engine, embedded in struct
 * mgvt_pgpu.  render/engine.h says how to use them.
 */
#ifndef MGVT_RENDER_ENGINE_TYPES_H
#define MGVT_RENDER_ENGINE_TYPES_H

#include <linux/atomic.h>
#include <linux/idr.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "mm/hostgm_types.h"
#include "regs/regs.h"

struct mgvt_pgpu;
struct mgvt_engine;
struct mgvt_engine_rq;

/*
 * What happened to a request, in the order a request sees them.  A
 * request gets PROMOTED, ELEMENT_SWITCH or LITE_RESTORED when its context
 * starts executing it, PREEMPTED if it is switched out before its end (it
 * is then resubmitted and promoted again), and exactly one of COMPLETED or
 * ERROR, its last event.
 */
enum mgvt_rq_event {
	MGVT_RQ_PROMOTED,	/* its context was loaded: element 0 of a submission */
	MGVT_RQ_ELEMENT_SWITCH,	/* element 1, started when element 0 completed */
	MGVT_RQ_LITE_RESTORED,	/* appended to its running context (new tail) */
	MGVT_RQ_PREEMPTED,	/* switched out unfinished; will run again */
	MGVT_RQ_COMPLETED,	/* its context ran to its tail */
	MGVT_RQ_ERROR,		/* failed: see rq->status and rq->error */
	MGVT_RQ_EVENTS,
};

/**
 * struct mgvt_engine_error - what the engine reported when it stopped
 * @eir: RING_EIR (error bits reported)
 * @esr: RING_ESR (error status)
 * @ipehr: RING_IPEHR, the header of the command that failed
 * @fadd: RING_DMA_FADD, the GM address the engine was fetching
 * @ctx_id: RING_EXECLIST_STATUS_HI, the context running at the error
 */
struct mgvt_engine_error {
	u32 eir;
	u32 esr;
	u32 ipehr;
	u32 fadd;
	u32 ctx_id;
};

/**
 * struct mgvt_engine_client - who submits: its name and its event sink
 * @name: for log lines
 * @event: called for every event of one of its requests, in process
 *	context (the pGPU's engine workqueue), with no lock of the engine
 *	held: it may sleep and may submit.  After COMPLETED or ERROR the
 *	engine no longer touches the request; the client may free it.
 */
struct mgvt_engine_client {
	const char *name;
	void (*event)(struct mgvt_engine_rq *rq, enum mgvt_rq_event ev);
};

/**
 * struct mgvt_engine_ctx - a logical ring context a client runs on an engine
 * @engine: the engine
 * @client: its owner
 * @img: the host GM holding the context image (page 0: per-process HWSP,
 *	page 1: register state in the Gen9 layout)
 * @img_off: byte offset of the image in @img
 * @ring_size: size of the context's ring in bytes
 * @desc_flags: descriptor bits the client adds (CTX_DESC_PRIVILEGE...)
 * @hw_id: context ID the engine allocated, in the descriptor and the CSB
 * @active: requests given to the engine, oldest first (engine lock)
 * @queued: requests of it in the engine's queue (engine lock)
 * @stalls: completions in a row that found its head short of every tail
 * @errored: it failed; submissions are refused until the client rewrote
 *	its image and called mgvt_engine_ctx_reset() (engine lock)
 */
struct mgvt_engine_ctx {
	struct mgvt_engine *engine;
	const struct mgvt_engine_client *client;
	struct mgvt_gm_buf *img;
	size_t img_off;
	u32 ring_size;
	u64 desc_flags;
	u32 hw_id;
	struct list_head active;
	unsigned int queued;
	unsigned int stalls;
	bool errored;
};

/* Where a request is, for the engine (engine lock). */
enum mgvt_rq_state {
	MGVT_RQ_QUEUED,		/* in the engine's queue */
	MGVT_RQ_SUBMITTED,	/* in a submission written to ELSP */
	MGVT_RQ_RUNNING,	/* its context is executing it */
	MGVT_RQ_DONE,		/* completed or failed */
};

/**
 * struct mgvt_engine_rq - one request: a context's ring up to a tail
 * @ctx: the context; its ring holds the request's commands before @tail
 * @tail: ring offset just past the request (qword aligned, below the
 *	ring size)
 * @budget_ms: how long it may run before the watchdog stops it (0: the
 *	engine_timeout_ms default), scaled by the pGPU's time scale
 * @priv: the client's
 * @status: 0 when completed, a negative errno with ERROR (-EIO engine
 *	error, -ETIMEDOUT watchdog, -ECANCELED another request of its context
 *	failed, -ESHUTDOWN engine going away)
 * @error: with ERROR from the engine, what it reported
 * @submit_ns: ktime when submitted
 * @start_ns: ktime when its context started executing it
 * @end_ns: ktime when its last event was produced
 * @state: where it is (engine lock)
 * @link: in the engine's queue or its context's active list
 * @ev_link: in the list of requests with events to deliver
 * @ev_bits: events not delivered yet (engine lock)
 * @ev_deliver: events being delivered (the engine's worker)
 */
struct mgvt_engine_rq {
	struct mgvt_engine_ctx *ctx;
	u32 tail;
	unsigned int budget_ms;
	void *priv;
	int status;
	struct mgvt_engine_error error;
	u64 submit_ns;
	u64 start_ns;
	u64 end_ns;
	enum mgvt_rq_state state;
	struct list_head link;
	struct list_head ev_link;
	unsigned long ev_bits;
	unsigned long ev_deliver;
};

/**
 * struct mgvt_submit_port - one element of a submission
 * @ctx: its context (NULL: element not used)
 * @last: the last request of @ctx it covers
 */
struct mgvt_submit_port {
	struct mgvt_engine_ctx *ctx;
	struct mgvt_engine_rq *last;
};

/* Counters of one engine owner (debugfs "engines"). */
enum mgvt_engine_stat {
	MGVT_ES_SUBMITS,	/* quads written to ELSP */
	MGVT_ES_PAIRS,		/* of them with element 1 valid */
	MGVT_ES_LITE,		/* lite restores reported */
	MGVT_ES_SWITCHES,	/* element switches reported */
	MGVT_ES_PREEMPTED,	/* preemptions reported */
	MGVT_ES_COMPLETED,	/* requests completed */
	MGVT_ES_FAILED,		/* requests failed */
	MGVT_ES_REQUEUED,	/* requests given back to the queue */
	MGVT_ES_CSB,		/* CSB entries consumed */
	MGVT_ES_CSB_BAD,	/* CSB entries that made no sense */
	MGVT_ES_ERRORS,		/* engine errors (CS error interrupt) */
	MGVT_ES_WATCHDOG,	/* requests cut off by the watchdog */
	MGVT_ES_RESETS,		/* engine resets */
	MGVT_ES_COUNT,
};

/* Interrupts of one engine, counted by the (atomic) interrupt handler. */
enum mgvt_engine_irq {
	MGVT_EI_USER,		/* user interrupts */
	MGVT_EI_CTXSW,		/* context-switch interrupts */
	MGVT_EI_ERROR,		/* CS error interrupts */
	MGVT_EI_COUNT,
};

/**
 * struct mgvt_submit - the submission state of one engine (render/submit.c)
 * @queue: requests not given to the engine yet, in submission order
 * @inflight: what the engine executes: element 0 runs, element 1 next
 * @pending: the submission written to ELSP and not yet acknowledged
 * @pending_valid: @pending holds one
 * @csb_head: last CSB entry consumed
 * @stalled: a context that kept completing short of its tails
 * @deadline_ns: when the running element's watchdog expires
 * @events: requests with events to deliver
 * @hw: the hardware side
 * @priv: passed to @hw
 * @stat: counters, indexed by enum mgvt_engine_stat
 */
struct mgvt_submit {
	struct list_head queue;
	struct mgvt_submit_port inflight[2];
	struct mgvt_submit_port pending[2];
	bool pending_valid;
	u8 csb_head;
	struct mgvt_engine_ctx *stalled;
	u64 deadline_ns;
	struct list_head events;
	const struct mgvt_submit_ops *hw;
	void *priv;
	unsigned long stat[MGVT_ES_COUNT];
};

/**
 * struct mgvt_submit_ops - the hardware side of the submission state
 * @elsp: write one submission: @desc[0] element 0, @desc[1] element 1
 *	(0: none), in the order Gen9 wants
 * @set_tail: write @tail into the ring context of @ctx's image
 * @saved_head: the ring head the engine saved into @ctx's image
 * @hwsp_read: dword @dw of the engine's status page, read once (the
 *	engine writes it at any time)
 * @now_ns: the current time (ktime)
 * @budget_ns: the watchdog budget of @rq (U64_MAX: none)
 */
struct mgvt_submit_ops {
	void (*elsp)(void *priv, const u64 desc[2]);
	void (*set_tail)(void *priv, struct mgvt_engine_ctx *ctx, u32 tail);
	u32 (*saved_head)(void *priv, struct mgvt_engine_ctx *ctx);
	u32 (*hwsp_read)(void *priv, unsigned int dw);
	u64 (*now_ns)(void *priv);
	u64 (*budget_ns)(void *priv, struct mgvt_engine_rq *rq);
};

/**
 * struct mgvt_engine - the owner of one pGPU engine (render/engine.c)
 * @pgpu: its pGPU
 * @id: which engine (rcs0, bcs0, vcs0, vecs0)
 * @process_lock: one consumer of the CSB and deliverer of events at a
 *	time; held across the clients' event callbacks
 * @lock: the submission state, the engine's registers and @hwsp
 * @sub: the submission state
 * @hwsp: the engine's hardware status page, in host GM
 * @ids: context IDs
 * @work: consumes interrupts: CSB, errors, watchdog, event delivery
 * @watchdog: fires when the running element's budget runs out
 * @irq_bits: GT interrupt bits not yet handled by @work
 * @irqs: interrupts seen, indexed by enum mgvt_engine_irq
 * @awake: the engine's forcewake is held (engine lock)
 * @polled: completions are found by mgvt_engine_poll(), not interrupts
 * @dead: shut down, submissions refused
 * @last_error: what the last engine error reported
 */
struct mgvt_engine {
	struct mgvt_pgpu *pgpu;
	unsigned int id;
	struct mutex process_lock; /* CSB consumer, event delivery */
	struct mutex lock; /* submission state, registers, HWSP */
	struct mgvt_submit sub;
	struct mgvt_gm_buf hwsp;
	struct ida ids;
	struct work_struct work;
	struct delayed_work watchdog;
	atomic_t irq_bits;
	atomic_long_t irqs[MGVT_EI_COUNT];
	bool awake;
	bool polled;
	bool dead;
	struct mgvt_engine_error last_error;
};

/**
 * struct mgvt_engines - the engine owners of one pGPU
 * @engine: one per engine
 * @wq: runs their work, engines in parallel
 * @fw_lock: protects @fw_count and the read-modify-write of the GT
 *	interrupt masks after an engine reset
 * @fw_count: holders of each forcewake domain's wake
 */
struct mgvt_engines {
	struct mgvt_engine engine[MGVT_NUM_ENGINES];
	struct workqueue_struct *wq;
	struct mutex fw_lock; /* fw_count */
	unsigned int fw_count[3];
};

#endif /* MGVT_RENDER_ENGINE_TYPES_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The native client's state, embedded in struct mgvt_pgpu.
 */
#ifndef MGVT_NATIVE_NATIVE_TYPES_H
#define MGVT_NATIVE_NATIVE_TYPES_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>

#include "mm/hostgm_types.h"
#include "regs/regs.h"
#include "render/engine_types.h"

struct mgvt_pgpu;

#define MGVT_NATIVE_CTXS	3	/* contexts per engine */
#define MGVT_NATIVE_BUF_PAGES	64	/* a 256x256 32 bpp surface */
#define MGVT_NATIVE_SLOTS	16	/* batches (and requests) per context */

/**
 * struct mgvt_native_ctx - one of the client's contexts (engine lock free)
 * @ctx: the engine owner's context
 * @lock: serialises writing its ring and submitting
 * @img_page: first page of its image in the client's memory
 * @tail: ring offset where the next request's commands go
 * @slot: next batch slot
 * @outstanding: requests submitted, not finished (@n->slock)
 * @ring_used: ring bytes they hold (@n->slock)
 * @stale: the image is rewritten (mgvt_engine_ctx_reset()) before the next
 *	submission: the engine refused one, the context having failed
 */
struct mgvt_native_ctx {
	struct mgvt_engine_ctx ctx;
	struct mutex lock; /* ring writes and submission */
	unsigned int img_page;
	u32 tail;
	unsigned int slot;
	unsigned int outstanding;
	u32 ring_used;
	bool stale;
};

/**
 * struct mgvt_native_engine - what the client knows of one engine
 * @last_ns: host time of the last synchronous run
 * @last_ret: its result
 * @last_model_ns: its modelled time (RING_TIMESTAMP difference)
 * @last_error: what the engine reported for the last failed request
 * @done: requests completed
 * @failed: requests failed
 * @running: requests executing now (between their start and last event)
 */
struct mgvt_native_engine {
	u64 last_ns;
	int last_ret;
	u64 last_model_ns;
	struct mgvt_engine_error last_error;
	unsigned long done;
	unsigned long failed;
	unsigned int running;
};

/**
 * struct mgvt_native - the native client of a pGPU (native.c)
 * @pgpu: its pGPU
 * @lock: protects @polled and @bench
 * @slock: request accounting, taken in the event callback
 * @wq: woken when a request finishes
 * @mem: contexts, rings, batches and the buffer, in host GM
 * @ctx: per engine, its contexts
 * @eng: per engine, results and counters
 * @seqno: last sequence number written (@slock)
 * @async: asynchronous requests not finished (@slock)
 * @async_err: first error among asynchronous requests since the last wait
 * @busy_engines: engines executing a request of the client now (@slock)
 * @max_busy: most engines seen executing at once (@slock)
 * @dup_events: final events for a request that had one already (@slock)
 * @polled: completions are polled, not interrupt-driven
 * @bench: the last "bench" command's result line
 */
struct mgvt_native {
	struct mgvt_pgpu *pgpu;
	struct mutex lock; /* polled, bench */
	spinlock_t slock; /* request accounting */
	wait_queue_head_t wq;
	struct mgvt_gm_buf mem;
	struct mgvt_native_ctx ctx[MGVT_NUM_ENGINES][MGVT_NATIVE_CTXS];
	struct mgvt_native_engine eng[MGVT_NUM_ENGINES];
	u32 seqno;
	unsigned int async;
	int async_err;
	unsigned int busy_engines;
	unsigned int max_busy;
	unsigned long dup_events;
	bool polled;
	char bench[160];
};

#endif /* MGVT_NATIVE_NATIVE_TYPES_H */

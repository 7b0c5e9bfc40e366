/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The engine owner: the one user of each pGPU engine's ELSP, CSB and
 * hardware status page, through which every client (the native client,
 * later the vGPUs' workloads) runs its contexts.
 *
 * The contract, for a client:
 * - It gives a context (mgvt_engine_ctx_init()): an image in host GM in the
 *   Gen9 layout (page 0 per-process HWSP, page 1 register state with the
 *   ring context at the usual dwords), its ring size and descriptor flags.
 *   The engine allocates the context ID that goes into the descriptor and
 *   comes back in every CSB event.
 * - It writes a request's commands into the context's ring and submits
 *   (ctx, tail) with mgvt_engine_submit(); the engine writes the tail into
 *   the image and decides when the context reaches ELSP: element 0 or 1,
 *   or a lite restore when it already runs.  Requests of one context
 *   complete in order.  The client must not write the image's ring
 *   context or reuse ring space before the request covering it completed.
 * - It gets every event of its requests through its client's event
 *   callback (enum mgvt_rq_event), in process context, with no engine
 *   lock held but the engine's delivery lock: on the pGPU's engine
 *   workqueue, or in a thread calling mgvt_engine_poll(), or in
 *   mgvt_engines_shutdown().  The callback may sleep and may submit, but
 *   may not call mgvt_engine_poll(), mgvt_engine_ctx_reset(),
 *   mgvt_engine_ctx_cancel() or mgvt_engine_ctx_fini().
 * - After an ERROR event, the context's image is stale: its other requests
 *   failed with -ECANCELED and the engine refuses new ones (-ECANCELED)
 *   until the client, once every request of it has had its last event,
 *   rewrites the image and calls mgvt_engine_ctx_reset().
 * - Locks it may hold when calling in: none of the engine's; the engine
 *   takes its own lock (a mutex) and the pGPU's forcewake lock inside.
 */
#ifndef MGVT_RENDER_ENGINE_H
#define MGVT_RENDER_ENGINE_H

#include <linux/types.h>

#include "render/engine_types.h"

struct mgvt_pgpu;
struct seq_file;

int mgvt_engines_init(struct mgvt_pgpu *pgpu);
void mgvt_engines_shutdown(struct mgvt_pgpu *pgpu);
void mgvt_engines_fini(struct mgvt_pgpu *pgpu);
void mgvt_engine_irq(struct mgvt_pgpu *pgpu, unsigned int e, u32 bits);

int mgvt_engine_ctx_init(struct mgvt_engine *eng, struct mgvt_engine_ctx *ctx,
			 const struct mgvt_engine_client *client,
			 struct mgvt_gm_buf *img, size_t img_off,
			 u32 ring_size, u64 desc_flags);
void mgvt_engine_ctx_fini(struct mgvt_engine_ctx *ctx);
int mgvt_engine_ctx_reset(struct mgvt_engine_ctx *ctx);
void mgvt_engine_ctx_cancel(struct mgvt_engine_ctx *const *ctxs, unsigned int n);
int mgvt_engine_submit(struct mgvt_engine_rq *rq);
void mgvt_engine_poll(struct mgvt_engine *eng);
void mgvt_engine_set_polled(struct mgvt_engine *eng, bool polled);
u64 mgvt_engine_timestamp(struct mgvt_engine *eng);
void mgvt_engines_show(struct mgvt_pgpu *pgpu, struct seq_file *m);

/* The engine with index @e (0 rcs0, 1 bcs0, 2 vcs0, 3 vecs0) of @pgpu. */
struct mgvt_engine *mgvt_engine(struct mgvt_pgpu *pgpu, unsigned int e);

#endif /* MGVT_RENDER_ENGINE_H */

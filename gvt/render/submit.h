/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The submission state of one engine as pure logic: the request queue,
 * the two ELSP elements and the CSB events that move them.  The engine
 * owner (render/engine.c) drives it under its lock; selftests/unit drives
 * it with made-up CSB sequences.
 */
#ifndef MGVT_RENDER_SUBMIT_H
#define MGVT_RENDER_SUBMIT_H

#include <linux/types.h>

#include "render/engine_types.h"

void mgvt_submit_init(struct mgvt_submit *s, const struct mgvt_submit_ops *hw,
		      void *priv);
void mgvt_submit_ctx_init(struct mgvt_engine_ctx *ctx);
void mgvt_submit_queue(struct mgvt_submit *s, struct mgvt_engine_rq *rq);
bool mgvt_submit_dispatch(struct mgvt_submit *s);
int mgvt_submit_csb(struct mgvt_submit *s, u32 status, u32 ctx_id);
int mgvt_submit_csb_process(struct mgvt_submit *s);
void mgvt_submit_reset(struct mgvt_submit *s, struct mgvt_engine_ctx *guilty,
		       int err, const struct mgvt_engine_error *info);
void mgvt_submit_cancel_ctx(struct mgvt_submit *s, struct mgvt_engine_ctx *ctx,
			    int err);
void mgvt_submit_cancel_all(struct mgvt_submit *s, int err);
bool mgvt_submit_idle(const struct mgvt_submit *s);
struct mgvt_engine_ctx *mgvt_submit_running(const struct mgvt_submit *s);
struct mgvt_engine_ctx *mgvt_submit_suspect(const struct mgvt_submit *s);
bool mgvt_submit_names(const struct mgvt_submit *s,
		       const struct mgvt_engine_ctx *ctx);
u64 mgvt_submit_desc(const struct mgvt_engine_ctx *ctx);

#endif /* MGVT_RENDER_SUBMIT_H */

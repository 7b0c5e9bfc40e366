/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The native client's state, embedded in struct mgvt_pgpu.
 */
#ifndef MGVT_NATIVE_NATIVE_TYPES_H
#define MGVT_NATIVE_NATIVE_TYPES_H

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include "mm/hostgm_types.h"
#include "regs/regs.h"

struct mgvt_pgpu;
struct page;

#define MGVT_NATIVE_BUF_PAGES	16
#define MGVT_NATIVE_PAGES	(MGVT_NUM_ENGINES * 5 + MGVT_NATIVE_BUF_PAGES)

/**
 * struct mgvt_native - the native client of a pGPU (native.c)
 * @pgpu: its pGPU
 * @lock: serialises runs and buffer access
 * @mem: HWSPs, contexts, rings, batches and the buffer, in host GM
 * @seqno: last sequence number written
 * @csb_read: per engine, the last CSB entry consumed
 * @ready: engines set up
 * @last_ns: per engine, host time of the last run
 * @last_ret: per engine, result of the last run
 * @last_model_ns: per engine, modelled time of the last run (timestamps)
 * @irq_user: per engine, user interrupts seen by the pGPU interrupt handler
 * @irq_ctxsw: per engine, context-switch interrupts seen
 */
struct mgvt_native {
	struct mgvt_pgpu *pgpu;
	struct mutex lock; /* runs and buffer */
	struct mgvt_gm_buf mem;
	u32 seqno;
	u32 csb_read[MGVT_NUM_ENGINES];
	u32 ready;
	u64 last_ns[MGVT_NUM_ENGINES];
	int last_ret[MGVT_NUM_ENGINES];
	u64 last_model_ns[MGVT_NUM_ENGINES];
	atomic_t irq_user[MGVT_NUM_ENGINES];
	atomic_t irq_ctxsw[MGVT_NUM_ENGINES];
};

#endif /* MGVT_NATIVE_NATIVE_TYPES_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mgvt-sim execlists: the ELSP/CSB protocol of a Gen9 engine and its
 * logical ring contexts.  A submission names up to two contexts; the
 * engine restores each from its image (the LRI lists in page 1 of the
 * context), runs its ring through the command streamer, saves the complete
 * state back into the image and reports every transition in the context
 * status buffer, mirrored into the HWSP, with a context-switch interrupt.
 *
 * Pure logic driven by a runner (engine.c in the kernel, the unit test in
 * userspace); the runner serialises calls per engine.
 */
#ifndef MGVT_SIM_EXECLIST_H
#define MGVT_SIM_EXECLIST_H

#include "cs.h"
#include "regs.h"

/* Context status buffer events (CSB entry, lower dword). */
#define SIM_CSB_IDLE_ACTIVE	BIT(0)
#define SIM_CSB_PREEMPTED	BIT(1)
#define SIM_CSB_ELEMENT_SWITCH	BIT(2)
#define SIM_CSB_ACTIVE_IDLE	BIT(3)
#define SIM_CSB_COMPLETE	BIT(4)
#define SIM_CSB_LITE_RESTORE	BIT(15)
#define SIM_CSB_ENTRIES		6
#define SIM_HWSP_CSB		0x10	/* dword index of CSB in the HWSP */
#define SIM_HWSP_CSB_WRITE	0x1f	/* dword index of the write pointer */

/* Context descriptor. */
#define SIM_DESC_VALID		BIT_ULL(0)
#define SIM_DESC_MODE_SHIFT	3
#define SIM_DESC_MODE_4LVL	3	/* legacy 64-bit: 4-level PPGTT */
#define SIM_DESC_LRCA		GENMASK_ULL(31, 12)
#define SIM_DESC_CTX_ID_SHIFT	32

/* Engine interrupts in the GT IIR. */
#define SIM_GT_USER_INTERRUPT	BIT(0)
#define SIM_GT_CONTEXT_SWITCH	BIT(8)

/* Engine registers a context carries that matter to the model. */
#define SIM_RING_CONTEXT_CONTROL	0x244
#define SIM_CTX_RESTORE_INHIBIT		BIT(0)
#define SIM_RING_CTX_TIMESTAMP		0x3a8

/**
 * struct sim_engine - one engine's execlist state
 * @id: which engine
 * @regs: the GPU's register file
 * @mem: path to memory (this engine's TLB)
 * @tlb: GGTT TLB
 * @cs: command streamer, loaded with the running context
 * @elsp: dwords written to ELSP so far
 * @elsp_n: how many
 * @port: descriptors of the running and the pending context (0: none)
 * @faults: contexts that stopped on an error (the engine hangs until reset)
 * @img: scratch copy of a context's register state page
 */
struct sim_engine {
	enum sim_engine_id id;
	struct sim_regs *regs;
	struct sim_mem mem;
	struct sim_tlb tlb;
	struct sim_cs cs;
	u32 elsp[4];
	unsigned int elsp_n;
	u64 port[2];
	unsigned long faults;
	u32 img[1024];
};

void sim_engine_init(struct sim_engine *e, enum sim_engine_id id,
		     struct sim_regs *regs, struct sim_iommu *mmu,
		     struct sim_ggtt *ggtt, const struct sim_cs_ops *ops,
		     void *priv);
bool sim_engine_elsp(struct sim_engine *e, u32 val, u64 desc[2]);
void sim_engine_submit(struct sim_engine *e, const u64 desc[2]);
enum sim_cs_status sim_engine_run(struct sim_engine *e, u64 budget_ns);
bool sim_engine_idle(const struct sim_engine *e);
void sim_engine_reset(struct sim_engine *e);

#endif /* MGVT_SIM_EXECLIST_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mgvt-sim execlists: the ELSP/CSB protocol of a Gen9 engine and its
 * logical ring contexts.  A submission names up to two contexts; the
 * engine restores each from its image (the LRI lists in page 1 of the
 * context; on RCS, after a full restore, the indirect context batch the
 * image names), runs its ring through the command streamer, saves the
 * complete state back into the image and reports every transition in the
 * context status buffer, mirrored into the HWSP, with a context-switch
 * interrupt, and in RING_EXECLIST_STATUS.  An engine that stops on an
 * error (a bad command, a memory fault, a command privilege violation, an
 * image it cannot restore) reports it as Gen9 does, in its error
 * registers, the GT's fault registers and a CS error interrupt, and holds
 * its context until an engine reset.
 *
 * Pure logic driven by a runner (engine.c in the kernel, the unit test in
 * userspace); the runner serialises calls per engine.
 */
#ifndef MGVT_SIM_EXECLIST_H
#define MGVT_SIM_EXECLIST_H

#include "cs.h"
#include "regs.h"

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
 * @queued: a submission written to ELSP waits to be taken
 *	(sim_engine_submit())
 * @indirect_ctx: RING_INDIRECT_CTX as the last full restore found it in
 *	the image (0: not there)
 * @faults: contexts that stopped on an error (the engine holds until reset)
 * @privilege_errors: those of them that broke the privilege rule of a
 *	non-privileged batch (cs.c)
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
	bool queued;
	u32 indirect_ctx;
	unsigned long faults;
	unsigned long privilege_errors;
	u32 img[1024];
};

void sim_engine_init(struct sim_engine *e, enum sim_engine_id id,
		     struct sim_regs *regs, struct sim_iommu *mmu,
		     struct sim_ggtt *ggtt, const struct sim_cs_ops *ops,
		     void *priv);
bool sim_engine_elsp(struct sim_engine *e, u32 val, u64 desc[2]);
void sim_engine_submit(struct sim_engine *e, const u64 desc[2]);
enum sim_cs_status sim_engine_run(struct sim_engine *e, u64 until_ns);
bool sim_engine_idle(const struct sim_engine *e);
void sim_engine_reset(struct sim_engine *e);

#endif /* MGVT_SIM_EXECLIST_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mgvt-sim command streamer: executes a Gen9 ring and the batch buffers it
 * calls, one engine at a time, charging each command a modelled duration.
 * What the streamer may touch goes through struct sim_mem (translations +
 * IOMMU) and the register callbacks; a bad command or address stops the
 * engine with an error (what it was and where is kept here for the engine
 * to report), as hardware would hang.  Batches in the PPGTT run
 * non-privileged, under Gen9's hardware privilege rule (cs.c).  Compiled
 * in userspace by selftests/unit.
 */
#ifndef MGVT_SIM_CS_H
#define MGVT_SIM_CS_H

#include <linux/types.h>

#include "mem.h"

enum sim_engine_id {
	SIM_RCS0,
	SIM_BCS0,
	SIM_VCS0,
	SIM_VECS0,
	SIM_NUM_ENGINES,
};

/* Why sim_cs_run() returned. */
enum sim_cs_status {
	SIM_CS_IDLE,	/* head reached tail */
	SIM_CS_BUDGET,	/* the time or work budget ran out; call again */
	SIM_CS_WAIT,	/* MI_SEMAPHORE_WAIT not satisfied yet */
	SIM_CS_ERROR,	/* bad command or memory fault: the engine hangs */
};

/* What stopped the engine with SIM_CS_ERROR. */
enum sim_cs_error {
	SIM_CS_ERR_NONE,
	SIM_CS_ERR_FAULT,	/* memory fault, see @fault */
	SIM_CS_ERR_UNKNOWN,	/* unknown or malformed command */
	SIM_CS_ERR_UNSUPPORTED,	/* valid, but not modelled (e.g. tiled blit) */
	SIM_CS_ERR_REGISTER,	/* register offset beyond the register file */
	SIM_CS_ERR_PRIVILEGE,	/* privileged command in a non-privileged batch */
};

/**
 * struct sim_cs_ops - the streamer's way to registers
 * @reg_read: read a register (absolute BAR0 offset, below
 *	MGVT_MMIO_REG_SIZE: the streamer never passes another)
 * @reg_write: write a register (same)
 */
struct sim_cs_ops {
	u32 (*reg_read)(void *priv, u32 reg);
	void (*reg_write)(void *priv, u32 reg, u32 val);
};

/* Batch-buffer levels: the ring, first and second level. */
#define SIM_CS_LEVELS	3

/*
 * Most work one sim_cs_run() call (one step) does, whatever the commands:
 * the runner holds the GPU's lock, interrupts off, for a step.  A step
 * starts no command once it has fetched SIM_CS_STEP_DWORDS command dwords
 * (so it fetches at most that plus one command), and moves at most
 * SIM_CS_STEP_PIXELS blitter pixels: a larger blit goes on in the next
 * steps.  Both are a few microseconds of host time.
 */
#define SIM_CS_STEP_DWORDS	1024
#define SIM_CS_STEP_PIXELS	4096

/* Dwords of a command in progress the streamer keeps (XY_SRC_COPY_BLT). */
#define SIM_CS_CMD_DW		10

/**
 * struct sim_cs - one engine's command streamer state
 * @engine: which engine (decides the valid command set)
 * @mem: path to memory
 * @ops: register access
 * @priv: passed to @ops
 * @pml4: the running context's PPGTT (0: none, every access uses the GGTT)
 * @hwsp: GGTT address of the context's per-process HWSP (store-index
 *	writes land here)
 * @ring_start: GGTT address of the ring buffer
 * @ring_size: its size in bytes (a multiple of 4 KiB)
 * @head: offset of the next command in the ring
 * @tail: offset where the ring ends
 * @level: 0 executing the ring, 1 or 2 a batch buffer of that level
 * @bb_addr: per level, address of the next command of the batch
 * @bb_ppgtt: per level, whether the batch is in the PPGTT, which is
 *	whether it runs non-privileged
 * @bb_end: while level 1 is a context's indirect batch (sim_cs_indirect()),
 *	the address where it ends; 0 otherwise
 * @arb_enabled: MI_ARB_ON_OFF state
 * @time_ns: modelled time consumed so far
 * @user_interrupts: MI_USER_INTERRUPTs executed (the engine raises them)
 * @error: why the engine stopped, if it did
 * @fault: the memory fault behind SIM_CS_ERR_FAULT
 * @error_dw: the command dword that failed
 * @cmd: the command a step ended in (a blit), as fetched when it started
 * @cmd_len: its length in dwords; 0 when no command is in progress
 * @blt_row: rows of that blit done
 * @blt_col: pixels of its next row done
 * @blt_bytes: bytes it has moved
 * @step_dwords: command dwords fetched in the current (last) step
 * @step_pixels: blitter pixels moved in the current (last) step
 */
struct sim_cs {
	enum sim_engine_id engine;
	struct sim_mem *mem;
	const struct sim_cs_ops *ops;
	void *priv;
	u64 pml4;
	u64 hwsp;
	u64 ring_start;
	u32 ring_size;
	u32 head;
	u32 tail;
	unsigned int level;
	u64 bb_addr[SIM_CS_LEVELS];
	bool bb_ppgtt[SIM_CS_LEVELS];
	u64 bb_end;
	bool arb_enabled;
	u64 time_ns;
	u32 user_interrupts;
	enum sim_cs_error error;
	enum sim_fault fault;
	u32 error_dw;
	u32 cmd[SIM_CS_CMD_DW];
	unsigned int cmd_len;
	int blt_row;
	int blt_col;
	u64 blt_bytes;
	unsigned int step_dwords;
	unsigned int step_pixels;
};

enum sim_cs_status sim_cs_run(struct sim_cs *cs, u64 budget_ns);
void sim_cs_drop(struct sim_cs *cs);
u64 sim_cs_addr(const struct sim_cs *cs);
void sim_cs_indirect(struct sim_cs *cs, u64 addr, u32 bytes);

/* blt.c: the blitter's 2D operations (32 bpp, linear), resumable */
enum sim_cs_error sim_blt_color(struct sim_cs *cs, const u32 *dw,
				u64 *bytes, bool *more);
enum sim_cs_error sim_blt_copy(struct sim_cs *cs, const u32 *dw, u64 *bytes,
			       bool *more);

#endif /* MGVT_SIM_CS_H */

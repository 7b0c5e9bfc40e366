/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The command scanner: audits what a guest wants a pGPU engine to run
 * (a shadow ring, a shadow batch, the RCS indirect-context batch, the
 * LRI program of a context image) against the command table and the
 * per-engine register lists of render/cmd_table.c, before anything of it
 * reaches the pGPU.
 *
 * It is pure: it reads and patches a private copy the caller made (never
 * guest memory), and reaches the vGPU only through struct mgvt_scan_ops.
 * What it refuses fails the workload; the caller logs @why.
 */
#ifndef MGVT_RENDER_SCAN_H
#define MGVT_RENDER_SCAN_H

#include <linux/types.h>

/* Where the buffer scanned runs. */
enum mgvt_scan_level {
	MGVT_SCAN_RING,		/* a ring between head and tail */
	MGVT_SCAN_BB1,		/* a first-level batch (BB_START from the ring) */
	MGVT_SCAN_BB2,		/* a second-level batch */
	MGVT_SCAN_WA,		/* RCS INDIRECT_CTX: runs to its size, no BBE */
};

/**
 * struct mgvt_scan_ops - what the scanner asks of the vGPU it scans for
 * @gm_ok: whether the GGTT range [@gm, @gm + @len) that a command reads or
 *	writes lies inside the vGPU's GM
 * @batch: a batch starts at @addr and will run at @level (BB1 or BB2).
 *	A GGTT batch (!@ppgtt): the caller copies it into host GM, scans it
 *	(mgvt_scan_buf() at @level), and returns in @shadow the GM address
 *	the command must jump to instead.  A PPGTT batch: the caller reads it
 *	through the context's PPGTT, scans it with @nonpriv set, and maps the
 *	audited copy at @addr in the context's shadow PPGTT; @shadow must be
 *	@addr.  Return 0 or a negative errno, which fails the scan.
 */
struct mgvt_scan_ops {
	bool (*gm_ok)(void *priv, u64 gm, u64 len);
	int (*batch)(void *priv, u64 addr, enum mgvt_scan_level level,
		     bool ppgtt, u64 *shadow);
};

/**
 * struct mgvt_scan - one scan: the engine, the caller, and what was found
 * @engine: the engine the buffer runs on (0 rcs0, 1 bcs0, 2 vcs0, 3 vecs0)
 * @cb: the caller's callbacks
 * @priv: passed to @cb
 * @ppgtt: the context runs with a PPGTT: blits translate their addresses
 *	through it (validated elsewhere); false: blits use the GGTT and
 *	their rectangles are checked with @cb->gm_ok
 * @nonpriv: the buffer is a PPGTT batch, which Gen9 runs non-privileged:
 *	its memory commands use the PPGTT whatever their GGTT bit says, and
 *	it may only start PPGTT batches
 * @why: on failure, a static string naming what was refused
 * @bad_pos: on failure, the dword index of the command refused
 * @bad_hdr: on failure, that command's header dword
 * @user_irqs: MI_USER_INTERRUPTs found (and replaced by MI_NOOP: the
 *	caller raises the guest's user interrupt when the workload ends)
 * @cmds: commands accepted
 *
 * The caller zeroes the counters before a workload's first scan; a batch
 * scanned from @cb->batch may use the same structure, and then adds to
 * them.
 */
struct mgvt_scan {
	unsigned int engine;
	const struct mgvt_scan_ops *cb;
	void *priv;
	bool ppgtt;
	bool nonpriv;
	const char *why;
	size_t bad_pos;
	u32 bad_hdr;
	unsigned int user_irqs;
	unsigned long cmds;
};

int mgvt_scan_buf(struct mgvt_scan *s, u32 *buf, size_t n,
		  enum mgvt_scan_level level);
int mgvt_scan_image(unsigned int engine, u32 *state, size_t n,
		    const char **why);

#endif /* MGVT_RENDER_SCAN_H */

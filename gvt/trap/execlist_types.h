/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A vGPU's virtual execlist ports, as its guest programs them (trap/
 * execlist.c), embedded in struct mgvt_vgpu.
 */
#ifndef MGVT_TRAP_EXECLIST_TYPES_H
#define MGVT_TRAP_EXECLIST_TYPES_H

#include <linux/types.h>

#include "regs/regs.h"

struct mgvt_vgpu;

/*
 * Submissions the guest may write before the render path took the first:
 * a Gen9 i915 writes ELSP again only once its last submission was
 * promoted, so it never has more than one waiting.
 */
#define MGVT_ELSP_QUEUE		4

/**
 * struct mgvt_vexeclist - one engine's virtual ELSP (vGPU lock)
 * @elsp: dwords of the submission being written: element 1 upper,
 *	lower, element 0 upper, lower
 * @elsp_n: how many of them were written
 * @quad: submissions that passed validation, not yet taken by the render
 *	path: element 0, element 1 (0: none); oldest at @q_head
 * @q_head: index of the oldest in @quad
 * @q_len: how many are waiting
 * @busy: the virtual engine has an active element (MI_MODE not idle);
 *	set by the render path
 * @submitted: submissions that passed validation since the last reset
 */
struct mgvt_vexeclist {
	u32 elsp[4];
	u8 elsp_n;
	u64 quad[MGVT_ELSP_QUEUE][2];
	u8 q_head;
	u8 q_len;
	bool busy;
	u64 submitted;
};

/**
 * struct mgvt_vexeclist_ops - what the render path does for the traps
 *	(trap/ never calls render/), with the vGPU lock held
 * @kick: a submission was queued on engine @e
 * @reset: the guest reset the engines in @engines (a bit per engine):
 *	drop their work, and return once nothing of it runs on the pGPU
 */
struct mgvt_vexeclist_ops {
	void (*kick)(struct mgvt_vgpu *vgpu, unsigned int e);
	void (*reset)(struct mgvt_vgpu *vgpu, unsigned int engines);
};

/**
 * struct mgvt_vexeclists - every engine's, and what the guest did first
 * @engine: per engine
 * @pvinfo_read: the guest read the PVINFO page since the last reset (a
 *	GVT-g guest must, before it enables execlists)
 * @hooks: the render path's hooks (NULL: submissions are only recorded)
 */
struct mgvt_vexeclists {
	struct mgvt_vexeclist engine[MGVT_NUM_ENGINES];
	bool pvinfo_read;
	const struct mgvt_vexeclist_ops *hooks;
};

#endif /* MGVT_TRAP_EXECLIST_TYPES_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A vGPU's virtual execlist ports, as its guest programs them (trap/
 * execlist.c), embedded in struct mgvt_vgpu.
 */
#ifndef MGVT_TRAP_EXECLIST_TYPES_H
#define MGVT_TRAP_EXECLIST_TYPES_H

#include <linux/types.h>

#include "regs/regs.h"

/**
 * struct mgvt_vexeclist - one engine's virtual ELSP (vGPU lock)
 * @elsp: dwords of the submission being written: element 1 upper,
 *	lower, element 0 upper, lower
 * @elsp_n: how many of them were written
 * @desc: the last submission the guest completed and that passed
 *	validation: element 0, element 1 (0: none)
 * @submitted: such submissions since the last reset
 */
struct mgvt_vexeclist {
	u32 elsp[4];
	u8 elsp_n;
	u64 desc[2];
	u64 submitted;
};

/**
 * struct mgvt_vexeclists - every engine's, and what the guest did first
 * @engine: per engine
 * @pvinfo_read: the guest read the PVINFO page since the last reset (a
 *	GVT-g guest must, before it enables execlists)
 */
struct mgvt_vexeclists {
	struct mgvt_vexeclist engine[MGVT_NUM_ENGINES];
	bool pvinfo_read;
};

#endif /* MGVT_TRAP_EXECLIST_TYPES_H */

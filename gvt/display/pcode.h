/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PCODE mailbox: the guest's requests to the power controller,
 * answered by the mediator (display/pcode.c).
 */
#ifndef MGVT_DISPLAY_PCODE_H
#define MGVT_DISPLAY_PCODE_H

#include <linux/types.h>

struct mgvt_vgpu;

u32 mgvt_pcode_reply(u32 cmd, u32 *data0, u32 *data1);

/* Register table handlers, with the vGPU lock held. */
u32 mgvt_pcode_read(struct mgvt_vgpu *vgpu, u32 off, u32 val);
void mgvt_pcode_write(struct mgvt_vgpu *vgpu, u32 off, u32 val);

#endif /* MGVT_DISPLAY_PCODE_H */

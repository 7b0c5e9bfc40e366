/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GVT-g PVINFO page and the guest's g2v notifications.
 */
#ifndef MGVT_TRAP_PVINFO_H
#define MGVT_TRAP_PVINFO_H

#include <linux/types.h>

struct mgvt_vgpu;
struct seq_file;

void mgvt_pvinfo_reset(struct mgvt_vgpu *vgpu);
int mgvt_pvinfo_show(struct seq_file *m, void *unused);
bool mgvt_pvinfo_write(struct mgvt_vgpu *vgpu, u32 off, u64 val,
		       unsigned int len);

#endif /* MGVT_TRAP_PVINFO_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every debugfs file of mgvt, created in one place (core/debugfs.c).
 */
#ifndef MGVT_CORE_DEBUGFS_H
#define MGVT_CORE_DEBUGFS_H

struct mgvt_pgpu;
struct mgvt_vgpu;

void mgvt_debugfs_init(void);
void mgvt_debugfs_exit(void);
void mgvt_debugfs_pgpu_add(struct mgvt_pgpu *pgpu);
void mgvt_debugfs_pgpu_remove(struct mgvt_pgpu *pgpu);
void mgvt_debugfs_vgpu_add(struct mgvt_vgpu *vgpu);
void mgvt_debugfs_vgpu_remove(struct mgvt_vgpu *vgpu);

#endif /* MGVT_CORE_DEBUGFS_H */

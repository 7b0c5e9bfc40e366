/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A vGPU's shadow PPGTTs: the kernel side of the shadow tree (mm/pttree.h):
 * guest pages pinned through the front end and mapped through the HAL,
 * host table pages, the roots a guest announces, and when pages may go.
 */
#ifndef MGVT_MM_PPGTT_H
#define MGVT_MM_PPGTT_H

#include <linux/types.h>

struct mgvt_vgpu;
struct seq_file;

void mgvt_ppgtt_init(struct mgvt_vgpu *vgpu);
void mgvt_ppgtt_fini(struct mgvt_vgpu *vgpu);
void mgvt_ppgtt_reset(struct mgvt_vgpu *vgpu);
void mgvt_ppgtt_announce(struct mgvt_vgpu *vgpu, u64 root, bool create);
void mgvt_ppgtt_forget_roots(struct mgvt_vgpu *vgpu);
void mgvt_ppgtt_dma_unmap(struct mgvt_vgpu *vgpu, u64 first, u64 last);
bool mgvt_ppgtt_settle(struct mgvt_vgpu *vgpu, bool drained);
void mgvt_ppgtt_show(struct mgvt_vgpu *vgpu, struct seq_file *m);
void mgvt_ppgtt_show_roots(struct mgvt_vgpu *vgpu, struct seq_file *m);

#endif /* MGVT_MM_PPGTT_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A vGPU's virtual execlists: the guest's ELSP submissions shadowed,
 * audited, run on the pGPU through the engine owners, and completed in the
 * guest's CSB, status page, context image and interrupts as a Gen9 engine
 * does.
 */
#ifndef MGVT_RENDER_VEXEC_H
#define MGVT_RENDER_VEXEC_H

#include "render/vexec_types.h"

struct mgvt_vgpu;
struct seq_file;

void mgvt_vexec_init(struct mgvt_vgpu *vgpu);
void mgvt_vexec_quiesce(struct mgvt_vgpu *vgpu);
void mgvt_vexec_fini(struct mgvt_vgpu *vgpu);
const char *mgvt_vexec_failure(struct mgvt_vgpu *vgpu, unsigned int *engine);
void mgvt_vexec_show(struct mgvt_vgpu *vgpu, struct seq_file *m);

#endif /* MGVT_RENDER_VEXEC_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Virtual execlist registers of a vGPU: ELSP submissions validated and
 * recorded, the status page address, run-list mode.
 */
#ifndef MGVT_TRAP_EXECLIST_H
#define MGVT_TRAP_EXECLIST_H

#include <linux/types.h>

struct mgvt_vgpu;

/* Register table handlers (mmio_table.c), with the vGPU lock held. */
void mgvt_elsp_write(struct mgvt_vgpu *vgpu, u32 off, u32 val);
void mgvt_hws_pga_write(struct mgvt_vgpu *vgpu, u32 off, u32 val);
void mgvt_ring_mode_write(struct mgvt_vgpu *vgpu, u32 off, u32 val);

void mgvt_vexeclist_reset(struct mgvt_vgpu *vgpu, u32 gdrst);
void mgvt_vexeclist_device_reset(struct mgvt_vgpu *vgpu);
void mgvt_vexeclist_pvinfo_read(struct mgvt_vgpu *vgpu);
bool mgvt_vexeclist_pop(struct mgvt_vgpu *vgpu, unsigned int e, u64 desc[2]);
bool mgvt_elsp_desc_ok(const struct mgvt_vgpu *vgpu, unsigned int e,
		       u64 desc, const char **why);

#endif /* MGVT_TRAP_EXECLIST_H */

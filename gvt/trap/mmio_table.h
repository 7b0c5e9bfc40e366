/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vGPU register table (mmio_table.c): data, one entry per register,
 * with the semantics mmio.c gives it.
 */
#ifndef MGVT_TRAP_MMIO_TABLE_H
#define MGVT_TRAP_MMIO_TABLE_H

#include <linux/bits.h>
#include <linux/types.h>

struct mgvt_vgpu;

#define MF_RO		BIT(0)	/* guest writes dropped and counted */
#define MF_MASKED	BIT(1)	/* bits 31:16 enable writes of bits 15:0 */
#define MF_W1C		BIT(2)	/* writing 1 clears */
#define MF_ENGINE	BIT(3)	/* one per engine, offset from its base */
#define MF_GOLDEN	BIT(4)	/* reset value from the pGPU's golden state */
#define MF_IRQ		BIT(5)	/* a write may change the interrupt line */
#define MF_DISPLAY	BIT(6)	/* display state: a guest GDRST keeps it */
#define MF_KEEP		BIT(7)	/* interrupt control: a guest GDRST keeps it */

/**
 * struct mgvt_mmio_reg - one entry of the vGPU register table
 * @name: register name, for logs
 * @offset: BAR0 offset, or offset from each engine base with MF_ENGINE
 * @init: value after reset unless MF_GOLDEN
 * @flags: MF_* semantics
 * @read: if set, what the guest reads, from the stored value
 * @write: if set, stores the value written (after the MF_* semantics)
 *	with its side effects; else the value is stored as it is
 */
struct mgvt_mmio_reg {
	const char *name;
	u32 offset;
	u32 init;
	u8 flags;
	u32 (*read)(struct mgvt_vgpu *vgpu, u32 off, u32 val);
	void (*write)(struct mgvt_vgpu *vgpu, u32 off, u32 val);
};

/* Entries the register table may have: mmio.c indexes it with a u16. */
#define MGVT_MMIO_TABLE_MAX	0xfffe

extern const struct mgvt_mmio_reg mgvt_mmio_table[];
extern const unsigned int mgvt_mmio_table_size;

/* The handlers (mmio_handlers.c), with the vGPU lock held. */
u32 mgvt_fw_ack_read(struct mgvt_vgpu *vgpu, u32 off, u32 val);
u32 mgvt_reset_ctl_read(struct mgvt_vgpu *vgpu, u32 off, u32 val);
u32 mgvt_mi_mode_read(struct mgvt_vgpu *vgpu, u32 off, u32 val);
u32 mgvt_zero_read(struct mgvt_vgpu *vgpu, u32 off, u32 val);
void mgvt_gdrst_write(struct mgvt_vgpu *vgpu, u32 off, u32 val);
u32 mgvt_pwr_well_read(struct mgvt_vgpu *vgpu, u32 off, u32 val);
void mgvt_pwr_well_write(struct mgvt_vgpu *vgpu, u32 off, u32 val);
u32 mgvt_master_irq_read(struct mgvt_vgpu *vgpu, u32 off, u32 val);
void mgvt_master_irq_write(struct mgvt_vgpu *vgpu, u32 off, u32 val);

#endif /* MGVT_TRAP_MMIO_TABLE_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vGPU register table (mmio_table.c): data, one entry per register,
 * with the semantics mmio.c gives it.
 */
#ifndef MGVT_TRAP_MMIO_TABLE_H
#define MGVT_TRAP_MMIO_TABLE_H

#include <linux/bits.h>
#include <linux/types.h>

/* Register kinds of the vGPU register table (mmio_table.c). */
enum mgvt_mmio_kind {
	MK_PLAIN,
	MK_FW_ACK,	/* mirrors its forcewake request */
	MK_RESET_CTL,	/* ready-to-reset follows the request */
	MK_MI_MODE,	/* idle follows stop-ring and the virtual engine */
	MK_GDRST,	/* virtual reset of this vGPU, then reads 0 */
	MK_PCODE,	/* mailbox command done at once, reply 0 */
	MK_PWR_WELL,	/* well state follows its request */
	MK_MASTER_IRQ,	/* control bit stored, pending bits computed */
};

#define MF_RO		BIT(0)	/* guest writes dropped and counted */
#define MF_MASKED	BIT(1)	/* bits 31:16 enable writes of bits 15:0 */
#define MF_W1C		BIT(2)	/* writing 1 clears */
#define MF_ENGINE	BIT(3)	/* one per engine, offset from its base */
#define MF_GOLDEN	BIT(4)	/* reset value from the pGPU's golden state */
#define MF_IRQ		BIT(5)	/* a write may change the interrupt line */

/**
 * struct mgvt_mmio_reg - one entry of the vGPU register table
 * @name: register name, for logs
 * @offset: BAR0 offset, or offset from each engine base with MF_ENGINE
 * @init: value after reset unless MF_GOLDEN
 * @flags: MF_* semantics
 * @kind: behaviour beyond storage
 */
struct mgvt_mmio_reg {
	const char *name;
	u32 offset;
	u32 init;
	u8 flags;
	u8 kind;
};

/* Entries the register table may have: mmio.c indexes it with a u16. */
#define MGVT_MMIO_TABLE_MAX	0xfffe

extern const struct mgvt_mmio_reg mgvt_mmio_table[];
extern const unsigned int mgvt_mmio_table_size;

#endif /* MGVT_TRAP_MMIO_TABLE_H */

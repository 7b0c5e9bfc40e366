/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Gen9 register offsets (BAR0) and the bit layouts of the structures the
 * engines share with their driver, by name, for the mediator, the native
 * client and the simulated GPU alike.  Offsets and bits as the Linux i915
 * driver uses them.
 */
#ifndef MGVT_REGS_H
#define MGVT_REGS_H

#include <linux/bits.h>
#include <linux/types.h>

/* Engine register blocks. */
#define RCS_BASE		0x02000
#define BCS_BASE		0x22000
#define VCS_BASE		0x12000
#define VECS_BASE		0x1a000

/*
 * The four engines, numbered as everywhere in mgvt (and in the GT interrupt
 * banks below): 0 rcs0, 1 bcs0, 2 vcs0, 3 vecs0.
 */
#define MGVT_NUM_ENGINES	4

static inline u32 gen9_engine_base(unsigned int e)
{
	static const u32 base[] = { RCS_BASE, BCS_BASE, VCS_BASE, VECS_BASE };

	return base[e];
}

static inline const char *gen9_engine_name(unsigned int e)
{
	static const char *const name[] = { "rcs0", "bcs0", "vcs0", "vecs0" };

	return name[e];
}

/* Per-engine registers, relative to the engine base. */
#define RING_TAIL		0x030
#define RING_HEAD		0x034
#define RING_START		0x038
#define RING_CTL		0x03c
#define RING_IPEIR		0x064	/* error: instruction parser state */
#define RING_IPEHR		0x068	/* error: header of the failed command */
#define RING_DMA_FADD		0x078	/* error: address the fetch was at */
#define RING_ACTHD		0x074
#define RING_HWS_PGA		0x080
#define RING_MI_MODE		0x09c
#define RING_HWSTAM		0x098
#define RING_IMR		0x0a8
#define RING_EIR		0x0b0	/* error identity, write 1 to clear */
#define RING_EMR		0x0b4	/* error mask */
#define RING_ESR		0x0b8	/* error status */
#define RING_RESET_CTL		0x0d0
#define RING_ELSP		0x230
#define RING_EXECLIST_STATUS	0x234
#define RING_EXECLIST_STATUS_HI	0x238	/* the running context's ID */
#define RING_BB_STATE		0x110
#define RING_SBB_ADDR		0x114
#define RING_SBB_STATE		0x118
#define RING_SBB_ADDR_UDW	0x11c
#define RING_BB_ADDR		0x140
#define RING_BB_ADDR_UDW	0x168
#define RING_BB_PER_CTX_PTR	0x1c0
#define RING_INDIRECT_CTX	0x1c4	/* GGTT address | size in cachelines */
#define RING_INDIRECT_CTX_OFFSET 0x1c8
#define RING_CONTEXT_CONTROL	0x244
#define RING_PDP_LDW(n)		(0x270 + 8 * (n))
#define RING_PDP_UDW(n)		(0x274 + 8 * (n))
#define RING_MODE		0x29c
#define RING_TIMESTAMP		0x358
#define RING_CSB(n)		(0x370 + 8 * (n))
#define RING_CSB_PTR		0x3a0
#define RING_CTX_TIMESTAMP	0x3a8

#define MI_MODE_STOP_RING	BIT(8)
#define MI_MODE_IDLE		BIT(9)
#define RESET_CTL_REQUEST	BIT(0)
#define RESET_CTL_READY		BIT(1)
#define RESET_CTL_CAT_ERROR	BIT(2)
/* RING_EIR / RING_EMR / RING_ESR bits. */
#define ERR_INSTRUCTION		BIT(0)	/* bad or unknown command */
#define ERR_PAGE_TABLE		BIT(4)	/* invalid GTT entry or unmapped page */
#define RING_MODE_RUN_LIST	BIT(15)
#define RING_CTL_VALID		BIT(0)
#define RING_CTL_SIZE		GENMASK(20, 12)	/* pages - 1 */
#define RING_HEAD_ADDR		GENMASK(20, 2)
#define RING_TAIL_ADDR		GENMASK(20, 3)
#define INDIRECT_CTX_SIZE	GENMASK(5, 0)	/* in 64-byte cachelines */
#define INDIRECT_CTX_ADDR	GENMASK(31, 6)
/* RING_EXECLIST_STATUS (lower dword). */
#define EXECLIST_CUR_POINTER	BIT(0)	/* element running: 0 or 1 */
#define EXECLIST_WRITE_POINTER	BIT(1)
#define EXECLIST_QUEUE_FULL	BIT(2)	/* a submission waits to be taken */
#define EXECLIST_1_VALID	BIT(3)
#define EXECLIST_0_VALID	BIT(4)
#define EXECLIST_ARB_ENABLE	BIT(16)
#define EXECLIST_1_ACTIVE	BIT(17)
#define EXECLIST_0_ACTIVE	BIT(18)
#define CTX_RESTORE_INHIBIT	BIT(0)	/* in RING_CONTEXT_CONTROL */

/* Global registers. */
#define FORCEWAKE_RENDER	0x0a278
#define FORCEWAKE_ACK_RENDER	0x00d84
#define FORCEWAKE_GT		0x0a188	/* the blitter domain */
#define FORCEWAKE_ACK_GT	0x130044
#define FORCEWAKE_MEDIA		0x0a270
#define FORCEWAKE_ACK_MEDIA	0x00d88
#define FORCEWAKE_KERNEL	BIT(0)
#define GDRST			0x0941c
#define GDRST_FULL		BIT(0)
#define GDRST_RENDER		BIT(1)
#define GDRST_MEDIA		BIT(2)
#define GDRST_BLT		BIT(3)
#define GDRST_VECS		BIT(4)

static inline u32 gen9_engine_gdrst(unsigned int e)
{
	static const u32 bit[] = { GDRST_RENDER, GDRST_BLT, GDRST_MEDIA, GDRST_VECS };

	return bit[e];
}

/* The engine's hardware id, as the fault registers report it. */
static inline unsigned int gen9_engine_hw_id(unsigned int e)
{
	static const u8 id[MGVT_NUM_ENGINES] = { 0, 2, 1, 3 };

	return id[e];
}

/*
 * The memory fault an engine took (Gen8+: one set for the GT).  The first
 * fault is kept until the driver clears FAULT_REG_VALID.
 */
#define FAULT_REG		0x04094
#define FAULT_REG_VALID		BIT(0)
#define FAULT_REG_GGTT		BIT(11)	/* the access went through the GGTT */
#define FAULT_REG_ENGINE	GENMASK(14, 12)	/* gen9_engine_hw_id() */
#define FAULT_TLB_DATA0		0x04b10	/* faulting address bits 43:12 */
#define FAULT_TLB_DATA1		0x04b14
#define FAULT_TLB_VA_HIGH	GENMASK(3, 0)	/* faulting address bits 47:44 */
#define FAULT_TLB_GGTT		BIT(4)

/* Where each engine's events sit in the GT interrupt banks: bank, shift. */
static inline unsigned int gen9_engine_irq_bank(unsigned int e)
{
	static const u8 bank[MGVT_NUM_ENGINES] = { 0, 0, 1, 3 };

	return bank[e];
}

static inline unsigned int gen9_engine_irq_shift(unsigned int e)
{
	static const u8 shift[MGVT_NUM_ENGINES] = { 0, 16, 0, 0 };

	return shift[e];
}

#define PCODE_MAILBOX		0x138124
#define PCODE_DATA		0x138128
#define PCODE_DATA1		0x13812c
#define PCODE_READY		BIT(31)
#define MASTER_IRQ		0x44200
#define MASTER_IRQ_CONTROL	BIT(31)
#define MASTER_IRQ_GT(n)	BIT(n)	/* GT bank n has an enabled IIR bit */
#define GT_BANKS		4
#define GT_ISR(n)		(0x44300 + 0x10 * (n))
#define GT_IMR(n)		(0x44304 + 0x10 * (n))
#define GT_IIR(n)		(0x44308 + 0x10 * (n))
#define GT_IER(n)		(0x4430c + 0x10 * (n))
#define GT_USER_INTERRUPT	BIT(0)
#define GT_CS_ERROR		BIT(3)	/* the engine stopped on an error */
#define GT_CONTEXT_SWITCH	BIT(8)
#define FENCE_LO(n)		(0x100000 + 8 * (n))
#define FENCE_HI(n)		(0x100004 + 8 * (n))
/* A write invalidates the GGTT TLBs: PTE updates take effect after it. */
#define GFX_FLSH_CNTL		0x101008

/* Identity and fuses. */
#define GEN8_FUSE2		0x09120
#define FUSE2_SLICE_ENABLE_SHIFT 25	/* 3 bits */
#define FUSE2_SS_DISABLE_SHIFT	20	/* Gen9: 4 bits */
#define GEN9_EU_DISABLE(s)	(0x09134 + 4 * (s))	/* 8 bits per subslice */

/* Display power: fuse distribution and power wells (Skylake). */
#define SKL_FUSE_STATUS		0x42000
#define SKL_FUSE_DOWNLOAD_DONE	BIT(31)
#define SKL_FUSE_PG_DIST(pg)	BIT(27 - (pg))
#define PWR_WELL_CTL_BIOS	0x45400
#define PWR_WELL_CTL_DRIVER	0x45404
#define PWR_WELL_REQ(idx)	BIT(2 * (idx) + 1)
#define PWR_WELL_STATE(idx)	BIT(2 * (idx))
#define PWR_WELL_REQ_ALL	0xaaaaaaaaU	/* every well's request bit */

/* Masked registers: bits 31:16 enable the write of bits 15:0. */
#define MASKED_ENABLE(b)	((b) * 0x10001U)	/* mask and value */
#define MASKED_DISABLE(b)	((b) << 16)
#define MASKED_FIELD(mask, val)	((mask) << 16 | (val))
#define MASKED_VALUE(v)		((v) & 0xffff)

/* RING_CSB_PTR (masked): read pointer and write pointer. */
#define CSB_PTR_READ		GENMASK(11, 8)
#define CSB_PTR_WRITE		GENMASK(3, 0)

/* Context status buffer: events (lower dword of an entry). */
#define CSB_IDLE_ACTIVE		BIT(0)
#define CSB_PREEMPTED		BIT(1)
#define CSB_ELEMENT_SWITCH	BIT(2)
#define CSB_ACTIVE_IDLE		BIT(3)
#define CSB_COMPLETE		BIT(4)
#define CSB_LITE_RESTORE	BIT(15)
#define CSB_ENTRIES		6
#define HWSP_CSB		0x10	/* dword index of the CSB in the HWSP */
#define HWSP_CSB_WRITE		0x1f	/* dword index of its write pointer */

/* Execlist context descriptor. */
#define CTX_DESC_VALID		BIT_ULL(0)
#define CTX_DESC_FORCE_PD_RESTORE BIT_ULL(1)
#define CTX_DESC_FORCE_RESTORE	BIT_ULL(2)
#define CTX_DESC_MODE_SHIFT	3
#define CTX_DESC_MODE_4LVL	3	/* legacy 64-bit: 4-level PPGTT */
#define CTX_DESC_PRIVILEGE	BIT_ULL(8)
#define CTX_DESC_PRIORITY	GENMASK_ULL(10, 9)	/* EU priority (rcs0) */
#define CTX_DESC_LRCA		GENMASK_ULL(31, 12)
#define CTX_DESC_CTX_ID_SHIFT	32

/* Logical ring context: register state in page 1 of the image. */
#define LRC_STATE_OFFSET	4096

/*
 * Gen9 register state page: dword index of each register's value (its
 * offset sits one dword before), the same on every engine.  Two LRI lists:
 * 14 registers from dword 1, 9 from dword 0x21.
 */
#define LRC_LRI0		0x01
#define LRC_CTX_CONTROL		0x03
#define LRC_RING_HEAD		0x05
#define LRC_RING_TAIL		0x07
#define LRC_RING_START		0x09
#define LRC_RING_CTL		0x0b
#define LRC_BB_ADDR_UDW		0x0d
#define LRC_BB_ADDR		0x0f
#define LRC_BB_STATE		0x11
#define LRC_SBB_ADDR_UDW	0x13
#define LRC_SBB_ADDR		0x15
#define LRC_SBB_STATE		0x17
#define LRC_BB_PER_CTX_PTR	0x19
#define LRC_INDIRECT_CTX	0x1b
#define LRC_INDIRECT_CTX_OFFSET	0x1d
#define LRC_LRI1		0x21
#define LRC_CTX_TIMESTAMP	0x23
#define LRC_PDP_UDW(n)		(0x31 - 4 * (n))
#define LRC_PDP_LDW(n)		(0x33 - 4 * (n))
#define LRC_END			0x34	/* first dword after the second list */

#endif /* MGVT_REGS_H */

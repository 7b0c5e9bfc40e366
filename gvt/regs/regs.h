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
/*
 * Gen9's hardware register whitelist: each slot names one register
 * (address bits 25:2; Skylake has no range or access fields) that a
 * non-privileged batch may write.  The driver fills them (i915's
 * intel_workarounds.c); they are not part of a context.
 */
#define RING_NOPID		0x094	/* read-only */
#define RING_FORCE_TO_NONPRIV(n) (0x4d0 + 4 * (n))
#define RING_NONPRIV_SLOTS	12
#define FORCE_TO_NONPRIV_ADDR	GENMASK(25, 2)
#define RING_CS_GPR		0x600	/* 16 64-bit general purpose registers */
#define RING_CS_GPR_DWORDS	32

#define MI_MODE_STOP_RING	BIT(8)
#define MI_MODE_IDLE		BIT(9)
#define RESET_CTL_REQUEST	BIT(0)
#define RESET_CTL_READY		BIT(1)
#define RESET_CTL_CAT_ERROR	BIT(2)
/*
 * RING_EIR / RING_EMR / RING_ESR bits.  The layout is the one i915 named
 * for Ironlake's engines (GT_ERROR_PTE 4, GT_ERROR_MPE 3, GT_ERROR_CPE 2:
 * Linux 6.1 names no Gen8+ bits and keeps only the older GM45 ones), taken
 * for Gen9 as the model's page-table bit already was.
 */
#define ERR_INSTRUCTION		BIT(0)	/* bad or unknown command */
#define ERR_PRIVILEGE		BIT(2)	/* command privilege violation */
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
/* Per-engine TLB invalidation: write the engine's bit, poll it clear. */
#define GEN8_RTCR		0x04260
#define GEN8_M1TCR		0x04264
#define GEN8_M2TCR		0x04268
#define GEN8_BTCR		0x0426c
#define GEN8_VTCR		0x04270

#define GDRST			0x0941c
#define GDRST_FULL		BIT(0)
#define GDRST_RENDER		BIT(1)
#define GDRST_MEDIA		BIT(2)
#define GDRST_BLT		BIT(3)
#define GDRST_VECS		BIT(4)
#define GUC_STATUS		0x0c000
#define GUC_STATUS_MIA_IN_RESET	BIT(0)	/* the GuC's microcontroller is held in reset */

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

/* PCODE mailbox commands (low byte of PCODE_MAILBOX) and replies. */
#define PCODE_CMD		0xffU		/* command in, error code out */
#define PCODE_OK		0x00
#define PCODE_ILLEGAL_CMD	0x01
#define PCODE_READ_MEM_LATENCY	0x06	/* DATA 0: levels 0-3, 1: levels 4-7 */
#define PCODE_CDCLK_CONTROL	0x07
#define PCODE_CDCLK_PREPARE	0x03	/* DATA: prepare for a change */
#define PCODE_CDCLK_READY	0x01	/* reply: ready for it */
#define PCODE_WRITE_MIN_FREQ	0x08
#define PCODE_READ_MIN_FREQ	0x09
#define PCODE_READ_OC_PARAMS	0x0c
#define PCODE_DDCC		0x1a	/* dynamic duty cycle control */
#define PCODE_SAGV_CONTROL	0x21
#define PCODE_SAGV_DISABLE	0x00
#define PCODE_SAGV_IS_DISABLED	0x01	/* reply to a disable */
#define PCODE_SAGV_ENABLE	0x03

/*
 * Display, Skylake with its Sunrise Point PCH.  Ports A-E are DDIs; their
 * AUX channels are 0x100 apart from DDI A's.
 */
#define DISP_PORTS		5
#define DDI_BUF_CTL(p)		(0x64000 + 0x100 * (p))
#define DDI_BUF_ENABLE		BIT(31)
#define DDI_BUF_IDLE		BIT(7)
#define DDI_A_4_LANES		BIT(4)
#define DDI_INIT_DISPLAY_DETECTED BIT(0)
#define DP_TP_STATUS(p)		(0x64044 + 0x100 * (p))
#define DP_TP_STATUS_IDLE_DONE	BIT(25)
#define AUX_CH_CTL(p)		(0x64010 + 0x100 * (p))
#define AUX_CH_DATA(p, i)	(0x64014 + 0x100 * (p) + 4 * (i))
#define AUX_DATA_REGS		5
#define AUX_CTL_SEND_BUSY	BIT(31)
#define AUX_CTL_DONE		BIT(30)
#define AUX_CTL_INTERRUPT	BIT(29)
#define AUX_CTL_TIME_OUT_ERROR	BIT(28)
#define AUX_CTL_RECEIVE_ERROR	BIT(25)
#define AUX_CTL_STATUS		(AUX_CTL_DONE | AUX_CTL_TIME_OUT_ERROR | \
				 AUX_CTL_RECEIVE_ERROR)
#define AUX_CTL_SIZE		GENMASK(24, 20)	/* bytes sent, then received */
#define AUX_CTL_SIZE_SHIFT	20

/* Pipes and transcoders: A, B, C and the eDP transcoder. */
#define PIPECONF_A		0x70008
#define PIPECONF_B		0x71008
#define PIPECONF_C		0x72008
#define PIPECONF_EDP		0x7f008
#define PIPECONF_ENABLE		BIT(31)
#define PIPECONF_STATE		BIT(30)
#define PIPECONF(t)		(PIPECONF_A + 0x1000 * (t))	/* A-C, eDP */
#define PIPE_FRMCOUNT(p)	(0x70040 + 0x1000 * (p))	/* frames */
#define PIPE_FLIPCOUNT(p)	(0x70044 + 0x1000 * (p))	/* flips */

/*
 * Transcoders A-C and eDP (0x1000 apart, eDP at index 15): timings (total
 * - 1 in 28:16), DP link M/N, DDI port, and the pipe the eDP one feeds.
 */
#define TRANS_EDP		15
#define TRANS_HTOTAL(t)		(0x60000 + 0x1000 * (t))
#define TRANS_VTOTAL(t)		(0x6000c + 0x1000 * (t))
#define TRANS_TOTAL_SHIFT	16
#define TRANS_TOTAL_MASK	0x1fffU
#define TRANS_LINK_M1(t)	(0x60040 + 0x1000 * (t))
#define TRANS_LINK_N1(t)	(0x60044 + 0x1000 * (t))
#define TRANS_LINK_MN_MASK	0xffffffU
#define TRANS_DDI_FUNC_CTL(t)	(0x60400 + 0x1000 * (t))
#define TRANS_DDI_PORT_SHIFT	28	/* 3 bits: DDI A-E */
#define TRANS_DDI_EDP_INPUT_SHIFT 12	/* 3 bits: 0 or 4 pipe A, 5 B, 6 C */

/* Universal plane 1 (primary) of pipes A-C. */
#define PLANE_CTL(p)		(0x70180 + 0x1000 * (p))
#define PLANE_CTL_ENABLE	BIT(31)
#define PLANE_CTL_FORMAT	GENMASK(27, 24)
#define PLANE_CTL_FORMAT_SHIFT	24
#define PLANE_FORMAT_XRGB_2101010 2
#define PLANE_FORMAT_XRGB_8888	4
#define PLANE_FORMAT_RGB_565	14
#define PLANE_CTL_ORDER_RGBX	BIT(20)
#define PLANE_CTL_TILED		GENMASK(12, 10)
#define PLANE_CTL_TILED_SHIFT	10
#define PLANE_TILED_LINEAR	0
#define PLANE_TILED_X		1
#define PLANE_TILED_Y		4
#define PLANE_TILED_YF		5
#define PLANE_CTL_ASYNC_FLIP	BIT(9)
#define PLANE_CTL_FLIP_HORIZONTAL BIT(8)
#define PLANE_CTL_ALPHA		GENMASK(5, 4)	/* 0: alpha ignored */
#define PLANE_CTL_ROTATE	GENMASK(1, 0)
#define PLANE_STRIDE(p)		(0x70188 + 0x1000 * (p))
#define PLANE_STRIDE_MASK	GENMASK(11, 0)	/* 64 bytes linear, tiles */
#define PLANE_POS(p)		(0x7018c + 0x1000 * (p))
#define PLANE_SIZE(p)		(0x70190 + 0x1000 * (p))	/* h - 1, w - 1 */
#define PLANE_SURF(p)		(0x7019c + 0x1000 * (p))
#define PLANE_OFFSET(p)		(0x701a4 + 0x1000 * (p))	/* y, x */
#define PLANE_SURFLIVE(p)	(0x701ac + 0x1000 * (p))
#define PLANE_SURF_ADDR		GENMASK(31, 12)
#define PIPESRC(p)		(0x6001c + 0x1000 * (p))	/* w - 1, h - 1 */

/* Cursor plane of pipes A-C. */
#define CUR_CTL(p)		(0x70080 + 0x1000 * (p))
#define CUR_CTL_MODE		0x27
#define CUR_MODE_64_ARGB	0x27
#define CUR_MODE_128_ARGB	0x22
#define CUR_MODE_256_ARGB	0x23
#define CUR_BASE(p)		(0x70084 + 0x1000 * (p))
#define CUR_BASE_ADDR		GENMASK(31, 12)
#define CUR_POS(p)		(0x70088 + 0x1000 * (p))
#define CUR_POS_Y_SIGN		BIT(31)
#define CUR_POS_X_SIGN		BIT(15)
#define CUR_POS_MAG		GENMASK(14, 0)	/* of each half */

/* Clocks: CDCLK, DPLL0 (LCPLL1) to DPLL3 (WRPLL2), the data buffer. */
#define CDCLK_CTL		0x46000
#define LCPLL1_CTL		0x46010
#define LCPLL2_CTL		0x46014
#define WRPLL_CTL(n)		(0x46040 + 0x20 * (n))
#define PLL_ENABLE		BIT(31)
#define LCPLL1_LOCK		BIT(30)
#define DPLL_CTRL1		0x6c058
#define DPLL_CTRL2		0x6c05c
#define DPLL_STATUS		0x6c060
#define DPLL_STATUS_LOCK(n)	BIT(8 * (n))
#define DPLL_CTRL1_HDMI_MODE(n)	BIT(6 * (n) + 5)
#define DPLL_CTRL1_LINK_RATE_SHIFT(n) (6 * (n) + 1)	/* 3 bits */
#define DPLL_CTRL2_DDI_CLK_OFF(p) BIT((p) + 15)
#define DPLL_CTRL2_DDI_CLK_SEL_SHIFT(p) (3 * (p) + 1)	/* 2 bits: DPLL */
#define DBUF_CTL		0x45008
#define DBUF_POWER_REQUEST	BIT(31)
#define DBUF_POWER_STATE	BIT(30)

/* Panel power sequencer (on the PCH). */
#define PP_STATUS		0xc7200
#define PP_CONTROL		0xc7204
#define PP_STATUS_ON		BIT(31)
#define PP_STATUS_ON_IDLE	0x8	/* sequence state: on, idle */
#define PP_CONTROL_VDD		BIT(3)
#define PP_CONTROL_POWER_ON	BIT(0)

/* Fuse straps: which DDIs the board wired. */
#define SFUSE_STRAP		0xc2014
#define SFUSE_STRAP_DDIB	BIT(2)
#define SFUSE_STRAP_DDIC	BIT(1)
#define SFUSE_STRAP_DDID	BIT(0)

/* Display interrupts: the DE port bank and the south (PCH) bank. */
#define DE_PIPE_IMR(p)		(0x44404 + 0x10 * (p))
#define DE_PIPE_IIR(p)		(0x44408 + 0x10 * (p))
#define DE_PIPE_IER(p)		(0x4440c + 0x10 * (p))
#define DE_PIPE_VBLANK		BIT(0)
#define DE_PIPE_PLANE1_FLIP_DONE BIT(3)
#define DE_MISC_IMR		0x44464
#define DE_MISC_IIR		0x44468
#define DE_MISC_IER		0x4446c
#define EDP_PSR_IMR		0x64834
#define EDP_PSR_IIR		0x64838
#define PCU_IMR			0x444e4
#define PCU_IIR			0x444e8
#define PCU_IER			0x444ec
#define DE_PORT_ISR		0x44440
#define DE_PORT_IMR		0x44444
#define DE_PORT_IIR		0x44448
#define DE_PORT_IER		0x4444c
#define DE_PORT_DP_A_HOTPLUG	BIT(3)
#define SDE_ISR			0xc4000
#define SDE_IMR			0xc4004
#define SDE_IIR			0xc4008
#define SDE_IER			0xc400c
#define SDE_PORTA_HOTPLUG	BIT(24)
#define SDE_PORTB_HOTPLUG	BIT(21)
#define SHOTPLUG_CTL		0xc4030
#define SHOTPLUG_CTL2		0xc403c
#define SHOTPLUG_PORTA_ENABLE	BIT(28)		/* port A hotplug detection */
#define SHOTPLUG_PORTA_STATUS	(3u << 24)	/* port A status, write 1 to clear */
#define SHOTPLUG_PORTA_LONG	(2u << 24)	/* port A status: long pulse */
#define SHOTPLUG_PORTB_ENABLE	BIT(12)		/* port B hotplug detection */
#define SHOTPLUG_PORTB_STATUS	(3u << 8)	/* port B status, write 1 to clear */
#define SHOTPLUG_PORTB_LONG	(2u << 8)	/* port B status: long pulse */
#define DE_PIPES		3
#define MASTER_IRQ_DE_PIPE(p)	BIT(16 + (p))
#define MASTER_IRQ_DE_PORT	BIT(20)
#define MASTER_IRQ_DE_MISC	BIT(22)
#define MASTER_IRQ_PCH		BIT(23)

/* GMBUS, the PCH's I2C controller for the DDC pins. */
#define GMBUS0			0xc5100	/* pin pair, rate */
#define GMBUS1			0xc5104	/* command */
#define GMBUS2			0xc5108	/* status */
#define GMBUS3			0xc510c	/* data */
#define GMBUS4			0xc5110	/* interrupt mask */
#define GMBUS5			0xc5120	/* 2-byte index */
#define GMBUS0_PIN		GENMASK(2, 0)
#define GMBUS1_SW_CLR_INT	BIT(31)
#define GMBUS1_SW_RDY		BIT(30)
#define GMBUS1_CYCLE_INDEX	BIT(26)
#define GMBUS1_CYCLE_STOP	BIT(27)
#define GMBUS1_COUNT_SHIFT	16
#define GMBUS1_COUNT		GENMASK(24, 16)
#define GMBUS1_INDEX_SHIFT	8
#define GMBUS1_ADDR_SHIFT	1
#define GMBUS1_READ		BIT(0)
#define GMBUS2_HW_WAIT		BIT(14)
#define GMBUS2_HW_RDY		BIT(11)
#define GMBUS2_SATOER		BIT(10)	/* no acknowledge: no device */
#define GMBUS2_ACTIVE		BIT(9)

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

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Gen9 GPU commands, once for everyone who builds or reads a command
 * stream: the native client, the sim's command streamer and context
 * restore, and the command scanner.  Opcodes are the header dword
 * without its length; fields are named bits of the header or of later
 * dwords.
 */
#ifndef MGVT_REGS_GPU_CMD_H
#define MGVT_REGS_GPU_CMD_H

#include <linux/bits.h>

/* MI commands: opcode in bits 28:23, command-specific bits below. */
#define MI_INSTR(op)			((u32)(op) << 23)
#define MI_OPCODE_MASK			GENMASK(31, 23)
#define MI_NOOP				MI_INSTR(0x00)
#define MI_USER_INTERRUPT		MI_INSTR(0x02)
#define MI_ARB_CHECK			MI_INSTR(0x05)
#define MI_ARB_ON_OFF			MI_INSTR(0x08)
#define MI_BATCH_BUFFER_END		MI_INSTR(0x0a)
#define MI_SEMAPHORE_WAIT		MI_INSTR(0x1c)
#define MI_STORE_DWORD_IMM		MI_INSTR(0x20)
#define MI_LOAD_REGISTER_IMM		MI_INSTR(0x22)
#define MI_STORE_REGISTER_MEM		MI_INSTR(0x24)
#define MI_FLUSH_DW			MI_INSTR(0x26)
#define MI_LOAD_REGISTER_MEM		MI_INSTR(0x29)
#define MI_LOAD_REGISTER_REG		MI_INSTR(0x2a)
#define MI_BATCH_BUFFER_START		MI_INSTR(0x31)

/* Opcodes the command scanner names to refuse them (none is modelled). */
#define MI_SET_PREDICATE		MI_INSTR(0x01)
#define MI_WAIT_FOR_EVENT		MI_INSTR(0x03)
#define MI_REPORT_HEAD			MI_INSTR(0x07)
#define MI_PREDICATE			MI_INSTR(0x0c)
#define MI_DISPLAY_FLIP			MI_INSTR(0x14)
#define MI_SET_CONTEXT			MI_INSTR(0x18)
#define MI_MATH				MI_INSTR(0x1a)
#define MI_STORE_DATA_INDEX		MI_INSTR(0x21)
#define MI_UPDATE_GTT			MI_INSTR(0x23)
#define MI_REPORT_PERF_COUNT		MI_INSTR(0x28)
#define MI_COPY_MEM_MEM			MI_INSTR(0x2e)
#define MI_ATOMIC			MI_INSTR(0x2f)
#define MI_CONDITIONAL_BB_END		MI_INSTR(0x36)

/*
 * Gen9 lengths in dwords: the length field holds the length - 2, in bits
 * 5:0 (MI_FLUSH_DW), 9:0 (MI_STORE_DWORD_IMM) or 7:0 (the others).
 */
#define MI_LEN_6			GENMASK(5, 0)
#define MI_LEN_10			GENMASK(9, 0)
#define CMD_LEN_8			GENMASK(7, 0)
#define CMD_LEN_BIAS			2
#define MI_SDI_DW			4	/* 5: a qword */
#define MI_SEMAPHORE_WAIT_DW		4
#define MI_SRM_DW			4
#define MI_LRM_DW			4
#define MI_LRR_DW			3
#define MI_FLUSH_DW_DW			4	/* 5: a qword */
#define MI_BB_START_DW			3
#define PIPE_CONTROL_DW			6
#define XY_COLOR_BLT_DW			7
#define XY_SRC_COPY_BLT_DW		10
#define GFX_3DPRIMITIVE_DW		7

/* MI command fields. */
#define MI_USE_GGTT			BIT(22)	/* SDI, SRM, LRM, SEMAPHORE_WAIT */
#define MI_LRI_FORCE_POSTED		BIT(12)
#define MI_ARB_ENABLE			BIT(0)	/* MI_ARB_ON_OFF */
#define SEM_POLL			BIT(15)	/* MI_SEMAPHORE_WAIT: poll mode */
#define MI_BB_PPGTT			BIT(8)
#define MI_BB_SECOND_LEVEL		BIT(22)
#define MI_FLUSH_STORE_INDEX		BIT(21)
#define MI_FLUSH_ADDR_GGTT		BIT(2)
#define MI_REG_OFFSET			GENMASK(22, 2)	/* LRI, SRM, LRM, LRR */
#define SEM_COMPARE_SHIFT		12
#define SEM_COMPARE_EQ			4	/* memory == data */
#define HWSP_INDEX_MASK			0xff8	/* store-index offset in the HWSP */
/* Post-sync operation: MI_FLUSH_DW DW0, PIPE_CONTROL DW1. */
#define POST_SYNC_SHIFT			14
#define POST_SYNC_MASK			GENMASK(15, 14)
#define POST_SYNC_IMM			1
#define POST_SYNC_DEPTH			2	/* PIPE_CONTROL: a qword */
#define POST_SYNC_TIMESTAMP		3
#define PC_DC_FLUSH			BIT(5)
#define PC_CS_STALL			BIT(20)
#define PC_STORE_INDEX			BIT(21)
#define PC_MMIO_WRITE			BIT(23)	/* post-sync: write a register */
#define PC_ADDR_GGTT			BIT(24)
#define PC_FLUSH_L3			BIT(27)

/* LRI with @n register/value pairs: the header's length field. */
#define MI_LRI(n)			(MI_LOAD_REGISTER_IMM | (2 * (n) - 1))

/* 2D (blitter) commands: client 2 in bits 31:29, opcode in bits 28:22. */
#define BLT_INSTR(op)			(0x40000000U | (u32)(op) << 22)
#define BLT_OPCODE_MASK			GENMASK(31, 22)
#define XY_COLOR_BLT			BLT_INSTR(0x50)
#define XY_SRC_COPY_BLT			BLT_INSTR(0x53)
#define BLT_WRITE_RGBA			(3U << 20)	/* 32 bpp: all channels */
#define XY_DST_TILED			BIT(11)
#define XY_SRC_TILED			BIT(15)	/* XY_SRC_COPY_BLT */
#define BR13_32BPP			(3U << 24)
#define BR13_DEPTH			GENMASK(25, 24)
#define BR13_DEPTH_32BPP		3
#define BR13_ROP_MASK			GENMASK(23, 16)
#define BR13_ROP(rop)			((u32)(rop) << 16)
#define BR13_PITCH			GENMASK(15, 0)	/* bytes, signed */
/* A corner of a blit rectangle: x in bits 15:0, y in bits 31:16. */
#define BLT_X				GENMASK(15, 0)
#define BLT_Y				GENMASK(31, 16)
#define BLT_XY(x, y)			((u32)(y) << 16 | (x))
#define BLT_COORD_MAX			0x7fff	/* what the native client draws */

/* Graphics addresses in commands: bits 47:32 in the upper dword. */
#define GFX_ADDR_HI			GENMASK(15, 0)
#define ROP_PATCOPY			0xf0
#define ROP_SRCCOPY			0xcc

/* 3D pipeline commands the sim parses: opcode in bits 31:16. */
#define GFX_OPCODE_MASK			GENMASK(31, 16)
#define PIPE_CONTROL			0x7a000000U
#define PIPELINE_SELECT			0x69040000U
#define GFX_3DSTATE_VF_STATISTICS	0x680b0000U	/* one dword */
#define VF_STATISTICS_ENABLE		BIT(0)
#define GFX_3DPRIMITIVE			0x7b000000U
/* Any other 3D state command: client 3 in bits 31:29. */
#define GFX_3D_STATE			0x60000000U
#define GFX_CLIENT_MASK			GENMASK(31, 29)

#endif /* MGVT_REGS_GPU_CMD_H */

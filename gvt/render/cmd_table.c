// SPDX-License-Identifier: GPL-2.0
/*
 * The command scanner's table and register lists (see cmd_table.h).
 *
 * Commands: everything mgvt-sim's command streamer executes (sim/cs.c,
 * sim/blt.c), with Gen9's lengths, restricted to the engines that run it
 * on hardware; the type-3 commands are those of Gen9's null render state
 * batch, which every guest runs once per boot.  A header that matches no
 * entry is refused.  A few MI commands nothing here models are listed
 * only to be refused by name.
 *
 * Registers, default deny: a context image restores what a Gen9 i915
 * image lists (68 registers per engine); a command writes the engine's
 * own general purpose registers and, on the render engine, the context
 * workaround registers Gen9 i915 programs from its rings and indirect
 * context batch; it reads its own engine's register block.  The "never"
 * list names what no command may write whatever the other lists say.
 */
#include <linux/kernel.h>

#include "regs/gpu_cmd.h"
#include "regs/regs.h"
#include "render/cmd_table.h"

#define LEN_MAX_8	(CMD_LEN_8 + CMD_LEN_BIAS)

/* A one-dword command. */
#define ONE(n, op, m, eng, k) \
	{ .name = n, .opcode = op, .mask = m, .engines = eng, .kind = k, \
	  .min_len = 1, .max_len = 1 }
/* A command whose length field is @lm, between @lo and @hi dwords. */
#define VAR(n, op, m, eng, k, lm, lo, hi, ...) \
	{ .name = n, .opcode = op, .mask = m, .engines = eng, .kind = k, \
	  .len_mask = lm, .min_len = lo, .max_len = hi, __VA_ARGS__ }
/* A 3D state command of the render engine: 16-bit opcode, 8-bit length. */
#define GFX3D(n, op) \
	VAR(n, (u32)(op) << 16, GFX_OPCODE_MASK, MGVT_ENG_RCS, MGVT_CMD_PLAIN, \
	    CMD_LEN_8, 2, LEN_MAX_8)
/* An MI command nothing models: refused by name. */
#define NO(n, op) \
	{ .name = n, .opcode = op, .mask = MI_OPCODE_MASK, \
	  .engines = MGVT_ENG_ALL, .kind = MGVT_CMD_REFUSED }

/* Address in dwords 2-3, GGTT by the header's MI_USE_GGTT, 4 bytes. */
#define MEM_MI_4 \
	.mem = { .flags = MGVT_MEM_ADDR, .dw = 2, .align = 3, .ggtt_dw = 0, \
		 .ggtt_bit = MI_USE_GGTT, .bytes = 4 }

const struct mgvt_cmd mgvt_cmds[] = {
	ONE("MI_NOOP", MI_NOOP, MI_OPCODE_MASK, MGVT_ENG_ALL, MGVT_CMD_PLAIN),
	ONE("MI_USER_INTERRUPT", MI_USER_INTERRUPT, MI_OPCODE_MASK,
	    MGVT_ENG_ALL, MGVT_CMD_USER_INT),
	ONE("MI_ARB_CHECK", MI_ARB_CHECK, MI_OPCODE_MASK, MGVT_ENG_ALL,
	    MGVT_CMD_PLAIN),
	ONE("MI_ARB_ON_OFF", MI_ARB_ON_OFF, MI_OPCODE_MASK, MGVT_ENG_ALL,
	    MGVT_CMD_PLAIN),
	ONE("MI_BATCH_BUFFER_END", MI_BATCH_BUFFER_END, MI_OPCODE_MASK,
	    MGVT_ENG_ALL, MGVT_CMD_BB_END),
	VAR("MI_SEMAPHORE_WAIT", MI_SEMAPHORE_WAIT, MI_OPCODE_MASK,
	    MGVT_ENG_ALL, MGVT_CMD_PLAIN, CMD_LEN_8,
	    MI_SEMAPHORE_WAIT_DW, MI_SEMAPHORE_WAIT_DW, MEM_MI_4),
	VAR("MI_STORE_DWORD_IMM", MI_STORE_DWORD_IMM, MI_OPCODE_MASK,
	    MGVT_ENG_ALL, MGVT_CMD_PLAIN, MI_LEN_10, MI_SDI_DW, MI_SDI_DW + 1,
	    .mem = { .flags = MGVT_MEM_ADDR, .dw = 1, .align = 3, .ggtt_dw = 0,
		     .ggtt_bit = MI_USE_GGTT, .data_dw = 3 }),
	VAR("MI_LOAD_REGISTER_IMM", MI_LOAD_REGISTER_IMM, MI_OPCODE_MASK,
	    MGVT_ENG_ALL, MGVT_CMD_LRI, CMD_LEN_8, 3, LEN_MAX_8),
	VAR("MI_STORE_REGISTER_MEM", MI_STORE_REGISTER_MEM, MI_OPCODE_MASK,
	    MGVT_ENG_ALL, MGVT_CMD_PLAIN, CMD_LEN_8, MI_SRM_DW, MI_SRM_DW,
	    .reg = { { 1, MGVT_REG_READ } }, MEM_MI_4),
	VAR("MI_FLUSH_DW", MI_FLUSH_DW, MI_OPCODE_MASK, MGVT_ENG_XCS,
	    MGVT_CMD_PLAIN, MI_LEN_6, MI_FLUSH_DW_DW, MI_FLUSH_DW_DW + 1,
	    .mem = { .flags = MGVT_MEM_ADDR | MGVT_MEM_POST_SYNC, .dw = 1,
		     .align = 7, .ggtt_dw = 1, .ggtt_bit = MI_FLUSH_ADDR_GGTT,
		     .op_dw = 0, .index_bit = MI_FLUSH_STORE_INDEX,
		     .data_dw = 3 }),
	VAR("MI_LOAD_REGISTER_MEM", MI_LOAD_REGISTER_MEM, MI_OPCODE_MASK,
	    MGVT_ENG_ALL, MGVT_CMD_PLAIN, CMD_LEN_8, MI_LRM_DW, MI_LRM_DW,
	    .reg = { { 1, MGVT_REG_WRITE } }, MEM_MI_4),
	VAR("MI_LOAD_REGISTER_REG", MI_LOAD_REGISTER_REG, MI_OPCODE_MASK,
	    MGVT_ENG_ALL, MGVT_CMD_PLAIN, CMD_LEN_8, MI_LRR_DW, MI_LRR_DW,
	    .reg = { { 1, MGVT_REG_READ }, { 2, MGVT_REG_WRITE } }),
	VAR("MI_BATCH_BUFFER_START", MI_BATCH_BUFFER_START, MI_OPCODE_MASK,
	    MGVT_ENG_ALL, MGVT_CMD_BB_START, CMD_LEN_8, MI_BB_START_DW,
	    MI_BB_START_DW),

	NO("MI_SET_PREDICATE", MI_SET_PREDICATE),
	NO("MI_WAIT_FOR_EVENT", MI_WAIT_FOR_EVENT),
	NO("MI_REPORT_HEAD", MI_REPORT_HEAD),
	NO("MI_PREDICATE", MI_PREDICATE),
	NO("MI_DISPLAY_FLIP", MI_DISPLAY_FLIP),
	NO("MI_SET_CONTEXT", MI_SET_CONTEXT),
	NO("MI_MATH", MI_MATH),
	NO("MI_STORE_DATA_INDEX", MI_STORE_DATA_INDEX),
	NO("MI_UPDATE_GTT", MI_UPDATE_GTT),
	NO("MI_REPORT_PERF_COUNT", MI_REPORT_PERF_COUNT),
	NO("MI_COPY_MEM_MEM", MI_COPY_MEM_MEM),
	NO("MI_ATOMIC", MI_ATOMIC),
	NO("MI_CONDITIONAL_BATCH_BUFFER_END", MI_CONDITIONAL_BB_END),

	/* Blitter: linear rectangles, addresses in the GGTT or the PPGTT. */
	VAR("XY_COLOR_BLT", XY_COLOR_BLT, BLT_OPCODE_MASK, MGVT_ENG_BCS,
	    MGVT_CMD_BLT_FILL, CMD_LEN_8, XY_COLOR_BLT_DW, XY_COLOR_BLT_DW,
	    .deny_dw = 0, .deny_bits = XY_DST_TILED,
	    .deny_why = "tiled blit"),
	VAR("XY_SRC_COPY_BLT", XY_SRC_COPY_BLT, BLT_OPCODE_MASK, MGVT_ENG_BCS,
	    MGVT_CMD_BLT_COPY, CMD_LEN_8, XY_SRC_COPY_BLT_DW,
	    XY_SRC_COPY_BLT_DW, .deny_dw = 0,
	    .deny_bits = XY_DST_TILED | XY_SRC_TILED,
	    .deny_why = "tiled blit"),

	/* Render engine. */
	VAR("PIPE_CONTROL", PIPE_CONTROL, GFX_OPCODE_MASK, MGVT_ENG_RCS,
	    MGVT_CMD_PLAIN, CMD_LEN_8, PIPE_CONTROL_DW, PIPE_CONTROL_DW,
	    .mem = { .flags = MGVT_MEM_ADDR | MGVT_MEM_POST_SYNC, .dw = 2,
		     .align = 7, .ggtt_dw = 1, .ggtt_bit = PC_ADDR_GGTT,
		     .op_dw = 1, .index_bit = PC_STORE_INDEX, .data_dw = 4 },
	    .deny_dw = 1, .deny_bits = PC_MMIO_WRITE,
	    .deny_why = "PIPE_CONTROL writes a register"),
	ONE("PIPELINE_SELECT", PIPELINE_SELECT, GFX_OPCODE_MASK, MGVT_ENG_RCS,
	    MGVT_CMD_PLAIN),
	ONE("3DSTATE_VF_STATISTICS", GFX_3DSTATE_VF_STATISTICS,
	    GFX_OPCODE_MASK, MGVT_ENG_RCS, MGVT_CMD_PLAIN),
	VAR("3DPRIMITIVE", GFX_3DPRIMITIVE, GFX_OPCODE_MASK, MGVT_ENG_RCS,
	    MGVT_CMD_PLAIN, CMD_LEN_8, GFX_3DPRIMITIVE_DW, GFX_3DPRIMITIVE_DW),
	GFX3D("STATE_BASE_ADDRESS", 0x6101),
	GFX3D("STATE_SIP", 0x6102),
	GFX3D("3DSTATE_CLEAR_PARAMS", 0x7804),
	GFX3D("3DSTATE_DEPTH_BUFFER", 0x7805),
	GFX3D("3DSTATE_STENCIL_BUFFER", 0x7806),
	GFX3D("3DSTATE_HIER_DEPTH_BUFFER", 0x7807),
	GFX3D("3DSTATE_VERTEX_BUFFERS", 0x7808),
	GFX3D("3DSTATE_VERTEX_ELEMENTS", 0x7809),
	GFX3D("3DSTATE_INDEX_BUFFER", 0x780a),
	GFX3D("3DSTATE_VF", 0x780c),
	GFX3D("3DSTATE_MULTISAMPLE", 0x780d),
	GFX3D("3DSTATE_CC_STATE_POINTERS", 0x780e),
	GFX3D("3DSTATE_SCISSOR_STATE_POINTERS", 0x780f),
	GFX3D("3DSTATE_VS", 0x7810),
	GFX3D("3DSTATE_GS", 0x7811),
	GFX3D("3DSTATE_CLIP", 0x7812),
	GFX3D("3DSTATE_SF", 0x7813),
	GFX3D("3DSTATE_WM", 0x7814),
	GFX3D("3DSTATE_CONSTANT_VS", 0x7815),
	GFX3D("3DSTATE_CONSTANT_GS", 0x7816),
	GFX3D("3DSTATE_CONSTANT_PS", 0x7817),
	GFX3D("3DSTATE_CONSTANT_HS", 0x7819),
	GFX3D("3DSTATE_CONSTANT_DS", 0x781a),
	GFX3D("3DSTATE_HS", 0x781b),
	GFX3D("3DSTATE_TE", 0x781c),
	GFX3D("3DSTATE_DS", 0x781d),
	GFX3D("3DSTATE_STREAMOUT", 0x781e),
	GFX3D("3DSTATE_SBE", 0x781f),
	GFX3D("3DSTATE_PS", 0x7820),
	GFX3D("3DSTATE_VIEWPORT_STATE_POINTERS_CC", 0x7821),
	GFX3D("3DSTATE_VIEWPORT_STATE_POINTERS_SF_CLIP", 0x7823),
	GFX3D("3DSTATE_BLEND_STATE_POINTERS", 0x7824),
	GFX3D("3DSTATE_BINDING_TABLE_POINTERS_VS", 0x7826),
	GFX3D("3DSTATE_BINDING_TABLE_POINTERS_HS", 0x7827),
	GFX3D("3DSTATE_BINDING_TABLE_POINTERS_DS", 0x7828),
	GFX3D("3DSTATE_BINDING_TABLE_POINTERS_GS", 0x7829),
	GFX3D("3DSTATE_BINDING_TABLE_POINTERS_PS", 0x782a),
	GFX3D("3DSTATE_SAMPLER_STATE_POINTERS_VS", 0x782b),
	GFX3D("3DSTATE_SAMPLER_STATE_POINTERS_HS", 0x782c),
	GFX3D("3DSTATE_SAMPLER_STATE_POINTERS_DS", 0x782d),
	GFX3D("3DSTATE_SAMPLER_STATE_POINTERS_GS", 0x782e),
	GFX3D("3DSTATE_SAMPLER_STATE_POINTERS_PS", 0x782f),
	GFX3D("3DSTATE_URB_VS", 0x7830),
	GFX3D("3DSTATE_URB_HS", 0x7831),
	GFX3D("3DSTATE_URB_DS", 0x7832),
	GFX3D("3DSTATE_URB_GS", 0x7833),
	GFX3D("3DSTATE_VF_INSTANCING", 0x7849),
	GFX3D("3DSTATE_VF_SGVS", 0x784a),
	GFX3D("3DSTATE_VF_TOPOLOGY", 0x784b),
	GFX3D("3DSTATE_PS_BLEND", 0x784d),
	GFX3D("3DSTATE_PS_EXTRA", 0x784f),
	GFX3D("3DSTATE_RASTER", 0x7850),
	GFX3D("3DSTATE_SBE_SWIZ", 0x7851),
	GFX3D("3DSTATE_WM_HZ_OP", 0x7852),
	GFX3D("3DSTATE_VF_COMPONENT_PACKING", 0x7855),
	GFX3D("3DSTATE_DRAWING_RECTANGLE", 0x7900),
	GFX3D("3DSTATE_SAMPLER_PALETTE_LOAD0", 0x7902),
	GFX3D("3DSTATE_CHROMA_KEY", 0x7904),
	GFX3D("3DSTATE_POLY_STIPPLE_OFFSET", 0x7906),
	GFX3D("3DSTATE_POLY_STIPPLE_PATTERN", 0x7907),
	GFX3D("3DSTATE_LINE_STIPPLE", 0x7908),
	GFX3D("3DSTATE_AA_LINE_PARAMETERS", 0x790a),
	GFX3D("3DSTATE_SAMPLER_PALETTE_LOAD1", 0x790c),
	GFX3D("3DSTATE_MONOFILTER_SIZE", 0x7911),
	GFX3D("3DSTATE_PUSH_CONSTANT_ALLOC_VS", 0x7912),
	GFX3D("3DSTATE_PUSH_CONSTANT_ALLOC_HS", 0x7913),
	GFX3D("3DSTATE_PUSH_CONSTANT_ALLOC_DS", 0x7914),
	GFX3D("3DSTATE_PUSH_CONSTANT_ALLOC_GS", 0x7915),
	GFX3D("3DSTATE_PUSH_CONSTANT_ALLOC_PS", 0x7916),
	GFX3D("3DSTATE_SO_DECL_LIST", 0x7917),
	GFX3D("3DSTATE_SO_BUFFER", 0x7918),
	GFX3D("3DSTATE_BINDING_TABLE_POOL_ALLOC", 0x7919),
	GFX3D("3DSTATE_GATHER_POOL_ALLOC", 0x791a),
	GFX3D("3DSTATE_DX9_CONSTANT_BUFFER_POOL_ALLOC", 0x791b),
};

const unsigned int mgvt_cmds_count = ARRAY_SIZE(mgvt_cmds);

/* One engine register kept at its dword of the image's ring context. */
#define SLOT(n, off, s) \
	{ n, off, 1, MGVT_ENG_ALL, MGVT_REG_REL | MGVT_REG_SLOT, s }
/* @cnt engine registers from @off, on the engines @eng. */
#define REL(n, off, cnt, eng)	{ n, off, cnt, eng, MGVT_REG_REL, 0 }
/* An absolute register offset, on the engines @eng. */
#define ABS(n, off, eng)	{ n, off, 1, eng, 0, 0 }

#define GPR_BASE		0x600	/* 16 64-bit general purpose registers */
#define GPR_DWORDS		32

/* Gen9 i915's register state page (gen9 rcs and xcs offsets), in order. */
static const struct mgvt_reg_range image_regs[] = {
	SLOT("RING_CONTEXT_CONTROL", RING_CONTEXT_CONTROL, LRC_CTX_CONTROL),
	SLOT("RING_HEAD", RING_HEAD, LRC_RING_HEAD),
	SLOT("RING_TAIL", RING_TAIL, LRC_RING_TAIL),
	SLOT("RING_START", RING_START, LRC_RING_START),
	SLOT("RING_CTL", RING_CTL, LRC_RING_CTL),
	SLOT("RING_BB_ADDR_UDW", RING_BB_ADDR_UDW, LRC_BB_ADDR_UDW),
	SLOT("RING_BB_ADDR", RING_BB_ADDR, LRC_BB_ADDR),
	SLOT("RING_BB_STATE", RING_BB_STATE, LRC_BB_STATE),
	SLOT("RING_SBB_ADDR_UDW", RING_SBB_ADDR_UDW, LRC_SBB_ADDR_UDW),
	SLOT("RING_SBB_ADDR", RING_SBB_ADDR, LRC_SBB_ADDR),
	SLOT("RING_SBB_STATE", RING_SBB_STATE, LRC_SBB_STATE),
	SLOT("RING_BB_PER_CTX_PTR", RING_BB_PER_CTX_PTR, LRC_BB_PER_CTX_PTR),
	SLOT("RING_INDIRECT_CTX", RING_INDIRECT_CTX, LRC_INDIRECT_CTX),
	SLOT("RING_INDIRECT_CTX_OFFSET", RING_INDIRECT_CTX_OFFSET,
	     LRC_INDIRECT_CTX_OFFSET),
	SLOT("RING_CTX_TIMESTAMP", RING_CTX_TIMESTAMP, LRC_CTX_TIMESTAMP),
	SLOT("RING_PDP3_UDW", RING_PDP_UDW(3), LRC_PDP_UDW(3)),
	SLOT("RING_PDP3_LDW", RING_PDP_LDW(3), LRC_PDP_LDW(3)),
	SLOT("RING_PDP2_UDW", RING_PDP_UDW(2), LRC_PDP_UDW(2)),
	SLOT("RING_PDP2_LDW", RING_PDP_LDW(2), LRC_PDP_LDW(2)),
	SLOT("RING_PDP1_UDW", RING_PDP_UDW(1), LRC_PDP_UDW(1)),
	SLOT("RING_PDP1_LDW", RING_PDP_LDW(1), LRC_PDP_LDW(1)),
	SLOT("RING_PDP0_UDW", RING_PDP_UDW(0), LRC_PDP_UDW(0)),
	SLOT("RING_PDP0_LDW", RING_PDP_LDW(0), LRC_PDP_LDW(0)),
	REL("R_PWR_CLK_STATE", 0x0c8, 1, MGVT_ENG_RCS),
	REL("RING_0x200", 0x200, 1, MGVT_ENG_XCS),
	REL("RING_EXCC", 0x028, 1, MGVT_ENG_ALL),
	REL("RING_MI_MODE", RING_MI_MODE, 1, MGVT_ENG_ALL),
	REL("RING_INSTPM", 0x0c0, 1, MGVT_ENG_ALL),
	REL("RING_0x178", 0x178, 1, MGVT_ENG_ALL),
	REL("RING_0x17c", 0x17c, 1, MGVT_ENG_ALL),
	REL("RING_TIMESTAMP", RING_TIMESTAMP, 1, MGVT_ENG_ALL),
	REL("RING_0x170", 0x170, 1, MGVT_ENG_ALL),
	REL("RING_0x150", 0x150, 1, MGVT_ENG_ALL),
	REL("RING_0x154", 0x154, 1, MGVT_ENG_ALL),
	REL("RING_BB_OFFSET", 0x158, 1, MGVT_ENG_ALL),
	REL("MI_PREDICATE_RESULT_1", 0x41c, 1, MGVT_ENG_ALL),
	REL("CS_GPR", GPR_BASE, GPR_DWORDS, MGVT_ENG_ALL),
	REL("RING_IPEHR", RING_IPEHR, 1, MGVT_ENG_ALL),
};

/*
 * What a ring or batch may write: the engine's GPRs; on the render engine
 * the context workaround registers Gen9 i915 writes with LRI (its context
 * workaround list on Skylake, Kaby Lake, Coffee Lake, Broxton, Gemini
 * Lake) and from its indirect context batch (L3SQCREG4, FF_SLICE_CHICKEN,
 * 3D_CHICKEN3).
 */
static const struct mgvt_reg_range write_regs[] = {
	REL("CS_GPR", GPR_BASE, GPR_DWORDS, MGVT_ENG_ALL),
	ABS("FF_SLICE_CHICKEN", 0x2088, MGVT_ENG_RCS),
	ABS("_3D_CHICKEN3", 0x2090, MGVT_ENG_RCS),
	ABS("GEN8_CS_CHICKEN1", 0x2580, MGVT_ENG_RCS),
	ABS("GEN9_WM_CHICKEN3", 0x5588, MGVT_ENG_RCS),
	ABS("CACHE_MODE_1", 0x7004, MGVT_ENG_RCS),
	ABS("GEN7_GT_MODE", 0x7008, MGVT_ENG_RCS),
	ABS("COMMON_SLICE_CHICKEN2", 0x7014, MGVT_ENG_RCS),
	ABS("HDC_CHICKEN0", 0x7300, MGVT_ENG_RCS),
	ABS("GEN8_L3SQCREG4", 0xb118, MGVT_ENG_RCS),
	ABS("GEN7_HALF_SLICE_CHICKEN1", 0xe100, MGVT_ENG_RCS),
	ABS("HALF_SLICE_CHICKEN2", 0xe180, MGVT_ENG_RCS),
	ABS("HALF_SLICE_CHICKEN3", 0xe184, MGVT_ENG_RCS),
	ABS("GEN9_HALF_SLICE_CHICKEN5", 0xe188, MGVT_ENG_RCS),
	ABS("GEN9_HALF_SLICE_CHICKEN7", 0xe194, MGVT_ENG_RCS),
	ABS("GEN8_ROW_CHICKEN", 0xe4f0, MGVT_ENG_RCS),
};

/* What a ring or batch may read, besides what it may write. */
static const struct mgvt_reg_range read_regs[] = {
	REL("engine block", 0x000, 0x800 / 4, MGVT_ENG_ALL),
};

/*
 * What no command may write, on any engine's block (a write-list entry
 * that overlapped one of these would still be refused; the unit test
 * checks there is none): ring and execlist state, batch state, status
 * page, mode, error and interrupt registers, PDPs; engine and GT reset,
 * GT interrupts, forcewake, fault registers, fences, GGTT invalidation
 * and the PCODE mailbox.
 */
static const struct mgvt_reg_range never_regs[] = {
	REL("RING_TAIL..RING_CTL", RING_TAIL, 4, MGVT_ENG_ALL),
	REL("RING_IPEIR..RING_ACTHD", RING_IPEIR, 5, MGVT_ENG_ALL),
	REL("RING_HWS_PGA", RING_HWS_PGA, 1, MGVT_ENG_ALL),
	REL("RING_HWSTAM", RING_HWSTAM, 1, MGVT_ENG_ALL),
	REL("RING_MI_MODE", RING_MI_MODE, 1, MGVT_ENG_ALL),
	REL("RING_IMR", RING_IMR, 1, MGVT_ENG_ALL),
	REL("RING_EIR..RING_ESR", RING_EIR, 3, MGVT_ENG_ALL),
	REL("RING_RESET_CTL", RING_RESET_CTL, 1, MGVT_ENG_ALL),
	REL("RING_BB_STATE..RING_SBB_ADDR_UDW", RING_BB_STATE, 4,
	    MGVT_ENG_ALL),
	REL("RING_BB_ADDR", RING_BB_ADDR, 1, MGVT_ENG_ALL),
	REL("RING_BB_ADDR_UDW", RING_BB_ADDR_UDW, 1, MGVT_ENG_ALL),
	REL("RING_BB_PER_CTX_PTR..INDIRECT_CTX_OFFSET", RING_BB_PER_CTX_PTR,
	    3, MGVT_ENG_ALL),
	REL("RING_ELSP..EXECLIST_STATUS_HI", RING_ELSP, 3, MGVT_ENG_ALL),
	REL("RING_CONTEXT_CONTROL", RING_CONTEXT_CONTROL, 1, MGVT_ENG_ALL),
	REL("RING_PDP", RING_PDP_LDW(0), 8, MGVT_ENG_ALL),
	REL("RING_MODE", RING_MODE, 1, MGVT_ENG_ALL),
	REL("RING_CSB", RING_CSB(0), 2 * CSB_ENTRIES, MGVT_ENG_ALL),
	REL("RING_CSB_PTR", RING_CSB_PTR, 1, MGVT_ENG_ALL),
	REL("RING_CTX_TIMESTAMP", RING_CTX_TIMESTAMP, 1, MGVT_ENG_ALL),
	ABS("FAULT_REG", FAULT_REG, MGVT_ENG_ALL),
	ABS("GDRST", GDRST, MGVT_ENG_ALL),
	ABS("FORCEWAKE_GT", FORCEWAKE_GT, MGVT_ENG_ALL),
	ABS("FORCEWAKE_MEDIA", FORCEWAKE_MEDIA, MGVT_ENG_ALL),
	ABS("FORCEWAKE_RENDER", FORCEWAKE_RENDER, MGVT_ENG_ALL),
	ABS("MASTER_IRQ", MASTER_IRQ, MGVT_ENG_ALL),
	{ "GT_ISR..GT_IER", GT_ISR(0), 4 * GT_BANKS, MGVT_ENG_ALL, 0, 0 },
	{ "fences", FENCE_LO(0), 0x1000 / 4, MGVT_ENG_ALL, 0, 0 },
	ABS("GFX_FLSH_CNTL", GFX_FLSH_CNTL, MGVT_ENG_ALL),
	{ "PCODE", PCODE_MAILBOX, 3, MGVT_ENG_ALL, 0, 0 },
};

/* The lists as the scanner and its tests see them. */
const struct mgvt_reg_list mgvt_image_regs = {
	image_regs, ARRAY_SIZE(image_regs)
};

const struct mgvt_reg_list mgvt_write_regs = {
	write_regs, ARRAY_SIZE(write_regs)
};

const struct mgvt_reg_list mgvt_read_regs = {
	read_regs, ARRAY_SIZE(read_regs)
};

const struct mgvt_reg_list mgvt_never_regs = {
	never_regs, ARRAY_SIZE(never_regs)
};

/**
 * mgvt_cmd_find - the table entry a command header matches
 * @hdr: the command's first dword
 *
 * Whatever the engine: the caller checks &mgvt_cmd.engines.
 *
 * Return: the entry, or NULL for a command not in the table.
 */
const struct mgvt_cmd *mgvt_cmd_find(u32 hdr)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mgvt_cmds); i++)
		if ((hdr & mgvt_cmds[i].mask) == mgvt_cmds[i].opcode)
			return &mgvt_cmds[i];
	return NULL;
}

/**
 * mgvt_cmd_len - a command's length as its header says
 * @cmd: its table entry
 * @hdr: its first dword
 *
 * Return: the length in dwords (the caller checks it against
 * &mgvt_cmd.min_len and &mgvt_cmd.max_len), 0 for a refused command.
 */
unsigned int mgvt_cmd_len(const struct mgvt_cmd *cmd, u32 hdr)
{
	if (!cmd->len_mask)
		return cmd->min_len;
	return (hdr & cmd->len_mask) + CMD_LEN_BIAS;
}

static bool range_has(const struct mgvt_reg_range *r, u32 base, u32 reg)
{
	u32 first = r->offset + (r->flags & MGVT_REG_REL ? base : 0);

	return reg >= first && reg < first + 4 * r->count;
}

/**
 * mgvt_reg_find - the entry of a register list that holds a register
 * @list: the list
 * @engine: whose list: entries for other engines do not count, and
 *	relative entries are taken from this engine's base
 * @reg: absolute register offset (a multiple of 4)
 *
 * Return: the entry, or NULL.
 */
const struct mgvt_reg_range *mgvt_reg_find(const struct mgvt_reg_list *list,
					   unsigned int engine, u32 reg)
{
	u32 base = gen9_engine_base(engine);
	unsigned int i;

	for (i = 0; i < list->n; i++)
		if ((list->regs[i].engines & BIT(engine)) &&
		    range_has(&list->regs[i], base, reg))
			return &list->regs[i];
	return NULL;
}

/* Whether @reg is on the never list for any engine's block. */
static bool reg_never(u32 reg)
{
	unsigned int e;

	for (e = 0; e < MGVT_NUM_ENGINES; e++)
		if (mgvt_reg_find(&mgvt_never_regs, e, reg))
			return true;
	return false;
}

/**
 * mgvt_reg_write_ok - whether a command on an engine may write a register
 * @engine: the engine the command runs on
 * @reg: the register offset the command names (bits 1:0 ignored)
 *
 * Return: true when @reg is in the register file, on the engine's write
 * list and on nobody's never list.
 */
bool mgvt_reg_write_ok(unsigned int engine, u32 reg)
{
	reg &= ~3U;
	return reg < MGVT_SCAN_REG_LIMIT && !reg_never(reg) &&
	       mgvt_reg_find(&mgvt_write_regs, engine, reg);
}

/**
 * mgvt_reg_read_ok - whether a command on an engine may read a register
 * @engine: the engine the command runs on
 * @reg: the register offset the command names (bits 1:0 ignored)
 *
 * Return: true when @reg is in the register file and on the engine's read
 * or write list.
 */
bool mgvt_reg_read_ok(unsigned int engine, u32 reg)
{
	reg &= ~3U;
	return reg < MGVT_SCAN_REG_LIMIT &&
	       (mgvt_reg_find(&mgvt_read_regs, engine, reg) ||
		mgvt_reg_write_ok(engine, reg));
}

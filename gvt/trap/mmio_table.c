// SPDX-License-Identifier: GPL-2.0
/*
 * The vGPU's register table: every register the mediator gives meaning to,
 * as data.  Each entry says how a guest access behaves (plain, masked,
 * read-only, write-1-to-clear, or a handshake completed inside the trapped
 * access) and where its value after reset comes from: the pGPU's golden
 * state, captured once at registration, or a documented reset value for
 * registers that hold live per-owner state (rings, execlist status,
 * interrupts), so nothing of one vGPU leaks into the next.
 *
 * Display registers (MF_DISPLAY) keep their state across a guest GDRST,
 * as on hardware; a device reset resets them.
 *
 * Offsets not listed here are plain virtual storage: reads return what the
 * guest wrote, writes never reach the pGPU.
 */
#include <linux/build_bug.h>
#include <linux/kernel.h>

#include "display/display.h"
#include "display/pcode.h"
#include "display/vblank.h"
#include "regs/regs.h"
#include "trap/execlist.h"
#include "trap/mmio_table.h"

#define E(n, off, init, fl, ...) \
	{ n, off, init, (fl) | MF_ENGINE, __VA_ARGS__ }
#define G(n, off, fl, ...)	{ n, off, 0, (fl) | MF_GOLDEN, __VA_ARGS__ }
#define R(n, off, init, fl, ...) { n, off, init, fl, __VA_ARGS__ }
const struct mgvt_mmio_reg mgvt_mmio_table[] = {
	/* Engine registers: live per-owner state, reset values. */
	E("RING_TAIL",		RING_TAIL,		0, 0),
	E("RING_HEAD",		RING_HEAD,		0, 0),
	E("RING_START",		RING_START,		0, 0),
	E("RING_CTL",		RING_CTL,		0, 0),
	E("RING_ACTHD",		RING_ACTHD,		0, MF_RO),
	E("RING_HWS_PGA",	RING_HWS_PGA,		0, 0, NULL, mgvt_hws_pga_write),
	E("RING_HWSTAM",	RING_HWSTAM,		~0u, 0),
	E("RING_MI_MODE",	RING_MI_MODE,		0, MF_MASKED, mgvt_mi_mode_read),
	E("RING_IMR",		RING_IMR,		~0u, 0),
	E("RING_EIR",		RING_EIR,		0, MF_W1C),
	E("RING_EMR",		RING_EMR,		~0u, 0),
	E("RING_ESR",		RING_ESR,		0, MF_RO),
	E("RING_RESET_CTL",	RING_RESET_CTL,		0, MF_MASKED, mgvt_reset_ctl_read),
	E("RING_ELSP",		RING_ELSP,		0, 0, mgvt_zero_read, mgvt_elsp_write),
	E("RING_EXECLIST_STATUS", RING_EXECLIST_STATUS,	0, MF_RO),
	E("RING_EXECLIST_STATUS_HI", RING_EXECLIST_STATUS_HI, 0, MF_RO),
	E("RING_CONTEXT_CONTROL", RING_CONTEXT_CONTROL,	0, MF_MASKED),
	E("RING_MODE",		RING_MODE,		0, MF_MASKED, NULL, mgvt_ring_mode_write),
	E("RING_TIMESTAMP",	RING_TIMESTAMP,		0, MF_RO),
	E("RING_CSB0",		RING_CSB(0),		0, MF_RO),
	E("RING_CSB0_ID",	RING_CSB(0) + 4,	0, MF_RO),
	E("RING_CSB1",		RING_CSB(1),		0, MF_RO),
	E("RING_CSB1_ID",	RING_CSB(1) + 4,	0, MF_RO),
	E("RING_CSB2",		RING_CSB(2),		0, MF_RO),
	E("RING_CSB2_ID",	RING_CSB(2) + 4,	0, MF_RO),
	E("RING_CSB3",		RING_CSB(3),		0, MF_RO),
	E("RING_CSB3_ID",	RING_CSB(3) + 4,	0, MF_RO),
	E("RING_CSB4",		RING_CSB(4),		0, MF_RO),
	E("RING_CSB4_ID",	RING_CSB(4) + 4,	0, MF_RO),
	E("RING_CSB5",		RING_CSB(5),		0, MF_RO),
	E("RING_CSB5_ID",	RING_CSB(5) + 4,	0, MF_RO),
	E("RING_CSB_PTR",	RING_CSB_PTR,		CSB_PTR_WRITE, MF_MASKED),
	E("RING_CTX_TIMESTAMP",	RING_CTX_TIMESTAMP,	0, 0),

	/* Power management handshakes, completed in the trapped access. */
	R("FORCEWAKE_RENDER",	FORCEWAKE_RENDER,	0, MF_MASKED),
	R("FORCEWAKE_ACK_RENDER", FORCEWAKE_ACK_RENDER,	0, MF_RO, mgvt_fw_ack_read),
	R("FORCEWAKE_GT",	FORCEWAKE_GT,		0, MF_MASKED),
	R("FORCEWAKE_ACK_GT",	FORCEWAKE_ACK_GT,	0, MF_RO, mgvt_fw_ack_read),
	R("FORCEWAKE_MEDIA",	FORCEWAKE_MEDIA,	0, MF_MASKED),
	R("FORCEWAKE_ACK_MEDIA", FORCEWAKE_ACK_MEDIA,	0, MF_RO, mgvt_fw_ack_read),
	/* No GuC firmware ever runs on a vGPU: its core stays in reset. */
	R("GUC_STATUS",		GUC_STATUS,		GUC_STATUS_MIA_IN_RESET, MF_RO),
	R("GDRST",		GDRST,			0, 0,
	  mgvt_zero_read, mgvt_gdrst_write),
	/*
	 * Engine TLB invalidation: done when the guest polls.  Its PPGTTs
	 * are shadowed and compared before each submission, and the pGPU
	 * only walks the shadows; nothing of the guest's TLB state exists.
	 */
	R("GEN8_RTCR",		GEN8_RTCR,		0, 0, mgvt_zero_read),
	R("GEN8_M1TCR",		GEN8_M1TCR,		0, 0, mgvt_zero_read),
	R("GEN8_M2TCR",		GEN8_M2TCR,		0, 0, mgvt_zero_read),
	R("GEN8_BTCR",		GEN8_BTCR,		0, 0, mgvt_zero_read),
	R("GEN8_VTCR",		GEN8_VTCR,		0, 0, mgvt_zero_read),
	R("PCODE_MAILBOX",	PCODE_MAILBOX,		0, 0,
	  mgvt_pcode_read, mgvt_pcode_write),
	R("PCODE_DATA",		PCODE_DATA,		0, 0),
	R("PCODE_DATA1",	PCODE_DATA1,		0, 0),
	R("PWR_WELL_CTL_BIOS",	PWR_WELL_CTL_BIOS,	0, 0,
	  mgvt_pwr_well_read, mgvt_pwr_well_write),
	R("PWR_WELL_CTL_DRIVER", PWR_WELL_CTL_DRIVER,	0, 0,
	  mgvt_pwr_well_read, mgvt_pwr_well_write),

	/*
	 * Interrupts: virtual, all masked after reset.  They are not GT
	 * state: a guest GDRST keeps them, as hardware does (i915 resets
	 * the GT at probe after installing its interrupt handler and never
	 * programs them again).
	 */
	R("MASTER_IRQ",		MASTER_IRQ,		0, MF_IRQ | MF_KEEP,
	  mgvt_master_irq_read, mgvt_master_irq_write),
	R("GT0_IMR",		GT_IMR(0),		~0u, MF_IRQ | MF_KEEP),
	R("GT0_IIR",		GT_IIR(0),		0, MF_W1C | MF_IRQ | MF_KEEP),
	R("GT0_IER",		GT_IER(0),		0, MF_IRQ | MF_KEEP),
	R("GT1_IMR",		GT_IMR(1),		~0u, MF_IRQ | MF_KEEP),
	R("GT1_IIR",		GT_IIR(1),		0, MF_W1C | MF_IRQ | MF_KEEP),
	R("GT1_IER",		GT_IER(1),		0, MF_IRQ | MF_KEEP),
	R("GT2_IMR",		GT_IMR(2),		~0u, MF_IRQ | MF_KEEP),
	R("GT2_IIR",		GT_IIR(2),		0, MF_W1C | MF_IRQ | MF_KEEP),
	R("GT2_IER",		GT_IER(2),		0, MF_IRQ | MF_KEEP),
	R("GT3_IMR",		GT_IMR(3),		~0u, MF_IRQ | MF_KEEP),
	R("GT3_IIR",		GT_IIR(3),		0, MF_W1C | MF_IRQ | MF_KEEP),
	R("GT3_IER",		GT_IER(3),		0, MF_IRQ | MF_KEEP),

	/* Identity: the pGPU's, from the golden state. */
	G("FUSE2",		GEN8_FUSE2,		MF_RO),
	G("EU_DISABLE0",	GEN9_EU_DISABLE(0),	MF_RO),
	G("SKL_FUSE_STATUS",	SKL_FUSE_STATUS,	MF_RO),

	/*
	 * Display (display/display.c): a DP monitor on DDI A, a second on
	 * DDI B where the vGPU's GM allows two heads, the other ports empty;
	 * status bits follow what the guest programs; nothing reaches the
	 * pGPU.  The board straps DDI B where it has a monitor, no other
	 * DDI, and does not fuse the display off.
	 */
	R("SFUSE_STRAP",	SFUSE_STRAP,		0, MF_RO | MF_DISPLAY,
	  mgvt_sfuse_strap_read),
	R("CDCLK_CTL",		CDCLK_CTL,		0, MF_DISPLAY),
	R("LCPLL1_CTL",		LCPLL1_CTL,		0, MF_DISPLAY, mgvt_lcpll1_read),
	R("LCPLL2_CTL",		LCPLL2_CTL,		0, MF_DISPLAY),
	R("WRPLL_CTL1",		WRPLL_CTL(0),		0, MF_DISPLAY),
	R("WRPLL_CTL2",		WRPLL_CTL(1),		0, MF_DISPLAY),
	R("DPLL_CTRL1",		DPLL_CTRL1,		0, MF_DISPLAY),
	R("DPLL_CTRL2",		DPLL_CTRL2,		0, MF_DISPLAY),
	R("DPLL_STATUS",	DPLL_STATUS,		0, MF_RO | MF_DISPLAY,
	  mgvt_dpll_status_read),
	R("DBUF_CTL",		DBUF_CTL,		0, MF_DISPLAY, mgvt_dbuf_read),
	R("PIPECONF_A",		PIPECONF_A,		0, MF_DISPLAY,
	  mgvt_pipeconf_read, mgvt_pipeconf_write),
	R("PIPECONF_B",		PIPECONF_B,		0, MF_DISPLAY,
	  mgvt_pipeconf_read, mgvt_pipeconf_write),
	R("PIPECONF_C",		PIPECONF_C,		0, MF_DISPLAY,
	  mgvt_pipeconf_read, mgvt_pipeconf_write),
	R("PIPECONF_EDP",	PIPECONF_EDP,		0, MF_DISPLAY,
	  mgvt_pipeconf_read, mgvt_pipeconf_write),
	R("PIPE_FRMCOUNT_A",	PIPE_FRMCOUNT(0),	0, MF_RO | MF_DISPLAY),
	R("PIPE_FLIPCOUNT_A",	PIPE_FLIPCOUNT(0),	0, MF_RO | MF_DISPLAY),
	R("PLANE_SURF_1_A",	PLANE_SURF(0),		0, MF_DISPLAY,
	  NULL, mgvt_plane_surf_write),
	R("PLANE_SURFLIVE_1_A",	PLANE_SURFLIVE(0),	0, MF_RO | MF_DISPLAY),
	R("PIPE_FRMCOUNT_B",	PIPE_FRMCOUNT(1),	0, MF_RO | MF_DISPLAY),
	R("PIPE_FLIPCOUNT_B",	PIPE_FLIPCOUNT(1),	0, MF_RO | MF_DISPLAY),
	R("PLANE_SURF_1_B",	PLANE_SURF(1),		0, MF_DISPLAY,
	  NULL, mgvt_plane_surf_write),
	R("PLANE_SURFLIVE_1_B",	PLANE_SURFLIVE(1),	0, MF_RO | MF_DISPLAY),
	R("PIPE_FRMCOUNT_C",	PIPE_FRMCOUNT(2),	0, MF_RO | MF_DISPLAY),
	R("PIPE_FLIPCOUNT_C",	PIPE_FLIPCOUNT(2),	0, MF_RO | MF_DISPLAY),
	R("PLANE_SURF_1_C",	PLANE_SURF(2),		0, MF_DISPLAY,
	  NULL, mgvt_plane_surf_write),
	R("PLANE_SURFLIVE_1_C",	PLANE_SURFLIVE(2),	0, MF_RO | MF_DISPLAY),
	R("DDI_BUF_CTL_A",	DDI_BUF_CTL(0),		DDI_A_4_LANES | DDI_INIT_DISPLAY_DETECTED,
	  MF_DISPLAY, mgvt_ddi_buf_read),
	R("DDI_BUF_CTL_B",	DDI_BUF_CTL(1),		0, MF_DISPLAY, mgvt_ddi_buf_read),
	R("DDI_BUF_CTL_C",	DDI_BUF_CTL(2),		0, MF_DISPLAY, mgvt_ddi_buf_read),
	R("DDI_BUF_CTL_D",	DDI_BUF_CTL(3),		0, MF_DISPLAY, mgvt_ddi_buf_read),
	R("DDI_BUF_CTL_E",	DDI_BUF_CTL(4),		0, MF_DISPLAY, mgvt_ddi_buf_read),
	R("DP_TP_STATUS_A",	DP_TP_STATUS(0),	DP_TP_STATUS_IDLE_DONE, MF_DISPLAY),
	R("DP_TP_STATUS_B",	DP_TP_STATUS(1),	DP_TP_STATUS_IDLE_DONE, MF_DISPLAY),
	R("DP_TP_STATUS_C",	DP_TP_STATUS(2),	DP_TP_STATUS_IDLE_DONE, MF_DISPLAY),
	R("DP_TP_STATUS_D",	DP_TP_STATUS(3),	DP_TP_STATUS_IDLE_DONE, MF_DISPLAY),
	R("DP_TP_STATUS_E",	DP_TP_STATUS(4),	DP_TP_STATUS_IDLE_DONE, MF_DISPLAY),
	R("AUX_CH_CTL_A",	AUX_CH_CTL(0),		0, MF_DISPLAY, NULL, mgvt_aux_ctl_write),
	R("AUX_CH_DATA1_A",	AUX_CH_DATA(0, 0),	MF_DISPLAY, 0),
	R("AUX_CH_DATA2_A",	AUX_CH_DATA(0, 1),	MF_DISPLAY, 0),
	R("AUX_CH_DATA3_A",	AUX_CH_DATA(0, 2),	MF_DISPLAY, 0),
	R("AUX_CH_DATA4_A",	AUX_CH_DATA(0, 3),	MF_DISPLAY, 0),
	R("AUX_CH_DATA5_A",	AUX_CH_DATA(0, 4),	MF_DISPLAY, 0),
	R("AUX_CH_CTL_B",	AUX_CH_CTL(1),		0, MF_DISPLAY, NULL, mgvt_aux_ctl_write),
	R("AUX_CH_DATA1_B",	AUX_CH_DATA(1, 0),	MF_DISPLAY, 0),
	R("AUX_CH_DATA2_B",	AUX_CH_DATA(1, 1),	MF_DISPLAY, 0),
	R("AUX_CH_DATA3_B",	AUX_CH_DATA(1, 2),	MF_DISPLAY, 0),
	R("AUX_CH_DATA4_B",	AUX_CH_DATA(1, 3),	MF_DISPLAY, 0),
	R("AUX_CH_DATA5_B",	AUX_CH_DATA(1, 4),	MF_DISPLAY, 0),
	R("AUX_CH_CTL_C",	AUX_CH_CTL(2),		0, MF_DISPLAY, NULL, mgvt_aux_ctl_write),
	R("AUX_CH_DATA1_C",	AUX_CH_DATA(2, 0),	MF_DISPLAY, 0),
	R("AUX_CH_DATA2_C",	AUX_CH_DATA(2, 1),	MF_DISPLAY, 0),
	R("AUX_CH_DATA3_C",	AUX_CH_DATA(2, 2),	MF_DISPLAY, 0),
	R("AUX_CH_DATA4_C",	AUX_CH_DATA(2, 3),	MF_DISPLAY, 0),
	R("AUX_CH_DATA5_C",	AUX_CH_DATA(2, 4),	MF_DISPLAY, 0),
	R("AUX_CH_CTL_D",	AUX_CH_CTL(3),		0, MF_DISPLAY, NULL, mgvt_aux_ctl_write),
	R("AUX_CH_DATA1_D",	AUX_CH_DATA(3, 0),	MF_DISPLAY, 0),
	R("AUX_CH_DATA2_D",	AUX_CH_DATA(3, 1),	MF_DISPLAY, 0),
	R("AUX_CH_DATA3_D",	AUX_CH_DATA(3, 2),	MF_DISPLAY, 0),
	R("AUX_CH_DATA4_D",	AUX_CH_DATA(3, 3),	MF_DISPLAY, 0),
	R("AUX_CH_DATA5_D",	AUX_CH_DATA(3, 4),	MF_DISPLAY, 0),
	R("AUX_CH_CTL_E",	AUX_CH_CTL(4),		0, MF_DISPLAY, NULL, mgvt_aux_ctl_write),
	R("AUX_CH_DATA1_E",	AUX_CH_DATA(4, 0),	MF_DISPLAY, 0),
	R("AUX_CH_DATA2_E",	AUX_CH_DATA(4, 1),	MF_DISPLAY, 0),
	R("AUX_CH_DATA3_E",	AUX_CH_DATA(4, 2),	MF_DISPLAY, 0),
	R("AUX_CH_DATA4_E",	AUX_CH_DATA(4, 3),	MF_DISPLAY, 0),
	R("AUX_CH_DATA5_E",	AUX_CH_DATA(4, 4),	MF_DISPLAY, 0),
	R("PP_STATUS",		PP_STATUS,		0, MF_RO | MF_DISPLAY,
	  mgvt_pp_status_read),
	R("PP_CONTROL",		PP_CONTROL,		0, MF_DISPLAY),
	R("GMBUS0",		GMBUS0,			0, MF_DISPLAY),
	R("GMBUS1",		GMBUS1,			0, MF_DISPLAY, NULL, mgvt_gmbus1_write),
	R("GMBUS2",		GMBUS2,			0, MF_RO | MF_DISPLAY, mgvt_gmbus2_read),
	R("GMBUS3",		GMBUS3,			0, MF_DISPLAY,
	  mgvt_gmbus3_read, mgvt_gmbus3_write),
	R("GMBUS4",		GMBUS4,			0, MF_DISPLAY),
	R("GMBUS5",		GMBUS5,			0, MF_DISPLAY),

	/*
	 * Display and PCU interrupts, all masked: port A's live hotplug
	 * status; vblank and flip done of pipes A-C (display/vblank.c).
	 */
	R("DE_PIPE_A_IMR",	DE_PIPE_IMR(0),		~0u, MF_IRQ | MF_DISPLAY),
	R("DE_PIPE_A_IIR",	DE_PIPE_IIR(0),		0, MF_W1C | MF_IRQ | MF_DISPLAY),
	R("DE_PIPE_A_IER",	DE_PIPE_IER(0),		0, MF_IRQ | MF_DISPLAY),
	R("DE_PIPE_B_IMR",	DE_PIPE_IMR(1),		~0u, MF_IRQ | MF_DISPLAY),
	R("DE_PIPE_B_IIR",	DE_PIPE_IIR(1),		0, MF_W1C | MF_IRQ | MF_DISPLAY),
	R("DE_PIPE_B_IER",	DE_PIPE_IER(1),		0, MF_IRQ | MF_DISPLAY),
	R("DE_PIPE_C_IMR",	DE_PIPE_IMR(2),		~0u, MF_IRQ | MF_DISPLAY),
	R("DE_PIPE_C_IIR",	DE_PIPE_IIR(2),		0, MF_W1C | MF_IRQ | MF_DISPLAY),
	R("DE_PIPE_C_IER",	DE_PIPE_IER(2),		0, MF_IRQ | MF_DISPLAY),
	R("DE_MISC_IMR",	DE_MISC_IMR,		~0u, MF_IRQ | MF_DISPLAY),
	R("DE_MISC_IIR",	DE_MISC_IIR,		0, MF_W1C | MF_IRQ | MF_DISPLAY),
	R("DE_MISC_IER",	DE_MISC_IER,		0, MF_IRQ | MF_DISPLAY),
	R("EDP_PSR_IMR",	EDP_PSR_IMR,		~0u, MF_IRQ | MF_DISPLAY),
	R("EDP_PSR_IIR",	EDP_PSR_IIR,		0, MF_W1C | MF_IRQ | MF_DISPLAY),
	R("PCU_IMR",		PCU_IMR,		~0u, MF_IRQ | MF_KEEP),
	R("PCU_IIR",		PCU_IIR,		0, MF_W1C | MF_IRQ | MF_KEEP),
	R("PCU_IER",		PCU_IER,		0, MF_IRQ | MF_KEEP),
	R("DE_PORT_ISR",	DE_PORT_ISR,		0, MF_RO | MF_DISPLAY,
	  mgvt_hotplug_isr_read),
	R("DE_PORT_IMR",	DE_PORT_IMR,		~0u, MF_IRQ | MF_DISPLAY),
	R("DE_PORT_IIR",	DE_PORT_IIR,		0, MF_W1C | MF_IRQ | MF_DISPLAY),
	R("DE_PORT_IER",	DE_PORT_IER,		0, MF_IRQ | MF_DISPLAY),
	R("SDE_ISR",		SDE_ISR,		0, MF_RO | MF_DISPLAY,
	  mgvt_hotplug_isr_read),
	R("SDE_IMR",		SDE_IMR,		~0u, MF_IRQ | MF_DISPLAY),
	R("SDE_IIR",		SDE_IIR,		0, MF_W1C | MF_IRQ | MF_DISPLAY),
	R("SDE_IER",		SDE_IER,		0, MF_IRQ | MF_DISPLAY),
	R("SHOTPLUG_CTL",	SHOTPLUG_CTL,		0, MF_DISPLAY,
	  NULL, mgvt_shotplug_write),
	R("SHOTPLUG_CTL2",	SHOTPLUG_CTL2,		0, MF_DISPLAY),

	/* The GGTT invalidate: nothing to do for a virtual GGTT view. */
	R("GFX_FLSH_CNTL",	GFX_FLSH_CNTL,		0, 0),
};

static_assert(ARRAY_SIZE(mgvt_mmio_table) <= MGVT_MMIO_TABLE_MAX,
	      "register table larger than mmio.c's index holds");
const unsigned int mgvt_mmio_table_size = ARRAY_SIZE(mgvt_mmio_table);

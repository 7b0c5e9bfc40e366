/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The refresh period of a mode from what the guest programmed (timing.c):
 * pure logic, compiled in userspace by the unit tests.
 */
#ifndef MGVT_DISPLAY_TIMING_H
#define MGVT_DISPLAY_TIMING_H

#include <linux/types.h>

#define MGVT_VBLANK_MIN_NS	1000000ULL	/* at most 1 kHz, whatever the guest says */
#define MGVT_VBLANK_MAX_NS	1000000000ULL	/* at least 1 Hz */
#define MGVT_VBLANK_DEFAULT_NS	16666667ULL	/* 60 Hz, when the clock is unknown */

/**
 * struct mgvt_timing_regs - what the refresh period derives from
 * @htotal: the transcoder's HTOTAL (total - 1 in bits 28:16)
 * @vtotal: the transcoder's VTOTAL (total - 1 in bits 28:16)
 * @link_m: the transcoder's LINK_M1 (bits 23:0)
 * @link_n: the transcoder's LINK_N1 (bits 23:0)
 * @ddi_func_ctl: TRANS_DDI_FUNC_CTL: which DDI the transcoder drives
 * @dpll_ctrl1: DPLL_CTRL1: each DPLL's DP link rate or HDMI mode
 * @dpll_ctrl2: DPLL_CTRL2: which DPLL clocks each DDI
 */
struct mgvt_timing_regs {
	u32 htotal, vtotal;
	u32 link_m, link_n;
	u32 ddi_func_ctl;
	u32 dpll_ctrl1, dpll_ctrl2;
};

int mgvt_edp_input_pipe(u32 ddi_func_ctl);
u32 mgvt_dp_port_clock_khz(u32 dpll_ctrl1, u32 dpll_ctrl2, unsigned int port);
u64 mgvt_vblank_period_ns(const struct mgvt_timing_regs *t);

#endif /* MGVT_DISPLAY_TIMING_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * The refresh period of a mode from the registers a Skylake guest i915
 * programs for a DP or eDP output: the transcoder's horizontal and vertical
 * totals, its link M/N (pixel clock over link clock), and the link clock
 * of the DPLL that DPLL_CTRL2 routes to the transcoder's DDI, as
 * DPLL_CTRL1 sets it.  The pixel clock is link clock * M / N.  When the
 * clock cannot be known (HDMI mode, a reserved link rate, M or N of 0) the
 * period is 60 Hz's; whatever the guest wrote, the result stays within
 * 1 Hz and 1 kHz, so no register value makes the vblank timer race.
 *
 * Pure logic: unit tests (selftests/unit/test_timing.c) compile it in
 * userspace.
 */
#include <linux/kernel.h>
#include <linux/math64.h>

#include "display/timing.h"
#include "regs/regs.h"

/* DPLL_CTRL1's DP link rates: the link clock in kHz, 0 where reserved. */
static const u32 link_rate_khz[8] = {
	270000, 135000, 81000, 162000, 108000, 216000, 0, 0
};

/**
 * mgvt_edp_input_pipe - the pipe the eDP transcoder feeds
 * @ddi_func_ctl: the eDP transcoder's TRANS_DDI_FUNC_CTL
 *
 * Return: 0 (A) to 2 (C), or -1 for an input select no Skylake pipe has.
 */
int mgvt_edp_input_pipe(u32 ddi_func_ctl)
{
	static const s8 pipe[8] = { 0, -1, -1, -1, 0, 1, 2, -1 };

	return pipe[(ddi_func_ctl >> TRANS_DDI_EDP_INPUT_SHIFT) & 7];
}

/**
 * mgvt_dp_port_clock_khz - the DP link clock a DDI runs at
 * @dpll_ctrl1: DPLL_CTRL1
 * @dpll_ctrl2: DPLL_CTRL2
 * @port: the DDI, 0 (A) to 4 (E)
 *
 * Return: the clock in kHz, or 0 if the DDI's clock is off, its DPLL is
 * in HDMI mode or the rate is reserved.
 */
u32 mgvt_dp_port_clock_khz(u32 dpll_ctrl1, u32 dpll_ctrl2, unsigned int port)
{
	unsigned int dpll;

	if (port >= DISP_PORTS || dpll_ctrl2 & DPLL_CTRL2_DDI_CLK_OFF(port))
		return 0;
	dpll = (dpll_ctrl2 >> DPLL_CTRL2_DDI_CLK_SEL_SHIFT(port)) & 3;
	if (dpll_ctrl1 & DPLL_CTRL1_HDMI_MODE(dpll))
		return 0;
	return link_rate_khz[(dpll_ctrl1 >> DPLL_CTRL1_LINK_RATE_SHIFT(dpll)) & 7];
}

static u32 total(u32 reg)
{
	return ((reg >> TRANS_TOTAL_SHIFT) & TRANS_TOTAL_MASK) + 1;
}

/**
 * mgvt_vblank_period_ns - the time between two vblanks of a transcoder
 * @t: its registers
 *
 * Return: the frame time in ns, between MGVT_VBLANK_MIN_NS and
 * MGVT_VBLANK_MAX_NS; MGVT_VBLANK_DEFAULT_NS if the pixel clock is
 * unknown.
 */
u64 mgvt_vblank_period_ns(const struct mgvt_timing_regs *t)
{
	unsigned int port = (t->ddi_func_ctl >> TRANS_DDI_PORT_SHIFT) & 7;
	u32 link_m = t->link_m & TRANS_LINK_MN_MASK;
	u32 link_n = t->link_n & TRANS_LINK_MN_MASK;
	u32 link_khz = mgvt_dp_port_clock_khz(t->dpll_ctrl1, t->dpll_ctrl2, port);
	u64 pixel_khz, period;

	if (!link_m || !link_n || !link_khz)
		return MGVT_VBLANK_DEFAULT_NS;
	/* < 2^24 * 2^19: no overflow */
	pixel_khz = div_u64((u64)link_m * link_khz, link_n);
	if (!pixel_khz)
		return MGVT_VBLANK_MAX_NS;
	/* pixels per frame < 2^26, times 10^6 < 2^46 */
	period = div64_u64((u64)total(t->htotal) * total(t->vtotal) * 1000000ULL,
			   pixel_khz);
	return clamp_t(u64, period, MGVT_VBLANK_MIN_NS, MGVT_VBLANK_MAX_NS);
}

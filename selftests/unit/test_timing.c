// SPDX-License-Identifier: GPL-2.0
/*
 * The refresh period of a mode (gvt/display/timing.c): from the timings,
 * link M/N and DPLL link rate a guest i915 programs for a DP output, then
 * with garbage in every register.
 */
#include "display/timing.h"
#include "regs/regs.h"
#include "tap.h"

/* 1920x1200 CVT-RB: 154 MHz, 2080 x 1235 total: 59.95 Hz. */
static struct mgvt_timing_regs wuxga(void)
{
	struct mgvt_timing_regs t = {
		.htotal = (2080 - 1) << 16 | (1920 - 1),
		.vtotal = (1235 - 1) << 16 | (1200 - 1),
		.link_n = 0x80000,
		/* DDI A on DPLL0 at 2.7 GHz (code 0), the way i915 sets it */
		.ddi_func_ctl = 0u << TRANS_DDI_PORT_SHIFT,
		.dpll_ctrl1 = 0,
		.dpll_ctrl2 = 0,
	};

	t.link_m = (u32)(154000ULL * 0x80000 / 270000);
	return t;
}

static void test_modes(void)
{
	struct mgvt_timing_regs t = wuxga();
	u64 ns = mgvt_vblank_period_ns(&t);

	tap_ok(ns > 16660000 && ns < 16700000, "1920x1200@60 on HBR: %llu ns", ns);

	/* the same mode through DPLL1 at 1.62 GHz on DDI B */
	t.ddi_func_ctl = 1u << TRANS_DDI_PORT_SHIFT;
	t.dpll_ctrl2 = 1u << DPLL_CTRL2_DDI_CLK_SEL_SHIFT(1);
	t.dpll_ctrl1 = 3u << DPLL_CTRL1_LINK_RATE_SHIFT(1);
	t.link_m = (u32)(154000ULL * 0x80000 / 162000);
	ns = mgvt_vblank_period_ns(&t);
	tap_ok(ns > 16660000 && ns < 16700000, "DDI B on DPLL1 at RBR: %llu ns", ns);

	/* 1024x768@60 (65 MHz, 1344 x 806) */
	t = wuxga();
	t.htotal = (1344 - 1) << 16 | (1024 - 1);
	t.vtotal = (806 - 1) << 16 | (768 - 1);
	t.link_m = (u32)(65000ULL * 0x80000 / 270000);
	ns = mgvt_vblank_period_ns(&t);
	tap_ok(ns > 16600000 && ns < 16700000, "1024x768@60: %llu ns", ns);

	/* 30 Hz: twice the totals' product */
	t = wuxga();
	t.vtotal = (2470 - 1) << 16;
	ns = mgvt_vblank_period_ns(&t);
	tap_ok(ns > 33300000 && ns < 33400000, "doubled vtotal: 30 Hz (%llu ns)", ns);
}

static void test_unknown_clock(void)
{
	struct mgvt_timing_regs t = wuxga();

	t.link_m = 0;
	tap_ok(mgvt_vblank_period_ns(&t) == MGVT_VBLANK_DEFAULT_NS, "M of 0: 60 Hz");
	t = wuxga();
	t.link_n = 0;
	tap_ok(mgvt_vblank_period_ns(&t) == MGVT_VBLANK_DEFAULT_NS, "N of 0: 60 Hz");
	t = wuxga();
	t.dpll_ctrl1 = DPLL_CTRL1_HDMI_MODE(0);
	tap_ok(mgvt_vblank_period_ns(&t) == MGVT_VBLANK_DEFAULT_NS, "HDMI mode DPLL: 60 Hz");
	t = wuxga();
	t.dpll_ctrl1 = 6u << DPLL_CTRL1_LINK_RATE_SHIFT(0);
	tap_ok(mgvt_vblank_period_ns(&t) == MGVT_VBLANK_DEFAULT_NS, "reserved link rate: 60 Hz");
	t = wuxga();
	t.dpll_ctrl2 = DPLL_CTRL2_DDI_CLK_OFF(0);
	tap_ok(mgvt_vblank_period_ns(&t) == MGVT_VBLANK_DEFAULT_NS, "DDI clock off: 60 Hz");
	t = wuxga();
	t.ddi_func_ctl = 7u << TRANS_DDI_PORT_SHIFT;
	tap_ok(mgvt_vblank_period_ns(&t) == MGVT_VBLANK_DEFAULT_NS, "no such DDI: 60 Hz");
	tap_ok(mgvt_dp_port_clock_khz(0, 0, 0) == 270000, "DDI A on DPLL0: 2.7 GHz");
	tap_ok(mgvt_edp_input_pipe(0) == 0 && mgvt_edp_input_pipe(4u << 12) == 0 &&
	       mgvt_edp_input_pipe(5u << 12) == 1 && mgvt_edp_input_pipe(6u << 12) == 2,
	       "eDP transcoder input select: pipes A, A, B, C");
	tap_ok(mgvt_edp_input_pipe(1u << 12) < 0 && mgvt_edp_input_pipe(7u << 12) < 0 &&
	       mgvt_edp_input_pipe(~0u) < 0, "reserved input selects: no pipe");
	tap_ok(mgvt_dp_port_clock_khz(0, 0, 5) == 0, "port 5: none");
}

/* Garbage never gets the period outside 1 ms .. 1 s. */
static void test_garbage(void)
{
	struct mgvt_timing_regs t = wuxga();
	u64 ns, lo = ~0ULL, hi = 0;
	unsigned int i;
	u32 x = 0x12345678;

	t.htotal = 0;
	t.vtotal = 0;
	tap_ok(mgvt_vblank_period_ns(&t) == MGVT_VBLANK_MIN_NS, "totals of 0: clamped to 1 kHz");
	t = wuxga();
	t.link_m = ~0u;
	t.link_n = 1;
	tap_ok(mgvt_vblank_period_ns(&t) == MGVT_VBLANK_MIN_NS,
	       "huge M / tiny N: clamped to 1 kHz");
	t = wuxga();
	t.htotal = ~0u;
	t.vtotal = ~0u;
	t.link_m = 1;
	t.link_n = ~0u;
	tap_ok(mgvt_vblank_period_ns(&t) == MGVT_VBLANK_MAX_NS,
	       "huge totals, tiny clock: clamped to 1 Hz");

	for (i = 0; i < 100000; i++) {
		u32 *r = (u32 *)&t;
		unsigned int k;

		for (k = 0; k < sizeof(t) / sizeof(u32); k++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			r[k] = x;
		}
		ns = mgvt_vblank_period_ns(&t);
		if (ns < lo)
			lo = ns;
		if (ns > hi)
			hi = ns;
	}
	tap_ok(lo >= MGVT_VBLANK_MIN_NS && hi <= MGVT_VBLANK_MAX_NS,
	       "100000 random register sets: %llu..%llu ns", lo, hi);
}

int main(void)
{
	tap_header();
	test_modes();
	test_unknown_clock();
	test_garbage();
	return tap_finish();
}

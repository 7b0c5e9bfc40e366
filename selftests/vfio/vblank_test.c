// SPDX-License-Identifier: GPL-2.0
/*
 * vblank_test - vblank and plane flips of a vGPU's pipe A as a guest i915
 * drives them: with the timings of 1920x1200@60 on DDI A at 2.7 GHz, the
 * frame counter advances at about 60 Hz while PIPECONF A is enabled and
 * stops when it is disabled, the same through the eDP transcoder (into
 * pipe A or B) as i915 drives DDI A; the vblank bit latches in DE pipe A's IIR
 * only when IMR lets it, shows in MASTER_IRQ and fires the MSI eventfd; a
 * synchronous flip reaches PLANE_SURFLIVE only at the next vblank, with
 * flip done, an asynchronous one at once; garbage timings never make the
 * timer run faster than 1 kHz; a device reset stops the timer, and
 * closing and removing the vGPU with the timer running is clean.
 * Rates are checked for their order of magnitude (TCG is slow), not
 * their precision.
 *
 * Usage: vblank_test   (expects mgvt and mgvt_sim loaded, root)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <linux/vfio.h>

#include "vgpu_lib.h"

#define HTOTAL_A	0x60000u
#define VTOTAL_A	0x6000cu
#define LINK_M1_A	0x60040u
#define LINK_N1_A	0x60044u
#define DDI_FUNC_CTL_A	0x60400u
#define DPLL_CTRL1	0x6c058u
#define DPLL_CTRL2	0x6c05cu
#define PIPECONF_A	0x70008u
#define FRMCOUNT_A	0x70040u
#define FLIPCOUNT_A	0x70044u
#define PLANE_CTL_A	0x70180u
#define PLANE_SURF_A	0x7019cu
#define SURFLIVE_A	0x701acu
#define MASTER_IRQ	0x44200u
#define DE_A_IMR	0x44404u
#define DE_A_IIR	0x44408u
#define DE_A_IER	0x4440cu
#define VBLANK		(1u << 0)
#define FLIP_DONE	(1u << 3)
#define ENABLE		(1u << 31)
#define ASYNC		(1u << 9)

static struct vgpu *v;

static void msleep(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* 1920x1200 CVT-RB (2080 x 1235 total) at @pixel_khz on DDI A, DPLL0 HBR. */
static void program_mode(uint32_t pixel_khz)
{
	mmio_wr(v, HTOTAL_A, 4, (2080u - 1) << 16 | (1920 - 1));
	mmio_wr(v, VTOTAL_A, 4, (1235u - 1) << 16 | (1200 - 1));
	mmio_wr(v, LINK_N1_A, 4, 0x80000);
	mmio_wr(v, LINK_M1_A, 4, (uint32_t)((uint64_t)pixel_khz * 0x80000 / 270000));
	mmio_wr(v, DDI_FUNC_CTL_A, 4, 1u << 31);	/* enabled, DDI A */
	mmio_wr(v, DPLL_CTRL1, 4, 0);			/* DPLL0: 2.7 GHz */
	mmio_wr(v, DPLL_CTRL2, 4, 0);			/* DDI A on DPLL0 */
}

static uint32_t frames_in(unsigned int ms)
{
	uint32_t a = mmio_rd(v, FRMCOUNT_A, 4);

	msleep(ms);
	return mmio_rd(v, FRMCOUNT_A, 4) - a;
}

static void test_rate(void)
{
	long vblanks = vgpu_counter(v, "vblanks");
	uint32_t n;

	program_mode(154000);
	check_eq(frames_in(300), 0, "pipe A disabled: the frame counter stands still");
	mmio_wr(v, PIPECONF_A, 4, ENABLE);
	n = frames_in(1000);
	tap_ok(n >= 30 && n <= 120, "1920x1200@60: %u frames in 1 s", n);
	tap_ok(vgpu_counter(v, "vblanks") > vblanks, "the vGPU's vblanks counter advanced");
	mmio_wr(v, FRMCOUNT_A, 4, 12345);
	tap_ok(mmio_rd(v, FRMCOUNT_A, 4) != 12345, "the frame counter is read-only");
	mmio_wr(v, PIPECONF_A, 4, 0);
	msleep(50);
	check_eq(frames_in(300), 0, "pipe A disabled again: the counter stops");
	check_eq(mmio_rd(v, DE_A_IIR, 4), 0, "all masked in IMR: nothing latched in IIR");
}

static void test_irq(void)
{
	int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);

	if (!tap_ok(efd >= 0, "eventfd"))
		return;
	cfg_wr(v, 0xac + 2, 2, 0x0081);			/* MSI enable */
	check_err(set_irq_eventfd(v, VFIO_PCI_MSI_IRQ_INDEX, VFIO_IRQ_SET_ACTION_TRIGGER, efd),
		  0, "MSI eventfd installed");
	mmio_wr(v, DE_A_IMR, 4, ~VBLANK);
	mmio_wr(v, DE_A_IER, 4, VBLANK);
	mmio_wr(v, MASTER_IRQ, 4, 1u << 31);
	mmio_wr(v, 0x4430c, 4, 1);			/* GT0_IER */
	mmio_wr(v, 0x941c, 4, 1);			/* GDRST: full GPU reset */
	tap_ok(mmio_rd(v, MASTER_IRQ, 4) == 1u << 31 && mmio_rd(v, 0x4430c, 4) == 1,
	       "a guest GPU reset keeps MASTER_IRQ and GT0_IER, as i915 expects");
	mmio_wr(v, 0x4430c, 4, 0);
	drain_eventfd(efd);
	mmio_wr(v, PIPECONF_A, 4, ENABLE);
	tap_ok(wait_readable(efd, 2000), "vblank unmasked: the MSI eventfd fires");
	check_eq(mmio_rd(v, DE_A_IIR, 4) & VBLANK, VBLANK, "DE pipe A IIR: vblank latched");
	check_eq(mmio_rd(v, MASTER_IRQ, 4) & (1u << 16), 1u << 16,
		 "MASTER_IRQ: DE pipe A pending");
	mmio_wr(v, PIPECONF_A, 4, 0);
	msleep(50);
	mmio_wr(v, DE_A_IIR, 4, ~0u);
	check_eq(mmio_rd(v, MASTER_IRQ, 4), 1u << 31, "IIR cleared: nothing pending");
	drain_eventfd(efd);
	tap_ok(!wait_readable(efd, 300), "pipe disabled: no more interrupts");

	mmio_wr(v, DE_A_IER, 4, 0);
	mmio_wr(v, PIPECONF_A, 4, ENABLE);
	msleep(200);
	tap_ok(mmio_rd(v, DE_A_IIR, 4) & VBLANK && !(mmio_rd(v, MASTER_IRQ, 4) & (1u << 16)),
	       "IER off: latched in IIR, not pending in MASTER_IRQ");
	mmio_wr(v, PIPECONF_A, 4, 0);
	mmio_wr(v, DE_A_IIR, 4, ~0u);
	mmio_wr(v, MASTER_IRQ, 4, 0);
	set_irq_eventfd(v, VFIO_PCI_MSI_IRQ_INDEX, VFIO_IRQ_SET_ACTION_TRIGGER, -1);
	cfg_wr(v, 0xac + 2, 2, 0x0080);
	close(efd);
}

static void test_flips(void)
{
	uint32_t live;
	long flips;
	int i, early = 0, tries;

	program_mode(10000);				/* about 4 Hz */
	mmio_wr(v, DE_A_IMR, 4, ~(VBLANK | FLIP_DONE));
	mmio_wr(v, PIPECONF_A, 4, ENABLE);
	/* a vblank may fall between the write and the read: try a few times */
	for (tries = 0; tries < 3 && !early; tries++) {
		msleep(20);
		mmio_wr(v, DE_A_IIR, 4, ~0u);
		flips = mmio_rd(v, FLIPCOUNT_A, 4);
		mmio_wr(v, PLANE_SURF_A, 4, 0x100000u * (tries + 1));
		early = mmio_rd(v, SURFLIVE_A, 4) != 0x100000u * (tries + 1) &&
			!(mmio_rd(v, DE_A_IIR, 4) & FLIP_DONE);
		for (i = 0; i < 100 && mmio_rd(v, SURFLIVE_A, 4) != 0x100000u * (tries + 1); i++)
			msleep(20);
	}
	tap_ok(early, "sync flip: PLANE_SURFLIVE keeps the old surface until vblank");
	live = mmio_rd(v, SURFLIVE_A, 4);
	check_eq(live, 0x100000u * tries, "sync flip: done at the next vblank");
	check_eq(mmio_rd(v, DE_A_IIR, 4) & (FLIP_DONE | VBLANK), FLIP_DONE | VBLANK,
		 "with flip done and vblank in IIR");
	check_eq(mmio_rd(v, FLIPCOUNT_A, 4) - flips, 1, "the flip counter advanced by one");

	mmio_wr(v, DE_A_IIR, 4, ~0u);
	mmio_wr(v, PLANE_CTL_A, 4, ENABLE | ASYNC);
	flips = vgpu_counter(v, "flips");
	mmio_wr(v, PLANE_SURF_A, 4, 0x200000);
	check_eq(mmio_rd(v, SURFLIVE_A, 4), 0x200000, "async flip: PLANE_SURFLIVE at once");
	check_eq(mmio_rd(v, DE_A_IIR, 4) & FLIP_DONE, FLIP_DONE, "with flip done at once");
	check_eq(vgpu_counter(v, "flips") - flips, 1, "and counted in the vGPU's flips");
	mmio_wr(v, PLANE_CTL_A, 4, ENABLE);
	mmio_wr(v, PIPECONF_A, 4, 0);
	mmio_wr(v, PLANE_SURF_A, 4, 0x300000);
	check_eq(mmio_rd(v, SURFLIVE_A, 4), 0x300000, "pipe off: a flip takes effect at once");
	mmio_wr(v, SURFLIVE_A, 4, 0);
	check_eq(mmio_rd(v, SURFLIVE_A, 4), 0x300000, "PLANE_SURFLIVE is read-only");
	mmio_wr(v, DE_A_IIR, 4, ~0u);
}

/* i915 drives the monitor on DDI A as eDP: the eDP transcoder feeds a pipe. */
static void test_edp(void)
{
	uint32_t a, b;

	program_mode(154000);
	for (a = 0; a < 4; a++)		/* timings, M/N of the eDP transcoder */
		mmio_wr(v, 0x6f000 + 4 * a, 4, mmio_rd(v, HTOTAL_A + 4 * a, 4));
	mmio_wr(v, 0x6f040, 4, mmio_rd(v, LINK_M1_A, 4));
	mmio_wr(v, 0x6f044, 4, mmio_rd(v, LINK_N1_A, 4));
	mmio_wr(v, 0x6f400, 4, 1u << 31 | 4u << 12);	/* input: pipe A on/off */
	mmio_wr(v, 0x7f008, 4, ENABLE);
	a = frames_in(1000);
	tap_ok(a >= 30 && a <= 120, "eDP transcoder into pipe A: %u frames in 1 s", a);
	mmio_wr(v, 0x7f008, 4, 0);
	mmio_wr(v, 0x6f400, 4, 1u << 31 | 5u << 12);	/* input: pipe B */
	mmio_wr(v, 0x7f008, 4, ENABLE);
	b = mmio_rd(v, 0x71040, 4);
	a = frames_in(500);
	b = mmio_rd(v, 0x71040, 4) - b;
	tap_ok(a == 0 && b >= 10, "eDP transcoder into pipe B: pipe B counts (%u), A not", b);
	mmio_wr(v, 0x7f008, 4, 0);
	msleep(50);
	b = mmio_rd(v, 0x71040, 4);
	msleep(300);
	check_eq(mmio_rd(v, 0x71040, 4) - b, 0, "eDP transcoder disabled: pipe B stops");
}

static void test_garbage(void)
{
	static const uint32_t t[][4] = {
		{ 0, 0, 0xffffffff, 1 },		/* totals 0, M huge, N 1 */
		{ 0xffffffff, 0xffffffff, 1, 0xffffffff },	/* slowest */
		{ 0, 0, 0, 0 },				/* no clock: 60 Hz */
	};
	unsigned int i;
	uint32_t n;

	for (i = 0; i < 3; i++) {
		mmio_wr(v, HTOTAL_A, 4, t[i][0]);
		mmio_wr(v, VTOTAL_A, 4, t[i][1]);
		mmio_wr(v, LINK_M1_A, 4, t[i][2]);
		mmio_wr(v, LINK_N1_A, 4, t[i][3]);
		mmio_wr(v, PIPECONF_A, 4, ENABLE);
		n = frames_in(1000);
		tap_ok(n <= 1100 && (i != 0 || n >= 50), "garbage timings %u: %u frames in 1 s",
		       i, n);
		mmio_wr(v, PIPECONF_A, 4, 0);
	}
}

static void test_reset_and_close(void)
{
	program_mode(154000);
	mmio_wr(v, PIPECONF_A, 4, ENABLE);
	msleep(200);
	check_err(xioctl(v->device, VFIO_DEVICE_RESET, NULL), 0, "device reset, pipe A running");
	check_eq(mmio_rd(v, PIPECONF_A, 4) | mmio_rd(v, FRMCOUNT_A, 4), 0,
		 "after reset: pipe A off, frame counter 0");
	check_eq(frames_in(300), 0, "and the timer stopped");
	program_mode(154000);
	mmio_wr(v, DE_A_IMR, 4, ~VBLANK);
	mmio_wr(v, DE_A_IER, 4, VBLANK);
	mmio_wr(v, MASTER_IRQ, 4, 1u << 31);
	mmio_wr(v, PIPECONF_A, 4, ENABLE);
	msleep(100);
}

int main(int argc, char **argv)
{
	int ret = simple_program_start(argc, argv, 300);

	if (ret >= 0)
		return ret;
	v = vgpu_new("GVTg_V5_4", find_type("GVTg_V5_4"));
	if (!v || vgpu_create(v) || !vfio_open(v, false)) {
		tap_bail("could not create and open a GVTg_V5_4 vGPU");
		return 1;
	}
	test_rate();
	test_irq();
	test_flips();
	test_edp();
	test_garbage();
	test_reset_and_close();
	vfio_close(v);		/* with pipe A's timer running */
	check_eq(vgpu_remove(v), 0, "close and remove with the vblank timer running");
	cleanup_all();
	return tap_finish();
}

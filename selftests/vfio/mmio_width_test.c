// SPDX-License-Identifier: GPL-2.0
/*
 * mmio_width_test - the register semantics of BAR0 at every access width.
 * A guest (or a hostile VFIO user) may write a register one or two bytes at
 * a time; each kind must keep its meaning then too:
 *
 *   read-only  (FUSE2, RCS ACTHD)    never changes; each write counted in
 *                                    dropped_writes
 *   W1C        (GT0_IIR)             clears only the bits of the bytes
 *                                    written, never sets one; the virtual
 *                                    interrupt line follows (a cleared event
 *                                    raises a new MSI when it comes again)
 *   interrupt  (GT0_IER)             a narrow enable of a pending event
 *                                    raises the line at once
 *   masked     (RCS RING_MODE,       a narrow write carries its value or its
 *               FORCEWAKE_RENDER)    mask, never both: refused (value kept),
 *                                    counted and logged naming the vGPU
 *   handshake  (GDRST)               a 1-byte render reset resets the render
 *                                    engine's registers
 *   plain      (RCS RING_TAIL)       exactly the written bytes change
 *
 * KTAP output; run as root in the test VM with mgvt and mgvt_sim loaded.
 */
#define _GNU_SOURCE
#include <sys/eventfd.h>

#include "vgpu_lib.h"

#define RCS		0x2000
#define RCS_TAIL	(RCS + 0x030)
#define RCS_ACTHD	(RCS + 0x074)
#define RCS_IMR		(RCS + 0x0a8)
#define RCS_MODE	(RCS + 0x29c)	/* masked */
#define FUSE2		0x9120		/* read-only, golden */
#define FUSE2_SKL_GT2	0x02800000
#define GDRST		0x941c
#define FW_RENDER	0xa278		/* masked */
#define FW_ACK_RENDER	0xd84
#define MASTER_IRQ	0x44200
#define MASTER_ON	0x80000000u
#define GT0_IMR		0x44304
#define GT0_IIR		0x44308
#define GT0_IER		0x4430c
#define RCS_USER	(1u << 0)	/* GT0 bits of the rcs0 events */
#define RCS_CTXSW	(1u << 8)
#define MSI_CTRL	(0xac + 2)	/* MSI message control in config space */

static struct vgpu *v;
static char inject[PATH_MAX];

static long dropped(void)
{
	return vgpu_counter(v, "dropped_writes");
}

/* Inject rcs0 event @ev ("user" or "ctxsw") through debugfs; 0 or -errno. */
static int event(const char *ev)
{
	return sysfs_write(inject, fmt("rcs0 %s", ev));
}

static void test_read_only(void)
{
	long before = dropped();

	mmio_wr(v, FUSE2 + 3, 1, 0);
	check_eq(mmio_rd(v, FUSE2, 4), FUSE2_SKL_GT2,
		 "read-only FUSE2: a 1-byte write to its top byte changes nothing");
	mmio_wr(v, FUSE2, 2, 0xffff);
	check_eq(mmio_rd(v, FUSE2, 4), FUSE2_SKL_GT2,
		 "read-only FUSE2: a 2-byte write to its low half changes nothing");
	mmio_wr(v, RCS_ACTHD + 2, 2, 0x1234);
	check_eq(mmio_rd(v, RCS_ACTHD, 4), 0,
		 "read-only RCS ACTHD: a 2-byte write to its high half changes nothing");
	check_eq(dropped(), before + 3, "the 3 narrow read-only writes count in dropped_writes");
}

/* IIR with rcs0 user (byte 0) and context switch (byte 1) pending. */
static void test_w1c(int efd)
{
	long before = dropped();

	mmio_wr(v, GT0_IMR, 4, ~(RCS_USER | RCS_CTXSW));
	mmio_wr(v, GT0_IER, 4, RCS_USER | RCS_CTXSW);
	mmio_wr(v, MASTER_IRQ, 4, MASTER_ON);
	mmio_wr(v, GT0_IIR, 4, ~0u);
	drain_eventfd(efd);
	event("user");
	event("ctxsw");
	tap_ok(wait_readable(efd, 2000), "W1C: the pending events raised an MSI");
	drain_eventfd(efd);
	check_eq(mmio_rd(v, GT0_IIR, 4), RCS_USER | RCS_CTXSW, "W1C: GT0_IIR has both events");

	mmio_wr(v, GT0_IIR + 2, 2, 0xffff);
	check_eq(mmio_rd(v, GT0_IIR, 4), RCS_USER | RCS_CTXSW,
		 "W1C: a 2-byte write of ones to IIR's high half sets no bit");
	mmio_wr(v, GT0_IIR, 1, 0);
	check_eq(mmio_rd(v, GT0_IIR, 4), RCS_USER | RCS_CTXSW,
		 "W1C: a 1-byte write of 0 to IIR's byte 0 clears nothing");
	mmio_wr(v, GT0_IIR, 1, RCS_USER);
	check_eq(mmio_rd(v, GT0_IIR, 4), RCS_CTXSW,
		 "W1C: a 1-byte write of 1 to byte 0 clears that bit and keeps byte 1's");
	check_eq(mmio_rd(v, MASTER_IRQ, 4), MASTER_ON | 1,
		 "W1C: MASTER_IRQ still shows GT0 pending (context switch)");
	mmio_wr(v, GT0_IIR + 1, 1, RCS_CTXSW >> 8);
	check_eq(mmio_rd(v, GT0_IIR, 4), 0, "W1C: a 1-byte write of 1 to byte 1 clears it");
	check_eq(mmio_rd(v, MASTER_IRQ, 4), MASTER_ON, "W1C: MASTER_IRQ shows nothing pending");

	/* The line fell with the narrow acks: a new event is a new MSI. */
	drain_eventfd(efd);
	event("user");
	tap_ok(wait_readable(efd, 2000),
	       "W1C: after narrow acks the line fell, so a new event raises a new MSI");
	drain_eventfd(efd);
	mmio_wr(v, GT0_IIR, 2, RCS_USER);
	check_eq(mmio_rd(v, GT0_IIR, 4), 0, "W1C: a 2-byte write of 1 to the low half acks it");
	check_eq(dropped(), before, "W1C: narrow writes to IIR are not dropped writes");
}

/* IER enabling a latched event through a narrow write raises the line. */
static void test_irq_enable(int efd)
{
	mmio_wr(v, GT0_IER, 4, 0);
	event("user");
	check_eq(mmio_rd(v, GT0_IIR, 4), RCS_USER, "IER: the event is latched with IER off");
	drain_eventfd(efd);
	tap_ok(!wait_readable(efd, 200), "IER: ... and not delivered");
	mmio_wr(v, GT0_IER, 1, RCS_USER);
	check_eq(mmio_rd(v, GT0_IER, 4), RCS_USER, "IER: a 1-byte write sets byte 0 of IER");
	tap_ok(wait_readable(efd, 2000), "IER: the narrow enable delivers the pending event");
	mmio_wr(v, GT0_IER + 2, 2, 0xffff);
	check_eq(mmio_rd(v, GT0_IER, 4), 0xffff0000 | RCS_USER,
		 "IER: a 2-byte write replaces exactly the high half");
	mmio_wr(v, GT0_IIR, 4, ~0u);
	mmio_wr(v, GT0_IER, 4, 0);
	mmio_wr(v, MASTER_IRQ, 4, 0);
	drain_eventfd(efd);
}

static void test_masked(void)
{
	static char log[1 << 16];
	int kfd = kmsg_open();
	long before;

	/* A GVT-g guest reads PVINFO before it enables execlists. */
	read_pvinfo(v);
	mmio_wr(v, RCS_MODE, 4, 0x80008000);
	check_eq(mmio_rd(v, RCS_MODE, 4), 0x8000, "masked RING_MODE: a dword write sets bit 15");
	before = dropped();
	mmio_wr(v, RCS_MODE, 2, 0x0001);
	check_eq(mmio_rd(v, RCS_MODE, 4), 0x8000,
		 "masked RING_MODE: a 2-byte write of the value half (no mask) changes nothing");
	mmio_wr(v, RCS_MODE + 2, 2, 0x8000);
	check_eq(mmio_rd(v, RCS_MODE, 4), 0x8000,
		 "masked RING_MODE: a 2-byte write of the mask half (no value) changes nothing");
	mmio_wr(v, RCS_MODE + 1, 1, 0);
	check_eq(mmio_rd(v, RCS_MODE, 4), 0x8000,
		 "masked RING_MODE: a 1-byte write of 0 to byte 1 does not clear bit 15");
	mmio_wr(v, FW_RENDER, 2, 1);
	check_eq(mmio_rd(v, FW_ACK_RENDER, 4) & 1, 0,
		 "masked FORCEWAKE_RENDER: a 2-byte request without mask wakes nothing");
	check_eq(dropped(), before + 4, "masked: the 4 narrow writes count in dropped_writes");
	kmsg_collect(kfd, log, sizeof(log));
	close(kfd);
	tap_ok(strstr(log, v->uuid) && strstr(log, "RING_MODE"),
	       "masked: the refusal is logged, naming the vGPU and the register");
	mmio_wr(v, RCS_MODE, 4, 0x80000000);
}

static void test_handshake_and_plain(void)
{
	long before = dropped();

	mmio_wr(v, RCS_IMR, 4, 0);
	mmio_wr(v, GDRST, 1, 0x2);
	check_eq(mmio_rd(v, RCS_IMR, 4), 0xffffffff,
		 "GDRST: a 1-byte render reset restores RCS IMR");
	check_eq(mmio_rd(v, GDRST, 4), 0, "GDRST: reads 0 after it");

	mmio_wr(v, RCS_TAIL, 4, 0x11223344);
	mmio_wr(v, RCS_TAIL + 1, 1, 0xaa);
	check_eq(mmio_rd(v, RCS_TAIL, 4), 0x1122aa44, "plain RING_TAIL: a 1-byte write replaces byte 1");
	mmio_wr(v, RCS_TAIL + 2, 2, 0xbbcc);
	check_eq(mmio_rd(v, RCS_TAIL, 4), 0xbbccaa44,
		 "plain RING_TAIL: a 2-byte write replaces the high half");
	check_eq(mmio_rd(v, RCS_TAIL + 2, 2), 0xbbcc, "plain RING_TAIL: a 2-byte read returns it");
	check_eq(dropped(), before, "plain: narrow writes are not dropped writes");
	mmio_wr(v, RCS_TAIL, 4, 0);
}

int main(int argc, char **argv)
{
	int ret, efd;

	ret = simple_program_start(argc, argv, 300);
	if (ret >= 0)
		return ret;
	v = vgpu_new("A", find_type("GVTg_V5_8"));
	if (!v || vgpu_create(v) || !vfio_open(v, false)) {
		tap_bail("could not create and open a vGPU");
		cleanup_all();
		return tap_finish();
	}
	snprintf(inject, sizeof(inject), "%s",
		 fmt("/sys/kernel/debug/mgvt/%s/%s/inject_irq", link_basename(parent), v->uuid));
	efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	cfg_wr(v, MSI_CTRL, 2, 0x0081);			/* MSI enable */
	if (!tap_ok(efd >= 0 && path_exists(inject) &&
		    !set_irq_eventfd(v, VFIO_PCI_MSI_IRQ_INDEX, VFIO_IRQ_SET_ACTION_TRIGGER, efd),
		    "MSI eventfd installed, interrupt injection point %s", inject)) {
		cleanup_all();
		return tap_finish();
	}
	tap_ok(dropped() >= 0, "counters readable in debugfs");

	test_read_only();
	test_w1c(efd);
	test_irq_enable(efd);
	test_masked();
	test_handshake_and_plain();

	set_irq_eventfd(v, VFIO_PCI_MSI_IRQ_INDEX, VFIO_IRQ_SET_ACTION_TRIGGER, -1);
	close(efd);
	cleanup_all();
	return tap_finish();
}

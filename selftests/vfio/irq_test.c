// SPDX-License-Identifier: GPL-2.0
/*
 * irq_test - a vGPU's interrupts: virtual GT interrupts injected through
 * debugfs and delivered as MSI by the guest's IIR, IMR, IER and MASTER_IRQ,
 * VFIO_DEVICE_SET_IRQS for INTx, MSI and REQ as QEMU uses it, delivery of
 * INTx (automasked), MSI, ERR and REQ through the loopback triggers, and
 * SET_IRQS with bad arguments.
 *
 * Usage: irq_test [TYPE_A [TYPE_B]]   (defaults: mgvt-GVTg_V5_4 mgvt-GVTg_V5_8)
 *
 * Expects mgvt.ko and mgvt_sim.ko loaded (selftests/vfio/run.sh does that),
 * root, debugfs and a parent without vGPUs; creates vGPUs A and B and
 * removes them again. Output is flat TAP 13 on stdout.
 *
 * Environment: MGVT_PARENT=<sysfs dir of the parent device> overrides parent
 * discovery; MGVT_TEST_TIMEOUT=<seconds> (default 300) bounds the whole run.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <linux/vfio.h>

#include "vgpu_lib.h"

/*
 * Virtual GT interrupts: an engine event injected through debugfs latches
 * in IIR (unless IMR masks it) and reaches the user as an MSI when the
 * guest's MASTER_IRQ and IER allow it; W1C on IIR drops the line.
 */
static void test_virtual_irq(struct vgpu *v)
{
	const char *inject = fmt("/sys/kernel/debug/mgvt/%s/%s/inject_irq",
				 link_basename(parent), v->uuid);
	char path[PATH_MAX];
	int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);

	snprintf(path, sizeof(path), "%s", inject);
	if (!tap_ok(efd >= 0 && path_exists(path), "%s: interrupt injection point %s", v->label,
		    path))
		goto out;
	cfg_wr(v, 0xac + 2, 2, 0x0081);			/* MSI enable */
	check_err(set_irq_eventfd(v, VFIO_PCI_MSI_IRQ_INDEX, VFIO_IRQ_SET_ACTION_TRIGGER, efd),
		  0, "%s: MSI eventfd installed", v->label);
	mmio_wr(v, 0x44304, 4, ~1u);			/* GT0_IMR: rcs user */
	mmio_wr(v, 0x4430c, 4, 1);			/* GT0_IER */
	mmio_wr(v, 0x44200, 4, 0x80000000);		/* MASTER_IRQ on */
	drain_eventfd(efd);

	check_err(sysfs_write(path, "rcs0 user"), 0, "%s: inject an rcs0 user interrupt",
		  v->label);
	tap_ok(wait_readable(efd, 2000), "%s: the MSI eventfd fires", v->label);
	check_eq(mmio_rd(v, 0x44308, 4), 1, "%s: GT0_IIR latched the event", v->label);
	check_eq(mmio_rd(v, 0x44200, 4), 0x80000001, "%s: MASTER_IRQ shows GT0 pending",
		 v->label);
	mmio_wr(v, 0x44308, 4, 1);
	check_eq(mmio_rd(v, 0x44200, 4), 0x80000000, "%s: W1C on IIR clears the pending bit",
		 v->label);
	drain_eventfd(efd);

	sysfs_write(path, "bcs0 user");			/* masked in GT0_IMR */
	tap_ok(!wait_readable(efd, 200) && mmio_rd(v, 0x44308, 4) == 0,
	       "%s: a masked event is neither latched nor delivered", v->label);

	mmio_wr(v, 0x44200, 4, 0);			/* master off */
	sysfs_write(path, "rcs0 user");
	tap_ok(!wait_readable(efd, 200) && mmio_rd(v, 0x44308, 4) == 1,
	       "%s: master off: latched, not delivered", v->label);
	mmio_wr(v, 0x44200, 4, 0x80000000);
	tap_ok(wait_readable(efd, 2000), "%s: enabling the master delivers the pending event",
	       v->label);
	check_err(sysfs_write(path, "rcs9 user"), EINVAL, "%s: unknown engine refused",
		  v->label);

	mmio_wr(v, 0x44308, 4, ~0u);
	mmio_wr(v, 0x44200, 4, 0);
	set_irq_eventfd(v, VFIO_PCI_MSI_IRQ_INDEX, VFIO_IRQ_SET_ACTION_TRIGGER, -1);
	cfg_wr(v, 0xac + 2, 2, 0x0080);
out:
	if (efd >= 0)
		close(efd);
}

static void test_set_irqs(const struct vgpu *v)
{
	static const struct { uint32_t flag; const char *name; } actions[] = {
		{ VFIO_IRQ_SET_ACTION_MASK, "MASK" },
		{ VFIO_IRQ_SET_ACTION_UNMASK, "UNMASK" },
		{ VFIO_IRQ_SET_ACTION_TRIGGER, "TRIGGER" },
	};
	const uint32_t none = VFIO_IRQ_SET_DATA_NONE, bool_ = VFIO_IRQ_SET_DATA_BOOL;
	const uint32_t trigger = VFIO_IRQ_SET_ACTION_TRIGGER;
	int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	int efd2 = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	uint8_t one = 1;

	if (efd < 0 || efd2 < 0) {
		tap_skip("eventfd() failed", "%s: SET_IRQS", v->label);
		return;
	}

	/* INTx: QEMU installs a trigger eventfd first, then masks/unmasks. */
	check_err(set_irq_eventfd(v, VFIO_PCI_INTX_IRQ_INDEX, trigger, efd), 0,
		  "%s: INTX TRIGGER with an eventfd", v->label);
	for (size_t i = 0; i < ARRAY_SIZE(actions); i++) {
		uint32_t act = actions[i].flag;

		check_err(set_irqs(v, VFIO_PCI_INTX_IRQ_INDEX, none | act, 0, 1, NULL, 0, 0), 0,
			  "%s: INTX %s with DATA_NONE", v->label, actions[i].name);
		check_err(set_irqs(v, VFIO_PCI_INTX_IRQ_INDEX, bool_ | act, 0, 1, &one, 1, 0), 0,
			  "%s: INTX %s with DATA_BOOL", v->label, actions[i].name);
		if (act == trigger)
			continue;	/* the eventfd case was the first call */
		check_err(set_irq_eventfd(v, VFIO_PCI_INTX_IRQ_INDEX, act, efd2), 0,
			  "%s: INTX %s with DATA_EVENTFD", v->label, actions[i].name);
	}
	drain_eventfd(efd);
	check_err(set_irqs(v, VFIO_PCI_INTX_IRQ_INDEX, none | trigger, 0, 0, NULL, 0, 0), 0,
		  "%s: INTX disable (DATA_NONE TRIGGER, count 0)", v->label);

	/* MSI */
	check_err(set_irq_eventfd(v, VFIO_PCI_MSI_IRQ_INDEX, trigger, efd), 0,
		  "%s: MSI TRIGGER with an eventfd", v->label);
	check_err(set_irq_eventfd(v, VFIO_PCI_MSI_IRQ_INDEX, trigger, -1), 0,
		  "%s: MSI TRIGGER with fd -1 (disable)", v->label);
	check_err(set_irq_eventfd(v, VFIO_PCI_MSI_IRQ_INDEX, trigger, efd), 0,
		  "%s: MSI TRIGGER with an eventfd again", v->label);
	check_err(set_irqs(v, VFIO_PCI_MSI_IRQ_INDEX, none | trigger, 0, 0, NULL, 0, 0), 0,
		  "%s: MSI disable (DATA_NONE TRIGGER, count 0)", v->label);

	/* REQ */
	check_err(set_irq_eventfd(v, VFIO_PCI_REQ_IRQ_INDEX, trigger, efd), 0,
		  "%s: REQ TRIGGER with an eventfd", v->label);
	check_err(set_irq_eventfd(v, VFIO_PCI_REQ_IRQ_INDEX, trigger, -1), 0,
		  "%s: REQ TRIGGER with fd -1 (disable)", v->label);

	close(efd);
	close(efd2);
}

static int loopback(const struct vgpu *v, uint32_t index)
{
	return set_irqs(v, index, VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER, 0, 1,
			NULL, 0, 0);
}

/* Did a loopback trigger on @index reach @efd (within @ms)? Drains it. */
static bool loopback_fires(const struct vgpu *v, uint32_t index, int efd, int ms)
{
	bool fired;

	drain_eventfd(efd);
	if (loopback(v, index))
		return false;
	fired = wait_readable(efd, ms);
	drain_eventfd(efd);
	return fired;
}

/*
 * Interrupt delivery through the uapi's loopback triggers (DATA_NONE
 * TRIGGER): INTx automasks until unmasked by ioctl or by the unmask
 * eventfd; MSI, ERR and REQ signal their eventfds.
 */
static void test_irq_delivery(const struct vgpu *v)
{
	const uint32_t none = VFIO_IRQ_SET_DATA_NONE;
	const uint32_t trigger = VFIO_IRQ_SET_ACTION_TRIGGER, unmask = VFIO_IRQ_SET_ACTION_UNMASK;
	int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	int ufd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	bool fired = false;

	if (efd < 0 || ufd < 0) {
		tap_skip("eventfd() failed", "%s: interrupt delivery", v->label);
		return;
	}
	set_irq_eventfd(v, VFIO_PCI_INTX_IRQ_INDEX, trigger, efd);
	set_irqs(v, VFIO_PCI_INTX_IRQ_INDEX, none | unmask, 0, 1, NULL, 0, 0);
	tap_ok(loopback_fires(v, VFIO_PCI_INTX_IRQ_INDEX, efd, 1000),
	       "%s: INTx loopback trigger signals the INTx eventfd", v->label);
	tap_ok(!loopback_fires(v, VFIO_PCI_INTX_IRQ_INDEX, efd, 200),
	       "%s: INTx is automasked: a second trigger does not signal", v->label);
	set_irqs(v, VFIO_PCI_INTX_IRQ_INDEX, none | unmask, 0, 1, NULL, 0, 0);
	tap_ok(loopback_fires(v, VFIO_PCI_INTX_IRQ_INDEX, efd, 1000),
	       "%s: after UNMASK (DATA_NONE) INTx signals again", v->label);

	check_err(set_irq_eventfd(v, VFIO_PCI_INTX_IRQ_INDEX, unmask, ufd), 0,
		  "%s: install an INTx unmask eventfd", v->label);
	eventfd_write(ufd, 1);	/* unmask asynchronously (virqfd) */
	for (int i = 0; i < 20 && !fired; i++) {
		usleep(50 * 1000);
		fired = loopback_fires(v, VFIO_PCI_INTX_IRQ_INDEX, efd, 50);
	}
	tap_ok(fired, "%s: a write to the unmask eventfd unmasks INTx", v->label);
	set_irq_eventfd(v, VFIO_PCI_INTX_IRQ_INDEX, unmask, -1);
	set_irqs(v, VFIO_PCI_INTX_IRQ_INDEX, none | trigger, 0, 0, NULL, 0, 0);

	set_irq_eventfd(v, VFIO_PCI_MSI_IRQ_INDEX, trigger, efd);
	tap_ok(loopback_fires(v, VFIO_PCI_MSI_IRQ_INDEX, efd, 1000),
	       "%s: MSI loopback trigger signals the MSI eventfd", v->label);
	set_irq_eventfd(v, VFIO_PCI_MSI_IRQ_INDEX, trigger, -1);
	tap_ok(!loopback_fires(v, VFIO_PCI_MSI_IRQ_INDEX, efd, 200),
	       "%s: after MSI is disabled the old eventfd stays quiet", v->label);

	check_err(set_irq_eventfd(v, VFIO_PCI_ERR_IRQ_INDEX, trigger, efd), 0,
		  "%s: ERR TRIGGER with an eventfd", v->label);
	tap_ok(loopback_fires(v, VFIO_PCI_ERR_IRQ_INDEX, efd, 1000),
	       "%s: ERR loopback trigger signals the ERR eventfd", v->label);
	set_irq_eventfd(v, VFIO_PCI_ERR_IRQ_INDEX, trigger, -1);

	set_irq_eventfd(v, VFIO_PCI_REQ_IRQ_INDEX, trigger, efd);
	tap_ok(loopback_fires(v, VFIO_PCI_REQ_IRQ_INDEX, efd, 1000),
	       "%s: REQ loopback trigger signals the REQ eventfd", v->label);
	set_irq_eventfd(v, VFIO_PCI_REQ_IRQ_INDEX, trigger, -1);

	close(efd);
	close(ufd);
}

static void test_bad_set_irqs(const struct vgpu *v)
{
	const uint32_t none = VFIO_IRQ_SET_DATA_NONE, evt = VFIO_IRQ_SET_DATA_EVENTFD;
	const uint32_t trigger = VFIO_IRQ_SET_ACTION_TRIGGER;
	int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	int32_t two[2] = { efd, efd };
	int closed_fd, ret;

	check_err(set_irqs(v, VFIO_PCI_NUM_IRQS, none | trigger, 0, 0, NULL, 0, 0), EINVAL,
		  "%s: SET_IRQS on index 5 fails with EINVAL", v->label);
	check_err(set_irqs(v, 1000, none | trigger, 0, 1, NULL, 0, 0), EINVAL,
		  "%s: SET_IRQS on index 1000 fails with EINVAL", v->label);
	check_err(set_irqs(v, VFIO_PCI_INTX_IRQ_INDEX, none | trigger, 1, 1, NULL, 0, 0), EINVAL,
		  "%s: INTX with start 1 fails with EINVAL", v->label);
	check_err(set_irqs(v, VFIO_PCI_INTX_IRQ_INDEX, none | VFIO_IRQ_SET_ACTION_UNMASK, 0, 2,
			   NULL, 0, 0), EINVAL,
		  "%s: INTX UNMASK with count 2 fails with EINVAL", v->label);
	check_err(set_irqs(v, VFIO_PCI_MSI_IRQ_INDEX, evt | trigger, 0, 2, two, sizeof(two), 0),
		  EINVAL, "%s: MSI with count 2 fails with EINVAL", v->label);
	check_err(set_irqs(v, VFIO_PCI_MSI_IRQ_INDEX, evt | trigger, 1, 1, &efd, 4, 0), EINVAL,
		  "%s: MSI with start 1 fails with EINVAL", v->label);
	check_err(set_irqs(v, VFIO_PCI_MSIX_IRQ_INDEX, evt | trigger, 0, 1, &efd, 4, 0), EINVAL,
		  "%s: MSIX (count 0) with count 1 fails with EINVAL", v->label);
	check_err(set_irqs(v, VFIO_PCI_REQ_IRQ_INDEX, evt | trigger, 0, 2, two, sizeof(two), 0),
		  EINVAL, "%s: REQ with count 2 fails with EINVAL", v->label);
	check_err(set_irqs(v, VFIO_PCI_INTX_IRQ_INDEX,
			   none | VFIO_IRQ_SET_ACTION_MASK | VFIO_IRQ_SET_ACTION_UNMASK, 0, 1,
			   NULL, 0, 0), EINVAL,
		  "%s: SET_IRQS with two actions fails with EINVAL", v->label);
	check_err(set_irqs(v, VFIO_PCI_INTX_IRQ_INDEX, none | VFIO_IRQ_SET_DATA_BOOL | trigger,
			   0, 1, NULL, 0, 0), EINVAL,
		  "%s: SET_IRQS with two data types fails with EINVAL", v->label);
	check_err(set_irqs(v, VFIO_PCI_INTX_IRQ_INDEX, none | trigger, 0, 1, NULL, 0, 8), EINVAL,
		  "%s: SET_IRQS with argsz < minsz fails with EINVAL", v->label);
	check_err(set_irqs(v, VFIO_PCI_MSI_IRQ_INDEX, evt | trigger, 0, 1, NULL, 0, 0), EINVAL,
		  "%s: SET_IRQS eventfd without room for the fd in argsz fails with EINVAL",
		  v->label);

	/* An fd that is not open, and one that is not an eventfd: refused. */
	closed_fd = dup(efd);
	close(closed_fd);
	ret = set_irq_eventfd(v, VFIO_PCI_MSI_IRQ_INDEX, trigger, closed_fd);
	tap_ok(ret < 0, "%s: MSI TRIGGER with a closed fd is refused (%s)", v->label,
	       errname(-ret));
	ret = set_irq_eventfd(v, VFIO_PCI_MSI_IRQ_INDEX, trigger, v->group);
	tap_ok(ret < 0, "%s: MSI TRIGGER with a non-eventfd fd is refused (%s)", v->label,
	       errname(-ret));
	set_irqs(v, VFIO_PCI_MSI_IRQ_INDEX, none | trigger, 0, 0, NULL, 0, 0);
	close(efd);
}

int main(int argc, char **argv)
{
	struct vgpu_pair p;
	int ret = pair_main(argc, argv, &p, NULL, test_virtual_irq, "interrupt tests");

	if (ret >= 0)
		return ret;
	if (p.a_open) {
		test_bad_set_irqs(p.a);
		test_set_irqs(p.a);
		test_irq_delivery(p.a);
	}

	return program_finish();
}

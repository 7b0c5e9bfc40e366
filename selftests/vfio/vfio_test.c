// SPDX-License-Identifier: GPL-2.0
/*
 * vfio_test - drive mgvt vGPUs through sysfs and /dev/vfio like a guest driver would.
 *
 * Usage: vfio_test [TYPE_A [TYPE_B]]   (defaults: mgvt-GVTg_V5_4 mgvt-GVTg_V5_8)
 *
 * Expects mgvt.ko and mgvt_sim.ko loaded (selftests/vfio/run.sh does that) and
 * root. Creates two vGPUs, checks the mdev sysfs ABI, the VFIO device ABI
 * (info, regions, irqs, config space, PVINFO, reset), every bad input we know
 * of with its errno, remove-while-open, and that the host is back to its
 * initial state afterwards. Output is flat TAP 13 on stdout.
 *
 * Environment: MGVT_PARENT=<sysfs dir of the parent device> overrides parent
 * discovery; MGVT_TEST_TIMEOUT=<seconds> (default 300) bounds the whole run.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <linux/pci_regs.h>
#include <linux/vfio.h>

#include "tap.h"
#include "vgpu_lib.h"

/* ------------------------------------------------------------------------- */
/* Tests: interrupts                                                          */
/* ------------------------------------------------------------------------- */

/*
 * Virtual GT interrupts: an engine event injected through debugfs latches
 * in IIR (unless IMR masks it) and reaches the user as an MSI when the
 * guest's MASTER_IRQ and IER allow it; W1C on IIR drops the line.
 */
static void test_virtual_irq(const struct vgpu *v)
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

/* ------------------------------------------------------------------------- */
/* Tests: reset                                                               */
/* ------------------------------------------------------------------------- */

/* Registers a user can leave values in: untracked, PVINFO's guest half, a fence. */
#define UNTRACKED_REG		0x1fff00
#define PV_PDP0			(PVINFO + 0x838)
#define FENCE0_HI		0x100004

static void test_reset(const struct vgpu *v)
{
	mmio_wr(v, UNTRACKED_REG, 4, 0x5eedf00d);
	mmio_wr(v, UNTRACKED_REG + 0x7c, 2, 0xbeef);
	mmio_wr(v, PV_PDP0, 4, 0x12345000);
	mmio_wr(v, FENCE0_HI, 4, 0x00abc000);
	check_eq(mmio_rd(v, UNTRACKED_REG, 4), 0x5eedf00d, "%s: an untracked register keeps a value",
		 v->label);
	cfg_wr(v, CFG_ASLS, 4, 0x3ffe0000);
	cfg_wr(v, PCI_COMMAND, 2, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
	check_err(xioctl(v->device, VFIO_DEVICE_RESET, NULL), 0,
		  "%s: VFIO_DEVICE_RESET succeeds", v->label);
	check_eq(cfg_rd(v, CFG_ASLS, 4), 0, "%s: ASLS reads 0 after reset", v->label);
	check_eq(cfg_rd(v, PCI_COMMAND, 2), 0, "%s: command register reads 0 after reset",
		 v->label);
	check_eq(cfg_rd(v, PCI_VENDOR_ID, 4), 0x19128086, "%s: IDs intact after reset", v->label);
	check_eq(mmio_rd(v, PV_MAGIC, 8), VGT_MAGIC, "%s: PVINFO magic intact after reset",
		 v->label);
	check_eq(mmio_rd(v, PV_MAPPABLE_BASE, 4), v->pv.low_base,
		 "%s: PVINFO mappable base unchanged by reset", v->label);
	check_eq(mmio_rd(v, UNTRACKED_REG, 4) | mmio_rd(v, UNTRACKED_REG + 0x7c, 4), 0,
		 "%s: untracked registers read 0 after reset", v->label);
	check_eq(mmio_rd(v, PV_PDP0, 4), 0, "%s: PVINFO pdp[0] reads 0 after reset", v->label);
	check_eq(mmio_rd(v, FENCE0_HI, 4), 0, "%s: fence 0 reads 0 after reset", v->label);
}

/* ------------------------------------------------------------------------- */
/* Tests: removal                                                             */
/* ------------------------------------------------------------------------- */

/*
 * Remove while the device is open: the remove blocks, the REQ eventfd fires,
 * and closing the device lets the remove finish.
 */
static void test_remove_while_open(struct vgpu *v)
{
	int req = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	struct bg_remove r = { .done_efd = -1 };
	bool fired, blocked;

	if (req < 0 || v->device < 0) {
		tap_skip("setup failed", "%s: remove while open", v->label);
		return;
	}
	check_err(set_irq_eventfd(v, VFIO_PCI_REQ_IRQ_INDEX, VFIO_IRQ_SET_ACTION_TRIGGER, req), 0,
		  "%s: install REQ eventfd", v->label);
	if (bg_remove_start(&r, v)) {
		tap_skip("background remove failed to start", "%s: remove while open", v->label);
		return;
	}
	fired = wait_readable(req, 10000);
	tap_ok(fired, "%s: remove while open signals the REQ eventfd", v->label);
	blocked = !bg_remove_wait(&r, fired ? 500 : 0);
	tap_ok(blocked, "%s: remove blocks while the device is open", v->label);

	vfio_close(v);
	if (!tap_ok(blocked ? bg_remove_wait(&r, 20000) : true,
		    "%s: remove completes after the device is closed", v->label)) {
		tap_bail("remove of %s is stuck in the kernel", v->uuid);
		_exit(tap_finish());
	}
	check_err(r.result, 0, "%s: the blocked remove write returns success", v->label);
	tap_ok(!path_exists(v->dir), "%s: mdev directory is gone", v->label);
	close(req);
}

static void test_remove_closed(struct vgpu *v)
{
	vfio_close(v);
	check_err(vgpu_remove(v), 0, "%s: remove after close succeeds", v->label);
	tap_ok(!path_exists(v->dir), "%s: mdev directory is gone", v->label);
	tap_ok(!path_exists(fmt("%s/devices/%s", type_dir(v->type), v->uuid)),
	       "%s: no longer listed in its type's devices/", v->label);
}

/* The host still works: a fresh vGPU can be created, opened, used and removed. */
static void test_fresh_cycle(const struct vgpu_type *t)
{
	struct vgpu *v = vgpu_new("C", t);
	struct vfio_device_info info = { .argsz = sizeof(info) };
	bool ok;

	if (!v || !check_err(vgpu_create(v), 0, "fresh vGPU C of %s can be created", t->name))
		return;
	ok = vfio_open(v, false);
	tap_ok(ok, "C: opens through VFIO");
	if (ok) {
		tap_ok(ioctl(v->device, VFIO_DEVICE_GET_INFO, &info) == 0 &&
		       info.num_irqs == VFIO_PCI_NUM_IRQS, "C: GET_INFO works");
		check_eq(mmio_rd(v, PV_MAGIC, 8), VGT_MAGIC, "C: PVINFO magic reads correctly");
		check_eq(cfg_rd(v, PCI_VENDOR_ID, 4), 0x19128086, "C: config IDs read correctly");
	}
	vfio_close(v);
	check_err(vgpu_remove(v), 0, "C: remove succeeds");
}

/* What every registered type offers before this program creates any vGPU. */
static long initial_avail[ARRAY_SIZE(vgpu_types)];

static void record_initial_avail(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(vgpu_types); i++)
		initial_avail[i] = type_expected(&vgpu_types[i]) ? available(&vgpu_types[i]) : -1;
}

static void test_host_healthy(void)
{
	bool ok = true;

	for (size_t i = 0; i < ARRAY_SIZE(vgpu_types); i++) {
		if (initial_avail[i] < 0)
			continue;
		if (available(&vgpu_types[i]) != initial_avail[i]) {
			tap_diag("  %s: %ld now, %ld initially", vgpu_types[i].name,
				 available(&vgpu_types[i]), initial_avail[i]);
			ok = false;
		}
	}
	tap_ok(ok, "available_instances are back to their initial values");
}

/* ------------------------------------------------------------------------- */

/* Everything a guest driver touches, on one open vGPU. */
static void test_device(struct vgpu *v)
{
	/* The reset checks use the slice PVINFO announces. */
	tap_ok(read_pvinfo(v), "%s: PVINFO magic reads correctly", v->label);
	test_virtual_irq(v);
	test_reset(v);
}

/* Every bad input we know of, on one open vGPU. */
static void test_bad_inputs(struct vgpu *v)
{
	test_bad_set_irqs(v);
}

int main(int argc, char **argv)
{
	const struct vgpu_type *ta, *tb;
	struct vgpu *a, *b;
	bool a_open, b_open;
	int ret = pair_program_start(argc, argv, &ta, &tb);

	if (ret >= 0)
		return ret;
	record_initial_avail();

	if (!create_pair(ta, tb, &a, &b)) {
		cleanup_all();
		return tap_finish();
	}
	a_open = vfio_open(a, true);
	b_open = vfio_open(b, true);
	if (a_open)
		test_device(a);
	else
		tap_skip("A did not open", "A: device tests");
	if (b_open)
		test_device(b);
	else
		tap_skip("B did not open", "B: device tests");
	if (a_open) {
		test_bad_inputs(a);
		test_set_irqs(a);
		test_irq_delivery(a);
		test_remove_while_open(a);
	}
	test_remove_closed(b);
	cleanup_all();		/* A, if its remove-while-open did not run */

	check_all_available("after removing all vGPUs");
	test_host_healthy();
	test_fresh_cycle(ta);
	test_host_healthy();

	return program_finish();
}

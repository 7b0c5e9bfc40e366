// SPDX-License-Identifier: GPL-2.0
/*
 * lifecycle_test - a vGPU's life after it was used: VFIO_DEVICE_RESET
 * brings back what creation gave, removal of an open vGPU asks its user
 * (REQ) and waits for the close, removal of a closed one is immediate, and
 * then the host is as it was: every type's available_instances is back,
 * and a fresh vGPU can be created, opened, used and removed.
 *
 * Usage: lifecycle_test [TYPE_A [TYPE_B]]   (defaults: mgvt-GVTg_V5_4 mgvt-GVTg_V5_8)
 *
 * Expects mgvt.ko and mgvt_sim.ko loaded (selftests/vfio/run.sh does that),
 * root and a parent without vGPUs; creates vGPUs A and B (and then C) and
 * removes them. Output is flat TAP 13 on stdout.
 *
 * Environment: MGVT_PARENT=<sysfs dir of the parent device> overrides parent
 * discovery; MGVT_TEST_TIMEOUT=<seconds> (default 300) bounds the whole run.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/pci_regs.h>
#include <linux/vfio.h>

#include "vgpu_lib.h"

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
	check_eq(mmio_rd(v, UNTRACKED_REG, 4), 0x5eedf00d,
		 "%s: an untracked register keeps a value", v->label);
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

/* Reset of one open vGPU. */
static void test_device(struct vgpu *v)
{
	/* The reset checks use the slice PVINFO announces. */
	tap_ok(read_pvinfo(v), "%s: PVINFO magic reads correctly", v->label);
	test_reset(v);
}

int main(int argc, char **argv)
{
	struct vgpu_pair p;
	int ret = pair_main(argc, argv, &p, record_initial_avail, test_device, "reset tests");

	if (ret >= 0)
		return ret;
	/*
	 * B first: should A's remove while open get stuck in the kernel, the
	 * program bails out at once, and B must not be left behind.
	 */
	test_remove_closed(p.b);
	if (p.a_open)
		test_remove_while_open(p.a);
	cleanup_all();		/* A, if its remove-while-open did not run */

	check_all_available("after removing all vGPUs");
	test_host_healthy();
	test_fresh_cycle(p.ta);
	test_host_healthy();

	return program_finish();
}

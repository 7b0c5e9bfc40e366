// SPDX-License-Identifier: GPL-2.0
/*
 * devinfo_test - what a VFIO user learns about a vGPU before touching it:
 * VFIO_DEVICE_GET_INFO, the region info of every region (sizes, flags, the
 * BAR2 sparse mmap capability) and the irq info of every index, and that
 * each of those ioctls, an unknown device ioctl and a wrong device name
 * are refused with the right errno.
 *
 * Usage: devinfo_test [TYPE_A [TYPE_B]]   (defaults: mgvt-GVTg_V5_4 mgvt-GVTg_V5_8)
 *
 * Expects mgvt.ko and mgvt_sim.ko loaded (selftests/vfio/run.sh does that),
 * root and a parent without vGPUs; creates vGPUs A and B and removes them
 * again. Output is flat TAP 13 on stdout.
 *
 * Environment: MGVT_PARENT=<sysfs dir of the parent device> overrides parent
 * discovery; MGVT_TEST_TIMEOUT=<seconds> (default 300) bounds the whole run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/vfio.h>

#include "vgpu_lib.h"

static void test_device_info(const struct vgpu *v)
{
	struct vfio_device_info info = { .argsz = sizeof(info) };
	bool ok = ioctl(v->device, VFIO_DEVICE_GET_INFO, &info) == 0;

	tap_ok(ok, "%s: VFIO_DEVICE_GET_INFO succeeds", v->label);
	tap_ok(ok && (info.flags & VFIO_DEVICE_FLAGS_PCI), "%s: device flags include PCI",
	       v->label);
	tap_ok(ok && (info.flags & VFIO_DEVICE_FLAGS_RESET), "%s: device flags include RESET",
	       v->label);
	tap_ok(ok && info.num_regions >= VFIO_PCI_NUM_REGIONS,
	       "%s: num_regions (%u) >= VFIO_PCI_NUM_REGIONS", v->label, info.num_regions);
	check_eq(info.num_irqs, VFIO_PCI_NUM_IRQS, "%s: num_irqs is VFIO_PCI_NUM_IRQS", v->label);
}

static uint32_t num_regions(const struct vgpu *v)
{
	struct vfio_device_info info = { .argsz = sizeof(info) };

	if (ioctl(v->device, VFIO_DEVICE_GET_INFO, &info))
		return VFIO_PCI_NUM_REGIONS;
	return info.num_regions;
}

static void test_regions(const struct vgpu *v)
{
	static const struct { unsigned int index; const char *name; } empty[] = {
		{ VFIO_PCI_BAR1_REGION_INDEX, "BAR1" }, { VFIO_PCI_BAR3_REGION_INDEX, "BAR3" },
		{ VFIO_PCI_BAR4_REGION_INDEX, "BAR4" }, { VFIO_PCI_BAR5_REGION_INDEX, "BAR5" },
		{ VFIO_PCI_ROM_REGION_INDEX, "ROM" }, { VFIO_PCI_VGA_REGION_INDEX, "VGA" },
	};
	const uint32_t rw = VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE;
	const uint32_t bar2_flags = rw | VFIO_REGION_INFO_FLAG_MMAP | VFIO_REGION_INFO_FLAG_CAPS;
	struct vfio_region_info *ri[VFIO_PCI_NUM_REGIONS];
	const struct vfio_region_info_cap_sparse_mmap *sp;
	bool offsets_ok = true;

	for (unsigned int i = 0; i < VFIO_PCI_NUM_REGIONS; i++) {
		ri[i] = region_info(v, i);
		if (!ri[i]) {
			tap_diag("%s: GET_REGION_INFO(%u): %s", v->label, i, strerror(errno));
			offsets_ok = false;
		} else if ((off_t)ri[i]->offset != region_offset(i)) {
			tap_diag("%s: region %u at offset 0x%llx", v->label, i,
				 (unsigned long long)ri[i]->offset);
			offsets_ok = false;
		}
	}
	tap_ok(offsets_ok, "%s: GET_REGION_INFO works for regions 0-8 at offset index << 40",
	       v->label);
	if (!offsets_ok) {
		for (unsigned int i = 0; i < VFIO_PCI_NUM_REGIONS; i++)
			free(ri[i]);
		tap_skip("region info failed", "%s: region sizes and flags", v->label);
		return;
	}

	check_eq(ri[VFIO_PCI_CONFIG_REGION_INDEX]->size, CFG_SIZE, "%s: config region is 4 KiB",
		 v->label);
	check_eq(ri[VFIO_PCI_CONFIG_REGION_INDEX]->flags & rw, rw,
		 "%s: config region is readable and writable", v->label);
	check_eq(ri[VFIO_PCI_BAR0_REGION_INDEX]->size, BAR0_SIZE, "%s: BAR0 region is 16 MiB",
		 v->label);
	check_eq(ri[VFIO_PCI_BAR0_REGION_INDEX]->flags & (rw | VFIO_REGION_INFO_FLAG_MMAP), rw,
		 "%s: BAR0 is read/write and not mmappable (trapped)", v->label);
	for (size_t i = 0; i < ARRAY_SIZE(empty); i++)
		check_eq(ri[empty[i].index]->size, 0, "%s: %s region has size 0", v->label,
			 empty[i].name);

	check_eq(ri[VFIO_PCI_BAR2_REGION_INDEX]->size, aperture,
		 "%s: BAR2 region is the aperture size", v->label);
	check_eq(ri[VFIO_PCI_BAR2_REGION_INDEX]->flags & bar2_flags, bar2_flags,
		 "%s: BAR2 flags are READ|WRITE|MMAP|CAPS", v->label);
	sp = (const void *)region_cap(ri[VFIO_PCI_BAR2_REGION_INDEX],
				      VFIO_REGION_INFO_CAP_SPARSE_MMAP);
	tap_ok(sp != NULL, "%s: BAR2 has a SPARSE_MMAP capability", v->label);
	if (sp && check_eq(sp->nr_areas, 1, "%s: BAR2 sparse mmap has exactly one area",
			   v->label)) {
		check_eq(sp->areas[0].offset, v->pv.low_base,
			 "%s: sparse area offset is the vGPU's low GM base", v->label);
		check_eq(sp->areas[0].size, v->pv.low_size,
			 "%s: sparse area size is the vGPU's low GM size", v->label);
	}
	for (unsigned int i = 0; i < VFIO_PCI_NUM_REGIONS; i++)
		free(ri[i]);
}

static void test_bad_region_info(const struct vgpu *v)
{
	uint32_t n = num_regions(v);
	const uint32_t bad[] = { n, 1000, 0xffffffff };
	struct vfio_region_info ri;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		memset(&ri, 0, sizeof(ri));
		ri.argsz = sizeof(ri);
		ri.index = bad[i];
		check_err(xioctl(v->device, VFIO_DEVICE_GET_REGION_INFO, &ri), EINVAL,
			  "%s: GET_REGION_INFO for unknown index %u fails with EINVAL",
			  v->label, bad[i]);
	}
	memset(&ri, 0, sizeof(ri));
	ri.argsz = 8;		/* smaller than the fixed part */
	ri.index = VFIO_PCI_BAR0_REGION_INDEX;
	check_err(xioctl(v->device, VFIO_DEVICE_GET_REGION_INFO, &ri), EINVAL,
		  "%s: GET_REGION_INFO with argsz < minsz fails with EINVAL", v->label);
}

static void test_irq_info(const struct vgpu *v)
{
	static const struct {
		unsigned int index;
		const char *name;
		uint32_t count, flags;
		const char *flag_names;
	} want[] = {
		{ VFIO_PCI_INTX_IRQ_INDEX, "INTX", 1, VFIO_IRQ_INFO_EVENTFD |
			VFIO_IRQ_INFO_MASKABLE | VFIO_IRQ_INFO_AUTOMASKED,
			"EVENTFD|MASKABLE|AUTOMASKED" },
		{ VFIO_PCI_MSI_IRQ_INDEX, "MSI", 1, VFIO_IRQ_INFO_EVENTFD | VFIO_IRQ_INFO_NORESIZE,
			"EVENTFD|NORESIZE" },
		{ VFIO_PCI_MSIX_IRQ_INDEX, "MSIX", 0, ~0u, NULL },	/* flags not checked */
		{ VFIO_PCI_ERR_IRQ_INDEX, "ERR", 1, VFIO_IRQ_INFO_EVENTFD, "EVENTFD" },
		{ VFIO_PCI_REQ_IRQ_INDEX, "REQ", 1, VFIO_IRQ_INFO_EVENTFD, "EVENTFD" },
	};
	struct vfio_irq_info ii;

	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		if (!check_err(irq_info(v, want[i].index, &ii), 0, "%s: GET_IRQ_INFO(%s) succeeds",
			       v->label, want[i].name))
			continue;
		check_eq(ii.count, want[i].count, "%s: %s has count %u", v->label, want[i].name,
			 want[i].count);
		if (want[i].flags != ~0u)
			check_eq(ii.flags, want[i].flags, "%s: %s flags are %s", v->label,
				 want[i].name, want[i].flag_names);
	}
}

static void test_bad_irq_info(const struct vgpu *v)
{
	const uint32_t bad[] = { VFIO_PCI_NUM_IRQS, 1000 };
	struct vfio_irq_info ii;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		check_err(irq_info(v, bad[i], &ii), EINVAL,
			  "%s: GET_IRQ_INFO for unknown index %u fails with EINVAL", v->label,
			  bad[i]);
	memset(&ii, 0, sizeof(ii));
	ii.argsz = 4;
	check_err(xioctl(v->device, VFIO_DEVICE_GET_IRQ_INFO, &ii), EINVAL,
		  "%s: GET_IRQ_INFO with argsz < minsz fails with EINVAL", v->label);
}

static void test_bad_device_info(const struct vgpu *v)
{
	struct vfio_device_info info = { .argsz = 4 };

	check_err(xioctl(v->device, VFIO_DEVICE_GET_INFO, &info), EINVAL,
		  "%s: GET_INFO with argsz < minsz fails with EINVAL", v->label);
}

static void test_bad_ioctls(const struct vgpu *v)
{
	long ret = xioctl(v->device, _IO(VFIO_TYPE, VFIO_BASE + 60), NULL);
	int fd;

	tap_ok(ret < 0, "%s: unknown device ioctl is refused (%s)", v->label, errname((int)-ret));
	fd = ioctl(v->group, VFIO_GROUP_GET_DEVICE_FD, "00000000-0000-0000-0000-000000000000");
	tap_ok(fd < 0, "%s: GROUP_GET_DEVICE_FD with a wrong name is refused (%s)", v->label,
	       errname(fd < 0 ? errno : 0));
	if (fd >= 0)
		close(fd);
}

/* The info ioctls on one open vGPU. */
static void test_device(struct vgpu *v)
{
	test_device_info(v);
	/* BAR2's sparse mmap area is the slice PVINFO announces. */
	tap_ok(read_pvinfo(v), "%s: PVINFO magic reads correctly", v->label);
	test_regions(v);
	test_irq_info(v);
}

/* The same ioctls with bad arguments, and ioctls that do not exist. */
static void test_bad_inputs(struct vgpu *v)
{
	test_bad_device_info(v);
	test_bad_region_info(v);
	test_bad_irq_info(v);
	test_bad_ioctls(v);
}

int main(int argc, char **argv)
{
	struct vgpu_pair p;
	int ret = pair_main(argc, argv, &p, NULL, test_device, "device info tests");

	if (ret >= 0)
		return ret;
	if (p.a_open)
		test_bad_inputs(p.a);

	return program_finish();
}

// SPDX-License-Identifier: GPL-2.0
/*
 * aperture_test - a vGPU's slice of the GGTT aperture (BAR2) and the
 * isolation of two vGPUs: the sparse mmap area is coherent with region
 * reads and writes, nothing outside the slice maps or reaches host memory,
 * and vGPUs A and B have their own ids, GM ranges, aperture memory and
 * registers.
 *
 * Usage: aperture_test [TYPE_A [TYPE_B]]   (defaults: mgvt-GVTg_V5_4 mgvt-GVTg_V5_8)
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
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/vfio.h>

#include "vgpu_lib.h"

/* ------------------------------------------------------------------------- */
/* Tests: BAR2 (aperture)                                                     */
/* ------------------------------------------------------------------------- */

/* The sparse area mmaps and is coherent with region read/write; nothing else maps. */
static void test_aperture(const struct vgpu *v)
{
	const uint64_t base = v->pv.low_base, size = v->pv.low_size;
	const size_t pg = (size_t)sysconf(_SC_PAGESIZE);
	volatile uint32_t *map;

	map = map_bar2(v, base, size, MAP_SHARED);
	if (!tap_ok(map != MAP_FAILED, "%s: mmap of the BAR2 sparse area (MAP_SHARED) succeeds",
		    v->label)) {
		tap_diag("  mmap: %s", strerror(errno));
	} else {
		map[0] = 0xc0ffee00u;
		check_eq(bar2_rd(v, base, 4), 0xc0ffee00u,
			 "%s: a store through the mapping is seen by a BAR2 read", v->label);
		check_err(bar2_wr(v, base + 8, 4, 0x600dcafe), 0,
			  "%s: 4-byte BAR2 write inside the slice succeeds", v->label);
		check_eq(map[2], 0x600dcafe, "%s: a BAR2 write is seen through the mapping",
			 v->label);
		munmap((void *)map, size);
	}
	check_err(map_bar2_errno(v, base, pg, MAP_PRIVATE), EINVAL,
		  "%s: private mmap of the aperture is refused with EINVAL", v->label);
	check_err(map_bar2_errno(v, base - pg, pg, MAP_SHARED), EINVAL,
		  "%s: mmap of the page below the slice is refused with EINVAL", v->label);
	check_err(map_bar2_errno(v, base + size - pg, 2 * pg, MAP_SHARED), EINVAL,
		  "%s: mmap crossing the slice end is refused with EINVAL", v->label);
	check_err(map_bar2_errno(v, base + size, pg, MAP_SHARED), EINVAL,
		  "%s: mmap of the page above the slice is refused with EINVAL", v->label);
	{
		void *p = mmap(NULL, pg, PROT_READ, MAP_SHARED, v->device,
			       region_offset(VFIO_PCI_BAR0_REGION_INDEX));
		int err = p == MAP_FAILED ? errno : 0;

		if (p != MAP_FAILED)
			munmap(p, pg);
		check_err(-err, EINVAL, "%s: mmap of BAR0 (trapped) is refused with EINVAL",
			  v->label);
	}

	check_err(bar2_wr(v, HOST_LOW_GM - 8, 8, 0x1122334455667788ULL), 0,
		  "%s: BAR2 write outside the slice (host GM) succeeds", v->label);
	check_eq(bar2_rd(v, HOST_LOW_GM - 8, 8), 0,
		 "%s: BAR2 outside the slice reads 0 (write dropped)", v->label);
}

/* ------------------------------------------------------------------------- */
/* Tests: two vGPUs side by side                                              */
/* ------------------------------------------------------------------------- */

static bool ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

static void test_isolation(struct vgpu *a, struct vgpu *b)
{
	char ida[32] = "", idb[32] = "";

	sysfs_read_line(fmt("%s/mgvt/vgpu_id", a->dir), ida, sizeof(ida));
	sysfs_read_line(fmt("%s/mgvt/vgpu_id", b->dir), idb, sizeof(idb));
	tap_ok(strcmp(ida, idb) != 0, "A and B have different mgvt/vgpu_id (%s, %s)", ida, idb);
	tap_ok(a->pv.vgt_id != b->pv.vgt_id, "A and B have different PVINFO vgt_id (%u, %u)",
	       a->pv.vgt_id, b->pv.vgt_id);
	tap_ok(!ranges_overlap(a->pv.low_base, a->pv.low_size, b->pv.low_base, b->pv.low_size),
	       "A and B mappable GM ranges do not overlap");
	tap_ok(!ranges_overlap(a->pv.high_base, a->pv.high_size, b->pv.high_base,
			       b->pv.high_size),
	       "A and B non-mappable GM ranges do not overlap");

	/* A's BAR2 at B's slice offset must not reach B's memory. */
	bar2_wr(b, b->pv.low_base + 16, 4, 0x0b0b0b0b);
	bar2_wr(a, b->pv.low_base + 16, 4, 0x0a0a0a0a);
	check_eq(bar2_rd(a, b->pv.low_base + 16, 4), 0,
		 "A's BAR2 at B's slice reads 0 (not B's memory)");
	check_eq(bar2_rd(b, b->pv.low_base + 16, 4), 0x0b0b0b0b,
		 "A's BAR2 write at B's slice leaves B's aperture unchanged");

	for (size_t i = 0; i < ARRAY_SIZE(plain_regs); i++) {
		uint32_t r = plain_regs[i];
		uint64_t b_before = mmio_rd(b, r, 4);

		mmio_wr(a, r, 4, 0x11111111u * (uint32_t)(i + 1));
		check_eq(mmio_rd(b, r, 4), b_before, "MMIO write to A at 0x%x leaves B unchanged",
			 r);
		mmio_wr(b, r, 4, 0x0badf00du + (uint32_t)i);
		check_eq(mmio_rd(a, r, 4), 0x11111111u * (uint32_t)(i + 1),
			 "MMIO write to B at 0x%x leaves A unchanged", r);
	}
}

/* The aperture of one open vGPU, at the slice its PVINFO announces. */
static void test_bar2(struct vgpu *v)
{
	tap_ok(read_pvinfo(v), "%s: PVINFO magic reads correctly", v->label);
	if (v->pv_valid)
		test_aperture(v);
	else
		tap_skip("PVINFO unreadable", "%s: aperture tests", v->label);
}

int main(int argc, char **argv)
{
	struct vgpu_pair p;
	int ret = pair_main(argc, argv, &p, NULL, test_bar2, "aperture tests");

	if (ret >= 0)
		return ret;
	if (p.a_open && p.b_open)
		test_isolation(p.a, p.b);

	return program_finish();
}

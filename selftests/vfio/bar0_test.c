// SPDX-License-Identifier: GPL-2.0
/*
 * bar0_test - a vGPU's BAR0 MMIO as a GVT-g guest driver uses it: the
 * PVINFO page and its read-only half, the register file, the semantics of
 * the registers a guest i915 polls while it probes (forcewake, reset
 * handshakes, masked and W1C registers, virtual engine resets), fences
 * that reach the pGPU only inside the vGPU's slice, and the g2v PPGTT
 * notifications.
 *
 * Usage: bar0_test [TYPE_A [TYPE_B]]   (defaults: mgvt-GVTg_V5_4 mgvt-GVTg_V5_8)
 *
 * Expects mgvt.ko and mgvt_sim.ko loaded (selftests/vfio/run.sh does that),
 * root, debugfs and a parent without vGPUs; creates vGPUs A and B and
 * removes them again. Output is flat TAP 13 on stdout.
 *
 * Environment: MGVT_PARENT=<sysfs dir of the parent device> overrides parent
 * discovery; MGVT_TEST_TIMEOUT=<seconds> (default 300) bounds the whole run.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/vfio.h>

#include "vgpu_lib.h"

static void test_pvinfo(struct vgpu *v)
{
	const uint32_t caps_needed = VGT_CAPS_FULL_PPGTT | VGT_CAPS_HWSP_EMULATION |
				     VGT_CAPS_HUGE_GTT;
	uint8_t page[4096], part[8];
	ssize_t n;

	check_eq(mmio_rd(v, PV_MAGIC, 8), VGT_MAGIC, "%s: PVINFO magic via one 8-byte read",
		 v->label);
	check_eq(mmio_rd(v, PV_MAGIC, 4), 0x76544776, "%s: PVINFO magic low dword", v->label);
	check_eq(mmio_rd(v, PV_MAGIC + 4, 4), 0x47765447, "%s: PVINFO magic high dword",
		 v->label);
	n = region_rw(v, false, VFIO_PCI_BAR0_REGION_INDEX, PV_MAGIC + 1, part, 5);
	tap_ok(n == 5 && !memcmp(part, (const uint8_t *)&(uint64_t){ VGT_MAGIC } + 1, 5),
	       "%s: unaligned 5-byte read at magic+1 returns the magic's bytes", v->label);
	n = region_rw(v, false, VFIO_PCI_BAR0_REGION_INDEX, PVINFO, page, sizeof(page));
	tap_ok(n == (ssize_t)sizeof(page) && !memcmp(page, &(uint64_t){ VGT_MAGIC }, 8),
	       "%s: one 4 KiB read of the PVINFO page", v->label);

	check_eq(mmio_rd(v, PV_VERSION_MAJOR, 2), 1, "%s: PVINFO version major is 1", v->label);
	check_eq(mmio_rd(v, PV_VERSION_MINOR, 2), 0, "%s: PVINFO version minor is 0", v->label);
	read_pvinfo(v);
	tap_ok(v->pv.vgt_id != 0 && v->pv.vgt_id != 0xffffffff, "%s: vgt_id is non-zero (%u)",
	       v->label, v->pv.vgt_id);
	check_eq(mmio_rd(v, PV_CAPS, 4) & caps_needed, caps_needed,
		 "%s: caps has FULL_PPGTT, HWSP_EMULATION and HUGE_GTT", v->label);

	tap_diag("%s: low GM [0x%x +0x%x], high GM [0x%x +0x%x], %u fences", v->label,
		 v->pv.low_base, v->pv.low_size, v->pv.high_base, v->pv.high_size, v->pv.fences);
	check_eq(v->pv.low_size, type_low(v->type), "%s: mappable size is the type's low GM",
		 v->label);
	check_eq(v->pv.high_size, type_high(v->type),
		 "%s: non-mappable size is the type's high GM", v->label);
	check_eq(v->pv.fences, v->type->fences, "%s: fence_num is the type's fence count",
		 v->label);
	tap_ok(v->pv.low_base >= HOST_LOW_GM &&
	       (uint64_t)v->pv.low_base + v->pv.low_size <= aperture,
	       "%s: mappable range lies in the aperture above the host's 128 MiB", v->label);
	tap_ok(v->pv.high_base >= aperture + HOST_HIGH_GM &&
	       (uint64_t)v->pv.high_base + v->pv.high_size <= GM_TOTAL,
	       "%s: non-mappable range lies above aperture + 384 MiB, below 4 GiB", v->label);
}

static void test_pvinfo_readonly(const struct vgpu *v)
{
	static const struct { uint32_t off; size_t len; const char *what; } ro[] = {
		{ PV_MAGIC, 8, "magic" },
		{ PV_VGT_ID, 4, "vgt_id" },
		{ PV_CAPS, 4, "caps" },
		{ PV_MAPPABLE_BASE, 4, "mappable base" },
		{ PV_HIDDEN_SIZE, 4, "non-mappable size" },
		{ PV_FENCE_NUM, 4, "fence_num" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(ro); i++) {
		uint64_t old = mmio_rd(v, ro[i].off, ro[i].len);
		int ret = mmio_wr(v, ro[i].off, ro[i].len, 0x5a5a5a5a5a5a5a5aULL);

		tap_ok(ret == 0 && mmio_rd(v, ro[i].off, ro[i].len) == old,
		       "%s: PVINFO %s write succeeds and is dropped", v->label, ro[i].what);
		if (ret)
			tap_diag("  write returned %s", errname(-ret));
	}
}

static void test_register_file(const struct vgpu *v)
{
	for (size_t i = 0; i < ARRAY_SIZE(plain_regs); i++) {
		uint32_t val = 0xa5000000u | (uint32_t)(i << 16) | (v->pv.vgt_id & 0xffff);

		check_err(mmio_wr(v, plain_regs[i], 4, val), 0,
			  "%s: 4-byte MMIO write at 0x%x succeeds", v->label, plain_regs[i]);
		check_eq(mmio_rd(v, plain_regs[i], 4), val,
			 "%s: MMIO 0x%x reads back the written value", v->label, plain_regs[i]);
	}
}

/*
 * The register table: semantics by value and the probe handshakes a guest
 * i915 polls with interrupts off, each satisfied on the first read.
 */
static void test_register_semantics(const struct vgpu *v)
{
	const uint32_t rcs = 0x2000, bcs = 0x22000;

	mmio_wr(v, 0xa278, 4, 0x00010001);		/* FORCEWAKE_RENDER */
	check_eq(mmio_rd(v, 0xd84, 4) & 1, 1, "%s: forcewake ack on the first poll", v->label);
	mmio_wr(v, 0xa278, 4, 0x00010000);
	check_eq(mmio_rd(v, 0xd84, 4) & 1, 0, "%s: forcewake release clears the ack", v->label);

	/*
	 * A 6.1 guest invalidates each engine's TLBs through GEN8_RTCR,
	 * M1TCR, M2TCR, BTCR and VTCR and polls 4 ms for its bit to clear.
	 */
	for (uint32_t r = 0x4260; r <= 0x4270; r += 4) {
		mmio_wr(v, r, 4, 1);
		check_eq(mmio_rd(v, r, 4), 0, "%s: TLB invalidation %#x done on the first poll",
			 v->label, r);
	}

	mmio_wr(v, rcs + 0xd0, 4, 0x00010001);		/* RING_RESET_CTL request */
	check_eq(mmio_rd(v, rcs + 0xd0, 4) & 3, 3,
		 "%s: RING_RESET_CTL ready-to-reset on the first poll", v->label);
	mmio_wr(v, rcs + 0xd0, 4, 0x00010000);
	check_eq(mmio_rd(v, rcs + 0xd0, 4) & 3, 0, "%s: ready clears with the request", v->label);

	mmio_wr(v, rcs + 0x9c, 4, 0x01000100);		/* MI_MODE stop ring */
	check_eq(mmio_rd(v, rcs + 0x9c, 4) & 0x300, 0x300,
		 "%s: MI_MODE idle with stop-ring on the first poll", v->label);

	mmio_wr(v, rcs + 0x29c, 4, 0x00008000);		/* RING_MODE, no mask */
	check_eq(mmio_rd(v, rcs + 0x29c, 4), 0, "%s: masked register ignores unmasked bits",
		 v->label);
	mmio_wr(v, rcs + 0x29c, 4, 0x80008000);
	check_eq(mmio_rd(v, rcs + 0x29c, 4), 0x8000, "%s: masked register takes masked bits",
		 v->label);

	mmio_wr(v, 0x44308, 4, 0xffffffff);		/* GT0_IIR */
	check_eq(mmio_rd(v, 0x44308, 4), 0, "%s: writing IIR never sets bits (W1C)", v->label);
	mmio_wr(v, rcs + 0x74, 4, 0x1234);		/* ACTHD */
	check_eq(mmio_rd(v, rcs + 0x74, 4), 0, "%s: read-only ACTHD drops the write", v->label);
	check_eq(mmio_rd(v, 0x9120, 4), 0x02800000,
		 "%s: FUSE2 is the pGPU's (golden state: SKL GT2)", v->label);
	mmio_wr(v, 0x9120, 4, 0);
	check_eq(mmio_rd(v, 0x9120, 4), 0x02800000, "%s: and read-only", v->label);

	mmio_wr(v, 0x138124, 4, 0x80000005);		/* PCODE mailbox */
	check_eq(mmio_rd(v, 0x138124, 4) >> 31, 0, "%s: PCODE mailbox ready on the first poll",
		 v->label);
	mmio_wr(v, 0x45404, 4, 0xa0000000);		/* power wells 1 and 2 */
	check_eq(mmio_rd(v, 0x45404, 4), 0xf0000000, "%s: power wells up on the first poll",
		 v->label);

	mmio_wr(v, rcs + 0xa8, 4, 0);			/* RCS IMR */
	mmio_wr(v, rcs + 0x30, 4, 0x40);		/* RCS tail */
	mmio_wr(v, bcs + 0xa8, 4, 0);			/* BCS IMR */
	mmio_wr(v, 0x941c, 4, 0x2);			/* GDRST render */
	check_eq(mmio_rd(v, 0x941c, 4), 0, "%s: GDRST reads 0 on the first poll", v->label);
	check_eq(mmio_rd(v, rcs + 0xa8, 4), 0xffffffff,
		 "%s: virtual render reset restores RCS IMR", v->label);
	check_eq(mmio_rd(v, rcs + 0x30, 4), 0, "%s: and RCS tail", v->label);
	check_eq(mmio_rd(v, bcs + 0xa8, 4), 0, "%s: and leaves BCS alone", v->label);
	mmio_wr(v, 0x941c, 4, 0x1);			/* GDRST full */
	check_eq(mmio_rd(v, bcs + 0xa8, 4), 0xffffffff, "%s: virtual full reset restores BCS",
		 v->label);
	/*
	 * A 6.1 i915 resets the GuC at GT init and WARNs unless its MIA core
	 * is in reset; no GuC ever runs on a vGPU.
	 */
	mmio_wr(v, 0x941c, 4, 0x20);			/* GDRST GuC */
	check_eq(mmio_rd(v, 0xc000, 4) & 1, 1,
		 "%s: after a GuC reset GUC_STATUS shows the MIA core in reset", v->label);
	mmio_wr(v, 0xc000, 4, 0);
	check_eq(mmio_rd(v, 0xc000, 4) & 1, 1, "%s: and GUC_STATUS is read-only", v->label);
}

/* Physical value of guest fence @i from debugfs "fences", or ~0 if absent. */
static uint64_t pfence_value(const char *path, unsigned int i)
{
	char buf[4096], *line;
	unsigned int idx;
	unsigned long long virt, phys;
	int pidx;

	if (sysfs_read(path, buf, sizeof(buf)) < 0)
		return ~0ULL;
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		if (sscanf(line, "%u %d %llx %llx", &idx, &pidx, &virt, &phys) == 4 && idx == i)
			return phys;
	return ~0ULL;
}

/* Guest fences reach the pGPU only when they stay inside the slice. */
static void test_fences(const struct vgpu *v)
{
	const uint64_t last = v->pv.low_base + 0x100000 - 0x1000;
	const uint64_t good = last << 32 | 3ULL << 32 | v->pv.low_base | 1;
	const uint64_t bad = (uint64_t)(v->pv.low_base - 0x1000) | (last << 32) | 1;
	char path[PATH_MAX];
	unsigned int f = v->pv.fences - 1;

	snprintf(path, sizeof(path), "%s", fmt("/sys/kernel/debug/mgvt/%s/%s/fences",
						link_basename(parent), v->uuid));
	check_eq(pfence_value(path, f), 0, "%s: the pGPU fence behind fence %u starts disabled",
		 v->label, f);
	mmio_wr(v, 0x100000 + 8 * f, 8, good);
	check_eq(mmio_rd(v, 0x100000 + 8 * f, 8), good, "%s: fence %u reads back", v->label, f);
	check_eq(pfence_value(path, f), good,
		 "%s: a fence inside the slice reaches the pGPU", v->label);
	mmio_wr(v, 0x100000 + 8 * f, 8, bad);
	check_eq(mmio_rd(v, 0x100000 + 8 * f, 8), bad, "%s: an illegal fence stays virtual",
		 v->label);
	check_eq(pfence_value(path, f), 0,
		 "%s: and the pGPU fence is disabled instead", v->label);
	mmio_wr(v, 0x100000 + 8 * f, 8, good | 0x800ULL << 32);
	check_eq(pfence_value(path, f), 0, "%s: a pitch beyond the limit is refused too",
		 v->label);
	mmio_wr(v, 0x100000 + 8 * f, 8, good);
	check_err(xioctl(v->device, VFIO_DEVICE_RESET, NULL), 0, "%s: reset", v->label);
	check_eq(pfence_value(path, f), 0, "%s: reset disables the pGPU fence", v->label);
	mmio_wr(v, 0x100000 + 8 * v->pv.fences, 4, 1);
	check_eq(pfence_value(path, v->pv.fences), ~0ULL,
		 "%s: fences beyond fence_num have no pGPU fence", v->label);
}

/* The guest announces its PPGTTs through PVINFO g2v notifications. */
static void test_g2v(const struct vgpu *v)
{
	char roots[PATH_MAX], buf[4096];

	snprintf(roots, sizeof(roots), "%s", fmt("/sys/kernel/debug/mgvt/%s/%s/ppgtt_roots",
						 link_basename(parent), v->uuid));
#define ROOTS() (sysfs_read(roots, buf, sizeof(buf)) >= 0 ? buf : "(unreadable)")
	mmio_wr(v, PVINFO + 0x838, 4, 0x12345000);	/* pdp[0] low */
	mmio_wr(v, PVINFO + 0x83c, 4, 0x1);		/* pdp[0] high */
	mmio_wr(v, PVINFO + 0x818, 4, 4);		/* PPGTT L4 create */
	tap_ok(!strcmp(ROOTS(), "0x112345000\n"), "%s: g2v PPGTT create records the PML4 root",
	       v->label);
	mmio_wr(v, PVINFO + 0x818, 4, 4);
	tap_ok(!strcmp(ROOTS(), "0x112345000\n"), "%s: creating it twice records it once",
	       v->label);
	mmio_wr(v, PVINFO + 0x838, 4, 0x12345008);
	mmio_wr(v, PVINFO + 0x818, 4, 4);
	tap_ok(!strcmp(ROOTS(), "0x112345000\n"),
	       "%s: a root that is not a page address is refused", v->label);
	mmio_wr(v, PVINFO + 0x818, 4, 99);
	tap_ok(!strcmp(ROOTS(), "0x112345000\n"), "%s: an unknown g2v notification changes nothing",
	       v->label);
	mmio_wr(v, PVINFO + 0x838, 4, 0x12345000);
	mmio_wr(v, PVINFO + 0x818, 4, 5);		/* PPGTT L4 destroy */
	tap_ok(!strcmp(ROOTS(), ""), "%s: g2v PPGTT destroy forgets the root", v->label);
	mmio_wr(v, PVINFO + 0x818, 4, 4);
	check_err(xioctl(v->device, VFIO_DEVICE_RESET, NULL), 0, "%s: reset", v->label);
	tap_ok(!strcmp(ROOTS(), ""), "%s: device reset forgets announced PPGTTs", v->label);
#undef ROOTS
}

/* BAR0 of one open vGPU. */
static void test_bar0(struct vgpu *v)
{
	test_pvinfo(v);
	test_pvinfo_readonly(v);
	test_register_file(v);
	test_register_semantics(v);
	test_g2v(v);
	test_fences(v);
}

int main(int argc, char **argv)
{
	struct vgpu_pair p;
	int ret = pair_main(argc, argv, &p, NULL, test_bar0, "BAR0 tests");

	if (ret >= 0)
		return ret;

	return program_finish();
}

// SPDX-License-Identifier: GPL-2.0
/*
 * config_test - a vGPU's PCI config space as a guest sees it: the IGD
 * identity and capability list, partial and unaligned reads, read-only and
 * RW1C bits, the OpRegion address in ASLS, BAR sizing and programming, and
 * the bounds of the config, BAR0, BAR2 and empty regions.
 *
 * Usage: config_test [TYPE_A [TYPE_B]]   (defaults: mgvt-GVTg_V5_4 mgvt-GVTg_V5_8)
 *
 * Expects mgvt.ko and mgvt_sim.ko loaded (selftests/vfio/run.sh does that),
 * root and a parent without vGPUs; creates vGPUs A and B and removes them
 * again. Output is flat TAP 13 on stdout.
 *
 * Environment: MGVT_PARENT=<sysfs dir of the parent device> overrides parent
 * discovery; MGVT_TEST_TIMEOUT=<seconds> (default 300) bounds the whole run.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

#include <linux/pci_regs.h>
#include <linux/vfio.h>

#include "vgpu_lib.h"

#define CFG_GMCH_CTRL		0x50	/* 16-bit, IGD graphics control */
#define CFG_BDSM		0x5c	/* base of data stolen memory */
#define GMCH_CTRL_EXPECTED	0x00c0	/* GGMS = 3 (8 MiB GGTT), GMS = 0 */
#define PCI_STATUS_RW1C_BITS	0xf900

struct cap_scan {
	bool well_formed, msi, flr;
	char list[128];
};

static struct cap_scan scan_caps(const uint8_t *cfg)
{
	struct cap_scan s = { .well_formed = true };
	unsigned int ptr = cfg[PCI_CAPABILITY_LIST] & 0xfc;

	for (int hops = 0; ptr; hops++) {
		uint8_t id;

		if (hops >= 48 || ptr < 0x40 || ptr > 0xfc) {
			s.well_formed = false;
			break;
		}
		id = cfg[ptr + PCI_CAP_LIST_ID];
		snprintf(s.list + strlen(s.list), sizeof(s.list) - strlen(s.list), " 0x%02x@0x%02x",
			 id, ptr);
		if (id == PCI_CAP_ID_MSI)
			s.msi = true;
		if (id == PCI_CAP_ID_EXP && ptr + PCI_EXP_DEVCAP + 4 <= 0x100) {
			uint32_t devcap;

			memcpy(&devcap, cfg + ptr + PCI_EXP_DEVCAP, 4);
			s.flr |= !!(devcap & PCI_EXP_DEVCAP_FLR);
		}
		if (id == PCI_CAP_ID_AF && (cfg[ptr + PCI_AF_CAP] & PCI_AF_CAP_FLR))
			s.flr = true;
		ptr = cfg[ptr + PCI_CAP_LIST_NEXT] & 0xfc;
	}
	return s;
}

static bool read_config(const struct vgpu *v, uint8_t cfg[CFG_SIZE])
{
	return region_rw(v, false, VFIO_PCI_CONFIG_REGION_INDEX, 0, cfg, CFG_SIZE) == CFG_SIZE;
}

static void test_config_identity(const struct vgpu *v)
{
	uint8_t cfg[CFG_SIZE];
	struct cap_scan caps;
	uint32_t dw;

	if (!tap_ok(read_config(v, cfg), "%s: one pread of the whole 4 KiB config space",
		    v->label)) {
		tap_skip("config space unreadable", "%s: config space identity", v->label);
		return;
	}
	memcpy(&dw, cfg + PCI_VENDOR_ID, 4);
	check_eq(dw & 0xffff, 0x8086, "%s: vendor ID is 0x8086", v->label);
	check_eq(dw >> 16, 0x1912, "%s: device ID is 0x1912 (SKL GT2)", v->label);
	memcpy(&dw, cfg + PCI_CLASS_REVISION, 4);
	check_eq(dw >> 8, 0x030000, "%s: class code is VGA (0x030000)", v->label);
	check_eq(cfg[PCI_HEADER_TYPE] & 0x7f, PCI_HEADER_TYPE_NORMAL, "%s: header type 0",
		 v->label);
	check_eq(cfg_rd(v, PCI_COMMAND, 2), 0, "%s: command register reads 0 after creation",
		 v->label);
	tap_ok(cfg_rd(v, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST, "%s: status has CAP_LIST",
	       v->label);
	check_eq(cfg[PCI_INTERRUPT_PIN], 1, "%s: interrupt pin is INTA", v->label);
	tap_ok(cfg[PCI_CAPABILITY_LIST] != 0, "%s: capabilities pointer is non-zero", v->label);

	caps = scan_caps(cfg);
	tap_diag("%s: capabilities (id@offset):%s", v->label, caps.list);
	tap_ok(caps.well_formed, "%s: capability list is well formed", v->label);
	tap_ok(caps.msi, "%s: capability list has MSI", v->label);
	tap_ok(!caps.flr, "%s: no function-level reset capability", v->label);

	check_eq(cfg_rd(v, CFG_GMCH_CTRL, 2), GMCH_CTRL_EXPECTED,
		 "%s: GMCH_CTRL is 0x00c0 (GGMS=3, GMS=0)", v->label);
	check_eq(cfg_rd(v, CFG_BDSM, 4), 0, "%s: BDSM is 0", v->label);
	check_eq(cfg_rd(v, CFG_ASLS, 4), 0, "%s: ASLS reads 0 after creation", v->label);
}

/* Partial and unaligned reads return the same bytes as the whole-space read. */
static void test_config_partial_reads(const struct vgpu *v)
{
	static const struct { unsigned int off, len; } pieces[] = {
		{ 0x01, 3 }, { 0x09, 7 }, { 0xff, 1 }, { 0x03, 2 }, { 0x4d, 13 },
		{ 0x10, 8 }, { 0xfe, 4 }, { 0x801, CFG_SIZE - 0x801 },
	};
	uint8_t cfg[CFG_SIZE], part[CFG_SIZE];

	if (!read_config(v, cfg)) {
		tap_skip("config space unreadable", "%s: partial config reads", v->label);
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(pieces); i++) {
		ssize_t n = region_rw(v, false, VFIO_PCI_CONFIG_REGION_INDEX, pieces[i].off, part,
				      pieces[i].len);

		tap_ok(n == (ssize_t)pieces[i].len && !memcmp(part, cfg + pieces[i].off, n),
		       "%s: %u-byte config read at 0x%x returns the full count and same bytes",
		       v->label, pieces[i].len, pieces[i].off);
		if (n != (ssize_t)pieces[i].len)
			tap_diag("  returned %zd (%s)", n, n < 0 ? errname((int)-n) : "short");
	}
}

static void test_config_readonly(const struct vgpu *v)
{
	static const struct { unsigned int off, len; uint32_t val; const char *what; } ro[] = {
		{ PCI_VENDOR_ID, 4, 0xffffffff, "vendor/device ID" },
		{ PCI_VENDOR_ID, 2, 0x0000, "vendor ID (16-bit)" },
		{ PCI_CLASS_REVISION, 4, 0x00000000, "class code/revision" },
		{ CFG_GMCH_CTRL, 2, 0xffff, "GMCH_CTRL" },
		{ CFG_BDSM, 4, 0xfffff000, "BDSM" },
		{ PCI_INTERRUPT_PIN, 1, 0x00, "interrupt pin" },
	};
	uint8_t before[CFG_SIZE], after[CFG_SIZE];

	for (size_t i = 0; i < ARRAY_SIZE(ro); i++) {
		uint64_t old = cfg_rd(v, ro[i].off, ro[i].len);

		check_err(cfg_wr(v, ro[i].off, ro[i].len, ro[i].val), 0,
			  "%s: write to read-only %s succeeds", v->label, ro[i].what);
		check_eq(cfg_rd(v, ro[i].off, ro[i].len), old,
			 "%s: write to read-only %s is dropped", v->label, ro[i].what);
	}

	check_err(cfg_wr(v, PCI_STATUS, 2, PCI_STATUS_RW1C_BITS), 0,
		  "%s: write of 1s to the status RW1C bits succeeds", v->label);
	check_eq(cfg_rd(v, PCI_STATUS, 2) & PCI_STATUS_RW1C_BITS, 0,
		 "%s: writing status RW1C bits does not set them", v->label);

	/* Odd-sized write over read-only bytes (pin, min_gnt, max_lat). */
	read_config(v, before);
	check_eq(region_rw(v, true, VFIO_PCI_CONFIG_REGION_INDEX, PCI_INTERRUPT_PIN,
			   (uint8_t[3]){ 0xaa, 0xbb, 0xcc }, 3), 3,
		 "%s: 3-byte write at 0x3d returns 3", v->label);
	read_config(v, after);
	tap_ok(!memcmp(before, after, CFG_SIZE), "%s: ... and changes nothing", v->label);
}

static void test_config_asls(const struct vgpu *v)
{
	const uint32_t gpa = 0x3ffe0000;

	check_err(cfg_wr(v, CFG_ASLS, 4, gpa), 0, "%s: write ASLS succeeds", v->label);
	check_eq(cfg_rd(v, CFG_ASLS, 4), gpa, "%s: ASLS reads back the written value", v->label);
	check_err(cfg_wr(v, CFG_ASLS + 3, 1, 0x12), 0, "%s: 1-byte write to ASLS[31:24] succeeds",
		  v->label);
	check_eq(cfg_rd(v, CFG_ASLS, 4), (gpa & 0x00ffffff) | 0x12000000u,
		 "%s: 1-byte ASLS write updates only its byte", v->label);
}

/* Write all-ones to a BAR register, read back, restore. */
static uint32_t size_bar(const struct vgpu *v, unsigned int off, bool *write_ok)
{
	uint32_t old = (uint32_t)cfg_rd(v, off, 4), got;

	*write_ok = cfg_wr(v, off, 4, 0xffffffff) == 0;
	got = (uint32_t)cfg_rd(v, off, 4);
	cfg_wr(v, off, 4, old);
	return got;
}

static void test_config_bars(const struct vgpu *v)
{
	const uint32_t bar2_lo = (uint32_t)(~(aperture - 1) & 0xfffffff0u) |
				 PCI_BASE_ADDRESS_MEM_TYPE_64 | PCI_BASE_ADDRESS_MEM_PREFETCH;
	static const struct { unsigned int off; const char *name; } absent[] = {
		{ PCI_BASE_ADDRESS_4, "BAR4" }, { PCI_BASE_ADDRESS_5, "BAR5" },
		{ PCI_ROM_ADDRESS, "ROM BAR" },
	};
	bool wok;
	uint32_t got;

	check_eq(cfg_rd(v, PCI_BASE_ADDRESS_0, 4) & 0xf, PCI_BASE_ADDRESS_MEM_TYPE_64,
		 "%s: BAR0 is 64-bit memory, non-prefetchable", v->label);
	got = size_bar(v, PCI_BASE_ADDRESS_0, &wok);
	check_eq(got, 0xff000004, "%s: BAR0 sizing reads 0xff000004 (16 MiB)", v->label);
	got = size_bar(v, PCI_BASE_ADDRESS_1, &wok);
	check_eq(got, 0xffffffff, "%s: BAR0 upper half (0x14) sizing reads 0xffffffff", v->label);

	check_eq(cfg_rd(v, PCI_BASE_ADDRESS_2, 4) & 0xf,
		 PCI_BASE_ADDRESS_MEM_TYPE_64 | PCI_BASE_ADDRESS_MEM_PREFETCH,
		 "%s: BAR2 is 64-bit memory, prefetchable", v->label);
	got = size_bar(v, PCI_BASE_ADDRESS_2, &wok);
	check_eq(got, bar2_lo, "%s: BAR2 sizing matches the aperture size", v->label);
	got = size_bar(v, PCI_BASE_ADDRESS_3, &wok);
	check_eq(got, 0xffffffff, "%s: BAR2 upper half (0x1c) sizing reads 0xffffffff", v->label);

	for (size_t i = 0; i < ARRAY_SIZE(absent); i++) {
		got = size_bar(v, absent[i].off, &wok);
		tap_ok(wok, "%s: sizing write to %s succeeds", v->label, absent[i].name);
		check_eq(got, 0, "%s: %s reads 0 after sizing (absent)", v->label, absent[i].name);
	}

	/* A guest programs an address; the low bits keep the BAR's type. */
	{
		uint32_t old = (uint32_t)cfg_rd(v, PCI_BASE_ADDRESS_0, 4);

		cfg_wr(v, PCI_BASE_ADDRESS_0, 4, 0xfe000000);
		check_eq(cfg_rd(v, PCI_BASE_ADDRESS_0, 4), 0xfe000004,
			 "%s: BAR0 takes a programmed address and keeps its type bits", v->label);
		cfg_wr(v, PCI_BASE_ADDRESS_0, 4, old);
	}
}

static void test_region_bounds(const struct vgpu *v)
{
	uint8_t buf[16] = { 0 };
	uint64_t x;

	check_err(region_rw(v, false, VFIO_PCI_CONFIG_REGION_INDEX, CFG_SIZE - 4, buf, 8), EINVAL,
		  "%s: 8-byte config read at 4092 (crossing the end) fails with EINVAL", v->label);
	check_err(region_rw(v, false, VFIO_PCI_CONFIG_REGION_INDEX, CFG_SIZE, buf, 1), EINVAL,
		  "%s: 1-byte config read at 4096 fails with EINVAL", v->label);
	check_err(region_rw(v, true, VFIO_PCI_CONFIG_REGION_INDEX, CFG_SIZE - 4, buf, 8), EINVAL,
		  "%s: 8-byte config write at 4092 fails with EINVAL", v->label);
	check_err(region_rw(v, true, VFIO_PCI_CONFIG_REGION_INDEX, CFG_SIZE, buf, 1), EINVAL,
		  "%s: 1-byte config write at 4096 fails with EINVAL", v->label);
	check_eq(region_rw(v, false, VFIO_PCI_CONFIG_REGION_INDEX, CFG_SIZE - 1, buf, 1), 1,
		 "%s: 1-byte config read at 4095 succeeds", v->label);

	check_err(reg_read(v, VFIO_PCI_BAR0_REGION_INDEX, BAR0_SIZE - 4, 4, &x), 0,
		  "%s: 4-byte BAR0 read at 16 MiB - 4 succeeds", v->label);
	check_err(region_rw(v, false, VFIO_PCI_BAR0_REGION_INDEX, BAR0_SIZE - 4, buf, 8), EINVAL,
		  "%s: 8-byte BAR0 read at 16 MiB - 4 (crossing) fails with EINVAL", v->label);
	check_err(region_rw(v, false, VFIO_PCI_BAR0_REGION_INDEX, BAR0_SIZE, buf, 1), EINVAL,
		  "%s: 1-byte BAR0 read at 16 MiB fails with EINVAL", v->label);
	check_err(region_rw(v, true, VFIO_PCI_BAR0_REGION_INDEX, BAR0_SIZE - 4, buf, 8), EINVAL,
		  "%s: 8-byte BAR0 write at 16 MiB - 4 (crossing) fails with EINVAL", v->label);
	check_err(region_rw(v, true, VFIO_PCI_BAR0_REGION_INDEX, BAR0_SIZE, buf, 4), EINVAL,
		  "%s: 4-byte BAR0 write at 16 MiB fails with EINVAL", v->label);

	check_err(region_rw(v, false, VFIO_PCI_BAR2_REGION_INDEX, aperture, buf, 1), EINVAL,
		  "%s: 1-byte BAR2 read at the aperture end fails with EINVAL", v->label);
	check_err(region_rw(v, false, VFIO_PCI_BAR1_REGION_INDEX, 0, buf, 4), EINVAL,
		  "%s: read of the empty BAR1 region fails with EINVAL", v->label);
	check_err(region_rw(v, true, VFIO_PCI_ROM_REGION_INDEX, 0, buf, 4), EINVAL,
		  "%s: write to the empty ROM region fails with EINVAL", v->label);
	check_err(region_rw(v, false, 1000, 0, buf, 4), EINVAL,
		  "%s: read at region index 1000 fails with EINVAL", v->label);
}

/* The config space of one open vGPU. */
static void test_config(struct vgpu *v)
{
	test_config_identity(v);
	test_config_partial_reads(v);
	test_config_readonly(v);
	test_config_asls(v);
	test_config_bars(v);
}

int main(int argc, char **argv)
{
	struct vgpu_pair p;
	int ret = pair_main(argc, argv, &p, NULL, test_config, "config space tests");

	if (ret >= 0)
		return ret;
	if (p.a_open)
		test_region_bounds(p.a);

	return program_finish();
}

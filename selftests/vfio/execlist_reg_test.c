// SPDX-License-Identifier: GPL-2.0
/*
 * execlist_reg_test - a vGPU's execlist registers as a Gen9 guest i915
 * programs them at bring-up: run-list mode refused until the guest read
 * PVINFO, the status page address kept inside the vGPU's GM, ELSP
 * submissions validated as GVT-g does (valid, PRIVILEGE, legacy 4-level
 * addressing, no unknown flag, the whole context image inside the vGPU,
 * never one context in both elements) and an engine reset dropping a
 * half-written one, and the read-only and write-1-to-clear status
 * registers (EXECLIST_STATUS_HI, the CSB mirror, ESR, EIR).
 *
 * Usage: execlist_reg_test   (expects mgvt and mgvt_sim loaded, root)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/vfio.h>

#include "guest_exec.h"	/* the engine registers and descriptor bits */

#define RCS		0x2000u
#define BCS		0x22000u
#define HWSTAM		0x98u
#define CTX_TS		0x3a8u

static struct vgpu *v;

static long cnt(const char *name)
{
	return vgpu_counter(v, name);
}

/* One ELSP quad: element 1 then element 0, upper dword first. */
static void elsp(uint32_t base, uint64_t d0, uint64_t d1)
{
	mmio_wr(v, base + ELSP, 4, d1 >> 32);
	mmio_wr(v, base + ELSP, 4, (uint32_t)d1);
	mmio_wr(v, base + ELSP, 4, d0 >> 32);
	mmio_wr(v, base + ELSP, 4, (uint32_t)d0);
}

static uint64_t desc(uint64_t lrca, uint32_t flags, uint32_t id)
{
	return (uint64_t)id << 32 | lrca | flags;
}

static void test_ring_mode(void)
{
	long refused = cnt("reg_refused");

	check_err(xioctl(v->device, VFIO_DEVICE_RESET, NULL), 0, "device reset");
	mmio_wr(v, RCS + RING_MODE, 4, 0x80008000);
	check_eq(mmio_rd(v, RCS + RING_MODE, 4) & 0x8000, 0,
		 "run-list enable before PVINFO was read: refused");
	check_eq(cnt("reg_refused"), refused + 1, "and counted");
	check_eq(mmio_rd(v, 0x78000, 8), 0x4776544776544776ULL, "the guest reads PVINFO");
	mmio_wr(v, RCS + RING_MODE, 4, 0x80008000);
	check_eq(mmio_rd(v, RCS + RING_MODE, 4) & 0x8000, 0x8000, "then run-list enable is taken");
	mmio_wr(v, GDRST, 4, 1);
	mmio_wr(v, RCS + RING_MODE, 4, 0x80008000);
	check_eq(mmio_rd(v, RCS + RING_MODE, 4) & 0x8000, 0x8000,
		 "a guest GDRST after reading PVINFO does not make it read PVINFO again");
}

static void test_hws_pga(void)
{
	long refused = cnt("reg_refused");
	uint32_t inside = v->pv.high_base + 0x10000;

	mmio_wr(v, BCS + HWS_PGA, 4, inside);
	check_eq(mmio_rd(v, BCS + HWS_PGA, 4), inside, "HWS_PGA inside the high slice taken");
	mmio_wr(v, BCS + HWS_PGA, 4, 0x1000);
	check_eq(mmio_rd(v, BCS + HWS_PGA, 4), inside,
		 "HWS_PGA in the host's GM refused, the old value kept");
	mmio_wr(v, BCS + HWS_PGA, 4, inside + 0x800);
	check_eq(mmio_rd(v, BCS + HWS_PGA, 4), inside, "an unaligned HWS_PGA refused");
	mmio_wr(v, BCS + HWS_PGA, 4, v->pv.low_base + v->pv.low_size);
	check_eq(mmio_rd(v, BCS + HWS_PGA, 4), inside, "the page just past the low slice refused");
	check_eq(cnt("reg_refused"), refused + 3, "each refusal counted");
}

static void test_elsp(void)
{
	uint64_t lo = v->pv.low_base + 0x20000, hi = v->pv.high_base + 0x40000;
	uint64_t last_rcs = v->pv.high_base + v->pv.high_size - 0x2000;
	const uint32_t ok = D_VALID | D_4LVL | D_PRIV;
	long subs = cnt("elsp_submits"), refused = cnt("elsp_refused");
	char rw[256];
	long sysfs_refused;
	struct {
		uint32_t base;
		uint64_t d0, d1;
		const char *what;
	} bad[] = {
		{ RCS, desc(hi, D_VALID | D_4LVL, 1), 0, "no PRIVILEGE" },
		{ RCS, desc(hi, D_VALID | D_PRIV | (1u << 3), 1), 0, "legacy 32-bit addressing" },
		{ RCS, desc(hi, ok | (1u << 5), 1), 0, "an unknown flag (bit 5)" },
		{ RCS, desc(hi, D_4LVL | D_PRIV, 1), 0, "element 0 not valid" },
		{ RCS, desc(0x100000, ok, 1), 0, "a context in the host's GM" },
		{ RCS, desc(last_rcs, ok, 1), 0, "an RCS image (22 pages) running past the slice" },
		{ BCS, desc(hi, ok, 1), desc(hi, ok, 2), "one context in both elements" },
		{ BCS, desc(hi, ok, 1), desc(0x1000, ok, 2), "element 1 outside the vGPU" },
	};
	unsigned int i;

	snprintf(rw, sizeof(rw), "/sys/bus/mdev/devices/%s/mgvt/refused_writes", v->uuid);
	sysfs_refused = sysfs_read_long(rw);
	check_eq(mmio_rd(v, 0x78000, 4), 0x76544776, "PVINFO read");
	elsp(RCS, desc(hi, ok, 7), 0);
	check_eq(cnt("elsp_submits"), subs + 1, "[A] on rcs0 in the high slice: taken");
	elsp(BCS, desc(lo, ok | D_FORCE, 8), desc(hi, ok, 9));
	check_eq(cnt("elsp_submits"), subs + 2, "[A, B] on bcs0, FORCE_RESTORE on A: taken");
	elsp(BCS, desc(last_rcs, ok, 8), 0);
	check_eq(cnt("elsp_submits"), subs + 3,
		 "a 2-page bcs0 image in the last two pages of the slice: taken");
	/* 6.1's rcs0 descriptors carry the EU priority field, bits 10:9. */
	elsp(RCS, desc(hi, ok | D_FORCE | (2u << 9), 4), 0);
	elsp(RCS, desc(hi, ok | (1u << 9), 5), 0);
	check_eq(cnt("elsp_submits"), subs + 5,
		 "rcs0 descriptors with priority high and normal (bits 10:9): taken");
	subs += 2;
	check_eq(mmio_rd(v, RCS + ELSP, 4), 0, "ELSP reads 0");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		elsp(bad[i].base, bad[i].d0, bad[i].d1);
		check_eq(cnt("elsp_refused"), refused + i + 1, "refused: %s", bad[i].what);
	}
	check_eq(cnt("elsp_submits"), subs + 3, "none of them counted as a submission");
	check_eq(sysfs_read_long(rw), sysfs_refused + i,
		 "sysfs refused_writes counts them for operators");

	/* Half a quad, then an engine reset: the next four dwords start afresh. */
	mmio_wr(v, RCS + ELSP, 4, 0xdead);
	mmio_wr(v, RCS + ELSP, 4, 0xbeef);
	mmio_wr(v, GDRST, 4, 0x2);
	elsp(RCS, desc(hi, ok, 3), 0);
	check_eq(cnt("elsp_submits"), subs + 4,
		 "a render reset drops half a submission: the next quad is whole and taken");
	mmio_wr(v, BCS + ELSP, 4, 0);
	mmio_wr(v, BCS + ELSP, 4, 0);
	mmio_wr(v, GDRST, 4, 0x2);
	mmio_wr(v, BCS + ELSP, 4, desc(hi, ok, 3) >> 32);
	mmio_wr(v, BCS + ELSP, 4, (uint32_t)desc(hi, ok, 3));
	check_eq(cnt("elsp_submits"), subs + 5,
		 "a render reset leaves bcs0's half submission: two more dwords complete it");
}

static void test_status_regs(void)
{
	long dropped;
	unsigned int i;

	/*
	 * The submissions above run now: their contexts are garbage, so each
	 * fails the audit and shows an engine error, asynchronously.  A full
	 * reset returns once none of it can reach the registers any more.
	 */
	mmio_wr(v, GDRST, 4, 1);
	dropped = cnt("dropped_writes");

	check_eq(mmio_rd(v, RCS + STATUS_HI, 4), 0, "EXECLIST_STATUS_HI: 0, nothing runs");
	mmio_wr(v, RCS + STATUS_HI, 4, 0x1234);
	check_eq(mmio_rd(v, RCS + STATUS_HI, 4), 0, "and read-only");
	for (i = 0; i < 12; i++)
		mmio_wr(v, BCS + CSB0 + 4 * i, 4, 0xffffffff);
	for (i = 0; i < 12; i++)
		if (mmio_rd(v, BCS + CSB0 + 4 * i, 4))
			break;
	check_eq(i, 12, "the 12 CSB mirror dwords are read-only");
	check_eq(cnt("dropped_writes"), dropped + 13, "13 writes dropped and counted");
	mmio_wr(v, RCS + ESR, 4, 0x11);
	check_eq(mmio_rd(v, RCS + ESR, 4), 0, "ESR reads 0 (no engine error) and is read-only");
	mmio_wr(v, RCS + EIR, 4, 0xffffffff);
	check_eq(mmio_rd(v, RCS + EIR, 4), 0, "EIR is write-1-to-clear: writing never sets it");
	check_eq(mmio_rd(v, RCS + HWSTAM, 4), 0xffffffff, "HWSTAM resets to all masked");
	mmio_wr(v, RCS + CTX_TS, 4, 0x5555);
	check_eq(mmio_rd(v, RCS + CTX_TS, 4), 0x5555, "CTX_TIMESTAMP holds what the guest wrote");
	mmio_wr(v, GDRST, 4, 0x2);
	check_eq(mmio_rd(v, RCS + CTX_TS, 4), 0, "and a render reset clears it");
}

int main(int argc, char **argv)
{
	int ret = simple_program_start(argc, argv, 300);

	if (ret >= 0)
		return ret;
	v = vgpu_new("A", find_type("GVTg_V5_8"));
	if (!v || vgpu_create(v) || !vfio_open(v, false)) {
		tap_bail("could not create and open a vGPU");
		cleanup_all();
		return tap_finish();
	}
	read_pvinfo(v);
	tap_ok(cnt("elsp_submits") == 0, "counters readable, no submission yet");
	test_ring_mode();
	test_hws_pga();
	test_elsp();
	test_status_regs();
	cleanup_all();
	return tap_finish();
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Config-space emulation (gvt/trap/cfg.c) and access splitting (gvt/core/bytes.h),
 * checked by value.
 */
#include <linux/pci_regs.h>
#include <stdlib.h>

#include "core/bytes.h"
#include "trap/cfg.h"
#include "tap.h"

static const struct mgvt_cfg_id skl = {
	.vendor = 0x8086, .device = 0x1912,
	.subsystem_vendor = 0x8086, .subsystem_device = 0x2015,
	.revision = 0x07,
	.bar0_size = 16ULL << 20, .bar2_size = 1ULL << 30,
};

static struct mgvt_cfg cfg;

static u32 rd(unsigned int off, unsigned int len)
{
	return mgvt_cfg_read(&cfg, off, len);
}

static void wr(unsigned int off, u32 val, unsigned int len)
{
	mgvt_cfg_write(&cfg, off, val, len);
}

static void test_identity(void)
{
	mgvt_cfg_reset(&cfg, &skl);
	tap_ok(rd(PCI_VENDOR_ID, 2) == 0x8086, "vendor 8086");
	tap_ok(rd(PCI_DEVICE_ID, 2) == 0x1912, "device 1912");
	tap_ok(rd(PCI_VENDOR_ID, 4) == 0x19128086, "vendor+device as one dword");
	tap_ok(rd(PCI_CLASS_REVISION, 4) == 0x03000007, "class VGA, revision 7");
	tap_ok(rd(PCI_HEADER_TYPE, 1) == 0, "header type 0");
	tap_ok(rd(PCI_SUBSYSTEM_VENDOR_ID, 4) == 0x20158086, "subsystem ids");
	tap_ok(rd(PCI_INTERRUPT_PIN, 1) == 1, "interrupt pin A");
	tap_ok(rd(PCI_COMMAND, 2) == 0, "command 0 after reset");
	tap_ok(rd(PCI_STATUS, 2) == PCI_STATUS_CAP_LIST, "status: capability list only");

	wr(PCI_VENDOR_ID, 0xffffffff, 4);
	wr(PCI_CLASS_REVISION, 0, 4);
	tap_ok(rd(PCI_VENDOR_ID, 4) == 0x19128086 &&
	       rd(PCI_CLASS_REVISION, 4) == 0x03000007,
	       "identity ignores writes");
}

static void test_command_status(void)
{
	mgvt_cfg_reset(&cfg, &skl);
	wr(PCI_COMMAND, 0xffff, 2);
	tap_ok(rd(PCI_COMMAND, 2) == (PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
				      PCI_COMMAND_PARITY | PCI_COMMAND_SERR |
				      PCI_COMMAND_INTX_DISABLE),
	       "command: only memory/master/parity/serr/intx-disable writable (%#x)",
	       rd(PCI_COMMAND, 2));
	wr(PCI_COMMAND, 0, 2);
	tap_ok(rd(PCI_COMMAND, 2) == 0, "command bits clear again");

	wr(PCI_STATUS, 0xffff, 2);
	tap_ok(rd(PCI_STATUS, 2) == PCI_STATUS_CAP_LIST,
	       "status: writing ones sets nothing");
	cfg.regs[PCI_STATUS + 1] |= (PCI_STATUS_REC_MASTER_ABORT |
				     PCI_STATUS_DETECTED_PARITY) >> 8;
	wr(PCI_STATUS, PCI_STATUS_REC_MASTER_ABORT, 2);
	tap_ok(rd(PCI_STATUS, 2) == (PCI_STATUS_CAP_LIST |
				     PCI_STATUS_DETECTED_PARITY),
	       "status: RW1C clears only the bit written as 1");
	wr(PCI_COMMAND, 0x0000, 4);	/* dword write, status half 0 */
	tap_ok(rd(PCI_STATUS, 2) & PCI_STATUS_DETECTED_PARITY,
	       "status: writing 0 keeps RW1C bits");
	mgvt_cfg_set_intx(&cfg, true);
	tap_ok(rd(PCI_STATUS, 2) & PCI_STATUS_INTERRUPT, "INTx status bit follows the line");
	wr(PCI_STATUS, PCI_STATUS_INTERRUPT, 2);
	tap_ok(rd(PCI_STATUS, 2) & PCI_STATUS_INTERRUPT, "INTx status is read-only");
}

static void test_bars(void)
{
	struct mgvt_cfg_id big = skl;
	unsigned int off;

	mgvt_cfg_reset(&cfg, &skl);
	tap_ok(rd(PCI_BASE_ADDRESS_0, 4) == 0x4, "BAR0: 64-bit memory, not prefetchable");
	tap_ok(rd(PCI_BASE_ADDRESS_2, 4) == 0xc, "BAR2: 64-bit prefetchable");
	for (off = PCI_BASE_ADDRESS_0; off <= PCI_ROM_ADDRESS; off += 4)
		wr(off, 0xffffffff, 4);
	tap_ok(rd(PCI_BASE_ADDRESS_0, 4) == 0xff000004, "BAR0 sizing: 16 MiB (%#x)",
	       rd(PCI_BASE_ADDRESS_0, 4));
	tap_ok(rd(PCI_BASE_ADDRESS_1, 4) == 0xffffffff, "BAR0 upper half sizing");
	tap_ok(rd(PCI_BASE_ADDRESS_2, 4) == 0xc000000c, "BAR2 sizing: 1 GiB (%#x)",
	       rd(PCI_BASE_ADDRESS_2, 4));
	tap_ok(rd(PCI_BASE_ADDRESS_3, 4) == 0xffffffff, "BAR2 upper half sizing");
	tap_ok(rd(PCI_BASE_ADDRESS_4, 4) == 0 && rd(PCI_BASE_ADDRESS_5, 4) == 0 &&
	       rd(PCI_ROM_ADDRESS, 4) == 0,
	       "BAR4, BAR5 and ROM do not exist: sizing reads 0");
	tap_ok(mgvt_cfg_read(&cfg, PCI_BASE_ADDRESS_0, 8) == 0xffffffffff000004ULL,
	       "8-byte read spans BAR0 and its upper half");

	mgvt_cfg_write(&cfg, PCI_BASE_ADDRESS_2, 0x00000004c0000000ULL, 8);
	tap_ok(rd(PCI_BASE_ADDRESS_2, 4) == 0xc000000c && rd(PCI_BASE_ADDRESS_3, 4) == 4,
	       "BAR2 programmed with one 8-byte write");
	wr(PCI_BASE_ADDRESS_0, 0xfe123456, 4);
	tap_ok(rd(PCI_BASE_ADDRESS_0, 4) == 0xfe000004, "BAR0 address keeps its alignment");

	big.bar2_size = 2ULL << 30;
	mgvt_cfg_reset(&cfg, &big);
	wr(PCI_BASE_ADDRESS_2, 0xffffffff, 4);
	tap_ok(rd(PCI_BASE_ADDRESS_2, 4) == 0x8000000c, "BAR2 sizing follows the aperture (2 GiB)");
}

/* Walk the capability list; returns a mask of the IDs found (bit = ID). */
static unsigned long caps_found(int *steps)
{
	unsigned int pos = rd(PCI_CAPABILITY_LIST, 1);
	unsigned long found = 0;

	*steps = 0;
	while (pos && *steps < 48) {
		found |= 1UL << rd(pos + PCI_CAP_LIST_ID, 1);
		pos = rd(pos + PCI_CAP_LIST_NEXT, 1);
		(*steps)++;
	}
	return found;
}

static void test_caps(void)
{
	unsigned long found;
	int steps;

	mgvt_cfg_reset(&cfg, &skl);
	found = caps_found(&steps);
	tap_ok(steps == 3, "capability list ends after 3 entries");
	tap_ok(found == ((1UL << PCI_CAP_ID_VNDR) | (1UL << PCI_CAP_ID_MSI) |
			 (1UL << PCI_CAP_ID_PM)),
	       "capabilities: vendor, MSI, PM; no PCIe/FLR");

	tap_ok(rd(MGVT_CFG_CAP_MSI + PCI_MSI_FLAGS, 2) == PCI_MSI_FLAGS_64BIT,
	       "MSI: 64-bit, disabled");
	wr(MGVT_CFG_CAP_MSI + PCI_MSI_FLAGS, 0xffff, 2);
	tap_ok(rd(MGVT_CFG_CAP_MSI + PCI_MSI_FLAGS, 2) ==
	       (PCI_MSI_FLAGS_64BIT | PCI_MSI_FLAGS_ENABLE | PCI_MSI_FLAGS_QSIZE),
	       "MSI: enable and QSIZE writable, capability bits fixed");
	wr(MGVT_CFG_CAP_MSI + PCI_MSI_ADDRESS_LO, 0xfee00003, 4);
	wr(MGVT_CFG_CAP_MSI + PCI_MSI_DATA_64, 0x4021, 2);
	tap_ok(rd(MGVT_CFG_CAP_MSI + PCI_MSI_ADDRESS_LO, 4) == 0xfee00000 &&
	       rd(MGVT_CFG_CAP_MSI + PCI_MSI_DATA_64, 2) == 0x4021,
	       "MSI address (dword aligned) and data writable");
	wr(MGVT_CFG_CAP_PM + PCI_PM_CTRL, 0xffff & ~PCI_PM_CTRL_PME_STATUS, 2);
	tap_ok(rd(MGVT_CFG_CAP_PM + PCI_PM_CTRL, 2) ==
	       (PCI_PM_CTRL_NO_SOFT_RESET | PCI_PM_CTRL_STATE_MASK),
	       "PM: power state writable, no soft reset");
}

static void test_igd_regs(void)
{
	mgvt_cfg_reset(&cfg, &skl);
	tap_ok(rd(MGVT_CFG_GMCH_CTRL, 2) == 0x00c0, "GMCH_CTRL: 8 MiB GGTT, no stolen memory");
	wr(MGVT_CFG_GMCH_CTRL, 0xffff, 2);
	wr(MGVT_CFG_BDSM, 0xffffffff, 4);
	tap_ok(rd(MGVT_CFG_GMCH_CTRL, 2) == 0x00c0 && rd(MGVT_CFG_BDSM, 4) == 0,
	       "GMCH_CTRL and BDSM are read-only");
	tap_ok(rd(MGVT_CFG_ASLS, 4) == 0, "ASLS reads 0 after reset");
	wr(MGVT_CFG_ASLS, 0x7ffde000, 4);
	tap_ok(rd(MGVT_CFG_ASLS, 4) == 0x7ffde000, "ASLS guest-writable");
	mgvt_cfg_reset(&cfg, &cfg.id);
	tap_ok(rd(MGVT_CFG_ASLS, 4) == 0, "reset clears ASLS");
	wr(0x100, 0xffffffff, 4);
	wr(MGVT_CFG_SIZE - 8, 0xffffffff, 4);
	tap_ok(rd(0x100, 4) == 0 && mgvt_cfg_read(&cfg, MGVT_CFG_SIZE - 8, 8) == 0,
	       "extended space reads 0, writes dropped");
}

/* Random writes of any size never touch read-only bytes. */
static void test_random_writes(void)
{
	static struct mgvt_cfg ref;
	unsigned int i, bad = 0;

	mgvt_cfg_reset(&cfg, &skl);
	ref = cfg;
	srand(1);
	for (i = 0; i < 200000; i++) {
		unsigned int len = 1U << (rand() % 4);
		unsigned int off = (rand() % MGVT_CFG_SIZE) & ~(len - 1);
		u64 val = ((u64)rand() << 33) ^ ((u64)rand() << 2) ^ rand();

		mgvt_cfg_write(&cfg, off, val, len);
	}
	for (i = 0; i < MGVT_CFG_SIZE; i++) {
		u8 ro = i < MGVT_CFG_STD_SIZE ? ~(ref.wmask[i] | ref.w1cmask[i]) : 0xff;

		if ((cfg.regs[i] ^ ref.regs[i]) & ro & ~(i == PCI_STATUS ? PCI_STATUS_INTERRUPT : 0))
			bad++;
	}
	tap_ok(!bad, "200000 random writes changed no read-only bit (%u bytes differ)", bad);
}

static void test_split(void)
{
	static const struct { u64 pos, count; unsigned int want[8]; } cases[] = {
		{ 0, 4096, { 8, 8, 8 } },
		{ 1, 3, { 1, 2 } },
		{ 9, 7, { 1, 2, 4 } },
		{ 0xff, 1, { 1 } },
		{ 6, 11, { 2, 8, 1 } },
		{ 4, 8, { 4, 4 } },
	};
	unsigned int c;

	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		u64 pos = cases[c].pos, left = cases[c].count;
		bool good = true;
		unsigned int i = 0;

		while (left && good) {
			unsigned int len = mgvt_access_piece(pos, left);

			if (pos % len || len > left ||
			    (i < 3 && cases[c].want[i] && cases[c].want[i] != len))
				good = false;
			pos += len;
			left -= len;
			i++;
		}
		tap_ok(good, "access %#llx+%llu splits into aligned pieces",
		       (unsigned long long)cases[c].pos,
		       (unsigned long long)cases[c].count);
	}
}

int main(void)
{
	tap_header();
	test_identity();
	test_command_status();
	test_bars();
	test_caps();
	test_igd_regs();
	test_random_writes();
	test_split();
	return tap_finish();
}

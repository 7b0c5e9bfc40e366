// SPDX-License-Identifier: GPL-2.0
/*
 * The vGPU's ACPI OpRegion: 8 KiB that a system firmware would put in
 * memory and point the GPU's ASLS config register at, and that QEMU
 * copies into guest memory with x-igd-opregion=on.  A guest i915 takes
 * its Video BIOS Table (VBT) from it, which tells it what is wired to
 * which DDI: here, a DisplayPort connector on DDI A with AUX channel A
 * and no DDC pins, the virtual monitor of display/dpsink.c, and on a
 * vGPU with two heads (display/edid.c, mgvt_edid_heads()) a second one
 * on DDI B with AUX channel B.  Without a
 * VBT, i915 assumes defaults that make DDI A an eDP panel.
 *
 * Layout (OpRegion 2.0): the header (signature "IntelGraphicsMem",
 * size in KiB, version, the mailboxes present) at 0, the ACPI mailbox at
 * 0x100 and the ASLE mailbox at 0x300, both zero (nothing pending, no
 * backlight, no raw VBT pointer), and the VBT in mailbox 4 from 0x400 to
 * the end (no mailbox 5).  The VBT: a 48-byte header ("$VBT", its size,
 * where the BIOS data block starts, a checksum making all its bytes sum
 * to 0), the BIOS data block header ("BIOS_DATA_BLOCK ", version 204 of
 * the block definitions, its size) and one block, the general
 * definitions (block 2): no CRT DDC pin, then child device records of
 * 38 bytes (the size version 204 uses), one per monitor.
 * Every multi-byte field is little endian.
 *
 * No kernel state: selftests/unit compiles this file in userspace.
 */
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "display/opregion.h"

/* Header fields. */
#define HDR_SIZE_KB		0x10
#define HDR_VERSION		0x14	/* reserved, revision, minor, major */
#define HDR_BIOS_VER		0x18
#define HDR_VBIOS_VER		0x38
#define HDR_MBOXES		0x58
#define MBOX_ACPI		BIT(0)
#define MBOX_ASLE		BIT(2)
#define MBOX_VBT		BIT(3)

/* The VBT header, the BIOS data block header, a block's header. */
#define VBT_HDR_SIZE		48
#define VBT_VERSION		0x14
#define VBT_HDR_SIZE_F		0x16
#define VBT_SIZE		0x18
#define VBT_CHECKSUM		0x1a
#define VBT_BDB_OFFSET		0x1c
#define BDB_HDR_SIZE		22
#define BDB_VERSION		204
#define BLOCK_HDR_SIZE		3	/* id, then size (u16) */
#define BDB_GENERAL_DEFS	2

/* The general definitions block and its child device records. */
#define DEFS_HDR_SIZE		5	/* CRT pin, DPMS, boot display (2), child size */
#define DEFS_CHILD_SIZE_F	4
#define CHILD_SIZE		38
#define CHILD_HANDLE		0
#define CHILD_TYPE		2
#define CHILD_DVO_PORT		16
#define CHILD_DDC_PIN		19
#define CHILD_SUPPORT		24	/* bit 0 HDMI, bit 1 DP, bit 2 TMDS */
#define CHILD_AUX_CH		25

#define TYPE_DISPLAYPORT	0x68c6	/* hotplug, DP output, not HDMI */
#define SUPPORT_DP		BIT(1)

/* The child device of each head: its handle, DVO port and AUX channel. */
static const struct {
	u16 handle;
	u8 dvo_port;
	u8 aux_ch;
} heads_vbt[] = {
	{ 0x0004, 10, 0x40 },	/* EFP1: DP on DDI A, AUX A */
	{ 0x0040,  7, 0x10 },	/* EFP2: DP on DDI B, AUX B */
};

static void put16(u8 *p, u16 v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8;
}

static void put32(u8 *p, u32 v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

/* The VBT at @vbt with a child device for each of @heads; its size. */
static unsigned int build_vbt(u8 *vbt, unsigned int heads)
{
	u8 *bdb = vbt + VBT_HDR_SIZE;
	u8 *blk = bdb + BDB_HDR_SIZE;
	u8 *defs = blk + BLOCK_HDR_SIZE, *child;
	unsigned int defs_size = DEFS_HDR_SIZE + heads * CHILD_SIZE;
	unsigned int bdb_size = BDB_HDR_SIZE + BLOCK_HDR_SIZE + defs_size;
	unsigned int size = VBT_HDR_SIZE + bdb_size, i;
	u8 sum = 0;

	memcpy(vbt, "$VBT SKYLAKE        ", 20);
	put16(vbt + VBT_VERSION, 100);
	put16(vbt + VBT_HDR_SIZE_F, VBT_HDR_SIZE);
	put16(vbt + VBT_SIZE, size);
	put32(vbt + VBT_BDB_OFFSET, VBT_HDR_SIZE);

	memcpy(bdb, "BIOS_DATA_BLOCK ", 16);
	put16(bdb + 16, BDB_VERSION);
	put16(bdb + 18, BDB_HDR_SIZE);
	put16(bdb + 20, bdb_size);

	blk[0] = BDB_GENERAL_DEFS;
	put16(blk + 1, defs_size);
	defs[DEFS_CHILD_SIZE_F] = CHILD_SIZE;

	for (i = 0; i < heads; i++) {
		child = defs + DEFS_HDR_SIZE + i * CHILD_SIZE;
		put16(child + CHILD_HANDLE, heads_vbt[i].handle);
		put16(child + CHILD_TYPE, TYPE_DISPLAYPORT);
		child[CHILD_DVO_PORT] = heads_vbt[i].dvo_port;
		child[CHILD_DDC_PIN] = 0;	/* DP: the EDID over AUX */
		child[CHILD_SUPPORT] = SUPPORT_DP;
		child[CHILD_AUX_CH] = heads_vbt[i].aux_ch;
	}

	for (i = 0; i < size; i++)
		sum += vbt[i];
	vbt[VBT_CHECKSUM] = -sum;
	return size;
}

/**
 * mgvt_opregion_build - the OpRegion a vGPU offers
 * @buf: MGVT_OPREGION_SIZE bytes to fill
 * @heads: its monitors, 1 or 2 (mgvt_edid_heads()); others are taken as 1
 */
void mgvt_opregion_build(u8 *buf, unsigned int heads)
{
	if (heads < 1 || heads > ARRAY_SIZE(heads_vbt))
		heads = 1;
	memset(buf, 0, MGVT_OPREGION_SIZE);
	memcpy(buf, "IntelGraphicsMem", 16);
	put32(buf + HDR_SIZE_KB, MGVT_OPREGION_SIZE / 1024);
	buf[HDR_VERSION + 3] = 2;		/* 2.0.0 */
	memcpy(buf + HDR_BIOS_VER, "mgvt", 4);
	memcpy(buf + HDR_VBIOS_VER, "mgvt virtual", 12);
	put32(buf + HDR_MBOXES, MBOX_ACPI | MBOX_ASLE | MBOX_VBT);
	build_vbt(buf + OPREGION_VBT, heads);
}

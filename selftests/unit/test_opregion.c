// SPDX-License-Identifier: GPL-2.0
/*
 * The OpRegion (gvt/display/opregion.c) parsed back the way a guest i915
 * reads it: the header's signature, version and mailboxes, the VBT in
 * mailbox 4 with its header, the BIOS data block and its blocks walked
 * to the general definitions, whose child device records must hold a
 * DisplayPort connector on DDI A with AUX channel A and, for a vGPU with
 * two heads, a second on DDI B with AUX channel B; any other count of
 * heads gets one.
 */
#include <string.h>

#include "display/opregion.h"
#include "tap.h"

static u8 op[MGVT_OPREGION_SIZE];

static unsigned int le16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

static unsigned int le32(const u8 *p)
{
	return le16(p) | le16(p + 2) << 16;
}

/* The payload of BIOS data block @id, or NULL; its size in @size. */
static const u8 *bdb_block(const u8 *bdb, unsigned int id, unsigned int *size)
{
	unsigned int pos = le16(bdb + 18), total = le16(bdb + 20);

	while (pos + 3 < total) {
		unsigned int bid = bdb[pos], bsize = le16(bdb + pos + 1);

		pos += 3;
		if (pos + bsize > total)
			return NULL;
		if (bid == id) {
			*size = bsize;
			return bdb + pos;
		}
		pos += bsize;
	}
	return NULL;
}

/* The OpRegion of a vGPU with @heads monitors; @want children expected. */
static void check(unsigned int heads, unsigned int want)
{
	const u8 *vbt = op + OPREGION_VBT, *bdb, *defs, *child;
	unsigned int vbt_size, bdb_off, defs_size, csize, i, n;
	unsigned int dp_a = 0, dp_b = 0, others = 0;
	u8 sum = 0;

	tap_diag("OpRegion of a vGPU with %u head(s)", heads);
	memset(op, 0xa5, sizeof(op));
	mgvt_opregion_build(op, heads);
	tap_ok(!memcmp(op, "IntelGraphicsMem", 16), "OpRegion signature");
	tap_ok(le32(op + 0x10) == 8, "size: 8 KiB");
	tap_ok(op[0x17] == 2 && op[0x16] == 0, "version 2.0");
	tap_ok((le32(op + 0x58) & 0x0d) == 0x0d && !(le32(op + 0x58) & 0x12),
	       "mailboxes: ACPI, ASLE and VBT; no SWSCI, no ASLE extension");
	tap_ok(!le32(op + 0x300 + 186) && !le32(op + 0x300 + 190) && !le32(op + 0x300 + 194),
	       "ASLE: no raw VBT pointer, the VBT is in mailbox 4");
	tap_ok(!le32(op + 0x100) && !le32(op + 0x300), "ACPI and ASLE mailboxes start zero");

	tap_ok(!memcmp(vbt, "$VBT", 4), "VBT signature at 0x400");
	vbt_size = le16(vbt + 0x18);
	tap_ok(le16(vbt + 0x16) == 48 && vbt_size >= 48 &&
	       vbt_size <= MGVT_OPREGION_SIZE - OPREGION_VBT,
	       "VBT header 48 bytes, VBT of %u bytes within mailbox 4", vbt_size);
	for (i = 0; i < vbt_size; i++)
		sum += vbt[i];
	tap_ok(!sum, "VBT checksum: its bytes sum to 0");
	bdb_off = le32(vbt + 0x1c);
	tap_ok(bdb_off + 22 <= vbt_size, "BIOS data block header inside the VBT");
	bdb = vbt + bdb_off;
	tap_ok(!memcmp(bdb, "BIOS_DATA_BLOCK ", 16), "BIOS data block signature");
	tap_ok(le16(bdb + 16) == 204 && le16(bdb + 18) == 22 &&
	       bdb_off + le16(bdb + 20) <= vbt_size,
	       "BDB version 204, 22-byte header, inside the VBT");

	defs = bdb_block(bdb, 2, &defs_size);
	if (!tap_ok(defs && defs_size >= 5, "general definitions block found"))
		return;
	csize = defs[4];
	tap_ok(csize == 38, "child device records of 38 bytes, as version 204 has them");
	n = (defs_size - 5) / csize;
	for (i = 0; i < n; i++) {
		child = defs + 5 + i * csize;
		if (!le16(child + 2))
			continue;
		if (le16(child + 2) != 0x68c6 || child[19] || !(child[24] & 2) ||
		    (le16(child + 2) & (1u << 12)))
			others++;
		else if (child[16] == 10 && child[25] == 0x40 && le16(child) == 0x0004)
			dp_a++;
		else if (child[16] == 7 && child[25] == 0x10 && le16(child) == 0x0040)
			dp_b++;
		else
			others++;
	}
	tap_ok(n == want, "%u child device record(s)", want);
	tap_ok(dp_a == 1 && !others,
	       "a DisplayPort child (not internal, so not eDP) on DDI A, AUX A, no DDC pin");
	tap_ok(dp_b == (want > 1),
	       want > 1 ? "a second DisplayPort child on DDI B, AUX B, handle EFP2" :
			  "no child on DDI B");
	for (i = OPREGION_VBT + vbt_size, sum = 0; i < MGVT_OPREGION_SIZE; i++)
		sum |= op[i];
	tap_ok(!sum, "zero after the VBT");
}

int main(void)
{
	tap_header();
	check(1, 1);
	check(2, 2);
	check(0, 1);
	check(3, 1);
	return tap_finish();
}

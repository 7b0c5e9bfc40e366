// SPDX-License-Identifier: GPL-2.0
/*
 * edid_test - the EDID region (VFIO_REGION_SUBTYPE_GFX_EDID) as QEMU's
 * vfio display drives it, and the guest's side of it:
 *  - the region found by its type, its registers (EDID offset, maximum
 *    size, the largest mode the type's GM allows, link up);
 *  - the default EDID read back from the region, identical to what the
 *    guest reads over DDI A's AUX channel (I2C-over-AUX, both blocks);
 *  - a new EDID as QEMU gives one (link down, EDID and size written,
 *    link up): the monitor unplugged then plugged in, port A's live
 *    status following, a long pulse in SHOTPLUG_CTL, the hotplug
 *    interrupt in SDE_IIR and on the MSI eventfd, and the guest reading
 *    the new EDID over AUX;
 *  - bad EDIDs refused (size not whole blocks, bad header, bad checksum,
 *    an extension count that lies, a size over the maximum) with EINVAL,
 *    a log line naming the vGPU, the link left down and the old EDID
 *    back; read-only fields and writes with the link up refused;
 *  - a device reset keeps the host's EDID, closing brings back the
 *    default;
 *  - the IGD OpRegion region: found by its type, 8 KiB, read-only, its
 *    signature, version and mailboxes, and a VBT in mailbox 4 whose
 *    general definitions hold a DisplayPort child on DDI A and, the type
 *    (GVTg_V5_4) having GM for two heads, a second on DDI B.
 *
 * Usage: edid_test   (expects mgvt and mgvt_sim loaded, root)
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>

#include <linux/vfio.h>

#include "vgpu_lib.h"


#define MASTER_IRQ	0x44200u
#define DE_PORT_ISR	0x44440u
#define SDE_ISR		0xc4000u
#define SDE_IMR		0xc4004u
#define SDE_IIR		0xc4008u
#define SDE_IER		0xc400cu
#define SHOTPLUG_CTL	0xc4030u
#define PORTA_HPD	(1u << 24)	/* SDE bit */
#define PORTA_HPD_EN	(1u << 28)	/* SHOTPLUG_CTL */
#define PORTA_STATUS	(3u << 24)
#define PORTA_LONG	(2u << 24)
#define MASTER_PCH	(1u << 23)

#define FIELD(f)	offsetof(struct vfio_region_gfx_edid, f)

static struct vgpu *v;
static unsigned int edid_index;

/* An I2C-over-AUX request to @addr, as i915's AUX transfer sends it. */
static bool i2c(uint8_t req, uint8_t addr, unsigned int len, const uint8_t *data,
		uint8_t *rx)
{
	uint8_t tx[20] = { req << 4, 0, addr };
	unsigned int n = 3;
	uint32_t st;

	if (len) {
		tx[3] = len - 1;
		n = 4;
	}
	if (data && len) {
		memcpy(tx + 4, data, len);
		n += len;
	}
	st = aux_xfer(v, 0, tx, n, rx);
	return (st & (AUX_DONE | AUX_TIMEOUT)) == AUX_DONE && !rx[0];
}

/* Block @blk (0 or 1) of the EDID as drm reads it over AUX. */
static bool aux_edid_block(unsigned int blk, uint8_t *out)
{
	uint8_t rx[20], off = blk * 128;
	unsigned int i;
	bool ok;

	ok = i2c(0x4, 0x50, 0, NULL, rx) && i2c(0x4, 0x50, 1, &off, rx) &&
	     i2c(0x5, 0x50, 0, NULL, rx);
	for (i = 0; ok && i < 128; i += 16) {
		ok = i2c(0x5, 0x50, 16, NULL, rx);
		memcpy(out + i, rx + 1, 16);
	}
	return ok && i2c(0x1, 0x50, 0, NULL, rx);
}

/* The whole EDID over AUX: block 0, then as many as it says follow. */
static unsigned int aux_edid(uint8_t *out, unsigned int max)
{
	unsigned int n;

	if (!aux_edid_block(0, out))
		return 0;
	n = 1 + out[126];
	if (n > 2 || n * 128 > max || (n == 2 && !aux_edid_block(1, out + 128)))
		return 0;
	return n * 128;
}

static bool aux_times_out(void)
{
	uint8_t tx[4] = { 0x90, 0, 0, 0 }, rx[20];
	uint32_t st = aux_xfer(v, 0, tx, 4, rx);

	return (st & (AUX_DONE | AUX_TIMEOUT)) == (AUX_DONE | AUX_TIMEOUT);
}

static long field_rd(size_t off, uint32_t *val)
{
	return region_rw(v, false, edid_index, off, val, 4);
}

static long field_wr(size_t off, uint32_t val)
{
	return region_rw(v, true, edid_index, off, &val, 4);
}

static uint32_t field(size_t off)
{
	uint32_t val = ~0u;

	field_rd(off, &val);
	return val;
}

/* The device-specific region of @type and @subtype, or -1. */
static int find_region(uint32_t type, uint32_t subtype, struct vfio_region_info **out)
{
	struct vfio_device_info di = { .argsz = sizeof(di) };
	unsigned int i;

	if (xioctl(v->device, VFIO_DEVICE_GET_INFO, &di))
		return -1;
	for (i = VFIO_PCI_NUM_REGIONS; i < di.num_regions; i++) {
		struct vfio_region_info *ri = region_info(v, i);
		const struct vfio_region_info_cap_type *ct;

		if (!ri)
			continue;
		ct = (const void *)region_cap(ri, VFIO_REGION_INFO_CAP_TYPE);
		if (ct && ct->type == type && ct->subtype == subtype) {
			*out = ri;
			return i;
		}
		free(ri);
	}
	return -1;
}

/* A one-block EDID whose preferred mode is @w x @h (CVT-RB-like, 60 Hz). */
static void make_edid(uint8_t *e, unsigned int w, unsigned int h)
{
	static const uint8_t hdr[8] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0 };
	unsigned int hb = 160, vb = 35, khz = 60 * (w + hb) * (h + vb) / 1000;
	uint8_t *d = e + 54, sum = 0;
	unsigned int i;

	memset(e, 0, 128);
	memcpy(e, hdr, 8);
	e[8] = 0x4c;
	e[9] = 0x2d;	/* "SAM", any vendor */
	e[18] = 1;
	e[19] = 4;
	e[20] = 0xa5;
	d[0] = (khz / 10) & 0xff;
	d[1] = (khz / 10) >> 8;
	d[2] = w & 0xff;
	d[3] = hb;
	d[4] = (w >> 8) << 4;
	d[5] = h & 0xff;
	d[6] = vb;
	d[7] = (h >> 8) << 4;
	d[8] = 48;
	d[9] = 32;
	d[10] = 3 << 4 | 5;
	d[17] = 0x1a;
	for (i = 72; i < 126; i += 18)
		e[i + 3] = 0x10;	/* dummy descriptors */
	for (i = 0; i < 127; i++)
		sum += e[i];
	e[127] = -sum;
}

static void preferred(const uint8_t *e, unsigned int *w, unsigned int *h)
{
	*w = e[56] | (e[58] >> 4) << 8;
	*h = e[59] | (e[61] >> 4) << 8;
}

static uint32_t edid_offset;

static long blob_wr(const uint8_t *e, size_t len)
{
	return region_rw(v, true, edid_index, edid_offset, (void *)e, len);
}

static long blob_rd(uint8_t *e, size_t len)
{
	return region_rw(v, false, edid_index, edid_offset, e, len);
}

static void test_regs(struct vfio_region_info *ri, unsigned int max_w, unsigned int max_h)
{
	check_eq(ri->flags & (VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE |
			      VFIO_REGION_INFO_FLAG_MMAP),
		 VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE,
		 "EDID region: readable and writable, not mappable");
	edid_offset = field(FIELD(edid_offset));
	check_eq(edid_offset >= sizeof(struct vfio_region_gfx_edid) &&
		 edid_offset + field(FIELD(edid_max_size)) <= ri->size, 1,
		 "EDID at %#x, %u bytes at most, inside the region (%llu bytes)", edid_offset,
		 field(FIELD(edid_max_size)), (unsigned long long)ri->size);
	check_eq(field(FIELD(edid_max_size)) >= 256 && field(FIELD(edid_max_size)) % 128 == 0,
		 1, "edid_max_size %u: whole blocks, room for an extension",
		 field(FIELD(edid_max_size)));
	check_eq(field(FIELD(max_xres)) << 16 | field(FIELD(max_yres)), max_w << 16 | max_h,
		 "max_xres x max_yres: %ux%u, as the type's GM allows",
		 field(FIELD(max_xres)), field(FIELD(max_yres)));
	check_eq(field(FIELD(link_state)), VFIO_DEVICE_GFX_LINK_STATE_UP, "link up at open");
	check_err(field_wr(FIELD(edid_max_size), 4096), EINVAL, "edid_max_size: read-only");
	check_err(field_wr(FIELD(max_xres), 8192), EINVAL, "max_xres: read-only");
	check_err(field_wr(FIELD(link_state), 7), EINVAL, "link_state 7: EINVAL");
	check_err(region_rw(v, true, edid_index, FIELD(link_state), "\x02\x00", 2), EINVAL,
		  "a 2-byte write of link_state: EINVAL");
	check_err(field_wr(FIELD(edid_size), 128), EBUSY, "edid_size with the link up: EBUSY");
	check_err(blob_wr((const uint8_t *)"x", 1), EBUSY, "the EDID with the link up: EBUSY");
}

static void test_default(const char *res)
{
	uint8_t reg[512], aux[512];
	unsigned int size = field(FIELD(edid_size)), n, w, h, rw = 0, rh = 0;

	check_eq(size == 128 || size == 256, 1, "default EDID of %u bytes", size);
	check_err(blob_rd(reg, size), 0, "read back from the region");
	n = aux_edid(aux, sizeof(aux));
	check_eq(n, size, "the guest reads %u bytes over I2C-over-AUX", n);
	check_eq(!memcmp(reg, aux, size), 1, "the region's EDID is what the guest reads");
	preferred(aux, &w, &h);
	check_eq(sscanf(res, "%ux%u", &rw, &rh), 2, "type resolution %s", res);
	check_eq(w << 16 | h, rw << 16 | rh, "preferred mode %ux%u is the type's %s", w, h, res);
}

static int hotplug_irq_setup(void)
{
	int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);

	cfg_wr(v, 0xac + 2, 2, 0x0081);			/* MSI enable */
	check_err(set_irq_eventfd(v, VFIO_PCI_MSI_IRQ_INDEX, VFIO_IRQ_SET_ACTION_TRIGGER, efd),
		  0, "MSI eventfd installed");
	/* What i915 does on a Sunrise Point PCH: detection on, the bit unmasked. */
	mmio_wr(v, SHOTPLUG_CTL, 4, PORTA_HPD_EN);
	mmio_wr(v, SDE_IMR, 4, ~PORTA_HPD);
	mmio_wr(v, SDE_IER, 4, PORTA_HPD);
	mmio_wr(v, MASTER_IRQ, 4, 1u << 31);
	drain_eventfd(efd);
	return efd;
}

/* A hotplug seen as a guest's interrupt handler sees it, then acked. */
static void check_hotplug(int efd, const char *what)
{
	tap_ok(wait_readable(efd, 2000), "%s: the MSI eventfd fires", what);
	check_eq(mmio_rd(v, MASTER_IRQ, 4) & MASTER_PCH, MASTER_PCH, "MASTER_IRQ: PCH pending");
	check_eq(mmio_rd(v, SDE_IIR, 4) & PORTA_HPD, PORTA_HPD, "SDE_IIR: port A hotplug");
	check_eq(mmio_rd(v, SHOTPLUG_CTL, 4) & (PORTA_STATUS | PORTA_HPD_EN),
		 PORTA_LONG | PORTA_HPD_EN, "SHOTPLUG_CTL: a long pulse on port A");
	mmio_wr(v, SHOTPLUG_CTL, 4, mmio_rd(v, SHOTPLUG_CTL, 4));
	check_eq(mmio_rd(v, SHOTPLUG_CTL, 4), PORTA_HPD_EN,
		 "status written back: cleared, detection stays on");
	mmio_wr(v, SDE_IIR, 4, PORTA_HPD);
	check_eq(mmio_rd(v, MASTER_IRQ, 4) & MASTER_PCH, 0, "IIR acked: nothing pending");
	drain_eventfd(efd);
}

static void test_round_trip(int efd, uint8_t *old, unsigned int *old_size)
{
	uint8_t e[512], got[512];
	unsigned int w, h;
	char log[8192];
	int kfd;

	check_err(field_wr(FIELD(link_state), VFIO_DEVICE_GFX_LINK_STATE_DOWN), 0, "link down");
	check_eq(field(FIELD(link_state)), VFIO_DEVICE_GFX_LINK_STATE_DOWN, "reads down");
	check_eq(mmio_rd(v, SDE_ISR, 4) & PORTA_HPD, 0, "SDEISR: port A disconnected");
	check_eq(mmio_rd(v, DE_PORT_ISR, 4) & (1u << 3), 0, "DE port ISR: DP-A disconnected");
	tap_ok(aux_times_out(), "AUX A: no sink, a timeout");
	check_hotplug(efd, "unplug");

	make_edid(e, 1280, 720);
	check_err(field_wr(FIELD(edid_size), 128), 0, "edid_size 128 written");
	check_err(blob_wr(e, 128), 0, "a 1280x720 EDID written");
	check_eq(mmio_rd(v, SDE_ISR, 4) & PORTA_HPD, 0, "still disconnected");
	kfd = kmsg_open();
	check_err(field_wr(FIELD(link_state), VFIO_DEVICE_GFX_LINK_STATE_UP), 0, "link up");
	kmsg_collect(kfd, log, sizeof(log));
	close(kfd);
	check_eq(strstr(log, v->uuid) &&
		 strstr(log, "plugged in: EDID of 128 bytes, preferred mode 1280x720"), 1,
		 "the log names the vGPU, the EDID's size and its preferred mode");
	check_eq(mmio_rd(v, SDE_ISR, 4) & PORTA_HPD, PORTA_HPD, "SDEISR: port A connected");
	check_hotplug(efd, "plug");
	check_eq(aux_edid(got, sizeof(got)), 128, "the guest reads one block over AUX");
	preferred(got, &w, &h);
	check_eq(!memcmp(got, e, 128) && w == 1280 && h == 720, 1,
		 "and it is the new EDID, 1280x720 (%ux%u)", w, h);
	check_eq(field(FIELD(edid_size)), 128, "edid_size reads 128");
	memcpy(old, e, 128);
	*old_size = 128;
}

/* A bad EDID: link down, written, link up refused; the old one is back. */
static void refuse(const uint8_t *e, unsigned int size, const char *what,
		   const uint8_t *old, unsigned int old_size)
{
	uint8_t got[512];
	int kfd = kmsg_open();
	char log[8192];

	/* QEMU's order: link down, edid_size, the EDID, link up. */
	field_wr(FIELD(link_state), VFIO_DEVICE_GFX_LINK_STATE_DOWN);
	if (size > 512) {
		check_err(field_wr(FIELD(edid_size), size), EINVAL, "%s: edid_size refused", what);
	} else {
		check_err(field_wr(FIELD(edid_size), size), 0, "%s: edid_size %u taken", what, size);
		blob_wr(e, size);
		check_err(field_wr(FIELD(link_state), VFIO_DEVICE_GFX_LINK_STATE_UP), EINVAL,
			  "%s: link up refused, EINVAL", what);
	}
	kmsg_collect(kfd, log, sizeof(log));
	close(kfd);
	check_eq(strstr(log, v->uuid) && strstr(log, "refused"), 1,
		 "a log line names the vGPU and says refused");
	check_eq(field(FIELD(link_state)), VFIO_DEVICE_GFX_LINK_STATE_DOWN, "link stays down");
	check_eq(field(FIELD(edid_size)), old_size, "edid_size reads the old size");
	check_eq(blob_rd(got, old_size) >= 0 && !memcmp(got, old, old_size), 1,
		 "the region holds the old EDID again");
	check_err(field_wr(FIELD(link_state), VFIO_DEVICE_GFX_LINK_STATE_UP), 0,
		  "link up again: accepted");
	check_eq(aux_edid(got, sizeof(got)) == old_size && !memcmp(got, old, old_size), 1,
		 "the guest reads the old EDID");
}

static void test_bad(const uint8_t *old, unsigned int old_size)
{
	uint8_t e[600];

	memset(e, 0, sizeof(e));
	make_edid(e, 1600, 900);
	refuse(e, 200, "size 200 (not whole blocks)", old, old_size);
	e[1] = 0x00;
	e[127] += 0xff;
	refuse(e, 128, "bad header", old, old_size);
	make_edid(e, 1600, 900);
	e[60] ^= 0x10;
	refuse(e, 128, "bad checksum", old, old_size);
	make_edid(e, 1600, 900);
	e[126] = 1;
	e[127] -= 1;
	refuse(e, 128, "extension count 1 with one block", old, old_size);
	memset(e + 128, 0, 128);
	e[128] = 0x02;
	e[255] = -2;
	e[126] = 0;
	e[127] += 1;
	refuse(e, 256, "two blocks, extension count 0", old, old_size);
	refuse(e, 1024, "size 1024, over edid_max_size", old, old_size);
}

static void test_reset_and_close(const uint8_t *old, unsigned int old_size,
				 const char *res)
{
	uint8_t got[512];

	check_err(xioctl(v->device, VFIO_DEVICE_RESET, NULL), 0, "device reset");
	check_eq(aux_edid(got, sizeof(got)) == old_size && !memcmp(got, old, old_size), 1,
		 "a device reset keeps the host's EDID");
	check_eq(field(FIELD(link_state)), VFIO_DEVICE_GFX_LINK_STATE_UP, "and the link up");
	vfio_close(v);
	if (!vfio_open(v, false)) {
		tap_bail("could not reopen the vGPU");
		return;
	}
	test_default(res);
}

static unsigned int le16(const uint8_t *p)
{
	return p[0] | p[1] << 8;
}

static void test_opregion(void)
{
	struct vfio_region_info *ri = NULL;
	uint8_t op[8192], sum = 0;
	const uint8_t *vbt = op + 0x400, *bdb, *blk;
	unsigned int i, pos, vbt_size, blk_size = 0;
	int idx = find_region(VFIO_REGION_TYPE_PCI_VENDOR_TYPE | 0x8086u,
			      VFIO_REGION_SUBTYPE_INTEL_IGD_OPREGION, &ri);

	if (!tap_ok(idx >= 0, "IGD OpRegion region found by its type (index %d)", idx))
		return;
	check_eq(ri->size, 8192, "OpRegion: 8 KiB");
	check_eq(ri->flags & (VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE |
			      VFIO_REGION_INFO_FLAG_MMAP), VFIO_REGION_INFO_FLAG_READ,
		 "read-only, not mappable (QEMU copies it)");
	free(ri);
	check_eq(region_rw(v, false, idx, 0, op, sizeof(op)), sizeof(op), "read whole");
	check_err(region_rw(v, true, idx, 0, op, 16), EINVAL, "a write: EINVAL");
	check_eq(!memcmp(op, "IntelGraphicsMem", 16), 1, "signature IntelGraphicsMem");
	check_eq(op[0x17] << 8 | op[0x16], 0x200, "version 2.0");
	check_eq(op[0x58] & 0x0d, 0x0d, "mailboxes: ACPI, ASLE, VBT");
	check_eq(!memcmp(vbt, "$VBT", 4), 1, "VBT signature in mailbox 4");
	vbt_size = le16(vbt + 0x18);
	for (i = 0; i < vbt_size && i < 8192 - 0x400; i++)
		sum += vbt[i];
	check_eq(sum, 0, "VBT checksum");
	bdb = vbt + le16(vbt + 0x1c);
	check_eq(!memcmp(bdb, "BIOS_DATA_BLOCK ", 16), 1, "BIOS data block signature");
	for (pos = le16(bdb + 18), blk = NULL; pos + 3 < le16(bdb + 20);
	     pos += 3 + le16(bdb + pos + 1)) {
		if (bdb[pos] == 2) {
			blk = bdb + pos + 3;
			blk_size = le16(bdb + pos + 1);
			break;
		}
	}
	if (!tap_ok(blk != NULL, "general definitions block"))
		return;
	check_eq(le16(blk + 5 + 2) << 16 | blk[5 + 16] << 8 | blk[5 + 25], 0x68c60a40,
		 "its first child: DisplayPort on DDI A, AUX A");
	if (!tap_ok(blk_size == 5 + 2 * 38, "two children of 38 bytes (block of %u bytes)",
		    blk_size))
		return;
	check_eq(le16(blk + 5 + 38 + 2) << 16 | blk[5 + 38 + 16] << 8 | blk[5 + 38 + 25],
		 0x68c60710, "its second child: DisplayPort on DDI B, AUX B");
}

int main(int argc, char **argv)
{
	const struct vgpu_type *t;
	struct vfio_region_info *ri = NULL;
	uint8_t old[512];
	unsigned int old_size = 0;
	int ret = simple_program_start(argc, argv, 300), efd;

	if (ret >= 0)
		return ret;
	t = find_type("GVTg_V5_4");
	v = vgpu_new("GVTg_V5_4", t);
	if (!v || vgpu_create(v) || !vfio_open(v, false)) {
		tap_bail("could not create and open a GVTg_V5_4 vGPU");
		cleanup_all();
		return tap_finish();
	}
	ret = find_region(VFIO_REGION_TYPE_GFX, VFIO_REGION_SUBTYPE_GFX_EDID, &ri);
	if (!tap_ok(ret >= 0, "EDID region found by its type (index %d)", ret)) {
		cleanup_all();
		return tap_finish();
	}
	edid_index = ret;
	/* 128 MiB of low GM: two 3840x2160 framebuffers in half of it. */
	test_regs(ri, 3840, 2160);
	free(ri);
	test_default(t->resolution);
	efd = hotplug_irq_setup();
	test_round_trip(efd, old, &old_size);
	test_bad(old, old_size);
	set_irq_eventfd(v, VFIO_PCI_MSI_IRQ_INDEX, VFIO_IRQ_SET_ACTION_TRIGGER, -1);
	close(efd);
	test_reset_and_close(old, old_size, t->resolution);
	test_opregion();
	vfio_close(v);
	vgpu_remove(v);
	cleanup_all();
	return tap_finish();
}

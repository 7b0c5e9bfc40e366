// SPDX-License-Identifier: GPL-2.0
/*
 * display_test - the display registers of a vGPU as a Skylake guest i915
 * drives them at probe and modeset: the PCODE mailbox answering its
 * commands with a success code, DDI A's AUX channel completing native
 * DPCD reads and a whole EDID read over I2C-over-AUX (checksum valid, the
 * preferred mode the type's resolution), the other ports' AUX channels
 * timing out, GMBUS finding no device, the status bits that follow what
 * the guest programs and port A's live hotplug status.  Three types, so
 * the EDID follows the type, and the second head: on GVTg_V5_8 and
 * GVTg_V5_4 (GM for two) DDI B's AUX channel answers DPCD and EDID reads
 * from a second sink, port B's live status is set in SDEISR and DDI B is
 * strapped; on MGVT_V5_16 (one head) AUX B times out and none of those
 * bits is set.
 *
 * Usage: display_test   (expects mgvt and mgvt_sim loaded, root)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/vfio.h>

#include "vgpu_lib.h"

#define PCODE_MBOX	0x138124u
#define PCODE_DATA	0x138128u
#define PCODE_DATA1	0x13812cu
#define PCODE_READY	(1u << 31)


#define GMBUS0		0xc5100u
#define GMBUS1		0xc5104u
#define GMBUS2		0xc5108u
#define GMBUS3		0xc510cu
#define GMBUS_SATOER	(1u << 10)
#define GMBUS_ACTIVE	(1u << 9)

static struct vgpu *v;
static unsigned int i2c_port;	/* the AUX channel i2c() uses */

/* One PCODE command as i915's __snb_pcode_rw() sends it: error code, DATA. */
static uint32_t pcode(uint32_t cmd, uint32_t *data)
{
	unsigned int spins = 0;
	uint32_t mbox;

	if (mmio_rd(v, PCODE_MBOX, 4) & PCODE_READY)
		return ~0u;
	mmio_wr(v, PCODE_DATA, 4, *data);
	mmio_wr(v, PCODE_DATA1, 4, 0);
	mmio_wr(v, PCODE_MBOX, 4, PCODE_READY | cmd);
	while ((mbox = mmio_rd(v, PCODE_MBOX, 4)) & PCODE_READY && ++spins < 3)
		;
	if (mbox & PCODE_READY)
		return ~0u;
	*data = mmio_rd(v, PCODE_DATA, 4);
	return mbox & 0xff;
}

static void test_pcode(void)
{
	uint32_t d, lat0, lat1;

	d = 0;
	check_eq(pcode(0x6, &d), 0, "PCODE memory latency levels 0-3: success");
	lat0 = d;
	d = 1;
	check_eq(pcode(0x6, &d), 0, "PCODE memory latency levels 4-7: success");
	lat1 = d;
	check_eq((lat0 & 0xff) && lat0 >> 24 <= (lat1 & 0xff) && (lat1 & 0xff) <= lat1 >> 24 &&
		 (lat0 & 0xff) <= ((lat0 >> 8) & 0xff), 1,
		 "latencies %#x %#x: none zero, rising", lat0, lat1);
	d = 3;
	check_eq(pcode(0x7, &d), 0, "PCODE CDCLK prepare-for-change: success");
	check_eq(d & 1, 1, "and the reply says ready");
	d = 2;
	check_eq(pcode(0x7, &d), 0, "PCODE CDCLK voltage level after the change: success");
	d = 0;
	check_eq(pcode(0x21, &d), 0, "PCODE SAGV disable: success");
	check_eq(d & 1, 1, "and the reply says disabled");
	d = 3;
	check_eq(pcode(0x21, &d), 0, "PCODE SAGV enable: success");
	d = 0x10203;
	check_eq(pcode(0x8, &d), 0, "PCODE min frequency table write: success");
	d = 0;
	check_eq(pcode(0x1a, &d), 0, "PCODE dynamic duty cycle read: success");
	d = 0;
	check_eq(pcode(0x5e, &d), 1, "an unknown PCODE command: illegal command (not busy)");
	mmio_wr(v, PCODE_MBOX, 4, 0x1234);
	check_eq(mmio_rd(v, PCODE_MBOX, 4), 0x1234, "a mailbox write without ready only stores");
	mmio_wr(v, PCODE_MBOX, 4, 0xffffffff);
	check_eq(mmio_rd(v, PCODE_MBOX, 4) & (PCODE_READY | 0xff), 1,
		 "all ones: completes, illegal command");
}

/* A native or I2C request header: @len 0 is address only. */
static unsigned int aux_hdr(uint8_t *tx, uint8_t req, uint32_t addr, unsigned int len)
{
	tx[0] = req << 4 | (addr >> 16 & 0xf);
	tx[1] = addr >> 8;
	tx[2] = addr;
	if (!len)
		return 3;
	tx[3] = len - 1;
	return 4;
}

static void test_aux_dpcd(void)
{
	uint8_t tx[20], rx[20];
	uint32_t st;
	unsigned int p;

	st = aux_xfer(v, 0, tx, aux_hdr(tx, 0x9, 0, 15), rx);
	check_eq(st & (AUX_BUSY | AUX_DONE | AUX_TIMEOUT | AUX_RXERR), AUX_DONE,
		 "AUX A: native read completes at once (status %#x)", st);
	check_eq(AUX_SIZE(st), 16, "with 16 reply bytes");
	check_eq(rx[0], 0, "ACK");
	check_eq(rx[1], 0x12, "DPCD revision 1.2");
	check_eq(rx[2], 0x14, "max link rate HBR2");
	check_eq(rx[3] & 0x1f, 4, "4 lanes");
	st = aux_xfer(v, 0, tx, aux_hdr(tx, 0x9, 0x200, 1), rx);
	check_eq(AUX_SIZE(st) == 2 && rx[1] == 1, 1, "sink count 1");
	check_eq(mmio_rd(v, AUX_CTL(0), 4) & (AUX_DONE | AUX_BUSY), 0,
		 "the status write cleared DONE");
	for (p = 2; p < 5; p++) {
		st = aux_xfer(v, p, tx, aux_hdr(tx, 0x9, 0, 15), rx);
		check_eq(st & (AUX_BUSY | AUX_DONE | AUX_TIMEOUT), AUX_DONE | AUX_TIMEOUT,
			 "AUX %c: nothing connected, a timeout (status %#x)", 'A' + p, st);
	}
	mmio_wr(v, AUX_CTL(0), 4, AUX_BUSY);
	st = mmio_rd(v, AUX_CTL(0), 4);
	check_eq(st & (AUX_BUSY | AUX_DONE | AUX_TIMEOUT), AUX_DONE | AUX_TIMEOUT,
		 "AUX A: a zero-length message gets no reply");
	mmio_wr(v, AUX_CTL(0), 4, 0xffffffff);
	st = mmio_rd(v, AUX_CTL(0), 4);
	check_eq(st & AUX_BUSY, 0, "AUX A: all ones written, never busy (status %#x)", st);
	mmio_wr(v, AUX_CTL(0), 4, AUX_DONE | AUX_TIMEOUT | AUX_RXERR);
}

static bool i2c(uint8_t req, unsigned int len, const uint8_t *data, uint8_t *rx)
{
	uint8_t tx[20];
	unsigned int n = aux_hdr(tx, req, 0x50, len);
	uint32_t st;

	if (data && len) {
		memcpy(tx + 4, data, len);
		n += len;
	}
	st = aux_xfer(v, i2c_port, tx, n, rx);
	return (st & (AUX_DONE | AUX_TIMEOUT)) == AUX_DONE && !rx[0];
}

static void test_aux_edid(unsigned int port, const char *res)
{
	uint8_t edid[128], rx[20], zero = 0, sum = 0;
	unsigned int i, w, h, rw = 0, rh = 0;
	bool ok;

	i2c_port = port;
	tap_diag("EDID over AUX %c", 'A' + port);
	ok = i2c(0x4, 0, NULL, rx) && i2c(0x4, 1, &zero, rx) && i2c(0x5, 0, NULL, rx);
	for (i = 0; ok && i < 128; i += 16) {
		ok = i2c(0x5, 16, NULL, rx);
		memcpy(edid + i, rx + 1, 16);
	}
	ok = ok && i2c(0x1, 0, NULL, rx);
	check_eq(ok, 1, "EDID over I2C-over-AUX: address, offset, 8 reads of 16, stop");
	for (i = 0; i < 128; i++)
		sum += edid[i];
	check_eq(sum, 0, "EDID checksum valid");
	check_eq(edid[0] == 0 && edid[1] == 0xff && edid[7] == 0, 1, "EDID header");
	check_eq(edid[18] << 8 | edid[19], 0x104, "EDID 1.4");
	w = edid[56] | (edid[58] >> 4) << 8;
	h = edid[59] | (edid[61] >> 4) << 8;
	sscanf(res, "%ux%u", &rw, &rh);
	check_eq(w << 16 | h, rw << 16 | rh, "preferred mode %ux%u is the type's %s", w, h, res);
}

static void test_gmbus(void)
{
	unsigned int pin;
	uint32_t st;

	for (pin = 4; pin <= 6; pin++) {
		mmio_wr(v, GMBUS0, 4, pin);
		/* i915's EDID read: an index cycle of 128 bytes from 0x50. */
		mmio_wr(v, GMBUS1, 4, 1u << 30 | 1u << 25 | 2u << 25 | 128u << 16 | 0x50 << 1 | 1);
		st = mmio_rd(v, GMBUS2, 4);
		check_eq(st & (GMBUS_SATOER | GMBUS_ACTIVE | (1u << 11)), GMBUS_SATOER,
			 "GMBUS pin %u: no device, NAK (status %#x)", pin, st);
		check_eq(mmio_rd(v, GMBUS3, 4), 0, "and no data");
		mmio_wr(v, GMBUS1, 4, 1u << 31);
		mmio_wr(v, GMBUS1, 4, 0);
		check_eq(mmio_rd(v, GMBUS2, 4) & GMBUS_SATOER, 0, "SW_CLR_INT clears the NAK");
		mmio_wr(v, GMBUS0, 4, 0);
	}
	mmio_wr(v, GMBUS1, 4, 0xffffffff);
	mmio_wr(v, GMBUS3, 4, 0xffffffff);
	mmio_rd(v, GMBUS3, 4);
	check_eq(mmio_rd(v, GMBUS2, 4) & GMBUS_ACTIVE, 0, "GMBUS all ones: survives, idle");
}

static void test_status_bits(void)
{
	check_eq(mmio_rd(v, 0xc4000, 4) & (1u << 24), 1u << 24,
		 "SDEISR: port A hotplug live status set (monitor connected)");
	check_eq(mmio_rd(v, 0x44440, 4) & (1u << 3), 1u << 3, "DE port ISR: DP-A hotplug live");
	check_eq(mmio_rd(v, 0xc4004, 4), 0xffffffff, "SDEIMR: all masked after reset");
	mmio_wr(v, 0xc4000, 4, 0);
	check_eq(mmio_rd(v, 0xc4000, 4) & (1u << 24), 1u << 24, "SDEISR is read-only");
	check_eq(mmio_rd(v, 0xc2014, 4) & (1u << 7), 0, "SFUSE_STRAP: display not fused off");
	check_eq(mmio_rd(v, 0x64000, 4) & 0x91, 0x91,
		 "DDI_BUF_CTL A: idle, 4 lanes, display detected");
	mmio_wr(v, 0x64000, 4, (1u << 31) | 0x10);
	check_eq(mmio_rd(v, 0x64000, 4) & 0x80000080, 0x80000000, "enabled: not idle");
	mmio_wr(v, 0x70008, 4, 1u << 31);
	check_eq(mmio_rd(v, 0x70008, 4) >> 30, 3, "PIPECONF A enable: state follows");
	mmio_wr(v, 0x70008, 4, 0);
	check_eq(mmio_rd(v, 0x70008, 4) >> 30, 0, "disable: state off");
	mmio_wr(v, 0x7f008, 4, 1u << 31);
	check_eq(mmio_rd(v, 0x7f008, 4) >> 30, 3, "PIPECONF eDP enable: state follows");
	mmio_wr(v, 0x46010, 4, 1u << 31);
	check_eq(mmio_rd(v, 0x46010, 4) >> 30, 3, "LCPLL1 (DPLL0) enable: locked");
	mmio_wr(v, 0x46014, 4, 1u << 31);
	check_eq(mmio_rd(v, 0x6c060, 4) & 0x101, 0x101, "DPLL_STATUS: DPLL0 and DPLL1 locked");
	mmio_wr(v, 0x45008, 4, 1u << 31);
	check_eq(mmio_rd(v, 0x45008, 4) >> 30, 3, "DBUF power request: state on");
	mmio_wr(v, 0xc7204, 4, 0xabcd0009);
	check_eq(mmio_rd(v, 0xc7200, 4), 0x80000008, "PP_STATUS: panel on and idle at once");
	mmio_wr(v, 0xc7204, 4, 0);
	check_eq(mmio_rd(v, 0xc7200, 4), 0, "and off");
	check_eq(mmio_rd(v, 0x64144, 4) & (1u << 25), 1u << 25, "DP_TP_STATUS B: idle done");
	mmio_wr(v, 0x70008, 4, 1u << 31);
	mmio_wr(v, 0x941c, 4, 1);	/* GDRST: full GPU reset */
	check_eq(mmio_rd(v, 0x70008, 4) >> 30, 3, "a guest GPU reset keeps PIPECONF A enabled");
	check_eq(mmio_rd(v, 0x46010, 4) >> 30, 3, "and DPLL0 (CDCLK) locked, as hardware does");
	mmio_wr(v, 0x44408, 4, 0xffffffff);
	check_eq(mmio_rd(v, 0x44408, 4), 0, "DE pipe A IIR: write-1-to-clear, reads 0");
	check_eq(mmio_rd(v, 0x44404, 4), 0xffffffff, "DE pipe A IMR: all masked");
	mmio_wr(v, 0x64838, 4, 0xffffffff);
	check_eq(mmio_rd(v, 0x64838, 4), 0, "EDP_PSR_IIR: write-1-to-clear, reads 0");
	check_err(xioctl(v->device, VFIO_DEVICE_RESET, NULL), 0, "device reset");
	check_eq(mmio_rd(v, 0x70008, 4) | mmio_rd(v, 0x46010, 4) | mmio_rd(v, 0x6c060, 4), 0,
		 "after reset: pipes, PLLs off");
}

/* DDI B: a second monitor if @two, else nothing there. */
static void test_head_b(bool two, const char *res)
{
	uint8_t tx[20], rx[20];
	uint32_t st, want;

	st = aux_xfer(v, 1, tx, aux_hdr(tx, 0x9, 0, 15), rx);
	if (two) {
		check_eq(st & (AUX_BUSY | AUX_DONE | AUX_TIMEOUT | AUX_RXERR), AUX_DONE,
			 "AUX B: second head, native DPCD read completes (status %#x)", st);
		check_eq(AUX_SIZE(st) == 16 && !rx[0] && rx[1] == 0x12 && (rx[3] & 0x1f) == 4,
			 1, "AUX B: ACK, DPCD 1.2, 4 lanes");
		st = aux_xfer(v, 1, tx, aux_hdr(tx, 0x9, 0x200, 1), rx);
		check_eq(AUX_SIZE(st) == 2 && rx[1] == 1, 1, "AUX B: sink count 1");
		test_aux_edid(1, res);
	} else {
		check_eq(st & (AUX_BUSY | AUX_DONE | AUX_TIMEOUT), AUX_DONE | AUX_TIMEOUT,
			 "AUX B: one head, nothing connected, a timeout (status %#x)", st);
		i2c_port = 1;
		check_eq(i2c(0x4, 0, NULL, rx), 0, "AUX B: I2C-over-AUX gets no reply either");
		i2c_port = 0;
	}
	want = two ? 1u << 21 : 0;
	check_eq(mmio_rd(v, 0xc4000, 4) & (1u << 21), want,
		 "SDEISR: port B hotplug live status %s", two ? "set" : "clear");
	check_eq(mmio_rd(v, 0xc4000, 4) & (1u << 24), 1u << 24, "port A's still set");
	check_eq(mmio_rd(v, 0x44440, 4) & ~(1u << 3), 0,
		 "DE port ISR: port A only (port B is south on Skylake)");
	check_eq(mmio_rd(v, 0xc2014, 4) & 7, two ? 1u << 2 : 0,
		 "SFUSE_STRAP: DDI B %sstrapped, C and D not", two ? "" : "not ");
	mmio_wr(v, 0xc4030, 4, (1u << 28) | (1u << 12));
	check_eq(mmio_rd(v, 0xc4030, 4), (1u << 28) | (1u << 12),
		 "SHOTPLUG_CTL: port A and B detection enabled, no status latched");
	mmio_wr(v, 0xc4030, 4, (1u << 28) | (1u << 12) | (3u << 24) | (3u << 8));
	check_eq(mmio_rd(v, 0xc4030, 4), (1u << 28) | (1u << 12),
		 "SHOTPLUG_CTL: status bits of A and B are write-1-to-clear");
	mmio_wr(v, 0xc4030, 4, 0);
	check_err(xioctl(v->device, VFIO_DEVICE_RESET, NULL), 0, "device reset");
	check_eq(mmio_rd(v, 0xc4000, 4) & (1u << 21), want,
		 "after reset: port B's live status as before");
	st = aux_xfer(v, 1, tx, aux_hdr(tx, 0x9, 0, 15), rx);
	check_eq((st & (AUX_DONE | AUX_TIMEOUT)) == AUX_DONE, two,
		 "after reset: AUX B %s", two ? "answers" : "times out");
}

static bool one_type(const char *type, bool full)
{
	const struct vgpu_type *t = find_type(type);
	char res[32] = "", desc[512];
	char path[512];

	v = vgpu_new(type, t);
	if (!v || vgpu_create(v) || !vfio_open(v, false)) {
		tap_bail("could not create and open a %s vGPU", type);
		return false;
	}
	snprintf(path, sizeof(path), "%s/description", type_dir(t));
	if (sysfs_read(path, desc, sizeof(desc)) >= 0) {
		char *r = strstr(desc, "resolution: ");

		if (r)
			sscanf(r + 12, "%31s", res);
	}
	check_eq(!!res[0], 1, "%s: resolution %s from its description", type, res);
	if (full) {
		test_pcode();
		test_aux_dpcd();
	}
	test_aux_edid(0, res);
	check_err(xioctl(v->device, VFIO_DEVICE_RESET, NULL), 0, "device reset");
	test_aux_edid(0, res);
	test_head_b(t->low_mb >= 64, res);
	if (full) {
		test_gmbus();
		test_status_bits();
	}
	vfio_close(v);
	vgpu_remove(v);
	return true;
}

int main(int argc, char **argv)
{
	int ret = simple_program_start(argc, argv, 300);

	if (ret >= 0)
		return ret;
	if (one_type("GVTg_V5_8", true) && one_type("GVTg_V5_4", false))
		one_type("MGVT_V5_16", false);
	cleanup_all();
	return tap_finish();
}

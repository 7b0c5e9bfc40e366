// SPDX-License-Identifier: GPL-2.0
/*
 * Runs inside the L2 guest (its init's helper when the kernel command line
 * says mgvt_display, statically linked): drives the vGPU's display as a
 * guest driver would, through the guest's own PCI resources, with no i915.
 * It backs a 640x480 XRGB8888 framebuffer at the start of its aperture
 * slice with pages of its RAM (GGTT entries written through BAR0), draws a
 * known picture through the aperture (BAR2), programs pipe A for 640x480
 * at 60 Hz and its primary plane onto the framebuffer, and prints TAP and
 * then MGVT-L2-DISPLAY-READY on the console.  The host then takes a
 * screendump through QEMU's monitor and compares it with the same picture
 * (selftests/guest/screendump.py), and stops QEMU; this program only
 * waits.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mgvt_pvinfo.h"
#include "pagemap.h"
#include "tap.h"

#define W		640u
#define H		480u
#define STRIDE		(W * 4)
#define FB_BYTES	(STRIDE * H)
#define FB_PAGES	(FB_BYTES / 4096)

#define REGS_SIZE	0x80000u	/* BAR0 up to the display registers */
#define GGTT_OFF	(8u << 20)
#define HTOTAL_A	0x60000u
#define VTOTAL_A	0x6000cu
#define PIPESRC_A	0x6001cu
#define LINK_M1_A	0x60040u
#define LINK_N1_A	0x60044u
#define DDI_FUNC_CTL_A	0x60400u
#define PIPECONF_A	0x70008u
#define PLANE_CTL_A	0x70180u
#define PLANE_STRIDE_A	0x70188u
#define PLANE_SIZE_A	0x70190u
#define PLANE_SURF_A	0x7019cu
#define PLANE_OFFSET_A	0x701a4u
#define SURFLIVE_A	0x701acu
#define ENABLE		(1u << 31)
#define FMT_XRGB8888	(4u << 24)

static char devdir[512];

/* The picture; selftests/guest/screendump.py draws the same. */
static uint32_t pixel(uint32_t x, uint32_t y)
{
	uint32_t r = x * 255 / (W - 1), g = y * 255 / (H - 1);
	uint32_t b = (x / 32 + y / 32) % 2 ? 0xff : 0x40;

	return r << 16 | g << 8 | b;
}

static unsigned long read_hex(const char *dir, const char *name)
{
	char path[600], buf[64] = "";
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f)
		return ~0UL;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	return strtoul(buf, NULL, 16);
}

static int find_vgpu(void)
{
	DIR *d = opendir("/sys/bus/pci/devices");
	struct dirent *e;
	int found = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) && !found) {
		char dir[512];

		if (e->d_name[0] == '.')
			continue;
		snprintf(dir, sizeof(dir), "/sys/bus/pci/devices/%s", e->d_name);
		if (read_hex(dir, "vendor") == 0x8086 && read_hex(dir, "device") == 0x1912) {
			memcpy(devdir, dir, sizeof(devdir));
			found = 1;
		}
	}
	closedir(d);
	return found;
}

static volatile uint8_t *map_bar(int bar, size_t len, off_t off)
{
	char path[600];
	void *p;
	int fd;

	snprintf(path, sizeof(path), "%s/resource%d", devdir, bar);
	fd = open(path, O_RDWR | O_SYNC);
	if (fd < 0)
		return NULL;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off);
	close(fd);
	return p == MAP_FAILED ? NULL : p;
}

static volatile uint8_t *regs;

static void wr(uint32_t off, uint32_t val)
{
	*(volatile uint32_t *)(regs + off) = val;
}

static uint32_t rd(uint32_t off)
{
	return *(volatile uint32_t *)(regs + off);
}

/* GGTT entries of the framebuffer's GM -> locked pages of our RAM. */
static int back_framebuffer(uint32_t gm, uint32_t **ram)
{
	uint64_t first = gm / 4096, off = GGTT_OFF + first * 8, base = off & ~4095ULL;
	size_t len = (off - base + FB_PAGES * 8 + 4095) & ~4095UL;
	volatile uint64_t *pte;
	volatile uint8_t *ggtt;
	uint8_t *mem;
	unsigned int i;

	mem = mmap(NULL, FB_BYTES, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (mem == MAP_FAILED || mlock(mem, FB_BYTES))
		return 0;
	ggtt = map_bar(0, len, (off_t)base);
	if (!ggtt)
		return 0;
	pte = (volatile uint64_t *)(ggtt + (off - base));
	for (i = 0; i < FB_PAGES; i++) {
		uint64_t gpa = pagemap_phys(mem + (size_t)i * 4096);

		if (!gpa)
			return 0;
		pte[i] = gpa | 1;
		if (pte[i] != (gpa | 1))
			return 0;
	}
	*ram = (uint32_t *)mem;
	return 1;
}

int main(void)
{
	volatile uint32_t *ap;
	uint32_t map_base, *ram = NULL, x, y, bad = 0;

	tap_header();
	if (!tap_ok(find_vgpu(), "display: guest sees the vGPU 8086:1912"))
		goto out;
	regs = map_bar(0, REGS_SIZE, 0);
	if (!tap_ok(regs != NULL, "display: BAR0 registers map"))
		goto out;
	tap_ok(*(volatile uint64_t *)(regs + MGVT_PVINFO_BASE) == MGVT_PVINFO_MAGIC,
	       "display: PVINFO magic");
	map_base = rd(MGVT_PVINFO_BASE + MGVT_PVINFO_MAPPABLE_BASE);
	tap_diag("framebuffer at GM %#x, %u pages", map_base, FB_PAGES);
	if (!tap_ok(back_framebuffer(map_base, &ram),
		    "display: %u GGTT entries point at locked pages of guest RAM", FB_PAGES))
		goto out;

	ap = (volatile uint32_t *)map_bar(2, FB_BYTES, map_base);
	if (!tap_ok(ap != NULL, "display: the framebuffer maps through the aperture"))
		goto out;
	for (y = 0; y < H; y++)
		for (x = 0; x < W; x++)
			ap[y * W + x] = pixel(x, y);
	for (y = 0; y < H; y++)
		for (x = 0; x < W; x++)
			bad += ram[y * W + x] != pixel(x, y);
	tap_ok(!bad, "display: the picture drawn through the aperture is in guest RAM (%u bad)",
	       bad);

	/* 640x480@60: 800 x 525 total, 25.175 MHz, DDI A at 2.7 GHz. */
	wr(HTOTAL_A, (800u - 1) << 16 | (W - 1));
	wr(VTOTAL_A, (525u - 1) << 16 | (H - 1));
	wr(LINK_N1_A, 0x80000);
	wr(LINK_M1_A, (uint32_t)(25175ull * 0x80000 / 270000));
	wr(DDI_FUNC_CTL_A, 1u << 31);
	wr(PIPESRC_A, (W - 1) << 16 | (H - 1));
	wr(PLANE_STRIDE_A, STRIDE / 64);
	wr(PLANE_SIZE_A, (H - 1) << 16 | (W - 1));
	wr(PLANE_OFFSET_A, 0);
	wr(PLANE_SURF_A, map_base);
	wr(PLANE_CTL_A, ENABLE | FMT_XRGB8888);
	wr(PIPECONF_A, ENABLE);
	tap_ok(rd(PIPECONF_A) >> 30 == 3, "display: pipe A enabled");
	tap_ok(rd(SURFLIVE_A) == map_base, "display: the plane scans out the framebuffer");
out:
	fflush(stdout);
	printf("MGVT-L2-DISPLAY-READY rc=%d\n", tap_finish());
	fflush(stdout);
	/* The host takes its screendump, then stops QEMU. */
	sleep(900);
	return 0;
}

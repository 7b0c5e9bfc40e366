// SPDX-License-Identifier: GPL-2.0
/*
 * Runs inside the L2 guest (as its init's helper, statically linked): finds
 * the vGPU among the guest's PCI functions and checks what a GVT-g guest
 * driver checks first, through the guest's own PCI resources: identity in
 * config space, the PVINFO magic and version in BAR0 (with one 64-bit load,
 * as i915 reads it), its ballooning ranges, and the aperture slice in BAR2.
 * Then it does what i915 does with the GGTT: points an entry of its slice at
 * a page of its own RAM and reaches that page through the aperture, both
 * ways.  Prints TAP.
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

static char devdir[512];

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
	while ((e = readdir(d))) {
		char dir[512];

		if (e->d_name[0] == '.')
			continue;
		snprintf(dir, sizeof(dir), "/sys/bus/pci/devices/%s", e->d_name);
		tap_diag("pci %s %04lx:%04lx class %06lx", e->d_name,
			 read_hex(dir, "vendor"), read_hex(dir, "device"),
			 read_hex(dir, "class"));
		if (read_hex(dir, "vendor") == 0x8086 &&
		    read_hex(dir, "device") == 0x1912 && !found) {
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

/*
 * GGTT entry of GM page map_base + 4 KiB -> a locked page of our RAM; the
 * aperture at that GM address then is that page.
 */
static void ggtt_write_through(uint32_t map_base)
{
	uint64_t index = map_base / 4096 + 1, pte_off = 8ULL * index;
	volatile uint8_t *ggtt, *ap;
	volatile uint32_t *mem;
	uint64_t gpa;

	mem = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!tap_ok(mem != MAP_FAILED && mlock((void *)mem, 4096) == 0,
		    "a page of guest RAM allocated and locked"))
		return;
	mem[0] = 0x11223344;
	gpa = pagemap_phys((void *)mem);
	if (!tap_ok(gpa != 0, "its guest-physical address is %#llx", (unsigned long long)gpa))
		return;
	ggtt = map_bar(0, 4096, (8 << 20) + (pte_off & ~4095ULL));
	ap = map_bar(2, 4096, map_base + 4096);
	if (!tap_ok(ggtt && ap, "GGTT page of BAR0 and the aperture page map"))
		return;
	*(volatile uint64_t *)(ggtt + (pte_off & 4095)) = gpa | 1;
	tap_ok(*(volatile uint64_t *)(ggtt + (pte_off & 4095)) == (gpa | 1),
	       "GGTT entry %#llx reads back as written", (unsigned long long)index);
	tap_ok(*(volatile uint32_t *)ap == 0x11223344,
	       "the aperture shows the guest page the entry names");
	*(volatile uint32_t *)(ap + 0x80) = 0xcafef00d;
	tap_ok(mem[0x80 / 4] == 0xcafef00d,
	       "a write through the aperture lands in guest RAM");
	mem[0x100 / 4] = 0x600dd00d;
	tap_ok(*(volatile uint32_t *)(ap + 0x100) == 0x600dd00d,
	       "a write to guest RAM is seen through the aperture");
}

int main(void)
{
	volatile uint8_t *bar0, *ap;
	uint32_t map_base, map_size;

	tap_header();
	if (!tap_ok(find_vgpu(), "guest sees a PCI function 8086:1912"))
		return tap_finish();
	tap_diag("vGPU at %s", devdir);
	tap_ok(read_hex(devdir, "class") == 0x030000, "it is a VGA controller");

	/* PVINFO page (4 KiB) of BAR0. */
	bar0 = map_bar(0, MGVT_PVINFO_SIZE, MGVT_PVINFO_BASE);
	if (!tap_ok(bar0 != NULL, "BAR0 maps in the guest"))
		return tap_finish();
	tap_ok(*(volatile uint64_t *)bar0 == MGVT_PVINFO_MAGIC,
	       "PVINFO magic with one 64-bit load (%#llx)",
	       (unsigned long long)*(volatile uint64_t *)bar0);
	tap_ok(*(volatile uint32_t *)bar0 == (uint32_t)MGVT_PVINFO_MAGIC &&
	       *(volatile uint32_t *)(bar0 + 4) == (uint32_t)(MGVT_PVINFO_MAGIC >> 32),
	       "PVINFO magic with two 32-bit loads");
	tap_ok(*(volatile uint16_t *)(bar0 + MGVT_PVINFO_VER_MAJOR) == 1 &&
	       *(volatile uint16_t *)(bar0 + MGVT_PVINFO_VER_MINOR) == 0,
	       "PVINFO version 1.0");
	map_base = *(volatile uint32_t *)(bar0 + MGVT_PVINFO_MAPPABLE_BASE);
	map_size = *(volatile uint32_t *)(bar0 + MGVT_PVINFO_MAPPABLE_SIZE);
	tap_diag("mappable GM %#x+%#x, unmappable %#x+%#x, %u fences",
		 map_base, map_size,
		 *(volatile uint32_t *)(bar0 + MGVT_PVINFO_UNMAPPABLE_BASE),
		 *(volatile uint32_t *)(bar0 + MGVT_PVINFO_UNMAPPABLE_SIZE),
		 *(volatile uint32_t *)(bar0 + MGVT_PVINFO_FENCE_NUM));
	tap_ok(map_size && map_base >= (128U << 20), "PVINFO gives a mappable slice outside the host reserve");

	/* One page of our aperture slice, through BAR2 as the guest maps it. */
	ap = map_size ? map_bar(2, 4096, map_base) : NULL;
	if (tap_ok(ap != NULL, "aperture slice maps in the guest")) {
		*(volatile uint32_t *)(ap + 0x40) = 0x5a5aa5a5;
		tap_ok(*(volatile uint32_t *)(ap + 0x40) == 0x5a5aa5a5,
		       "aperture slice keeps what the guest writes");
	}
	if (map_size)
		ggtt_write_through(map_base);
	return tap_finish();
}

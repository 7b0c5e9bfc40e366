/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Physical address of a resident page of this process, from
 * /proc/self/pagemap (PFNs are shown to root only).  Used by the VFIO tests
 * (host physical = the sim's DMA address) and by the L2 guest probe
 * (guest physical = the IOVA QEMU maps).
 */
#ifndef MGVT_SELFTEST_PAGEMAP_H
#define MGVT_SELFTEST_PAGEMAP_H

#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>

/* The page's physical address, or 0 if unknown or not present. */
static inline uint64_t pagemap_phys(const void *va)
{
	int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	uint64_t e = 0;

	if (fd < 0)
		return 0;
	if (pread(fd, &e, 8, (off_t)((uintptr_t)va / 4096 * 8)) != 8 || !(e >> 63))
		e = 0;
	close(fd);
	return (e & ((1ULL << 55) - 1)) * 4096;
}

#endif /* MGVT_SELFTEST_PAGEMAP_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * trap_bench - what a trapped access costs, measured side by side in one run.
 *
 *  1. One BAR0 register read and write of an mgvt vGPU through the VFIO
 *     region (pread/pwrite on the device fd), against the kernel's mtty
 *     sample doing the same through its BAR0 region.  Rounds alternate
 *     between the two so both see the same machine; the median round counts.
 *  2. GGTT PTE writes per second, each pinning a guest page through VFIO and
 *     DMA-mapping it on the pGPU, then rewrites (unpin + pin), then the
 *     reset that drops them all.
 *
 * Run as root in the host VM with mgvt, mgvt_sim and mtty loaded (see
 * scripts/bench.sh).  Prints a report as TAP diagnostics plus one result
 * line per measurement that only says it was taken.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "vgpu_lib.h"

#define REG_RING_TAIL	0x2030		/* RCS RING_TAIL: a plain table register */
#define MTTY_SCR	7		/* UART scratch register of mtty's port 0 */
#define ROUNDS		9
#define PTE_PAGES	4096u		/* 16 MiB of guest memory */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return v[n / 2];
}

/* ns per access of @iters accesses of @len bytes at @pos of @fd. */
static double time_access(int fd, off_t pos, size_t len, bool write, long iters)
{
	uint32_t val = 0;
	double t0 = (now_s() * 1e9);

	for (long i = 0; i < iters; i++) {
		ssize_t n = write ? pwrite(fd, &val, len, pos) : pread(fd, &val, len, pos);

		if (n != (ssize_t)len)
			return -1;
	}
	return ((now_s() * 1e9) - t0) / (double)iters;
}

struct mtty {
	char uuid[37];
	int container, group, device;
};

static const char *mtty_type = "/sys/class/mdev_bus/mtty/mdev_supported_types/mtty-2";

static bool mtty_open(struct mtty *m)
{
	char link[PATH_MAX], path[PATH_MAX];
	ssize_t n;

	if (new_uuid(m->uuid) || sysfs_write(fmt("%s/create", mtty_type), m->uuid))
		return false;
	snprintf(path, sizeof(path), "/sys/bus/mdev/devices/%s/iommu_group", m->uuid);
	n = readlink(path, link, sizeof(link) - 1);
	if (n <= 0)
		return false;
	link[n] = 0;
	m->container = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
	m->group = open(fmt("/dev/vfio/%s", strrchr(link, '/') + 1), O_RDWR | O_CLOEXEC);
	if (m->container < 0 || m->group < 0 ||
	    ioctl(m->group, VFIO_GROUP_SET_CONTAINER, &m->container) ||
	    ioctl(m->container, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU))
		return false;
	m->device = ioctl(m->group, VFIO_GROUP_GET_DEVICE_FD, m->uuid);
	return m->device >= 0;
}

static void mtty_close(struct mtty *m)
{
	if (m->device >= 0)
		close(m->device);
	if (m->group >= 0)
		close(m->group);
	if (m->container >= 0)
		close(m->container);
	sysfs_write(fmt("/sys/bus/mdev/devices/%s/remove", m->uuid), "1");
}

static void bench_trap(const struct vgpu *v, const struct mtty *m, long iters)
{
	const off_t bar0 = region_offset(VFIO_PCI_BAR0_REGION_INDEX);
	double r_m[ROUNDS], r_t[ROUNDS], w_m[ROUNDS], w_t[ROUNDS], r1_m[ROUNDS];
	double rm, rt, wm, wt, r1m;
	bool ok = true;

	for (int r = 0; r < ROUNDS; r++) {
		r_m[r] = time_access(v->device, bar0 + REG_RING_TAIL, 4, false, iters);
		r_t[r] = time_access(m->device, bar0 + MTTY_SCR, 1, false, iters);
		w_m[r] = time_access(v->device, bar0 + REG_RING_TAIL, 4, true, iters);
		w_t[r] = time_access(m->device, bar0 + MTTY_SCR, 1, true, iters);
		r1_m[r] = time_access(v->device, bar0 + REG_RING_TAIL, 1, false, iters);
		ok &= r_m[r] > 0 && r_t[r] > 0 && w_m[r] > 0 && w_t[r] > 0 && r1_m[r] > 0;
	}
	if (!tap_ok(ok, "trapped BAR0 accesses measured (%d rounds of %ld each)", ROUNDS, iters))
		return;
	rm = median(r_m, ROUNDS);
	rt = median(r_t, ROUNDS);
	wm = median(w_m, ROUNDS);
	wt = median(w_t, ROUNDS);
	r1m = median(r1_m, ROUNDS);
	tap_diag("BAR0 register read : mgvt %7.0f ns (4 bytes)   mtty %7.0f ns (1 byte)   ratio %.2fx",
		 rm, rt, rm / rt);
	tap_diag("BAR0 register write: mgvt %7.0f ns (4 bytes)   mtty %7.0f ns (1 byte)   ratio %.2fx",
		 wm, wt, wm / wt);
	tap_diag("BAR0 1-byte read   : mgvt %7.0f ns             mtty %7.0f ns            ratio %.2fx",
		 r1m, rt, r1m / rt);
	printf("bench: trap_read_ratio %.3f\nbench: trap_write_ratio %.3f\n", rm / rt, wm / wt);
}

static void bench_ptes(const struct vgpu *v)
{
	struct vfio_iommu_type1_dma_map map = {
		.argsz = sizeof(map),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.iova = 4 * GiB, .size = (uint64_t)PTE_PAGES * 4096,
	};
	uint64_t first = v->pv.low_base / 4096 + 1;
	double t0, t_pin, t_re, t_reset;
	void *mem;

	if (v->pv.low_size / 4096 < PTE_PAGES + 1) {
		tap_skip("slice too small", "GGTT PTE writes");
		return;
	}
	mem = mmap(NULL, map.size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	map.vaddr = (uintptr_t)mem;
	if (!tap_ok(mem != MAP_FAILED && xioctl(v->container, VFIO_IOMMU_MAP_DMA, &map) == 0,
		    "16 MiB of guest memory DMA-mapped"))
		return;
	t0 = (now_s() * 1e9);
	for (unsigned int i = 0; i < PTE_PAGES; i++)
		pte_wr(v, first + i, (map.iova + 4096ull * i) | PTE_VALID);
	t_pin = (now_s() * 1e9) - t0;
	t0 = (now_s() * 1e9);
	for (unsigned int i = 0; i < PTE_PAGES; i++)
		pte_wr(v, first + i, (map.iova + 4096ull * ((i + 1) % PTE_PAGES)) | PTE_VALID);
	t_re = (now_s() * 1e9) - t0;
	t0 = (now_s() * 1e9);
	xioctl(v->device, VFIO_DEVICE_RESET, NULL);
	t_reset = (now_s() * 1e9) - t0;
	tap_ok(true, "GGTT PTE writes measured");
	tap_diag("GGTT PTE write, new page (pin + DMA map + PTE + invalidate): %8.0f /s (%.1f us each)",
		 PTE_PAGES / (t_pin / 1e9), t_pin / PTE_PAGES / 1e3);
	tap_diag("GGTT PTE rewrite (pin new, zap, unmap + unpin old)        : %8.0f /s (%.1f us each)",
		 PTE_PAGES / (t_re / 1e9), t_re / PTE_PAGES / 1e3);
	tap_diag("device reset dropping %u pins: %.1f ms", PTE_PAGES, t_reset / 1e6);
	printf("bench: pte_writes_per_s %.0f\nbench: pte_rewrites_per_s %.0f\n",
	       PTE_PAGES / (t_pin / 1e9), PTE_PAGES / (t_re / 1e9));
	munmap(mem, map.size);
}

int main(int argc, char **argv)
{
	long iters = argc > 1 ? atol(argv[1]) : 20000;
	struct mtty m = { .container = -1, .group = -1, .device = -1 };
	struct vgpu *v;

	tap_header();
	if (!tap_ok(find_parent(), "mgvt parent found"))
		return tap_finish();
	v = vgpu_new("bench", find_type("GVTg_V5_4"));
	if (!v || !tap_ok(vgpu_create(v) == 0 && vfio_open(v, false) && read_pvinfo(v),
			  "mgvt vGPU created and opened")) {
		cleanup_all();
		return tap_finish();
	}
	if (tap_ok(mtty_open(&m), "mtty sample device created and opened"))
		bench_trap(v, &m, iters);
	mtty_close(&m);
	bench_ptes(v);
	cleanup_all();
	return tap_finish();
}

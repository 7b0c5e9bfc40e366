// SPDX-License-Identifier: GPL-2.0
/*
 * hostile_test - a hostile VFIO user against the trap layer's pinning and
 * scratch pages (issue [hostile], holes 1 and 3).
 *
 * Unmap race: VFIO type1 calls mgvt's .dma_unmap, re-takes its lock, looks
 * at the range again and BUGs after ten rounds that still find pins.  A
 * thread rewrites a GGTT entry to a page of buffer D1 in a loop, another
 * pins and unpins file-backed pages (keeping type1's lock busy), two busy
 * threads load CPU 0, and the unmapping thread runs SCHED_IDLE on CPU 0 so
 * it can sleep for a long time between mgvt's notifier and type1's second
 * look.  Each round unmaps D1 and maps it again.  Passes when no unmap saw
 * more than one notification that found pins, the kernel log stays clean,
 * and a GGTT entry to D1 maps at once after every legitimate re-map.
 *
 * Scratch: a value written through BAR2 (region and mmap) into an unbacked
 * aperture page must not be readable after VFIO_DEVICE_RESET, nor by the
 * next user after close and reopen.
 *
 * Run as root inside the test VM, via run.sh.  MGVT_UNMAP_ROUNDS sets the
 * race's rounds (default 150), MGVT_UNMAP_SECONDS its time bound (default 40).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vgpu_lib.h"

#define IOVA_D1		(4 * GiB)	/* the buffer the user unmaps */
#define IOVA_FILE	(5 * GiB)	/* file-backed pages pinned in a loop */
#define FILE_PAGES	32u

static atomic_bool stop;

struct race {
	struct vgpu *v;
	struct guest_mem d1, file;
	uint64_t d1_index, file_index;	/* first GGTT entry of each */
	atomic_long rewrites, file_pins;
};

static void pin_cpu0(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/*
 * WA: two entries take turns naming D1, so a page of D1 is pinned nearly
 * all the time and every write that lands after an unmap notification
 * pins it again.
 */
static void *rewriter(void *arg)
{
	struct race *r = arg;
	uint64_t e1 = r->d1_index, e2 = r->d1_index + 1;

	while (!atomic_load(&stop)) {
		pte_wr(r->v, e1, pte_to(&r->d1, 0));
		pte_wr(r->v, e2, 0);
		pte_wr(r->v, e2, pte_to(&r->d1, 0));
		pte_wr(r->v, e1, 0);
		atomic_fetch_add(&r->rewrites, 1);
	}
	pte_wr(r->v, e2, 0);
	return NULL;
}

/* WB: pin and unpin file-backed pages, which holds type1's lock over I/O. */
static void *file_pinner(void *arg)
{
	struct race *r = arg;
	unsigned int i;

	while (!atomic_load(&stop)) {
		for (i = 0; i < FILE_PAGES; i++)
			pte_wr(r->v, r->file_index + i, pte_to(&r->file, i));
		for (i = 0; i < FILE_PAGES; i++)
			pte_wr(r->v, r->file_index + i, 0);
		atomic_fetch_add(&r->file_pins, 1);
	}
	return NULL;
}

static void *busy(void *arg)
{
	(void)arg;
	pin_cpu0();
	while (!atomic_load(&stop))
		;
	return NULL;
}

/* MAP_SHARED pages of a file in /tmp, so pinning them goes to the page cache. */
static bool file_mem(struct guest_mem *m, uint64_t iova, unsigned int pages)
{
	char path[] = "/tmp/mgvt-hostile-XXXXXX";
	int fd = mkstemp(path);

	if (fd < 0)
		return false;
	unlink(path);
	m->len = (size_t)pages * PAGE;
	m->iova = iova;
	if (ftruncate(fd, (off_t)m->len)) {
		close(fd);
		return false;
	}
	m->va = mmap(NULL, m->len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (m->va == MAP_FAILED)
		return false;
	memset(m->va, 0x5a, m->len);
	return true;
}

struct unmapper {
	struct race *r;
	unsigned int rounds, done, worst, hit;
	double deadline;
};

/* U: SCHED_IDLE on the loaded CPU; unmap D1, count notifications, remap. */
static void *unmapper(void *arg)
{
	struct unmapper *u = arg;
	struct sched_param sp = { 0 };
	struct race *r = u->r;

	pin_cpu0();
	sched_setscheduler(0, SCHED_IDLE, &sp);
	for (; u->done < u->rounds && now_s() < u->deadline; u->done++) {
		long before = vgpu_counter(r->v, "dma_unmaps"), seen;

		if (dma_unmap(r->v, r->d1.iova, r->d1.len))
			break;
		seen = vgpu_counter(r->v, "dma_unmaps") - before;
		u->hit += seen > 0;
		if (seen > (long)u->worst)
			u->worst = (unsigned int)seen;
		if (dma_map(r->v, &r->d1))
			break;
	}
	return NULL;
}

static void test_unmap_race(struct vgpu *v)
{
	const char *rounds_env = getenv("MGVT_UNMAP_ROUNDS");
	const char *secs_env = getenv("MGVT_UNMAP_SECONDS");
	struct race r = { .v = v };
	struct unmapper u = {
		.r = &r,
		.rounds = rounds_env ? (unsigned int)atoi(rounds_env) : 150,
		.deadline = now_s() + (secs_env ? atoi(secs_env) : 40),
	};
	pthread_t wa, wb, b1, b2, ut;
	long unmaps0 = vgpu_counter(v, "dma_unmaps");
	uint64_t scratch;
	int kmsg = kmsg_open();
	char log[16384];

	r.d1_index = gm_index(v->pv.low_base) + 1;
	r.file_index = r.d1_index + 2;
	scratch = sim_pte(r.d1_index);
	if (!tap_ok(guest_mem_alloc(&r.d1, IOVA_D1, 1, 0xd1d10000) && dma_map(v, &r.d1) == 0,
		    "race: buffer D1 allocated and DMA-mapped") ||
	    !tap_ok(file_mem(&r.file, IOVA_FILE, FILE_PAGES) && dma_map(v, &r.file) == 0,
		    "race: %u file-backed pages allocated and DMA-mapped", FILE_PAGES))
		return;

	atomic_store(&stop, false);
	pthread_create(&b1, NULL, busy, NULL);
	pthread_create(&b2, NULL, busy, NULL);
	pthread_create(&wa, NULL, rewriter, &r);
	pthread_create(&wb, NULL, file_pinner, &r);
	pthread_create(&ut, NULL, unmapper, &u);
	pthread_join(ut, NULL);
	atomic_store(&stop, true);
	pthread_join(wa, NULL);
	pthread_join(wb, NULL);
	pthread_join(b1, NULL);
	pthread_join(b2, NULL);

	tap_diag("race: %u unmap rounds (%u found pins), %ld rewrite passes, %ld file pin passes, %ld notifications with pins, %ld pin failures",
		 u.done, u.hit, atomic_load(&r.rewrites), atomic_load(&r.file_pins),
		 vgpu_counter(v, "dma_unmaps") - unmaps0, vgpu_counter(v, "pin_failures"));
	tap_ok(u.done > 0 && atomic_load(&r.rewrites) > 0,
	       "race: the unmapping thread and the rewriter both ran");
	tap_ok(u.worst <= 1,
	       "race: no unmap saw more than one notification that found pins (worst %u)",
	       u.worst);
	kmsg_collect(kmsg, log, sizeof(log));
	close(kmsg);
	tap_ok(!strstr(log, "kernel BUG") && !strstr(log, "Oops") && !strstr(log, "WARNING:"),
	       "race: no BUG, oops or warning in the kernel log");

	/* A legitimate re-map of the range works at once. */
	check_err(dma_unmap(v, r.d1.iova, r.d1.len), 0, "race: D1 unmapped after the race");
	check_err(dma_map(v, &r.d1), 0, "race: ... and mapped again");
	pte_wr(v, r.d1_index, pte_to(&r.d1, 0));
	tap_ok(sim_pte(r.d1_index) != scratch && (sim_pte(r.d1_index) & PTE_VALID),
	       "race: an entry to the re-mapped D1 is on the pGPU at once, not on scratch");
	check_eq(bar2_rd(v, v->pv.low_base + PAGE, 4), word(r.d1.va),
		 "race: ... and the aperture shows D1's bytes");
	pte_wr(v, r.d1_index, 0);
	check_eq(mgvt_stat("unmap_fences"), 0, "race: no unmap fence outlives its ioctl");
	dma_unmap(v, r.d1.iova, r.d1.len);
	dma_unmap(v, r.file.iova, r.file.len);
	munmap(r.d1.va, r.d1.len);
	munmap(r.file.va, r.file.len);
}

#define SECRET	0x5ec7e7u

/* Unbacked aperture pages written through the region and the mmap. */
static void leave_secret(struct vgpu *v, uint64_t gm)
{
	uint32_t *ap = map_bar2(v, gm, PAGE, MAP_SHARED);

	bar2_wr(v, gm + 64, 4, SECRET);
	if (ap != MAP_FAILED) {
		ap[32] = SECRET + 1;
		munmap(ap, PAGE);
	}
}

static void expect_no_secret(struct vgpu *v, uint64_t gm, const char *when)
{
	uint32_t *ap = map_bar2(v, gm, PAGE, MAP_SHARED);

	check_eq(bar2_rd(v, gm + 64, 4), 0, "scratch: %s the region write is gone", when);
	check_eq(bar2_rd(v, gm + 128, 4), 0, "scratch: %s the mmap write is gone", when);
	if (tap_ok(ap != MAP_FAILED, "scratch: %s the page maps", when)) {
		check_eq(ap[16] | ap[32], 0, "scratch: %s the mapping shows neither value", when);
		munmap(ap, PAGE);
	}
}

static void test_scratch(struct vgpu *v)
{
	uint64_t gm = v->pv.low_base + 7 * PAGE;	/* no entry ever written */

	leave_secret(v, gm);
	check_eq(bar2_rd(v, gm + 64, 4), SECRET, "scratch: an unbacked page keeps a write (for now)");
	check_err(xioctl(v->device, VFIO_DEVICE_RESET, NULL), 0, "scratch: VFIO_DEVICE_RESET");
	expect_no_secret(v, gm, "after reset");

	leave_secret(v, gm);
	vfio_close(v);
	if (!vfio_open(v, false) || !read_pvinfo(v)) {
		tap_ok(false, "scratch: the device opens again for the next user");
		return;
	}
	expect_no_secret(v, gm, "after close and reopen");
}

int main(int argc, char **argv)
{
	int ret = simple_program_start(argc, argv, 240);
	struct vgpu *v;

	if (ret >= 0)
		return ret;
	v = vgpu_new("A", find_type("GVTg_V5_8"));
	if (!v || !tap_ok(vgpu_create(v) == 0, "vGPU created") || !vfio_open(v, true) ||
	    !tap_ok(read_pvinfo(v), "PVINFO readable")) {
		tap_bail("could not create and open a vGPU");
		cleanup_all();
		return tap_finish();
	}
	test_scratch(v);
	test_unmap_race(v);
	vfio_close(v);
	cleanup_all();
	return tap_finish();
}

// SPDX-License-Identifier: GPL-2.0
/*
 * container_test - two vGPUs and one VFIO container (issue [hostile], hole 2).
 *
 * VFIO type1 in 6.1 deadlocks when a device that pins (vGPU A, its unmap
 * notifier unpinning under type1's device list lock) shares a container
 * with another device whose first open or last close registers with type1
 * (vGPU B).  The reproduction: T1 rewrites A's GGTT entries to a mapped
 * buffer (pin, unpin), T2 opens and closes B through a group attached to
 * A's container, T3 unmaps and maps the buffer A pins.  Unfixed, the three
 * threads end in D state for good within seconds.
 *
 * mgvt refuses B's open with EBUSY while A is registered with the container
 * (and logs it, naming the vGPU); B opens in a container of its own in the
 * same process, and in A's container once A is closed.  The reproduction
 * then runs for its rounds and ends, every open of B refused.
 *
 * Run as root inside the test VM, via run.sh.  MGVT_CONTAINER_SECONDS bounds
 * the reproduction (default 10).  Where B's open is not refused the
 * reproduction is skipped unless MGVT_CONTAINER_FORCE is set, because it
 * would hang the kernel's VFIO container for good.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vgpu_lib.h"

#define IOVA_BUF	(4 * GiB)
#define BUF_PAGES	4u

static atomic_bool stop;

struct repro {
	struct vgpu *a, *b;
	int b_group;			/* B's group, attached to A's container */
	struct guest_mem buf;
	uint64_t index;			/* A's first GGTT entry used */
	atomic_long rewrites, opens_refused, opens_ok, other_errors, remaps;
};

/* B's group fd attached to @container; -1 on failure (diagnosed). */
static int attach_group(const struct vgpu *b, int container)
{
	int fd = open(fmt("/dev/vfio/%d", b->group_id), O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		tap_diag("open /dev/vfio/%d: %s", b->group_id, strerror(errno));
		return -1;
	}
	if (ioctl(fd, VFIO_GROUP_SET_CONTAINER, &container)) {
		tap_diag("VFIO_GROUP_SET_CONTAINER: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* T1: A's entries name pages of the buffer and go back to 0: pin, unpin. */
static void *rewriter(void *arg)
{
	struct repro *r = arg;
	unsigned int i;

	while (!atomic_load(&stop)) {
		for (i = 0; i < BUF_PAGES; i++)
			pte_wr(r->a, r->index + i, pte_to(&r->buf, i));
		for (i = 0; i < BUF_PAGES; i++)
			pte_wr(r->a, r->index + i, 0);
		atomic_fetch_add(&r->rewrites, 1);
	}
	return NULL;
}

/* T2: first open and last close of B, in A's container. */
static void *opener(void *arg)
{
	struct repro *r = arg;

	while (!atomic_load(&stop)) {
		int fd = ioctl(r->b_group, VFIO_GROUP_GET_DEVICE_FD, r->b->uuid);

		if (fd >= 0) {
			atomic_fetch_add(&r->opens_ok, 1);
			close(fd);
		} else if (errno == EBUSY) {
			atomic_fetch_add(&r->opens_refused, 1);
		} else {
			atomic_fetch_add(&r->other_errors, 1);
		}
	}
	return NULL;
}

/* T3: unmap and map again the buffer A pins. */
static void *remapper(void *arg)
{
	struct repro *r = arg;

	while (!atomic_load(&stop)) {
		if (dma_unmap(r->a, r->buf.iova, r->buf.len) || dma_map(r->a, &r->buf)) {
			atomic_fetch_add(&r->other_errors, 1);
			break;
		}
		atomic_fetch_add(&r->remaps, 1);
	}
	return NULL;
}

/* Two unmappers, each of a buffer A keeps pinned through its own entry. */
struct unmapper {
	struct repro *r;
	struct guest_mem *m;
	uint64_t index;
	atomic_long passes;
};

static void *pin_loop(void *arg)
{
	struct unmapper *u = arg;

	while (!atomic_load(&stop)) {
		pte_wr(u->r->a, u->index, pte_to(u->m, 0));
		pte_wr(u->r->a, u->index, 0);
	}
	return NULL;
}

static void *unmap_loop(void *arg)
{
	struct unmapper *u = arg;

	while (!atomic_load(&stop)) {
		if (dma_unmap(u->r->a, u->m->iova, u->m->len) || dma_map(u->r->a, u->m))
			break;
		atomic_fetch_add(&u->passes, 1);
	}
	return NULL;
}

/*
 * One vGPU, two threads unmapping pinned ranges of its container at once.
 * 6.1's type1 takes device_list_lock under iommu->lock to notify, and the
 * notified driver's unpin takes iommu->lock under device_list_lock: the two
 * unmaps deadlock within a second (README.md, "Limits").  No module can
 * avoid it, so this runs only on a kernel with type1's locks in one order
 * (make check-debug's, MGVT_TYPE1_FIXED=1).
 */
static void test_two_unmaps(struct repro *r)
{
	struct guest_mem m2;
	struct unmapper u[2] = {
		{ .r = r, .m = &r->buf, .index = r->index },
		{ .r = r, .m = &m2, .index = r->index + BUF_PAGES },
	};
	pthread_t t[4];
	unsigned int i;

	if (!getenv("MGVT_TYPE1_FIXED")) {
		tap_skip("Linux 6.1's type1 deadlocks here; make check-debug runs it",
			 "unmaps: two threads unmap pinned ranges at once");
		return;
	}
	if (!tap_ok(guest_mem_alloc(&m2, IOVA_BUF + GiB, 1, 0xb1f0000) && dma_map(r->a, &m2) == 0,
		    "unmaps: a second buffer mapped into A's container"))
		return;
	atomic_store(&stop, false);
	for (i = 0; i < 2; i++) {
		pthread_create(&t[i], NULL, pin_loop, &u[i]);
		pthread_create(&t[2 + i], NULL, unmap_loop, &u[i]);
	}
	sleep(5);
	atomic_store(&stop, true);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	tap_diag("unmaps: %ld and %ld unmap/map passes", atomic_load(&u[0].passes),
		 atomic_load(&u[1].passes));
	tap_ok(atomic_load(&u[0].passes) > 0 && atomic_load(&u[1].passes) > 0,
	       "unmaps: two threads unmap pinned ranges at once, and both finish");
	pte_wr(r->a, u[0].index, 0);
	pte_wr(r->a, u[1].index, 0);
	dma_unmap(r->a, m2.iova, m2.len);
	munmap(m2.va, m2.len);
}

static bool log_names_refusal(const char *log, const struct vgpu *b)
{
	const char *p = strstr(log, b->uuid);

	return p && strstr(p, "open refused") && strstr(p, "same VFIO container");
}

static void test_refused(struct repro *r)
{
	int kmsg = kmsg_open();
	long refused0 = vgpu_counter(r->b, "container_refused");
	char log[8192];
	int fd;

	errno = 0;
	fd = ioctl(r->b_group, VFIO_GROUP_GET_DEVICE_FD, r->b->uuid);
	if (fd >= 0)
		close(fd);
	check_err(fd < 0 ? -errno : 0, EBUSY,
		  "shared: B's open in A's container while A is open fails with EBUSY");
	kmsg_collect(kmsg, log, sizeof(log));
	close(kmsg);
	tap_ok(log_names_refusal(log, r->b),
	       "shared: the kernel log names B and says why its open was refused");
	check_eq(vgpu_counter(r->b, "container_refused") - refused0, 1,
		 "shared: B's container_refused counter counts the refusal");
}

static void test_repro(struct repro *r)
{
	const char *secs = getenv("MGVT_CONTAINER_SECONDS");
	double end = now_s() + (secs ? atoi(secs) : 10);
	pthread_t t1, t2, t3;
	int kmsg = kmsg_open();
	char log[16384];

	atomic_store(&stop, false);
	pthread_create(&t1, NULL, rewriter, r);
	pthread_create(&t2, NULL, opener, r);
	pthread_create(&t3, NULL, remapper, r);
	while (now_s() < end)
		usleep(100 * 1000);
	atomic_store(&stop, true);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	pthread_join(t3, NULL);

	tap_diag("repro: %ld rewrite passes, %ld remaps, %ld opens of B refused, %ld opened, %ld other errors",
		 atomic_load(&r->rewrites), atomic_load(&r->remaps),
		 atomic_load(&r->opens_refused), atomic_load(&r->opens_ok),
		 atomic_load(&r->other_errors));
	tap_ok(atomic_load(&r->rewrites) > 0 && atomic_load(&r->remaps) > 0 &&
	       atomic_load(&r->opens_refused) > 0,
	       "repro: the three threads ran to the end (pins, remaps, opens of B)");
	check_eq(atomic_load(&r->opens_ok), 0, "repro: no open of B in A's container succeeded");
	check_eq(atomic_load(&r->other_errors), 0, "repro: no other error");
	kmsg_collect(kmsg, log, sizeof(log));
	close(kmsg);
	tap_ok(!strstr(log, "kernel BUG") && !strstr(log, "Oops") && !strstr(log, "WARNING:") &&
	       !strstr(log, "blocked for more than"),
	       "repro: no BUG, oops, warning or hung task in the kernel log");
}

/* B in a container of its own, A still open: opens and works. */
static void test_own_container(struct repro *r)
{
	uint64_t e;

	if (!tap_ok(vfio_open(r->b, false) && read_pvinfo(r->b),
		    "own: B opens in a container of its own while A is open, in the same process"))
		return;
	e = gm_index(r->b->pv.low_base);
	tap_ok(dma_map(r->b, &r->buf) == 0, "own: the buffer maps into B's container too");
	pte_wr(r->b, e, pte_to(&r->buf, 0));
	check_eq(bar2_rd(r->b, r->b->pv.low_base, 4), word(r->buf.va),
		 "own: B's aperture shows the buffer through its GGTT");
	pte_wr(r->b, e, 0);
	dma_unmap(r->b, r->buf.iova, r->buf.len);
	vfio_close(r->b);
}

/* Once A is closed, its container takes B; then A is the one refused. */
static void test_after_close(struct repro *r)
{
	int a_group = r->a->group, fd;

	close(r->a->device);
	r->a->device = -1;
	fd = ioctl(r->b_group, VFIO_GROUP_GET_DEVICE_FD, r->b->uuid);
	tap_ok(fd >= 0, "after: with A closed, B opens in A's container");
	if (fd < 0)
		return;
	errno = 0;
	r->a->device = ioctl(a_group, VFIO_GROUP_GET_DEVICE_FD, r->a->uuid);
	check_err(r->a->device < 0 ? -errno : 0, EBUSY,
		  "after: ... and A, opened again in it, is refused with EBUSY");
	close(fd);
	if (r->a->device < 0)
		r->a->device = ioctl(a_group, VFIO_GROUP_GET_DEVICE_FD, r->a->uuid);
	tap_ok(r->a->device >= 0, "after: with B closed again, A opens again");
}

int main(int argc, char **argv)
{
	int ret = simple_program_start(argc, argv, 240);
	struct repro r = { 0 };
	int fd;

	if (ret >= 0)
		return ret;
	r.a = vgpu_new("A", find_type("GVTg_V5_8"));
	r.b = vgpu_new("B", find_type("GVTg_V5_8"));
	if (!r.a || !r.b || !tap_ok(vgpu_create(r.a) == 0 && vgpu_create(r.b) == 0,
				    "two vGPUs created") ||
	    !vfio_open(r.a, false) || !tap_ok(read_pvinfo(r.a), "A open, PVINFO readable")) {
		tap_bail("could not create and open the vGPUs");
		cleanup_all();
		return tap_finish();
	}
	r.index = gm_index(r.a->pv.low_base);
	if (!tap_ok(guest_mem_alloc(&r.buf, IOVA_BUF, BUF_PAGES, 0xb0f0000) &&
		    dma_map(r.a, &r.buf) == 0, "a buffer is mapped into A's container") ||
	    !tap_ok((r.b_group = attach_group(r.b, r.a->container)) >= 0,
		    "B's group joins A's container")) {
		cleanup_all();
		return tap_finish();
	}
	pte_wr(r.a, r.index, pte_to(&r.buf, 0));	/* A holds a pin */
	test_refused(&r);
	pte_wr(r.a, r.index, 0);

	/*
	 * Unfixed, B just opened: the reproduction would hang for good, so it
	 * runs only when asked to (MGVT_CONTAINER_FORCE=1).
	 */
	fd = ioctl(r.b_group, VFIO_GROUP_GET_DEVICE_FD, r.b->uuid);
	if (fd >= 0)
		close(fd);
	if (fd >= 0 && !getenv("MGVT_CONTAINER_FORCE")) {
		tap_skip("B opens in A's container, so it would deadlock", "repro: the three-thread reproduction");
	} else {
		test_repro(&r);
	}
	test_two_unmaps(&r);
	test_after_close(&r);
	close(r.b_group);
	test_own_container(&r);

	dma_unmap(r.a, r.buf.iova, r.buf.len);
	munmap(r.buf.va, r.buf.len);
	vfio_close(r.a);
	cleanup_all();
	return tap_finish();
}

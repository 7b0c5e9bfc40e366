// SPDX-License-Identifier: GPL-2.0
/*
 * stress_test - vGPU life cycles and concurrency, with leak accounting.
 *
 *  1. MGVT_STRESS_CYCLES (default 1000) create / open / use (DMA map, GGTT
 *     entries, aperture mmap, registers) / close / remove cycles; afterwards
 *     mgvt's own accounting (debugfs "stats": vGPUs, open devices, pins, pin
 *     slab objects, aperture mappings, DMA mappings), mgvt_sim's DMA
 *     mappings, every type's available_instances (GM and fences) and this
 *     process's VmLck are what they were before.  Slab totals of the kernel
 *     are reported, not asserted (no kmemleak in the distribution kernel).
 *  2. Device resets while another thread hammers registers and the GGTT,
 *     then removal of the open vGPU under the hammer: REQ arrives, the user
 *     closes, the removal completes.
 *  3. Many threads on several vGPUs at once, each checking its own register
 *     by value: no access lost or leaked into another vGPU.
 *  4. A vGPU whose user hangs on to it during removal stalls nobody else.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vgpu_lib.h"

#define REG_PLAIN	0x1ff000	/* plain register storage (4 KiB of it) */
#define IOVA		(4 * GiB)

static const char *const stat_names[] = {
	"vgpus", "open_devices", "pinned", "pin_objects", "vmas", "dma_maps",
};

#define MAX_CACHES	512

struct cache_count {
	char name[48];
	long objs;
};

struct snapshot {
	struct cache_count caches[MAX_CACHES];
	unsigned int nr_caches;
	long stat[ARRAY_SIZE(stat_names)];
	long sim_dma, vmlck, slab_kb, sunreclaim_kb;
	long avail[NR_VGPU_TYPES];
};

static long meminfo_kb(const char *key)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[256], k[64];
	long kb = -1, v;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%63[^:]: %ld", k, &v) == 2 && !strcmp(k, key))
			kb = v;
	fclose(f);
	return kb;
}

/* Active objects per slab cache, from /proc/slabinfo. */
static void read_slabinfo(struct snapshot *s)
{
	FILE *f = fopen("/proc/slabinfo", "r");
	char line[512];

	s->nr_caches = 0;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f) && s->nr_caches < MAX_CACHES) {
		struct cache_count *c = &s->caches[s->nr_caches];

		if (line[0] != '#' && sscanf(line, "%47s %ld", c->name, &c->objs) == 2)
			s->nr_caches++;
	}
	fclose(f);
}

/* The caches that grew most from @a to @b, as one diagnostic line. */
static void report_growth(const struct snapshot *a, const struct snapshot *b, const char *when)
{
	char out[512] = "";
	size_t len = 0;

	for (int round = 0; round < 5; round++) {
		long best = 0;
		int bi = -1;

		for (unsigned int i = 0; i < b->nr_caches; i++) {
			long before = 0, d;

			for (unsigned int j = 0; j < a->nr_caches; j++)
				if (!strcmp(a->caches[j].name, b->caches[i].name))
					before = a->caches[j].objs;
			d = b->caches[i].objs - before;
			if (d > best && !strstr(out, b->caches[i].name)) {
				best = d;
				bi = (int)i;
			}
		}
		if (bi < 0)
			break;
		len += (size_t)snprintf(out + len, sizeof(out) - len, " %s +%ld",
					b->caches[bi].name, best);
	}
	tap_diag("%s: slab caches that grew most (objects):%s", when, *out ? out : " none");
}

static void snap(struct snapshot *s)
{
	read_slabinfo(s);
	for (unsigned int i = 0; i < ARRAY_SIZE(stat_names); i++)
		s->stat[i] = mgvt_stat(stat_names[i]);
	s->sim_dma = sim_dma_mapped();
	s->vmlck = vm_locked_kb();
	s->slab_kb = meminfo_kb("Slab");
	s->sunreclaim_kb = meminfo_kb("SUnreclaim");
	for (unsigned int i = 0; i < NR_VGPU_TYPES; i++)
		s->avail[i] = available(&vgpu_types[i]);
}

static void check_same(const struct snapshot *a, const struct snapshot *b, const char *when)
{
	bool avail_ok = true;

	for (unsigned int i = 0; i < ARRAY_SIZE(stat_names); i++)
		check_eq(b->stat[i], a->stat[i], "%s: mgvt stats %s unchanged (%ld)", when,
			 stat_names[i], a->stat[i]);
	check_eq(b->sim_dma, a->sim_dma, "%s: mgvt_sim DMA mappings unchanged (%ld)", when,
		 a->sim_dma);
	check_eq(b->vmlck, a->vmlck, "%s: VmLck unchanged (%ld kB)", when, a->vmlck);
	for (unsigned int i = 0; i < NR_VGPU_TYPES; i++)
		avail_ok &= a->avail[i] == b->avail[i];
	tap_ok(avail_ok, "%s: available_instances of every type unchanged (GM and fences)", when);
	tap_diag("%s: kernel slab %ld kB -> %ld kB, unreclaimable %ld kB -> %ld kB (reported, not asserted)",
		 when, a->slab_kb, b->slab_kb, a->sunreclaim_kb, b->sunreclaim_kb);
	report_growth(a, b, when);
}

/* One full life of @v: create, open, use, close, remove. False on a failed step. */
static bool one_cycle(struct vgpu *v, struct guest_mem *m, unsigned int n, char *why, size_t len)
{
	uint8_t *ap;
	uint64_t first;

	if (vgpu_create(v)) {
		snprintf(why, len, "create: %s", strerror(errno));
		return false;
	}
	if (!vfio_open(v, false) || !read_pvinfo(v) || dma_map(v, m)) {
		snprintf(why, len, "open or DMA map");
		vfio_close(v);
		vgpu_remove(v);
		return false;
	}
	first = gm_index(v->pv.low_base);
	for (unsigned int i = 0; i < 4; i++)
		pte_wr(v, first + i, pte_to(m, (n + i) % 4));
	mmio_wr(v, REG_PLAIN, 4, n);
	ap = map_bar2(v, v->pv.low_base, 4 * PAGE, MAP_SHARED);
	if (ap == MAP_FAILED || word(ap) != word(mem_page(m, n % 4)) ||
	    mmio_rd(v, REG_PLAIN, 4) != n) {
		snprintf(why, len, "aperture or register check");
		if (ap != MAP_FAILED)
			munmap(ap, 4 * PAGE);
		vfio_close(v);
		vgpu_remove(v);
		return false;
	}
	if (n % 2)
		munmap(ap, 4 * PAGE);	/* else closing with the mapping alive */
	vfio_close(v);
	if (!(n % 2))
		munmap(ap, 4 * PAGE);
	if (vgpu_remove(v)) {
		snprintf(why, len, "remove: %s", strerror(errno));
		return false;
	}
	return true;
}

static void test_cycles(unsigned int cycles)
{
	static const char *const types[] = { "GVTg_V5_8", "MGVT_V5_16", "MGVT_V5_32", "GVTg_V5_4" };
	static struct snapshot before, after;
	struct guest_mem m;
	unsigned int done = 0;
	char why[128] = "";
	double t0;

	struct vgpu *v = vgpu_new("C", find_type(types[0]));

	if (!tap_ok(v && guest_mem_alloc(&m, IOVA, 4, 0x1c1c0000),
		    "cycles: guest memory allocated"))
		return;
	snap(&before);
	t0 = now_s();
	for (unsigned int n = 0; n < cycles; n++) {
		v->type = find_type(types[n % 4]);
		if (!one_cycle(v, &m, n, why, sizeof(why)))
			break;
		done++;
	}
	if (!check_eq(done, cycles, "cycles: %u create/open/use/close/remove cycles", cycles))
		tap_diag("  cycle %u failed: %s", done, why);
	tap_diag("cycles: %u in %.1f s (%.1f ms each)", done, now_s() - t0,
		 done ? (now_s() - t0) * 1e3 / done : 0.0);
	snap(&after);
	check_same(&before, &after, "after the cycles");
	munmap(m.va, m.len);
}

/* --- resets and removal under a hammering thread --- */

struct hammer {
	struct vgpu *v;
	struct guest_mem *m;
	atomic_bool stop;
	atomic_long ops, errors;
};

static void *hammer_fn(void *arg)
{
	struct hammer *h = arg;
	uint64_t first = gm_index(h->v->pv.low_base);

	for (unsigned long i = 0; !atomic_load(&h->stop); i++) {
		int e = mmio_wr(h->v, REG_PLAIN + 4 * (i % 64), 4, (uint32_t)i);

		e |= pte_wr(h->v, first + i % 8, pte_to(h->m, i % 4));
		(void)mmio_rd(h->v, 0x2030, 4);
		atomic_fetch_add(e ? &h->errors : &h->ops, 1);
	}
	return NULL;
}

static void test_hammer(void)
{
	struct vgpu *v = vgpu_new("H", find_type("GVTg_V5_8"));
	struct hammer h = { .v = v };
	struct bg_remove r = { .done_efd = -1 };
	static struct snapshot before, after;
	struct guest_mem m;
	pthread_t th;
	long ops0;
	int req;

	snap(&before);
	if (!v || !tap_ok(vgpu_create(v) == 0 && vfio_open(v, false) && read_pvinfo(v) &&
			  guest_mem_alloc(&m, IOVA, 4, 0x4a4a0000) && dma_map(v, &m) == 0,
			  "hammer: vGPU created, opened, guest memory mapped"))
		return;
	h.m = &m;
	req = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	check_err(set_irq_eventfd(v, VFIO_PCI_REQ_IRQ_INDEX, VFIO_IRQ_SET_ACTION_TRIGGER, req), 0,
		  "hammer: REQ eventfd installed");
	pthread_create(&th, NULL, hammer_fn, &h);
	for (int i = 0; i < 20; i++) {
		usleep(20 * 1000);
		xioctl(v->device, VFIO_DEVICE_RESET, NULL);
	}
	ops0 = atomic_load(&h.ops);
	usleep(100 * 1000);
	tap_ok(atomic_load(&h.ops) > ops0, "hammer: 20 device resets under the hammer, it still runs (%ld ops)",
	       atomic_load(&h.ops));
	check_eq(atomic_load(&h.errors), 0, "hammer: no access failed during the resets");

	check_err(bg_remove_start(&r, v), 0, "hammer: removal of the open vGPU started");
	tap_ok(wait_readable(req, 10000), "hammer: removal of the open vGPU signals REQ");
	tap_ok(!bg_remove_wait(&r, 0), "hammer: ... and waits for the user");
	atomic_store(&h.stop, true);
	pthread_join(th, NULL);
	munmap(m.va, m.len);
	vfio_close(v);
	if (tap_ok(bg_remove_wait(&r, 5000), "hammer: the removal completes once the user closed")) {
		check_err(r.result, 0, "hammer: remove returned success");
		tap_ok(!path_exists(v->dir), "hammer: the vGPU is gone");
	}
	close(req);
	snap(&after);
	check_same(&before, &after, "after the hammer");
}

/* --- many threads, several vGPUs --- */

#define NR_V		3
#define NR_T		4

struct worker {
	struct vgpu *v;
	unsigned int id;
	atomic_bool *stop;
	long ops, bad;
};

static void *worker_fn(void *arg)
{
	struct worker *w = arg;
	uint64_t off = REG_PLAIN + 0x100 + 4 * w->id;

	for (uint32_t i = 0; !atomic_load(w->stop); i++) {
		uint32_t val = w->id << 24 | (i & 0xffffff);

		mmio_wr(w->v, off, 4, val);
		if (mmio_rd(w->v, off, 4) != val)
			w->bad++;
		w->ops++;
	}
	return NULL;
}

static void test_concurrent(unsigned int seconds)
{
	struct vgpu *v[NR_V];
	struct worker w[NR_V * NR_T];
	pthread_t t[NR_V * NR_T];
	atomic_bool stop = false;
	long ops = 0, bad = 0;
	bool ok = true, clean = true;

	for (unsigned int i = 0; i < NR_V; i++) {
		v[i] = vgpu_new("M", find_type("GVTg_V5_8"));
		ok &= v[i] && vgpu_create(v[i]) == 0 && vfio_open(v[i], false);
	}
	if (!tap_ok(ok, "concurrent: %u vGPUs created and opened", NR_V))
		return;
	for (unsigned int i = 0; i < NR_V * NR_T; i++) {
		/* each thread owns one register; vGPU i's threads use ids 8i.. */
		w[i] = (struct worker){ .v = v[i / NR_T], .id = 8 * (i / NR_T) + i % NR_T,
					.stop = &stop };
		pthread_create(&t[i], NULL, worker_fn, &w[i]);
	}
	sleep(seconds);
	atomic_store(&stop, true);
	for (unsigned int i = 0; i < NR_V * NR_T; i++) {
		pthread_join(t[i], NULL);
		ops += w[i].ops;
		bad += w[i].bad;
	}
	tap_diag("concurrent: %ld register write+read pairs from %u threads on %u vGPUs in %u s",
		 ops, NR_V * NR_T, NR_V, seconds);
	check_eq(bad, 0, "concurrent: every thread read back what it wrote");
	/* Other vGPUs' registers of the same ids hold nothing of this one. */
	for (unsigned int i = 0; i < NR_V; i++)
		for (unsigned int j = 0; j < NR_V; j++)
			if (i != j)
				for (unsigned int k = 0; k < NR_T; k++)
					clean &= mmio_rd(v[i], REG_PLAIN + 0x100 + 4 * (8 * j + k), 4) == 0;
	tap_ok(clean, "concurrent: no vGPU holds a value another vGPU's threads wrote");
	for (unsigned int i = 0; i < NR_V; i++) {
		vfio_close(v[i]);
		vgpu_remove(v[i]);
	}
}

/* --- a vGPU whose user will not let go stalls nobody else --- */

static void test_no_stall(void)
{
	struct vgpu *x = vgpu_new("X", find_type("GVTg_V5_8"));
	struct vgpu *y = vgpu_new("Y", find_type("GVTg_V5_8"));
	struct bg_remove r = { .done_efd = -1 };
	int ready[2], status;
	struct guest_mem m;
	double t0;
	pid_t pid;
	bool ok = true;

	if (!x || !y || !tap_ok(vgpu_create(x) == 0 && pipe(ready) == 0, "no-stall: vGPU X created"))
		return;
	pid = fork();
	if (pid == 0) {
		/* The stubborn user: opens X, ignores REQ, never closes. */
		char c = vfio_open(x, false) ? 'y' : 'n';

		if (write(ready[1], &c, 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	{
		char c = 0;

		tap_ok(read(ready[0], &c, 1) == 1 && c == 'y', "no-stall: another process opened X");
	}
	check_err(bg_remove_start(&r, x), 0, "no-stall: removal of X started");
	tap_ok(!bg_remove_wait(&r, 200), "no-stall: X's removal waits for its user");

	t0 = now_s();
	ok = vgpu_create(y) == 0 && vfio_open(y, false) && read_pvinfo(y) &&
	     guest_mem_alloc(&m, IOVA, 4, 0x77770000) && dma_map(y, &m) == 0;
	for (unsigned int i = 0; ok && i < 1000; i++) {
		ok &= mmio_wr(y, REG_PLAIN, 4, i) == 0 && mmio_rd(y, REG_PLAIN, 4) == i;
		ok &= pte_wr(y, gm_index(y->pv.low_base) + i % 4, pte_to(&m, i % 4)) == 0;
	}
	tap_ok(ok, "no-stall: meanwhile vGPU Y is created, opened and does 1000 register and GGTT writes");
	tap_diag("no-stall: Y's work took %.2f s", now_s() - t0);
	vfio_close(y);
	check_err(vgpu_remove(y), 0, "no-stall: Y is removed while X's removal still waits");
	if (m.va)
		munmap(m.va, m.len);

	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	if (tap_ok(bg_remove_wait(&r, 5000), "no-stall: X's removal completes once its user is killed"))
		check_err(r.result, 0, "no-stall: X's remove returned success");
	close(ready[0]);
	close(ready[1]);
}

int main(int argc, char **argv)
{
	int ret;
	const char *env = getenv("MGVT_STRESS_CYCLES");
	unsigned int cycles = env ? (unsigned int)atoi(env) : 1000;
	static struct snapshot start, end;

	ret = simple_program_start(argc, argv, 1200);
	if (ret >= 0)
		return ret;
	snap(&start);
	tap_ok(start.stat[0] == 0 && start.stat[1] == 0,
	       "mgvt stats readable, no vGPU yet (vgpus %ld, open %ld)", start.stat[0], start.stat[1]);
	test_cycles(cycles);
	test_hammer();
	test_concurrent(3);
	test_no_stall();
	cleanup_all();
	snap(&end);
	check_same(&start, &end, "at the end");
	return tap_finish();
}

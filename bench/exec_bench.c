// SPDX-License-Identifier: GPL-2.0
/*
 * exec_bench - work run through a vGPU's virtual execlists against the
 * same work run by the native client on the same engine owners, side by
 * side in one run: the sides alternate in chunks of a few requests (the
 * machine's noise comes in regimes), and each side's figure is the median
 * of its chunk medians.
 *
 *  1. Latency, one request at a time on an idle engine:
 *     "nop" on each engine and "blit256" (a 256x256 32 bpp XY_COLOR_BLT)
 *     on bcs0.  Both sides run the same ring: MI_BATCH_BUFFER_START of a
 *     GGTT batch (nop: just MI_BATCH_BUFFER_END; blit256: the blit, then
 *     MI_BATCH_BUFFER_END), MI_STORE_DWORD_IMM of a seqno to a status page
 *     (GGTT), MI_USER_INTERRUPT: 8 dwords.
 *     native: "bench lat <eng> nop|blit N" in debugfs, completion by the
 *       engine owner's interrupt (mode irq): from before the request is
 *       built until the waiting thread is woken.
 *     vgpu poll: a userspace Gen9 guest (selftests/vfio/guest_exec.c)
 *       writes the four ELSP dwords (trapped MMIO) and spins on its status
 *       page until the COMPLETE|ACTIVE_IDLE entry's write pointer shows.
 *     vgpu irq: the same, but it sleeps in poll() on the MSI eventfd and
 *       handles each interrupt as i915 does (master off, IIR read and
 *       acked, master on, then the CSB), until the CSB holds the COMPLETE.
 *  2. Back-to-back: N empty requests (the nop above) as fast as they go,
 *     at most 16 in flight on one context (the native client's limit).
 *     native: "bench burst <eng> N".  vgpu: requests are appended to the
 *     guest ring as i915 does, and the context is submitted again (a lite
 *     restore if it still runs) as soon as the previous submission's
 *     promote is in the CSB; requests per second by the seqno store.
 *  3. The mediator's CPU time per workload, from the vGPU's debugfs
 *     "execlists" counters over the vgpu latency runs: (shadow_ns,
 *     audit_ns, writeback_ns) / completed elements, and their share of the
 *     vgpu poll latency.
 *
 * Run as root in the host VM with mgvt (debug=1) and mgvt_sim loaded (see
 * scripts/bench-vm.sh).  Usage: exec_bench [N [CHUNKS]]: N requests per
 * side and latency test (default 200; half for the blit, five times for
 * the back-to-back runs), in CHUNKS chunks (default 20).
 */
#define _GNU_SOURCE
#include <poll.h>
#include <sched.h>
#include <stdlib.h>
#include <time.h>

#include "guest_exec.h"

#define IOVA		(4 * GiB)
#define SURF_PAGES	64u		/* the blit's 256 KiB */
#define SURF_PITCH	1024u
#define BLIT_COLOR	1u
#define SEQNO_DW	0x40u		/* in the guest engine's status page */
#define BLIT_BATCH	0x800u		/* in the batch page */
#define MAX_INFLIGHT	16u		/* MGVT_NATIVE_SLOTS */
#define MAX_N		10000u

enum kind { NOP, BLIT };
enum mode { NATIVE, POLL, IRQ, NMODES };
static const char *const mode_names[NMODES] = { "native", "vgpu_poll", "vgpu_irq" };

/* One engine of the guest: its ring A, CSB read pointer, seqno. */
struct geng {
	unsigned int e;
	uint32_t tail;
	unsigned int rp;
	uint32_t seqno;
	bool submitted;
};

static struct gx guest, *g = &guest;
static struct geng ge[4];
static struct guest_mem surf;
static uint64_t surf_gm;
static char native_path[PATH_MAX], vx_path[PATH_MAX];

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static double median_d(double *v, unsigned int n)
{
	unsigned int i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			double t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[n / 2];
}

/* ---- the native client ------------------------------------------------ */

/*
 * Run "bench @cmd": field @key of its result line (and of @key2 in *@val2
 * unless NULL); -1 on error.
 */
static double native_bench2(const char *cmd, const char *key, const char *key2, double *val2)
{
	char buf[4096], *line, *p;
	int fd = open(native_path, O_RDWR | O_CLOEXEC);
	const char *c = fmt("mode irq; bench %s", cmd);
	double val = -1;
	ssize_t n;

	if (fd < 0)
		return -1;
	if (write(fd, c, strlen(c)) != (ssize_t)strlen(c)) {
		close(fd);
		return -1;
	}
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	line = strstr(buf, "\nbench ");
	if (!line)
		return -1;
	p = strstr(line, fmt(" %s ", key));
	if (p)
		val = strtod(p + strlen(key) + 2, NULL);
	if (val2) {
		p = strstr(line, fmt(" %s ", key2));
		*val2 = p ? strtod(p + strlen(key2) + 2, NULL) : -1;
	}
	return val;
}

static double native_bench(const char *cmd, const char *key)
{
	return native_bench2(cmd, key, NULL, NULL);
}

/* ---- the vGPU's counters -------------------------------------------- */

struct vx_cnt {
	double completed, shadow, audit, writeback, lite, elements;
};

/* Engine @e's counters in the vGPU's debugfs "execlists". */
static bool vx_read(unsigned int e, struct vx_cnt *c)
{
	FILE *f = fopen(vx_path, "r");
	char line[256], key[64];
	bool in = false, ok = false;
	double val;

	memset(c, 0, sizeof(*c));
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] != ' ') {
			in = !strncmp(line, gx_names[e], strlen(gx_names[e])) &&
			     line[strlen(gx_names[e])] == ':';
			continue;
		}
		if (!in || sscanf(line, " %63s %lf", key, &val) != 2)
			continue;
		ok = true;
		if (!strcmp(key, "completed"))
			c->completed = val;
		else if (!strcmp(key, "shadow_ns"))
			c->shadow = val;
		else if (!strcmp(key, "audit_ns"))
			c->audit = val;
		else if (!strcmp(key, "writeback_ns"))
			c->writeback = val;
		else if (!strcmp(key, "lite_restores"))
			c->lite = val;
		else if (!strcmp(key, "elements"))
			c->elements = val;
	}
	fclose(f);
	return ok;
}

/* ---- the guest ---------------------------------------------------------- */

/* The request of both sides: BB_START, the seqno store, a user interrupt. */
static void emit_rq(struct geng *q, enum kind k)
{
	uint64_t bb = gx_gm(g, q->e, P_BATCH) + (k == BLIT ? BLIT_BATCH : 0);
	uint64_t sq = gx_gm(g, q->e, P_HWSP) + 4 * SEQNO_DW;
	uint32_t c[] = {
		MI_BB_START, (uint32_t)bb, bb >> 32,
		MI_SDI_GGTT, (uint32_t)sq, sq >> 32, ++q->seqno,
		MI_USER_IRQ,
	};

	gx_emit(g, q->e, 0, &q->tail, c, ARRAY_SIZE(c));
}

static uint32_t seqno_seen(struct geng *q)
{
	return gx_hwsp(g, q->e)[SEQNO_DW];
}

/* Write the ring tail into context A and submit [A]. */
static void submit(struct geng *q)
{
	gx_image(g, q->e, 0)[0x07] = q->tail;
	gx_elsp(g, q->e, gx_desc(g, q->e, 0, q->submitted ? D_OK & ~D_FORCE : D_OK), 0);
	q->submitted = true;
}

/* i915's interrupt handler, as far as it touches the vGPU. */
static void irq_handler(struct geng *q)
{
	unsigned int bank = gx_irq_bank[q->e];
	uint32_t iir;

	mmio_wr(g->v, MASTER_IRQ, 4, 0);
	iir = mmio_rd(g->v, GT_IIR(bank), 4);
	if (iir)
		mmio_wr(g->v, GT_IIR(bank), 4, iir);
	mmio_wr(g->v, MASTER_IRQ, 4, 0x80000000);
}

/* The CSB write pointer reached @wp: spinning, or woken by the eventfd. */
static bool wait_wp(struct geng *q, unsigned int wp, enum mode m)
{
	volatile uint32_t *hwsp = gx_hwsp(g, q->e);
	uint64_t end = now_ns() + 10000000000ull;

	while (hwsp[0x1f] != wp) {
		if (now_ns() > end)
			return false;
		if (m == IRQ) {
			if (!wait_readable(g->efd, 1000))
				continue;
			drain_eventfd(g->efd);
			irq_handler(q);
		} else {
			sched_yield();
		}
	}
	return true;
}

/*
 * @n requests of @k one at a time on engine @e; the median ns (the lowest
 * in *@min), -1 on error.
 */
static double vgpu_lat(unsigned int e, enum kind k, unsigned int n, enum mode m, double *min)
{
	struct geng *q = &ge[e];
	volatile uint32_t *hwsp = gx_hwsp(g, e);
	uint64_t *ns = calloc(n, sizeof(*ns));
	unsigned int i, bad = 0;
	double med = -1;

	if (!ns)
		return -1;
	for (i = 0; i < n; i++) {
		unsigned int promote = (q->rp + 1) % 6, done = (q->rp + 2) % 6;
		uint64_t t;

		emit_rq(q, k);
		mmio_wr(g->v, GT_IIR(gx_irq_bank[e]), 4, ~0u);
		drain_eventfd(g->efd);
		t = now_ns();
		submit(q);
		if (!wait_wp(q, done, m)) {
			tap_diag("%s: request %u: no COMPLETE in the CSB (wp %u, want %u)",
				 gx_names[e], i, hwsp[0x1f], done);
			goto out;
		}
		ns[i] = now_ns() - t;
		if (hwsp[0x10 + 2 * promote] != CSB_IDLE_ACTIVE ||
		    hwsp[0x10 + 2 * done] != (CSB_COMPLETE | CSB_ACTIVE_IDLE) ||
		    seqno_seen(q) != q->seqno)
			bad++;
		q->rp = done;
	}
	if (bad)
		tap_diag("%s: %u of %u requests with unexpected CSB entries or seqno",
			 gx_names[e], bad, n);
	qsort(ns, n, sizeof(*ns), cmp_u64);
	med = bad ? -1 : (double)ns[n / 2];
	*min = (double)ns[0];
out:
	free(ns);
	return med;
}

/*
 * @n empty requests on engine @e as i915 queues them: appended to the ring
 * (at most MAX_INFLIGHT not completed), the context resubmitted whenever
 * the previous submission's promote is in the CSB.  Requests per second;
 * @subs gets the ELSP submissions made.
 */
static double vgpu_burst(unsigned int e, unsigned int n, unsigned int *subs)
{
	struct geng *q = &ge[e];
	volatile uint32_t *hwsp = gx_hwsp(g, e);
	uint32_t base = q->seqno, sent_tail = q->tail;
	unsigned int emitted = 0, done = 0;
	bool pending = false, active = false;
	uint64_t t0 = now_ns(), t1 = 0, end = t0 + 60000000000ull;

	*subs = 0;
	while (done < n || pending || active) {
		while (q->rp != hwsp[0x1f]) {
			uint32_t st;

			q->rp = (q->rp + 1) % 6;
			st = hwsp[0x10 + 2 * q->rp];
			if (st & (CSB_IDLE_ACTIVE | CSB_PREEMPTED)) {
				pending = false;
				active = true;
			}
			if (st & CSB_ACTIVE_IDLE)
				active = false;
		}
		done = seqno_seen(q) - base;
		if (done >= n && !t1)
			t1 = now_ns();
		while (emitted < n && emitted - done < MAX_INFLIGHT) {
			emit_rq(q, NOP);
			emitted++;
		}
		if (!pending && q->tail != sent_tail) {
			submit(q);
			sent_tail = q->tail;
			pending = true;
			(*subs)++;
		} else {
			sched_yield();
		}
		if (now_ns() > end) {
			tap_diag("%s: burst stuck: %u of %u done, pending %d active %d",
				 gx_names[e], done, n, pending, active);
			return -1;
		}
	}
	mmio_wr(g->v, GT_IIR(gx_irq_bank[e]), 4, ~0u);
	drain_eventfd(g->efd);
	return (double)n * 1e9 / (double)(t1 - t0);
}

/* ---- set-up --------------------------------------------------------------- */

/* The blit's destination: SURF_PAGES more guest pages after the engines'. */
static bool surface_setup(void)
{
	uint64_t gm0 = g->v->pv.high_base + (uint64_t)NPAGES * PAGE;
	unsigned int i;

	if (!guest_mem_alloc(&surf, IOVA + (uint64_t)NPAGES * PAGE, SURF_PAGES, 0) ||
	    dma_map(g->v, &surf))
		return false;
	memset(surf.va, 0, surf.len);
	for (i = 0; i < SURF_PAGES; i++)
		if (pte_wr(g->v, gm_index(gm0 + (uint64_t)i * PAGE), pte_to(&surf, i)))
			return false;
	surf_gm = gm0;
	return true;
}

static void engine_setup(unsigned int e)
{
	uint32_t *bb = gx_va(g, e, P_BATCH);
	uint32_t *blit = bb + BLIT_BATCH / 4;

	ge[e].e = e;
	ge[e].rp = 5;
	gx_engine_up(g, e);
	gx_image_build(g, e, 0, false);
	bb[0] = MI_BBE;
	bb[1] = MI_NOOP;
	/* As the native client's "fill 0 0 256 256 1024 1". */
	blit[0] = (0x2u << 29) | (0x50u << 22) | (3u << 20) | 5;
	blit[1] = (3u << 24) | (0xf0u << 16) | SURF_PITCH;
	blit[2] = 0;
	blit[3] = 256u << 16 | 256u;
	blit[4] = (uint32_t)surf_gm;
	blit[5] = surf_gm >> 32;
	blit[6] = BLIT_COLOR;
	blit[7] = MI_BBE;
	mmio_wr(g->v, GT_IIR(gx_irq_bank[e]), 4, ~0u);
}

/* ---- the benchmarks ------------------------------------------------------ */

/*
 * The machine is shared and its noise comes in regimes lasting
 * milliseconds to seconds, so the sides alternate in chunks of a few
 * requests each, and each side's figure is the median of its chunk
 * medians, with the first and third quartile of those as its spread.
 */
static unsigned int chunks = 20;

struct spread {
	double q1, med, q3;
};

static struct spread spread_of(double *v, unsigned int k)
{
	struct spread s;

	median_d(v, k);		/* sorts */
	s.q1 = v[k / 4];
	s.med = v[k / 2];
	s.q3 = v[(3 * k) / 4 < k ? (3 * k) / 4 : k - 1];
	return s;
}

/* Latency of @k on @e, @n requests per side. */
static void bench_lat(unsigned int e, enum kind k, unsigned int n)
{
	const char *kname = k == BLIT ? "blit256" : "nop";
	static double r[NMODES][MAX_N], lo[NMODES][MAX_N];
	unsigned int per = n / chunks ? n / chunks : 1, i, m;
	struct spread sp[NMODES], sl[NMODES];
	struct vx_cnt c0, c1;
	double el, sh, au, wb, tot;
	bool ok = vx_read(e, &c0);

	for (i = 0; i < chunks && ok; i++) {
		r[NATIVE][i] = native_bench2(fmt("lat %s %s %u", gx_names[e],
						 k == BLIT ? "blit" : "nop", per), "median_ns",
					     "min_ns", &lo[NATIVE][i]);
		r[POLL][i] = vgpu_lat(e, k, per, POLL, &lo[POLL][i]);
		r[IRQ][i] = vgpu_lat(e, k, per, IRQ, &lo[IRQ][i]);
		for (m = 0; m < NMODES; m++)
			ok &= r[m][i] > 0;
	}
	ok &= vx_read(e, &c1);
	if (!tap_ok(ok, "%s %s latency measured (%u chunks of %u per side)", gx_names[e], kname,
		    chunks, per))
		return;
	for (m = 0; m < NMODES; m++) {
		sp[m] = spread_of(r[m], chunks);
		sl[m] = spread_of(lo[m], chunks);
	}
	tap_diag("%-5s %-7s latency: native %6.0f us [%.0f-%.0f]  vgpu poll %6.0f us [%.0f-%.0f]  vgpu irq %6.0f us [%.0f-%.0f]",
		 gx_names[e], kname, sp[NATIVE].med / 1e3, sp[NATIVE].q1 / 1e3, sp[NATIVE].q3 / 1e3,
		 sp[POLL].med / 1e3, sp[POLL].q1 / 1e3, sp[POLL].q3 / 1e3,
		 sp[IRQ].med / 1e3, sp[IRQ].q1 / 1e3, sp[IRQ].q3 / 1e3);
	tap_diag("%-5s %-7s chunk min: native %6.0f us [%.0f-%.0f]  vgpu poll %6.0f us [%.0f-%.0f]  vgpu irq %6.0f us [%.0f-%.0f]",
		 gx_names[e], kname, sl[NATIVE].med / 1e3, sl[NATIVE].q1 / 1e3, sl[NATIVE].q3 / 1e3,
		 sl[POLL].med / 1e3, sl[POLL].q1 / 1e3, sl[POLL].q3 / 1e3,
		 sl[IRQ].med / 1e3, sl[IRQ].q1 / 1e3, sl[IRQ].q3 / 1e3);
	for (m = 0; m < NMODES; m++) {
		printf("bench: exec_%s_%s_%s_ns %.0f\n", gx_names[e], kname, mode_names[m],
		       sp[m].med);
		printf("bench: exec_%s_%s_%s_min_ns %.0f\n", gx_names[e], kname, mode_names[m],
		       sl[m].med);
	}
	printf("bench: exec_%s_%s_poll_over_native %.3f\n", gx_names[e], kname,
	       sp[POLL].med / sp[NATIVE].med);
	printf("bench: exec_%s_%s_irq_over_native %.3f\n", gx_names[e], kname,
	       sp[IRQ].med / sp[NATIVE].med);
	printf("bench: exec_%s_%s_poll_over_native_min %.3f\n", gx_names[e], kname,
	       sl[POLL].med / sl[NATIVE].med);
	printf("bench: exec_%s_%s_irq_over_native_min %.3f\n", gx_names[e], kname,
	       sl[IRQ].med / sl[NATIVE].med);

	el = c1.completed - c0.completed;
	if (el <= 0)
		return;
	sh = (c1.shadow - c0.shadow) / el;
	au = (c1.audit - c0.audit) / el;
	wb = (c1.writeback - c0.writeback) / el;
	tot = sh + au + wb;
	tap_diag("%-5s %-7s mediator per workload (%.0f elements): shadow %.1f us, audit %.1f us, write-back %.1f us = %.1f us; of the vgpu poll latency %.0f%% (median) %.0f%% (chunk min), of the irq one %.0f%% / %.0f%%",
		 gx_names[e], kname, el, sh / 1e3, au / 1e3, wb / 1e3, tot / 1e3,
		 100 * tot / sp[POLL].med, 100 * tot / sl[POLL].med,
		 100 * tot / sp[IRQ].med, 100 * tot / sl[IRQ].med);
	printf("bench: exec_%s_%s_mediator_shadow_ns %.0f\n", gx_names[e], kname, sh);
	printf("bench: exec_%s_%s_mediator_audit_ns %.0f\n", gx_names[e], kname, au);
	printf("bench: exec_%s_%s_mediator_writeback_ns %.0f\n", gx_names[e], kname, wb);
	printf("bench: exec_%s_%s_mediator_share_of_poll %.3f\n", gx_names[e], kname,
	       tot / sp[POLL].med);
	printf("bench: exec_%s_%s_mediator_share_of_irq %.3f\n", gx_names[e], kname,
	       tot / sp[IRQ].med);
	printf("bench: exec_%s_%s_mediator_share_of_poll_min %.3f\n", gx_names[e], kname,
	       tot / sl[POLL].med);
}

/* Back-to-back empty requests on @e: @n per side in chunks of @per. */
static void bench_burst(unsigned int e, unsigned int n, unsigned int per)
{
	static double nat[MAX_N], vg[MAX_N];
	unsigned int i, k = n / per, subs = 0, subs_all = 0;
	struct spread sn, sv;
	struct vx_cnt c0, c1;
	bool ok = vx_read(e, &c0);

	for (i = 0; i < k && ok; i++) {
		nat[i] = native_bench(fmt("burst %s %u", gx_names[e], per), "per_s");
		vg[i] = vgpu_burst(e, per, &subs);
		subs_all += subs;
		ok &= nat[i] > 0 && vg[i] > 0;
	}
	ok &= vx_read(e, &c1);
	if (!tap_ok(ok, "%s back-to-back requests measured (%u chunks of %u per side)",
		    gx_names[e], k, per))
		return;
	sn = spread_of(nat, k);
	sv = spread_of(vg, k);
	tap_diag("%-5s burst: native %.0f/s [%.0f-%.0f]  vgpu %.0f/s [%.0f-%.0f]; vgpu: %u ELSP submissions for %u requests, %.0f of them lite restores",
		 gx_names[e], sn.med, sn.q1, sn.q3, sv.med, sv.q1, sv.q3, subs_all, n,
		 c1.lite - c0.lite);
	printf("bench: exec_%s_burst_native_per_s %.0f\n", gx_names[e], sn.med);
	printf("bench: exec_%s_burst_vgpu_per_s %.0f\n", gx_names[e], sv.med);
	printf("bench: exec_%s_burst_vgpu_over_native %.3f\n", gx_names[e], sv.med / sn.med);
}

int main(int argc, char **argv)
{
	unsigned int n = argc > 1 ? (unsigned int)atoi(argv[1]) : 200, e, i;
	struct vgpu *v;
	bool blit_ok = true;

	if (argc > 2)
		chunks = (unsigned int)atoi(argv[2]);
	tap_header();
	if (argc > 3 || n < 10 || n > MAX_N / 5 || !chunks || chunks > n / 2) {
		fprintf(stderr, "usage: %s [N (10-%u) [CHUNKS (1-N/2)]]\n", argv[0], MAX_N / 5);
		return 2;
	}
	if (!program_start(1200))
		return tap_finish();
	snprintf(native_path, sizeof(native_path), "%s", dbg_path("mgvt", "", "native"));
	v = vgpu_new("bench", find_type("GVTg_V5_4"));
	if (!v || !tap_ok(vgpu_create(v) == 0 && vfio_open(v, false) && read_pvinfo(v),
			  "vGPU created and opened") ||
	    !tap_ok(gx_setup(g, v, IOVA) && surface_setup(),
		    "guest memory, blit surface and MSI eventfd set up") ||
	    !tap_ok(native_bench("lat rcs0 nop 1", "median_ns") > 0,
		    "native client answers (mode irq)")) {
		cleanup_all();
		return tap_finish();
	}
	snprintf(vx_path, sizeof(vx_path), "%s", dbg_path("mgvt", v->uuid, "execlists"));
	for (e = 0; e < 4; e++)
		engine_setup(e);

	tap_diag("each request, both sides: MI_BATCH_BUFFER_START (GGTT) of a batch, a seqno");
	tap_diag("MI_STORE_DWORD_IMM (GGTT) to a status page, MI_USER_INTERRUPT (8 dwords);");
	tap_diag("nop: the batch is MI_BATCH_BUFFER_END; blit256: XY_COLOR_BLT 256x256 32bpp");
	tap_diag("pitch 1024, then MI_BATCH_BUFFER_END.  native: one context per engine in host");
	tap_diag("GM, completion by the engine owner's interrupt, timed in the kernel from");
	tap_diag("before the request is built until its waiter wakes.  vgpu poll: ELSP (4");
	tap_diag("trapped writes) until the COMPLETE entry's write pointer shows in the guest");
	tap_diag("status page, spinning; vgpu irq: until the MSI eventfd wakes the guest and");
	tap_diag("its handler (master off, IIR ack, master on) finds the COMPLETE in the CSB.");
	tap_diag("The sides alternate in chunks; a figure is the median of its chunk medians,");
	tap_diag("[a-b] the first and third quartile of those.  \"chunk min\": the same over");
	tap_diag("each chunk's fastest request, what a request costs when the shared machine");
	tap_diag("does not deschedule the VM (its noise comes in multiples of 4 ms).");
	for (e = 0; e < 4; e++)
		bench_lat(e, NOP, n);
	bench_lat(1, BLIT, n / 2);
	for (i = 0; i < SURF_PAGES * PAGE / 4; i++)
		blit_ok &= ((uint32_t *)surf.va)[i] == BLIT_COLOR;
	tap_ok(blit_ok, "the guest's blits filled its surface");
	for (e = 0; e < 4; e++)
		bench_burst(e, n * 5, n);
	cleanup_all();
	return tap_finish();
}

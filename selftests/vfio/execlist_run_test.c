// SPDX-License-Identifier: GPL-2.0
/*
 * execlist_run_test - a vGPU's guest submits through its virtual ELSP as a
 * Gen9 i915 does, and its work runs on the pGPU: contexts in the Gen9
 * layout, rings and GGTT batches in the guest's own DMA-mapped memory
 * behind its GGTT entries, the status page re-based with CSB_PTR =
 * 0xffff0505.  On each of the four engines: stores checked by value in
 * guest memory; [A], [A, B] and a lite restore [A'] with every CSB entry
 * checked in the status page and through MMIO, in hardware's order; the
 * context-switch interrupt on the eventfd; EXECLIST_STATUS_HI; the saved
 * head and timestamp in the guest image; a restore-inhibit submission.
 * Attacks: an image or a ring that writes GDRST, a batch outside the vGPU,
 * a PPGTT batch without a PPGTT: each fails the workload, shows an engine error to the
 * guest (EIR, CS error interrupt, STATUS_HI naming the context), and an
 * engine reset brings the engine back.
 *
 * Usage: execlist_run_test   (expects mgvt and mgvt_sim loaded, root)
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <time.h>

#include <linux/vfio.h>

#include "guest_exec.h"

#define IOVA		(4 * GiB)

/* Check the next @n CSB entries after @*rp in the HWSP and the MMIO mirror. */
static void check_csb(struct gx *g, unsigned int e, unsigned int *rp, unsigned int n,
		      const uint32_t *status, const uint32_t *id, const char *what)
{
	unsigned int i;
	bool ok = gx_wait_csb(g, e, (*rp + n) % 6);

	tap_ok(ok, "%s %s: %u CSB entries arrive in the status page", gx_names[e], what, n);
	for (i = 0; i < n; i++) {
		unsigned int idx = (*rp + 1 + i) % 6;
		uint32_t st = gx_hwsp(g, e)[0x10 + 2 * idx], cid = gx_hwsp(g, e)[0x11 + 2 * idx];

		check_eq(st, status[i], "%s %s: entry %u status %#x", gx_names[e], what, i, status[i]);
		if (id[i] != ~0u)
			check_eq(cid, id[i], "%s %s: entry %u context ID", gx_names[e], what, i);
		check_eq(gx_rd(g, e, CSB0 + 8 * idx), st, "%s %s: entry %u mirrored at MMIO %#x",
			 gx_names[e], what, i, CSB0 + 8 * idx);
	}
	*rp = (*rp + n) % 6;
	usleep(20000);
	check_eq(gx_hwsp(g, e)[0x1f], *rp, "%s %s: no further CSB entry", gx_names[e], what);
	check_eq(gx_rd(g, e, CSB_PTR) & 0xf, *rp, "%s %s: CSB_PTR's write pointer follows", gx_names[e], what);
}

/* The two CSB entries of one element run from idle: promote, then complete. */
static void check_run(struct gx *g, unsigned int e, unsigned int *rp, uint32_t id,
		      const char *what)
{
	const uint32_t st[] = { CSB_IDLE_ACTIVE, CSB_COMPLETE | CSB_ACTIVE_IDLE };
	const uint32_t ids[] = { ~0u, id };

	check_csb(g, e, rp, 2, st, ids, what);
}

static void gx_ack_irqs(struct gx *g, unsigned int e)
{
	mmio_wr(g->v, GT_IIR(gx_irq_bank[e]), 4, ~0u);
	drain_eventfd(g->efd);
}

static void test_engine(struct gx *g, unsigned int e)
{
	uint32_t *data = gx_va(g, e, P_DATA);
	uint32_t tail_a = 0, tail_b = 0, seen, ts;
	unsigned int rp = 5;
	uint64_t sem = gx_gm(g, e, P_DATA) + 0x800;

	gx_engine_up(g, e);
	gx_ack_irqs(g, e);
	check_eq(gx_rd(g, e, MI_MODE) & 0x200, 0x200, "%s: MI_MODE idle before any submission", gx_names[e]);

	/* [A]: one store. */
	gx_image_build(g, e, 0, false);
	gx_emit_store(g, e, 0, &tail_a, 0, 0xa0000000 | e);
	gx_image(g, e, 0)[0x07] = tail_a;
	gx_elsp(g, e, gx_desc(g, e, 0, D_OK), 0);
	check_run(g, e, &rp, g->ccid, "[A]");
	check_eq(data[0], 0xa0000000 | e, "%s [A]: the store reached guest memory", gx_names[e]);
	tap_ok(wait_readable(g->efd, 1000), "%s [A]: the interrupt reached the eventfd", gx_names[e]);
	seen = mmio_rd(g->v, GT_IIR(gx_irq_bank[e]), 4) >> gx_irq_shift[e];
	check_eq(seen & (GT_CTXSW | GT_USER), GT_CTXSW | GT_USER,
		 "%s [A]: IIR holds the context switch and the user interrupt", gx_names[e]);
	check_eq(gx_rd(g, e, STATUS_HI), g->ccid, "%s [A]: EXECLIST_STATUS_HI names the context", gx_names[e]);
	check_eq(gx_image(g, e, 0)[0x05] & 0x1ffffc, tail_a,
		 "%s [A]: the saved RING_HEAD in the guest image reached the tail", gx_names[e]);
	check_eq(gx_rd(g, e, MI_MODE) & 0x200, 0x200, "%s [A]: MI_MODE idle again", gx_names[e]);
	/* (A few dozen ns of modelled work: the 12 MHz timestamp may read 0.) */
	ts = gx_image(g, e, 0)[0x23];
	gx_ack_irqs(g, e);

	/* [A, B]. */
	gx_image_build(g, e, 1, false);
	/*
	 * Two stores for A: at least 120 ns of modelled work, more than one
	 * tick of the 12 MHz timestamp whatever the engine clock's phase.
	 */
	gx_emit_store(g, e, 0, &tail_a, 1, 0xa1);
	gx_emit_store(g, e, 0, &tail_a, 12, 0xa1);
	gx_emit_store(g, e, 1, &tail_b, 2, 0xb1);
	gx_image(g, e, 0)[0x07] = tail_a;
	gx_image(g, e, 1)[0x07] = tail_b;
	gx_elsp(g, e, gx_desc(g, e, 0, D_OK & ~D_FORCE), gx_desc(g, e, 1, D_OK));
	{
		uint32_t st[] = { CSB_IDLE_ACTIVE, CSB_COMPLETE | CSB_ELEM_SWITCH,
				  CSB_COMPLETE | CSB_ACTIVE_IDLE };
		uint32_t id[] = { ~0u, g->ccid, g->ccid + 1 };

		check_csb(g, e, &rp, 3, st, id, "[A, B]");
	}
	check_eq(data[1] == 0xa1 && data[2] == 0xb1, 1, "%s [A, B]: both stores landed", gx_names[e]);
	check_eq(gx_rd(g, e, STATUS_HI), g->ccid + 1, "%s [A, B]: STATUS_HI names B last", gx_names[e]);
	tap_ok(gx_image(g, e, 0)[0x23] > ts,
	       "%s [A, B]: A's saved image was resubmitted and its CTX_TIMESTAMP advanced", gx_names[e]);
	ts = gx_image(g, e, 0)[0x23];
	gx_ack_irqs(g, e);

	/* [A] waiting on a semaphore, then the lite restore [A']. */
	data[0x800 / 4] = 0;
	{
		uint32_t c[] = { MI_SEM_WAIT, 1, (uint32_t)sem, sem >> 32 };

		gx_emit(g, e, 0, &tail_a, c, ARRAY_SIZE(c));
	}
	gx_emit_store(g, e, 0, &tail_a, 3, 0xa2);
	gx_image(g, e, 0)[0x07] = tail_a;
	gx_elsp(g, e, gx_desc(g, e, 0, D_OK & ~D_FORCE), 0);
	{
		uint32_t st[] = { CSB_IDLE_ACTIVE };
		uint32_t id[] = { ~0u };

		check_csb(g, e, &rp, 1, st, id, "[A] blocked");
	}
	check_eq(gx_rd(g, e, MI_MODE) & 0x200, 0, "%s: MI_MODE busy while A runs", gx_names[e]);
	gx_emit_store(g, e, 0, &tail_a, 4, 0xa3);
	gx_image(g, e, 0)[0x07] = tail_a;
	gx_elsp(g, e, gx_desc(g, e, 0, D_OK & ~D_FORCE), 0);
	{
		uint32_t st[] = { CSB_PREEMPTED | CSB_LITE };
		uint32_t id[] = { g->ccid };

		check_csb(g, e, &rp, 1, st, id, "[A'] lite restore");
	}
	check_eq(data[3] | data[4], 0, "%s: nothing past the semaphore ran yet", gx_names[e]);
	data[0x800 / 4] = 1;
	{
		uint32_t st[] = { CSB_COMPLETE | CSB_ACTIVE_IDLE };
		uint32_t id[] = { g->ccid };

		check_csb(g, e, &rp, 1, st, id, "[A'] released");
	}
	check_eq(data[3] == 0xa2 && data[4] == 0xa3, 1,
		 "%s: A and A' both ran, one completion for both", gx_names[e]);
	check_eq(gx_image(g, e, 0)[0x05] & 0x1ffffc, tail_a, "%s: saved head at A' tail", gx_names[e]);
	tap_ok(gx_image(g, e, 0)[0x23] > ts + 1,
	       "%s: A' ran longer (its semaphore): the saved CTX_TIMESTAMP advanced again", gx_names[e]);
	gx_ack_irqs(g, e);

	/* A restore-inhibit submission of a fresh image. */
	gx_image_build(g, e, 1, true);
	tail_b = 0;
	gx_emit_store(g, e, 1, &tail_b, 5, 0xb2);
	gx_image(g, e, 1)[0x07] = tail_b;
	gx_elsp(g, e, gx_desc(g, e, 1, D_OK), 0);
	check_run(g, e, &rp, g->ccid + 1, "restore-inhibit [B]");
	check_eq(data[5], 0xb2, "%s: the restore-inhibit submission ran", gx_names[e]);
	gx_ack_irqs(g, e);
}

/*
 * 1,000 submissions of [A] in a row, each waited for: the 4 KiB ring wraps
 * about every 170 of them.  Nothing is lost, every CSB pair arrives in
 * order, and the saved head carries the wrap count.
 */
static void test_many(struct gx *g, unsigned int e)
{
	uint32_t *data = gx_va(g, e, P_DATA);
	uint32_t tail = 0;
	unsigned int i, rp = 5, bad = 0, lost = 0;

	gx_engine_up(g, e);
	gx_image_build(g, e, 0, false);
	for (i = 0; i < 1000; i++) {
		unsigned int promote = (rp + 1) % 6, done = (rp + 2) % 6;

		gx_emit_store(g, e, 0, &tail, 16 + i % 512, 0x10000 + i);
		gx_image(g, e, 0)[0x07] = tail;
		gx_elsp(g, e, gx_desc(g, e, 0, i ? D_OK & ~D_FORCE : D_OK), 0);
		if (!gx_wait_csb(g, e, done)) {
			lost++;
			break;
		}
		if (gx_hwsp(g, e)[0x10 + 2 * promote] != CSB_IDLE_ACTIVE ||
		    gx_hwsp(g, e)[0x10 + 2 * done] != (CSB_COMPLETE | CSB_ACTIVE_IDLE) ||
		    data[16 + i % 512] != 0x10000 + i)
			bad++;
		rp = done;
	}
	check_eq(lost, 0, "%s: 1000 submissions, each completed", gx_names[e]);
	check_eq(bad, 0, "%s: each with IDLE_ACTIVE, COMPLETE|ACTIVE_IDLE and its store",
		 gx_names[e]);
	check_eq(gx_image(g, e, 0)[0x05] & 0x1ffffc, tail, "%s: the saved head is the last tail",
		 gx_names[e]);
	tap_ok(gx_image(g, e, 0)[0x05] >> 21 >= 5, "%s: and its wrap count went up (%u wraps)",
	       gx_names[e], gx_image(g, e, 0)[0x05] >> 21);
	gx_ack_irqs(g, e);
}

/*
 * A GGTT batch longer than a page (the mediator copies the first page
 * first, then the rest): 1,500 NOOPs, then a store, then its end.
 */
static void test_long_batch(struct gx *g, unsigned int e)
{
	uint32_t *data = gx_va(g, e, P_DATA);
	uint32_t *bb = gx_va(g, e, 53);
	uint64_t bgm = gx_gm(g, e, 53) + 0x800, gm = gx_gm(g, e, P_DATA) + 44;
	uint32_t c[] = { MI_BB_START, (uint32_t)bgm, bgm >> 32, MI_NOOP };
	uint32_t tail = 0, *p = bb + 0x800 / 4;
	unsigned int i, rp = 5;

	gx_engine_up(g, e);
	gx_image_build(g, e, 0, false);
	for (i = 0; i < 1500; i++)
		*p++ = MI_NOOP;
	*p++ = MI_SDI_GGTT;
	*p++ = (uint32_t)gm;
	*p++ = gm >> 32;
	*p++ = 0x1099;
	*p++ = MI_BBE;
	gx_emit(g, e, 0, &tail, c, ARRAY_SIZE(c));
	gx_image(g, e, 0)[0x07] = tail;
	gx_elsp(g, e, gx_desc(g, e, 0, D_OK), 0);
	check_run(g, e, &rp, g->ccid, "batch over two pages");
	check_eq(data[11], 0x1099, "%s: the store past the first page of the batch landed",
		 gx_names[e]);
	gx_ack_irqs(g, e);
}

/*
 * [A] on engine @e: a semaphore on data dword 0x200 (set to 0 here), then a
 * store of @val at data dword @idx.  The guest's side of a workload that
 * runs until another thread releases it.
 */
static void submit_blocked(struct gx *g, unsigned int e, unsigned int idx, uint32_t val)
{
	uint64_t sem = gx_gm(g, e, P_DATA) + 0x800;
	uint32_t c[] = { MI_SEM_WAIT, 1, (uint32_t)sem, sem >> 32 };
	uint32_t tail = 0;

	gx_engine_up(g, e);
	gx_image_build(g, e, 0, false);
	gx_va(g, e, P_DATA)[0x800 / 4] = 0;
	gx_emit(g, e, 0, &tail, c, ARRAY_SIZE(c));
	gx_emit_store(g, e, 0, &tail, idx, val);
	gx_image(g, e, 0)[0x07] = tail;
	gx_elsp(g, e, gx_desc(g, e, 0, D_OK), 0);
}

struct release {
	volatile uint32_t *sem;
	double at;
};

static void *release_later(void *arg)
{
	struct release *r = arg;

	usleep(300 * 1000);
	r->at = now_s();
	*r->sem = 1;
	return NULL;
}

/*
 * A VFIO DMA unmap of pinned guest memory waits until the workloads that
 * could reach it ended: vcs0 waits on a semaphore that another thread
 * releases later, and the unmap of an unrelated GGTT-mapped page returns
 * only after that release.
 */
static void test_unmap_waits(struct gx *g)
{
	const unsigned int e = 2;
	uint32_t *data = gx_va(g, e, P_DATA);
	struct release r = { .sem = &data[0x800 / 4] };
	struct guest_mem other;
	pthread_t th;
	double done;

	if (!tap_ok(guest_mem_alloc(&other, IOVA + 64 * MiB, 1, 0x0e0e0000) &&
		    dma_map(g->v, &other) == 0 &&
		    pte_wr(g->v, gm_index(g->v->pv.low_base), pte_to(&other, 0)) == 0,
		    "unmap: another guest page mapped and entered in the GGTT"))
		return;
	submit_blocked(g, e, 6, 0xd0d0);
	tap_ok(gx_wait_csb(g, e, 0), "unmap: vcs0 promoted, blocked on its semaphore");
	pthread_create(&th, NULL, release_later, &r);
	check_err(dma_unmap(g->v, other.iova, other.len), 0, "unmap: the DMA unmap succeeds");
	done = now_s();
	pthread_join(th, NULL);
	tap_ok(r.at && done >= r.at,
	       "unmap: it returned only after the workload was released (%.3f s after)",
	       done - r.at);
	tap_ok(gx_wait_csb(g, e, 1) && data[6] == 0xd0d0,
	       "unmap: the workload completed and its store landed");
	gx_ack_irqs(g, e);
}

/*
 * A guest rewriting a GGTT entry while its work runs is not made to wait:
 * the entry goes to scratch at once, and the page it named stays pinned
 * until the workloads that could still reach it ended.
 */
static void test_rewrite_defers(struct gx *g)
{
	const unsigned int e = 3;
	uint32_t *data = gx_va(g, e, P_DATA);
	uint64_t index = gm_index(g->v->pv.low_base) + 1;
	struct release r = { .sem = &data[0x800 / 4] };
	struct guest_mem other;
	long pinned, unpinned;
	pthread_t th;
	double end;

	if (!tap_ok(guest_mem_alloc(&other, IOVA + 96 * MiB, 1, 0x0f0f0000) &&
		    dma_map(g->v, &other) == 0 && pte_wr(g->v, index, pte_to(&other, 0)) == 0,
		    "rewrite: a guest page entered in the GGTT"))
		return;
	submit_blocked(g, e, 7, 0xe7e7);
	tap_ok(gx_wait_csb(g, e, 0), "rewrite: vecs0 promoted, blocked on its semaphore");
	pinned = vgpu_counter(g->v, "pinned");
	unpinned = vgpu_counter(g->v, "unpinned");
	pthread_create(&th, NULL, release_later, &r);
	pte_wr(g->v, index, 0);
	tap_ok(!r.at, "rewrite: the entry write returned before the workload was released");
	check_eq(pte_rd(g->v, index), 0, "rewrite: the guest reads its new entry at once");
	check_eq(vgpu_counter(g->v, "unpinned"), unpinned,
		 "rewrite: the old page stays pinned while the workload may reach it");
	pthread_join(th, NULL);
	tap_ok(gx_wait_csb(g, e, 1) && data[7] == 0xe7e7, "rewrite: the workload completed");
	for (end = now_s() + 5; now_s() < end && vgpu_counter(g->v, "unpinned") == unpinned;)
		usleep(1000);
	check_eq(vgpu_counter(g->v, "unpinned"), unpinned + 1,
		 "rewrite: once it ended, the old page was unpinned");
	check_eq(vgpu_counter(g->v, "pinned"), pinned - 1, "rewrite: and the pinned count dropped");
	dma_unmap(g->v, other.iova, other.len);
	gx_ack_irqs(g, e);
}

/* A submission that must fail: engine error shown, reset brings it back. */
static void expect_failure(struct gx *g, unsigned int e, uint64_t d0, const char *what)
{
	double end = now_s() + 10;
	char state[128];
	uint32_t iir = 0;

	gx_ack_irqs(g, e);
	gx_elsp(g, e, d0, 0);
	while (now_s() < end) {
		iir = mmio_rd(g->v, GT_IIR(gx_irq_bank[e]), 4) >> gx_irq_shift[e];
		if (iir & GT_CS_ERROR)
			break;
		usleep(1000);
	}
	check_eq(iir & GT_CS_ERROR, GT_CS_ERROR, "%s %s: CS error interrupt", gx_names[e], what);
	check_eq(gx_rd(g, e, EIR) != 0, 1, "%s %s: EIR set", gx_names[e], what);
	check_eq(gx_rd(g, e, STATUS_HI), (uint32_t)(d0 >> 32),
		 "%s %s: STATUS_HI names the guilty context", gx_names[e], what);
	sysfs_read_line(fmt("%s/mgvt/state", g->v->dir), state, sizeof(state));
	tap_ok(!strncmp(state, fmt("failed: %s: ", gx_names[e]), strlen(gx_names[e]) + 10),
	       "%s %s: sysfs state reads \"%s\"", gx_names[e], what, state);
	mmio_wr(g->v, GDRST, 4, 1u << (e == 0 ? 1 : e == 1 ? 3 : e == 2 ? 2 : 4));
	check_eq(gx_rd(g, e, ESR), 0, "%s %s: ESR reads 0 after the engine reset", gx_names[e], what);
	sysfs_read_line(fmt("%s/mgvt/state", g->v->dir), state, sizeof(state));
	check_eq(strcmp(state, "active"), 0, "%s %s: and sysfs state \"active\" again",
		 gx_names[e], what);
	gx_engine_up(g, e);
	gx_ack_irqs(g, e);
}

static void test_attacks(struct gx *g, unsigned int e)
{
	uint32_t tail = 0;
	unsigned int rp = 5;
	uint32_t *data = gx_va(g, e, P_DATA);

	/* The image restores GDRST. */
	gx_image_build(g, e, 0, false);
	gx_image(g, e, 0)[0x34] = MI_LRI(1);
	gx_image(g, e, 0)[0x35] = 0x941c;
	gx_image(g, e, 0)[0x36] = 1;
	gx_image(g, e, 0)[0x37] = MI_BBE;
	gx_emit_store(g, e, 0, &tail, 8, 0xbad);
	gx_image(g, e, 0)[0x07] = tail;
	expect_failure(g, e, gx_desc(g, e, 0, D_OK), "image LRI to GDRST");
	check_eq(data[8], 0, "%s: nothing of it ran", gx_names[e]);

	/* The ring writes GDRST. */
	gx_image_build(g, e, 0, false);
	tail = 0;
	{
		uint32_t c[] = { MI_LRI(1), 0x941c, 1, MI_NOOP };

		gx_emit(g, e, 0, &tail, c, ARRAY_SIZE(c));
	}
	gx_emit_store(g, e, 0, &tail, 9, 0xbad);
	gx_image(g, e, 0)[0x07] = tail;
	expect_failure(g, e, gx_desc(g, e, 0, D_OK), "ring LRI to GDRST");
	check_eq(data[9], 0, "%s: nothing of it ran", gx_names[e]);

	/* The ring writes another engine's ELSP, then a fence register. */
	{
		static const uint32_t regs[] = { 0x22230, 0x2230, 0x100000 };
		unsigned int k;

		for (k = 0; k < ARRAY_SIZE(regs); k++) {
			uint32_t c[] = { MI_LRI(1), regs[k], 0xdead, MI_NOOP };

			if (regs[k] == gx_bases[e] + ELSP)
				continue;
			gx_image_build(g, e, 0, false);
			tail = 0;
			gx_emit(g, e, 0, &tail, c, ARRAY_SIZE(c));
			gx_image(g, e, 0)[0x07] = tail;
			expect_failure(g, e, gx_desc(g, e, 0, D_OK),
				       k == 2 ? "ring LRI to a fence" : "ring LRI to an ELSP");
		}
	}

	/* A batch just past the vGPU's high slice. */
	gx_image_build(g, e, 0, false);
	tail = 0;
	{
		uint64_t out = g->v->pv.high_base + g->v->pv.high_size;
		uint32_t c[] = { MI_BB_START, (uint32_t)out, out >> 32, MI_NOOP };

		gx_emit(g, e, 0, &tail, c, ARRAY_SIZE(c));
	}
	gx_image(g, e, 0)[0x07] = tail;
	expect_failure(g, e, gx_desc(g, e, 0, D_OK), "batch outside the vGPU's slices");

	/* A batch in the host's GM. */
	gx_image_build(g, e, 0, false);
	tail = 0;
	{
		uint32_t c[] = { MI_BB_START, 0x1000, 0, MI_NOOP };

		gx_emit(g, e, 0, &tail, c, ARRAY_SIZE(c));
	}
	gx_image(g, e, 0)[0x07] = tail;
	expect_failure(g, e, gx_desc(g, e, 0, D_OK), "batch in host GM");

	/* A PPGTT batch in a context without a PPGTT (PDP0 0). */
	gx_image_build(g, e, 0, false);
	tail = 0;
	{
		uint32_t c[] = { MI_BB_START | BB_PPGTT, 0x10000, 0, MI_NOOP };

		gx_emit(g, e, 0, &tail, c, ARRAY_SIZE(c));
	}
	gx_image(g, e, 0)[0x07] = tail;
	expect_failure(g, e, gx_desc(g, e, 0, D_OK), "PPGTT batch without a PPGTT");

	/* After the resets, a GGTT batch in the vGPU runs. */
	gx_image_build(g, e, 0, false);
	tail = 0;
	{
		uint64_t bgm = gx_gm(g, e, P_BATCH), gm = gx_gm(g, e, P_DATA) + 40;
		uint32_t *bb = gx_va(g, e, P_BATCH);
		uint32_t c[] = { MI_BB_START, (uint32_t)bgm, bgm >> 32, MI_NOOP };

		bb[0] = MI_SDI_GGTT;
		bb[1] = (uint32_t)gm;
		bb[2] = gm >> 32;
		bb[3] = 0xba7c4;
		bb[4] = MI_BBE;
		bb[5] = MI_NOOP;
		gx_emit(g, e, 0, &tail, c, ARRAY_SIZE(c));
	}
	gx_image(g, e, 0)[0x07] = tail;
	gx_elsp(g, e, gx_desc(g, e, 0, D_OK), 0);
	check_run(g, e, &rp, g->ccid, "GGTT batch after resets");
	check_eq(data[10], 0xba7c4, "%s: the GGTT batch's store landed", gx_names[e]);
}

int main(int argc, char **argv)
{
	int ret = simple_program_start(argc, argv, 600);
	struct gx guest, *g = &guest;
	struct vgpu *v;
	unsigned int e;

	if (ret >= 0)
		return ret;
	v = vgpu_new("A", find_type("GVTg_V5_8"));
	if (!v || vgpu_create(v) || !vfio_open(v, false) || !read_pvinfo(v)) {
		tap_bail("could not create and open a vGPU");
		cleanup_all();
		return tap_finish();
	}
	if (!tap_ok(gx_setup(g, v, IOVA), "guest memory mapped into the GGTT, MSI eventfd")) {
		cleanup_all();
		return tap_finish();
	}
	for (e = 0; e < 4; e++)
		test_engine(g, e);
	test_many(g, 1);
	test_long_batch(g, 0);
	test_unmap_waits(g);
	test_rewrite_defers(g);
	for (e = 0; e < 4; e++)
		test_attacks(g, e);
	cleanup_all();
	return tap_finish();
}

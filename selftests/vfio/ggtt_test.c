// SPDX-License-Identifier: GPL-2.0
/*
 * ggtt_test - mgvt's GGTT and aperture through VFIO, as a guest driver and
 * its VMM would use them: guest memory DMA-mapped into the container, GGTT
 * entries written through BAR0, the aperture slice mmapped from BAR2.
 *
 * Checks by value: the pGPU's GGTT entry (mgvt_sim's debugfs "ggtt") holds
 * the DMA address of the guest page, bytes written through the aperture land
 * in that page and back, a rewrite zaps the old user mapping, unmapping the
 * DMA range or resetting the device unpins (the vGPU's counters and the
 * process's VmLck), the aperture then shows scratch and never the old page,
 * refused entries (outside the slices, reserved bits, unmapped memory,
 * narrow writes) are counted, pins over RLIMIT_MEMLOCK fail cleanly, and a
 * 30 s fight between a thread touching the aperture and one rewriting the
 * entries behind it (with DMA unmaps and device resets) ends without a hang
 * or a wrong byte.
 *
 * Run as root inside the test VM with mgvt.ko and mgvt_sim.ko loaded, via
 * run.sh.  MGVT_STRESS_SECONDS sets the fight's length (default 30).
 */
#define _GNU_SOURCE
#include <glob.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/capability.h>

#include "pagemap.h"
#include "vgpu_lib.h"

#define IOVA_BUF	(4 * GiB)		/* guest memory of the tests */
#define IOVA_UNMAP	(6 * GiB)		/* buffer the user unmaps */
#define IOVA_STRESS	(7 * GiB)		/* buffer remapped under the fight */
#define IOVA_HOLE	(1 * GiB)		/* never mapped */
#define BUF_PAGES	16u

static struct guest_mem mem_a, mem_b;

/* ------------------------------------------------------------------------- */
/* Helpers                                                                    */
/* ------------------------------------------------------------------------- */

/* First word of the aperture page at GM @gm, read through the region. */
static uint32_t ap_rd(const struct vgpu *v, uint64_t gm)
{
	return (uint32_t)bar2_rd(v, gm, 4);
}

/* ------------------------------------------------------------------------- */
/* Per-vGPU state of the test                                                 */
/* ------------------------------------------------------------------------- */

struct ctx {
	struct vgpu *v;
	struct guest_mem *mem;
	uint8_t *ap;		/* the whole aperture slice, mmapped */
	uint64_t lo, lo_size;	/* low slice (GM addresses) */
	long base_kb;		/* VmLck before any pin */
	uint64_t scratch_pte;	/* pGPU entry of an unbacked GM page */
};

static uint8_t *ap_page(const struct ctx *c, unsigned int slot)
{
	return c->ap + (size_t)slot * PAGE;
}

static uint64_t slot_gm(const struct ctx *c, unsigned int slot)
{
	return c->lo + (uint64_t)slot * PAGE;
}

static uint64_t slot_index(const struct ctx *c, unsigned int slot)
{
	return gm_index(slot_gm(c, slot));
}

/* Slot 0 is never written: it shows the vGPU's scratch page. */
static uint32_t scratch_word(const struct ctx *c)
{
	return word(ap_page(c, 0));
}

static bool ctx_setup(struct ctx *c, struct vgpu *v, struct guest_mem *m,
		      uint32_t tag)
{
	c->v = v;
	c->mem = m;
	if (!tap_ok(read_pvinfo(v), "%s: PVINFO readable", v->label))
		return false;
	c->lo = v->pv.low_base;
	c->lo_size = v->pv.low_size;
	c->base_kb = vm_locked_kb();
	if (!tap_ok(guest_mem_alloc(m, IOVA_BUF, BUF_PAGES, tag), "%s: guest memory allocated",
		    v->label))
		return false;
	if (!check_err(dma_map(v, m), 0, "%s: VFIO_IOMMU_MAP_DMA of %u pages at 0x%" PRIx64,
		       v->label, BUF_PAGES, m->iova))
		return false;
	c->ap = map_bar2(v, c->lo, c->lo_size, MAP_SHARED);
	if (!tap_ok(c->ap != MAP_FAILED, "%s: mmap of the whole aperture slice (%" PRIu64 " MiB)",
		    v->label, c->lo_size / MiB))
		return false;
	c->scratch_pte = sim_pte(slot_index(c, 0));
	tap_ok(c->scratch_pte & PTE_VALID,
	       "%s: unbacked entries of the slice point at a valid scratch page on the pGPU (0x%" PRIx64 ")",
	       v->label, c->scratch_pte);
	return true;
}

/* ------------------------------------------------------------------------- */
/* Tests                                                                      */
/* ------------------------------------------------------------------------- */

/* A PTE to guest memory: pinned, on the pGPU, and the aperture shows it. */
static void test_pte_basic(struct ctx *c)
{
	const char *l = c->v->label;
	uint64_t idx = slot_index(c, 1), pte = pte_to(c->mem, 0);
	uint32_t pat = 0xa5a50000u ^ (uint32_t)c->lo;

	check_eq(vgpu_counter(c->v, "pinned"), 0, "%s: nothing pinned before the first PTE", l);
	check_err(pte_wr(c->v, idx, pte), 0, "%s: 8-byte GGTT write of entry 0x%" PRIx64, l, idx);
	check_eq(pte_rd(c->v, idx), pte, "%s: the entry reads back as written", l);
	check_eq(vgpu_counter(c->v, "pinned"), 1, "%s: one guest page pinned", l);
	check_eq(vm_locked_kb() - c->base_kb, PAGE / 1024, "%s: VmLck grew by one page", l);
	check_eq(sim_pte(idx), pagemap_phys(mem_page(c->mem, 0)) | PTE_VALID,
		 "%s: the pGPU's GGTT entry holds the guest page's DMA address", l);

	check_eq(word(ap_page(c, 1)), word(mem_page(c->mem, 0)),
		 "%s: the aperture mmap shows the guest page", l);
	*(volatile uint32_t *)(ap_page(c, 1) + 64) = pat;
	check_eq(word(mem_page(c->mem, 0) + 64), pat,
		 "%s: a word written through the aperture mmap is in guest memory", l);
	*(volatile uint32_t *)(mem_page(c->mem, 0) + 128) = ~pat;
	check_eq(word(ap_page(c, 1) + 128), ~pat,
		 "%s: a word written to guest memory is seen through the aperture mmap", l);
	check_eq(ap_rd(c->v, slot_gm(c, 1) + 64), pat,
		 "%s: BAR2 region read sees the same guest page", l);
	bar2_wr(c->v, slot_gm(c, 1) + 256, 4, pat ^ 0xffff);
	check_eq(word(mem_page(c->mem, 0) + 256), pat ^ 0xffff,
		 "%s: BAR2 region write lands in the guest page", l);
	check_eq(pte_rd(c->v, slot_index(c, 0)), 0, "%s: neighbouring entries stay 0", l);
	check_eq(sim_pte(slot_index(c, 0)), c->scratch_pte,
		 "%s: neighbouring pGPU entries stay on scratch", l);
}

/* Rewriting an entry zaps the user mapping: the same pointer sees the new page. */
static void test_remap(struct ctx *c)
{
	const char *l = c->v->label;
	uint64_t idx = slot_index(c, 1);
	long zaps = vgpu_counter(c->v, "zaps"), unpinned = vgpu_counter(c->v, "unpinned");

	check_eq(word(ap_page(c, 1)), word(mem_page(c->mem, 0)), "%s: mapping touched", l);
	pte_wr(c->v, idx, pte_to(c->mem, 1));
	check_eq(word(ap_page(c, 1)), word(mem_page(c->mem, 1)),
		 "%s: after a rewrite the old mmap pointer shows the new page (old PTE zapped)", l);
	tap_ok(word(ap_page(c, 1)) != word(mem_page(c->mem, 0)),
	       "%s: ... and not the old page", l);
	tap_ok(vgpu_counter(c->v, "zaps") > zaps, "%s: the zap is counted (%ld -> %ld)", l, zaps,
	       vgpu_counter(c->v, "zaps"));
	check_eq(vgpu_counter(c->v, "pinned"), 1, "%s: still exactly one page pinned", l);
	check_eq(vgpu_counter(c->v, "unpinned"), unpinned + 1, "%s: the old page was unpinned", l);
	check_eq(vm_locked_kb() - c->base_kb, PAGE / 1024, "%s: VmLck still one page", l);
	check_eq(sim_pte(idx), pagemap_phys(mem_page(c->mem, 1)) | PTE_VALID,
		 "%s: the pGPU entry follows the rewrite", l);
	pte_wr(c->v, idx, pte_to(c->mem, 1));
	check_eq(vgpu_counter(c->v, "pinned"), 1, "%s: rewriting the same entry pins nothing more", l);
}

/* 4-byte halves in either order make one entry; a lone half leaves scratch. */
static void test_halves(struct ctx *c)
{
	const char *l = c->v->label;
	uint64_t i2 = slot_index(c, 2), i3 = slot_index(c, 3), i4 = slot_index(c, 4);
	uint64_t p2 = pte_to(c->mem, 2), p3 = pte_to(c->mem, 3), p4 = pte_to(c->mem, 4);

	mmio_wr(c->v, GGTT_BASE + 8 * i2, 4, (uint32_t)p2);
	mmio_wr(c->v, GGTT_BASE + 8 * i2 + 4, 4, (uint32_t)(p2 >> 32));
	check_eq(pte_rd(c->v, i2), p2, "%s: low half then high half reads back whole", l);
	check_eq(word(ap_page(c, 2)), word(mem_page(c->mem, 2)),
		 "%s: low half then high half maps the page", l);

	mmio_wr(c->v, GGTT_BASE + 8 * i3 + 4, 4, (uint32_t)(p3 >> 32));
	mmio_wr(c->v, GGTT_BASE + 8 * i3, 4, (uint32_t)p3);
	check_eq(word(ap_page(c, 3)), word(mem_page(c->mem, 3)),
		 "%s: high half then low half maps the page", l);

	mmio_wr(c->v, GGTT_BASE + 8 * i4, 4, (uint32_t)p4);
	check_eq(word(ap_page(c, 4)), scratch_word(c),
		 "%s: a lone low half leaves the entry on scratch", l);
	check_eq(sim_pte(i4), c->scratch_pte, "%s: ... on the pGPU too", l);
	mmio_wr(c->v, GGTT_BASE + 8 * i4 + 4, 4, (uint32_t)(p4 >> 32));
	check_eq(word(ap_page(c, 4)), word(mem_page(c->mem, 4)),
		 "%s: its high half completes it", l);
	check_eq(vgpu_counter(c->v, "pinned"), 4, "%s: four pages pinned", l);

	/* Two entries updated as interleaved halves, as a 32-bit writer might. */
	mmio_wr(c->v, GGTT_BASE + 8 * i2, 4, (uint32_t)p3);
	mmio_wr(c->v, GGTT_BASE + 8 * i3, 4, (uint32_t)p2);
	mmio_wr(c->v, GGTT_BASE + 8 * i2 + 4, 4, (uint32_t)(p3 >> 32));
	mmio_wr(c->v, GGTT_BASE + 8 * i3 + 4, 4, (uint32_t)(p2 >> 32));
	check_eq(word(ap_page(c, 2)), word(mem_page(c->mem, 3)),
		 "%s: interleaved halves of two entries: the first maps its new page", l);
	check_eq(word(ap_page(c, 3)), word(mem_page(c->mem, 2)),
		 "%s: ... and so does the second", l);
}

/* Refused entries: counted, logged, scratch on the pGPU, the host unharmed. */
static void test_bad_ptes(struct ctx *c, const struct ctx *other)
{
	const char *l = c->v->label;
	uint64_t i5 = slot_index(c, 5), i6 = slot_index(c, 6), i7 = slot_index(c, 7);
	uint64_t host_idx = 0, their = slot_index(other, 1);
	uint64_t host_pte = sim_pte(host_idx), their_pte = sim_pte(their);
	long refused = vgpu_counter(c->v, "pte_refused"), dropped = vgpu_counter(c->v, "pte_dropped");
	long fails = vgpu_counter(c->v, "pin_failures");
	int kfd = kmsg_open();
	char log[16384];

	pte_wr(c->v, i5, pte_to(c->mem, 5));
	check_err(mmio_wr(c->v, GGTT_BASE + 8 * i5 + 2, 2, 0x1234), 0,
		  "%s: a 2-byte GGTT write is accepted by the region", l);
	check_err(mmio_wr(c->v, GGTT_BASE + 8 * i5 + 1, 1, 0x12), 0,
		  "%s: a 1-byte GGTT write is accepted by the region", l);
	check_eq(pte_rd(c->v, i5), pte_to(c->mem, 5), "%s: ... and both are dropped", l);
	check_eq(vgpu_counter(c->v, "pte_refused"), refused + 2, "%s: ... and counted as refused", l);
	check_eq(word(ap_page(c, 5)), word(mem_page(c->mem, 5)), "%s: the entry still maps its page",
		 l);

	pte_wr(c->v, i6, pte_to(c->mem, 6) | 1ull << 50);
	check_eq(vgpu_counter(c->v, "pte_refused"), refused + 3,
		 "%s: an entry with reserved bit 50 set is refused", l);
	check_eq(sim_pte(i6), c->scratch_pte, "%s: ... the pGPU entry stays on scratch", l);
	check_eq(word(ap_page(c, 6)), scratch_word(c), "%s: ... the aperture shows scratch", l);

	pte_wr(c->v, i7, IOVA_HOLE | PTE_VALID);
	check_eq(vgpu_counter(c->v, "pin_failures"), fails + 1,
		 "%s: an entry to guest memory the user never mapped fails to pin", l);
	check_eq(sim_pte(i7), c->scratch_pte, "%s: ... the pGPU entry stays on scratch", l);
	check_eq(word(ap_page(c, 7)), scratch_word(c), "%s: ... the aperture shows scratch", l);

	pte_wr(c->v, host_idx, pte_to(c->mem, 8));
	check_eq(pte_rd(c->v, host_idx), 0, "%s: an entry in the host's reserve reads back unchanged",
		 l);
	check_eq(sim_pte(host_idx), host_pte, "%s: ... the host's pGPU entry is untouched", l);
	pte_wr(c->v, their, pte_to(c->mem, 8));
	check_eq(pte_rd(c->v, their), 0, "%s: an entry in %s's slice reads back unchanged", l,
		 other->v->label);
	check_eq(sim_pte(their), their_pte, "%s: ... %s's pGPU entry is untouched", l,
		 other->v->label);
	check_eq(vgpu_counter(c->v, "pte_dropped"), dropped + 2, "%s: both writes counted as dropped", l);
	check_eq(vgpu_counter(c->v, "pinned"), 5, "%s: none of that pinned anything", l);

	kmsg_collect(kfd, log, sizeof(log));
	close(kfd);
	tap_ok(strstr(log, "cannot pin") && strstr(log, c->v->uuid),
	       "%s: the pin failure is logged naming the vGPU", l);
	tap_ok(strstr(log, "outside its slices") != NULL, "%s: the dropped write is logged", l);
	tap_ok(strstr(log, "reserved bits") != NULL, "%s: the reserved bits are logged", l);
}

/* The user unmaps guest memory behind an entry: unpinned, scratch, not the old page. */
static void test_user_unmap(struct ctx *c)
{
	const char *l = c->v->label;
	struct guest_mem m;
	uint64_t idx = slot_index(c, 8);
	long pinned = vgpu_counter(c->v, "pinned"), kb = vm_locked_kb();
	long dma = sim_dma_mapped(), unmaps = vgpu_counter(c->v, "dma_unmaps");
	uint32_t old;

	if (!tap_ok(guest_mem_alloc(&m, IOVA_UNMAP, 4, 0x5eed0000), "%s: second buffer allocated", l))
		return;
	check_err(dma_map(c->v, &m), 0, "%s: second buffer DMA-mapped", l);
	pte_wr(c->v, idx, pte_to(&m, 2));
	old = word(mem_page(&m, 2));
	check_eq(word(ap_page(c, 8)), old, "%s: aperture mapping of the second buffer touched", l);
	check_eq(vgpu_counter(c->v, "pinned"), pinned + 1, "%s: its page is pinned", l);
	check_eq(sim_dma_mapped(), dma + 1, "%s: and DMA-mapped on the pGPU", l);

	check_err(dma_unmap(c->v, m.iova, m.len), 0, "%s: VFIO_IOMMU_UNMAP_DMA of the buffer", l);
	check_eq(vgpu_counter(c->v, "pinned"), pinned, "%s: its page is unpinned", l);
	check_eq(vm_locked_kb(), kb, "%s: VmLck is back where it was", l);
	check_eq(sim_dma_mapped(), dma, "%s: the pGPU DMA mapping is gone", l);
	check_eq(vgpu_counter(c->v, "dma_unmaps"), unmaps + 1, "%s: the unmap notification is counted", l);
	check_eq(sim_pte(idx), c->scratch_pte, "%s: the pGPU entry points at scratch", l);
	check_eq(pte_rd(c->v, idx), pte_to(&m, 2), "%s: the guest's view keeps its value", l);
	munmap(m.va, m.len);
	check_eq(word(ap_page(c, 8)), scratch_word(c),
		 "%s: after unmap and munmap the touched aperture page reads scratch", l);
	tap_ok(word(ap_page(c, 8)) != old || scratch_word(c) == old,
	       "%s: ... never the old page's contents", l);

	/* Once the unmap returned, a legitimate re-map of the range pins at once. */
	if (!guest_mem_alloc(&m, IOVA_UNMAP, 1, 0x5eed1000) || dma_map(c->v, &m))
		return;
	pte_wr(c->v, idx, pte_to(&m, 0));
	pte_wr(c->v, idx, 0);
	check_err(dma_unmap(c->v, m.iova, m.len), 0, "%s: map, pin and unmap again", l);
	dma_map(c->v, &m);
	pte_wr(c->v, idx, pte_to(&m, 0));
	check_eq(word(ap_page(c, 8)), word(m.va),
		 "%s: an entry to a range unmapped and mapped again maps at once", l);
	check_eq(mgvt_stat("unmap_fences"), 0, "%s: no unmap fence outlives its ioctl", l);
	pte_wr(c->v, idx, 0);
	dma_unmap(c->v, m.iova, m.len);
	munmap(m.va, m.len);
}

/* VFIO_DEVICE_RESET drops every pin and clears the guest's GGTT. */
static void test_reset(struct ctx *c)
{
	const char *l = c->v->label;
	uint64_t idx = slot_index(c, 1);
	long resets = vgpu_counter(c->v, "resets"), dma = sim_dma_mapped();
	long pinned = vgpu_counter(c->v, "pinned"), kb = vm_locked_kb();

	tap_ok(pinned > 0, "%s: pages pinned before the reset (%ld)", l, pinned);
	check_err(xioctl(c->v->device, VFIO_DEVICE_RESET, NULL), 0, "%s: VFIO_DEVICE_RESET", l);
	check_eq(vgpu_counter(c->v, "pinned"), 0, "%s: nothing pinned after the reset", l);
	check_eq(kb - vm_locked_kb(), pinned * (PAGE / 1024), "%s: VmLck dropped by all of them", l);
	check_eq(sim_dma_mapped(), dma - pinned, "%s: their pGPU DMA mappings are gone", l);
	check_eq(vgpu_counter(c->v, "resets"), resets + 1, "%s: the reset is counted", l);
	check_eq(pte_rd(c->v, idx), 0, "%s: the guest's GGTT view is cleared", l);
	/* A reset gives the vGPU a fresh scratch page (hostile_test checks its bytes). */
	tap_ok(sim_pte(slot_index(c, 0)) != c->scratch_pte && (sim_pte(slot_index(c, 0)) & PTE_VALID),
	       "%s: unbacked entries point at a new scratch page after the reset", l);
	c->scratch_pte = sim_pte(slot_index(c, 0));
	check_eq(sim_pte(idx), c->scratch_pte, "%s: the pGPU entry points at scratch", l);
	check_eq(word(ap_page(c, 1)), scratch_word(c), "%s: the aperture shows scratch", l);
	pte_wr(c->v, idx, pte_to(c->mem, 9));
	check_eq(word(ap_page(c, 1)), word(mem_page(c->mem, 9)),
		 "%s: the guest can program the GGTT again after the reset", l);
}

/* Neither vGPU can reach the other's aperture. */
static void test_isolation(const struct ctx *a, const struct ctx *b)
{
	int ret = map_bar2_errno(a->v, b->lo, PAGE, MAP_SHARED);

	check_err(ret, EINVAL, "%s: mmap of %s's aperture slice is refused", a->v->label,
		  b->v->label);
	pte_wr(b->v, slot_index(b, 1), pte_to(b->mem, 1));
	check_eq(word(ap_page(b, 1)), word(mem_page(b->mem, 1)), "%s: maps its own guest page",
		 b->v->label);
	check_eq(bar2_rd(a->v, slot_gm(b, 1), 4), 0, "%s: region read of %s's slice reads 0",
		 a->v->label, b->v->label);
	bar2_wr(a->v, slot_gm(b, 1), 4, 0xdeadbeef);
	tap_ok(word(mem_page(b->mem, 1)) != 0xdeadbeef,
	       "%s: region write to %s's slice does not reach %s's page", a->v->label,
	       b->v->label, b->v->label);
}

/* --- the fight: one thread touches the aperture, one rewrites the entries --- */

struct fight {
	struct ctx *c;
	atomic_bool stop;
	atomic_long reads, bad;
	uint32_t good[4];	/* scratch, page 10, page 11, stress page */
	uint32_t last_bad;
};

static void *toucher(void *arg)
{
	struct fight *f = arg;
	const uint8_t *p = ap_page(f->c, 10);

	while (!atomic_load(&f->stop)) {
		uint32_t w = word(p);

		if (w != f->good[0] && w != f->good[1] && w != f->good[2] &&
		    w != f->good[3]) {
			f->last_bad = w;
			atomic_fetch_add(&f->bad, 1);
		}
		atomic_fetch_add(&f->reads, 1);
	}
	return NULL;
}

static void test_fight(struct ctx *c, unsigned int seconds)
{
	const char *l = c->v->label;
	struct fight f = { .c = c };
	struct guest_mem s;
	uint64_t idx = slot_index(c, 10), idx2 = slot_index(c, 11);
	long writes = 0, remaps = 0, resets = 0;
	double end;
	pthread_t t;

	if (!tap_ok(guest_mem_alloc(&s, IOVA_STRESS, 1, 0x57e55000), "%s: stress buffer allocated", l))
		return;
	check_err(dma_map(c->v, &s), 0, "%s: stress buffer DMA-mapped", l);
	f.good[0] = scratch_word(c);
	f.good[1] = word(mem_page(c->mem, 10));
	f.good[2] = word(mem_page(c->mem, 11));
	f.good[3] = word(s.va);
	if (!tap_ok(pthread_create(&t, NULL, toucher, &f) == 0, "%s: toucher thread started", l))
		return;
	end = now_s() + seconds;
	while (now_s() < end) {
		pte_wr(c->v, idx, pte_to(c->mem, 10 + (writes & 1)));
		pte_wr(c->v, idx2, pte_to(&s, 0));
		if (writes % 3 == 2)
			pte_wr(c->v, idx, 0);
		if (writes % 5 == 4) {
			/* re-pin behind the toucher: the user unmaps and maps again */
			pte_wr(c->v, idx, pte_to(&s, 0));
			dma_unmap(c->v, s.iova, s.len);
			dma_map(c->v, &s);
			remaps++;
		}
		if (writes % 50 == 49) {
			/* reset during activity: every pin dropped under the toucher */
			xioctl(c->v->device, VFIO_DEVICE_RESET, NULL);
			resets++;
		}
		writes++;
	}
	atomic_store(&f.stop, true);
	pthread_join(t, NULL);
	tap_diag("%s: fight: %ld PTE rounds (%ld DMA unmap/map, %ld device resets), %ld aperture reads in %u s",
		 l, writes, remaps, resets, atomic_load(&f.reads), seconds);
	tap_ok(writes > 0 && atomic_load(&f.reads) > 0,
	       "%s: both threads made progress for %u s without a hang", l, seconds);
	if (!check_eq(atomic_load(&f.bad), 0,
		      "%s: every aperture read saw a page the entry named or scratch", l))
		tap_diag("  last bad word 0x%x", f.last_bad);
	pte_wr(c->v, idx, 0);
	pte_wr(c->v, idx2, 0);
	check_err(dma_unmap(c->v, s.iova, s.len), 0, "%s: stress buffer unmapped", l);
	munmap(s.va, s.len);
	xioctl(c->v->device, VFIO_DEVICE_RESET, NULL);
	check_eq(vgpu_counter(c->v, "pinned"), 0, "%s: nothing pinned after the fight and a reset", l);
}

/* --- RLIMIT_MEMLOCK: a user without CAP_IPC_LOCK pins up to its limit --- */

static int drop_ipc_lock(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	d[CAP_IPC_LOCK / 32].effective &= ~(1u << (CAP_IPC_LOCK % 32));
	d[CAP_IPC_LOCK / 32].permitted &= ~(1u << (CAP_IPC_LOCK % 32));
	return (int)syscall(SYS_capset, &h, d);
}

/* In a child: room for 2 more pages, write 4 entries. Exit: pinned * 16 + failures. */
static int memlock_child(struct vgpu *v)
{
	rlim_t lim = (rlim_t)vm_locked_kb() * 1024 + 2 * PAGE;
	struct rlimit rl = { lim, lim };
	struct guest_mem m;
	long f0;

	if (setrlimit(RLIMIT_MEMLOCK, &rl) || drop_ipc_lock())
		return 255;
	if (!vfio_open(v, false) || !read_pvinfo(v) || !guest_mem_alloc(&m, IOVA_BUF, 4, 0x10c40000) ||
	    dma_map(v, &m))
		return 254;
	f0 = vgpu_counter(v, "pin_failures");
	for (unsigned int i = 0; i < 4; i++)
		pte_wr(v, gm_index(v->pv.low_base) + 1 + i, pte_to(&m, i));
	return (int)(vgpu_counter(v, "pinned") * 16 + vgpu_counter(v, "pin_failures") - f0);
}

static void test_memlock(struct vgpu *v)
{
	int status = 0;
	pid_t pid;

	vfio_close(v);
	pid = fork();
	if (pid == 0)
		_exit(memlock_child(v));
	if (!tap_ok(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status),
		    "%s: RLIMIT_MEMLOCK child ran", v->label))
		return;
	check_eq(WEXITSTATUS(status), 2 * 16 + 2,
		 "%s: without CAP_IPC_LOCK and a 2-page RLIMIT_MEMLOCK, 2 of 4 entries pin and 2 fail cleanly",
		 v->label);
	check_eq(vgpu_counter(v, "pinned"), 0, "%s: the child's exit unpinned everything", v->label);
}

int main(int argc, char **argv)
{
	int ret;
	const char *secs = getenv("MGVT_STRESS_SECONDS");
	unsigned int seconds = secs ? (unsigned int)atoi(secs) : 30;
	struct ctx ca = { 0 }, cb = { 0 };
	struct vgpu *a, *b;
	long dma0, kb0 = vm_locked_kb();

	ret = simple_program_start(argc, argv, 300);
	if (ret >= 0)
		return ret;
	a = vgpu_new("A", find_type("GVTg_V5_4"));
	b = vgpu_new("B", find_type("GVTg_V5_8"));
	dma0 = sim_dma_mapped();
	if (!a || !b || !tap_ok(vgpu_create(a) == 0 && vgpu_create(b) == 0, "two vGPUs created") ||
	    !vfio_open(a, true) || !vfio_open(b, true)) {
		tap_bail("could not create and open two vGPUs");
		cleanup_all();
		return tap_finish();
	}
	check_eq(sim_dma_mapped(), dma0 + 2, "each vGPU DMA-maps one scratch page on the pGPU");
	if (!ctx_setup(&ca, a, &mem_a, 0xaaaa0000) || !ctx_setup(&cb, b, &mem_b, 0xbbbb0000)) {
		tap_bail("setup failed");
		cleanup_all();
		return tap_finish();
	}

	test_pte_basic(&ca);
	test_remap(&ca);
	test_halves(&ca);
	test_bad_ptes(&ca, &cb);
	test_user_unmap(&ca);
	test_isolation(&ca, &cb);
	test_reset(&ca);
	test_fight(&ca, seconds);

	munmap(cb.ap, cb.lo_size);
	test_memlock(b);

	munmap(ca.ap, ca.lo_size);
	vfio_close(a);
	check_eq(vgpu_counter(a, "pinned"), 0, "A: closing the device unpinned everything");
	cleanup_all();
	check_eq(sim_dma_mapped(), dma0, "no pGPU DMA mapping left after both vGPUs are removed");
	check_eq(vm_locked_kb(), kb0, "VmLck of this process is back to its value at start");
	return tap_finish();
}

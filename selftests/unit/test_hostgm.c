// SPDX-License-Identifier: GPL-2.0
/*
 * The host GM allocator (gvt/mm/hostgm.c) against a recording HAL: ranges
 * inside the reserve, disjoint and page-aligned; every page DMA-mapped
 * and entered in the GGTT before the invalidate that publishes it; freed
 * in the reverse order (entry cleared, invalidate, unmap, page freed); a
 * failure half-way leaves nothing behind; exhaustion is -ENOSPC.
 */
#include <errno.h>
#include <string.h>

#include "hal.h"
#include "mm/gm.h"
#include "mm/hostgm.h"
#include "regs/gtt.h"
#include "regs/regs.h"
#include "tap.h"

#define APERTURE	(256ULL << 20)
#define MAX_EV		4096

long shim_alloc_page_budget = -1;

/* The recording HAL: what happened, in order. */
enum ev_kind { EV_PTE, EV_FLUSH, EV_MAP, EV_UNMAP };
static struct ev { enum ev_kind kind; u64 a, b; } evs[MAX_EV];
static unsigned int nev;
static unsigned long live_maps;
static int map_fail_after = -1;
static u64 ptes[(APERTURE + MGVT_HOST_HIGH_GM) >> 12];

static void record(enum ev_kind kind, u64 a, u64 b)
{
	if (nev < MAX_EV)
		evs[nev++] = (struct ev){ kind, a, b };
}

static u32 fake_read32(struct mgvt_pgpu *p, u32 reg) { return 0; }
static u64 fake_read64(struct mgvt_pgpu *p, u32 reg) { return 0; }
static u64 fake_read_pte(struct mgvt_pgpu *p, u32 i) { return ptes[i]; }

static void fake_write32(struct mgvt_pgpu *p, u32 reg, u32 val)
{
	if (reg == GFX_FLSH_CNTL)
		record(EV_FLUSH, 0, 0);
}

static void fake_write_pte(struct mgvt_pgpu *p, u32 index, u64 pte)
{
	ptes[index] = pte;
	record(EV_PTE, index, pte);
}

static int fake_dma_map(struct mgvt_pgpu *p, struct page *page,
			unsigned int npages, dma_addr_t *dma)
{
	if (map_fail_after == 0)
		return -EIO;
	if (map_fail_after > 0)
		map_fail_after--;
	/* A DMA address unlike the page's own address, page-aligned. */
	*dma = ((u64)(uintptr_t)page ^ 0x5500000000ULL) & ~0xfffULL;
	live_maps += npages;
	record(EV_MAP, *dma, npages);
	return 0;
}

static void fake_dma_unmap(struct mgvt_pgpu *p, dma_addr_t dma,
			   unsigned int npages)
{
	live_maps -= npages;
	record(EV_UNMAP, dma, npages);
}

static int fake_aperture_page(struct mgvt_pgpu *p, u64 gm,
			      struct mgvt_aperture_page *ap)
{
	return -ENOENT;
}

static const struct mgvt_hal_ops fake_ops = {
	.read32 = fake_read32, .write32 = fake_write32, .read64 = fake_read64,
	.read_pte = fake_read_pte, .write_pte = fake_write_pte,
	.dma_map = fake_dma_map, .dma_unmap = fake_dma_unmap,
	.aperture_page = fake_aperture_page,
};

const struct mgvt_hal_ops *mgvt_pgpu_ops(const struct mgvt_pgpu *pgpu)
{
	return &fake_ops;
}

static struct mgvt_pgpu *const PGPU = (struct mgvt_pgpu *)0x1000;

static bool in_zone(const struct mgvt_gm_buf *b, enum mgvt_gm_zone z)
{
	u64 base = z == MGVT_GM_LOW ? 0 : APERTURE;
	u64 size = z == MGVT_GM_LOW ? MGVT_HOST_LOW_GM : MGVT_HOST_HIGH_GM;

	return b->gm >= base && b->gm + ((u64)b->npages << 12) <= base + size &&
	       !(b->gm & 0xfff) && b->gm;
}

/* Every page present in the GGTT with its DMA address, before one flush. */
static bool published(const struct mgvt_gm_buf *b, unsigned int from)
{
	unsigned int i, ptes_seen = 0;

	for (i = 0; i < b->npages; i++)
		if (ptes[(b->gm >> 12) + i] != (b->dma[i] | GEN8_PTE_PRESENT))
			return false;
	for (i = from; i < nev; i++) {
		if (evs[i].kind == EV_PTE)
			ptes_seen++;
		if (evs[i].kind == EV_FLUSH)
			return ptes_seen == b->npages && i == nev - 1;
	}
	return false;
}

static void test_alloc_free(void)
{
	struct mgvt_hostgm hg;
	struct mgvt_gm_buf a, b, c, d;
	unsigned long used[MGVT_GM_ZONES], size[MGVT_GM_ZONES], allocs;
	unsigned int mark, i;
	bool order = true;
	u32 v;
	int ret;

	tap_ok(!mgvt_hostgm_init(&hg, PGPU, APERTURE), "init over the reserve");
	mgvt_hostgm_usage(&hg, used, size, &allocs);
	tap_ok(size[MGVT_GM_LOW] == 32768 && size[MGVT_GM_HIGH] == 98304 &&
	       !used[0] && !used[1] && !allocs,
	       "zones of 128 MiB and 384 MiB, empty (%lu, %lu pages)",
	       size[0], size[1]);

	mark = nev;
	ret = mgvt_hostgm_alloc(&hg, MGVT_GM_LOW, 3, &a);
	tap_ok(!ret && a.npages == 3 && in_zone(&a, MGVT_GM_LOW),
	       "3 low pages at %#llx, inside the low reserve, not GM 0",
	       (unsigned long long)a.gm);
	tap_ok(published(&a, mark), "its GGTT entries name its DMA addresses, then one invalidate");
	mark = nev;
	ret = mgvt_hostgm_alloc(&hg, MGVT_GM_HIGH, 5, &b);
	tap_ok(!ret && in_zone(&b, MGVT_GM_HIGH) &&
	       published(&b, mark), "5 high pages at %#llx, inside the high reserve, published",
	       (unsigned long long)b.gm);
	tap_ok(!mgvt_hostgm_alloc(&hg, MGVT_GM_LOW, 2, &c) &&
	       (c.gm >= a.gm + 3 * 4096 || c.gm + 2 * 4096 <= a.gm),
	       "a second low range does not overlap the first");

	/* Contents: zeroed, and the accessors cross page boundaries. */
	v = 1;
	for (i = 0; i < 3 * 1024; i++)
		v &= !mgvt_gm_buf_read32(&a, 4 * i);
	tap_ok(v, "pages come zeroed");
	{
		u8 in[6000], out[6000];

		for (i = 0; i < sizeof(in); i++)
			in[i] = i * 7;
		mgvt_gm_buf_write(&a, 3000, in, sizeof(in));
		mgvt_gm_buf_read(&a, 3000, out, sizeof(out));
		tap_ok(!memcmp(in, out, sizeof(in)) &&
		       mgvt_gm_buf_read32(&a, 4096) == *(u32 *)&in[1096],
		       "write and read across a page boundary");
		mgvt_gm_buf_clear(&a, 4000, 200);
		tap_ok(!mgvt_gm_buf_read32(&a, 4096) && mgvt_gm_buf_read32(&a, 4200) ==
		       *(u32 *)&in[1200], "clear covers exactly its range");
	}

	/* Free: entries cleared, one invalidate, then unmaps. */
	mark = nev;
	mgvt_hostgm_free(&hg, &b);
	for (i = mark; i < mark + 5; i++)
		order &= evs[i].kind == EV_PTE && !evs[i].b;
	order &= evs[mark + 5].kind == EV_FLUSH;
	for (i = mark + 6; i < mark + 11; i++)
		order &= evs[i].kind == EV_UNMAP;
	tap_ok(order && nev == mark + 11 && !b.npages,
	       "free: entries not present, invalidate, then DMA unmap of each page");
	mgvt_hostgm_free(&hg, &b);
	tap_ok(nev == mark + 11, "freeing a cleared buffer does nothing");

	mgvt_hostgm_usage(&hg, used, size, &allocs);
	tap_ok(used[MGVT_GM_LOW] == 5 && !used[MGVT_GM_HIGH] && allocs == 2,
	       "usage: 5 low pages in 2 ranges");

	/* A failure half-way: nothing left mapped, nothing claimed. */
	map_fail_after = 2;
	tap_ok(mgvt_hostgm_alloc(&hg, MGVT_GM_HIGH, 4, &d) == -EIO && !d.npages,
	       "a DMA map failure on page 3 fails the allocation with its errno");
	map_fail_after = -1;
	shim_alloc_page_budget = 1;
	tap_ok(mgvt_hostgm_alloc(&hg, MGVT_GM_HIGH, 4, &d) == -ENOMEM,
	       "a page allocation failure is -ENOMEM");
	shim_alloc_page_budget = -1;
	mgvt_hostgm_usage(&hg, used, size, &allocs);
	tap_ok(!used[MGVT_GM_HIGH] && allocs == 2 && live_maps == 5,
	       "failed allocations leave no range and no mapping (%lu mapped)",
	       live_maps);

	tap_ok(mgvt_hostgm_alloc(&hg, MGVT_GM_LOW, 0, &d) == -EINVAL &&
	       mgvt_hostgm_alloc(&hg, MGVT_GM_ZONES, 1, &d) == -EINVAL &&
	       mgvt_hostgm_alloc(&hg, MGVT_GM_LOW, 32769, &d) == -EINVAL,
	       "zero pages, a bad zone or more than the zone: -EINVAL");
	tap_ok(mgvt_hostgm_alloc(&hg, MGVT_GM_LOW, 32768, &d) == -ENOSPC,
	       "the whole low zone cannot fit beside GM page 0: -ENOSPC");

	mgvt_hostgm_free(&hg, &a);
	mgvt_hostgm_free(&hg, &c);
	mgvt_hostgm_usage(&hg, used, size, &allocs);
	tap_ok(!used[0] && !used[1] && !allocs && !live_maps,
	       "everything freed: no range, no mapping");
	mgvt_hostgm_fini(&hg);
}

/* Fill a zone, then free every other range and fit a larger one in a hole. */
static void test_fragmentation(void)
{
	static struct mgvt_gm_buf r[64];
	struct mgvt_hostgm hg;
	struct mgvt_gm_buf big;
	unsigned long used[MGVT_GM_ZONES], size[MGVT_GM_ZONES], allocs;
	unsigned int i, n = 0;
	u64 first;
	int ret;

	mgvt_hostgm_init(&hg, PGPU, APERTURE);
	/* 64 ranges of 1536 pages fill 96 Ki of the 96 Ki high pages. */
	for (i = 0; i < 64; i++)
		n += !mgvt_hostgm_alloc(&hg, MGVT_GM_HIGH, 1536, &r[i]);
	tap_ok(n == 64, "the high zone holds exactly 64 ranges of 6 MiB");
	tap_ok(mgvt_hostgm_alloc(&hg, MGVT_GM_HIGH, 1, &big) == -ENOSPC,
	       "a full zone: -ENOSPC");
	first = r[0].gm;
	for (i = 0; i < 64; i += 2)
		mgvt_hostgm_free(&hg, &r[i]);
	ret = mgvt_hostgm_alloc(&hg, MGVT_GM_HIGH, 1537, &big);
	tap_ok(ret == -ENOSPC, "holes of 1536 pages do not take 1537");
	ret = mgvt_hostgm_alloc(&hg, MGVT_GM_HIGH, 1536, &big);
	tap_ok(!ret && big.gm == first && first == APERTURE,
	       "first fit: 1536 pages land in the first hole");
	mgvt_hostgm_free(&hg, &big);
	for (i = 1; i < 64; i += 2)
		mgvt_hostgm_free(&hg, &r[i]);
	mgvt_hostgm_usage(&hg, used, size, &allocs);
	tap_ok(!used[1] && !allocs && !live_maps, "all freed, no mapping left");
	mgvt_hostgm_fini(&hg);
}

int main(void)
{
	tap_header();
	test_alloc_free();
	test_fragmentation();
	return tap_finish();
}

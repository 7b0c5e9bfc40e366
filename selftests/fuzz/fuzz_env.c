// SPDX-License-Identifier: GPL-2.0
/*
 * The model pGPU and VFIO container behind mgvt's fuzz targets.  Every
 * callback checks what the mediator may do:
 *  - a register write reaches the pGPU only for the GGTT invalidate or a
 *    fence the vGPU owns, and an enabled fence lies inside its low slice;
 *  - a pGPU GGTT entry changes only inside the vGPU's slices;
 *  - a guest page is unpinned only if it was pinned, after its DMA mapping
 *    is gone; a DMA mapping goes only after no pGPU entry uses it and every
 *    user mapping of the aperture page that showed it was zapped;
 *  - the VFIO dma_unmap notification leaves nothing pinned in the range;
 *  - teardown leaves no pin, DMA mapping or slab object behind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/device.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/slab.h>

#include "fuzz_env.h"
#include "mgvt_pvinfo.h"
#include "mm/ppgtt.h"
#include "regs/regs.h"

#define GGTT_ENTRIES		(MGVT_GGTT_SIZE / MGVT_GGTT_PTE_SIZE)
#define APERTURE		(256ULL << 20)
#define PTE_VALID		1ULL
#define PAGE_OF(gfn)		((struct page *)(uintptr_t)((0x1000000ULL + (gfn)) << 12))
#define MAX_RANGES		8
#define MAX_ZAPS		256	/* above the largest slice pair */

/* ------------------------------------------------------------------------ */
/* Slab caches                                                               */
/* ------------------------------------------------------------------------ */

static struct kmem_cache *caches[4];

struct kmem_cache *fuzz_kmem_cache_create(size_t size)
{
	struct kmem_cache *c = calloc(1, sizeof(*c));
	unsigned int i;

	if (!c)
		return NULL;
	c->size = size;
	for (i = 0; i < sizeof(caches) / sizeof(caches[0]); i++)
		if (!caches[i]) {
			caches[i] = c;
			break;
		}
	return c;
}

void *kmem_cache_alloc(struct kmem_cache *c, int gfp)
{
	void *p = malloc(c->size);

	(void)gfp;
	if (p)
		c->live++;
	return p;
}

void kmem_cache_free(struct kmem_cache *c, void *p)
{
	FUZZ_CHECK(c->live > 0, "kmem_cache_free without a live object");
	c->live--;
	free(p);
}

void kmem_cache_destroy(struct kmem_cache *c)
{
	if (c)
		FUZZ_CHECK(!c->live, "cache destroyed with %ld live objects", c->live);
	free(c);
}

/* ------------------------------------------------------------------------ */
/* The model pGPU                                                            */
/* ------------------------------------------------------------------------ */

static struct mgvt_pgpu *pgpu;
static struct mgvt_vgpu *cur;		/* the only vGPU */
static u64 *pggtt;			/* pGPU GGTT */
static u32 *pregs;			/* pGPU registers */
static struct xarray dma_maps;		/* dma >> 12 -> map count (value entry) */
static struct xarray dma_refs;		/* dma >> 12 -> pGPU entries using it */
static struct {
	u32 index;
	u64 dma;
} zaps[MAX_ZAPS];			/* aperture pages awaiting their zap */
static unsigned int nr_zaps;
static long live_entries;		/* valid pGPU entries */
static bool closed;			/* device closed: no user mappings exist */

static bool in_part(u64 gm, u64 base, u64 size)
{
	return gm >= base && gm - base < size;
}

bool fuzz_in_slices(const struct mgvt_vgpu *v, uint32_t index)
{
	u64 gm = (u64)index << PAGE_SHIFT;

	return v && (in_part(gm, v->slice.low_base, v->slice.low_size) ||
		     in_part(gm, v->slice.high_base, v->slice.high_size));
}

static long count_of(struct xarray *xa, u64 dma)
{
	void *e = xa_load(xa, dma >> PAGE_SHIFT);

	return e ? (long)xa_to_value(e) : 0;
}

static void count_add(struct xarray *xa, u64 dma, long d)
{
	long n = count_of(xa, dma) + d;

	FUZZ_CHECK(n >= 0, "count of %#llx below zero", (unsigned long long)dma);
	xa_store(xa, dma >> PAGE_SHIFT, n ? xa_mk_value(n) : NULL, 0);
}

/* Golden identity the mediator captures at registration. */
static u32 hal_read32(struct mgvt_pgpu *p, u32 reg)
{
	(void)p;
	if (reg >= MGVT_MMIO_REG_SIZE)
		fuzz_fail("pGPU register read beyond BAR0's register part: %#x", reg);
	return pregs[reg / 4];
}

static void check_fence(unsigned int f)
{
	u32 lo = pregs[FENCE_LO(f) / 4], hi = pregs[FENCE_HI(f) / 4];
	u64 start = lo & 0xfffff000u, last = hi & 0xfffff000u;

	if (!(lo & 1))
		return;
	FUZZ_CHECK(start <= last && start >= cur->slice.low_base &&
		   last + 4096 <= cur->slice.low_base + cur->slice.low_size,
		   "pGPU fence %u enabled over [%#llx, %#llx], outside the low slice", f,
		   (unsigned long long)start, (unsigned long long)last + 4095);
}

static void hal_write32(struct mgvt_pgpu *p, u32 reg, u32 val)
{
	unsigned int f = (reg - FENCE_LO(0)) / 8;

	(void)p;
	if (reg == GFX_FLSH_CNTL)
		return;
	FUZZ_CHECK(reg >= FENCE_LO(0) && reg < FENCE_LO(MGVT_NUM_FENCES),
		   "write of %#x to pGPU register %#x, outside the table's policy", val, reg);
	FUZZ_CHECK(cur && (cur->slice.fence_mask & (1u << f)),
		   "write to pGPU fence %u, not the vGPU's (mask %#x)", f,
		   cur ? cur->slice.fence_mask : 0);
	pregs[reg / 4] = val;
	check_fence(f);
}

static u64 hal_read64(struct mgvt_pgpu *p, u32 reg)
{
	return hal_read32(p, reg) | (u64)hal_read32(p, reg + 4) << 32;
}

static u64 hal_read_pte(struct mgvt_pgpu *p, u32 index)
{
	(void)p;
	return index < GGTT_ENTRIES ? pggtt[index] : 0;
}

static bool is_aperture(u32 index)
{
	return cur && in_part((u64)index << PAGE_SHIFT, cur->slice.low_base,
			      cur->slice.low_size);
}

static void hal_write_pte(struct mgvt_pgpu *p, u32 index, u64 pte)
{
	u64 old;

	(void)p;
	FUZZ_CHECK(index < GGTT_ENTRIES, "pGPU GGTT index %#x out of range", index);
	FUZZ_CHECK(fuzz_in_slices(cur, index), "pGPU GGTT entry %#x outside the vGPU's slices written", index);
	old = pggtt[index];
	if (old & PTE_VALID)
		count_add(&dma_refs, old & ~0xfffULL, -1);
	if (pte & PTE_VALID) {
		FUZZ_CHECK(count_of(&dma_maps, pte & ~0xfffULL) > 0,
			   "pGPU entry %#x points at %#llx, which is not DMA-mapped", index,
			   (unsigned long long)pte);
		count_add(&dma_refs, pte & ~0xfffULL, 1);
	}
	if (!closed && is_aperture(index) && (old & PTE_VALID) && old != pte) {
		FUZZ_CHECK(nr_zaps < MAX_ZAPS, "more aperture pages awaiting a zap than exist");
		zaps[nr_zaps].index = index;
		zaps[nr_zaps].dma = old & ~0xfffULL;
		nr_zaps++;
	}
	live_entries += !!(pte & PTE_VALID) - !!(old & PTE_VALID);
	pggtt[index] = pte;
}

static int hal_dma_map(struct mgvt_pgpu *p, struct page *page, unsigned int npages,
		       dma_addr_t *dma)
{
	(void)p;
	FUZZ_CHECK(npages == 1, "dma_map of %u pages", npages);
	*dma = (dma_addr_t)(uintptr_t)page;
	count_add(&dma_maps, *dma, 1);
	return 0;
}

static void hal_dma_unmap(struct mgvt_pgpu *p, dma_addr_t dma, unsigned int npages)
{
	unsigned int i;

	(void)p;
	FUZZ_CHECK(npages == 1, "dma_unmap of %u pages", npages);
	FUZZ_CHECK(count_of(&dma_maps, dma) > 0, "dma_unmap of %#llx, not mapped",
		   (unsigned long long)dma);
	FUZZ_CHECK(count_of(&dma_refs, dma) <= count_of(&dma_maps, dma) - 1,
		   "%#llx DMA-unmapped while a pGPU entry still uses it", (unsigned long long)dma);
	for (i = 0; i < nr_zaps; i++)
		FUZZ_CHECK(zaps[i].dma != dma,
			   "%#llx DMA-unmapped before aperture page %#x was zapped",
			   (unsigned long long)dma, zaps[i].index);
	count_add(&dma_maps, dma, -1);
}

static int hal_aperture_page(struct mgvt_pgpu *p, u64 gm, struct mgvt_aperture_page *ap)
{
	(void)p;
	(void)gm;
	(void)ap;
	return -ENOENT;
}

static const struct mgvt_hal_ops hal = {
	.read32 = hal_read32,
	.write32 = hal_write32,
	.read64 = hal_read64,
	.read_pte = hal_read_pte,
	.write_pte = hal_write_pte,
	.dma_map = hal_dma_map,
	.dma_unmap = hal_dma_unmap,
	.aperture_page = hal_aperture_page,
};

/* What mgvt uses outside the files under test. */
atomic_long_t mgvt_stats[MGVT_STAT_NR];
unsigned long jiffies;

const struct mgvt_hal_ops *mgvt_pgpu_ops(const struct mgvt_pgpu *p)
{
	return p->desc.ops;
}

void mgvt_virq_update(struct mgvt_vgpu *vgpu)
{
	(void)vgpu;
}

/*
 * The shadow PPGTTs (mm/ppgtt.c) are fuzzed on their own (fuzz_pttree):
 * here a g2v notification only has to reach them with a page address.
 */
void mgvt_ppgtt_announce(struct mgvt_vgpu *vgpu, u64 root, bool create)
{
	(void)vgpu;
	(void)create;
	(void)root;
}

void mgvt_ppgtt_forget_roots(struct mgvt_vgpu *vgpu)
{
	(void)vgpu;
}

void mgvt_ppgtt_show_roots(struct mgvt_vgpu *vgpu, struct seq_file *m)
{
	(void)vgpu;
	(void)m;
}

bool mgvt_ppgtt_settle(struct mgvt_vgpu *vgpu, bool drained)
{
	(void)vgpu;
	(void)drained;
	return false;
}

void mgvt_ppgtt_dma_unmap(struct mgvt_vgpu *vgpu, u64 first, u64 last)
{
	(void)vgpu;
	(void)first;
	(void)last;
}

void mgvt_aperture_zap(struct mgvt_vgpu *vgpu, u64 gm, u64 len)
{
	unsigned int i = 0;

	(void)vgpu;
	while (i < nr_zaps) {
		if (in_part((u64)zaps[i].index << PAGE_SHIFT, gm, len))
			zaps[i] = zaps[--nr_zaps];
		else
			i++;
	}
}

/* ------------------------------------------------------------------------ */
/* The model container                                                       */
/* ------------------------------------------------------------------------ */

static struct {
	u64 iova, len;
} ranges[MAX_RANGES];
static unsigned int nr_ranges;
static struct xarray pins;		/* gfn -> pin count */
static long pin_total, memlock;

static bool mapped(u64 iova)
{
	unsigned int i;

	for (i = 0; i < nr_ranges; i++)
		if (in_part(iova, ranges[i].iova, ranges[i].len))
			return true;
	return false;
}

/* The front end's services, as vfio/ gives them with a type1 container. */
static int guest_pin(struct mgvt_vgpu *vgpu, u64 gfn, struct page **page)
{
	u64 iova = gfn << PAGE_SHIFT;

	(void)vgpu;
	FUZZ_CHECK(gfn < (1ULL << (64 - PAGE_SHIFT)), "pin of guest frame %#llx",
		   (unsigned long long)gfn);
	if (!mapped(iova))
		return -EINVAL;
	if (memlock && pin_total >= memlock)
		return -ENOMEM;
	count_add(&pins, iova, 1);
	pin_total++;
	*page = PAGE_OF(gfn);
	return 0;
}

static void guest_unpin(struct mgvt_vgpu *vgpu, u64 gfn)
{
	u64 iova = gfn << PAGE_SHIFT;
	long n = count_of(&pins, iova);

	(void)vgpu;
	FUZZ_CHECK(n > 0, "unpin of guest page %#llx, which is not pinned",
		   (unsigned long long)iova);
	FUZZ_CHECK(count_of(&dma_maps, (uintptr_t)PAGE_OF(gfn)) <= n - 1,
		   "guest page %#llx unpinned while still DMA-mapped", (unsigned long long)iova);
	count_add(&pins, iova, -1);
	pin_total--;
}

static void guest_irq_line(struct mgvt_vgpu *vgpu, bool up)
{
	(void)vgpu;
	(void)up;
}

static const struct mgvt_guest_ops guest_ops = {
	.pin = guest_pin,
	.unpin = guest_unpin,
	.irq_line = guest_irq_line,
};

void fuzz_guest_map(uint64_t iova, uint64_t len)
{
	iova &= ~0xfffULL & ((1ULL << 39) - 1);
	len = (len & 0xfffff000ULL) + 4096;
	if (nr_ranges == MAX_RANGES || mapped(iova) || mapped(iova + len - 1))
		return;
	ranges[nr_ranges].iova = iova;
	ranges[nr_ranges].len = len;
	nr_ranges++;
}

void fuzz_guest_unmap(struct mgvt_vgpu *vgpu, uint64_t iova, uint64_t len)
{
	unsigned long index;
	unsigned int i;
	void *e;

	mgvt_ggtt_dma_unmap(vgpu, iova, len);
	xa_for_each(&pins, index, e)
		FUZZ_CHECK(!in_part((u64)index << PAGE_SHIFT, iova, len),
			   "dma_unmap of [%#llx +%#llx] returned with page %#lx still pinned",
			   (unsigned long long)iova, (unsigned long long)len, index << PAGE_SHIFT);
	/* Until the unmapping task leaves the ioctl, no pin in the range. */
	FUZZ_CHECK(!len || mgvt_unmap_fence_covers(vgpu, iova >> PAGE_SHIFT),
		   "dma_unmap of [%#llx +%#llx]: its first page may be pinned again at once",
		   (unsigned long long)iova, (unsigned long long)len);
	for (i = 0; i < nr_ranges; i++)
		if (ranges[i].iova == iova && ranges[i].len == len) {
			ranges[i] = ranges[--nr_ranges];
			break;
		}
	fuzz_return_to_user();
	FUZZ_CHECK(fuzz_open_files() == 0 && list_empty(&vgpu->ggtt.fences),
		   "an unmap fence outlived its ioctl");
}

void fuzz_set_memlock(long pages)
{
	memlock = pages;
}

uint64_t fuzz_pick_iova(struct fuzz_in *in)
{
	uint8_t sel = in_u8(in);

	if (nr_ranges && sel < 224) {
		unsigned int r = sel % nr_ranges;

		return ranges[r].iova + (in_u32(in) % (ranges[r].len >> PAGE_SHIFT) << PAGE_SHIFT);
	}
	return in_u64(in);
}

bool fuzz_pick_range(struct fuzz_in *in, uint64_t *iova, uint64_t *len)
{
	unsigned int r = in_u8(in);

	if (!nr_ranges)
		return false;
	*iova = ranges[r % nr_ranges].iova;
	*len = ranges[r % nr_ranges].len;
	return true;
}

long fuzz_pins(void)
{
	return pin_total;
}

/* ------------------------------------------------------------------------ */
/* vGPU life cycle                                                           */
/* ------------------------------------------------------------------------ */

static struct device fake_dev = { .name = "fuzz-vgpu" };

/*
 * One vGPU for the whole run, its register file allocated once, as a
 * device that users open, reset and close again and again: each input
 * draws a new slice layout into it and ends with the close-time reset,
 * after which the vGPU must be exactly as a fresh one (check_restored()).
 */
static struct mgvt_vgpu *the_vgpu;
static u8 *pristine;			/* its register file, fresh and reset */
static u8 *ref_pvinfo;			/* a fresh PVINFO page for this input */
static struct mgvt_vgpu ref;		/* owns ref_pvinfo's register file */
static u32 written[4096];		/* dwords the input wrote, for the check */
static unsigned int nr_written;
static unsigned long restores;

static void setup_once(void)
{
	if (pgpu)
		return;
	pggtt = calloc(GGTT_ENTRIES, sizeof(*pggtt));
	pregs = calloc(MGVT_MMIO_REG_SIZE / 4, sizeof(*pregs));
	pgpu = calloc(1, sizeof(*pgpu));
	the_vgpu = calloc(1, sizeof(*the_vgpu));
	pristine = malloc(MGVT_MMIO_REG_SIZE);
	if (!pggtt || !pregs || !pgpu || !the_vgpu || !pristine || mgvt_mmio_table_init() ||
	    mgvt_ggtt_cache_init())
		fuzz_fail("setup");
	/* A Skylake GT2's identity, as the golden capture will read it. */
	pregs[0x9120 / 4] = 0x02800000;
	pgpu->desc.name = "fuzz-pgpu";
	pgpu->desc.ops = &hal;
	pgpu->desc.aperture_size = APERTURE;
	pgpu->desc.num_fences = MGVT_NUM_FENCES;
	if (mgvt_mmio_golden_capture(pgpu))
		fuzz_fail("golden capture");
	xa_init(&dma_maps);
	xa_init(&dma_refs);
	xa_init(&pins);

	the_vgpu->pgpu = pgpu;
	the_vgpu->dev = &fake_dev;
	the_vgpu->guest = &guest_ops;
	the_vgpu->id = 1;
	mutex_init(&the_vgpu->lock);
	ref = *the_vgpu;
	if (mgvt_mmio_init(the_vgpu) || mgvt_mmio_init(&ref))
		fuzz_fail("vGPU register file");
	mutex_lock(&the_vgpu->lock);
	mgvt_mmio_reset(the_vgpu);
	mutex_unlock(&the_vgpu->lock);
	memcpy(pristine, the_vgpu->vregs, MGVT_MMIO_REG_SIZE);
	ref_pvinfo = ref.vregs + MGVT_PVINFO_BASE;
}

void fuzz_note_write(uint32_t off, unsigned int len)
{
	uint32_t dw;

	for (dw = off / 4; dw <= (off + len - 1) / 4 && dw < MGVT_MMIO_REG_SIZE / 4; dw++) {
		if (nr_written < sizeof(written) / sizeof(written[0]))
			written[nr_written] = dw;
		nr_written++;
	}
}

static bool in_pvinfo(uint32_t dw)
{
	return dw * 4 - MGVT_PVINFO_BASE < MGVT_PVINFO_SIZE;
}

static void check_dword_restored(const struct mgvt_vgpu *v, uint32_t dw)
{
	const u32 *now = (const u32 *)v->vregs, *then = (const u32 *)pristine;

	FUZZ_CHECK(in_pvinfo(dw) || now[dw] == then[dw],
		   "register %#x reads %#x after the close-time reset, a fresh vGPU %#x",
		   dw * 4, now[dw], then[dw]);
}

/*
 * After the close-time reset the register file is what a fresh vGPU of the
 * same slices has: PVINFO as mgvt_pvinfo_reset() fills a zeroed page, every
 * other dword as in the first reset of the run.  Each dword the input wrote
 * is compared every time, the whole file on every 1024th restore and when
 * the input wrote more than the list holds; what side effects leave
 * elsewhere is caught there, up to 1023 inputs late.
 */
static void check_restored(struct mgvt_vgpu *v)
{
	unsigned int i;

	memset(ref_pvinfo, 0, MGVT_PVINFO_SIZE);
	ref.slice = v->slice;
	mgvt_pvinfo_reset(&ref);
	FUZZ_CHECK(!memcmp(v->vregs + MGVT_PVINFO_BASE, ref_pvinfo, MGVT_PVINFO_SIZE),
		   "PVINFO differs from a fresh vGPU's after the close-time reset");
	FUZZ_CHECK(bitmap_empty(v->untracked, MGVT_MMIO_REG_SIZE / 4),
		   "untracked registers still marked written after the reset");
	if (nr_written > sizeof(written) / sizeof(written[0]) || !(restores++ % 1024)) {
		for (i = 0; i < MGVT_MMIO_REG_SIZE / 4; i++)
			check_dword_restored(v, i);
		return;
	}
	for (i = 0; i < nr_written; i++)
		check_dword_restored(v, written[i]);
}

uint32_t fuzz_table_offset(uint32_t i)
{
	const struct mgvt_mmio_reg *r = &mgvt_mmio_table[i % mgvt_mmio_table_size];
	static const u32 bases[] = { 0x2000, 0x22000, 0x12000, 0x1a000 };

	return r->flags & MF_ENGINE ? bases[(i >> 8) % 4] + r->offset : r->offset;
}

/* One slice part: @pages pages at a page-aligned GM address in [lo, hi). */
static void draw_part(struct fuzz_in *in, u64 lo, u64 hi, u64 *base, u64 *size)
{
	u64 pages = 1 + in_u8(in) % 32;
	u64 slots = (hi - lo) / 4096 - pages;

	*size = pages * 4096;
	*base = lo + (in_u32(in) % slots) * 4096;
}

struct mgvt_vgpu *fuzz_vgpu_create(struct fuzz_in *in)
{
	struct mgvt_vgpu *vgpu;
	u32 fences;

	setup_once();
	vgpu = the_vgpu;
	/* Low slice inside the aperture above the host's 128 MiB, high above it. */
	draw_part(in, 128ULL << 20, APERTURE, &vgpu->slice.low_base, &vgpu->slice.low_size);
	draw_part(in, APERTURE + (384ULL << 20), MGVT_GM_SIZE, &vgpu->slice.high_base,
		  &vgpu->slice.high_size);
	/* The host keeps fences 0-3; types own 1 to 4, the draw 3.5 on average. */
	fences = in_u32(in) & in_u32(in) & in_u32(in) & ~0xfu;
	vgpu->slice.fence_mask = fences ? fences : 0xf0;
	memset(&vgpu->cnt, 0, sizeof(vgpu->cnt));
	vgpu->scratch = alloc_page(GFP_KERNEL);
	cur = vgpu;
	closed = false;
	nr_ranges = 0;
	memlock = 0;
	nr_zaps = 0;
	nr_written = 0;
	/* Open: GGTT state for the new slices, PVINFO to match. */
	if (mgvt_ggtt_init(vgpu))
		fuzz_fail("vGPU init");
	mutex_lock(&vgpu->lock);
	mgvt_mmio_reset(vgpu);
	mutex_unlock(&vgpu->lock);
	return vgpu;
}

void fuzz_vgpu_reset(struct mgvt_vgpu *vgpu)
{
	mgvt_count(vgpu, MGVT_CNT_RESETS, 1);
	mgvt_ggtt_reset(vgpu);
	mutex_lock(&vgpu->lock);
	mgvt_mmio_reset(vgpu);
	mutex_unlock(&vgpu->lock);
	FUZZ_CHECK(!pin_total, "%ld pages still pinned after a reset", pin_total);
}

void fuzz_vgpu_destroy(struct mgvt_vgpu *vgpu)
{
	unsigned long index;
	unsigned int i;
	void *e;
	u64 gm;

	fuzz_vgpu_reset(vgpu);		/* what closing the device does */
	FUZZ_CHECK(!nr_zaps, "%u aperture pages not zapped after the reset", nr_zaps);
	closed = true;			/* and with it every user mapping is gone */
	mgvt_fence_reset(vgpu);
	mgvt_ggtt_fini(vgpu);
	FUZZ_CHECK(!pin_total && !mgvt_counter_read(vgpu, MGVT_CNT_PINNED),
		   "pins left at destroy: model %ld, counter %ld", pin_total,
		   mgvt_counter_read(vgpu, MGVT_CNT_PINNED));
	xa_for_each(&dma_maps, index, e)
		fuzz_fail("DMA mapping %#lx left at destroy", index << PAGE_SHIFT);
	for (i = 0; i < sizeof(caches) / sizeof(caches[0]); i++)
		FUZZ_CHECK(!caches[i] || !caches[i]->live, "%ld slab objects left at destroy",
			   caches[i]->live);
	FUZZ_CHECK(!mgvt_stat_read(MGVT_STAT_PINNED) &&
		   !mgvt_stat_read(MGVT_STAT_PIN_OBJECTS) &&
		   !mgvt_stat_read(MGVT_STAT_DMA_MAPS),
		   "module-wide stats not back to 0: pinned %ld, pin objects %ld, DMA maps %ld",
		   mgvt_stat_read(MGVT_STAT_PINNED), mgvt_stat_read(MGVT_STAT_PIN_OBJECTS),
		   mgvt_stat_read(MGVT_STAT_DMA_MAPS));
	FUZZ_CHECK(!live_entries, "%ld pGPU GGTT entries left valid at destroy", live_entries);
	for (gm = vgpu->slice.low_base; gm < vgpu->slice.low_base + vgpu->slice.low_size;
	     gm += 4096)
		FUZZ_CHECK(!pggtt[gm >> PAGE_SHIFT], "pGPU GGTT entry for GM %#llx left at destroy",
			   (unsigned long long)gm);
	for (i = 0; i < MGVT_NUM_FENCES; i++)
		FUZZ_CHECK(!(pregs[FENCE_LO(i) / 4] & 1), "pGPU fence %u left enabled", i);
	check_restored(vgpu);
	nr_zaps = 0;
	cur = NULL;
	__free_page(vgpu->scratch);
	vgpu->scratch = NULL;
}

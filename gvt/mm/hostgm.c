// SPDX-License-Identifier: GPL-2.0
/*
 * The host's graphics memory allocator.
 *
 * The host keeps the bottom 128 MiB of low GM and the first 384 MiB of high
 * GM (mm/gm.h); vGPU slices are carved from the rest.  This allocator
 * hands out page-aligned ranges of that reserve, first fit, page by page:
 *
 *   alloc: claim the range, allocate a zeroed host page for each GM page,
 *          DMA-map it through the HAL, write its GGTT entry, then one GGTT
 *          invalidate before the range is returned;
 *   free:  the exact reverse: GGTT entries back to not-present, invalidate,
 *          DMA unmap, free the pages, release the range.
 *
 * So an engine never sees a GGTT entry whose page is unmapped or freed.
 * GM page 0 is never handed out, so a GM address of 0 never names an
 * allocation.  Callers make sure no engine uses a range when they free it.
 *
 * Only the bitmaps are under @lock (a spinlock, a leaf); allocation and
 * mapping of pages happen outside it and may sleep.  This file is also
 * compiled in userspace by selftests/unit.
 */
#include <linux/bitmap.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "hal.h"
#include "mm/gm.h"
#include "mm/hostgm.h"
#include "regs/gtt.h"
#include "regs/regs.h"

/**
 * mgvt_hostgm_init - an empty allocator over a pGPU's reserve
 * @hg: the allocator
 * @pgpu: the pGPU
 * @aperture: its aperture size, where high GM begins
 *
 * Return: 0 or -ENOMEM.
 */
int mgvt_hostgm_init(struct mgvt_hostgm *hg, struct mgvt_pgpu *pgpu,
		     u64 aperture)
{
	static const u64 size[MGVT_GM_ZONES] = {
		[MGVT_GM_LOW] = MGVT_HOST_LOW_GM,
		[MGVT_GM_HIGH] = MGVT_HOST_HIGH_GM,
	};
	unsigned int z;

	memset(hg, 0, sizeof(*hg));
	hg->pgpu = pgpu;
	spin_lock_init(&hg->lock);
	hg->zone[MGVT_GM_LOW].base = 0;
	hg->zone[MGVT_GM_HIGH].base = aperture;
	for (z = 0; z < MGVT_GM_ZONES; z++) {
		hg->zone[z].pages = size[z] >> PAGE_SHIFT;
		hg->zone[z].used = bitmap_zalloc(hg->zone[z].pages, GFP_KERNEL);
		if (!hg->zone[z].used) {
			mgvt_hostgm_fini(hg);
			return -ENOMEM;
		}
	}
	/* GM 0 stays unused (not counted): 0 never names an allocation. */
	__set_bit(0, hg->zone[MGVT_GM_LOW].used);
	return 0;
}

/**
 * mgvt_hostgm_fini - tear the allocator down
 * @hg: the allocator; every range must have been freed
 */
void mgvt_hostgm_fini(struct mgvt_hostgm *hg)
{
	unsigned int z;

	for (z = 0; z < MGVT_GM_ZONES; z++) {
		bitmap_free(hg->zone[z].used);
		hg->zone[z].used = NULL;
	}
}

/* Claim @npages free pages of @zone, first fit. */
static int range_claim(struct mgvt_hostgm *hg, enum mgvt_gm_zone zone,
		       unsigned int npages, u64 *gm)
{
	struct mgvt_hostgm_zone *z = &hg->zone[zone];
	unsigned long start;

	spin_lock(&hg->lock);
	start = bitmap_find_next_zero_area(z->used, z->pages, 0, npages, 0);
	if (start >= z->pages) {
		spin_unlock(&hg->lock);
		return -ENOSPC;
	}
	bitmap_set(z->used, start, npages);
	z->nr_used += npages;
	hg->allocs++;
	spin_unlock(&hg->lock);
	*gm = z->base + ((u64)start << PAGE_SHIFT);
	return 0;
}

static void range_release(struct mgvt_hostgm *hg, enum mgvt_gm_zone zone,
			  u64 gm, unsigned int npages)
{
	struct mgvt_hostgm_zone *z = &hg->zone[zone];

	spin_lock(&hg->lock);
	bitmap_clear(z->used, (gm - z->base) >> PAGE_SHIFT, npages);
	z->nr_used -= npages;
	hg->allocs--;
	spin_unlock(&hg->lock);
}

/*
 * Undo the first @count pages of @buf: entries not present, invalidate,
 * unmap, free.
 */
static void buf_unback(struct mgvt_hostgm *hg, struct mgvt_gm_buf *buf,
		       unsigned int count)
{
	u32 first = buf->gm >> PAGE_SHIFT;
	unsigned int i;

	for (i = 0; i < count; i++)
		mgvt_hal_write_pte(hg->pgpu, first + i, 0);
	mgvt_hal_write32(hg->pgpu, GFX_FLSH_CNTL, 1);
	for (i = 0; i < count; i++) {
		mgvt_hal_dma_unmap(hg->pgpu, buf->dma[i], 1);
		__free_page(buf->pages[i]);
	}
}

/**
 * mgvt_hostgm_alloc - a range of host GM, backed and entered in the GGTT
 * @hg: the allocator
 * @zone: low (mappable) or high GM
 * @npages: its size in pages, at least 1
 * @buf: filled in on success
 *
 * The pages are zeroed and the GGTT already invalidated: the range is
 * usable by the engines when this returns.  May sleep.
 *
 * Return: 0, -EINVAL for a bad size or zone, -ENOSPC when no free range is
 * large enough, -ENOMEM, or the HAL's error from mapping a page.
 */
int mgvt_hostgm_alloc(struct mgvt_hostgm *hg, enum mgvt_gm_zone zone,
		      unsigned int npages, struct mgvt_gm_buf *buf)
{
	u32 first;
	unsigned int i;
	int ret;

	memset(buf, 0, sizeof(*buf));
	if (zone >= MGVT_GM_ZONES || !npages || npages > hg->zone[zone].pages)
		return -EINVAL;
	buf->pages = kcalloc(npages, sizeof(*buf->pages), GFP_KERNEL);
	buf->dma = kcalloc(npages, sizeof(*buf->dma), GFP_KERNEL);
	ret = -ENOMEM;
	if (!buf->pages || !buf->dma)
		goto err_arrays;
	ret = range_claim(hg, zone, npages, &buf->gm);
	if (ret)
		goto err_arrays;
	buf->npages = npages;
	buf->zone = zone;

	first = buf->gm >> PAGE_SHIFT;
	for (i = 0; i < npages; i++) {
		buf->pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!buf->pages[i]) {
			ret = -ENOMEM;
			goto err_pages;
		}
		ret = mgvt_hal_dma_map(hg->pgpu, buf->pages[i], 1, &buf->dma[i]);
		if (ret) {
			__free_page(buf->pages[i]);
			goto err_pages;
		}
		mgvt_hal_write_pte(hg->pgpu, first + i,
				   buf->dma[i] | GEN8_PTE_PRESENT);
	}
	mgvt_hal_write32(hg->pgpu, GFX_FLSH_CNTL, 1);
	return 0;

err_pages:
	buf_unback(hg, buf, i);
	range_release(hg, zone, buf->gm, npages);
err_arrays:
	kfree(buf->dma);
	kfree(buf->pages);
	memset(buf, 0, sizeof(*buf));
	return ret;
}

/**
 * mgvt_hostgm_free - give a range back
 * @hg: the allocator
 * @buf: what mgvt_hostgm_alloc() filled in; cleared.  Freeing a cleared
 *	(or never allocated, zeroed) buffer does nothing.
 *
 * No engine may use the range any more.  May sleep.
 */
void mgvt_hostgm_free(struct mgvt_hostgm *hg, struct mgvt_gm_buf *buf)
{
	if (!buf->npages)
		return;
	buf_unback(hg, buf, buf->npages);
	range_release(hg, buf->zone, buf->gm, buf->npages);
	kfree(buf->dma);
	kfree(buf->pages);
	memset(buf, 0, sizeof(*buf));
}

/**
 * mgvt_hostgm_usage - what the allocator holds, for debugfs and tests
 * @hg: the allocator
 * @used: pages allocated, per zone (MGVT_GM_ZONES entries)
 * @size: pages of each zone (MGVT_GM_ZONES entries)
 * @allocs: set to the number of live allocations
 */
void mgvt_hostgm_usage(struct mgvt_hostgm *hg, unsigned long *used,
		       unsigned long *size, unsigned long *allocs)
{
	unsigned int z;

	spin_lock(&hg->lock);
	for (z = 0; z < MGVT_GM_ZONES; z++) {
		used[z] = hg->zone[z].nr_used;
		size[z] = hg->zone[z].pages;
	}
	*allocs = hg->allocs;
	spin_unlock(&hg->lock);
}

enum buf_op { BUF_WRITE, BUF_READ, BUF_CLEAR };

/* Copy into, out of or clear [@off, @off + @len) of @buf, page by page. */
static void buf_copy(const struct mgvt_gm_buf *buf, size_t off, void *mem,
		     size_t len, enum buf_op op)
{
	while (len) {
		size_t chunk = min_t(size_t, len, PAGE_SIZE - offset_in_page(off));
		u8 *va = kmap_local_page(buf->pages[off >> PAGE_SHIFT]);
		u8 *at = va + offset_in_page(off);

		if (op == BUF_WRITE)
			memcpy(at, mem, chunk);
		else if (op == BUF_READ)
			memcpy(mem, at, chunk);
		else
			memset(at, 0, chunk);
		kunmap_local(va);
		if (mem)
			mem = (u8 *)mem + chunk;
		off += chunk;
		len -= chunk;
	}
}

/**
 * mgvt_gm_buf_write - copy bytes into a buffer
 * @buf: the buffer
 * @off: byte offset; @off + @len within the buffer (the caller's bound)
 * @src: the bytes
 * @len: how many
 */
void mgvt_gm_buf_write(struct mgvt_gm_buf *buf, size_t off, const void *src,
		       size_t len)
{
	buf_copy(buf, off, (void *)src, len, BUF_WRITE);
}

/**
 * mgvt_gm_buf_read - copy bytes out of a buffer
 * @buf: the buffer
 * @off: byte offset; @off + @len within the buffer
 * @dst: where to
 * @len: how many
 */
void mgvt_gm_buf_read(const struct mgvt_gm_buf *buf, size_t off, void *dst,
		      size_t len)
{
	buf_copy(buf, off, dst, len, BUF_READ);
}

/**
 * mgvt_gm_buf_clear - zero bytes of a buffer
 * @buf: the buffer
 * @off: byte offset; @off + @len within the buffer
 * @len: how many
 */
void mgvt_gm_buf_clear(struct mgvt_gm_buf *buf, size_t off, size_t len)
{
	buf_copy(buf, off, NULL, len, BUF_CLEAR);
}

/**
 * mgvt_gm_buf_read32 - one dword of a buffer, read once
 * @buf: the buffer
 * @off: dword-aligned byte offset within it
 *
 * Return: the dword (an engine may be writing it).
 */
u32 mgvt_gm_buf_read32(const struct mgvt_gm_buf *buf, size_t off)
{
	u32 *va = kmap_local_page(buf->pages[off >> PAGE_SHIFT]);
	u32 val = READ_ONCE(va[offset_in_page(off) / 4]);

	kunmap_local(va);
	return val;
}

/**
 * mgvt_gm_buf_write32 - write one dword of a buffer
 * @buf: the buffer
 * @off: dword-aligned byte offset within it
 * @val: the value
 */
void mgvt_gm_buf_write32(struct mgvt_gm_buf *buf, size_t off, u32 val)
{
	u32 *va = kmap_local_page(buf->pages[off >> PAGE_SHIFT]);

	WRITE_ONCE(va[offset_in_page(off) / 4], val);
	kunmap_local(va);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The GGTT part of BAR0 (8 MiB at BAR0 + 8 MiB, one 8-byte entry per 4 KiB
 * page of GM).  The guest may write anywhere in the table; its view keeps
 * the entries of its slices (everything else reads 0 and writes there are
 * dropped), and only those reach the pGPU, translated: the guest
 * page the entry names is pinned through VFIO, DMA-mapped through the HAL
 * and its DMA address written into the pGPU's GGTT at the same GM offset,
 * followed by the GGTT invalidate.  Every entry of the slices that is not
 * backed so points at the vGPU's scratch page.
 *
 * A guest page stops backing an entry (overwrite, VFIO DMA unmap, reset,
 * close) always in this order: pGPU entry to scratch, invalidate, zap the
 * page in every user mapping of the aperture, HAL DMA unmap, VFIO unpin.
 *
 * Locking: the GGTT lock is held across pinning and unpinning, which take
 * type1's iommu->lock and the owner's mmap_lock, and across zapping.  The
 * cycles that exist around it, and what breaks each:
 *
 *  - mmap_lock: no path holding an mmap_lock takes the GGTT lock (the
 *    aperture fault path takes only the aperture's fault lock, which is
 *    never held across pin, unpin or zap; BAR2 region access is never
 *    reached from a fault or vm_ops->access); the zapper only try-locks an
 *    mm under its VMA lock and drops that lock to wait.
 *  - type1's unmap retry: type1 calls .dma_unmap with iommu->lock dropped
 *    and re-checks the range afterwards, ten times at most.  A pin racing
 *    in between is refused by the unmap fences (unmap_fence.c) until the
 *    unmapping task leaves the kernel; they sit under a spinlock that is a
 *    leaf, and their release takes nothing else.
 *  - type1's device list: the notifier runs under type1's device_list_lock
 *    and takes the GGTT lock, then unpins (iommu->lock); registering or
 *    unregistering another dma_unmap-capable device of the same container
 *    (its first open, its last close) takes iommu->lock, then
 *    device_list_lock.  That is type1's own two-lock cycle (notifier:
 *    device_list_lock -> iommu->lock; registration: iommu->lock ->
 *    device_list_lock), and with a GGTT write in the middle (GGTT lock ->
 *    iommu->lock, notifier: device_list_lock -> GGTT lock) a three-lock
 *    one.  Neither can be broken here (type1 retries on any pin left, and
 *    every unpin takes iommu->lock); container.c prevents both by never
 *    letting a second mgvt vGPU register with a container that holds one.
 *  - type1's registration vs the GGTT lock: open and close of this vGPU
 *    take VFIO's dev_set and group locks, then (close) the GGTT lock and
 *    iommu->lock; nothing holding the GGTT lock takes a VFIO core lock.
 */
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/highmem.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "core/bytes.h"
#include "core/log.h"
#include "core/pgpu_types.h"
#include "core/stats.h"
#include "core/trace.h"
#include "core/vgpu_types.h"
#include "mm/aperture.h"
#include "mm/ggtt.h"
#include "mm/ppgtt.h"
#include "mm/unmap_fence.h"
#include "regs/gtt.h"
#include "regs/regs.h"

/**
 * struct mgvt_pin - a guest page backing one GGTT entry of a vGPU
 * @page: the pinned guest page
 * @dma: its DMA address on the pGPU
 * @gfn: guest frame number (IOVA >> PAGE_SHIFT in the VFIO container)
 * @index: the GGTT entry it backs
 * @next: link while a batch of pins is retired
 */
struct mgvt_pin {
	struct page *page;
	dma_addr_t dma;
	u64 gfn;
	u32 index;
	struct mgvt_pin *next;
};

static struct kmem_cache *pin_cache;

/* Pins kept for running workloads before a rewrite waits for them. */
#define MGVT_GGTT_RETIRED_MAX	512

/**
 * mgvt_ggtt_cache_init - create the slab cache of struct mgvt_pin
 *
 * Return: 0 or -ENOMEM.
 */
int mgvt_ggtt_cache_init(void)
{
	pin_cache = KMEM_CACHE(mgvt_pin, SLAB_ACCOUNT);
	return pin_cache ? 0 : -ENOMEM;
}

/** mgvt_ggtt_cache_fini - destroy the slab cache of struct mgvt_pin */
void mgvt_ggtt_cache_fini(void)
{
	kmem_cache_destroy(pin_cache);
}

static bool gm_in(u64 gm, u64 base, u64 size)
{
	return gm >= base && gm - base < size;
}

static bool index_in_aperture(const struct mgvt_vgpu *vgpu, u32 index)
{
	return mgvt_in_aperture_slice(vgpu, (u64)index << PAGE_SHIFT, PAGE_SIZE);
}

/* Entries the guest's view stores: its slices only (the rest reads 0). */
static size_t view_entries(const struct mgvt_vgpu *vgpu)
{
	return (vgpu->slice.low_size + vgpu->slice.high_size) >> PAGE_SHIFT;
}

/* The guest's view of entry @index, or NULL outside the slices. */
static u8 *view_entry(struct mgvt_vgpu *vgpu, u32 index)
{
	u64 gm = (u64)index << PAGE_SHIFT;
	const struct mgvt_gm_slice *s = &vgpu->slice;

	if (gm_in(gm, s->low_base, s->low_size))
		return vgpu->vggtt + ((gm - s->low_base) >> PAGE_SHIFT) *
				     MGVT_GGTT_PTE_SIZE;
	if (gm_in(gm, s->high_base, s->high_size))
		return vgpu->vggtt + ((s->low_size + gm - s->high_base) >>
				      PAGE_SHIFT) * MGVT_GGTT_PTE_SIZE;
	return NULL;
}

static void pgpu_invalidate(struct mgvt_vgpu *vgpu)
{
	mgvt_hal_write32(vgpu->pgpu, GFX_FLSH_CNTL, 1);
}

/* Point the pGPU entry at @dma; no fault can map the old page after this. */
static void set_pgpu_pte(struct mgvt_vgpu *vgpu, u32 index, dma_addr_t dma)
{
	mutex_lock(&vgpu->ap.fault_lock);
	mgvt_hal_write_pte(vgpu->pgpu, index, dma | GEN8_PTE_PRESENT);
	pgpu_invalidate(vgpu);
	mutex_unlock(&vgpu->ap.fault_lock);
}

/**
 * mgvt_guest_page_map - pin guest page @gfn and map it for the pGPU
 * @vgpu: the vGPU, its GGTT lock held
 * @gfn: guest frame number
 * @page: set to the pinned page
 * @dma: set to its DMA address on the pGPU
 *
 * What the GGTT and the shadow PPGTTs (mm/ppgtt.c) do with every guest
 * page the pGPU will reach.  Undone by mgvt_guest_page_unmap().
 *
 * Return: 0, -EBUSY inside a range the VFIO user is unmapping, or the
 * front end's or the HAL's error.
 */
int mgvt_guest_page_map(struct mgvt_vgpu *vgpu, u64 gfn, struct page **page,
			dma_addr_t *dma)
{
	int ret;

	lockdep_assert_held(&vgpu->ggtt.lock);
	/*
	 * VFIO type1 notifies, then retries while pages of the range are still
	 * pinned, and BUGs after ten rounds: do not pin what is going away.
	 */
	if (mgvt_unmap_fence_covers(vgpu, gfn))
		return -EBUSY;
	ret = vgpu->guest->pin(vgpu, gfn, page);
	if (ret)
		return ret;
	ret = mgvt_hal_dma_map(vgpu->pgpu, *page, 1, dma);
	if (ret) {
		vgpu->guest->unpin(vgpu, gfn);
		return ret;
	}
	mgvt_stat(MGVT_STAT_DMA_MAPS, 1);
	return 0;
}

/**
 * mgvt_guest_page_unmap - the last two steps of the unpin order
 * @vgpu: the vGPU
 * @gfn: the guest frame mgvt_guest_page_map() pinned
 * @dma: the DMA address it returned
 *
 * HAL DMA unmap, then unpin.
 */
void mgvt_guest_page_unmap(struct mgvt_vgpu *vgpu, u64 gfn, dma_addr_t dma)
{
	mgvt_hal_dma_unmap(vgpu->pgpu, dma, 1);
	mgvt_stat(MGVT_STAT_DMA_MAPS, -1);
	vgpu->guest->unpin(vgpu, gfn);
}

/* Last two steps of the unpin order: HAL DMA unmap, unpin. */
static void release_pin(struct mgvt_vgpu *vgpu, struct mgvt_pin *pin)
{
	mgvt_guest_page_unmap(vgpu, pin->gfn, pin->dma);
	trace_mgvt_guest_unpin(vgpu, pin->gfn, pin->dma);
	kmem_cache_free(pin_cache, pin);
	mgvt_stat(MGVT_STAT_PIN_OBJECTS, -1);
	mgvt_stat(MGVT_STAT_PINNED, -1);
	mgvt_count(vgpu, MGVT_CNT_PINNED, -1);
	mgvt_count(vgpu, MGVT_CNT_UNPINNED, 1);
}

/* Unpin the retired pins (GGTT lock held), after a drain or once settled. */
static void release_retired(struct mgvt_vgpu *vgpu, bool drain)
{
	struct mgvt_ggtt *g = &vgpu->ggtt;
	struct mgvt_pin *pin, *next;

	lockdep_assert_held(&g->lock);
	if (!g->retired)
		return;
	if (drain)
		g->hooks->drain(vgpu);
	else if (!g->hooks->settled(vgpu, g->retired_epoch))
		return;
	for (pin = g->retired; pin; pin = next) {
		next = pin->next;
		release_pin(vgpu, pin);
	}
	g->retired = NULL;
	g->nretired = 0;
}

/*
 * Retire a chain of pins already taken out of @pins: their pGPU entries to
 * scratch, one invalidate, zap the aperture, then unmap and unpin each.
 * @zap_base/@zap_len: the aperture range to zap (0 length: none).  With
 * @defer, pins that a running workload may still reach are kept until it
 * ended (a guest rewriting its GGTT is not made to wait for its GPU).
 */
static void retire_pins(struct mgvt_vgpu *vgpu, struct mgvt_pin *chain,
			u64 zap_base, u64 zap_len, bool defer)
{
	struct mgvt_ggtt *g = &vgpu->ggtt;
	struct mgvt_pin *pin, *next;
	u64 epoch;

	mutex_lock(&vgpu->ap.fault_lock);
	for (pin = chain; pin; pin = pin->next)
		mgvt_hal_write_pte(vgpu->pgpu, pin->index,
				   vgpu->ggtt.scratch_dma | GEN8_PTE_PRESENT);
	pgpu_invalidate(vgpu);
	mutex_unlock(&vgpu->ap.fault_lock);

	if (zap_len)
		mgvt_aperture_zap(vgpu, zap_base, zap_len);
	epoch = defer && g->hooks ? g->hooks->epoch(vgpu) : 0;
	for (pin = chain; pin; pin = next) {
		next = pin->next;
		if (!epoch) {
			release_pin(vgpu, pin);
			continue;
		}
		pin->next = g->retired;
		g->retired = pin;
		g->nretired++;
	}
	if (epoch)
		g->retired_epoch = epoch;
	/* A guest that rewrites faster than its work ends waits at last. */
	if (g->nretired > MGVT_GGTT_RETIRED_MAX)
		release_retired(vgpu, true);
}

/**
 * mgvt_ggtt_settle - workloads of the vGPU ended: unpin what waited for them
 * @vgpu: the vGPU, its GGTT lock not held
 */
void mgvt_ggtt_settle(struct mgvt_vgpu *vgpu)
{
	if (!READ_ONCE(vgpu->ggtt.retired) && !READ_ONCE(vgpu->ppgtt.nretired))
		return;
	mutex_lock(&vgpu->ggtt.lock);
	release_retired(vgpu, false);
	mgvt_ppgtt_settle(vgpu, false);
	mutex_unlock(&vgpu->ggtt.lock);
}

/* The entry stops being backed by a guest page: it points at scratch. */
static void unback(struct mgvt_vgpu *vgpu, u32 index)
{
	struct mgvt_pin *old = xa_erase(&vgpu->ggtt.pins, index);

	if (!old)
		return;
	old->next = NULL;
	retire_pins(vgpu, old, (u64)index << PAGE_SHIFT,
		    index_in_aperture(vgpu, index) ? PAGE_SIZE : 0, true);
}

/* Pin guest page @gfn and map it for the pGPU; an ERR_PTR (logged) on failure. */
static struct mgvt_pin *pin_gfn(struct mgvt_vgpu *vgpu, u32 index, u64 gfn)
{
	struct mgvt_pin *pin;
	struct page *page;
	dma_addr_t dma;
	int ret;

	ret = mgvt_guest_page_map(vgpu, gfn, &page, &dma);
	if (ret)
		goto err;
	pin = kmem_cache_alloc(pin_cache, GFP_KERNEL);
	if (!pin) {
		ret = -ENOMEM;
		goto err_unmap;
	}
	mgvt_stat(MGVT_STAT_PIN_OBJECTS, 1);
	pin->page = page;
	pin->dma = dma;
	pin->gfn = gfn;
	pin->index = index;
	pin->next = NULL;
	mgvt_stat(MGVT_STAT_PINNED, 1);
	mgvt_count(vgpu, MGVT_CNT_PINNED, 1);
	trace_mgvt_guest_pin(vgpu, gfn, pin->dma, 0);
	return pin;

err_unmap:
	mgvt_guest_page_unmap(vgpu, gfn, dma);
err:
	mgvt_count(vgpu, MGVT_CNT_PIN_FAILURES, 1);
	trace_mgvt_guest_pin(vgpu, gfn, 0, ret);
	vgpu_warn_rl(vgpu, "GGTT entry %#x: cannot pin and map guest page %#llx (%d), scratch\n",
		     index, gfn << PAGE_SHIFT, ret);
	return ERR_PTR(ret);
}

/* Apply a complete guest entry of the slices to the pGPU. */
static void set_entry(struct mgvt_vgpu *vgpu, u32 index, u64 pte)
{
	struct mgvt_ggtt *g = &vgpu->ggtt;
	struct mgvt_pin *pin, *old;
	u64 gfn;

	mgvt_count(vgpu, MGVT_CNT_PTE_WRITES, 1);
	if (!(pte & GEN8_PTE_PRESENT)) {
		unback(vgpu, index);
		trace_mgvt_ggtt_write(vgpu, index, pte,
				      g->scratch_dma | GEN8_PTE_PRESENT);
		return;
	}
	if (pte & GEN8_GGTT_PTE_RESERVED) {
		mgvt_count(vgpu, MGVT_CNT_PTE_REFUSED, 1);
		trace_mgvt_ggtt_refuse(vgpu, index, pte, MGVT_GGTT_RESERVED, 0);
		vgpu_warn_rl(vgpu, "GGTT entry %#x: reserved bits set in %#llx, scratch\n",
			     index, pte);
		unback(vgpu, index);
		return;
	}
	gfn = (pte & GEN8_GGTT_PTE_ADDR) >> PAGE_SHIFT;
	old = xa_load(&g->pins, index);
	if (old && old->gfn == gfn) {
		trace_mgvt_ggtt_write(vgpu, index, pte, old->dma | GEN8_PTE_PRESENT);
		return;
	}

	pin = pin_gfn(vgpu, index, gfn);
	if (IS_ERR(pin)) {
		trace_mgvt_ggtt_refuse(vgpu, index, pte, MGVT_GGTT_UNPINNED,
				       PTR_ERR(pin));
		unback(vgpu, index);
		return;
	}
	old = xa_store(&g->pins, index, pin, GFP_KERNEL_ACCOUNT);
	if (xa_is_err(old)) {
		release_pin(vgpu, pin);
		mgvt_count(vgpu, MGVT_CNT_PIN_FAILURES, 1);
		trace_mgvt_ggtt_refuse(vgpu, index, pte, MGVT_GGTT_UNPINNED,
				       xa_err(old));
		unback(vgpu, index);
		return;
	}
	/*
	 * The new entry replaces the old page (or scratch) on the pGPU, then
	 * user mappings of the old one go, then the old page itself.
	 */
	set_pgpu_pte(vgpu, index, pin->dma);
	trace_mgvt_ggtt_write(vgpu, index, pte, pin->dma | GEN8_PTE_PRESENT);
	if (index_in_aperture(vgpu, index))
		mgvt_aperture_zap(vgpu, (u64)index << PAGE_SHIFT, PAGE_SIZE);
	if (old)
		release_pin(vgpu, old);
}

/**
 * mgvt_ggtt_read - trapped read of the GGTT part of BAR0
 * @vgpu: the vGPU
 * @off: offset from the start of the GGTT (BAR0 + 8 MiB), @len-aligned
 * @len: 1, 2, 4 or 8
 *
 * Return: the guest's view of the entries.
 */
u64 mgvt_ggtt_read(struct mgvt_vgpu *vgpu, u32 off, unsigned int len)
{
	u8 *entry;
	u64 val;

	mutex_lock(&vgpu->ggtt.lock);
	entry = view_entry(vgpu, off / MGVT_GGTT_PTE_SIZE);
	val = entry ? mgvt_load_le(entry + off % MGVT_GGTT_PTE_SIZE, len) : 0;
	mutex_unlock(&vgpu->ggtt.lock);
	return val;
}

/**
 * mgvt_ggtt_write - trapped write of the GGTT part of BAR0
 * @vgpu: the vGPU, its device open (pinning needs the VFIO container)
 * @off: offset from the start of the GGTT, @len-aligned
 * @val: value
 * @len: 1, 2, 4 or 8
 *
 * Entries outside the vGPU's slices and writes narrower than 4 bytes are
 * dropped and counted.  An 8-byte write applies the entry at once; a
 * 4-byte half leaves the entry on scratch until its other half arrives.
 */
void mgvt_ggtt_write(struct mgvt_vgpu *vgpu, u32 off, u64 val,
		     unsigned int len)
{
	struct mgvt_ggtt *g = &vgpu->ggtt;
	u32 index = off / MGVT_GGTT_PTE_SIZE;
	unsigned long slot;
	u8 *entry;

	mutex_lock(&g->lock);
	entry = view_entry(vgpu, index);
	if (!entry) {
		mgvt_count(vgpu, MGVT_CNT_PTE_DROPPED, 1);
		trace_mgvt_ggtt_refuse(vgpu, index, val, MGVT_GGTT_OUTSIDE, 0);
		vgpu_warn_rl(vgpu, "GGTT entry %#x (GM %#llx) outside its slices: dropped\n",
			     index, (u64)index << PAGE_SHIFT);
		goto out;
	}
	if (len < 4) {
		mgvt_count(vgpu, MGVT_CNT_PTE_REFUSED, 1);
		trace_mgvt_ggtt_refuse(vgpu, index, val, MGVT_GGTT_NARROW, 0);
		vgpu_warn_rl(vgpu, "GGTT entry %#x: %u-byte write dropped (need 4 or 8)\n",
			     index, len);
		goto out;
	}
	mgvt_store_le(entry + off % MGVT_GGTT_PTE_SIZE, val, len);
	slot = 2 * ((entry - vgpu->vggtt) / MGVT_GGTT_PTE_SIZE);
	if (len == 4) {
		/* A half: the entry waits on scratch until both are written. */
		set_bit(slot + !!(off & 4), g->halves);
		if (!test_bit(slot + !(off & 4), g->halves)) {
			unback(vgpu, index);
			goto out;
		}
	}
	clear_bit(slot, g->halves);
	clear_bit(slot + 1, g->halves);
	set_entry(vgpu, index, mgvt_load_le(entry, 8));
out:
	mutex_unlock(&g->lock);
}

/*
 * Retire every pin whose guest frame lies in [@first, @last]: all of them
 * for a reset.  Returns the number retired.
 */
static unsigned long retire_range(struct mgvt_vgpu *vgpu, u64 first, u64 last)
{
	struct mgvt_pin *chain = NULL, *pin;
	unsigned long index, n = 0;
	bool aperture = false;

	xa_for_each(&vgpu->ggtt.pins, index, pin) {
		if (pin->gfn < first || pin->gfn > last)
			continue;
		xa_erase(&vgpu->ggtt.pins, index);
		aperture |= index_in_aperture(vgpu, index);
		pin->next = chain;
		chain = pin;
		n++;
	}
	/*
	 * A workload may reach any page of the vGPU's GM: let what runs end
	 * before the pages go (no new one starts: that takes this lock), and
	 * with them every pin kept for such a workload.
	 */
	if ((n || vgpu->ggtt.retired) && vgpu->ggtt.hooks)
		vgpu->ggtt.hooks->drain(vgpu);
	if (n)
		retire_pins(vgpu, chain, vgpu->slice.low_base,
			    aperture ? vgpu->slice.low_size : 0, false);
	if (vgpu->ggtt.retired)
		release_retired(vgpu, false);
	return n;
}

/**
 * mgvt_ggtt_dma_unmap - the VFIO user unmapped guest memory
 * @vgpu: the vGPU
 * @iova: start of the range
 * @length: its length in bytes
 *
 * Every GGTT entry backed by a page of the range goes back to scratch and
 * the page is unpinned before this returns, as VFIO type1 requires; until
 * the unmapping task leaves the kernel, entries to pages of the range are
 * refused (unmap_fence.c), so that a racing GGTT write cannot keep type1
 * retrying.
 */
void mgvt_ggtt_dma_unmap(struct mgvt_vgpu *vgpu, u64 iova, u64 length)
{
	u64 last;
	unsigned long n;

	if (!length)
		return;
	last = iova + length - 1 < iova ? U64_MAX : iova + length - 1;
	mutex_lock(&vgpu->ggtt.lock);
	mgvt_unmap_fence_add(vgpu, iova >> PAGE_SHIFT, last >> PAGE_SHIFT);
	n = retire_range(vgpu, iova >> PAGE_SHIFT, last >> PAGE_SHIFT);
	mgvt_ppgtt_dma_unmap(vgpu, iova >> PAGE_SHIFT, last >> PAGE_SHIFT);
	mutex_unlock(&vgpu->ggtt.lock);
	if (n) {
		mgvt_count(vgpu, MGVT_CNT_DMA_UNMAPS, 1);
		vgpu_dbg(vgpu, "DMA unmap of %#llx+%#llx: %lu GGTT entries back to scratch\n",
			 iova, length, n);
	}
}

/**
 * mgvt_ggtt_page - the page behind GM address @gm of the aperture slice
 * @vgpu: the vGPU, with its GGTT lock held
 * @gm: GM address inside the low slice
 *
 * Return: the pinned guest page, or the vGPU's scratch page.
 */
struct page *mgvt_ggtt_page(struct mgvt_vgpu *vgpu, u64 gm)
{
	struct mgvt_pin *pin = xa_load(&vgpu->ggtt.pins, gm >> PAGE_SHIFT);

	lockdep_assert_held(&vgpu->ggtt.lock);
	return pin ? pin->page : vgpu->scratch;
}

/**
 * mgvt_ggtt_get_pages - take a reference on the guest pages behind a GM range
 * @vgpu: the vGPU, its GGTT lock not held
 * @gm: page-aligned GM address
 * @npages: pages from @gm
 * @pages: filled with the pages, each with a reference taken (get_page())
 *
 * Under the GGTT lock, every entry of the range must lie in the vGPU's
 * slices and be backed by a pinned guest page; an entry on scratch fails
 * the whole range.  The references keep each page from going back to the
 * host's allocator once the GGTT or VFIO lets go of it (a guest rewrite,
 * a DMA unmap): what the caller holds then no longer follows the guest,
 * but it never becomes another owner's memory.  The caller drops them
 * with put_page().
 *
 * Return: 0; -EINVAL outside the slices; -EFAULT if an entry is not
 * backed by a guest page.
 */
int mgvt_ggtt_get_pages(struct mgvt_vgpu *vgpu, u64 gm, unsigned long npages,
			struct page **pages)
{
	struct mgvt_pin *pin;
	unsigned long i;
	int ret = 0;

	if (offset_in_page(gm) || !npages ||
	    !mgvt_gm_in_slices(&vgpu->slice, gm, (u64)npages << PAGE_SHIFT))
		return -EINVAL;
	mutex_lock(&vgpu->ggtt.lock);
	for (i = 0; i < npages; i++) {
		pin = xa_load(&vgpu->ggtt.pins, (gm >> PAGE_SHIFT) + i);
		if (!pin) {
			ret = -EFAULT;
			break;
		}
		get_page(pin->page);
		pages[i] = pin->page;
	}
	mutex_unlock(&vgpu->ggtt.lock);
	if (ret)
		while (i--)
			put_page(pages[i]);
	return ret;
}

/* Copy between a kernel buffer and GM through the pages behind it. */
static void gm_copy(struct mgvt_vgpu *vgpu, u64 gm, void *buf, size_t len,
		    bool write)
{
	lockdep_assert_held(&vgpu->ggtt.lock);
	while (len) {
		size_t n = min_t(size_t, len, PAGE_SIZE - offset_in_page(gm));
		u8 *p = kmap_local_page(mgvt_ggtt_page(vgpu, gm));

		if (write)
			memcpy(p + offset_in_page(gm), buf, n);
		else
			memcpy(buf, p + offset_in_page(gm), n);
		kunmap_local(p);
		gm += n;
		buf += n;
		len -= n;
	}
}

/**
 * mgvt_ggtt_gm_read - read guest memory behind the vGPU's GM
 * @vgpu: the vGPU, with its GGTT lock held
 * @gm: GM address inside the vGPU's slices (the caller checked)
 * @dst: where to
 * @len: bytes
 *
 * Pages without a valid entry read from the scratch page.
 */
void mgvt_ggtt_gm_read(struct mgvt_vgpu *vgpu, u64 gm, void *dst, size_t len)
{
	gm_copy(vgpu, gm, dst, len, false);
}

/**
 * mgvt_ggtt_gm_write - write guest memory behind the vGPU's GM
 * @vgpu: the vGPU, with its GGTT lock held
 * @gm: GM address inside the vGPU's slices (the caller checked)
 * @src: what
 * @len: bytes
 *
 * Pages without a valid entry go to the scratch page.
 */
void mgvt_ggtt_gm_write(struct mgvt_vgpu *vgpu, u64 gm, const void *src,
			size_t len)
{
	gm_copy(vgpu, gm, (void *)src, len, true);
}

/* Point every entry of one slice at @dma, or at nothing when @dma is 0. */
static void fill_slice(struct mgvt_vgpu *vgpu, u64 base, u64 size, u64 pte)
{
	u32 index;

	for (index = base >> PAGE_SHIFT; index < (base + size) >> PAGE_SHIFT;
	     index++)
		mgvt_hal_write_pte(vgpu->pgpu, index, pte);
}

static void fill_slices(struct mgvt_vgpu *vgpu, u64 pte)
{
	fill_slice(vgpu, vgpu->slice.low_base, vgpu->slice.low_size, pte);
	fill_slice(vgpu, vgpu->slice.high_base, vgpu->slice.high_size, pte);
	pgpu_invalidate(vgpu);
}

/**
 * mgvt_ggtt_init - set up the GGTT part of a new vGPU
 * @vgpu: the vGPU, its slices and scratch page allocated
 *
 * Maps the scratch page for the pGPU and points every entry of the slices
 * at it.
 *
 * Return: 0 or a negative errno.
 */
int mgvt_ggtt_init(struct mgvt_vgpu *vgpu)
{
	struct mgvt_ggtt *g = &vgpu->ggtt;
	int ret;

	mutex_init(&g->lock);
	xa_init(&g->pins);
	INIT_LIST_HEAD(&g->fences);
	vgpu->vggtt = vzalloc(view_entries(vgpu) * MGVT_GGTT_PTE_SIZE);
	g->halves = bitmap_zalloc(2 * view_entries(vgpu), GFP_KERNEL);
	if (!vgpu->vggtt || !g->halves) {
		ret = -ENOMEM;
		goto err_free;
	}
	ret = mgvt_hal_dma_map(vgpu->pgpu, vgpu->scratch, 1, &g->scratch_dma);
	if (ret)
		goto err_free;
	mgvt_stat(MGVT_STAT_DMA_MAPS, 1);
	fill_slices(vgpu, g->scratch_dma | GEN8_PTE_PRESENT);
	return 0;

err_free:
	bitmap_free(g->halves);
	vfree(vgpu->vggtt);
	g->halves = NULL;
	vgpu->vggtt = NULL;
	return ret;
}

/**
 * mgvt_ggtt_fini - give a vGPU's GGTT entries back to the host
 * @vgpu: the vGPU, closed (so nothing is pinned any more)
 */
void mgvt_ggtt_fini(struct mgvt_vgpu *vgpu)
{
	struct mgvt_ggtt *g = &vgpu->ggtt;

	if (!xa_empty(&g->pins) || g->retired)
		vgpu_warn_rl(vgpu, "GGTT pins left at destroy\n");
	fill_slices(vgpu, 0);
	mgvt_hal_dma_unmap(vgpu->pgpu, g->scratch_dma, 1);
	mgvt_stat(MGVT_STAT_DMA_MAPS, -1);
	xa_destroy(&g->pins);
	bitmap_free(g->halves);
	vfree(vgpu->vggtt);
	g->halves = NULL;
	vgpu->vggtt = NULL;
	mutex_destroy(&g->lock);
}

/*
 * Whatever the last user wrote into the scratch page (through BAR2, its
 * mmap, or later the GPU) must not reach the next one.  A fresh zeroed page
 * takes its place on the pGPU and in the fault path first, then every user
 * mapping of the slice is zapped, and only then is the old page unmapped
 * and freed: nothing can still see it.  Without memory for a new page the
 * old one is cleared in place after the zap.
 */
static void replace_scratch(struct mgvt_vgpu *vgpu)
{
	struct mgvt_ggtt *g = &vgpu->ggtt;
	struct page *old = vgpu->scratch, *new;
	dma_addr_t old_dma = g->scratch_dma, new_dma;

	lockdep_assert_held(&g->lock);
	new = alloc_page(GFP_KERNEL_ACCOUNT | __GFP_ZERO);
	if (new && mgvt_hal_dma_map(vgpu->pgpu, new, 1, &new_dma)) {
		__free_page(new);
		new = NULL;
	}
	if (!new) {
		vgpu_warn_rl(vgpu, "no memory for a new scratch page: clearing the old one\n");
		mgvt_aperture_zap(vgpu, vgpu->slice.low_base, vgpu->slice.low_size);
		clear_highpage(old);
		return;
	}
	mutex_lock(&vgpu->ap.fault_lock);
	fill_slices(vgpu, new_dma | GEN8_PTE_PRESENT);
	vgpu->scratch = new;
	g->scratch_dma = new_dma;
	mutex_unlock(&vgpu->ap.fault_lock);
	mgvt_aperture_zap(vgpu, vgpu->slice.low_base, vgpu->slice.low_size);
	mgvt_hal_dma_unmap(vgpu->pgpu, old_dma, 1);
	__free_page(old);
}

/**
 * mgvt_ggtt_reset - clear the guest's GGTT, drop every pin and give the
 *	vGPU a clean scratch page
 * @vgpu: the vGPU, open or being closed
 */
void mgvt_ggtt_reset(struct mgvt_vgpu *vgpu)
{
	mutex_lock(&vgpu->ggtt.lock);
	memset(vgpu->vggtt, 0, view_entries(vgpu) * MGVT_GGTT_PTE_SIZE);
	bitmap_zero(vgpu->ggtt.halves, 2 * view_entries(vgpu));
	retire_range(vgpu, 0, U64_MAX);
	replace_scratch(vgpu);
	mutex_unlock(&vgpu->ggtt.lock);
}

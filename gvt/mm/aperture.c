// SPDX-License-Identifier: GPL-2.0
/*
 * BAR2 of a vGPU: the aperture, i.e. the mappable low GM seen through the
 * GGTT.  Only this vGPU's slice is backed; the rest of the BAR reads 0 and
 * drops writes.
 *
 * Region read/write goes to the page the GGTT entry names (the pinned guest
 * page, or the vGPU's scratch page).  mmap is VM_PFNMAP, faulted in page by
 * page from the HAL's aperture PFNs (scratch where no valid entry exists).
 * The vGPU keeps its own list of mappings, because all VFIO device files
 * share one inode, and zaps the affected pages of each whenever what backs
 * a GM page changes.
 *
 * Lock order: the GGTT lock, then mmap_lock, then the fault lock or the VMA
 * lock.  The fault path takes only the fault lock, which nobody holds
 * across pinning, unpinning or zapping.  The zapper holds the GGTT lock and
 * the VMA lock and only try-locks an mm under the VMA lock, dropping it to
 * wait.  Region access to BAR2 takes the GGTT lock: never from a fault.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>

#include "core/bytes.h"
#include "core/compat.h"
#include "core/log.h"
#include "core/pgpu_types.h"
#include "core/stats.h"
#include "core/vgpu_types.h"
#include "mm/aperture.h"
#include "mm/ggtt.h"

/**
 * struct mgvt_vma - one user mapping of a vGPU's aperture
 * @node: entry in the vGPU's list
 * @vma: the mapping
 * @vgpu: its vGPU
 * @zap_seq: last zap pass that covered it
 */
struct mgvt_vma {
	struct list_head node;
	struct vm_area_struct *vma;
	struct mgvt_vgpu *vgpu;
	u64 zap_seq;
};

/**
 * mgvt_aperture_init - set up the mapping list of a new vGPU
 * @vgpu: the vGPU
 */
void mgvt_aperture_init(struct mgvt_vgpu *vgpu)
{
	mutex_init(&vgpu->ap.fault_lock);
	mutex_init(&vgpu->ap.vma_lock);
	INIT_LIST_HEAD(&vgpu->ap.vmas);
}

/**
 * mgvt_aperture_read - read a piece of BAR2 through the region
 * @vgpu: the vGPU
 * @off: offset in BAR2 (= GM address), @len-aligned
 * @len: 1, 2, 4 or 8
 *
 * Return: the value.
 */
u64 mgvt_aperture_read(struct mgvt_vgpu *vgpu, u64 off, unsigned int len)
{
	u64 val;
	u8 *p;

	if (!mgvt_in_aperture_slice(vgpu, off, len))
		return 0;
	mutex_lock(&vgpu->ggtt.lock);
	p = kmap_local_page(mgvt_ggtt_page(vgpu, off));
	val = mgvt_load_le(p + offset_in_page(off), len);
	kunmap_local(p);
	mutex_unlock(&vgpu->ggtt.lock);
	return val;
}

/**
 * mgvt_aperture_write - write a piece of BAR2 through the region
 * @vgpu: the vGPU
 * @off: offset in BAR2, @len-aligned
 * @val: value
 * @len: 1, 2, 4 or 8
 */
void mgvt_aperture_write(struct mgvt_vgpu *vgpu, u64 off, u64 val,
			 unsigned int len)
{
	u8 *p;

	if (!mgvt_in_aperture_slice(vgpu, off, len)) {
		vgpu_warn_rl(vgpu, "aperture write outside the slice at %#llx dropped\n",
			     off);
		return;
	}
	mutex_lock(&vgpu->ggtt.lock);
	p = kmap_local_page(mgvt_ggtt_page(vgpu, off));
	mgvt_store_le(p + offset_in_page(off), val, len);
	kunmap_local(p);
	mutex_unlock(&vgpu->ggtt.lock);
}

/* GM address mapped at the start of @vma. */
static u64 vma_gm(const struct vm_area_struct *vma)
{
	return ((u64)vma->vm_pgoff << PAGE_SHIFT) & MGVT_REGION_MASK;
}

static vm_fault_t mgvt_aperture_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mgvt_vma *mv = vma->vm_private_data;
	struct mgvt_aperture_page ap = { 0 };
	struct mgvt_vgpu *vgpu;
	vm_fault_t ret;
	u64 gm;

	if (!mv)
		return VM_FAULT_SIGBUS;
	vgpu = mv->vgpu;
	gm = vma_gm(vma) + (vmf->address - vma->vm_start);

	mutex_lock(&vgpu->ap.fault_lock);
	if (mgvt_hal_aperture_page(vgpu->pgpu, gm, &ap)) {
		ap.pfn = page_to_pfn(vgpu->scratch);
		ap.write_combine = false;
	}
	if (ap.write_combine)
		ret = vmf_insert_pfn_prot(vma, vmf->address, ap.pfn,
					  pgprot_writecombine(vma->vm_page_prot));
	else
		ret = vmf_insert_pfn(vma, vmf->address, ap.pfn);
	mutex_unlock(&vgpu->ap.fault_lock);
	return ret;
}

static void track_vma(struct mgvt_vgpu *vgpu, struct vm_area_struct *vma,
		      gfp_t gfp)
{
	struct mgvt_vma *mv = kzalloc(sizeof(*mv), gfp);

	vma->vm_private_data = mv;
	if (!mv)
		return;
	mv->vma = vma;
	mv->vgpu = vgpu;
	mgvt_stat(MGVT_STAT_VMAS, 1);
	mutex_lock(&vgpu->ap.vma_lock);
	list_add(&mv->node, &vgpu->ap.vmas);
	mutex_unlock(&vgpu->ap.vma_lock);
}

/*
 * A mapping was split (munmap or mprotect of a part) or moved (mremap):
 * the new VMA shares the old one's page tables, so it must be tracked too.
 * VM_DONTCOPY keeps mappings out of forked children.
 */
static void mgvt_aperture_open(struct vm_area_struct *vma)
{
	struct mgvt_vma *from = vma->vm_private_data;

	if (from)
		track_vma(from->vgpu, vma, GFP_KERNEL | __GFP_NOFAIL);
}

static void mgvt_aperture_close(struct vm_area_struct *vma)
{
	struct mgvt_vma *mv = vma->vm_private_data;

	if (!mv)
		return;
	mutex_lock(&mv->vgpu->ap.vma_lock);
	list_del(&mv->node);
	mutex_unlock(&mv->vgpu->ap.vma_lock);
	kfree(mv);
	mgvt_stat(MGVT_STAT_VMAS, -1);
}

static const struct vm_operations_struct mgvt_aperture_vm_ops = {
	.open = mgvt_aperture_open,
	.close = mgvt_aperture_close,
	.fault = mgvt_aperture_fault,
};

/**
 * mgvt_aperture_mmap - map part of this vGPU's aperture slice
 * @vgpu: the vGPU
 * @vma: the mapping; its offset is relative to the start of BAR2
 * @off: BAR2 offset of the mapping
 *
 * Called with the caller's mmap_lock held for writing.
 *
 * Return: 0, -EINVAL for a mapping that is private or leaves the slice,
 * or -ENOMEM.
 */
int mgvt_aperture_mmap(struct mgvt_vgpu *vgpu, struct vm_area_struct *vma,
		       u64 off)
{
	u64 len = vma->vm_end - vma->vm_start;

	if (!(vma->vm_flags & VM_SHARED) ||
	    !mgvt_in_aperture_slice(vgpu, off, len)) {
		vgpu_warn_rl(vgpu, "refused aperture mmap of %#llx+%#llx\n",
			     off, len);
		return -EINVAL;
	}
	track_vma(vgpu, vma, GFP_KERNEL);
	if (!vma->vm_private_data)
		return -ENOMEM;
	mgvt_vm_flags_set(vma, VM_IO | VM_PFNMAP | VM_DONTEXPAND |
			  VM_DONTDUMP | VM_DONTCOPY);
	vma->vm_ops = &mgvt_aperture_vm_ops;
	return 0;
}

/* Zap [@gm, @gm + @len) in every mapping of @mm; VMA lock and mm held. */
static void zap_mm(struct mgvt_vgpu *vgpu, struct mm_struct *mm, u64 gm,
		   u64 len, u64 seq)
{
	struct mgvt_vma *mv;

	list_for_each_entry(mv, &vgpu->ap.vmas, node) {
		struct vm_area_struct *vma = mv->vma;
		u64 start = vma_gm(vma);
		u64 end = start + (vma->vm_end - vma->vm_start);
		u64 from = max(start, gm), to = min(end, gm + len);

		if (vma->vm_mm != mm)
			continue;
		mv->zap_seq = seq;
		if (from >= to)
			continue;
		zap_vma_ptes(vma, vma->vm_start + (from - start), to - from);
		mgvt_count(vgpu, MGVT_CNT_ZAPS, 1);
	}
}

/**
 * mgvt_aperture_zap - remove [@gm, @gm + @len) from every user mapping
 * @vgpu: the vGPU, with its GGTT lock held (so zaps are serialised)
 * @gm: GM address
 * @len: length in bytes
 *
 * The next access faults and maps whatever backs the page then.  Each
 * mapping's mm is read-locked for the zap; when that would block, the VMA
 * lock is dropped while waiting for it (a fault or munmap holds the mm and
 * may wait for the VMA lock), and the walk starts over.
 */
void mgvt_aperture_zap(struct mgvt_vgpu *vgpu, u64 gm, u64 len)
{
	struct mgvt_aperture *ap = &vgpu->ap;
	u64 seq = ++ap->zap_seq;
	struct mgvt_vma *mv;
	struct mm_struct *mm;

	lockdep_assert_held(&vgpu->ggtt.lock);
again:
	mutex_lock(&ap->vma_lock);
	list_for_each_entry(mv, &ap->vmas, node) {
		if (mv->zap_seq == seq)
			continue;
		mm = mv->vma->vm_mm;
		if (mmap_read_trylock(mm)) {
			zap_mm(vgpu, mm, gm, len, seq);
			mmap_read_unlock(mm);
			continue;
		}
		if (!mmget_not_zero(mm)) {
			/* The process is exiting: no user is left to look. */
			mv->zap_seq = seq;
			continue;
		}
		mutex_unlock(&ap->vma_lock);
		mmap_read_lock(mm);
		mutex_lock(&ap->vma_lock);
		zap_mm(vgpu, mm, gm, len, seq);
		mutex_unlock(&ap->vma_lock);
		mmap_read_unlock(mm);
		mmput_async(mm);	/* never the exit path under our locks */
		goto again;
	}
	mutex_unlock(&ap->vma_lock);
}

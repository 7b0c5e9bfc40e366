// SPDX-License-Identifier: GPL-2.0
/*
 * BAR2 of a vGPU: the aperture, i.e. the mappable low GM seen through the
 * GGTT.  Only this vGPU's slice is backed; the rest of the BAR reads 0 and
 * drops writes.  A GM page without a valid GGTT entry is backed by the
 * vGPU's own scratch page, through read/write of the region and through
 * mmap (VM_PFNMAP, faulted in page by page).
 */
#include <linux/highmem.h>
#include <linux/mm.h>

#include "bytes.h"
#include "compat.h"
#include "mgvt.h"

static bool in_slice(const struct mgvt_vgpu *vgpu, u64 off, u64 len)
{
	const struct mgvt_gm_slice *s = &vgpu->slice;

	return off >= s->low_base && len <= s->low_size &&
	       off - s->low_base <= s->low_size - len;
}

/**
 * mgvt_aperture_read - read a piece of BAR2
 * @vgpu: the vGPU, with its lock held
 * @off: offset in BAR2 (= GM address), @len-aligned
 * @len: 1, 2, 4 or 8
 *
 * Return: the value.
 */
u64 mgvt_aperture_read(struct mgvt_vgpu *vgpu, u64 off, unsigned int len)
{
	u64 val;
	u8 *p;

	if (!in_slice(vgpu, off, len))
		return 0;
	p = kmap_local_page(vgpu->scratch);
	val = mgvt_load_le(p + offset_in_page(off), len);
	kunmap_local(p);
	return val;
}

/**
 * mgvt_aperture_write - write a piece of BAR2
 * @vgpu: the vGPU, with its lock held
 * @off: offset in BAR2, @len-aligned
 * @val: value
 * @len: 1, 2, 4 or 8
 */
void mgvt_aperture_write(struct mgvt_vgpu *vgpu, u64 off, u64 val,
			 unsigned int len)
{
	u8 *p;

	if (!in_slice(vgpu, off, len)) {
		vgpu_warn_rl(vgpu, "aperture write outside the slice at %#llx dropped\n",
			     off);
		return;
	}
	p = kmap_local_page(vgpu->scratch);
	mgvt_store_le(p + offset_in_page(off), val, len);
	kunmap_local(p);
}

static vm_fault_t mgvt_aperture_fault(struct vm_fault *vmf)
{
	struct mgvt_vgpu *vgpu = vmf->vma->vm_private_data;

	return vmf_insert_pfn(vmf->vma, vmf->address,
			      page_to_pfn(vgpu->scratch));
}

static const struct vm_operations_struct mgvt_aperture_vm_ops = {
	.fault = mgvt_aperture_fault,
};

/**
 * mgvt_aperture_mmap - map part of this vGPU's aperture slice
 * @vgpu: the vGPU
 * @vma: the mapping; its offset is relative to the start of BAR2
 * @off: BAR2 offset of the mapping
 *
 * Return: 0, or -EINVAL for a mapping that is private or leaves the slice.
 */
int mgvt_aperture_mmap(struct mgvt_vgpu *vgpu, struct vm_area_struct *vma,
		       u64 off)
{
	u64 len = vma->vm_end - vma->vm_start;

	if (!(vma->vm_flags & VM_SHARED) || !in_slice(vgpu, off, len)) {
		vgpu_warn_rl(vgpu, "refused aperture mmap of %#llx+%#llx\n",
			     off, len);
		return -EINVAL;
	}
	mgvt_vm_flags_set(vma, VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
	vma->vm_ops = &mgvt_aperture_vm_ops;
	vma->vm_private_data = vgpu;
	return 0;
}

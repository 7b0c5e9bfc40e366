/* SPDX-License-Identifier: GPL-2.0 */
/*
 * BAR2, the aperture: the vGPU's low GM slice through the pGPU's GGTT,
 * read and written through the region or mapped into the user.
 */
#ifndef MGVT_MM_APERTURE_H
#define MGVT_MM_APERTURE_H

#include <linux/types.h>

#include "core/vgpu_types.h"

struct vm_area_struct;

/* Region offsets as vfio-pci's: the region index in bits 63:40. */
#define MGVT_REGION_SHIFT	40
#define MGVT_REGION_MASK	((1ULL << MGVT_REGION_SHIFT) - 1)

/**
 * mgvt_in_aperture_slice - is [@off, @off + @len) inside the low slice?
 * @vgpu: the vGPU
 * @off: BAR2 offset (= GM address)
 * @len: length in bytes
 *
 * Return: true if the whole range is this vGPU's.
 */
static inline bool mgvt_in_aperture_slice(const struct mgvt_vgpu *vgpu,
					  u64 off, u64 len)
{
	const struct mgvt_gm_slice *s = &vgpu->slice;

	return off >= s->low_base && len <= s->low_size &&
	       off - s->low_base <= s->low_size - len;
}

void mgvt_aperture_init(struct mgvt_vgpu *vgpu);
u64 mgvt_aperture_read(struct mgvt_vgpu *vgpu, u64 off, unsigned int len);
void mgvt_aperture_write(struct mgvt_vgpu *vgpu, u64 off, u64 val,
			 unsigned int len);
int mgvt_aperture_mmap(struct mgvt_vgpu *vgpu, struct vm_area_struct *vma,
		       u64 off);
void mgvt_aperture_zap(struct mgvt_vgpu *vgpu, u64 gm, u64 len);

#endif /* MGVT_MM_APERTURE_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User mappings of a vGPU's aperture slice, embedded in struct mgvt_vgpu.
 */
#ifndef MGVT_MM_APERTURE_TYPES_H
#define MGVT_MM_APERTURE_TYPES_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>

/**
 * struct mgvt_aperture - user mappings of a vGPU's aperture slice (aperture.c)
 * @fault_lock: a fault looks up and inserts a PFN under it; a change of
 *	what backs a GM page is made under it, so no fault can insert a PFN
 *	that is about to go away after the zap that follows the change
 * @vma_lock: protects @vmas
 * @vmas: the vGPU's own list of mappings (struct mgvt_vma): all VFIO
 *	device files share one inode, so its address space cannot be used
 * @zap_seq: number of the current zap pass, under the GGTT lock
 */
struct mgvt_aperture {
	struct mutex fault_lock; /* lookup + insert vs a backing change */
	struct mutex vma_lock; /* protects vmas */
	struct list_head vmas;
	u64 zap_seq;
};

#endif /* MGVT_MM_APERTURE_TYPES_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * BAR0 of a vGPU: the register file (first 2 MiB) and the guest's view of
 * the GGTT (from 8 MiB).  Every access is trapped; nothing here touches the
 * pGPU yet.  Register semantics and GGTT translation build on this.
 */
#include <linux/vmalloc.h>

#include "bytes.h"
#include "mgvt.h"

/**
 * mgvt_mmio_init - allocate the virtual BAR0 of a vGPU
 * @vgpu: the vGPU
 *
 * Return: 0 or -ENOMEM.
 */
int mgvt_mmio_init(struct mgvt_vgpu *vgpu)
{
	vgpu->vregs = vzalloc(MGVT_MMIO_REG_SIZE);
	vgpu->vggtt = vzalloc(MGVT_GGTT_SIZE);
	if (!vgpu->vregs || !vgpu->vggtt) {
		mgvt_mmio_fini(vgpu);
		return -ENOMEM;
	}
	return 0;
}

/**
 * mgvt_mmio_fini - free the virtual BAR0
 * @vgpu: the vGPU
 */
void mgvt_mmio_fini(struct mgvt_vgpu *vgpu)
{
	vfree(vgpu->vggtt);
	vfree(vgpu->vregs);
	vgpu->vggtt = NULL;
	vgpu->vregs = NULL;
}

/**
 * mgvt_mmio_reset - put BAR0 back in its after-reset state
 * @vgpu: the vGPU, with its lock held
 */
void mgvt_mmio_reset(struct mgvt_vgpu *vgpu)
{
	memset(vgpu->vregs, 0, MGVT_MMIO_REG_SIZE);
	memset(vgpu->vggtt, 0, MGVT_GGTT_SIZE);
	mgvt_pvinfo_reset(vgpu);
}

static bool in_ggtt(u32 off)
{
	return off >= MGVT_GGTT_OFFSET && off - MGVT_GGTT_OFFSET < MGVT_GGTT_SIZE;
}

/**
 * mgvt_mmio_read - trapped BAR0 read
 * @vgpu: the vGPU, with its lock held
 * @off: offset in BAR0, @len-aligned
 * @len: 1, 2, 4 or 8
 *
 * Return: the value; the hole between registers and GGTT reads 0.
 */
u64 mgvt_mmio_read(struct mgvt_vgpu *vgpu, u32 off, unsigned int len)
{
	if (off < MGVT_MMIO_REG_SIZE)
		return mgvt_load_le(vgpu->vregs + off, len);
	if (in_ggtt(off))
		return mgvt_load_le(vgpu->vggtt + off - MGVT_GGTT_OFFSET, len);
	return 0;
}

/**
 * mgvt_mmio_write - trapped BAR0 write
 * @vgpu: the vGPU, with its lock held
 * @off: offset in BAR0, @len-aligned
 * @val: value
 * @len: 1, 2, 4 or 8
 */
void mgvt_mmio_write(struct mgvt_vgpu *vgpu, u32 off, u64 val,
		     unsigned int len)
{
	if (off < MGVT_MMIO_REG_SIZE) {
		if (!mgvt_pvinfo_write(vgpu, off, val, len))
			mgvt_store_le(vgpu->vregs + off, val, len);
	} else if (in_ggtt(off)) {
		mgvt_store_le(vgpu->vggtt + off - MGVT_GGTT_OFFSET, val, len);
	} else {
		vgpu_warn_rl(vgpu, "write to unimplemented BAR0 offset %#x dropped\n",
			     off);
	}
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Fence registers of a vGPU.  The guest programs fences 0..fence_num-1 of
 * its own (PVINFO fence_num); each is backed by one pGPU fence the vGPU
 * owns.  A guest value reaches the pGPU only if it is invalid or describes
 * a legal fence inside the vGPU's mappable slice; otherwise the pGPU fence
 * is disabled, the value stays virtual and the refusal is counted.
 *
 * Gen6+ layout (64 bits, lower dword at FENCE_LO): bit 0 valid, bit 1
 * Y-tiling, bits 31:12 first page; bits 42:32 pitch in 128-byte units
 * minus one; bits 63:44 last page.
 */
#include <linux/lockdep.h>
#include <linux/bitops.h>
#include <linux/seq_file.h>

#include "core/log.h"
#include "core/stats.h"
#include "core/trace.h"
#include "core/pgpu_types.h"
#include "core/vgpu_types.h"
#include "regs/regs.h"
#include "trap/fence.h"
#include "trap/mmio.h"

#define FENCE_VALID		BIT_ULL(0)
#define FENCE_PAGE_MASK		0xfffff000ULL
#define FENCE_PITCH_SHIFT	32
#define FENCE_PITCH_MASK	0x7ffULL	/* Gen7+: below 0x800 */
#define FENCE_REGS_END		FENCE_LO(MGVT_NUM_FENCES)

/* The pGPU fence backing guest fence @i, or -1. */
static int pfence(const struct mgvt_vgpu *vgpu, unsigned int i)
{
	unsigned long mask = vgpu->slice.fence_mask;
	unsigned int n;

	for_each_set_bit(n, &mask, MGVT_NUM_FENCES)
		if (!i--)
			return n;
	return -1;
}

static u64 vfence(struct mgvt_vgpu *vgpu, unsigned int i)
{
	return *mgvt_vreg(vgpu, FENCE_LO(i)) |
	       (u64)*mgvt_vreg(vgpu, FENCE_HI(i)) << 32;
}

static bool fence_legal(const struct mgvt_vgpu *vgpu, u64 val)
{
	u64 start = val & FENCE_PAGE_MASK;
	u64 last = (val >> 32) & FENCE_PAGE_MASK;
	const struct mgvt_gm_slice *s = &vgpu->slice;

	return start <= last && start >= s->low_base &&
	       last < s->low_base + s->low_size &&
	       ((val >> FENCE_PITCH_SHIFT) & ~FENCE_PAGE_MASK) <= FENCE_PITCH_MASK;
}

/* Program the pGPU fence as i915 does: disable, upper half, lower half. */
static void pgpu_fence_write(struct mgvt_vgpu *vgpu, int p, u64 val)
{
	mgvt_hal_write32(vgpu->pgpu, FENCE_LO(p), 0);
	mgvt_hal_write32(vgpu->pgpu, FENCE_HI(p), val >> 32);
	mgvt_hal_write32(vgpu->pgpu, FENCE_LO(p), (u32)val);
}

/**
 * mgvt_fence_write - a guest write to the fence registers
 * @vgpu: the vGPU, with its lock held
 * @off: BAR0 offset
 * @val: value
 * @len: 1, 2 or 4
 *
 * Return: true if @off is a fence register (the write was handled).
 */
bool mgvt_fence_write(struct mgvt_vgpu *vgpu, u32 off, u32 val,
		      unsigned int len)
{
	unsigned int i = (off - FENCE_LO(0)) / 8;
	u64 v;
	int p;

	lockdep_assert_held(&vgpu->lock);
	if (off < FENCE_LO(0) || off >= FENCE_REGS_END)
		return false;
	memcpy(vgpu->vregs + off, &val, len);
	p = pfence(vgpu, i);
	if (p < 0) {
		trace_mgvt_fence_refuse(vgpu, i, p, vfence(vgpu, i));
		vgpu_warn_rl(vgpu, "fence %u beyond its %u fences, kept virtual\n",
			     i, hweight32(vgpu->slice.fence_mask));
		return true;
	}
	v = vfence(vgpu, i);
	if (!(v & FENCE_VALID) || fence_legal(vgpu, v)) {
		pgpu_fence_write(vgpu, p, v);
		return true;
	}
	pgpu_fence_write(vgpu, p, 0);
	mgvt_count(vgpu, MGVT_CNT_FENCE_REFUSED, 1);
	trace_mgvt_fence_refuse(vgpu, i, p, v);
	vgpu_warn_rl(vgpu, "fence %u value %#llx outside its aperture slice: disabled\n",
		     i, v);
	return true;
}

/**
 * mgvt_fence_reset - disable every pGPU fence the vGPU owns
 * @vgpu: the vGPU
 */
void mgvt_fence_reset(struct mgvt_vgpu *vgpu)
{
	unsigned int i;

	for (i = 0; pfence(vgpu, i) >= 0; i++)
		pgpu_fence_write(vgpu, pfence(vgpu, i), 0);
}

/**
 * mgvt_fence_show - debugfs "fences": each guest fence, the pGPU fence
 *	behind it, virtual and physical values, and the refusals
 * @m: the seq_file; its private data is the vGPU
 * @unused: unused
 *
 * Return: 0.
 */
int mgvt_fence_show(struct seq_file *m, void *unused)
{
	struct mgvt_vgpu *vgpu = m->private;
	unsigned int i;
	int p;

	mutex_lock(&vgpu->lock);
	for (i = 0; (p = pfence(vgpu, i)) >= 0; i++)
		seq_printf(m, "%u %d %#llx %#llx\n", i, p, vfence(vgpu, i),
			   mgvt_hal_read32(vgpu->pgpu, FENCE_LO(p)) |
			   (u64)mgvt_hal_read32(vgpu->pgpu, FENCE_HI(p)) << 32);
	seq_printf(m, "refused %ld\n", mgvt_counter_read(vgpu, MGVT_CNT_FENCE_REFUSED));
	mutex_unlock(&vgpu->lock);
	return 0;
}

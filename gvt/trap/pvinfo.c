// SPDX-License-Identifier: GPL-2.0
/*
 * The GVT-g PVINFO page at BAR0 + 0x78000: how a guest i915 learns that it
 * runs on a vGPU, which GM ranges it owns (it balloons out the rest) and how
 * many fences it has.  The first half is host-to-guest and read-only; the
 * second half carries the guest's notifications.
 */
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/seq_file.h>

#include "core/bytes.h"
#include "core/log.h"
#include "core/vgpu_types.h"
#include "mgvt_pvinfo.h"
#include "mm/ppgtt.h"
#include "trap/pvinfo.h"

static void pv_put(struct mgvt_vgpu *vgpu, u32 off, u64 val, unsigned int len)
{
	mgvt_store_le(vgpu->vregs + MGVT_PVINFO_BASE + off, val, len);
}

/**
 * mgvt_pvinfo_reset - fill the PVINFO page of a vGPU
 * @vgpu: the vGPU, with its lock held and its register file cleared
 */
void mgvt_pvinfo_reset(struct mgvt_vgpu *vgpu)
{
	const struct mgvt_gm_slice *s = &vgpu->slice;

	lockdep_assert_held(&vgpu->lock);
	pv_put(vgpu, MGVT_PVINFO_MAGIC_OFF, MGVT_PVINFO_MAGIC, 8);
	pv_put(vgpu, MGVT_PVINFO_VER_MAJOR, MGVT_PVINFO_VERSION_MAJOR, 2);
	pv_put(vgpu, MGVT_PVINFO_VER_MINOR, MGVT_PVINFO_VERSION_MINOR, 2);
	pv_put(vgpu, MGVT_PVINFO_VGT_ID, vgpu->id, 4);
	pv_put(vgpu, MGVT_PVINFO_CAPS, MGVT_PVINFO_CAP_FULL_PPGTT |
	       MGVT_PVINFO_CAP_HWSP_EMULATION | MGVT_PVINFO_CAP_HUGE_GTT, 4);
	pv_put(vgpu, MGVT_PVINFO_MAPPABLE_BASE, s->low_base, 4);
	pv_put(vgpu, MGVT_PVINFO_MAPPABLE_SIZE, s->low_size, 4);
	pv_put(vgpu, MGVT_PVINFO_UNMAPPABLE_BASE, s->high_base, 4);
	pv_put(vgpu, MGVT_PVINFO_UNMAPPABLE_SIZE, s->high_size, 4);
	pv_put(vgpu, MGVT_PVINFO_FENCE_NUM, hweight32(s->fence_mask), 4);
	mgvt_ppgtt_forget_roots(vgpu);
}

/*
 * A g2v notification.  PPGTT creation and destruction announce a 4-level
 * table whose PML4 address the guest wrote into pdp[0]; mm/ppgtt.c records
 * it and builds its shadow.  Everything else is validated, logged and
 * dropped.
 */
static void g2v_notify(struct mgvt_vgpu *vgpu, u32 what)
{
	u64 root = mgvt_load_le(vgpu->vregs + MGVT_PVINFO_BASE +
				MGVT_PVINFO_PDP(0), 8);

	switch (what) {
	case MGVT_G2V_PPGTT_L4_CREATE:
	case MGVT_G2V_PPGTT_L4_DESTROY:
		mgvt_ppgtt_announce(vgpu, root, what == MGVT_G2V_PPGTT_L4_CREATE);
		return;
	case MGVT_G2V_EXECLIST_CTX_CREATE:
	case MGVT_G2V_EXECLIST_CTX_DESTROY:
		return;		/* informational, as on GVT-g */
	case MGVT_G2V_PPGTT_L3_CREATE:
	case MGVT_G2V_PPGTT_L3_DESTROY:
		vgpu_warn_rl(vgpu, "g2v: 3-level PPGTT not supported\n");
		return;
	default:
		vgpu_warn_rl(vgpu, "g2v: unknown notification %u\n", what);
	}
}

/**
 * mgvt_pvinfo_show - debugfs "ppgtt_roots": the PPGTT roots the guest
 *	announced through PVINFO, one per line
 * @m: the seq_file; its private data is the vGPU
 * @unused: unused
 *
 * Return: 0.
 */
int mgvt_pvinfo_show(struct seq_file *m, void *unused)
{
	mgvt_ppgtt_show_roots(m->private, m);
	return 0;
}

/**
 * mgvt_pvinfo_write - handle a guest write that may fall in PVINFO
 * @vgpu: the vGPU, with its lock held
 * @off: BAR0 offset
 * @val: value
 * @len: access size
 *
 * Return: true if @off is inside PVINFO and the write was handled (stored
 * or dropped), false if the caller should treat it as a plain register.
 */
bool mgvt_pvinfo_write(struct mgvt_vgpu *vgpu, u32 off, u64 val,
		       unsigned int len)
{
	u32 rel = off - MGVT_PVINFO_BASE;

	lockdep_assert_held(&vgpu->lock);
	if (off < MGVT_PVINFO_BASE || rel >= MGVT_PVINFO_SIZE)
		return false;

	if (rel < MGVT_PVINFO_G2V_START || rel >= MGVT_PVINFO_G2V_END) {
		vgpu_warn_rl(vgpu, "write to read-only PVINFO offset %#x dropped\n",
			     rel);
		return true;
	}
	if (rel >= MGVT_PVINFO_RSV5 && rel < MGVT_PVINFO_G2V_NOTIFY) {
		vgpu_warn_rl(vgpu, "write to reserved PVINFO offset %#x dropped\n",
			     rel);
		return true;
	}
	pv_put(vgpu, rel, val, len);
	if (rel == MGVT_PVINFO_G2V_NOTIFY && len == 4)
		g2v_notify(vgpu, val);
	return true;
}

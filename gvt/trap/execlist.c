// SPDX-License-Identifier: GPL-2.0
/*
 * A vGPU's virtual execlist registers, as a Gen9 guest i915 programs them
 * (../shared reference render-path.md §4.2 and §4.5):
 *
 * - ELSP takes four dwords, element 1 upper and lower, then element 0
 *   upper and lower; the fourth completes a submission.  Both descriptors
 *   are validated as GVT-g does: valid, PRIVILEGE set, legacy 4-level
 *   addressing, no other flag than FORCE_RESTORE, FORCE_PD_RESTORE and
 *   the EU priority field (bits 10:9, which a 6.1 i915 sets on rcs0),
 *   the whole context image inside the vGPU's GM, never one context in
 *   both elements.  A submission that fails is refused, counted and
 *   logged; one that passes is recorded for the render path.
 * - RING_HWS_PGA must name a page inside the vGPU's GM.
 * - RING_MODE's run-list enable is refused until the guest read PVINFO:
 *   a guest that does not know it runs on a vGPU is not supported.
 *
 * Everything here runs in the trapped access with the vGPU lock held.
 */
#include <linux/lockdep.h>

#include "core/log.h"
#include "core/stats.h"
#include "core/vgpu_types.h"
#include "mm/gm.h"
#include "regs/regs.h"
#include "trap/execlist.h"
#include "trap/mmio.h"
#include "trap/mmio_table.h"

/* Context images: RCS 22 pages, the other engines 2 (render-path §4.3). */
#define RCS_CTX_PAGES	22
#define XCS_CTX_PAGES	2
/* Descriptor bits a Gen9 guest may set in the lower dword. */
#define DESC_ALLOWED	(CTX_DESC_VALID | CTX_DESC_FORCE_PD_RESTORE | \
			 CTX_DESC_FORCE_RESTORE | \
			 (u64)CTX_DESC_MODE_4LVL << CTX_DESC_MODE_SHIFT | \
			 CTX_DESC_PRIVILEGE | CTX_DESC_PRIORITY | CTX_DESC_LRCA)

/* The engine whose register block holds @off. */
static unsigned int engine_of(u32 off)
{
	unsigned int e;

	for (e = 0; e < MGVT_NUM_ENGINES; e++)
		if (off - gen9_engine_base(e) < 0x1000)
			return e;
	return 0;	/* not reached: the table names engine registers only */
}

static bool in_slices(const struct mgvt_vgpu *vgpu, u64 gm, u64 size)
{
	return mgvt_gm_in_slices(&vgpu->slice, gm, size);
}

/**
 * mgvt_elsp_desc_ok - whether a guest may submit this descriptor
 * @vgpu: the vGPU
 * @e: the engine
 * @desc: the descriptor (element 0, or a valid element 1)
 * @why: set to the reason when it may not
 *
 * Return: true if it may.
 */
bool mgvt_elsp_desc_ok(const struct mgvt_vgpu *vgpu, unsigned int e,
		       u64 desc, const char **why)
{
	u64 pages = e == 0 ? RCS_CTX_PAGES : XCS_CTX_PAGES;

	if (!(desc & CTX_DESC_VALID))
		*why = "not valid";
	else if (!(desc & CTX_DESC_PRIVILEGE))
		*why = "PRIVILEGE not set";
	else if (((desc >> CTX_DESC_MODE_SHIFT) & 3) != CTX_DESC_MODE_4LVL)
		*why = "addressing mode not legacy 4-level";
	else if ((u32)desc & ~(u32)DESC_ALLOWED)
		*why = "unknown flags";
	else if (!in_slices(vgpu, desc & CTX_DESC_LRCA, pages * PAGE_SIZE))
		*why = "context image outside the vGPU's GM";
	else
		return true;
	return false;
}

/**
 * mgvt_elsp_write - a dword written to a virtual ELSP
 * @vgpu: the vGPU, with its lock held
 * @off: the engine's ELSP
 * @val: the dword
 *
 * The fourth dword completes a submission, validated and recorded or
 * refused.  The register itself reads 0, as ELSP does.
 */
void mgvt_elsp_write(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	unsigned int e = engine_of(off);
	struct mgvt_vexeclist *el = &vgpu->vel.engine[e];
	const char *why = NULL;
	u64 d0, d1;

	lockdep_assert_held(&vgpu->lock);
	el->elsp[el->elsp_n++] = val;
	if (el->elsp_n < 4)
		return;
	el->elsp_n = 0;
	d1 = (u64)el->elsp[0] << 32 | el->elsp[1];
	d0 = (u64)el->elsp[2] << 32 | el->elsp[3];
	if (d1 && (d1 & CTX_DESC_LRCA) == (d0 & CTX_DESC_LRCA))
		why = "one context in both elements";
	if (why || !mgvt_elsp_desc_ok(vgpu, e, d0, &why) ||
	    (d1 && !mgvt_elsp_desc_ok(vgpu, e, d1, &why))) {
		mgvt_count(vgpu, MGVT_CNT_ELSP_REFUSED, 1);
		vgpu_warn_rl(vgpu, "%s: ELSP submission %#llx %#llx refused: %s\n",
			     gen9_engine_name(e), d0, d1, why);
		return;
	}
	if (el->q_len == MGVT_ELSP_QUEUE) {
		mgvt_count(vgpu, MGVT_CNT_ELSP_REFUSED, 1);
		vgpu_warn_rl(vgpu, "%s: ELSP %#llx %#llx refused: %u waiting\n",
			     gen9_engine_name(e), d0, d1, el->q_len);
		return;
	}
	el->quad[(el->q_head + el->q_len) % MGVT_ELSP_QUEUE][0] = d0;
	el->quad[(el->q_head + el->q_len) % MGVT_ELSP_QUEUE][1] = d1;
	el->q_len++;
	el->submitted++;
	mgvt_count(vgpu, MGVT_CNT_ELSP_SUBMITS, 1);
	if (vgpu->vel.hooks)
		vgpu->vel.hooks->kick(vgpu, e);
}

/**
 * mgvt_vexeclist_pop - the render path takes the oldest submission
 * @vgpu: the vGPU, with its lock held
 * @e: the engine
 * @desc: set to element 0 and element 1 (0: none)
 *
 * Return: false when none is waiting.
 */
bool mgvt_vexeclist_pop(struct mgvt_vgpu *vgpu, unsigned int e, u64 desc[2])
{
	struct mgvt_vexeclist *el = &vgpu->vel.engine[e];

	lockdep_assert_held(&vgpu->lock);
	if (!el->q_len)
		return false;
	desc[0] = el->quad[el->q_head][0];
	desc[1] = el->quad[el->q_head][1];
	el->q_head = (el->q_head + 1) % MGVT_ELSP_QUEUE;
	el->q_len--;
	return true;
}

/**
 * mgvt_mi_mode_read - MI_MODE: idle while the virtual engine has no
 *	active element
 * @vgpu: the vGPU, with its lock held
 * @off: the engine's RING_MI_MODE
 * @val: its stored value
 *
 * Return: @val with MODE_IDLE computed.
 */
u32 mgvt_mi_mode_read(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	if (vgpu->vel.engine[engine_of(off)].busy)
		return val & ~MI_MODE_IDLE;
	return val | MI_MODE_IDLE;
}

/**
 * mgvt_hws_pga_write - the status page must be a page of the vGPU's GM
 * @vgpu: the vGPU, with its lock held
 * @off: the engine's RING_HWS_PGA
 * @val: its GM address
 */
void mgvt_hws_pga_write(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	lockdep_assert_held(&vgpu->lock);
	if ((val & (PAGE_SIZE - 1)) || !in_slices(vgpu, val, PAGE_SIZE)) {
		mgvt_count(vgpu, MGVT_CNT_REG_REFUSED, 1);
		vgpu_warn_rl(vgpu, "%s: status page at %#x outside the vGPU's GM refused\n",
			     gen9_engine_name(engine_of(off)), val);
		return;
	}
	*mgvt_vreg(vgpu, off) = val;
}

/**
 * mgvt_ring_mode_write - run-list mode only for a guest that read PVINFO
 * @vgpu: the vGPU, with its lock held
 * @off: the engine's RING_MODE
 * @val: the value after the masked write
 */
void mgvt_ring_mode_write(struct mgvt_vgpu *vgpu, u32 off, u32 val)
{
	u32 *p = mgvt_vreg(vgpu, off);

	lockdep_assert_held(&vgpu->lock);
	if ((val & ~*p & RING_MODE_RUN_LIST) && !vgpu->vel.pvinfo_read) {
		mgvt_count(vgpu, MGVT_CNT_REG_REFUSED, 1);
		vgpu_warn_rl(vgpu, "%s: run-list mode before PVINFO was read: not a GVT-g guest\n",
			     gen9_engine_name(engine_of(off)));
		val &= ~RING_MODE_RUN_LIST;
	}
	*p = val;
}

/**
 * mgvt_vexeclist_pvinfo_read - the guest read its PVINFO page
 * @vgpu: the vGPU, with its lock held
 */
void mgvt_vexeclist_pvinfo_read(struct mgvt_vgpu *vgpu)
{
	vgpu->vel.pvinfo_read = true;
}

/**
 * mgvt_vexeclist_reset - drop the ELSP state of the engines reset
 * @vgpu: the vGPU, with its lock held
 * @gdrst: GDRST_FULL and/or per-engine GDRST bits
 *
 * A guest's own GDRST keeps what it learnt from PVINFO (a guest i915
 * reads PVINFO, then resets the GPU, then enables execlists).
 */
void mgvt_vexeclist_reset(struct mgvt_vgpu *vgpu, u32 gdrst)
{
	unsigned int e, engines = 0;

	lockdep_assert_held(&vgpu->lock);
	for (e = 0; e < MGVT_NUM_ENGINES; e++)
		if (gdrst & (GDRST_FULL | gen9_engine_gdrst(e))) {
			memset(&vgpu->vel.engine[e], 0, sizeof(vgpu->vel.engine[e]));
			engines |= BIT(e);
		}
	if (engines && vgpu->vel.hooks)
		vgpu->vel.hooks->reset(vgpu, engines);
}

/**
 * mgvt_vexeclist_device_reset - a device reset: everything, PVINFO read too
 * @vgpu: the vGPU, with its lock held
 */
void mgvt_vexeclist_device_reset(struct mgvt_vgpu *vgpu)
{
	const struct mgvt_vexeclist_ops *hooks = vgpu->vel.hooks;

	lockdep_assert_held(&vgpu->lock);
	memset(&vgpu->vel, 0, sizeof(vgpu->vel));
	vgpu->vel.hooks = hooks;
}

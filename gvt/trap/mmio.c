// SPDX-License-Identifier: GPL-2.0
/*
 * BAR0 of a vGPU: the register file (first 2 MiB); the GGTT from 8 MiB is
 * ggtt.c's.  Every access is trapped.  Registers of the table
 * in mmio_table.c get their semantics here, handshakes included, all
 * completed inside the trapped access; other offsets are plain virtual
 * storage.  Nothing a guest writes reaches the pGPU from here.
 */
#include <linux/lockdep.h>
#include <linux/bitmap.h>
#include <linux/vmalloc.h>

#include "core/bytes.h"
#include "core/log.h"
#include "core/stats.h"
#include "core/trace.h"
#include "core/pgpu_types.h"
#include "core/vgpu_types.h"
#include "display/display.h"
#include "display/vblank.h"
#include "mgvt_pvinfo.h"
#include "mm/ggtt.h"
#include "regs/regs.h"
#include "regs/regsem.h"
#include "trap/execlist.h"
#include "trap/fence.h"
#include "trap/mmio.h"
#include "trap/mmio_table.h"
#include "trap/pvinfo.h"
#include "trap/virq.h"

#define MMIO_DWORDS	(MGVT_MMIO_REG_SIZE / 4)
#define MMIO_PAGES	(MGVT_MMIO_REG_SIZE / PAGE_SIZE)

/*
 * Per dword of the register space: 1 + table index (0: untracked), and the
 * engine.  The index type must hold 1 + the last index of the largest table
 * mmio_table.c may have (it checks its size against MGVT_MMIO_TABLE_MAX).
 */
static u16 *mmio_index;
static u8 *mmio_engine;
static_assert((typeof(*mmio_index))(MGVT_MMIO_TABLE_MAX + 1) ==
	      MGVT_MMIO_TABLE_MAX + 1, "register table index too narrow");
static_assert((typeof(*mmio_engine))(MGVT_NUM_ENGINES - 1) ==
	      MGVT_NUM_ENGINES - 1, "engine index too narrow");

/**
 * mgvt_mmio_table_init - index the register table by offset
 *
 * Return: 0 or -ENOMEM.
 */
int mgvt_mmio_table_init(void)
{
	unsigned int i, e;

	mmio_index = vzalloc(MMIO_DWORDS * sizeof(*mmio_index));
	mmio_engine = vzalloc(MMIO_DWORDS * sizeof(*mmio_engine));
	if (!mmio_index || !mmio_engine) {
		mgvt_mmio_table_fini();
		return -ENOMEM;
	}
	for (i = 0; i < mgvt_mmio_table_size; i++) {
		const struct mgvt_mmio_reg *r = &mgvt_mmio_table[i];

		if (!(r->flags & MF_ENGINE)) {
			mmio_index[r->offset / 4] = i + 1;
			continue;
		}
		for (e = 0; e < MGVT_NUM_ENGINES; e++) {
			mmio_index[(gen9_engine_base(e) + r->offset) / 4] = i + 1;
			mmio_engine[(gen9_engine_base(e) + r->offset) / 4] = e;
		}
	}
	return 0;
}

/**
 * mgvt_mmio_table_fini - drop the index
 */
void mgvt_mmio_table_fini(void)
{
	vfree(mmio_engine);
	vfree(mmio_index);
	mmio_engine = NULL;
	mmio_index = NULL;
}

/**
 * mgvt_mmio_reg_of - the register table entry of a BAR0 register offset
 * @off: offset below MGVT_MMIO_REG_SIZE (any byte of the register)
 *
 * Return: the entry, or NULL if the register is not in the table.
 */
const struct mgvt_mmio_reg *mgvt_mmio_reg_of(u32 off)
{
	u16 i = mmio_index[off / 4];

	return i ? &mgvt_mmio_table[i - 1] : NULL;
}

/**
 * mgvt_mmio_golden_capture - snapshot the pGPU's golden registers
 * @pgpu: the pGPU, just registered, before any vGPU exists
 *
 * The golden registers are identity and fuses, readable without forcewake.
 *
 * Return: 0 or -ENOMEM.
 */
int mgvt_mmio_golden_capture(struct mgvt_pgpu *pgpu)
{
	unsigned int i;

	pgpu->golden = vzalloc(MGVT_MMIO_REG_SIZE);
	if (!pgpu->golden)
		return -ENOMEM;
	for (i = 0; i < mgvt_mmio_table_size; i++) {
		const struct mgvt_mmio_reg *r = &mgvt_mmio_table[i];

		if (r->flags & MF_GOLDEN)
			pgpu->golden[r->offset / 4] =
				mgvt_hal_read32(pgpu, r->offset);
	}
	return 0;
}

static u32 reset_value(struct mgvt_vgpu *vgpu, const struct mgvt_mmio_reg *r,
		       u32 off)
{
	return r->flags & MF_GOLDEN ? vgpu->pgpu->golden[off / 4] : r->init;
}

/*
 * Registers of the table back to their reset values, for some engines;
 * display registers and the interrupt control (MF_KEEP) only at a device
 * reset (@device), never at a GDRST.
 */
static void reset_table(struct mgvt_vgpu *vgpu, u32 gdrst, bool device)
{
	unsigned int i, e;

	for (i = 0; i < mgvt_mmio_table_size; i++) {
		const struct mgvt_mmio_reg *r = &mgvt_mmio_table[i];

		if (!(r->flags & MF_ENGINE)) {
			if ((gdrst & GDRST_FULL) &&
			    (device || !(r->flags & (MF_DISPLAY | MF_KEEP))))
				*mgvt_vreg(vgpu, r->offset) = reset_value(vgpu, r, r->offset);
			continue;
		}
		for (e = 0; e < MGVT_NUM_ENGINES; e++) {
			u32 off = gen9_engine_base(e) + r->offset;

			if (gdrst & (GDRST_FULL | gen9_engine_gdrst(e)))
				*mgvt_vreg(vgpu, off) = reset_value(vgpu, r, off);
		}
	}
}

/**
 * mgvt_mmio_engine_reset - registers of the table back to their reset
 *	values for the engines a (virtual) GDRST names
 * @vgpu: the vGPU, with its lock held
 * @gdrst: GDRST_FULL and/or per-engine GDRST bits
 */
void mgvt_mmio_engine_reset(struct mgvt_vgpu *vgpu, u32 gdrst)
{
	lockdep_assert_held(&vgpu->lock);
	reset_table(vgpu, gdrst, false);
	mgvt_vexeclist_reset(vgpu, gdrst);
}

/**
 * mgvt_mmio_init - allocate the virtual BAR0 of a vGPU
 * @vgpu: the vGPU
 *
 * Return: 0 or -ENOMEM.
 */
int mgvt_mmio_init(struct mgvt_vgpu *vgpu)
{
	mgvt_vblank_init(vgpu);
	vgpu->vregs = vzalloc(MGVT_MMIO_REG_SIZE);
	vgpu->untracked = bitmap_zalloc(MMIO_DWORDS, GFP_KERNEL);
	if (!vgpu->vregs || !vgpu->untracked) {
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
	mgvt_vblank_fini(vgpu);		/* nothing touches the registers any more */
	bitmap_free(vgpu->untracked);
	vfree(vgpu->vregs);
	vgpu->untracked = NULL;
	vgpu->vregs = NULL;
}

/*
 * Zero what a user can have changed in the register file since the last
 * reset, except table registers, which reset_table() rewrites anyway: each
 * 4 KiB page that took an untracked write (one bit per page), the PVINFO
 * page and the guest's fence registers.  Nothing else ever stores into
 * @vregs, so a reset costs what was written, not a 2 MiB clear.
 */
static void clear_written(struct mgvt_vgpu *vgpu)
{
	unsigned long pg;

	for_each_set_bit(pg, vgpu->written_pages, MMIO_PAGES) {
		memset(vgpu->vregs + pg * PAGE_SIZE, 0, PAGE_SIZE);
		bitmap_clear(vgpu->untracked, pg * (PAGE_SIZE / 4), PAGE_SIZE / 4);
	}
	bitmap_zero(vgpu->written_pages, MMIO_PAGES);
	memset(vgpu->vregs + MGVT_PVINFO_BASE, 0, MGVT_PVINFO_SIZE);
	memset(vgpu->vregs + FENCE_LO(0), 0, 8 * MGVT_NUM_FENCES);
}

/**
 * mgvt_mmio_reset - put BAR0 back in its after-reset state
 * @vgpu: the vGPU, with its lock held
 *
 * Golden values for the pGPU's identity, documented reset values for live
 * state, PVINFO filled in.
 */
void mgvt_mmio_reset(struct mgvt_vgpu *vgpu)
{
	lockdep_assert_held(&vgpu->lock);
	clear_written(vgpu);
	reset_table(vgpu, GDRST_FULL, true);
	mgvt_display_reset(vgpu);
	mgvt_vexeclist_device_reset(vgpu);
	mgvt_fence_reset(vgpu);
	mgvt_pvinfo_reset(vgpu);
}

static u32 table_read(struct mgvt_vgpu *vgpu, const struct mgvt_mmio_reg *r,
		      u32 off)
{
	u32 val = *mgvt_vreg(vgpu, off);

	return r->read ? r->read(vgpu, off, val) : val;
}

static void table_write(struct mgvt_vgpu *vgpu, const struct mgvt_mmio_reg *r,
			u32 off, u32 val)
{
	u32 *p = mgvt_vreg(vgpu, off);

	if (r->flags & MF_RO) {
		mgvt_count(vgpu, MGVT_CNT_DROPPED_WRITES, 1);
		vgpu_warn_rl(vgpu, "write to read-only %s (%#x) dropped\n",
			     r->name, off);
		return;
	}
	if (r->flags & MF_MASKED)
		val = mgvt_masked_write(*p, val);
	else if (r->flags & MF_W1C)
		val = mgvt_w1c_write(*p, val);

	if (r->write)
		r->write(vgpu, off, val);
	else
		*p = val;
	if (r->flags & MF_IRQ)
		mgvt_virq_update(vgpu);
}

static u64 reg_read(struct mgvt_vgpu *vgpu, u32 off, unsigned int len)
{
	const struct mgvt_mmio_reg *r = mgvt_mmio_reg_of(off);
	u32 val;

	if (!r) {
		val = mgvt_load_le(vgpu->vregs + off, len);
		if (off - MGVT_PVINFO_BASE >= MGVT_PVINFO_SIZE)	/* not PVINFO */
			trace_mgvt_mmio_untracked(vgpu, off, false, val, len);
		return val;
	}
	val = table_read(vgpu, r, off);
	return (val >> (8 * (off & 3))) & (len == 4 ? ~0u : (1u << (8 * len)) - 1);
}

/*
 * A 1- or 2-byte write to a table register gets the register's semantics
 * as a dword write through table_write(); which dword depends on its flags:
 *
 * - read-only: none matters, table_write() drops and counts the write;
 * - write-1-to-clear: the bytes not written count as 0, so exactly the
 *   bits the guest wrote are cleared (the current value in their place
 *   would clear every pending bit of the other bytes too);
 * - masked: bits 31:16 enable bits 15:0, and no aligned 1- or 2-byte
 *   access reaches both halves, so a narrow write carries a value without
 *   its mask or a mask without its value.  Neither has a sound meaning:
 *   refused (the register keeps its value) and counted;
 * - all others (plain storage, interrupt enables, handshakes): the current
 *   virtual value with the written bytes replaced, then the same semantics
 *   as a dword write, the interrupt line recomputed included.
 *
 * Return: false if the write is refused, else true with *@dword set.
 */
static bool narrow_dword(struct mgvt_vgpu *vgpu, const struct mgvt_mmio_reg *r,
			 u32 off, u32 val, unsigned int len, u32 *dword)
{
	unsigned int shift = 8 * (off & 3);
	u32 bytes = ((1u << 8 * len) - 1) << shift;

	if ((r->flags & (MF_MASKED | MF_RO)) == MF_MASKED) {
		mgvt_count(vgpu, MGVT_CNT_DROPPED_WRITES, 1);
		vgpu_warn_rl(vgpu, "%u-byte write to masked %s (%#x) refused\n",
			     len, r->name, off);
		return false;
	}
	if (r->flags & (MF_W1C | MF_RO))
		*dword = (val << shift) & bytes;
	else
		*dword = (*mgvt_vreg(vgpu, off) & ~bytes) | ((val << shift) & bytes);
	return true;
}

static void reg_write(struct mgvt_vgpu *vgpu, u32 off, u32 val,
		      unsigned int len)
{
	const struct mgvt_mmio_reg *r = mgvt_mmio_reg_of(off);

	if (off - FENCE_LO(0) < 8 * MGVT_NUM_FENCES &&
	    mgvt_fence_write(vgpu, off, val, len))
		return;
	if (r) {
		if (len == 4 || narrow_dword(vgpu, r, off, val, len, &val))
			table_write(vgpu, r, off & ~3u, val);
		return;
	}
	if (!test_and_set_bit(off / 4, vgpu->untracked)) {
		__set_bit(off / PAGE_SIZE, vgpu->written_pages);
		vgpu_info_rl(vgpu, "untracked register %#x written, kept virtual\n",
			     off & ~3u);
	}
	/* Untracked: plain storage of those bytes. */
	mgvt_store_le(vgpu->vregs + off, val, len);
	trace_mgvt_mmio_untracked(vgpu, off, true, val, len);
}

/* BAR0 outside the GGTT, @len-aligned: the hole after the registers reads 0. */
static u64 mmio_read(struct mgvt_vgpu *vgpu, u32 off, unsigned int len)
{
	lockdep_assert_held(&vgpu->lock);
	if (off < MGVT_MMIO_REG_SIZE) {
		if (off - MGVT_PVINFO_BASE < MGVT_PVINFO_SIZE)
			mgvt_vexeclist_pvinfo_read(vgpu);
		if (len == 8)
			return reg_read(vgpu, off, 4) |
			       reg_read(vgpu, off + 4, 4) << 32;
		return reg_read(vgpu, off, len);
	}
	return 0;
}

/* BAR0 outside the GGTT: PVINFO, then registers; the hole drops writes. */
static void mmio_write(struct mgvt_vgpu *vgpu, u32 off, u64 val,
		       unsigned int len)
{
	lockdep_assert_held(&vgpu->lock);
	if (off < MGVT_MMIO_REG_SIZE) {
		if (off - MGVT_PVINFO_BASE < MGVT_PVINFO_SIZE &&
		    mgvt_pvinfo_write(vgpu, off, val, len))
			return;
		if (len == 8) {
			reg_write(vgpu, off, val, 4);
			reg_write(vgpu, off + 4, val >> 32, 4);
			return;
		}
		reg_write(vgpu, off, val, len);
	} else {
		vgpu_warn_rl(vgpu, "write to unimplemented BAR0 offset %#x dropped\n",
			     off);
	}
}

/**
 * mgvt_bar0_read - trapped read of BAR0 (registers, PVINFO, GGTT)
 * @vgpu: the vGPU
 * @off: offset in BAR0 (below MGVT_MMIO_BAR_SIZE), @len-aligned
 * @len: 1, 2, 4 or 8
 *
 * Return: the value.
 */
u64 mgvt_bar0_read(struct mgvt_vgpu *vgpu, u32 off, unsigned int len)
{
	u64 val;

	if (off >= MGVT_GGTT_OFFSET && off - MGVT_GGTT_OFFSET < MGVT_GGTT_SIZE)
		return mgvt_ggtt_read(vgpu, off - MGVT_GGTT_OFFSET, len);
	mutex_lock(&vgpu->lock);
	val = mmio_read(vgpu, off, len);
	mutex_unlock(&vgpu->lock);
	return val;
}

/**
 * mgvt_bar0_write - trapped write of BAR0 (registers, PVINFO, GGTT)
 * @vgpu: the vGPU
 * @off: offset in BAR0 (below MGVT_MMIO_BAR_SIZE), @len-aligned
 * @val: value
 * @len: 1, 2, 4 or 8
 */
void mgvt_bar0_write(struct mgvt_vgpu *vgpu, u32 off, u64 val,
		     unsigned int len)
{
	if (off >= MGVT_GGTT_OFFSET && off - MGVT_GGTT_OFFSET < MGVT_GGTT_SIZE) {
		mgvt_ggtt_write(vgpu, off - MGVT_GGTT_OFFSET, val, len);
		return;
	}
	mutex_lock(&vgpu->lock);
	mmio_write(vgpu, off, val, len);
	mutex_unlock(&vgpu->lock);
}


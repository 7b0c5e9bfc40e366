// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over a vGPU's BAR0 as the guest drives it: register
 * reads and writes through the register table (masked, W1C, read-only,
 * handshakes, fences, interrupts), PVINFO and its g2v notifications, GGTT
 * entries (whole, in halves, narrow, outside the slices, reserved bits,
 * unmapped memory), guest memory mapped and unmapped under it, resets.
 * The input draws the slice layout, fences and memory map first.
 *
 * Built three times with a different mix of operations:
 *   fuzz_mmio (FOCUS_MMIO), fuzz_ggtt (FOCUS_GGTT), fuzz_pvinfo (FOCUS_PVINFO).
 * The model pGPU and container (fuzz_env.c) check the invariants; this file
 * checks the register semantics a guest sees at every access width
 * (reg_write_checked()).
 */
#include <linux/jiffies.h>

#include "fuzz_env.h"
#include "mgvt_pvinfo.h"
#include "regs/regs.h"

enum op { REG_WRITE, REG_READ, PTE_WRITE, PTE_HALF, PTE_READ, MAP, UNMAP, RESET, G2V, NR_OPS };

#if defined(FOCUS_GGTT)
static const uint8_t weight[NR_OPS] = { 2, 1, 10, 4, 2, 2, 2, 1, 0 };
#elif defined(FOCUS_PVINFO)
static const uint8_t weight[NR_OPS] = { 4, 2, 1, 0, 0, 1, 0, 1, 10 };
#else
static const uint8_t weight[NR_OPS] = { 10, 6, 1, 1, 1, 1, 1, 1, 1 };
#endif

#define GGTT		MGVT_GGTT_OFFSET
#define MAX_STEPS	256

static enum op pick_op(struct fuzz_in *in)
{
	unsigned int total = 0, x, i;

	for (i = 0; i < NR_OPS; i++)
		total += weight[i];
	x = in_u8(in) % total;
	for (i = 0; i < NR_OPS; i++) {
		if (x < weight[i])
			return i;
		x -= weight[i];
	}
	return REG_READ;
}

/* A register offset: mostly ones the table knows, fences and PVINFO. */
static uint32_t pick_reg(struct fuzz_in *in, unsigned int len)
{
	uint8_t sel = in_u8(in);
	uint32_t off;

	switch (sel & 7) {
	case 0: case 1: case 2:
		off = fuzz_table_offset(in_u16(in)) + (in_u8(in) & 3);
		break;
	case 3:
		off = FENCE_LO(0) + in_u8(in) % (8 * MGVT_NUM_FENCES + 16);
		break;
	case 4:
		off = MGVT_PVINFO_BASE + in_u16(in) % MGVT_PVINFO_SIZE;
		break;
	case 5:
		off = in_u32(in) % MGVT_MMIO_BAR_SIZE;
		break;
	default:
		off = in_u32(in) % MGVT_MMIO_REG_SIZE;
		break;
	}
	return off & ~(len - 1);
}

/* A GGTT entry: mostly inside the slices, sometimes anywhere. */
static uint32_t pick_entry(struct fuzz_in *in, const struct mgvt_vgpu *v)
{
	uint8_t sel = in_u8(in);
	const struct mgvt_gm_slice *s = &v->slice;

	if (sel < 120)
		return (s->low_base >> PAGE_SHIFT) + in_u16(in) % (s->low_size >> PAGE_SHIFT);
	if (sel < 200)
		return (s->high_base >> PAGE_SHIFT) + in_u16(in) % (s->high_size >> PAGE_SHIFT);
	return in_u32(in) % (MGVT_GGTT_SIZE / 8);
}

static uint64_t pick_pte(struct fuzz_in *in)
{
	uint8_t flags = in_u8(in);
	uint64_t pte = fuzz_pick_iova(in) & ~0xfffULL;

	if (flags < 200)
		pte |= 1;				/* valid */
	if ((flags & 0x30) == 0x30)
		pte |= (uint64_t)in_u8(in) << 56;	/* reserved bits */
	return pte | (flags & 0x0e);			/* ignored low flags */
}

/*
 * Table entry of each BAR0 dword, built here from the table by a plain walk
 * (check_table_index()), independently of mmio.c's own index.
 */
static const struct mgvt_mmio_reg **ref_index;

static const struct mgvt_mmio_reg *table_reg(uint32_t off)
{
	return off < MGVT_MMIO_REG_SIZE ? ref_index[off / 4] : NULL;
}

/* A BAR0 write of the input, noted for the check after the restore. */
static void bar0_write(struct mgvt_vgpu *v, uint32_t off, uint64_t val, unsigned int len)
{
	fuzz_note_write(off, len);
	mgvt_bar0_write(v, off, val, len);
}

/*
 * A register write, then what a guest must see in each table register it
 * touched, whatever the width: read-only never changes (unless it is
 * computed and the 8-byte write also set what it follows: PP_STATUS and
 * PP_CONTROL share a qword), W1C never gains a
 * bit, a masked register ignores narrow writes (they carry its value or its
 * mask, never both), a plain one takes exactly the bytes written.
 */
static void reg_write_checked(struct mgvt_vgpu *v, uint32_t off, uint64_t val,
			      unsigned int len)
{
	const struct mgvt_mmio_reg *r[2] = { NULL, NULL };
	uint32_t before[2] = { 0, 0 }, dw = off & ~3u, after, bytes, in;
	unsigned int i, n = len == 8 ? 2 : 1;

	for (i = 0; i < n && off < MGVT_MMIO_REG_SIZE; i++) {
		r[i] = table_reg(dw + 4 * i);
		if (r[i])
			before[i] = mgvt_bar0_read(v, dw + 4 * i, 4);
	}
	bar0_write(v, off, val, len);
	for (i = 0; i < n; i++) {
		if (!r[i])
			continue;
		after = mgvt_bar0_read(v, dw + 4 * i, 4);
		bytes = len >= 4 ? ~0u : ((1u << 8 * len) - 1) << 8 * (off & 3);
		in = len >= 4 ? (uint32_t)(val >> 32 * i) : (uint32_t)val << 8 * (off & 3);
		if ((r[i]->flags & MF_RO) && (n == 1 || !r[i]->read))
			FUZZ_CHECK(after == before[i],
				   "read-only %s changed %#x -> %#x by a %u-byte write at %#x",
				   r[i]->name, before[i], after, len, off);
		else if (r[i]->flags & MF_W1C)
			FUZZ_CHECK(!(after & ~before[i]),
				   "W1C %s gained bits %#x -> %#x by a %u-byte write at %#x",
				   r[i]->name, before[i], after, len, off);
		else if ((r[i]->flags & MF_MASKED) && len < 4)
			FUZZ_CHECK(after == before[i],
				   "masked %s changed %#x -> %#x by a %u-byte write at %#x",
				   r[i]->name, before[i], after, len, off);
		else if (!r[i]->read && !r[i]->write && !(r[i]->flags & MF_MASKED))
			FUZZ_CHECK(after == ((before[i] & ~bytes) | (in & bytes)),
				   "plain %s reads %#x after a %u-byte write of %#llx at %#x to %#x",
				   r[i]->name, after, len, (unsigned long long)val, off,
				   before[i]);
	}
}

/*
 * Once: the reference index, in which no two entries of the table (each
 * engine's copy counted) share a dword, and every register of the table is
 * found by its offset through mmio.c's index, i.e. that index holds the
 * whole table and no entry shadows another.
 */
static void check_table_index(void)
{
	unsigned int i, e, n;

	if (ref_index)
		return;
	ref_index = calloc(MGVT_MMIO_REG_SIZE / 4, sizeof(*ref_index));
	FUZZ_CHECK(ref_index, "out of memory");
	for (i = 0; i < mgvt_mmio_table_size; i++) {
		const struct mgvt_mmio_reg *r = &mgvt_mmio_table[i];

		n = r->flags & MF_ENGINE ? MGVT_NUM_ENGINES : 1;
		for (e = 0; e < n; e++) {
			uint32_t off = (r->flags & MF_ENGINE ? gen9_engine_base(e) : 0) + r->offset;

			FUZZ_CHECK(!ref_index[off / 4], "table entries %s and %s share %#x",
				   ref_index[off / 4] ? ref_index[off / 4]->name : "", r->name, off);
			ref_index[off / 4] = r;
			FUZZ_CHECK(mgvt_mmio_reg_of(off) == r,
				   "table entry %u (%s at %#x) not found by its offset: %s",
				   i, r->name, off,
				   mgvt_mmio_reg_of(off) ? mgvt_mmio_reg_of(off)->name : "none");
		}
	}
}

static void pte_write(struct mgvt_vgpu *v, uint32_t index, uint64_t pte, unsigned int len,
		      unsigned int half)
{
	uint32_t off = GGTT + index * 8 + (len == 4 ? half * 4 : 0);
	uint64_t before = mgvt_bar0_read(v, GGTT + index * 8, 8);

	mgvt_bar0_write(v, off & ~(len - 1), len == 4 && half ? pte >> 32 : pte, len);
	if (!fuzz_in_slices(v, index) || len < 4)
		FUZZ_CHECK(mgvt_bar0_read(v, GGTT + index * 8, 8) == before,
			   "GGTT entry %#x changed by a write that should be dropped", index);
}

static void g2v(struct fuzz_in *in, struct mgvt_vgpu *v)
{
	uint64_t pdp = fuzz_pick_iova(in) | (in_u8(in) & 0x81);
	uint32_t notify = in_u8(in) < 200 ? 2 + in_u8(in) % 5 : in_u32(in);

	bar0_write(v, MGVT_PVINFO_BASE + MGVT_PVINFO_PDP(0), (uint32_t)pdp, 4);
	bar0_write(v, MGVT_PVINFO_BASE + MGVT_PVINFO_PDP(0) + 4, pdp >> 32, 4);
	bar0_write(v, MGVT_PVINFO_BASE + MGVT_PVINFO_G2V_NOTIFY, notify, 4);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct mgvt_vgpu *v = fuzz_vgpu_create(&in);
	unsigned int i, n, len, steps = 0;
	uint64_t iova, sz;
	uint32_t off;

	check_table_index();

	if (in_u8(&in) < 16)
		fuzz_set_memlock(1 + in_u8(&in) % 8);
	n = in_u8(&in) % 4;
	for (i = 0; i < n; i++)
		fuzz_guest_map((uint64_t)in_u16(&in) << 20, (uint64_t)in_u8(&in) << 12);

	while (in.n && steps++ < MAX_STEPS) {
		jiffies++;
		switch (pick_op(&in)) {
		case REG_WRITE:
			len = in_len(&in);
			off = pick_reg(&in, len);
			reg_write_checked(v, off, in_u64(&in), len);
			break;
		case REG_READ:
			len = in_len(&in);
			mgvt_bar0_read(v, pick_reg(&in, len), len);
			break;
		case PTE_WRITE:
			len = in_u8(&in) < 230 ? 8 : in_len(&in);
			pte_write(v, pick_entry(&in, v), pick_pte(&in), len, 0);
			break;
		case PTE_HALF:
			pte_write(v, pick_entry(&in, v), pick_pte(&in), 4, in_u8(&in) & 1);
			break;
		case PTE_READ:
			mgvt_bar0_read(v, GGTT + pick_entry(&in, v) * 8, in_u8(&in) & 1 ? 8 : 4);
			break;
		case MAP:
			fuzz_guest_map((uint64_t)in_u16(&in) << 20, (uint64_t)in_u8(&in) << 12);
			break;
		case UNMAP:
			/* VFIO unmaps whole mappings; stray ranges notify too. */
			if (in_u8(&in) < 32 || !fuzz_pick_range(&in, &iova, &sz)) {
				iova = fuzz_pick_iova(&in) & ~0xfffULL;
				sz = ((uint64_t)in_u16(&in) + 1) << 12;
			}
			fuzz_guest_unmap(v, iova, sz);
			break;
		case RESET:
			/* Rare, as in life, and the costliest operation by far. */
			if (in_u8(&in) < 32)
				fuzz_vgpu_reset(v);
			break;
		case G2V:
			g2v(&in, v);
			break;
		default:
			break;
		}
		FUZZ_CHECK(mgvt_counter_read(v, MGVT_CNT_PINNED) == fuzz_pins(),
			   "pinned counter %ld, model container %ld",
			   mgvt_counter_read(v, MGVT_CNT_PINNED), fuzz_pins());
	}
	fuzz_vgpu_destroy(v);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The native client: drives a pGPU through hal.h exactly as the mediator
 * does (DMA-mapped pages, GGTT entries, a logical ring context, a ring, a
 * batch, ELSP, the CSB in the HWSP), with no vGPU in between.  It is the
 * baseline for "vGPU throughput as % of native" and lets tests run work on
 * every engine.  Tests reach it through debugfs, with mgvt loaded debug=1:
 *
 *   <debugfs>/mgvt/<device>/native          write "<engine> <op> <args>"
 *   <debugfs>/mgvt/<device>/native_buffer   the 64 KiB the work writes to
 *
 * ops: "store <offset> <value>" (MI_STORE_DWORD_IMM, every engine),
 * "fill <x> <y> <w> <h> <pitch> <color> [<repeat>]" and
 * "copy <sx> <sy> <dx> <dy> <w> <h> <pitch>" (blitter, 32 bpp, in the
 * buffer).  Reading "native" reports the last run of each engine.
 */
#include <linux/bitfield.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "core/pgpu_types.h"
#include "mm/hostgm.h"
#include "native/native.h"
#include "regs/gpu_cmd.h"
#include "regs/gtt.h"
#include "regs/regs.h"

/* Page layout of the client's memory, in the host's own low GM. */
enum {
	NP_HWSP = 0,				/* one per engine */
	NP_CTX = NP_HWSP + MGVT_NUM_ENGINES,	/* two per engine */
	NP_RING = NP_CTX + 2 * MGVT_NUM_ENGINES,
	NP_BATCH = NP_RING + MGVT_NUM_ENGINES,
	NP_BUF = NP_BATCH + MGVT_NUM_ENGINES,
	NP_COUNT = NP_BUF + MGVT_NATIVE_BUF_PAGES,
};

static_assert(NP_COUNT == MGVT_NATIVE_PAGES);

#define NATIVE_TIMEOUT_MS	5000
#define HWSP_SEQNO		0x40		/* dword index */
#define NATIVE_MAX_BATCH	16		/* dwords */
#define NATIVE_MAX_REPEAT	300		/* batch calls in the ring */
#define NATIVE_CMD_MAX		96		/* bytes of one command line */

/* The commands the native client writes, with their lengths. */
#define SDI_GGTT		(MI_STORE_DWORD_IMM | MI_USE_GGTT | 2)
#define BBS_GGTT		(MI_BATCH_BUFFER_START | 1)
#define COLOR_BLT_32BPP		(XY_COLOR_BLT | BLT_WRITE_RGBA | 5)
#define SRC_COPY_BLT_32BPP	(XY_SRC_COPY_BLT | BLT_WRITE_RGBA | 8)

/* Forcewake domain of each engine, and which one blits. */
static const struct {
	u32 fw_req;
	u32 fw_ack;
	bool blitter;
} native_engines[MGVT_NUM_ENGINES] = {
	{ FORCEWAKE_RENDER, FORCEWAKE_ACK_RENDER, false },
	{ FORCEWAKE_GT, FORCEWAKE_ACK_GT, true },
	{ FORCEWAKE_MEDIA, FORCEWAKE_ACK_MEDIA, false },
	{ FORCEWAKE_MEDIA, FORCEWAKE_ACK_MEDIA, false },
};

static u64 np_gm(struct mgvt_native *n, unsigned int page)
{
	return mgvt_gm_buf_addr(&n->mem, (size_t)page * PAGE_SIZE);
}

/* Wake the engine's forcewake domain; the ack comes on a short poll. */
static int forcewake_get(struct mgvt_pgpu *pgpu, unsigned int e)
{
	unsigned int i;

	mgvt_hal_write32(pgpu, native_engines[e].fw_req, MASKED_ENABLE(FORCEWAKE_KERNEL));
	for (i = 0; i < 1000; i++) {
		if (mgvt_hal_read32(pgpu, native_engines[e].fw_ack) & FORCEWAKE_KERNEL)
			return 0;
		udelay(1);
	}
	return -ETIMEDOUT;
}

static void forcewake_put(struct mgvt_pgpu *pgpu, unsigned int e)
{
	mgvt_hal_write32(pgpu, native_engines[e].fw_req, MASKED_DISABLE(FORCEWAKE_KERNEL));
}

static void write_dwords(struct mgvt_native *n, unsigned int page,
			 const u32 *dw, unsigned int count)
{
	u32 *p = kmap_local_page(n->mem.pages[page]);

	if (count)
		memcpy(p, dw, count * 4);
	memset(p + count, 0, PAGE_SIZE - count * 4);
	kunmap_local(p);
}

static u32 read_dword(struct mgvt_native *n, unsigned int page,
		      unsigned int index)
{
	u32 *p = kmap_local_page(n->mem.pages[page]);
	u32 val = READ_ONCE(p[index]);

	kunmap_local(p);
	return val;
}

/* A logical ring context whose ring holds @tail bytes. */
static void write_context(struct mgvt_native *n, unsigned int e, u32 tail)
{
	u32 base = gen9_engine_base(e);
	u32 state[] = {
		MI_NOOP, MI_LRI(7),
		base + RING_CONTEXT_CONTROL, MASKED_DISABLE(CTX_RESTORE_INHIBIT),
		base + RING_HEAD, 0,
		base + RING_TAIL, tail,
		base + RING_START, (u32)np_gm(n, NP_RING + e),
		base + RING_CTL, RING_CTL_VALID,	/* one page */
		base + RING_PDP_UDW(0), 0,
		base + RING_PDP_LDW(0), 0,		/* no PPGTT */
		MI_BATCH_BUFFER_END,
	};

	write_dwords(n, NP_CTX + 2 * e, NULL, 0);	/* PPHWSP */
	write_dwords(n, NP_CTX + 2 * e + 1, state, ARRAY_SIZE(state));
}

/* Set up the engine once: its HWSP, run-list mode, CSB pointers. */
static void engine_setup(struct mgvt_native *n, unsigned int e)
{
	struct mgvt_pgpu *pgpu = n->pgpu;
	u32 base = gen9_engine_base(e);

	u32 hwsp[HWSP_CSB_WRITE + 1] = { [HWSP_CSB_WRITE] = CSB_ENTRIES - 1 };

	/* The CSB write pointer starts at the last entry, as after reset. */
	write_dwords(n, NP_HWSP + e, hwsp, ARRAY_SIZE(hwsp));
	mgvt_hal_write32(pgpu, base + RING_HWS_PGA, np_gm(n, NP_HWSP + e));
	mgvt_hal_write32(pgpu, base + RING_MODE, MASKED_ENABLE(RING_MODE_RUN_LIST));
	mgvt_hal_write32(pgpu, base + RING_CSB_PTR,
			 MASKED_FIELD(CSB_PTR_READ | CSB_PTR_WRITE,
				      FIELD_PREP(CSB_PTR_READ, CSB_ENTRIES - 1) |
				      FIELD_PREP(CSB_PTR_WRITE, CSB_ENTRIES - 1)));
	n->csb_read[e] = CSB_ENTRIES - 1;
	n->ready |= BIT(e);
}

/* Wait for our context's COMPLETE event in the CSB mirror. */
static int wait_complete(struct mgvt_native *n, unsigned int e, u32 ctx_id)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(NATIVE_TIMEOUT_MS);

	do {
		u32 wp = read_dword(n, NP_HWSP + e, HWSP_CSB_WRITE);

		while (wp < CSB_ENTRIES && n->csb_read[e] != wp) {
			unsigned int i = (n->csb_read[e] + 1) % CSB_ENTRIES;
			u32 status = read_dword(n, NP_HWSP + e, HWSP_CSB + 2 * i);
			u32 id = read_dword(n, NP_HWSP + e, HWSP_CSB + 2 * i + 1);

			n->csb_read[e] = i;
			if ((status & CSB_COMPLETE) && id == ctx_id)
				return 0;
		}
		usleep_range(50, 100);
	} while (time_before(jiffies, deadline));
	return -ETIMEDOUT;
}

static u64 engine_timestamp(struct mgvt_pgpu *pgpu, unsigned int e)
{
	return mgvt_hal_read64(pgpu, gen9_engine_base(e) + RING_TIMESTAMP);
}

/*
 * Run @batch (without its MI_BATCH_BUFFER_END) @repeat times on engine @e:
 * the ring calls it @repeat times, then stores a sequence number into the
 * HWSP and raises a user interrupt.
 */
static int native_run(struct mgvt_native *n, unsigned int e, const u32 *batch,
		      unsigned int count, unsigned int repeat)
{
	struct mgvt_pgpu *pgpu = n->pgpu;
	u32 seqno = ++n->seqno, ctx_id = e + 1;
	u32 bb[NATIVE_MAX_BATCH + 1], *ring;
	u64 lrca = np_gm(n, NP_CTX + 2 * e), start, ts;
	unsigned int i, t = 0;
	int ret;

	if (count > NATIVE_MAX_BATCH || !repeat || repeat > NATIVE_MAX_REPEAT)
		return -EINVAL;
	memcpy(bb, batch, count * 4);
	bb[count] = MI_BATCH_BUFFER_END;

	ret = forcewake_get(pgpu, e);
	if (ret)
		return ret;
	if (!(n->ready & BIT(e)))
		engine_setup(n, e);
	write_dwords(n, NP_BATCH + e, bb, count + 1);

	ring = kmap_local_page(n->mem.pages[NP_RING + e]);
	for (i = 0; i < repeat; i++) {
		ring[t++] = BBS_GGTT;
		ring[t++] = np_gm(n, NP_BATCH + e);
		ring[t++] = 0;
	}
	ring[t++] = SDI_GGTT;
	ring[t++] = np_gm(n, NP_HWSP + e) + 4 * HWSP_SEQNO;
	ring[t++] = 0;
	ring[t++] = seqno;
	ring[t++] = MI_USER_INTERRUPT;
	if (t & 1)
		ring[t++] = MI_NOOP;	/* the tail is qword aligned */
	kunmap_local(ring);
	write_context(n, e, 4 * t);

	ts = engine_timestamp(pgpu, e);
	start = ktime_get_ns();
	mgvt_hal_write32(pgpu, gen9_engine_base(e) + RING_ELSP, 0);
	mgvt_hal_write32(pgpu, gen9_engine_base(e) + RING_ELSP, 0);
	mgvt_hal_write32(pgpu, gen9_engine_base(e) + RING_ELSP, ctx_id);
	mgvt_hal_write32(pgpu, gen9_engine_base(e) + RING_ELSP, (u32)lrca |
			 CTX_DESC_MODE_4LVL << CTX_DESC_MODE_SHIFT | CTX_DESC_VALID);
	ret = wait_complete(n, e, ctx_id);
	n->last_ns[e] = ktime_get_ns() - start;
	/* RING_TIMESTAMP ticks at 12 MHz: 250 ns per 3 ticks. */
	n->last_model_ns[e] = div_u64((engine_timestamp(pgpu, e) - ts) * 250, 3);
	if (!ret && read_dword(n, NP_HWSP + e, HWSP_SEQNO) != seqno)
		ret = -EIO;
	n->last_ret[e] = ret;
	forcewake_put(pgpu, e);
	if (ret)
		dev_warn(pgpu->desc.dev, "native client: %s did not complete (%d)\n",
			 gen9_engine_name(e), ret);
	return ret;
}

/* A rectangle of 32 bpp pixels inside the buffer. */
static bool rect_ok(u32 x, u32 y, u32 w, u32 h, u32 pitch)
{
	u64 end = ((u64)y + h - 1) * pitch + ((u64)x + w) * 4;

	return w && h && w <= BLT_COORD_MAX && h <= BLT_COORD_MAX &&
	       x <= BLT_COORD_MAX && y <= BLT_COORD_MAX && pitch &&
	       pitch <= BLT_COORD_MAX && !(pitch & 3) &&
	       end <= MGVT_NATIVE_BUF_PAGES * PAGE_SIZE;
}

static int native_command(struct mgvt_native *n, char *cmd)
{
	u64 buf = np_gm(n, NP_BUF);
	char name[8], op[8];
	u32 a[8], bb[NATIVE_MAX_BATCH];
	unsigned int e, repeat;
	int args;

	args = sscanf(cmd, "%7s %7s %u %u %u %u %u %u %u %u", name, op,
		      &a[0], &a[1], &a[2], &a[3], &a[4], &a[5], &a[6], &a[7]);
	for (e = 0; e < MGVT_NUM_ENGINES; e++)
		if (args >= 2 && !strcmp(name, gen9_engine_name(e)))
			break;
	if (e == MGVT_NUM_ENGINES)
		return -EINVAL;

	if (!strcmp(op, "store") && args == 4 && a[0] % 4 == 0 &&
	    a[0] < MGVT_NATIVE_BUF_PAGES * PAGE_SIZE) {
		u32 store[] = { SDI_GGTT, (u32)buf + a[0], 0, a[1] };

		return native_run(n, e, store, ARRAY_SIZE(store), 1);
	}
	if (!native_engines[e].blitter)
		return -EINVAL;
	if (!strcmp(op, "fill") && (args == 8 || args == 9) &&
	    rect_ok(a[0], a[1], a[2], a[3], a[4])) {
		repeat = args == 9 ? a[6] : 1;
		bb[0] = COLOR_BLT_32BPP;
		bb[1] = BR13_32BPP | BR13_ROP(ROP_PATCOPY) | a[4];
		bb[2] = BLT_XY(a[0], a[1]);
		bb[3] = BLT_XY(a[0] + a[2], a[1] + a[3]);
		bb[4] = (u32)buf;
		bb[5] = 0;
		bb[6] = a[5];
		return native_run(n, e, bb, 7, repeat);
	}
	if (!strcmp(op, "copy") && args == 9 &&
	    rect_ok(a[0], a[1], a[4], a[5], a[6]) &&
	    rect_ok(a[2], a[3], a[4], a[5], a[6])) {
		bb[0] = SRC_COPY_BLT_32BPP;
		bb[1] = BR13_32BPP | BR13_ROP(ROP_SRCCOPY) | a[6];
		bb[2] = BLT_XY(a[2], a[3]);
		bb[3] = BLT_XY(a[2] + a[4], a[3] + a[5]);
		bb[4] = (u32)buf;
		bb[5] = 0;
		bb[6] = BLT_XY(a[0], a[1]);
		bb[7] = a[6];
		bb[8] = (u32)buf;
		bb[9] = 0;
		return native_run(n, e, bb, 10, 1);
	}
	return -EINVAL;
}

static ssize_t native_write(struct file *f, const char __user *ubuf,
			    size_t len, loff_t *ppos)
{
	struct mgvt_native *n = f->private_data;
	char *cmd;
	int ret;

	if (len >= NATIVE_CMD_MAX)
		return -EINVAL;
	cmd = memdup_user_nul(ubuf, len);
	if (IS_ERR(cmd))
		return PTR_ERR(cmd);
	mutex_lock(&n->lock);
	ret = native_command(n, cmd);
	mutex_unlock(&n->lock);
	kfree(cmd);
	return ret ? ret : len;
}

/*
 * The HAL's view of the aperture must name exactly the pages the client
 * mapped, and nothing where no entry exists.
 */
static bool aperture_consistent(struct mgvt_native *n)
{
	struct mgvt_pgpu *pgpu = n->pgpu;
	struct mgvt_aperture_page ap;
	unsigned int i;

	for (i = 0; i < NP_COUNT; i++)
		if (mgvt_hal_aperture_page(pgpu, np_gm(n, i), &ap) ||
		    ap.pfn != page_to_pfn(n->mem.pages[i]))
			return false;
	return mgvt_hal_aperture_page(pgpu, np_gm(n, NP_COUNT), &ap) ==
	       -ENOENT;
}

static ssize_t native_read(struct file *f, char __user *ubuf, size_t len,
			   loff_t *ppos)
{
	struct mgvt_native *n = f->private_data;
	char out[768];
	int pos = 0;
	unsigned int e;

	mutex_lock(&n->lock);
	pos += scnprintf(out + pos, sizeof(out) - pos, "aperture %s\n",
			 aperture_consistent(n) ? "consistent" : "WRONG");
	for (e = 0; e < MGVT_NUM_ENGINES; e++) {
		u64 ts = 0;

		/* Engine registers need their power domain awake. */
		if (!forcewake_get(n->pgpu, e)) {
			ts = engine_timestamp(n->pgpu, e);
			forcewake_put(n->pgpu, e);
		}
		pos += scnprintf(out + pos, sizeof(out) - pos,
				 "%s last %d ns %llu irq_user %d irq_ctxsw %d timestamp %llu model_ns %llu\n",
				 gen9_engine_name(e), n->last_ret[e],
				 n->last_ns[e], atomic_read(&n->irq_user[e]),
				 atomic_read(&n->irq_ctxsw[e]), ts,
				 n->last_model_ns[e]);
	}
	mutex_unlock(&n->lock);
	return simple_read_from_buffer(ubuf, len, ppos, out, pos);
}

/* debugfs "native": commands in, the last run of each engine out. */
const struct file_operations mgvt_native_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = native_read,
	.write = native_write,
	.llseek = default_llseek,
};

/* The buffer, page by page: what the engines wrote, or a pattern to copy. */
static ssize_t buffer_rw(struct file *f, char __user *ubuf, size_t len,
			 loff_t *ppos, bool write)
{
	struct mgvt_native *n = f->private_data;
	loff_t size = MGVT_NATIVE_BUF_PAGES * PAGE_SIZE;
	size_t done = 0;

	if (*ppos < 0)
		return -EINVAL;
	mutex_lock(&n->lock);
	while (done < len && *ppos < size) {
		size_t off = offset_in_page(*ppos);
		size_t chunk = min_t(size_t, len - done, PAGE_SIZE - off);
		u8 *p = kmap_local_page(n->mem.pages[NP_BUF + *ppos / PAGE_SIZE]);
		unsigned long left = write ?
			copy_from_user(p + off, ubuf + done, chunk) :
			copy_to_user(ubuf + done, p + off, chunk);

		kunmap_local(p);
		if (left)
			break;
		done += chunk;
		*ppos += chunk;
	}
	mutex_unlock(&n->lock);
	return done ? done : (len ? -EFAULT : 0);
}

static ssize_t buffer_read(struct file *f, char __user *ubuf, size_t len,
			   loff_t *ppos)
{
	if (*ppos >= MGVT_NATIVE_BUF_PAGES * PAGE_SIZE)
		return 0;
	return buffer_rw(f, ubuf, len, ppos, false);
}

static ssize_t buffer_write(struct file *f, const char __user *ubuf,
			    size_t len, loff_t *ppos)
{
	if (*ppos >= MGVT_NATIVE_BUF_PAGES * PAGE_SIZE)
		return -ENOSPC;
	return buffer_rw(f, (char __user *)ubuf, len, ppos, true);
}

/* debugfs "native_buffer": the memory the native client's work writes. */
const struct file_operations mgvt_native_buffer_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = buffer_read,
	.write = buffer_write,
	.llseek = default_llseek,
};

/**
 * mgvt_native_init - set up the native client of a pGPU
 * @pgpu: the pGPU, registered
 *
 * Return: 0 or a negative errno.
 */
int mgvt_native_init(struct mgvt_pgpu *pgpu)
{
	struct mgvt_native *n = &pgpu->native;
	int ret;

	n->pgpu = pgpu;
	mutex_init(&n->lock);
	ret = mgvt_hostgm_alloc(&pgpu->hostgm, MGVT_GM_LOW, NP_COUNT, &n->mem);
	if (ret)
		mutex_destroy(&n->lock);
	return ret;
}

/**
 * mgvt_native_fini - tear the native client down
 * @pgpu: the pGPU
 */
void mgvt_native_fini(struct mgvt_pgpu *pgpu)
{
	struct mgvt_native *n = &pgpu->native;

	mgvt_hostgm_free(&pgpu->hostgm, &n->mem);
	mutex_destroy(&n->lock);
}

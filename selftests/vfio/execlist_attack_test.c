// SPDX-License-Identifier: GPL-2.0
/*
 * execlist_attack_test - what execlist_run_test leaves out of issue 19's
 * tests: post-sync writes (MI_FLUSH_DW on the copy and video engines,
 * PIPE_CONTROL on the render engine) to a GGTT address and by store-index
 * into the per-process status page, checked by value; blits checked by
 * pixel; two vGPUs on one engine at once, one of them attacking; a GGTT
 * batch and a ring rewritten after submission; a self-chaining batch and an
 * endless semaphore cut off by the engine owner's watchdog; device reset
 * and close+remove with work queued and running; ELSP and CSB_PTR garbage;
 * a CSB re-base between two submissions; a render context built exactly as
 * a Gen9 i915 builds it, with an i915-like indirect-context batch.
 *
 * Every vGPU has its own container and guest memory (guest_exec.c).
 * The watchdog tests lower mgvt's engine_timeout_ms and restore it.
 *
 * Usage: execlist_attack_test   (expects mgvt and mgvt_sim loaded, root)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>

#include <linux/vfio.h>

#include "guest_exec.h"

#define IOVA		(4 * GiB)
#define TIMEOUT_PARAM	"/sys/module/mgvt/parameters/engine_timeout_ms"
#define SHORT_BUDGET_MS	300

/* Pages of an engine's area past what guest_exec.h names. */
#define P_BLT_SRC	53u	/* bcs0: 64x64 32 bpp, 4 pages */
#define P_BLT_DST	57u	/* bcs0: 4 pages */
#define P_GUARD		61u	/* bcs0: after the destination */
#define P_WA		61u	/* rcs0: the indirect-context batch */
#define P_SCRATCH	62u	/* rcs0: its L3SQCREG4 scratch */

/* Data dwords: semaphore at 0x800 bytes, as execlist_run_test has it. */
#define SEM_DW		(0x800 / 4)

/* Commands beyond guest_exec.h. */
#define MI_ARB_ON_OFF	(0x08u << 23)
#define MI_FLUSH_DW(n)	((0x26u << 23) | ((n) - 2))
#define FLUSH_POST_IMM	(1u << 14)
#define FLUSH_INDEX	(1u << 21)
#define FLUSH_GGTT	(1u << 2)
#define MI_SRM_GGTT	((0x24u << 23) | (1u << 22) | 2)
#define MI_LRM_GGTT	((0x29u << 23) | (1u << 22) | 2)
#define PIPE_CTL	0x7a000004u
#define PC_DC_FLUSH	(1u << 5)
#define PC_POST_IMM	(1u << 14)
#define PC_CS_STALL	(1u << 20)
#define PC_INDEX	(1u << 21)
#define PC_GGTT		(1u << 24)
#define PC_FLUSH_L3	(1u << 27)
#define XY_COLOR	((2u << 29) | (0x50u << 22) | (3u << 20) | 5)
#define XY_COPY		((2u << 29) | (0x53u << 22) | (3u << 20) | 8)
#define BR13(rop, pitch) ((3u << 24) | ((uint32_t)(rop) << 16) | ((pitch) & 0xffff))
#define XY(x, y)	((uint32_t)(y) << 16 | (x))
#define GPR(e, n)	(gx_bases[e] + 0x600 + 4 * (n))

/* One guest: its vGPU state, ring tails and CSB read pointers per engine. */
struct xg {
	struct gx g;
	const char *name;
	uint32_t tail[4][2];
	unsigned int rp[4];
};

static struct xg xa, xb;
static long saved_timeout = -1;

/* ---- small helpers -------------------------------------------------------- */

static unsigned int gdrst_bit(unsigned int e)
{
	return 1u << (e == 0 ? 1 : e == 1 ? 3 : e == 2 ? 2 : 4);
}

static uint32_t iir_of(struct xg *x, unsigned int e)
{
	return (mmio_rd(x->g.v, GT_IIR(gx_irq_bank[e]), 4) >> gx_irq_shift[e]) & 0xffff;
}

static void ack(struct xg *x, unsigned int e)
{
	mmio_wr(x->g.v, GT_IIR(gx_irq_bank[e]), 4, 0xffffu << gx_irq_shift[e]);
	drain_eventfd(x->g.efd);
}

static void up(struct xg *x, unsigned int e)
{
	gx_engine_up(&x->g, e);
	x->rp[e] = 5;
	ack(x, e);
}

/* Context @which of @e: a fresh short image, its ring empty. */
static void fresh(struct xg *x, unsigned int e, unsigned int which)
{
	gx_image_build(&x->g, e, which, false);
	x->tail[e][which] = 0;
}

static void emit(struct xg *x, unsigned int e, unsigned int which, const uint32_t *c,
		 unsigned int n)
{
	gx_emit(&x->g, e, which, &x->tail[e][which], c, n);
	gx_image(&x->g, e, which)[0x07] = x->tail[e][which];
}

static void store(struct xg *x, unsigned int e, unsigned int which, unsigned int idx,
		  uint32_t val)
{
	gx_emit_store(&x->g, e, which, &x->tail[e][which], idx, val);
	gx_image(&x->g, e, which)[0x07] = x->tail[e][which];
}

static void sem_wait(struct xg *x, unsigned int e, unsigned int which)
{
	uint64_t sem = gx_gm(&x->g, e, P_DATA) + 4 * SEM_DW;
	uint32_t c[] = { MI_SEM_WAIT, 1, (uint32_t)sem, sem >> 32 };

	gx_va(&x->g, e, P_DATA)[SEM_DW] = 0;
	emit(x, e, which, c, ARRAY_SIZE(c));
}

static uint64_t desc(struct xg *x, unsigned int e, unsigned int which)
{
	return gx_desc(&x->g, e, which, D_OK);
}

static volatile uint32_t *hwsp(struct xg *x, unsigned int e)
{
	return gx_hwsp(&x->g, e);
}

static uint32_t *data_of(struct xg *x, unsigned int e)
{
	return gx_va(&x->g, e, P_DATA);
}

/*
 * The next @n CSB entries must be @st (and @id where not ~0), in the status
 * page and the MMIO mirror, and no more must follow.  Two TAP lines.
 */
static bool csb_expect(struct xg *x, unsigned int e, unsigned int n, const uint32_t *st,
		       const uint32_t *id, const char *what)
{
	unsigned int i, rp = x->rp[e];
	bool ok, all = true;

	ok = gx_wait_csb(&x->g, e, (rp + n) % 6);
	tap_ok(ok, "%s %s %s: %u CSB entries arrive", x->name, gx_names[e], what, n);
	for (i = 0; i < n; i++) {
		unsigned int idx = (rp + 1 + i) % 6;
		uint32_t s = hwsp(x, e)[0x10 + 2 * idx], c = hwsp(x, e)[0x11 + 2 * idx];
		uint32_t m = gx_rd(&x->g, e, CSB0 + 8 * idx);

		if (s != st[i] || (id[i] != ~0u && c != id[i]) || m != s) {
			tap_diag("  entry %u (index %u): status %#x id %#x mirror %#x, expected %#x id %#x",
				 i, idx, s, c, m, st[i], id[i]);
			all = false;
		}
	}
	x->rp[e] = (rp + n) % 6;
	usleep(10000);
	if (hwsp(x, e)[0x1f] != x->rp[e]) {
		tap_diag("  write pointer moved on to %u", hwsp(x, e)[0x1f]);
		all = false;
	}
	tap_ok(ok && all, "%s %s %s: entries, IDs and MMIO mirror as on hardware, no more",
	       x->name, gx_names[e], what);
	return ok && all;
}

/* [which] submitted alone and run to completion: promote, then COMPLETE. */
static bool run(struct xg *x, unsigned int e, unsigned int which, const char *what)
{
	uint32_t st[] = { CSB_IDLE_ACTIVE, CSB_COMPLETE | CSB_ACTIVE_IDLE };
	uint32_t id[] = { ~0u, x->g.ccid + which };

	gx_elsp(&x->g, e, desc(x, e, which), 0);
	return csb_expect(x, e, 2, st, id, what);
}

/* Only the promote: the element now runs (or waits on the engine). */
static bool promoted(struct xg *x, unsigned int e, const char *what)
{
	uint32_t st[] = { CSB_IDLE_ACTIVE }, id[] = { ~0u };

	return csb_expect(x, e, 1, st, id, what);
}

/* Wait (2 s at most) until MI_MODE shows @e idle. */
static bool wait_idle(struct xg *x, unsigned int e)
{
	double end = now_s() + 2;

	while (now_s() < end) {
		if (gx_rd(&x->g, e, MI_MODE) & 0x200)
			return true;
		usleep(1000);
	}
	return false;
}

/* Wait up to @ms for the CS error interrupt of @e; the seconds it took, or -1. */
static double wait_cs_error(struct xg *x, unsigned int e, int ms)
{
	double start = now_s(), end = start + ms / 1000.0;

	while (now_s() < end) {
		if (iir_of(x, e) & GT_CS_ERROR)
			return now_s() - start;
		usleep(1000);
	}
	return -1;
}

/*
 * The element just submitted as @d0 fails: the guest sees what hardware
 * shows on an engine error (after the promote, no completion), then resets
 * the engine, which works again.
 */
static void expect_error(struct xg *x, unsigned int e, uint64_t d0, const char *what)
{
	unsigned int promote = (x->rp[e] + 1) % 6;
	double t = wait_cs_error(x, e, 10000);

	tap_ok(t >= 0, "%s %s %s: CS error interrupt", x->name, gx_names[e], what);
	check_eq(gx_rd(&x->g, e, EIR) != 0, 1, "%s %s %s: EIR set", x->name, gx_names[e], what);
	check_eq(gx_rd(&x->g, e, STATUS_HI), (uint32_t)(d0 >> 32),
		 "%s %s %s: EXECLIST_STATUS_HI names the context", x->name, gx_names[e], what);
	check_eq(hwsp(x, e)[0x1f] == promote && hwsp(x, e)[0x10 + 2 * promote] == CSB_IDLE_ACTIVE,
		 1, "%s %s %s: the promote and no completion in the CSB", x->name, gx_names[e],
		 what);
	mmio_wr(x->g.v, GDRST, 4, gdrst_bit(e));
	check_eq(gx_rd(&x->g, e, ESR), 0, "%s %s %s: ESR reads 0 after the engine reset",
		 x->name, gx_names[e], what);
	up(x, e);
}

/* Submit @which of @e alone, expecting a failure (see expect_error). */
static void submit_fail(struct xg *x, unsigned int e, unsigned int which, const char *what)
{
	ack(x, e);
	gx_elsp(&x->g, e, desc(x, e, which), 0);
	expect_error(x, e, desc(x, e, which), what);
}

/* The whole of a debugfs file into @buf; false if unreadable. */
static bool read_file(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return false;
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
	return true;
}

/* Counter @name of engine @e's line in mgvt's debugfs "engines"; -1 if absent. */
static long eng_stat(unsigned int e, const char *name)
{
	static char buf[8192];
	char key[64], *line, *p;

	if (!read_file(dbg_path("mgvt", "", "engines"), buf, sizeof(buf)))
		return -1;
	snprintf(key, sizeof(key), " %s ", name);
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		if (!strncmp(line, gx_names[e], strlen(gx_names[e])) &&
		    line[strlen(gx_names[e])] == ' ' && (p = strstr(line, key)))
			return strtol(p + strlen(key), NULL, 10);
	return -1;
}

/* Sum of counter @name over every engine. */
static long eng_stat_all(const char *name)
{
	long sum = 0;
	unsigned int e;

	for (e = 0; e < 4; e++)
		sum += eng_stat(e, name);
	return sum;
}

/* Counter @name of engine @e in a vGPU's debugfs "execlists"; -1 if absent. */
static long vx_stat(struct xg *x, unsigned int e, const char *name)
{
	static char buf[16384];
	char *line, key[64];
	bool in = false;
	long val;

	if (!read_file(dbg_path("mgvt", x->g.v->uuid, "execlists"), buf, sizeof(buf)))
		return -1;
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] != ' ') {
			in = !strncmp(line, gx_names[e], strlen(gx_names[e])) &&
			     line[strlen(gx_names[e])] == ':';
			continue;
		}
		if (in && sscanf(line, " %63s %ld", key, &val) == 2 && !strcmp(key, name))
			return val;
	}
	return -1;
}

/* The lines of @log that hold @what, as diagnostics. */
static void diag_lines(char *log, const char *what)
{
	char *line;

	for (line = strtok(log, "\n"); line; line = strtok(NULL, "\n"))
		if (strstr(line, what))
			tap_diag("  log: %s", line);
}

static void set_timeout(long ms)
{
	char v[32];

	snprintf(v, sizeof(v), "%ld", ms);
	if (sysfs_write(TIMEOUT_PARAM, v))
		tap_diag("cannot write %s", TIMEOUT_PARAM);
}

static void restore_timeout(void)
{
	if (saved_timeout >= 0)
		set_timeout(saved_timeout);
}

static void on_signal(int sig)
{
	restore_timeout();
	on_fatal_signal(sig);
}

/* ---- 1. post-sync writes -------------------------------------------------- */

static void test_post_sync(struct xg *x)
{
	unsigned int e;

	for (e = 1; e < 4; e++) {
		uint32_t *data = data_of(x, e), *pphwsp = gx_va(&x->g, e, P_CTX_A);
		uint64_t gm = gx_gm(&x->g, e, P_DATA) + 0x80;
		uint32_t c[] = {
			MI_FLUSH_DW(4), 0, 0, 0,	/* a flush, no post-sync */
			MI_FLUSH_DW(4) | FLUSH_POST_IMM, (uint32_t)gm | FLUSH_GGTT, gm >> 32,
			0xf1000000 | e,
			MI_FLUSH_DW(5) | FLUSH_POST_IMM, (uint32_t)(gm + 8) | FLUSH_GGTT,
			gm >> 32, 0xf2000000 | e, 0xf3000000 | e,
			MI_FLUSH_DW(4) | FLUSH_POST_IMM | FLUSH_INDEX, 0x200 | FLUSH_GGTT, 0,
			0xf4000000 | e,
			MI_FLUSH_DW(5) | FLUSH_POST_IMM | FLUSH_INDEX, 0x208, 0,
			0xf5000000 | e, 0xf6000000 | e,
		};

		up(x, e);
		fresh(x, e, 0);
		memset(&data[32], 0xff, 16);
		memset(&pphwsp[0x80], 0xff, 16);
		gx_hwsp(&x->g, e)[0x80] = 0x77777777;
		emit(x, e, 0, c, ARRAY_SIZE(c));
		store(x, e, 0, 0, 0xe0);
		run(x, e, 0, "MI_FLUSH_DW post-sync");
		check_eq(data[32], 0xf1000000 | e, "%s: MI_FLUSH_DW dword write to the GGTT landed",
			 gx_names[e]);
		check_eq(data[33], ~0u, "%s: and wrote 4 bytes only", gx_names[e]);
		check_eq((uint64_t)data[35] << 32 | data[34], (uint64_t)(0xf3000000 | e) << 32 |
			 (0xf2000000 | e), "%s: MI_FLUSH_DW qword write to the GGTT landed",
			 gx_names[e]);
		check_eq(pphwsp[0x80], 0xf4000000 | e,
			 "%s: MI_FLUSH_DW store-index dword in the image's page 0 (written back)",
			 gx_names[e]);
		check_eq((uint64_t)pphwsp[0x83] << 32 | pphwsp[0x82],
			 (uint64_t)(0xf6000000 | e) << 32 | (0xf5000000 | e),
			 "%s: MI_FLUSH_DW store-index qword in the image's page 0", gx_names[e]);
		check_eq(gx_hwsp(&x->g, e)[0x80], 0x77777777,
			 "%s: store-index did not go to the engine's status page", gx_names[e]);
	}

	/* rcs0: PIPE_CONTROL. */
	{
		uint32_t *data = data_of(x, 0), *pphwsp = gx_va(&x->g, 0, P_CTX_A);
		uint64_t gm = gx_gm(&x->g, 0, P_DATA) + 0x90;
		uint32_t c[] = {
			PIPE_CTL, PC_CS_STALL | PC_DC_FLUSH, 0, 0, 0, 0,
			PIPE_CTL, PC_CS_STALL | PC_INDEX | PC_POST_IMM, 0x210, 0, 0xc1c1c1c1,
			0xc2c2c2c2,
			PIPE_CTL, PC_CS_STALL | PC_GGTT | PC_POST_IMM, (uint32_t)gm, gm >> 32,
			0xc3c3c3c3, 0xc4c4c4c4,
		};

		up(x, 0);
		fresh(x, 0, 0);
		memset(&data[36], 0xff, 8);
		memset(&pphwsp[0x84], 0xff, 8);
		emit(x, 0, 0, c, ARRAY_SIZE(c));
		store(x, 0, 0, 0, 0xe0);
		run(x, 0, 0, "PIPE_CONTROL post-sync");
		check_eq((uint64_t)pphwsp[0x85] << 32 | pphwsp[0x84], 0xc2c2c2c2c1c1c1c1ull,
			 "rcs0: PIPE_CONTROL store-index qword in the image's page 0");
		check_eq((uint64_t)data[37] << 32 | data[36], 0xc4c4c4c4c3c3c3c3ull,
			 "rcs0: PIPE_CONTROL GGTT qword write landed");
	}

	/* Post-sync writes outside the vGPU fail the workload. */
	{
		uint64_t other = xb.g.v->pv.high_base + (uint64_t)(0 * ENGINE_PAGES + P_DATA) * PAGE;
		uint32_t c[] = { PIPE_CTL, PC_CS_STALL | PC_GGTT | PC_POST_IMM, (uint32_t)other,
				 other >> 32, 0xbad, 0xbad };
		uint32_t f[] = { MI_FLUSH_DW(4) | FLUSH_POST_IMM, 0x1000 | FLUSH_GGTT, 0, 0xbad };

		data_of(&xb, 0)[0] = 0x0b0b0b0b;
		fresh(x, 0, 0);
		emit(x, 0, 0, c, ARRAY_SIZE(c));
		store(x, 0, 0, 1, 0xbad);
		submit_fail(x, 0, 0, "PIPE_CONTROL write into the other vGPU");
		check_eq(data_of(&xb, 0)[0], 0x0b0b0b0b, "rcs0: the other vGPU's memory untouched");
		check_eq(data_of(x, 0)[1], 0, "rcs0: nothing of it ran");

		fresh(x, 2, 0);
		emit(x, 2, 0, f, ARRAY_SIZE(f));
		store(x, 2, 0, 1, 0xbad);
		submit_fail(x, 2, 0, "MI_FLUSH_DW write into host GM");
		check_eq(data_of(x, 2)[1], 0, "vcs0: nothing of it ran");
	}
}

/* ---- 2. blits ------------------------------------------------------------- */

static void test_blits(struct xg *x)
{
	const unsigned int e = 1;
	uint32_t *src = gx_va(&x->g, e, P_BLT_SRC), *dst = gx_va(&x->g, e, P_BLT_DST);
	uint32_t *guard = gx_va(&x->g, e, P_GUARD), *bb = gx_va(&x->g, e, P_BATCH);
	uint64_t sgm = gx_gm(&x->g, e, P_BLT_SRC), dgm = gx_gm(&x->g, e, P_BLT_DST);
	uint64_t bgm = gx_gm(&x->g, e, P_BATCH);
	const uint32_t color = 0x3c5a7e91;
	unsigned int i, bad_src = 0, bad_dst = 0, bad_guard = 0, bad = 0, bad_out = 0;

	up(x, e);
	for (i = 0; i < 4096; i++) {
		src[i] = 0x5a5a5a5a;
		dst[i] = 0;
	}
	for (i = 0; i < 1024; i++)
		guard[i] = 0x6b6b6b6b;
	{
		uint32_t fill[] = { XY_COLOR, BR13(0xf0, 256), XY(0, 0), XY(64, 64),
				    (uint32_t)sgm, sgm >> 32, color };
		uint32_t c[] = { MI_BB_START, (uint32_t)bgm, bgm >> 32, MI_NOOP };
		uint32_t copy[] = { XY_COPY, BR13(0xcc, 256), XY(0, 0), XY(64, 64),
				    (uint32_t)dgm, dgm >> 32, XY(0, 0), 256, (uint32_t)sgm,
				    sgm >> 32, MI_BBE, MI_NOOP };

		memcpy(bb, copy, sizeof(copy));
		fresh(x, e, 0);
		emit(x, e, 0, fill, ARRAY_SIZE(fill));
		emit(x, e, 0, c, ARRAY_SIZE(c));
		store(x, e, 0, 0, 0xb1);
		run(x, e, 0, "XY_COLOR_BLT then XY_SRC_COPY_BLT from a GGTT batch");
	}
	for (i = 0; i < 4096; i++) {
		bad_src += src[i] != color;
		bad_dst += dst[i] != color;
	}
	for (i = 0; i < 1024; i++)
		bad_guard += guard[i] != 0x6b6b6b6b;
	check_eq(bad_src, 0, "bcs0: XY_COLOR_BLT filled all 64x64 pixels");
	check_eq(bad_dst, 0, "bcs0: XY_SRC_COPY_BLT copied all 64x64 pixels");
	check_eq(bad_guard, 0, "bcs0: nothing past the destination was written");

	/* A sub-rectangle of a gradient, to another place: pixel by pixel. */
	for (i = 0; i < 4096; i++)
		src[i] = 0x01000000 + i;
	{
		uint32_t copy[] = { XY_COPY, BR13(0xcc, 256), XY(4, 20), XY(36, 52),
				    (uint32_t)dgm, dgm >> 32, XY(16, 8), 256, (uint32_t)sgm,
				    sgm >> 32 };

		emit(x, e, 0, copy, ARRAY_SIZE(copy));
		store(x, e, 0, 0, 0xb2);
		run(x, e, 0, "XY_SRC_COPY_BLT of a 32x32 sub-rectangle");
	}
	for (unsigned int y = 0; y < 64; y++)
		for (unsigned int xx = 0; xx < 64; xx++) {
			bool in = xx >= 4 && xx < 36 && y >= 20 && y < 52;
			uint32_t want = in ? 0x01000000 + (y - 20 + 8) * 64 + (xx - 4 + 16) : color;

			if (dst[y * 64 + xx] != want) {
				if (in)
					bad++;
				else
					bad_out++;
			}
		}
	check_eq(bad, 0, "bcs0: each copied pixel came from its source pixel");
	check_eq(bad_out, 0, "bcs0: the pixels around the rectangle are untouched");

	/* Blits reaching outside the vGPU fail the workload. */
	{
		uint32_t host[] = { XY_COLOR, BR13(0xf0, 256), XY(0, 0), XY(64, 64), 0x1000, 0,
				    0xbad };
		uint32_t neg[] = { XY_COLOR, BR13(0xf0, -4096), XY(0, 0), XY(1, 64),
				   (uint32_t)gx_gm(&x->g, 0, 0), gx_gm(&x->g, 0, 0) >> 32, 0xbad };

		fresh(x, e, 0);
		emit(x, e, 0, host, ARRAY_SIZE(host));
		submit_fail(x, e, 0, "XY_COLOR_BLT into host GM");
		fresh(x, e, 0);
		emit(x, e, 0, neg, ARRAY_SIZE(neg));
		submit_fail(x, e, 0, "XY_COLOR_BLT with a negative pitch below the vGPU");
	}
}

/* ---- 3. two vGPUs on one engine -------------------------------------------- */

struct loop {
	struct xg *x;
	unsigned int e, n;
	uint32_t base;
	bool attack;
	unsigned int lost, bad, foreign, errors;
	pthread_t tid;
};

/* @n submissions of one store each, waited for, every CSB entry checked. */
static void *loop_stores(void *p)
{
	struct loop *l = p;
	struct xg *x = l->x;
	unsigned int i, e = l->e;

	for (i = 0; i < l->n; i++) {
		unsigned int pr = (x->rp[e] + 1) % 6, done = (x->rp[e] + 2) % 6;

		store(x, e, 0, 64 + i % 256, l->base + i);
		gx_elsp(&x->g, e, gx_desc(&x->g, e, 0, i ? D_OK & ~D_FORCE : D_OK), 0);
		if (!gx_wait_csb(&x->g, e, done)) {
			l->lost++;
			break;
		}
		if (hwsp(x, e)[0x10 + 2 * pr] != CSB_IDLE_ACTIVE ||
		    hwsp(x, e)[0x10 + 2 * done] != (CSB_COMPLETE | CSB_ACTIVE_IDLE) ||
		    data_of(x, e)[64 + i % 256] != l->base + i)
			l->bad++;
		if (hwsp(x, e)[0x11 + 2 * done] != x->g.ccid)
			l->foreign++;
		x->rp[e] = done;
	}
	return NULL;
}

/*
 * @n attacks on engine @e: in turn an image LRI the scanner refuses and a
 * blit with a raster operation the engine does not support, which passes
 * the audit and stops the pGPU engine with an error.  Each is seen as an
 * engine error and reset by the guest.
 */
static void *loop_attacks(void *p)
{
	struct loop *l = p;
	struct xg *x = l->x;
	unsigned int i, e = l->e;
	uint64_t gm = gx_gm(&x->g, e, P_BLT_SRC);

	for (i = 0; i < l->n; i++) {
		uint32_t lri[] = { MI_LRI(1), GDRST, 1, MI_NOOP };
		uint32_t rop[] = { XY_COLOR, BR13(0x66, 256), XY(0, 0), XY(64, 64),
				   (uint32_t)gm, gm >> 32, 0xbad };

		fresh(x, e, 0);
		if (i % 2)
			emit(x, e, 0, rop, ARRAY_SIZE(rop));
		else
			emit(x, e, 0, lri, ARRAY_SIZE(lri));
		ack(x, e);
		gx_elsp(&x->g, e, desc(x, e, 0), 0);
		if (wait_cs_error(x, e, 10000) >= 0 && gx_rd(&x->g, e, EIR) &&
		    gx_rd(&x->g, e, STATUS_HI) == x->g.ccid)
			l->errors++;
		mmio_wr(x->g.v, GDRST, 4, gdrst_bit(e));
		up(x, e);
	}
	return NULL;
}

static void scan_foreign(struct xg *x, unsigned int e, uint32_t mask, uint32_t other,
			 const char *what)
{
	unsigned int i, n = 0;

	for (i = 0; i < 1024; i++)
		n += (data_of(x, e)[i] & mask) == other;
	check_eq(n, 0, "%s %s: no value of the other vGPU in its memory (%s)", x->name,
		 gx_names[e], what);
}

static void test_two_vgpus(void)
{
	const unsigned int e = 1;
	struct loop la = { .x = &xa, .e = e, .n = 200, .base = 0xa0000 };
	struct loop lb = { .x = &xb, .e = e, .n = 200, .base = 0xb0000 };
	long resets, failed;
	double t;

	up(&xa, e);
	up(&xb, e);
	fresh(&xa, e, 0);
	fresh(&xb, e, 0);
	t = now_s();
	pthread_create(&la.tid, NULL, loop_stores, &la);
	pthread_create(&lb.tid, NULL, loop_stores, &lb);
	pthread_join(la.tid, NULL);
	pthread_join(lb.tid, NULL);
	tap_diag("two vGPUs, 2 x 200 submissions on bcs0 in %.2f s", now_s() - t);
	check_eq(la.lost + lb.lost, 0, "bcs0 A and B at once: 200 submissions each, none lost");
	check_eq(la.bad, 0, "bcs0 A: each with its promote, completion and store");
	check_eq(lb.bad, 0, "bcs0 B: each with its promote, completion and store");
	check_eq(la.foreign + lb.foreign, 0,
		 "bcs0: each completion names the vGPU's own context ID");
	scan_foreign(&xa, e, 0xffff0000, 0xb0000, "concurrent");
	scan_foreign(&xb, e, 0xffff0000, 0xa0000, "concurrent");

	/* B attacks on the same engine while A runs its 200. */
	memset(&data_of(&xa, e)[64], 0, 256 * 4);
	la = (struct loop){ .x = &xa, .e = e, .n = 200, .base = 0xc0000 };
	lb = (struct loop){ .x = &xb, .e = e, .n = 8, .attack = true };
	resets = eng_stat(e, "resets");
	failed = vx_stat(&xb, e, "failed_audit") + vx_stat(&xb, e, "failed_fault");
	fresh(&xa, e, 0);
	pthread_create(&la.tid, NULL, loop_stores, &la);
	pthread_create(&lb.tid, NULL, loop_attacks, &lb);
	pthread_join(la.tid, NULL);
	pthread_join(lb.tid, NULL);
	check_eq(lb.errors, lb.n, "bcs0 B: each of its %u attacks seen as its own engine error",
		 lb.n);
	check_eq(vx_stat(&xb, e, "failed_audit") + vx_stat(&xb, e, "failed_fault") - failed, lb.n,
		 "bcs0 B: each failed workload counted (failed_audit + failed_fault)");
	tap_ok(eng_stat(e, "resets") >= resets + lb.n / 2,
	       "bcs0: B's faulting blits reset the pGPU engine (%ld resets)",
	       eng_stat(e, "resets") - resets);
	check_eq(la.lost, 0, "bcs0 A: 200 submissions during B's attacks, none lost");
	check_eq(la.bad, 0, "bcs0 A: each with its promote, completion and store");
	check_eq(la.foreign, 0, "bcs0 A: each completion names A's context");
	check_eq(iir_of(&xa, e) & GT_CS_ERROR, 0, "bcs0 A: never saw an engine error");
	check_eq(gx_rd(&xa.g, e, EIR), 0, "bcs0 A: EIR still 0");
	/* B works again. */
	fresh(&xb, e, 0);
	store(&xb, e, 0, 3, 0xb0b);
	run(&xb, e, 0, "after its attacks");
	check_eq(data_of(&xb, e)[3], 0xb0b, "bcs0 B: its store landed");
}

/* ---- 4. rewritten after submission ------------------------------------------ */

static void test_rewrite(struct xg *x)
{
	const unsigned int e = 1;
	uint32_t *bb = gx_va(&x->g, e, P_BATCH), *data = data_of(x, e);
	uint64_t bgm = gx_gm(&x->g, e, P_BATCH), gm = gx_gm(&x->g, e, P_DATA) + 4 * 20;
	long resets = eng_stat_all("resets"), errors = eng_stat_all("errors");
	unsigned int round;

	up(x, e);
	for (round = 0; round < 3; round++) {
		static const char *const what[] = {
			"batch store value rewritten", "batch rewritten to LRI GDRST",
			"ring after the semaphore rewritten",
		};
		uint32_t c[] = { MI_BB_START, (uint32_t)bgm, bgm >> 32, MI_NOOP };
		uint32_t b[] = { MI_SDI_GGTT, (uint32_t)gm, gm >> 32, 0x0a0d17 + round, MI_BBE,
				 MI_NOOP };
		uint32_t *ring = gx_va(&x->g, e, P_RING_A);
		uint32_t at;

		data[20] = 0;
		data[21] = 0;
		memcpy(bb, b, sizeof(b));
		fresh(x, e, 0);
		sem_wait(x, e, 0);
		emit(x, e, 0, c, ARRAY_SIZE(c));
		at = x->tail[e][0];
		store(x, e, 0, 21, 0x21);
		gx_elsp(&x->g, e, desc(x, e, 0), 0);
		promoted(x, e, what[round]);
		/* The guest changes its mind while the engine waits. */
		if (round == 0) {
			bb[3] = 0xbad;
		} else if (round == 1) {
			uint32_t r[] = { MI_LRI(1), GDRST, 1, MI_BBE };

			memcpy(bb, r, sizeof(r));
		} else {
			ring[at / 4 + 3] = 0xbad;
		}
		data[SEM_DW] = 1;
		{
			uint32_t st[] = { CSB_COMPLETE | CSB_ACTIVE_IDLE }, id[] = { x->g.ccid };

			csb_expect(x, e, 1, st, id, what[round]);
		}
		check_eq(data[20], 0x0a0d17 + round, "%s %s: the audited batch ran", gx_names[e],
			 what[round]);
		check_eq(data[21], 0x21, "%s %s: the audited ring ran", gx_names[e], what[round]);
	}
	check_eq(eng_stat_all("resets") - resets, 0, "no pGPU engine was reset");
	check_eq(eng_stat_all("errors") - errors, 0, "no pGPU engine error");
	check_eq(iir_of(x, e) & GT_CS_ERROR, 0, "bcs0: the guest saw no engine error");
}

/* ---- 5. the watchdog ------------------------------------------------------- */

static void test_budget(void)
{
	struct {
		unsigned int e;
		const char *what;
	} cases[] = { { 1, "self-chaining GGTT batch" }, { 2, "endless MI_SEMAPHORE_WAIT" } };
	unsigned int k;

	set_timeout(SHORT_BUDGET_MS);
	check_eq(sysfs_read_long(TIMEOUT_PARAM), SHORT_BUDGET_MS,
		 "engine_timeout_ms lowered to %u", SHORT_BUDGET_MS);
	for (k = 0; k < ARRAY_SIZE(cases); k++) {
		unsigned int e = cases[k].e;
		const char *what = cases[k].what;
		uint32_t *bb = gx_va(&xa.g, e, P_BATCH);
		uint64_t bgm = gx_gm(&xa.g, e, P_BATCH);
		long wd = eng_stat(e, "watchdog"), to = vx_stat(&xa, e, "failed_timeout");
		unsigned int promote;
		double t0, t;
		int kfd = kmsg_open();
		char log[8192];

		up(&xa, e);
		up(&xb, e);
		up(&xb, 0);
		fresh(&xa, e, 0);
		if (k == 0) {
			uint32_t c[] = { MI_BB_START, (uint32_t)bgm, bgm >> 32, MI_NOOP };

			bb[0] = MI_BB_START;
			bb[1] = (uint32_t)bgm;
			bb[2] = bgm >> 32;
			bb[3] = MI_NOOP;
			emit(&xa, e, 0, c, ARRAY_SIZE(c));
		} else {
			sem_wait(&xa, e, 0);
		}
		store(&xa, e, 0, 40, 0xbad);
		data_of(&xa, e)[40] = 0;
		t0 = now_s();
		gx_elsp(&xa.g, e, desc(&xa, e, 0), 0);
		promoted(&xa, e, what);
		promote = xa.rp[e];

		/* B meanwhile: the same engine (queued behind) and rcs0. */
		fresh(&xb, e, 0);
		store(&xb, e, 0, 41, 0xb41);
		fresh(&xb, 0, 0);
		store(&xb, 0, 0, 41, 0xb41);
		gx_elsp(&xb.g, e, desc(&xb, e, 0), 0);
		run(&xb, 0, 0, "while A hangs");
		check_eq(data_of(&xb, 0)[41], 0xb41, "B rcs0: its store landed while A hangs");

		wait_cs_error(&xa, e, 10000);
		t = now_s() - t0;
		tap_ok(iir_of(&xa, e) & GT_CS_ERROR, "A %s %s: cut off, CS error interrupt (%.2f s)",
		       gx_names[e], what, t);
		tap_ok(t >= SHORT_BUDGET_MS / 1000.0 * 0.9,
		       "A %s %s: not before its budget of %u ms", gx_names[e], what,
		       SHORT_BUDGET_MS);
		check_eq(gx_rd(&xa.g, e, EIR) != 0, 1, "A %s %s: EIR set", gx_names[e], what);
		check_eq(gx_rd(&xa.g, e, STATUS_HI), xa.g.ccid,
			 "A %s %s: EXECLIST_STATUS_HI names the context", gx_names[e], what);
		check_eq(hwsp(&xa, e)[0x1f], promote, "A %s %s: no completion in the CSB",
			 gx_names[e], what);
		check_eq(data_of(&xa, e)[40], 0, "A %s %s: nothing after it ran", gx_names[e],
			 what);
		tap_ok(eng_stat(e, "watchdog") > wd, "%s: the engine owner's watchdog fired",
		       gx_names[e]);
		if (!check_eq(vx_stat(&xa, e, "failed_timeout") - to, 1,
			      "A %s: counted as failed_timeout", gx_names[e]))
			tap_diag("  failed_fault %ld failed_canceled %ld failed_audit %ld",
				 vx_stat(&xa, e, "failed_fault"), vx_stat(&xa, e, "failed_canceled"),
				 vx_stat(&xa, e, "failed_audit"));
		kmsg_collect(kfd, log, sizeof(log));
		diag_lines(log, "mgvt");
		{
			uint32_t st[] = { CSB_IDLE_ACTIVE, CSB_COMPLETE | CSB_ACTIVE_IDLE };
			uint32_t id[] = { ~0u, xb.g.ccid };

			csb_expect(&xb, e, 2, st, id, "queued behind A's hang");
		}
		close(kfd);
		check_eq(data_of(&xb, e)[41], 0xb41, "B %s: its store landed after A's cut",
			 gx_names[e]);
		check_eq(gx_rd(&xb.g, e, EIR), 0, "B %s: saw no engine error", gx_names[e]);

		mmio_wr(xa.g.v, GDRST, 4, gdrst_bit(e));
		check_eq(gx_rd(&xa.g, e, ESR), 0, "A %s: ESR 0 after the engine reset", gx_names[e]);
		up(&xa, e);
		fresh(&xa, e, 0);
		store(&xa, e, 0, 42, 0xa42);
		run(&xa, e, 0, "after the reset");
		check_eq(data_of(&xa, e)[42], 0xa42, "A %s: works again after its reset",
			 gx_names[e]);
	}
	restore_timeout();
	check_eq(sysfs_read_long(TIMEOUT_PARAM), saved_timeout, "engine_timeout_ms restored");
}

/* ---- 6. reset and remove with work running ---------------------------------- */

/* Block engines 0-2 of @x on semaphores; bcs0 with B queued behind A. */
static void block_engines(struct xg *x, const char *what)
{
	unsigned int e;

	for (e = 0; e < 3; e++) {
		up(x, e);
		fresh(x, e, 0);
		sem_wait(x, e, 0);
		data_of(x, e)[43] = 0;
		data_of(x, e)[44] = 0;
		store(x, e, 0, 43, 0x5e);
		if (e == 1) {
			fresh(x, e, 1);
			store(x, e, 1, 44, 0x5f);
			gx_elsp(&x->g, e, desc(x, e, 0), desc(x, e, 1));
		} else {
			gx_elsp(&x->g, e, desc(x, e, 0), 0);
		}
		promoted(x, e, what);
	}
}

static void release_engines(struct xg *x)
{
	unsigned int e;

	for (e = 0; e < 3; e++)
		data_of(x, e)[SEM_DW] = 1;
}

struct rescue {
	struct xg *x;
	int after_ms;
	pthread_t tid;
};

static void *rescue_thread(void *p)
{
	struct rescue *r = p;

	usleep(r->after_ms * 1000);
	release_engines(r->x);
	return NULL;
}

/* Fresh vGPU @label: created, opened, guest memory mapped.  NULL on failure. */
static bool new_guest(struct xg *x, const char *label)
{
	struct vgpu *v = vgpu_new(label, find_type("GVTg_V5_8"));

	memset(x, 0, sizeof(*x));
	x->name = label;
	if (!v || vgpu_create(v) || !vfio_open(v, false) || !read_pvinfo(v))
		return false;
	return gx_setup(&x->g, v, IOVA);
}

static void test_reset_remove(void)
{
	struct xg *x = &xa, xc, xd;
	uint32_t snap[3][16];
	unsigned int e;
	long budget = sysfs_read_long(TIMEOUT_PARAM);
	double t;
	char log[16384];
	int kfd;

	/* VFIO_DEVICE_RESET with work running and queued. */
	block_engines(x, "blocked before the device reset");
	for (e = 0; e < 3; e++)
		memcpy(snap[e], (const void *)&hwsp(x, e)[0x10], sizeof(snap[e]));
	drain_eventfd(x->g.efd);
	t = now_s();
	check_err(xioctl(x->g.v->device, VFIO_DEVICE_RESET, NULL), 0,
		  "A: VFIO_DEVICE_RESET with work running on three engines returns");
	t = now_s() - t;
	tap_diag("the device reset took %.2f s (engine_timeout_ms %ld)", t, budget);
	tap_ok(t < budget / 1000.0 + 3, "A: and within the watchdog's budget + 3 s");
	check_eq(data_of(x, 1)[44], 0,
		 "A bcs0: the queued element B, dropped by the reset, did not run");
	release_engines(x);
	usleep(300000);
	for (e = 0; e < 3; e++) {
		check_eq(memcmp(snap[e], (const void *)&hwsp(x, e)[0x10], sizeof(snap[e])), 0,
			 "A %s: no CSB entry after the reset", gx_names[e]);
		check_eq(data_of(x, e)[43], 0,
			 "A %s: the blocked element did not go on after the reset", gx_names[e]);
	}
	tap_ok(!wait_readable(x->g.efd, 0), "A: no interrupt after the reset");
	check_eq(mmio_rd(x->g.v, GT_IIR(0), 4) | mmio_rd(x->g.v, GT_IIR(1), 4) |
		 mmio_rd(x->g.v, GT_IIR(3), 4), 0, "A: GT IIRs read 0 after the reset");

	/* The guest starts over. */
	tap_ok(read_pvinfo(x->g.v) && gx_rearm(&x->g), "A: PVINFO, GGTT and MSI set up again");
	for (e = 0; e < 4; e++) {
		up(x, e);
		fresh(x, e, 0);
		store(x, e, 0, 45, 0xa45);
		run(x, e, 0, "after the device reset");
		check_eq(data_of(x, e)[45], 0xa45, "A %s: works after the device reset",
			 gx_names[e]);
	}

	/* The same with the watchdog off: the reset must not wait for the guest. */
	{
		struct rescue r = { .x = x, .after_ms = 5000 };

		set_timeout(0);
		block_engines(x, "blocked, watchdog off");
		pthread_create(&r.tid, NULL, rescue_thread, &r);
		t = now_s();
		check_err(xioctl(x->g.v->device, VFIO_DEVICE_RESET, NULL), 0,
			  "A: VFIO_DEVICE_RESET, watchdog off");
		t = now_s() - t;
		tap_ok(t < 3, "A: the reset does not wait for the guest's semaphore "
		       "(%.2f s, released after %.1f s)", t, r.after_ms / 1000.0);
		pthread_join(r.tid, NULL);
		restore_timeout();
		tap_ok(read_pvinfo(x->g.v) && gx_rearm(&x->g), "A: set up again");
		for (e = 0; e < 4; e++)
			up(x, e);
	}

	/* Close and remove a vGPU with work running. */
	if (!tap_ok(new_guest(&xc, "C"), "C: a third vGPU, its guest memory mapped"))
		return;
	block_engines(&xc, "blocked before close");
	kfd = kmsg_open();
	t = now_s();
	vfio_close(xc.g.v);
	check_err(vgpu_remove(xc.g.v), 0, "C: closed and removed with work running");
	t = now_s() - t;
	tap_diag("close + remove took %.2f s", t);
	tap_ok(t < budget / 1000.0 + 3, "C: within the watchdog's budget + 3 s");
	check_eq(data_of(&xc, 1)[44], 0,
		 "C bcs0: the queued element B did not run once the close began");
	release_engines(&xc);
	usleep(300000);
	for (e = 0; e < 3; e++)
		check_eq(data_of(&xc, e)[43], 0,
			 "C %s: the blocked element did not go on after it was gone", gx_names[e]);
	kmsg_collect(kfd, log, sizeof(log));
	close(kfd);
	tap_ok(!strstr(log, "WARNING") && !strstr(log, "BUG") && !strstr(log, "Call Trace") &&
	       !strstr(log, "waiting for its work") && !strstr(log, "still on the pGPU"),
	       "kernel log clean during close and remove");
	if (strstr(log, "WARNING") || strstr(log, "BUG") || strstr(log, "waiting"))
		tap_diag("%.2000s", log);

	/* A fresh vGPU works on every engine; B still does. */
	if (!tap_ok(new_guest(&xd, "D"), "D: a fresh vGPU, its guest memory mapped"))
		return;
	for (e = 0; e < 4; e++) {
		up(&xd, e);
		fresh(&xd, e, 0);
		store(&xd, e, 0, 1, 0xd1);
		run(&xd, e, 0, "fresh vGPU");
		check_eq(data_of(&xd, e)[1], 0xd1, "D %s: its store landed", gx_names[e]);
	}
	up(&xb, 1);
	fresh(&xb, 1, 0);
	store(&xb, 1, 0, 2, 0xb2);
	run(&xb, 1, 0, "after C went");
	check_eq(data_of(&xb, 1)[2], 0xb2, "B bcs0: still works");
	vfio_close(xd.g.v);
	check_err(vgpu_remove(xd.g.v), 0, "D: removed");
}

/* ---- 7. ELSP and CSB_PTR garbage ---------------------------------------------- */

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void test_garbage(struct xg *x)
{
	const unsigned int n = 64;
	unsigned int e, i;

	for (e = 0; e < 2; e++) {
		long refused = vgpu_counter(x->g.v, "elsp_refused");
		long submits = vgpu_counter(x->g.v, "elsp_submits");
		long elems = vx_stat(x, e, "elements");
		uint64_t in = gx_gm(&x->g, e, P_CTX_B);
		uint64_t end = x->g.v->pv.high_base + x->g.v->pv.high_size - PAGE;
		unsigned int wp;

		up(x, e);
		wp = hwsp(x, e)[0x1f];
		for (i = 0; i < n; i++) {
			uint64_t d0 = rnd(), d1 = i % 2 ? rnd() : 0;

			switch (i % 9) {
			case 0: d0 &= ~(uint64_t)D_VALID; break;
			case 1: d0 = (d0 | D_VALID) & ~(uint64_t)D_PRIV; break;
			case 2: d0 = (d0 | D_VALID | D_PRIV) & ~(uint64_t)0x18; d0 |= 1u << 3; break;
			case 3: d0 = (d0 & ~0xffffffffull) | in | D_OK | (1u << 5); break;
			case 4: d0 = (d0 & ~0xffffffffull) | 0x1000 | D_OK; break;
			case 5: d0 = (d0 & ~0xffffffffull) | xb.g.v->pv.high_base | D_OK; break;
			case 6: d0 = (d0 & ~0xffffffffull) | end | D_OK; break; /* runs past */
			case 7: d0 = desc(x, e, 0); d1 = desc(x, e, 0) ^ D_FORCE; break;
			case 8: d0 = desc(x, e, 0); d1 = (d1 | 1) & ~(uint64_t)D_VALID; d1 |= 2; break;
			}
			gx_elsp(&x->g, e, d0, d1);
		}
		usleep(50000);
		check_eq(vgpu_counter(x->g.v, "elsp_refused") - refused, n,
			 "%s: %u garbage ELSP submissions, each counted refused", gx_names[e], n);
		check_eq(vgpu_counter(x->g.v, "elsp_submits") - submits, 0,
			 "%s: none accepted", gx_names[e]);
		check_eq(vx_stat(x, e, "elements") - elems, 0, "%s: nothing ran", gx_names[e]);
		check_eq(hwsp(x, e)[0x1f], wp, "%s: no CSB entry", gx_names[e]);

		/* A partial quad, then an engine reset: the next quad is whole. */
		gx_wr(&x->g, e, ELSP, (uint32_t)rnd());
		gx_wr(&x->g, e, ELSP, (uint32_t)rnd());
		gx_wr(&x->g, e, ELSP, (uint32_t)rnd());
		mmio_wr(x->g.v, GDRST, 4, gdrst_bit(e));
		up(x, e);
		fresh(x, e, 0);
		store(x, e, 0, 46, 0x46);
		run(x, e, 0, "after ELSP garbage and an engine reset");
		check_eq(data_of(x, e)[46], 0x46, "%s: works after the garbage", gx_names[e]);
	}

	/* CSB_PTR: random masked writes, then out-of-range write pointers. */
	e = 1;
	{
		uint32_t model = gx_rd(&x->g, e, CSB_PTR) & 0xf, val = 0;

		for (i = 0; i < 256; i++) {
			uint32_t r = (uint32_t)rnd(), mask = (r >> 16) & 0xf;

			gx_wr(&x->g, e, CSB_PTR, r);
			model = (model & ~mask) | (r & mask);
		}
		val = gx_rd(&x->g, e, CSB_PTR);
		check_eq(val & 0xf, model, "%s: 256 random CSB_PTR writes, masked as a masked register",
			 gx_names[e]);
		check_eq(mmio_rd(x->g.v, PV_MAGIC, 8), VGT_MAGIC, "the vGPU still answers");
	}
	{
		static const unsigned int bad_wp[] = { 6, 7, 11, 15 };

		for (i = 0; i < ARRAY_SIZE(bad_wp); i++) {
			volatile uint32_t *h = hwsp(x, e);
			unsigned int k, spoilt = 0;

			for (k = 0; k < 64; k++)
				h[k] = 0x7e7e0000 + k;
			for (k = 0; k < 12; k++)
				h[0x10 + k] = ~0u;
			h[0x1f] = bad_wp[i];
			gx_wr(&x->g, e, CSB_PTR, 0x000f0000 | bad_wp[i]);
			ack(x, e);
			fresh(x, e, 0);
			store(x, e, 0, 47, 0x470 + i);
			gx_elsp(&x->g, e, desc(x, e, 0), 0);
			tap_ok(gx_wait_csb(&x->g, e, 1),
			       "%s: CSB write pointer %u: the next entries go to 0 and 1", gx_names[e],
			       bad_wp[i]);
			check_eq(h[0x10] == CSB_IDLE_ACTIVE && h[0x12] == (CSB_COMPLETE | CSB_ACTIVE_IDLE) &&
				 h[0x13] == x->g.ccid && gx_rd(&x->g, e, CSB0) == CSB_IDLE_ACTIVE &&
				 gx_rd(&x->g, e, CSB0 + 8) == (CSB_COMPLETE | CSB_ACTIVE_IDLE), 1,
				 "%s: write pointer %u: promote and completion in entries 0, 1 and their mirror",
				 gx_names[e], bad_wp[i]);
			for (k = 0; k < 64; k++)
				if ((k < 0x10 || (k > 0x13 && k != 0x1f)) && h[k] != 0x7e7e0000 + k &&
				    !(k >= 0x14 && k < 0x1c && h[k] == ~0u))
					spoilt++;
			check_eq(spoilt, 0, "%s: write pointer %u: nothing else in the status page written",
				 gx_names[e], bad_wp[i]);
			check_eq(data_of(x, e)[47], 0x470 + i, "%s: write pointer %u: the store landed",
				 gx_names[e], bad_wp[i]);
		}
	}
	/* Garbage while an element runs, then the proper re-base. */
	fresh(x, e, 0);
	sem_wait(x, e, 0);
	store(x, e, 0, 48, 0x48);
	gx_wr(&x->g, e, CSB_PTR, 0x000f0009);
	gx_elsp(&x->g, e, desc(x, e, 0), 0);
	usleep(20000);
	for (i = 0; i < 64; i++)
		gx_wr(&x->g, e, CSB_PTR, (uint32_t)rnd());
	data_of(x, e)[SEM_DW] = 1;
	wait_idle(x, e);
	check_eq(data_of(x, e)[48], 0x48, "%s: the element ran through CSB_PTR garbage", gx_names[e]);
	up(x, e);
	fresh(x, e, 0);
	store(x, e, 0, 49, 0x49);
	run(x, e, 0, "after the re-base 0xffff0505");
	check_eq(data_of(x, e)[49], 0x49, "%s: works after the re-base", gx_names[e]);
}

/* ---- 8. CSB re-base between two submissions ---------------------------------- */

static void test_rebase(struct xg *x)
{
	unsigned int e, k;

	for (e = 0; e < 4; e++) {
		up(x, e);
		fresh(x, e, 0);
		store(x, e, 0, 50, 0x50);
		run(x, e, 0, "before the re-base");
		store(x, e, 0, 51, 0x51);
		run(x, e, 0, "before the re-base, second");
		/* As i915's reset_csb_pointers. */
		gx_wr(&x->g, e, CSB_PTR, 0xffff0505);
		hwsp(x, e)[0x1f] = 5;
		for (k = 0; k < 12; k++)
			hwsp(x, e)[0x10 + k] = ~0u;
		gx_wr(&x->g, e, CSB_PTR, 0xffff0505);
		x->rp[e] = 5;
		store(x, e, 0, 52, 0x52);
		run(x, e, 0, "after the mid-run re-base: entries 0 and 1");
		check_eq(data_of(x, e)[52], 0x52, "%s: the store after the re-base landed",
			 gx_names[e]);
	}
}

/* ---- 9. an i915 Gen9 image and indirect-context batch ------------------------- */

/* The wa batch i915 puts behind INDIRECT_CTX on Gen9 (render-path §4.4). */
static unsigned int wa_build(struct xg *x, bool gdrst)
{
	uint32_t *w = gx_va(&x->g, 0, P_WA);
	uint64_t scratch = gx_gm(&x->g, 0, P_SCRATCH);
	unsigned int n = 0;

	memset(w, 0, PAGE);
	w[n++] = MI_ARB_ON_OFF;				/* arbitration off */
	w[n++] = MI_SRM_GGTT;
	w[n++] = 0xb118;
	w[n++] = (uint32_t)scratch;
	w[n++] = scratch >> 32;
	w[n++] = MI_LRI(1);
	w[n++] = 0xb118;
	w[n++] = 0x40600000;
	w[n++] = PIPE_CTL;
	w[n++] = PC_CS_STALL | PC_DC_FLUSH;
	n += 4;
	w[n++] = MI_LRM_GGTT;
	w[n++] = 0xb118;
	w[n++] = (uint32_t)scratch;
	w[n++] = scratch >> 32;
	w[n++] = PIPE_CTL;
	w[n++] = PC_FLUSH_L3 | PC_INDEX | PC_CS_STALL | PC_POST_IMM;
	w[n++] = 0xd0;
	n += 3;
	w[n++] = MI_LRI(3);
	w[n++] = 0x7014;
	w[n++] = 0x10001000;
	w[n++] = 0x2088;
	w[n++] = 0x00020002;
	w[n++] = gdrst ? GDRST : 0x2090;
	w[n++] = gdrst ? 1 : 0x10001000;
	w[n++] = MI_NOOP;
	w[n++] = MI_ARB_ON_OFF | 1;			/* arbitration on */
	return (n + 15) / 16;				/* NOOP-padded cachelines */
}

static void test_i915_image(struct xg *x)
{
	uint32_t *img = gx_image(&x->g, 0, 0), *pp = gx_va(&x->g, 0, P_CTX_A);
	uint32_t *scratch = gx_va(&x->g, 0, P_SCRATCH), *data = data_of(x, 0);
	uint64_t gm = gx_gm(&x->g, 0, P_DATA) + 4 * 56;
	unsigned int e, lines;
	uint32_t c[] = {
		MI_SRM_GGTT, GPR(0, 0), (uint32_t)gm, gm >> 32,
		MI_LRI(1) | LRI_POSTED, GPR(0, 1), 0x12345678,
	};

	up(x, 0);
	lines = wa_build(x, false);
	gx_image_build_i915(&x->g, 0, 0, false, 0x600df00d);
	img[0x1b] = (uint32_t)gx_gm(&x->g, 0, P_WA) | lines;
	x->tail[0][0] = 0;
	pp[0x34] = pp[0x35] = ~0u;
	scratch[0] = 0xdeadbeef;
	data[56] = 0;
	emit(x, 0, 0, c, ARRAY_SIZE(c));
	store(x, 0, 0, 57, 0x57);
	run(x, 0, 0, "i915 Gen9 RCS image with its wa batch");
	check_eq(data[57], 0x57, "rcs0 i915 image: the ring ran");
	check_eq(data[56], 0x600df00d, "rcs0 i915 image: GPR0 restored from the image");
	tap_ok(scratch[0] != 0xdeadbeef, "rcs0 wa batch: its SRM of L3SQCREG4 reached the scratch (%#x)",
	       scratch[0]);
	check_eq((uint64_t)pp[0x35] << 32 | pp[0x34], 0,
		 "rcs0 wa batch: its store-index PIPE_CONTROL wrote the PPHWSP scratch 0xd0");
	check_eq(img[0x6b], 0x12345678, "rcs0 i915 image: GPR1 saved back into the image");
	check_eq(img[0x69], 0x600df00d, "rcs0 i915 image: GPR0 saved back unchanged");
	check_eq(img[0x41] == MI_LRI(1) && img[0x51] == (MI_LRI(44) | LRI_POSTED) &&
		 img[0xaa] == MI_BBE && img[0x42] == 0x20c8, 1,
		 "rcs0 i915 image: the LRI headers and BBE survive the write-back");
	check_eq(img[0x1b], (uint32_t)gx_gm(&x->g, 0, P_WA) | lines,
		 "rcs0 i915 image: the guest's INDIRECT_CTX is not replaced by the shadow's");

	/* Again with STOP_RING set in MI_MODE (forced clear), then restore-inhibit. */
	gx_image_build_i915(&x->g, 0, 1, false, 0);
	gx_image(&x->g, 0, 1)[0x1b] = (uint32_t)gx_gm(&x->g, 0, P_WA) | lines;
	gx_image(&x->g, 0, 1)[0x55] = 0x01000100;
	x->tail[0][1] = 0;
	store(x, 0, 1, 58, 0x58);
	run(x, 0, 1, "i915 image with MI_MODE STOP_RING set");
	check_eq(data[58], 0x58, "rcs0: STOP_RING in the image does not stop the engine");
	gx_image_build_i915(&x->g, 0, 1, true, 0);
	gx_image(&x->g, 0, 1)[0x1b] = (uint32_t)gx_gm(&x->g, 0, P_WA) | lines;
	x->tail[0][1] = 0;
	store(x, 0, 1, 59, 0x59);
	run(x, 0, 1, "i915 image, restore-inhibit");
	check_eq(data[59], 0x59, "rcs0: the restore-inhibit i915 image ran");

	/* The other engines' full images. */
	for (e = 1; e < 4; e++) {
		uint64_t g2 = gx_gm(&x->g, e, P_DATA) + 4 * 56;
		uint32_t s[] = { MI_SRM_GGTT, GPR(e, 0), (uint32_t)g2, g2 >> 32 };

		up(x, e);
		gx_image_build_i915(&x->g, e, 0, false, 0xf00d0000 | e);
		x->tail[e][0] = 0;
		data_of(x, e)[56] = 0;
		emit(x, e, 0, s, ARRAY_SIZE(s));
		store(x, e, 0, 57, 0x57);
		run(x, e, 0, "i915 Gen9 xcs image");
		check_eq(data_of(x, e)[56], 0xf00d0000 | e, "%s i915 image: GPR0 restored",
			 gx_names[e]);
	}

	/* Attacks on the image and the wa batch. */
	lines = wa_build(x, true);
	gx_image_build_i915(&x->g, 0, 0, false, 0);
	img[0x1b] = (uint32_t)gx_gm(&x->g, 0, P_WA) | lines;
	x->tail[0][0] = 0;
	scratch[0] = 0xdeadbeef;
	store(x, 0, 0, 60, 0xbad);
	submit_fail(x, 0, 0, "wa batch with an LRI of GDRST");
	check_eq(scratch[0], 0xdeadbeef, "rcs0: nothing of that wa batch ran");
	check_eq(data[60], 0, "rcs0: nor its ring");

	gx_image_build_i915(&x->g, 0, 0, false, 0);
	img[0x51] = MI_LRI(45) | LRI_POSTED;		/* swallows the BBE */
	x->tail[0][0] = 0;
	store(x, 0, 0, 60, 0xbad);
	submit_fail(x, 0, 0, "image with its LRI(44) header rewritten");
	gx_image_build_i915(&x->g, 0, 0, false, 0);
	img[0x41] = MI_LRI(1) | (1u << 8);
	x->tail[0][0] = 0;
	store(x, 0, 0, 60, 0xbad);
	submit_fail(x, 0, 0, "image with a bit set in an LRI header");
	gx_image_build_i915(&x->g, 0, 0, false, 0);
	img[0x52] = GDRST;				/* instead of 0x2028 */
	x->tail[0][0] = 0;
	store(x, 0, 0, 60, 0xbad);
	submit_fail(x, 0, 0, "image that restores GDRST in the LRI(44)");
	check_eq(data[60], 0, "rcs0: none of the bad images ran");
}

int main(int argc, char **argv)
{
	int ret = simple_program_start(argc, argv, 300);
	struct sigaction sa = { .sa_handler = on_signal };
	double t0 = now_s();
	long strict0, errors0, resets0;

	if (ret >= 0)
		return ret;
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	saved_timeout = sysfs_read_long(TIMEOUT_PARAM);
	if (!tap_ok(saved_timeout >= 0, "mgvt's engine_timeout_ms readable (%ld)", saved_timeout) ||
	    !new_guest(&xa, "A") || !new_guest(&xb, "B")) {
		tap_bail("could not create and set up vGPUs A and B");
		cleanup_all();
		return tap_finish();
	}
	xb.g.ccid = 0x40;
	tap_ok(xa.g.v->pv.high_base != xb.g.v->pv.high_base && xa.g.v->container != xb.g.v->container,
	       "vGPUs A and B: own containers, own GM slices, own guest memory");
	strict0 = sim_strict("engine_faults");
	errors0 = eng_stat_all("errors");
	resets0 = eng_stat_all("resets");

	test_post_sync(&xa);
	test_blits(&xa);
	test_rebase(&xa);
	test_i915_image(&xa);
	test_rewrite(&xa);
	test_garbage(&xa);
	/* Every attack so far was refused by the audit: none reached the pGPU. */
	check_eq(sim_strict("engine_faults") - strict0, 0, "sim: no engine fault from the attacks");
	check_eq(eng_stat_all("errors") - errors0, 0, "no pGPU engine error from the attacks");
	check_eq(eng_stat_all("resets") - resets0, 0, "no pGPU engine reset from the attacks");
	strict0 = sim_strict("engine_faults");
	test_two_vgpus();
	check_eq(sim_strict("engine_faults") - strict0, 4,
		 "sim: the engine faults of B's 4 faulting blits, no others");
	test_budget();
	test_reset_remove();

	restore_timeout();
	tap_diag("execlist_attack_test took %.1f s", now_s() - t0);
	return program_finish();
}

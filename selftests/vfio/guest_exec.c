// SPDX-License-Identifier: GPL-2.0
/*
 * guest_exec.c - a userspace Gen9 guest for mgvt's execlist tests and
 * benchmarks (see guest_exec.h).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "guest_exec.h"

const char *const gx_names[4] = { "rcs0", "bcs0", "vcs0", "vecs0" };
const uint32_t gx_bases[4] = { 0x2000, 0x22000, 0x12000, 0x1a000 };
const unsigned int gx_irq_bank[4] = { 0, 0, 1, 3 };
const unsigned int gx_irq_shift[4] = { 0, 16, 0, 0 };


uint64_t gx_gm(struct gx *g, unsigned int e, unsigned int page)
{
	return g->v->pv.high_base + (uint64_t)(e * ENGINE_PAGES + page) * PAGE;
}

uint32_t *gx_va(struct gx *g, unsigned int e, unsigned int page)
{
	return (uint32_t *)mem_page(&g->mem, e * ENGINE_PAGES + page);
}

uint32_t gx_rd(struct gx *g, unsigned int e, uint32_t reg)
{
	return mmio_rd(g->v, gx_bases[e] + reg, 4);
}

void gx_wr(struct gx *g, unsigned int e, uint32_t reg, uint32_t val)
{
	mmio_wr(g->v, gx_bases[e] + reg, 4, val);
}

unsigned int gx_ctx_page(unsigned int which)
{
	return which ? P_CTX_B : P_CTX_A;
}

/* A context image in the Gen9 layout, as i915 builds it (render-path §4.3). */
void gx_image_build(struct gx *g, unsigned int e, unsigned int which, bool inhibit)
{
	uint32_t *img = gx_va(g, e, gx_ctx_page(which) + 1);
	uint32_t b = gx_bases[e];
	static const struct { unsigned int dw; uint32_t reg; } slots[] = {
		{ 0x03, 0x244 }, { 0x05, 0x034 }, { 0x07, 0x030 }, { 0x09, 0x038 },
		{ 0x0b, 0x03c }, { 0x0d, 0x168 }, { 0x0f, 0x140 }, { 0x11, 0x110 },
		{ 0x13, 0x11c }, { 0x15, 0x114 }, { 0x17, 0x118 }, { 0x19, 0x1c0 },
		{ 0x1b, 0x1c4 }, { 0x1d, 0x1c8 }, { 0x23, 0x3a8 },
		{ 0x25, 0x28c }, { 0x27, 0x288 }, { 0x29, 0x284 }, { 0x2b, 0x280 },
		{ 0x2d, 0x27c }, { 0x2f, 0x278 }, { 0x31, 0x274 }, { 0x33, 0x270 },
	};
	unsigned int i;

	memset(gx_va(g, e, gx_ctx_page(which)), 0, 2 * PAGE);
	img[1] = MI_LRI(14) | LRI_POSTED;
	img[0x21] = MI_LRI(9) | LRI_POSTED;
	for (i = 0; i < ARRAY_SIZE(slots); i++)
		img[slots[i].dw - 1] = b + slots[i].reg;
	img[0x03] = inhibit ? 0x00010001 : 0x00010000;	/* RESTORE_INHIBIT masked */
	img[0x09] = gx_gm(g, e, which ? P_RING_B : P_RING_A);
	img[0x0b] = 0x1;				/* one page, valid */
	img[0x1d] = 0x26 << 6;
	img[0x34] = MI_BBE;
}

/*
 * The whole register state page of a Gen9 i915 image (render-path §4.3):
 * the four LRI lists with every register, headers POSTED but for the RCS
 * LRI(1) of R_PWR_CLK_STATE, NOOP gaps, MI_MODE with STOP_RING cleared by
 * mask, then MI_BATCH_BUFFER_END at dword 0xaa.  @gpr0 goes into GPR0's
 * slot (the others stay 0); the ring is ring @which's page, 4 KiB.
 */
void gx_image_build_i915(struct gx *g, unsigned int e, unsigned int which, bool inhibit,
			 uint32_t gpr0)
{
	static const uint16_t ring_ctx[] = {
		0x244, 0x034, 0x030, 0x038, 0x03c, 0x168, 0x140, 0x110,
		0x11c, 0x114, 0x118, 0x1c0, 0x1c4, 0x1c8,
	};
	static const uint16_t ts_pdps[] = {
		0x3a8, 0x28c, 0x288, 0x284, 0x280, 0x27c, 0x278, 0x274, 0x270,
	};
	static const uint16_t state[] = {
		0x028, 0x09c, 0x0c0, 0x178, 0x17c, 0x358, 0x170, 0x150, 0x154,
		0x158, 0x41c,
	};
	uint32_t *img = gx_image(g, e, which);
	uint32_t b = gx_bases[e];
	unsigned int i, k;

	memset(gx_va(g, e, gx_ctx_page(which)), 0, 2 * PAGE);
	k = 1;
	img[k++] = MI_LRI(14) | LRI_POSTED;
	for (i = 0; i < ARRAY_SIZE(ring_ctx); i++, k += 2)
		img[k] = b + ring_ctx[i];
	k += 3;
	img[k++] = MI_LRI(9) | LRI_POSTED;
	for (i = 0; i < ARRAY_SIZE(ts_pdps); i++, k += 2)
		img[k] = b + ts_pdps[i];
	k += 13;
	if (e == 0) {
		img[k++] = MI_LRI(1);		/* R_PWR_CLK_STATE, not posted */
		img[k] = b + 0xc8;
	} else {
		img[k++] = MI_LRI(1) | LRI_POSTED;
		img[k] = b + 0x200;
	}
	k += 2 + 13;
	img[k++] = MI_LRI(44) | LRI_POSTED;
	for (i = 0; i < ARRAY_SIZE(state); i++, k += 2)
		img[k] = b + state[i];
	for (i = 0; i < 32; i++, k += 2)
		img[k] = b + 0x600 + 4 * i;
	img[k] = b + 0x068;
	k += 2;
	img[k] = MI_BBE;
	/* CTX_CONTROL: INHIBIT_SYN_CTX_SWITCH on, SAVE_INHIBIT and RS_CTX off. */
	img[0x03] = 0x000e0008 | (inhibit ? 0x00010001 : 0);
	img[0x09] = gx_gm(g, e, which ? P_RING_B : P_RING_A);
	img[0x0b] = 0x1;				/* RING_CTL: 4 KiB, valid */
	img[0x1d] = 0x26 << 6;				/* INDIRECT_CTX_OFFSET */
	img[0x55] = 0x01000000;				/* MI_MODE: STOP_RING off */
	img[0x69] = gpr0;
}

uint32_t *gx_image(struct gx *g, unsigned int e, unsigned int which)
{
	return gx_va(g, e, gx_ctx_page(which) + 1);
}

/* Append @n dwords to ring @which at @*tail (4 KiB, wraps). */
void gx_emit(struct gx *g, unsigned int e, unsigned int which, uint32_t *tail,
		      const uint32_t *cmds, unsigned int n)
{
	uint32_t *ring = gx_va(g, e, which ? P_RING_B : P_RING_A);
	unsigned int i;

	for (i = 0; i < n; i++) {
		ring[*tail / 4] = cmds[i];
		*tail = (*tail + 4) % PAGE;
	}
	if (*tail % 8) {
		ring[*tail / 4] = MI_NOOP;
		*tail = (*tail + 4) % PAGE;
	}
}

/* SDI of @val at data dword @idx, then a user interrupt. */
void gx_emit_store(struct gx *g, unsigned int e, unsigned int which, uint32_t *tail,
		       unsigned int idx, uint32_t val)
{
	uint64_t gm = gx_gm(g, e, P_DATA) + 4 * idx;
	uint32_t c[] = { MI_SDI_GGTT, (uint32_t)gm, gm >> 32, val, MI_USER_IRQ, MI_NOOP };

	gx_emit(g, e, which, tail, c, ARRAY_SIZE(c));
}

uint64_t gx_desc(struct gx *g, unsigned int e, unsigned int which, uint32_t flags)
{
	return (uint64_t)(g->ccid + which) << 32 | gx_gm(g, e, gx_ctx_page(which)) | flags;
}

void gx_elsp(struct gx *g, unsigned int e, uint64_t d0, uint64_t d1)
{
	gx_wr(g, e, ELSP, d1 >> 32);
	gx_wr(g, e, ELSP, (uint32_t)d1);
	gx_wr(g, e, ELSP, d0 >> 32);
	gx_wr(g, e, ELSP, (uint32_t)d0);
}

volatile uint32_t *gx_hwsp(struct gx *g, unsigned int e)
{
	return gx_va(g, e, P_HWSP);
}

/* Bring-up as i915's enable_execlists + reset_csb_pointers. */
void gx_engine_up(struct gx *g, unsigned int e)
{
	unsigned int i;

	gx_wr(g, e, 0x98, ~0u);				/* HWSTAM */
	gx_wr(g, e, RING_MODE, 0x80008000);
	gx_wr(g, e, MI_MODE, 0x01000000);			/* STOP_RING off */
	gx_wr(g, e, HWS_PGA, gx_gm(g, e, P_HWSP));
	gx_wr(g, e, CSB_PTR, 0xffff0505);
	gx_hwsp(g, e)[0x1f] = 5;
	for (i = 0; i < 12; i++)
		gx_hwsp(g, e)[0x10 + i] = ~0u;
	gx_wr(g, e, CSB_PTR, 0xffff0505);
	gx_wr(g, e, 0xb4, ~0u);				/* EMR */
	gx_wr(g, e, EIR, ~0u);
	gx_wr(g, e, 0xb4, ~0x11u);
	/* Interrupts: user, CS error, context switch. */
	mmio_wr(g->v, GT_IER(gx_irq_bank[e]), 4, mmio_rd(g->v, GT_IER(gx_irq_bank[e]), 4) |
		(GT_USER | GT_CS_ERROR | GT_CTXSW) << gx_irq_shift[e]);
	mmio_wr(g->v, GT_IMR(gx_irq_bank[e]), 4, mmio_rd(g->v, GT_IMR(gx_irq_bank[e]), 4) &
		~((GT_USER | GT_CS_ERROR | GT_CTXSW) << gx_irq_shift[e]));
}

/* Wait until the status page's CSB write pointer reads @wp. */
bool gx_wait_csb(struct gx *g, unsigned int e, unsigned int wp)
{
	double end = now_s() + 10;

	while (now_s() < end) {
		if (gx_hwsp(g, e)[0x1f] == wp)
			return true;
		usleep(1000);
	}
	return false;
}


bool gx_setup(struct gx *g, struct vgpu *v, uint64_t iova)
{
	memset(g, 0, sizeof(*g));
	g->v = v;
	g->ccid = 0x20;
	g->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (g->efd < 0 || !guest_mem_alloc(&g->mem, iova, NPAGES, 0) ||
	    dma_map(v, &g->mem))
		return false;
	memset(g->mem.va, 0, g->mem.len);
	return gx_rearm(g);
}

/* What a device reset undid: GGTT entries, MSI, the eventfd, the master irq. */
bool gx_rearm(struct gx *g)
{
	struct vgpu *v = g->v;
	unsigned int i;

	for (i = 0; i < NPAGES; i++)
		if (pte_wr(v, gm_index(v->pv.high_base + (uint64_t)i * PAGE),
			   pte_to(&g->mem, i)))
			return false;
	cfg_wr(v, 0xac + 2, 2, 0x0081);			/* MSI enable */
	if (set_irq_eventfd(v, VFIO_PCI_MSI_IRQ_INDEX, VFIO_IRQ_SET_ACTION_TRIGGER, g->efd))
		return false;
	mmio_wr(v, MASTER_IRQ, 4, 0x80000000);
	return true;
}

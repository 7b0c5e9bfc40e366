/* SPDX-License-Identifier: GPL-2.0 */
/*
 * guest_exec.h - a userspace Gen9 guest for mgvt's execlist tests and
 * benchmarks: guest memory DMA-mapped into a vGPU's container and entered
 * into the high slice of its GGTT, per engine an area with two contexts
 * in the Gen9 layout (render-path.md §4.3), their rings, a status page, a
 * batch page and a data page; bring-up, ELSP and CSB as i915 does them.
 * Link with guest_exec.c and vgpu_lib.c.
 */
#ifndef MGVT_SELFTEST_GUEST_EXEC_H
#define MGVT_SELFTEST_GUEST_EXEC_H

#include "vgpu_lib.h"

#define ENGINE_PAGES	64u		/* guest pages per engine */
#define NPAGES		(4 * ENGINE_PAGES)
/* Pages of an engine's area. */
#define P_CTX_A		0u
#define P_CTX_B		24u
#define P_RING_A	48u
#define P_RING_B	49u
#define P_HWSP		50u
#define P_BATCH		51u
#define P_DATA		52u

/* Registers, relative to the engine base. */
#define TAIL		0x30u
#define HEAD		0x34u
#define START		0x38u
#define CTL		0x3cu
#define HWS_PGA		0x80u
#define MI_MODE		0x9cu
#define EIR		0xb0u
#define ESR		0xb8u
#define ELSP		0x230u
#define STATUS_HI	0x238u
#define RING_MODE	0x29cu
#define CSB0		0x370u
#define CSB_PTR		0x3a0u
#define CTX_CTRL	0x244u
#define GDRST		0x941cu
#define MASTER_IRQ	0x44200u
#define GT_IMR(b)	(0x44304u + 0x10 * (b))
#define GT_IIR(b)	(0x44308u + 0x10 * (b))
#define GT_IER(b)	(0x4430cu + 0x10 * (b))

#define D_VALID		(1u << 0)
#define D_FORCE		(1u << 2)
#define D_4LVL		(3u << 3)
#define D_PRIV		(1u << 8)
#define D_OK		(D_VALID | D_4LVL | D_PRIV | D_FORCE)

/* Commands. */
#define MI_NOOP		0u
#define MI_USER_IRQ	(0x02u << 23)
#define MI_BBE		(0x0au << 23)
#define MI_LRI(n)	((0x22u << 23) | (2 * (n) - 1))
#define LRI_POSTED	(1u << 12)
#define MI_SDI_GGTT	((0x20u << 23) | (1u << 22) | 2)
#define MI_SEM_WAIT	((0x1cu << 23) | (1u << 22) | (1u << 15) | (4u << 12) | 2)
#define MI_BB_START	((0x31u << 23) | 1)
#define BB_PPGTT	(1u << 8)

/* CSB status bits. */
#define CSB_IDLE_ACTIVE	0x1u
#define CSB_PREEMPTED	0x2u
#define CSB_ELEM_SWITCH	0x4u
#define CSB_ACTIVE_IDLE	0x8u
#define CSB_COMPLETE	0x10u
#define CSB_LITE	0x8000u

#define GT_USER		(1u << 0)
#define GT_CS_ERROR	(1u << 3)
#define GT_CTXSW	(1u << 8)


/**
 * struct gx - one guest: its vGPU, memory, interrupt eventfd, context IDs
 */
struct gx {
	struct vgpu *v;
	struct guest_mem mem;
	int efd;
	uint32_t ccid;
};

extern const char *const gx_names[4];
extern const uint32_t gx_bases[4];
extern const unsigned int gx_irq_bank[4];
extern const unsigned int gx_irq_shift[4];

/* Map NPAGES of guest memory at @iova into @v, GGTT entries, MSI eventfd. */
bool gx_setup(struct gx *g, struct vgpu *v, uint64_t iova);
/* After a device reset: GGTT entries, MSI and its eventfd, the master irq again. */
bool gx_rearm(struct gx *g);
/* GM address and guest address of page @page of engine @e's area. */
uint64_t gx_gm(struct gx *g, unsigned int e, unsigned int page);
uint32_t *gx_va(struct gx *g, unsigned int e, unsigned int page);
/* Engine register @reg of engine @e. */
uint32_t gx_rd(struct gx *g, unsigned int e, uint32_t reg);
void gx_wr(struct gx *g, unsigned int e, uint32_t reg, uint32_t val);
/* First page of context @which (0: A, 1: B). */
unsigned int gx_ctx_page(unsigned int which);
/* Build context @which of engine @e in the Gen9 layout; its register page. */
void gx_image_build(struct gx *g, unsigned int e, unsigned int which, bool inhibit);
uint32_t *gx_image(struct gx *g, unsigned int e, unsigned int which);
/* Context @which as i915 builds it in full: all 68 registers, BBE at 0xaa. */
void gx_image_build_i915(struct gx *g, unsigned int e, unsigned int which, bool inhibit,
			 uint32_t gpr0);
/* Append commands to ring @which at *@tail (qword-padded); a store + user irq. */
void gx_emit(struct gx *g, unsigned int e, unsigned int which, uint32_t *tail,
	     const uint32_t *cmds, unsigned int n);
void gx_emit_store(struct gx *g, unsigned int e, unsigned int which, uint32_t *tail,
		   unsigned int idx, uint32_t val);
/* Descriptor of context @which; one ELSP quad; the status page. */
uint64_t gx_desc(struct gx *g, unsigned int e, unsigned int which, uint32_t flags);
void gx_elsp(struct gx *g, unsigned int e, uint64_t d0, uint64_t d1);
volatile uint32_t *gx_hwsp(struct gx *g, unsigned int e);
/* Bring-up as i915's enable_execlists and reset_csb_pointers. */
void gx_engine_up(struct gx *g, unsigned int e);
/* Wait (10 s at most) until the status page's CSB write pointer is @wp. */
bool gx_wait_csb(struct gx *g, unsigned int e, unsigned int wp);

#endif /* MGVT_SELFTEST_GUEST_EXEC_H */

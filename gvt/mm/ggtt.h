/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GGTT part of BAR0: guest entries translated onto the pGPU's GGTT.
 */
#ifndef MGVT_MM_GGTT_H
#define MGVT_MM_GGTT_H

#include <linux/types.h>

struct mgvt_vgpu;
struct page;

int mgvt_guest_page_map(struct mgvt_vgpu *vgpu, u64 gfn, struct page **page,
			dma_addr_t *dma);
void mgvt_guest_page_unmap(struct mgvt_vgpu *vgpu, u64 gfn, dma_addr_t dma);

int mgvt_ggtt_cache_init(void);
void mgvt_ggtt_cache_fini(void);
int mgvt_ggtt_init(struct mgvt_vgpu *vgpu);
void mgvt_ggtt_fini(struct mgvt_vgpu *vgpu);
void mgvt_ggtt_reset(struct mgvt_vgpu *vgpu);
u64 mgvt_ggtt_read(struct mgvt_vgpu *vgpu, u32 off, unsigned int len);
void mgvt_ggtt_write(struct mgvt_vgpu *vgpu, u32 off, u64 val,
		     unsigned int len);
void mgvt_ggtt_dma_unmap(struct mgvt_vgpu *vgpu, u64 iova, u64 length);
void mgvt_ggtt_settle(struct mgvt_vgpu *vgpu);
struct page *mgvt_ggtt_page(struct mgvt_vgpu *vgpu, u64 gm);
int mgvt_ggtt_get_pages(struct mgvt_vgpu *vgpu, u64 gm, unsigned long npages,
			struct page **pages);
void mgvt_ggtt_gm_read(struct mgvt_vgpu *vgpu, u64 gm, void *dst, size_t len);
void mgvt_ggtt_gm_write(struct mgvt_vgpu *vgpu, u64 gm, const void *src,
			size_t len);

#endif /* MGVT_MM_GGTT_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host graphics memory: page-aligned ranges of the host's GM reserve,
 * backed by host pages DMA-mapped through the HAL and entered into the
 * pGPU's GGTT.  Shadow contexts, rings, batches and the engine owner's
 * status pages live there.
 */
#ifndef MGVT_MM_HOSTGM_H
#define MGVT_MM_HOSTGM_H

#include <linux/types.h>

#include "mm/hostgm_types.h"

struct mgvt_pgpu;

int mgvt_hostgm_init(struct mgvt_hostgm *hg, struct mgvt_pgpu *pgpu,
		     u64 aperture);
void mgvt_hostgm_fini(struct mgvt_hostgm *hg);
int mgvt_hostgm_alloc(struct mgvt_hostgm *hg, enum mgvt_gm_zone zone,
		      unsigned int npages, struct mgvt_gm_buf *buf);
void mgvt_hostgm_free(struct mgvt_hostgm *hg, struct mgvt_gm_buf *buf);
void mgvt_hostgm_usage(struct mgvt_hostgm *hg, unsigned long *used,
		       unsigned long *size, unsigned long *allocs);

void mgvt_gm_buf_write(struct mgvt_gm_buf *buf, size_t off, const void *src,
		       size_t len);
void mgvt_gm_buf_read(const struct mgvt_gm_buf *buf, size_t off, void *dst,
		      size_t len);
void mgvt_gm_buf_clear(struct mgvt_gm_buf *buf, size_t off, size_t len);
u32 mgvt_gm_buf_read32(const struct mgvt_gm_buf *buf, size_t off);
void mgvt_gm_buf_write32(struct mgvt_gm_buf *buf, size_t off, u32 val);

/* GM address of byte @off of @buf. */
static inline u64 mgvt_gm_buf_addr(const struct mgvt_gm_buf *buf, size_t off)
{
	return buf->gm + off;
}

#endif /* MGVT_MM_HOSTGM_H */

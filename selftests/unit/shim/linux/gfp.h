/* SPDX-License-Identifier: GPL-2.0 */
/* Pages are 4 KiB-aligned heap buffers (see mm_types.h). */
#ifndef MGVT_SHIM_GFP_H
#define MGVT_SHIM_GFP_H
#include <stdlib.h>
#include <string.h>
#include <linux/mm.h>
#define __GFP_ZERO 0x100
/* Tests may fail the allocation after this many more successes (-1: never). */
extern long shim_alloc_page_budget;
static inline struct page *alloc_page(int gfp)
{
	void *p;

	if (shim_alloc_page_budget == 0)
		return NULL;
	if (shim_alloc_page_budget > 0)
		shim_alloc_page_budget--;
	p = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, PAGE_SIZE);
	return p;
}
static inline void __free_page(struct page *page)
{
	free(page);
}
#endif

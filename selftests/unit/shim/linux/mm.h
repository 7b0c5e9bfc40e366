/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_SHIM_MM_H
#define MGVT_SHIM_MM_H
#include <stdint.h>
#include <stdlib.h>
#include <linux/mm_types.h>
#include <linux/types.h>
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define GFP_KERNEL 0
#ifndef GFP_KERNEL_ACCOUNT
#define GFP_KERNEL_ACCOUNT 0
#endif
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define offset_in_page(p) ((unsigned long)(p) & (PAGE_SIZE - 1))
#define READ_ONCE(x) (*(volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
static inline unsigned long page_to_pfn(const struct page *page)
{
	return (uintptr_t)page >> PAGE_SHIFT;
}
static inline struct page *pfn_to_page(unsigned long pfn)
{
	return (struct page *)(pfn << PAGE_SHIFT);
}
static inline void *page_address(const struct page *page)
{
	return (void *)page;
}
#endif

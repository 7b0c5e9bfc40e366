/* SPDX-License-Identifier: GPL-2.0 */
/* Fuzzing: pages are opaque addresses, never dereferenced. */
#ifndef MGVT_FUZZ_HIGHMEM_H
#define MGVT_FUZZ_HIGHMEM_H
#define __GFP_ZERO 0
struct page *alloc_page(int gfp);
void __free_page(struct page *page);
void clear_highpage(struct page *page);
/* Guest GM copies (mm/ggtt.c) serve the render path, which is not fuzzed here. */
static inline void *kmap_local_page(struct page *page)
{
	(void)page;
	__builtin_trap();
}
static inline void kunmap_local(const void *va)
{
	(void)va;
}
/* Page references for plane exports (mm/ggtt.c), not reached by fuzz_bar0. */
static inline void get_page(struct page *page)
{
	(void)page;
	__builtin_trap();
}
static inline void put_page(struct page *page)
{
	(void)page;
	__builtin_trap();
}
#endif

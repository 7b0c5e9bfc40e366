/* SPDX-License-Identifier: GPL-2.0 */
/*
 * In userspace a "struct page *" is the page-aligned address of a 4 KiB
 * buffer, and its pfn that address >> 12: enough for code that maps pages
 * and reaches them through page_address().
 */
#ifndef MGVT_SHIM_MM_TYPES_H
#define MGVT_SHIM_MM_TYPES_H
struct page;
#endif

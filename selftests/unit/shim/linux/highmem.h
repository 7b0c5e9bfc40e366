/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_SHIM_HIGHMEM_H
#define MGVT_SHIM_HIGHMEM_H
#include <linux/mm.h>
#define kmap_local_page(p) page_address(p)
#define kunmap_local(va) ((void)(va))
#endif

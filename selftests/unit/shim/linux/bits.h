/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_SHIM_BITS_H
#define MGVT_SHIM_BITS_H
#define BIT(n) (1UL << (n))
#define BIT_ULL(n) (1ULL << (n))
#define GENMASK_ULL(h, l) ((~0ULL >> (63 - (h))) & (~0ULL << (l)))
#define GENMASK(h, l) ((~0UL >> (63 - (h))) & (~0UL << (l)))
#define BITS_PER_LONG 64
#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_SHIM_MINMAX_H
#define MGVT_SHIM_MINMAX_H
#define U64_MAX (~0ULL)
#define U32_MAX (~0U)
#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
#define min_t(t, a, b) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#endif

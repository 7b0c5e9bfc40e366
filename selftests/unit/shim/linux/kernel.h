/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_SHIM_KERNEL_H
#define MGVT_SHIM_KERNEL_H
#include <linux/minmax.h>
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define max_t(t, a, b) ((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define clamp_t(t, v, lo, hi) min_t(t, max_t(t, v, lo), hi)
#endif

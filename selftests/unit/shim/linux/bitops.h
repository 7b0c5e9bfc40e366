/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_SHIM_BITOPS_H
#define MGVT_SHIM_BITOPS_H
#include <limits.h>
#define hweight32(x) ((unsigned int)__builtin_popcount((unsigned int)(x)))
#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_SHIM_LIMITS_H
#define MGVT_SHIM_LIMITS_H
#include_next <linux/limits.h>
#include <limits.h>
#endif

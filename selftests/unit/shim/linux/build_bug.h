/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_SHIM_BUILD_BUG_H
#define MGVT_SHIM_BUILD_BUG_H
#include <assert.h>	/* static_assert(expr, msg) */
#endif

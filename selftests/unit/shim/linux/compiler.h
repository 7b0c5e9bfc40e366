/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_SHIM_COMPILER_H
#define MGVT_SHIM_COMPILER_H
#include <linux/mm.h>
#endif

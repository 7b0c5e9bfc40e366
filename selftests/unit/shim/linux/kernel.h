/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_SHIM_KERNEL_H
#define MGVT_SHIM_KERNEL_H
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

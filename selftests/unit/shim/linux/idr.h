/* SPDX-License-Identifier: GPL-2.0 */
/* Only the type, for structures that embed one. */
#ifndef MGVT_SHIM_IDR_H
#define MGVT_SHIM_IDR_H
struct ida { int unused; };
#endif

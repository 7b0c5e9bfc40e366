/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_SHIM_SLAB_H
#define MGVT_SHIM_SLAB_H
#include <stdlib.h>
#define kcalloc(n, size, gfp) calloc((n), (size))
#define kzalloc(size, gfp) calloc(1, (size))
#define kfree(p) free(p)
#endif

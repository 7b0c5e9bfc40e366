/* SPDX-License-Identifier: GPL-2.0 */
#include <stdlib.h>
#define vzalloc(n) calloc(1, (n))
#define vfree(p) free(p)

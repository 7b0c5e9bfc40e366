/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_FUZZ_ERR_H
#define MGVT_FUZZ_ERR_H
#include <stdint.h>
#define MAX_ERRNO 4095
#define ERR_PTR(e) ((void *)(intptr_t)(e))
#define PTR_ERR(p) ((long)(intptr_t)(p))
#define IS_ERR(p) ((uintptr_t)(p) >= (uintptr_t)-MAX_ERRNO)
#endif

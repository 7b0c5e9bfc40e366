/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for <linux/types.h> when gvt/ core files are unit-tested. */
#ifndef MGVT_SHIM_TYPES_H
#define MGVT_SHIM_TYPES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef unsigned long long u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef long long s64;
typedef unsigned long long dma_addr_t;
#define __aligned(x) __attribute__((aligned(x)))
#endif

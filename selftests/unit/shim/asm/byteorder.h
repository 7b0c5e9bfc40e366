/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for <asm/byteorder.h>: the unit tests run on x86. */
#ifndef MGVT_SHIM_BYTEORDER_H
#define MGVT_SHIM_BYTEORDER_H
#include <endian.h>
#include <linux/types.h>
typedef uint16_t __le16;
typedef uint32_t __le32;
typedef uint64_t __le64;
#define le16_to_cpu(x) le16toh(x)
#define le32_to_cpu(x) le32toh(x)
#define le64_to_cpu(x) le64toh(x)
#define cpu_to_le16(x) htole16(x)
#define cpu_to_le32(x) htole32(x)
#define cpu_to_le64(x) htole64(x)
#endif

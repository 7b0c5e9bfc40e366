/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Little-endian byte-array access used by the virtual register files
 * (config space, BAR0).  Compiled in userspace by selftests/unit too.
 */
#ifndef MGVT_BYTES_H
#define MGVT_BYTES_H

#include <linux/types.h>

static inline u64 mgvt_load_le(const u8 *p, unsigned int len)
{
	u64 val = 0;
	unsigned int i;

	for (i = 0; i < len; i++)
		val |= (u64)p[i] << (8 * i);
	return val;
}

static inline void mgvt_store_le(u8 *p, u64 val, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		p[i] = val >> (8 * i);
}

/*
 * Length of the next naturally aligned piece (8, 4, 2 or 1 bytes) of an
 * access at @pos with @count bytes left.
 */
static inline unsigned int mgvt_access_piece(u64 pos, u64 count)
{
	unsigned int len;

	for (len = 8; len > 1; len >>= 1)
		if (count >= len && !(pos & (len - 1)))
			break;
	return len;
}

#endif /* MGVT_BYTES_H */

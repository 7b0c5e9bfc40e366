/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Little-endian access of 1, 2, 4 or 8 bytes, naturally aligned, used by
 * the virtual register files (config space, BAR0).  Compiled in userspace
 * by selftests/unit too.
 */
#ifndef MGVT_BYTES_H
#define MGVT_BYTES_H

#include <linux/types.h>
#include <asm/byteorder.h>

static inline u64 mgvt_load_le(const u8 *p, unsigned int len)
{
	switch (len) {
	case 8:
		return le64_to_cpu(*(const __le64 *)p);
	case 4:
		return le32_to_cpu(*(const __le32 *)p);
	case 2:
		return le16_to_cpu(*(const __le16 *)p);
	default:
		return *p;
	}
}

static inline void mgvt_store_le(u8 *p, u64 val, unsigned int len)
{
	switch (len) {
	case 8:
		*(__le64 *)p = cpu_to_le64(val);
		break;
	case 4:
		*(__le32 *)p = cpu_to_le32(val);
		break;
	case 2:
		*(__le16 *)p = cpu_to_le16(val);
		break;
	default:
		*p = val;
	}
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

/*
 * Does an access of @count bytes at @off stay inside a region of @size
 * bytes?  (An empty access inside the region does.)
 */
static inline bool mgvt_span_ok(u64 off, u64 count, u64 size)
{
	return off < size && count <= size - off;
}

#endif /* MGVT_BYTES_H */

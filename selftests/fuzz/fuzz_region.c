// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over the decoding of VFIO region accesses (gvt/vfio/vfio.c
 * with gvt/core/bytes.h): the file offset names a region (index << 40) and an
 * offset; an access is accepted only if it lies inside that region, and is
 * then split into naturally aligned pieces of 8, 4, 2 or 1 bytes.
 * Invariants, checked against 128-bit arithmetic: accepted exactly when
 * inside; the pieces tile the access exactly, each aligned to its size and
 * inside the region; no more pieces than bytes.
 */
#include <stdbool.h>

#include "core/bytes.h"
#include "fuzz_in.h"

#define REGION_SHIFT	40
#define NR_REGIONS	9

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	uint64_t sizes[NR_REGIONS];
	unsigned int i;

	for (i = 0; i < NR_REGIONS; i++)
		sizes[i] = in_u8(&in) & 1 ? (uint64_t)1 << (in_u8(&in) % 40) : in_u64(&in) >> (in_u8(&in) % 64);
	while (in.n) {
		int64_t pos = (int64_t)in_u64(&in);
		uint64_t count = in_u8(&in) & 1 ? in_u16(&in) : in_u64(&in);
		unsigned int index = (uint64_t)pos >> REGION_SHIFT;
		uint64_t off = (uint64_t)pos & (((uint64_t)1 << REGION_SHIFT) - 1);
		uint64_t rsize = index < NR_REGIONS ? sizes[index] : 0;
		bool ok = pos >= 0 && mgvt_span_ok(off, count, rsize);
		bool want = pos >= 0 && (unsigned __int128)off + count <= rsize && off < rsize;
		uint64_t done = 0, pieces = 0;

		FUZZ_CHECK(ok == want, "pos %#llx count %#llx size %#llx: accepted %d, should be %d",
			   (unsigned long long)pos, (unsigned long long)count,
			   (unsigned long long)rsize, ok, want);
		if (!ok || count > 1 << 16)
			continue;
		while (done < count) {
			unsigned int len = mgvt_access_piece(off + done, count - done);

			FUZZ_CHECK(len == 1 || len == 2 || len == 4 || len == 8, "piece of %u", len);
			FUZZ_CHECK(!((off + done) & (len - 1)), "unaligned piece at %#llx",
				   (unsigned long long)(off + done));
			FUZZ_CHECK(done + len <= count && off + done + len <= rsize,
				   "piece leaves the access");
			done += len;
			pieces++;
		}
		FUZZ_CHECK(done == count && pieces <= count, "pieces do not tile the access");
	}
	return 0;
}

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_SHIM_BITMAP_H
#define MGVT_SHIM_BITMAP_H
#include <stdlib.h>
#include <string.h>
#include <linux/bits.h>
#include <linux/mm.h>
#define BITS_TO_LONGS(n) (((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)
static inline unsigned long *bitmap_zalloc(unsigned int n, int gfp)
{
	return calloc(BITS_TO_LONGS(n), sizeof(unsigned long));
}
static inline void bitmap_free(unsigned long *p) { free(p); }
static inline void bitmap_zero(unsigned long *p, unsigned int n)
{
	memset(p, 0, BITS_TO_LONGS(n) * sizeof(unsigned long));
}
static inline void set_bit(unsigned long nr, unsigned long *p)
{
	__atomic_or_fetch(&p[nr / BITS_PER_LONG], 1UL << (nr % BITS_PER_LONG),
			  __ATOMIC_SEQ_CST);
}
static inline int test_and_set_bit(unsigned long nr, unsigned long *p)
{
	unsigned long m = 1UL << (nr % BITS_PER_LONG);

	return !!(__atomic_fetch_or(&p[nr / BITS_PER_LONG], m, __ATOMIC_SEQ_CST) & m);
}
static inline void clear_bit(unsigned long nr, unsigned long *p)
{
	__atomic_and_fetch(&p[nr / BITS_PER_LONG], ~(1UL << (nr % BITS_PER_LONG)),
			   __ATOMIC_SEQ_CST);
}
static inline int test_bit(unsigned long nr, const unsigned long *p)
{
	return (__atomic_load_n(&p[nr / BITS_PER_LONG], __ATOMIC_SEQ_CST) >>
		(nr % BITS_PER_LONG)) & 1;
}
#define for_each_set_bit(bit, addr, size)				\
	for ((bit) = 0; (bit) < (size); (bit)++)			\
		if (test_bit((bit), (addr)))
#endif

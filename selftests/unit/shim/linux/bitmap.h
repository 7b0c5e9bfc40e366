/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_SHIM_BITMAP_H
#define MGVT_SHIM_BITMAP_H
#include <stdlib.h>
#include <string.h>
#include <linux/bits.h>
#include <linux/compiler_attributes.h>
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
#define DECLARE_BITMAP(name, bits) unsigned long name[BITS_TO_LONGS(bits)]
static inline void __set_bit(unsigned long nr, unsigned long *p)
{
	p[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
}
static inline void bitmap_clear(unsigned long *p, unsigned int start, unsigned int n)
{
	for (; n; n--, start++)
		p[start / BITS_PER_LONG] &= ~(1UL << (start % BITS_PER_LONG));
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
/* First set bit at or after @bit, or @size: a word at a time (not traced). */
static SHIM_UNTRACED unsigned long find_next_bit(const unsigned long *p, unsigned long size,
					  unsigned long bit)
{
	while (bit < size) {
		unsigned long w = p[bit / BITS_PER_LONG] >> (bit % BITS_PER_LONG);

		if (w)
			return bit + __builtin_ctzl(w) < size ? bit + __builtin_ctzl(w) : size;
		bit = (bit / BITS_PER_LONG + 1) * BITS_PER_LONG;
	}
	return size;
}
static inline void bitmap_set(unsigned long *p, unsigned int start, unsigned int n)
{
	for (; n; n--, start++)
		p[start / BITS_PER_LONG] |= 1UL << (start % BITS_PER_LONG);
}
/* First fit of @nr clear bits in [@start, @size); @size or more if none. */
static inline unsigned long bitmap_find_next_zero_area(unsigned long *p,
		unsigned long size, unsigned long start, unsigned int nr,
		unsigned long align_mask)
{
	unsigned long i, run = 0;

	for (i = start; i < size; i++) {
		if (p[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG)))
			run = 0;
		else if (++run == nr)
			return i + 1 - nr;
	}
	return size;
}
static inline bool bitmap_empty(const unsigned long *p, unsigned long size)
{
	return find_next_bit(p, size, 0) == size;
}
#define for_each_set_bit(bit, addr, size)					\
	for ((bit) = find_next_bit((addr), (size), 0); (bit) < (size);		\
	     (bit) = find_next_bit((addr), (size), (bit) + 1))
#endif

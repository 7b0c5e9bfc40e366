/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the XArray operations gvt/ uses: an array of
 * (index, entry) pairs sorted by index, so lookups and ordered walks cost
 * O(log n) and an empty array costs nothing.  Value entries (xa_mk_value)
 * as in the kernel.  Not instrumented for fuzzing coverage: its branches
 * are the shim's, not mgvt's.
 */
#ifndef MGVT_SHIM_XARRAY_H
#define MGVT_SHIM_XARRAY_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/compiler_attributes.h>


struct xa_pair {
	unsigned long index;
	void *entry;
};

struct xarray {
	struct xa_pair *v;
	unsigned long n, cap;
};

static inline void *xa_mk_value(unsigned long v) { return (void *)((v << 1) | 1); }
static inline unsigned long xa_to_value(const void *e) { return (uintptr_t)e >> 1; }
static inline int xa_err(void *e) { (void)e; return 0; }
static inline int xa_is_err(const void *e) { (void)e; return 0; }

static inline void xa_init(struct xarray *xa)
{
	xa->v = NULL;
	xa->n = xa->cap = 0;
}

/* Position of the first pair whose index is >= @index. */
static SHIM_UNTRACED unsigned long xa_pos(const struct xarray *xa, unsigned long index)
{
	unsigned long lo = 0, hi = xa->n;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (xa->v[mid].index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static SHIM_UNTRACED void *xa_load(struct xarray *xa, unsigned long index)
{
	unsigned long i = xa_pos(xa, index);

	return i < xa->n && xa->v[i].index == index ? xa->v[i].entry : NULL;
}

static SHIM_UNTRACED void *xa_erase(struct xarray *xa, unsigned long index)
{
	unsigned long i = xa_pos(xa, index);
	void *old;

	if (i == xa->n || xa->v[i].index != index)
		return NULL;
	old = xa->v[i].entry;
	memmove(&xa->v[i], &xa->v[i + 1], (xa->n - i - 1) * sizeof(*xa->v));
	xa->n--;
	return old;
}

static SHIM_UNTRACED void *xa_store(struct xarray *xa, unsigned long index, void *entry, int gfp)
{
	unsigned long i = xa_pos(xa, index);
	void *old;

	(void)gfp;
	if (!entry)
		return xa_erase(xa, index);
	if (i < xa->n && xa->v[i].index == index) {
		old = xa->v[i].entry;
		xa->v[i].entry = entry;
		return old;
	}
	if (xa->n == xa->cap) {
		xa->cap = xa->cap ? 2 * xa->cap : 16;
		xa->v = realloc(xa->v, xa->cap * sizeof(*xa->v));
		if (!xa->v)
			abort();
	}
	memmove(&xa->v[i + 1], &xa->v[i], (xa->n - i) * sizeof(*xa->v));
	xa->v[i].index = index;
	xa->v[i].entry = entry;
	xa->n++;
	return NULL;
}

static inline int xa_empty(struct xarray *xa)
{
	return !xa->n;
}

/* The entry with the smallest index >= *index, or NULL; sets *index. */
static SHIM_UNTRACED void *xa_find_from(struct xarray *xa, unsigned long *index)
{
	unsigned long i = xa_pos(xa, *index);

	if (i == xa->n)
		return NULL;
	*index = xa->v[i].index;
	return xa->v[i].entry;
}

/* In index order; erasing the current entry is allowed, as in the kernel. */
#define xa_for_each(xa, index, entry)					\
	for ((index) = 0, (entry) = xa_find_from((xa), &(index)); (entry); \
	     (index)++, (entry) = (index) ? xa_find_from((xa), &(index)) : NULL)

static inline void xa_destroy(struct xarray *xa)
{
	free(xa->v);
	xa_init(xa);
}
#endif

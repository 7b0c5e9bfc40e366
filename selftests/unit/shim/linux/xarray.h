/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for the XArray operations gvt/ uses: a chained hash
 * of unsigned long keys.  Value entries (xa_mk_value) as in the kernel.
 */
#ifndef MGVT_SHIM_XARRAY_H
#define MGVT_SHIM_XARRAY_H
#include <stdint.h>
#include <stdlib.h>

#define XA_BUCKETS 4096

struct xa_node {
	unsigned long index;
	void *entry;
	struct xa_node *next;
};

struct xarray {
	struct xa_node *bucket[XA_BUCKETS];
};

static inline void *xa_mk_value(unsigned long v) { return (void *)((v << 1) | 1); }
static inline unsigned long xa_to_value(const void *e) { return (uintptr_t)e >> 1; }
static inline int xa_err(void *e) { (void)e; return 0; }

static inline void xa_init(struct xarray *xa)
{
	unsigned int i;

	for (i = 0; i < XA_BUCKETS; i++)
		xa->bucket[i] = NULL;
}

static inline struct xa_node **xa_slot(struct xarray *xa, unsigned long index)
{
	struct xa_node **pp = &xa->bucket[index % XA_BUCKETS];

	while (*pp && (*pp)->index != index)
		pp = &(*pp)->next;
	return pp;
}

static inline void *xa_load(struct xarray *xa, unsigned long index)
{
	struct xa_node *n = *xa_slot(xa, index);

	return n ? n->entry : NULL;
}

static inline void *xa_erase(struct xarray *xa, unsigned long index)
{
	struct xa_node **pp = xa_slot(xa, index), *n = *pp;
	void *old;

	if (!n)
		return NULL;
	old = n->entry;
	*pp = n->next;
	free(n);
	return old;
}

static inline void *xa_store(struct xarray *xa, unsigned long index,
			     void *entry, int gfp)
{
	struct xa_node **pp = xa_slot(xa, index);
	void *old;

	(void)gfp;
	if (!entry)
		return xa_erase(xa, index);
	if (*pp) {
		old = (*pp)->entry;
		(*pp)->entry = entry;
		return old;
	}
	*pp = calloc(1, sizeof(**pp));
	if (!*pp)
		abort();
	(*pp)->index = index;
	(*pp)->entry = entry;
	return NULL;
}

static inline int xa_is_err(const void *e) { (void)e; return 0; }

static inline int xa_empty(struct xarray *xa)
{
	unsigned int i;

	for (i = 0; i < XA_BUCKETS; i++)
		if (xa->bucket[i])
			return 0;
	return 1;
}

/* The entry with the smallest index >= *index, or NULL; sets *index. */
static inline void *xa_find_from(struct xarray *xa, unsigned long *index)
{
	struct xa_node *best = NULL, *n;
	unsigned int i;

	for (i = 0; i < XA_BUCKETS; i++)
		for (n = xa->bucket[i]; n; n = n->next)
			if (n->index >= *index && (!best || n->index < best->index))
				best = n;
	if (!best)
		return NULL;
	*index = best->index;
	return best->entry;
}

/* In index order; erasing the current entry is allowed, as in the kernel. */
#define xa_for_each(xa, index, entry)					\
	for ((index) = 0, (entry) = xa_find_from((xa), &(index)); (entry); \
	     (index)++, (entry) = (index) ? xa_find_from((xa), &(index)) : NULL)

static inline void xa_destroy(struct xarray *xa)
{
	unsigned int i;

	for (i = 0; i < XA_BUCKETS; i++)
		while (xa->bucket[i])
			xa_erase(xa, xa->bucket[i]->index);
}
#endif

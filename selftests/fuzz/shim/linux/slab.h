/* SPDX-License-Identifier: GPL-2.0 */
/* Fuzzing: slab caches are malloc with a live-object count. */
#ifndef MGVT_FUZZ_SLAB_H
#define MGVT_FUZZ_SLAB_H
#include <stdlib.h>
struct kmem_cache {
	size_t size;
	long live;
};
#define SLAB_ACCOUNT 0
#define KMEM_CACHE(type, flags) fuzz_kmem_cache_create(sizeof(struct type))
struct kmem_cache *fuzz_kmem_cache_create(size_t size);
void *kmem_cache_alloc(struct kmem_cache *c, int gfp);
void kmem_cache_free(struct kmem_cache *c, void *p);
void kmem_cache_destroy(struct kmem_cache *c);
#define kzalloc(size, gfp) calloc(1, size)
#define kcalloc(n, size, gfp) calloc((n), (size))
#define kfree(p) free(p)
#endif

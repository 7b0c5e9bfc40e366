// SPDX-License-Identifier: GPL-2.0
/*
 * The few VFS and page-allocator calls of the files under test, as a model:
 * pages are opaque addresses, anonymous files a pointer and a release that
 * fput() defers to the model's "return to user mode".
 */
#include <stdlib.h>
#include <linux/anon_inodes.h>
#include <linux/err.h>
#include <linux/highmem.h>

#include "fuzz_env.h"
#include "fuzz_in.h"

#define FUZZ_PAGES_BASE	(3ULL << 45)	/* pages from alloc_page() */

static unsigned long pages_allocated, pages_live;
static struct file *deferred;
static long open_files;

struct page *alloc_page(int gfp)
{
	(void)gfp;
	pages_live++;
	return (struct page *)(uintptr_t)(FUZZ_PAGES_BASE + (++pages_allocated << 12));
}

void __free_page(struct page *page)
{
	FUZZ_CHECK((uintptr_t)page >= FUZZ_PAGES_BASE && pages_live > 0,
		   "__free_page of %p, not from alloc_page()", (void *)page);
	pages_live--;
}

void clear_highpage(struct page *page)
{
	(void)page;
}

struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, int flags)
{
	struct file *f = calloc(1, sizeof(*f));

	(void)name;
	(void)flags;
	if (!f)
		return ERR_PTR(-ENOMEM);
	f->f_op = fops;
	f->private_data = priv;
	open_files++;
	return f;
}

void fput(struct file *file)
{
	file->next_release = deferred;
	deferred = file;
}

void fuzz_return_to_user(void)
{
	while (deferred) {
		struct file *f = deferred;

		deferred = f->next_release;
		f->f_op->release(NULL, f);
		free(f);
		open_files--;
	}
}

long fuzz_open_files(void)
{
	return open_files;
}

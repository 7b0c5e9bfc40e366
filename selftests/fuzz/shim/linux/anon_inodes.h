/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzzing: an anonymous file is a private pointer and a release; fput()
 * of the last reference runs the release when the calling "task" returns
 * to user space, which the model marks with fuzz_return_to_user().
 */
#ifndef MGVT_FUZZ_ANON_INODES_H
#define MGVT_FUZZ_ANON_INODES_H
#include <linux/fs.h>
struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, int flags);
#endif

/* SPDX-License-Identifier: GPL-2.0 */
/* Fuzzing: no debugfs; the show functions are still compiled. */
#ifndef MGVT_FUZZ_DEBUGFS_H
#define MGVT_FUZZ_DEBUGFS_H
#include <linux/seq_file.h>
struct dentry;
struct file_operations {
	int (*show)(struct seq_file *m, void *unused);
};
#define debugfs_create_file(name, mode, dir, data, fops) \
	((void)(name), (void)(mode), (void)(dir), (void)(data), (void)(fops))
#endif

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_FUZZ_FS_H
#define MGVT_FUZZ_FS_H
struct inode;
struct file;
struct file_operations {
	void *owner;
	int (*release)(struct inode *inode, struct file *file);
};
struct file {
	const struct file_operations *f_op;
	void *private_data;
	struct file *next_release;
};
#define THIS_MODULE NULL
#define O_RDONLY 0
void fput(struct file *file);
/* Run the releases fput() deferred, as a return to user mode does. */
void fuzz_return_to_user(void);
/* Anonymous files not released yet. */
long fuzz_open_files(void);
#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The native client: the HAL's own client, the baseline of "vGPU vs native"
 * and a self-test of the pGPU.
 */
#ifndef MGVT_NATIVE_NATIVE_H
#define MGVT_NATIVE_NATIVE_H

#include <linux/fs.h>

struct mgvt_pgpu;

/* Test hooks, created by core/debugfs.c with the module's debug on. */
extern const struct file_operations mgvt_native_fops;
extern const struct file_operations mgvt_native_buffer_fops;

int mgvt_native_init(struct mgvt_pgpu *pgpu);
void mgvt_native_fini(struct mgvt_pgpu *pgpu);

#endif /* MGVT_NATIVE_NATIVE_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The native client: the HAL's own client, the baseline of "vGPU vs native"
 * and a self-test of the pGPU.
 */
#ifndef MGVT_NATIVE_NATIVE_H
#define MGVT_NATIVE_NATIVE_H

struct dentry;
struct mgvt_pgpu;

int mgvt_native_init(struct mgvt_pgpu *pgpu, struct dentry *root);
void mgvt_native_fini(struct mgvt_pgpu *pgpu);

#endif /* MGVT_NATIVE_NATIVE_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mdev driver behind every mgvt type and each pGPU's mdev parent.
 */
#ifndef MGVT_VFIO_MDEV_H
#define MGVT_VFIO_MDEV_H

struct device;
struct mgvt_pgpu;
struct mgvt_type_conf;

int mgvt_mdev_register(void);
void mgvt_mdev_unregister(void);
int mgvt_mdev_parent_add(struct mgvt_pgpu *pgpu);
void mgvt_mdev_parent_remove(struct mgvt_pgpu *pgpu);
void mgvt_mdev_type_of(struct device *dev, struct mgvt_pgpu **pgpu,
		       const struct mgvt_type_conf **conf);

#endif /* MGVT_VFIO_MDEV_H */

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_FUZZ_MDEV_H
#define MGVT_FUZZ_MDEV_H
#include <linux/device.h>
struct mdev_type {
	const char *sysfs_name;
	const char *pretty_name;
};
struct mdev_parent {
	struct device *dev;
};
#endif

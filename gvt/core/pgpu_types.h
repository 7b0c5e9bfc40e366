/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct mgvt_pgpu: a registered physical GPU and its vGPU types.
 */
#ifndef MGVT_CORE_PGPU_TYPES_H
#define MGVT_CORE_PGPU_TYPES_H

#include <linux/idr.h>
#include <linux/mutex.h>

#include "hal.h"
#include "mm/gm.h"
#include "mm/hostgm_types.h"
#include "native/native_types.h"
#include "render/engine_types.h"

#define MGVT_MAX_TYPES		8

/**
 * struct mgvt_type_conf - a vGPU type, as GVT-g describes its types
 * @name: type name, the sysfs directory is "mgvt-<name>"
 * @low_mb: low (mappable) GM in MiB
 * @high_mb: high (hidden) GM in MiB
 * @fences: fence registers
 * @resolution: largest display resolution offered
 * @weight: scheduler weight
 */
struct mgvt_type_conf {
	const char *name;
	u32 low_mb;
	u32 high_mb;
	u32 fences;
	const char *resolution;
	u32 weight;
};

struct dentry;
struct mgvt_mdev_parent;

/**
 * struct mgvt_pgpu - a registered physical GPU
 * @desc: what the provider registered
 * @types: the types that fit this pGPU
 * @nr_types: how many
 * @fe: its front end, the mdev parent on @desc.dev (vfio/mdev.c)
 * @lock: protects @pool and @ids
 * @pool: free GM and fences
 * @ids: vGPU ids (vgt_id in PVINFO)
 * @hostgm: the host's own GM, for the engine owner, shadows and the
 *	native client
 * @engines: the owners of its engines
 * @native: the native client
 * @debugfs: its debugfs directory, mgvt/<device>
 * @golden: register values captured at registration, after the pGPU's
 *	reset and before any vGPU exists (MF_GOLDEN registers only)
 */
struct mgvt_pgpu {
	struct mgvt_pgpu_desc desc;
	const struct mgvt_type_conf *types[MGVT_MAX_TYPES];
	unsigned int nr_types;
	struct mgvt_mdev_parent *fe;
	struct mutex lock; /* protects pool and ids */
	struct mgvt_gm_pool pool;
	struct ida ids;
	struct mgvt_hostgm hostgm;
	struct mgvt_engines engines;
	struct mgvt_native native;
	struct dentry *debugfs;
	u32 *golden;
};

#endif /* MGVT_CORE_PGPU_TYPES_H */

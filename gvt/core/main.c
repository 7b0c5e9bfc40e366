// SPDX-License-Identifier: GPL-2.0
/*
 * mgvt: mediated pass-through virtualization of Intel Gen9 GPUs.
 *
 * This file holds the module and pGPU registration (the HAL entry point a
 * provider calls) with the GVT-g style vGPU types that fit each pGPU.  It
 * is the one file outside vfio/ that calls into the front end: to register
 * the mdev driver at load and each pGPU's mdev parent.
 */
#include <linux/device.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/vmalloc.h>

#include "core/debugfs.h"
#include "core/pgpu.h"
#include "core/pgpu_types.h"
#include "core/pirq.h"
#include "hal.h"
#include "mm/ggtt.h"
#include "mm/gm.h"
#include "mm/hostgm.h"
#include "native/native.h"
#include "render/engine.h"
#include "trap/mmio.h"
#include "trap/mmio_table.h"
#include "vfio/mdev.h"

/*
 * vGPU types.  The first four are GVT-g's own, with its names and sizes,
 * so that tools and users see what they know; the last two are denser
 * types of ours.  Weight follows GVT-g: 16 / nominal instance count.
 */
static const struct mgvt_type_conf mgvt_type_confs[] = {
	{ "GVTg_V5_8",   64,  384, 4, "1024x768",   2 },
	{ "GVTg_V5_4",  128,  512, 4, "1920x1200",  4 },
	{ "GVTg_V5_2",  256, 1024, 4, "1920x1200",  8 },
	{ "GVTg_V5_1",  512, 2048, 4, "1920x1200", 16 },
	{ "MGVT_V5_16",  32,  128, 2, "1024x768",   1 },
	{ "MGVT_V5_32",  16,   64, 1, "1024x768",   1 },
};

static_assert(ARRAY_SIZE(mgvt_type_confs) <= MGVT_MAX_TYPES);

/**
 * mgvt_type_need - what one vGPU of a type takes from its pGPU
 * @conf: the type
 *
 * Return: its GM and fences.
 */
struct mgvt_gm_need mgvt_type_need(const struct mgvt_type_conf *conf)
{
	return (struct mgvt_gm_need) {
		.low = (u64)conf->low_mb * SZ_1M,
		.high = (u64)conf->high_mb * SZ_1M,
		.fences = conf->fences,
	};
}

/**
 * mgvt_type_available - how many more vGPUs of a type fit a pGPU now
 * @pgpu: the pGPU
 * @conf: the type
 *
 * Return: the count (sysfs available_instances).
 */
unsigned int mgvt_type_available(struct mgvt_pgpu *pgpu,
				 const struct mgvt_type_conf *conf)
{
	struct mgvt_gm_need need = mgvt_type_need(conf);
	unsigned int n;

	mutex_lock(&pgpu->lock);
	n = mgvt_gm_available(&pgpu->pool, &need);
	mutex_unlock(&pgpu->lock);
	return n;
}

/**
 * mgvt_pgpu_free_res - what a pGPU has free for new vGPUs now
 * @pgpu: the pGPU
 * @low: set to its free low GM in bytes
 * @high: set to its free high GM in bytes
 * @fences: set to its free fences
 *
 * Takes pgpu->lock, so the three figures are one snapshot (sysfs mgvt/ of
 * the parent device).
 */
void mgvt_pgpu_free_res(struct mgvt_pgpu *pgpu, u64 *low, u64 *high,
			u32 *fences)
{
	mutex_lock(&pgpu->lock);
	mgvt_gm_pool_free(&pgpu->pool, low, high, fences);
	mutex_unlock(&pgpu->lock);
}

/*
 * Every user of host GM has given it back by now; a range still held means
 * pages still mapped for the GPU: keep them (and say so) rather than free.
 */
static void pgpu_hostgm_fini(struct mgvt_pgpu *pgpu)
{
	unsigned long used[MGVT_GM_ZONES], size[MGVT_GM_ZONES], allocs;

	mgvt_hostgm_usage(&pgpu->hostgm, used, size, &allocs);
	if (allocs) {
		dev_err(pgpu->desc.dev, "host GM: %lu ranges (%lu low, %lu high pages) still allocated, leaked\n",
			allocs, used[MGVT_GM_LOW], used[MGVT_GM_HIGH]);
		return;
	}
	mgvt_hostgm_fini(&pgpu->hostgm);
}

/**
 * mgvt_register_pgpu - make a physical GPU available for vGPUs
 * @desc: the provider's description; copied
 *
 * Offers every type that fits the pGPU's GM and fences after the host's
 * reserve, through an mdev parent on @desc->dev.  The provider module is
 * pinned by each vGPU created on it.
 *
 * Return: the pGPU handle or an ERR_PTR().
 */
struct mgvt_pgpu *mgvt_register_pgpu(const struct mgvt_pgpu_desc *desc)
{
	struct mgvt_pgpu *pgpu;
	unsigned int i;
	int ret;

	if (!desc || !desc->dev || !desc->ops || !desc->name ||
	    !desc->ops->read32 || !desc->ops->write32 || !desc->ops->read64 ||
	    !desc->ops->write_pte || !desc->ops->dma_map ||
	    !desc->ops->dma_unmap || !desc->ops->aperture_page)
		return ERR_PTR(-EINVAL);

	pgpu = kzalloc(sizeof(*pgpu), GFP_KERNEL);
	if (!pgpu)
		return ERR_PTR(-ENOMEM);
	pgpu->desc = *desc;
	mutex_init(&pgpu->lock);
	ida_init(&pgpu->ids);

	ret = mgvt_gm_pool_init(&pgpu->pool, desc->aperture_size,
				desc->num_fences);
	if (ret) {
		dev_err(desc->dev, "unusable geometry: aperture %llu MiB, %u fences\n",
			desc->aperture_size / SZ_1M, desc->num_fences);
		goto err_free;
	}

	for (i = 0; i < ARRAY_SIZE(mgvt_type_confs); i++) {
		const struct mgvt_type_conf *conf = &mgvt_type_confs[i];
		struct mgvt_gm_need need = mgvt_type_need(conf);

		if (!mgvt_gm_fits_empty(&pgpu->pool, &need)) {
			dev_info(desc->dev, "type %s does not fit, not offered\n",
				 conf->name);
			continue;
		}
		pgpu->types[pgpu->nr_types++] = conf;
	}
	if (!pgpu->nr_types) {
		dev_err(desc->dev, "no vGPU type fits this GPU\n");
		ret = -ENOSPC;
		goto err_free;
	}

	ret = mgvt_mmio_golden_capture(pgpu);
	if (ret)
		goto err_free;
	ret = mgvt_hostgm_init(&pgpu->hostgm, pgpu, desc->aperture_size);
	if (ret)
		goto err_free;
	ret = mgvt_engines_init(pgpu);
	if (ret)
		goto err_hostgm;
	mgvt_pirq_enable(pgpu);
	ret = mgvt_native_init(pgpu);
	if (ret)
		goto err_engines;
	mgvt_debugfs_pgpu_add(pgpu);
	ret = mgvt_mdev_parent_add(pgpu);
	if (ret)
		goto err_native;

	dev_info(desc->dev, "pGPU %s (%04x:%04x) registered: aperture %llu MiB, %u fences, %u vGPU types\n",
		 desc->name, desc->vendor, desc->device,
		 desc->aperture_size / SZ_1M, desc->num_fences, pgpu->nr_types);
	return pgpu;

err_native:
	mgvt_debugfs_pgpu_remove(pgpu);
	mgvt_engines_shutdown(pgpu);
	mgvt_native_fini(pgpu);
err_engines:
	mgvt_pirq_disable(pgpu);
	mgvt_engines_fini(pgpu);
err_hostgm:
	pgpu_hostgm_fini(pgpu);
err_free:
	vfree(pgpu->golden);
	ida_destroy(&pgpu->ids);
	mutex_destroy(&pgpu->lock);
	kfree(pgpu);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_GPL(mgvt_register_pgpu);

/**
 * mgvt_unregister_pgpu - withdraw a physical GPU
 * @pgpu: handle from mgvt_register_pgpu()
 *
 * Removes every vGPU on it first (waiting for their users to close them).
 */
void mgvt_unregister_pgpu(struct mgvt_pgpu *pgpu)
{
	mgvt_mdev_parent_remove(pgpu);
	mgvt_debugfs_pgpu_remove(pgpu);
	mgvt_engines_shutdown(pgpu);
	mgvt_native_fini(pgpu);
	mgvt_pirq_disable(pgpu);
	mgvt_engines_fini(pgpu);
	pgpu_hostgm_fini(pgpu);
	dev_info(pgpu->desc.dev, "pGPU %s unregistered\n", pgpu->desc.name);
	vfree(pgpu->golden);
	ida_destroy(&pgpu->ids);
	mutex_destroy(&pgpu->lock);
	kfree(pgpu);
}
EXPORT_SYMBOL_GPL(mgvt_unregister_pgpu);

/**
 * mgvt_pgpu_ops - the provider's ops, for the mgvt_hal_*() accessors
 * @pgpu: a registered pGPU
 *
 * Return: the ops it registered.
 */
const struct mgvt_hal_ops *mgvt_pgpu_ops(const struct mgvt_pgpu *pgpu)
{
	return pgpu->desc.ops;
}

/**
 * mgvt_pgpu_priv - the provider's private pointer
 * @pgpu: handle from mgvt_register_pgpu()
 *
 * Return: @desc->priv as registered.
 */
void *mgvt_pgpu_priv(struct mgvt_pgpu *pgpu)
{
	return pgpu->desc.priv;
}
EXPORT_SYMBOL_GPL(mgvt_pgpu_priv);

static int __init mgvt_init(void)
{
	int ret;

	ret = mgvt_mmio_table_init();
	if (ret)
		return ret;
	ret = mgvt_ggtt_cache_init();
	if (ret)
		goto err_table;
	mgvt_debugfs_init();
	ret = mgvt_mdev_register();
	if (ret)
		goto err_debugfs;
	pr_info("mgvt %s loaded\n", MGVT_VERSION);
	return 0;

err_debugfs:
	mgvt_debugfs_exit();
	mgvt_ggtt_cache_fini();
err_table:
	mgvt_mmio_table_fini();
	return ret;
}

static void __exit mgvt_exit(void)
{
	mgvt_mdev_unregister();
	mgvt_debugfs_exit();
	mgvt_ggtt_cache_fini();
	mgvt_mmio_table_fini();
}

module_init(mgvt_init);
module_exit(mgvt_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The mgvt authors");
MODULE_DESCRIPTION("Mediated pass-through virtualization of Intel Gen9 GPUs (GVT-g compatible vGPUs over VFIO/mdev)");
MODULE_VERSION(MGVT_VERSION);
MODULE_SOFTDEP("pre: vfio_iommu_type1");

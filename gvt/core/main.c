// SPDX-License-Identifier: GPL-2.0
/*
 * mgvt: mediated pass-through virtualization of Intel Gen9 GPUs.
 *
 * This file holds the module, pGPU registration (the HAL entry point a
 * provider calls), the mdev parent with its GVT-g style types, and the
 * vGPU life cycle behind mdev create/remove.
 */
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/vmalloc.h>

#include "core/log.h"
#include "core/pgpu_types.h"
#include "core/pirq.h"
#include "core/stats.h"
#include "core/vgpu.h"
#include "core/vgpu_types.h"
#include "mm/aperture.h"
#include "mm/ggtt.h"
#include "mm/gm.h"
#include "native/native.h"
#include "trap/cfg.h"
#include "trap/fence.h"
#include "trap/mmio.h"
#include "trap/pvinfo.h"
#include "trap/virq.h"
#include "vfio/irq.h"
#include "vfio/vfio.h"

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

#define MGVT_VERSION	"0.1.0"

static struct dentry *mgvt_debugfs;

static struct mgvt_gm_need type_need(const struct mgvt_type_conf *conf)
{
	return (struct mgvt_gm_need) {
		.low = (u64)conf->low_mb * SZ_1M,
		.high = (u64)conf->high_mb * SZ_1M,
		.fences = conf->fences,
	};
}

static struct mgvt_pgpu *to_pgpu(struct mdev_type *mtype)
{
	return container_of(mtype->parent, struct mgvt_pgpu, parent);
}

static const struct mgvt_type_conf *to_conf(struct mdev_type *mtype)
{
	return container_of(mtype, struct mgvt_type, mtype)->conf;
}

/**
 * mgvt_vgpu_init - build a vGPU when its VFIO device is allocated
 * @vgpu: the zeroed vGPU; its vdev.dev is the mdev's device
 *
 * Takes the type's share of GM and fences, a reference on the provider
 * module and sets up the virtual device in its after-reset state.
 *
 * Return: 0, -ENOSPC when the pGPU has no room for one more of this type,
 * or another negative errno.
 */
int mgvt_vgpu_init(struct mgvt_vgpu *vgpu)
{
	struct mdev_device *mdev = to_mdev_device(vgpu->vdev.dev);
	struct mgvt_pgpu *pgpu = to_pgpu(mdev->type);
	const struct mgvt_type_conf *conf = to_conf(mdev->type);
	struct mgvt_gm_need need = type_need(conf);
	struct mgvt_cfg_id id = {
		.vendor = pgpu->desc.vendor,
		.device = pgpu->desc.device,
		.subsystem_vendor = pgpu->desc.subsystem_vendor,
		.subsystem_device = pgpu->desc.subsystem_device,
		.revision = pgpu->desc.revision,
		.bar0_size = MGVT_MMIO_BAR_SIZE,
		.bar2_size = pgpu->desc.aperture_size,
	};
	enum mgvt_gm_res short_of;
	int ret;

	vgpu->pgpu = pgpu;
	vgpu->type = conf;
	mutex_init(&vgpu->lock);

	if (!try_module_get(pgpu->desc.owner))
		return -ENODEV;

	mutex_lock(&pgpu->lock);
	ret = mgvt_gm_alloc(&pgpu->pool, &need, &vgpu->slice, &short_of);
	if (ret) {
		mutex_unlock(&pgpu->lock);
		dev_err(vgpu->vdev.dev,
			"cannot create a %s vGPU on %s: out of %s (needs %u MiB low GM, %u MiB high GM, %u fences)\n",
			conf->name, pgpu->desc.name, mgvt_gm_res_name(short_of),
			conf->low_mb, conf->high_mb, conf->fences);
		goto err_put_module;
	}
	ret = ida_alloc_min(&pgpu->ids, 1, GFP_KERNEL);
	mutex_unlock(&pgpu->lock);
	if (ret < 0)
		goto err_free_gm;
	vgpu->id = ret;

	vgpu->scratch = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!vgpu->scratch) {
		ret = -ENOMEM;
		goto err_free_id;
	}
	ret = mgvt_mmio_init(vgpu);
	if (ret)
		goto err_free_scratch;
	mgvt_aperture_init(vgpu);
	ret = mgvt_ggtt_init(vgpu);
	if (ret)
		goto err_mmio_fini;

	mgvt_cfg_reset(&vgpu->cfg, &id);
	mgvt_vgpu_reset(vgpu);
	atomic_long_set(&vgpu->cnt.resets, 0);
	vgpu->debugfs = debugfs_create_dir(dev_name(vgpu->vdev.dev),
					   pgpu->native.dir);
	mgvt_virq_debugfs(vgpu);
	mgvt_pvinfo_debugfs(vgpu);
	mgvt_fence_debugfs(vgpu);
	mgvt_counters_debugfs(vgpu);
	atomic_long_inc(&mgvt_stats.vgpus);
	vgpu_info(vgpu, "created, type %s: low GM %#llx+%lluM, high GM %#llx+%lluM, fences %#x\n",
		  conf->name, vgpu->slice.low_base, vgpu->slice.low_size / SZ_1M,
		  vgpu->slice.high_base, vgpu->slice.high_size / SZ_1M,
		  vgpu->slice.fence_mask);
	return 0;

err_mmio_fini:
	mgvt_mmio_fini(vgpu);
err_free_scratch:
	__free_page(vgpu->scratch);
err_free_id:
	ida_free(&pgpu->ids, vgpu->id);
err_free_gm:
	mutex_lock(&pgpu->lock);
	mgvt_gm_free(&pgpu->pool, &vgpu->slice);
	mutex_unlock(&pgpu->lock);
err_put_module:
	module_put(pgpu->desc.owner);
	return ret;
}

/**
 * mgvt_vgpu_fini - tear a vGPU down when its VFIO device is released
 * @vgpu: a vGPU that mgvt_vgpu_init() set up
 */
void mgvt_vgpu_fini(struct mgvt_vgpu *vgpu)
{
	struct mgvt_pgpu *pgpu = vgpu->pgpu;

	vgpu_info(vgpu, "destroyed\n");
	atomic_long_dec(&mgvt_stats.vgpus);
	debugfs_remove_recursive(vgpu->debugfs);
	mgvt_fence_reset(vgpu);		/* nothing of ours stays on the pGPU */
	mgvt_ggtt_fini(vgpu);
	mgvt_mmio_fini(vgpu);
	__free_page(vgpu->scratch);
	mutex_lock(&pgpu->lock);
	mgvt_gm_free(&pgpu->pool, &vgpu->slice);
	ida_free(&pgpu->ids, vgpu->id);
	mutex_unlock(&pgpu->lock);
	module_put(pgpu->desc.owner);
	mutex_destroy(&vgpu->lock);
}

/**
 * mgvt_vgpu_reset - device-level reset: back to the after-create state
 * @vgpu: the vGPU
 *
 * Config space, BAR0 (registers, GGTT view, PVINFO) and the interrupt line
 * return to their initial values and every pinned guest page is released;
 * the user's eventfds stay installed.
 */
void mgvt_vgpu_reset(struct mgvt_vgpu *vgpu)
{
	atomic_long_inc(&vgpu->cnt.resets);
	mgvt_ggtt_reset(vgpu);
	mutex_lock(&vgpu->lock);
	mgvt_cfg_reset(&vgpu->cfg, &vgpu->cfg.id);
	mgvt_mmio_reset(vgpu);
	mgvt_irq_reset(vgpu);
	mutex_unlock(&vgpu->lock);
}

static int mgvt_mdev_probe(struct mdev_device *mdev)
{
	struct mgvt_vgpu *vgpu;
	int ret;

	vgpu = vfio_alloc_device(mgvt_vgpu, vdev, &mdev->dev, &mgvt_vfio_ops);
	if (IS_ERR(vgpu))
		return PTR_ERR(vgpu);

	dev_set_drvdata(&mdev->dev, vgpu);
	ret = vfio_register_emulated_iommu_dev(&vgpu->vdev);
	if (ret) {
		vfio_put_device(&vgpu->vdev);
		return ret;
	}
	return 0;
}

static void mgvt_mdev_remove(struct mdev_device *mdev)
{
	struct mgvt_vgpu *vgpu = dev_get_drvdata(&mdev->dev);

	/* Blocks, calling .request, until the user has closed the device. */
	vfio_unregister_group_dev(&vgpu->vdev);
	vfio_put_device(&vgpu->vdev);
}

static unsigned int mgvt_mdev_get_available(struct mdev_type *mtype)
{
	struct mgvt_pgpu *pgpu = to_pgpu(mtype);
	struct mgvt_gm_need need = type_need(to_conf(mtype));
	unsigned int n;

	mutex_lock(&pgpu->lock);
	n = mgvt_gm_available(&pgpu->pool, &need);
	mutex_unlock(&pgpu->lock);
	return n;
}

static ssize_t mgvt_mdev_show_description(struct mdev_type *mtype, char *buf)
{
	const struct mgvt_type_conf *conf = to_conf(mtype);

	return sysfs_emit(buf,
			  "low_gm_size: %uMB\nhigh_gm_size: %uMB\nfence: %u\nresolution: %s\nweight: %u\n",
			  conf->low_mb, conf->high_mb, conf->fences,
			  conf->resolution, conf->weight);
}

static ssize_t vgpu_id_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct mgvt_vgpu *vgpu = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u\n", vgpu->id);
}
static DEVICE_ATTR_RO(vgpu_id);

static struct attribute *mgvt_mdev_attrs[] = {
	&dev_attr_vgpu_id.attr,
	NULL,
};

static const struct attribute_group mgvt_mdev_group = {
	.name = "mgvt",
	.attrs = mgvt_mdev_attrs,
};

static const struct attribute_group *mgvt_mdev_groups[] = {
	&mgvt_mdev_group,
	NULL,
};

/**
 * DOC: mgvt_mdev_driver
 *
 * The mdev driver behind every mgvt type.
 *
 * probe/remove create and destroy a vGPU; get_available and
 * show_description feed the type's sysfs attributes.
 */
static struct mdev_driver mgvt_mdev_driver = {
	.device_api = VFIO_DEVICE_API_PCI_STRING,
	.driver = {
		.name = "mgvt_vgpu",
		.owner = THIS_MODULE,
		.mod_name = KBUILD_MODNAME,
		.dev_groups = mgvt_mdev_groups,
	},
	.probe = mgvt_mdev_probe,
	.remove = mgvt_mdev_remove,
	.get_available = mgvt_mdev_get_available,
	.show_description = mgvt_mdev_show_description,
};

/**
 * mgvt_register_pgpu - make a physical GPU available for vGPUs
 * @desc: the provider's description; copied
 *
 * Registers an mdev parent on @desc->dev with every type that fits the
 * pGPU's GM and fences after the host's reserve.  The provider module is
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
		struct mgvt_gm_need need = type_need(conf);
		struct mgvt_type *type = &pgpu->types[pgpu->nr_types];

		if (!mgvt_gm_fits_empty(&pgpu->pool, &need)) {
			dev_info(desc->dev, "type %s does not fit, not offered\n",
				 conf->name);
			continue;
		}
		type->conf = conf;
		type->mtype.sysfs_name = conf->name;
		pgpu->mtypes[pgpu->nr_types++] = &type->mtype;
	}
	if (!pgpu->nr_types) {
		dev_err(desc->dev, "no vGPU type fits this GPU\n");
		ret = -ENOSPC;
		goto err_free;
	}

	ret = mgvt_mmio_golden_capture(pgpu);
	if (ret)
		goto err_free;
	ret = mgvt_native_init(pgpu, mgvt_debugfs);
	if (ret)
		goto err_free;
	mgvt_pirq_enable(pgpu);
	ret = mdev_register_parent(&pgpu->parent, desc->dev, &mgvt_mdev_driver,
				   pgpu->mtypes, pgpu->nr_types);
	if (ret)
		goto err_native;

	dev_info(desc->dev, "pGPU %s (%04x:%04x) registered: aperture %llu MiB, %u fences, %u vGPU types\n",
		 desc->name, desc->vendor, desc->device,
		 desc->aperture_size / SZ_1M, desc->num_fences, pgpu->nr_types);
	return pgpu;

err_native:
	mgvt_pirq_disable(pgpu);
	mgvt_native_fini(pgpu);
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
	mdev_unregister_parent(&pgpu->parent);
	mgvt_pirq_disable(pgpu);
	mgvt_native_fini(pgpu);
	dev_info(pgpu->desc.dev, "pGPU %s unregistered\n", pgpu->desc.name);
	vfree(pgpu->golden);
	ida_destroy(&pgpu->ids);
	mutex_destroy(&pgpu->lock);
	kfree(pgpu);
}
EXPORT_SYMBOL_GPL(mgvt_unregister_pgpu);

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
	mgvt_debugfs = debugfs_create_dir("mgvt", NULL);
	mgvt_stats_debugfs(mgvt_debugfs);
	ret = mdev_register_driver(&mgvt_mdev_driver);
	if (ret)
		goto err_debugfs;
	pr_info("mgvt %s loaded\n", MGVT_VERSION);
	return 0;

err_debugfs:
	debugfs_remove_recursive(mgvt_debugfs);
	mgvt_ggtt_cache_fini();
err_table:
	mgvt_mmio_table_fini();
	return ret;
}

static void __exit mgvt_exit(void)
{
	mdev_unregister_driver(&mgvt_mdev_driver);
	debugfs_remove_recursive(mgvt_debugfs);
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

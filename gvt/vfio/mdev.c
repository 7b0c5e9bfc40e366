// SPDX-License-Identifier: GPL-2.0
/*
 * The mdev side of mgvt: each pGPU is an mdev parent offering the types
 * that fit it, named and described as GVT-g's, and one mdev driver
 * creates a vGPU's VFIO device on "create" and removes it on "remove".
 */
#include <linux/device.h>
#include <linux/list.h>
#include <linux/mdev.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/vfio.h>

#include "core/pgpu.h"
#include "core/pgpu_types.h"
#include "core/stats.h"
#include "regs/regs.h"
#include "render/vexec.h"
#include "vfio/mdev.h"
#include "vfio/vfio.h"
#include "vfio/vfio_types.h"

/**
 * struct mgvt_mdev_type - one type offered on one pGPU
 * @mtype: the mdev core's view
 * @conf: the type
 */
struct mgvt_mdev_type {
	struct mdev_type mtype;
	const struct mgvt_type_conf *conf;
};

/**
 * struct mgvt_mdev_parent - a pGPU as an mdev parent
 * @parent: the mdev core's view, on the pGPU's device
 * @link: in mgvt_parents
 * @pgpu: the pGPU
 * @types: the types it offers
 * @mtypes: pointers to @types[].mtype, for the mdev core
 */
struct mgvt_mdev_parent {
	struct mdev_parent parent;
	struct list_head link;
	struct mgvt_pgpu *pgpu;
	struct mgvt_mdev_type types[MGVT_MAX_TYPES];
	struct mdev_type *mtypes[MGVT_MAX_TYPES];
};

static struct mgvt_pgpu *to_pgpu(struct mdev_type *mtype)
{
	return container_of(mtype->parent, struct mgvt_mdev_parent, parent)->pgpu;
}

static const struct mgvt_type_conf *to_conf(struct mdev_type *mtype)
{
	return container_of(mtype, struct mgvt_mdev_type, mtype)->conf;
}

/**
 * mgvt_mdev_type_of - the pGPU and type of an mdev
 * @dev: the mdev's device
 * @pgpu: set to its pGPU
 * @conf: set to its type
 */
void mgvt_mdev_type_of(struct device *dev, struct mgvt_pgpu **pgpu,
		       const struct mgvt_type_conf **conf)
{
	struct mdev_device *mdev = to_mdev_device(dev);

	*pgpu = to_pgpu(mdev->type);
	*conf = to_conf(mdev->type);
}

static int mgvt_mdev_probe(struct mdev_device *mdev)
{
	struct mgvt_vfio_vgpu *vv;
	int ret;

	vv = vfio_alloc_device(mgvt_vfio_vgpu, vdev, &mdev->dev, &mgvt_vfio_ops);
	if (IS_ERR(vv))
		return PTR_ERR(vv);

	dev_set_drvdata(&mdev->dev, vv);
	ret = vfio_register_emulated_iommu_dev(&vv->vdev);
	if (ret) {
		vfio_put_device(&vv->vdev);
		return ret;
	}
	return 0;
}

static void mgvt_mdev_remove(struct mdev_device *mdev)
{
	struct mgvt_vfio_vgpu *vv = dev_get_drvdata(&mdev->dev);

	/* Blocks, calling .request, until the user has closed the device. */
	vfio_unregister_group_dev(&vv->vdev);
	vfio_put_device(&vv->vdev);
}

static unsigned int mgvt_mdev_get_available(struct mdev_type *mtype)
{
	return mgvt_type_available(to_pgpu(mtype), to_conf(mtype));
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
	struct mgvt_vfio_vgpu *vv = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u\n", vv->vgpu.id);
}
static DEVICE_ATTR_RO(vgpu_id);

/*
 * A vGPU is "active" while a user (QEMU) has its VFIO device open and
 * "idle" otherwise; "failed: <engine>: <reason>" while one of its engines
 * stopped on a failed workload and waits for the guest to reset it.  A
 * racy read is fine for a snapshot; VFIO counts opens under its device
 * set's lock.
 */
static ssize_t state_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct mgvt_vfio_vgpu *vv = dev_get_drvdata(dev);
	const char *why;
	unsigned int e;

	if (!READ_ONCE(vv->vdev.open_count))
		return sysfs_emit(buf, "idle\n");
	why = mgvt_vexec_failure(&vv->vgpu, &e);
	if (why)
		return sysfs_emit(buf, "failed: %s: %s\n", gen9_engine_name(e), why);
	return sysfs_emit(buf, "active\n");
}
static DEVICE_ATTR_RO(state);

static ssize_t pinned_pages_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	struct mgvt_vfio_vgpu *vv = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%ld\n",
			  mgvt_counter_read(&vv->vgpu, MGVT_CNT_PINNED));
}
static DEVICE_ATTR_RO(pinned_pages);

/* GGTT writes the vGPU did not get: refused entries and writes outside it */
static long refused_ggtt(struct mgvt_vgpu *vgpu)
{
	return mgvt_counter_read(vgpu, MGVT_CNT_PTE_REFUSED) +
	       mgvt_counter_read(vgpu, MGVT_CNT_PTE_DROPPED);
}

static ssize_t refused_ggtt_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	struct mgvt_vfio_vgpu *vv = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%ld\n", refused_ggtt(&vv->vgpu));
}
static DEVICE_ATTR_RO(refused_ggtt);

static ssize_t refused_fences_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	struct mgvt_vfio_vgpu *vv = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%ld\n",
			  mgvt_counter_read(&vv->vgpu, MGVT_CNT_FENCE_REFUSED));
}
static DEVICE_ATTR_RO(refused_fences);

/* Register writes not taken: dropped, or refused for what they would set */
static long refused_writes(struct mgvt_vgpu *vgpu)
{
	return mgvt_counter_read(vgpu, MGVT_CNT_DROPPED_WRITES) +
	       mgvt_counter_read(vgpu, MGVT_CNT_REG_REFUSED) +
	       mgvt_counter_read(vgpu, MGVT_CNT_ELSP_REFUSED);
}

static ssize_t refused_writes_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	struct mgvt_vfio_vgpu *vv = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%ld\n", refused_writes(&vv->vgpu));
}
static DEVICE_ATTR_RO(refused_writes);

/* All three above: one number for an operator's alarm. */
static ssize_t refused_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct mgvt_vfio_vgpu *vv = dev_get_drvdata(dev);
	struct mgvt_vgpu *vgpu = &vv->vgpu;

	return sysfs_emit(buf, "%ld\n", refused_ggtt(vgpu) +
			  mgvt_counter_read(vgpu, MGVT_CNT_FENCE_REFUSED) +
			  refused_writes(vgpu));
}
static DEVICE_ATTR_RO(refused);

/*
 * What the plane query offers: "dmabuf" (QEMU with OpenGL) or "region"
 * (headless QEMU).  QEMU probes once at start: set it before.
 */
static ssize_t display_mode_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", mgvt_vfio_display_mode(dev_get_drvdata(dev)));
}

static ssize_t display_mode_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t count)
{
	int ret = mgvt_vfio_set_display_mode(dev_get_drvdata(dev), buf);

	return ret ? ret : count;
}
static DEVICE_ATTR_RW(display_mode);

static struct attribute *mgvt_mdev_attrs[] = {
	&dev_attr_display_mode.attr,
	&dev_attr_vgpu_id.attr,
	&dev_attr_state.attr,
	&dev_attr_pinned_pages.attr,
	&dev_attr_refused.attr,
	&dev_attr_refused_ggtt.attr,
	&dev_attr_refused_fences.attr,
	&dev_attr_refused_writes.attr,
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

/*
 * The pGPU's own mgvt/ group on its parent device: free resources.  Its
 * show functions find the parent by device in mgvt_parents, under
 * mgvt_parents_lock (taken before pgpu->lock); the group goes before the
 * parent leaves the list, and removing it waits for readers.
 */
static LIST_HEAD(mgvt_parents);
static DEFINE_MUTEX(mgvt_parents_lock);

enum mgvt_free_res { FREE_LOW, FREE_HIGH, FREE_FENCES };

static ssize_t parent_free_show(struct device *dev, char *buf,
				enum mgvt_free_res what)
{
	struct mgvt_mdev_parent *p;
	ssize_t ret = -ENODEV;
	u64 low, high;
	u32 fences;

	mutex_lock(&mgvt_parents_lock);
	list_for_each_entry(p, &mgvt_parents, link) {
		if (p->parent.dev != dev)
			continue;
		mgvt_pgpu_free_res(p->pgpu, &low, &high, &fences);
		if (what == FREE_LOW)
			ret = sysfs_emit(buf, "%llu\n", low / SZ_1M);
		else if (what == FREE_HIGH)
			ret = sysfs_emit(buf, "%llu\n", high / SZ_1M);
		else
			ret = sysfs_emit(buf, "%u\n", fences);
		break;
	}
	mutex_unlock(&mgvt_parents_lock);
	return ret;
}

static ssize_t free_low_gm_mb_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	return parent_free_show(dev, buf, FREE_LOW);
}
static DEVICE_ATTR_RO(free_low_gm_mb);

static ssize_t free_high_gm_mb_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	return parent_free_show(dev, buf, FREE_HIGH);
}
static DEVICE_ATTR_RO(free_high_gm_mb);

static ssize_t free_fences_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	return parent_free_show(dev, buf, FREE_FENCES);
}
static DEVICE_ATTR_RO(free_fences);

static struct attribute *mgvt_parent_attrs[] = {
	&dev_attr_free_low_gm_mb.attr,
	&dev_attr_free_high_gm_mb.attr,
	&dev_attr_free_fences.attr,
	NULL,
};

static const struct attribute_group mgvt_parent_group = {
	.name = "mgvt",
	.attrs = mgvt_parent_attrs,
};

/**
 * mgvt_mdev_register - register the mdev driver (module load)
 *
 * Return: 0 or a negative errno.
 */
int mgvt_mdev_register(void)
{
	return mdev_register_driver(&mgvt_mdev_driver);
}

/**
 * mgvt_mdev_unregister - unregister the mdev driver (module unload)
 */
void mgvt_mdev_unregister(void)
{
	mdev_unregister_driver(&mgvt_mdev_driver);
}

/**
 * mgvt_mdev_parent_add - offer a pGPU's types through an mdev parent
 * @pgpu: the pGPU, its types chosen
 *
 * Return: 0 or a negative errno.
 */
int mgvt_mdev_parent_add(struct mgvt_pgpu *pgpu)
{
	struct mgvt_mdev_parent *p;
	unsigned int i;
	int ret;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->pgpu = pgpu;
	for (i = 0; i < pgpu->nr_types; i++) {
		p->types[i].conf = pgpu->types[i];
		p->types[i].mtype.sysfs_name = pgpu->types[i]->name;
		p->mtypes[i] = &p->types[i].mtype;
	}
	ret = mdev_register_parent(&p->parent, pgpu->desc.dev,
				   &mgvt_mdev_driver, p->mtypes,
				   pgpu->nr_types);
	if (ret) {
		kfree(p);
		return ret;
	}
	mutex_lock(&mgvt_parents_lock);
	list_add(&p->link, &mgvt_parents);
	mutex_unlock(&mgvt_parents_lock);
	ret = sysfs_create_group(&pgpu->desc.dev->kobj, &mgvt_parent_group);
	if (ret) {
		mutex_lock(&mgvt_parents_lock);
		list_del(&p->link);
		mutex_unlock(&mgvt_parents_lock);
		mdev_unregister_parent(&p->parent);
		kfree(p);
		return ret;
	}
	pgpu->fe = p;
	return 0;
}

/**
 * mgvt_mdev_parent_remove - withdraw a pGPU's mdev parent
 * @pgpu: the pGPU
 *
 * Removes every vGPU on it first, waiting for their users to close them.
 */
void mgvt_mdev_parent_remove(struct mgvt_pgpu *pgpu)
{
	sysfs_remove_group(&pgpu->desc.dev->kobj, &mgvt_parent_group);
	mutex_lock(&mgvt_parents_lock);
	list_del(&pgpu->fe->link);
	mutex_unlock(&mgvt_parents_lock);
	mdev_unregister_parent(&pgpu->fe->parent);
	kfree(pgpu->fe);
	pgpu->fe = NULL;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * One mgvt vGPU per VFIO container.
 *
 * VFIO type1 (Linux 6.1) has a lock cycle of its own that every mdev driver
 * that pins guest pages walks into as soon as a second device with a
 * .dma_unmap callback shares its container:
 *
 *  - VFIO_IOMMU_UNMAP_DMA notifies with type1's device_list_lock held and
 *    iommu->lock dropped; our .dma_unmap must unpin what it pinned in the
 *    range before it returns, and vfio_unpin_pages() takes iommu->lock;
 *  - the first open and the last close of another such device register and
 *    unregister it, which takes iommu->lock, then device_list_lock.
 *
 * Neither side can give way: type1 retries (and BUGs) if a pin is left, and
 * every unpin needs iommu->lock.  The tasks stay in D state for good, the
 * mdevs can never be removed and the provider never unloads.  Ordering our
 * own locks cannot help, and one such device per container is safe: its
 * own registration cannot race with a notification that reaches it, and
 * after its close_device it holds no pin.
 *
 * So a vGPU's open is refused with -EBUSY while another mgvt vGPU is
 * registered with the same container, as QEMU would do with two vGPUs in
 * one VM (GVT-g users run one per VM too).  "Registered" lasts until the
 * other device's open count drops to zero, which VFIO does after type1
 * unregistered it, so a vGPU that is still closing counts.  The container
 * is the one the device's VFIO group is attached to: 6.1 exports no way to
 * name it, so this file, and only this file, reads the group's container
 * pointer from VFIO's private drivers/vfio/vfio.h, taken from the
 * distribution's linux-source of the very version mgvt is built against
 * (scripts/vfio-private.sh checks that).  The pointer is only compared,
 * never followed, and the layout is checked at every open against the
 * group's iommu_group, which the public API names.
 *
 * Another driver's pinning mdev sharing a container with a vGPU has the
 * same cycle; that one we cannot see, and README.md tells users not to.
 *
 * Locking: claims_lock is taken in open_device and close_device (under
 * VFIO's dev_set and group locks) and in the vGPU's release, and nothing is
 * taken under it.
 */
#include <linux/iommu.h>
#include <linux/list.h>
#include <linux/mutex.h>

#include <drivers/vfio/vfio.h>

#include "core/log.h"
#include "core/stats.h"
#include "core/vgpu_types.h"
#include "vfio/container.h"
#include "vfio/vfio_types.h"

static LIST_HEAD(claims);
static DEFINE_MUTEX(claims_lock);

/* Still registered with type1: open, or closing with the count not yet 0. */
static bool claim_live(const struct mgvt_vfio_vgpu *vv)
{
	return !vv->claim.closing || READ_ONCE(vv->vdev.open_count);
}

/**
 * mgvt_container_claim - let a vGPU's open go ahead only if it is alone in
 *	its VFIO container
 * @vgpu: the vGPU being opened (from its open_device callback)
 *
 * Return: 0; -EBUSY if another mgvt vGPU is registered with the container
 * the vGPU's group is attached to; -ENODEV if VFIO's private layout is not
 * the one mgvt was built against.
 */
int mgvt_container_claim(struct mgvt_vgpu *vgpu)
{
	struct mgvt_vfio_vgpu *vv = to_vfio_vgpu(vgpu), *other, *tmp;
	struct vfio_group *group = vv->vdev.group;
	struct iommu_group *iommu_group;
	void *container;
	bool layout_ok;

	iommu_group = iommu_group_get(vv->vdev.dev);
	layout_ok = iommu_group && group->iommu_group == iommu_group;
	iommu_group_put(iommu_group);
	if (!layout_ok) {
		vgpu_warn_rl(vgpu, "open refused: VFIO's group layout is not mgvt's build\n");
		return -ENODEV;
	}
	container = READ_ONCE(group->container);
	if (!container)
		return -ENODEV;

	mutex_lock(&claims_lock);
	list_for_each_entry_safe(other, tmp, &claims, claim.link) {
		if (other == vv || other->claim.container != container)
			continue;
		if (!claim_live(other)) {
			list_del_init(&other->claim.link);
			continue;
		}
		mutex_unlock(&claims_lock);
		mgvt_count(vgpu, MGVT_CNT_CONTAINER_REFUSED, 1);
		vgpu_warn_rl(vgpu, "open refused: vGPU %u (%s) is in the same VFIO container\n",
			     other->vgpu.id, dev_name(other->vdev.dev));
		return -EBUSY;
	}
	vv->claim.container = container;
	vv->claim.closing = false;
	if (list_empty(&vv->claim.link))
		list_add(&vv->claim.link, &claims);
	mutex_unlock(&claims_lock);
	return 0;
}

/**
 * mgvt_container_closing - the vGPU's user is gone (close_device)
 * @vgpu: the vGPU
 *
 * The claim stays until VFIO has unregistered the device from type1.
 */
void mgvt_container_closing(struct mgvt_vgpu *vgpu)
{
	mutex_lock(&claims_lock);
	to_vfio_vgpu(vgpu)->claim.closing = true;
	mutex_unlock(&claims_lock);
}

/**
 * mgvt_container_forget - drop the vGPU's claim for good (its release)
 * @vgpu: the vGPU
 */
void mgvt_container_forget(struct mgvt_vgpu *vgpu)
{
	mutex_lock(&claims_lock);
	list_del_init(&to_vfio_vgpu(vgpu)->claim.link);
	mutex_unlock(&claims_lock);
}

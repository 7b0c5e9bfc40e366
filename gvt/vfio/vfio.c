// SPDX-License-Identifier: GPL-2.0
/*
 * The VFIO face of a vGPU: a vfio-pci device with emulated config space,
 * a trapped MMIO BAR0, the aperture BAR2 (this vGPU's slice mappable) and
 * INTx/MSI/ERR/REQ interrupts.  Region offsets follow vfio-pci: the region
 * index in bits 63:40 of the file offset.
 */
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "core/bytes.h"
#include "core/log.h"
#include "core/pgpu_types.h"
#include "core/stats.h"
#include "core/vgpu.h"
#include "core/vgpu_types.h"
#include "mm/aperture.h"
#include "mm/ggtt.h"
#include "mm/unmap_fence.h"
#include "trap/cfg.h"
#include "trap/mmio.h"
#include "vfio/container.h"
#include "vfio/irq.h"
#include "vfio/mdev.h"
#include "vfio/vfio.h"
#include "vfio/vfio_types.h"

static struct mgvt_vfio_vgpu *to_vv(struct vfio_device *vdev)
{
	return container_of(vdev, struct mgvt_vfio_vgpu, vdev);
}

static struct mgvt_vgpu *to_vgpu(struct vfio_device *vdev)
{
	return &to_vv(vdev)->vgpu;
}

/* A guest page, pinned through VFIO for the GGTT (&struct mgvt_guest_ops). */
static int guest_pin(struct mgvt_vgpu *vgpu, u64 gfn, struct page **page)
{
	struct vfio_device *vdev = &to_vfio_vgpu(vgpu)->vdev;
	int ret;

	ret = vfio_pin_pages(vdev, gfn << PAGE_SHIFT, 1,
			     IOMMU_READ | IOMMU_WRITE, page);
	if (ret == 1)
		return 0;
	if (ret > 0)
		vfio_unpin_pages(vdev, gfn << PAGE_SHIFT, ret);
	return ret < 0 ? ret : -EFAULT;
}

static void guest_unpin(struct mgvt_vgpu *vgpu, u64 gfn)
{
	vfio_unpin_pages(&to_vfio_vgpu(vgpu)->vdev, gfn << PAGE_SHIFT, 1);
}

static const struct mgvt_guest_ops vfio_guest_ops = {
	.pin = guest_pin,
	.unpin = guest_unpin,
	.irq_line = mgvt_irq_line,
};

static u64 region_size(const struct mgvt_vgpu *vgpu, unsigned int index)
{
	switch (index) {
	case VFIO_PCI_CONFIG_REGION_INDEX:
		return MGVT_CFG_SIZE;
	case VFIO_PCI_BAR0_REGION_INDEX:
		return MGVT_MMIO_BAR_SIZE;
	case VFIO_PCI_BAR2_REGION_INDEX:
		return vgpu->pgpu->desc.aperture_size;
	default:
		return 0;
	}
}

/*
 * Config space is under the vGPU lock; BAR0 and BAR2 take their own locks
 * (the GGTT lock is held across pinning).
 */
static u64 region_read(struct mgvt_vgpu *vgpu, unsigned int index, u64 off,
		       unsigned int len)
{
	u64 val;

	if (index == VFIO_PCI_BAR2_REGION_INDEX)
		return mgvt_aperture_read(vgpu, off, len);
	if (index == VFIO_PCI_BAR0_REGION_INDEX)
		return mgvt_bar0_read(vgpu, off, len);

	mutex_lock(&vgpu->lock);
	val = mgvt_cfg_read(&vgpu->cfg, off, len);
	mutex_unlock(&vgpu->lock);
	return val;
}

static void region_write(struct mgvt_vgpu *vgpu, unsigned int index, u64 off,
			 u64 val, unsigned int len)
{
	if (index == VFIO_PCI_BAR2_REGION_INDEX) {
		mgvt_aperture_write(vgpu, off, val, len);
	} else if (index == VFIO_PCI_BAR0_REGION_INDEX) {
		mgvt_bar0_write(vgpu, off, val, len);
	} else {
		mutex_lock(&vgpu->lock);
		mgvt_cfg_write(&vgpu->cfg, off, val, len);
		mutex_unlock(&vgpu->lock);
	}
}

/*
 * Any in-range access is accepted and split into naturally aligned pieces
 * (QEMU reads the whole config space at once and forwards every guest
 * config write).  User memory is copied outside the vGPU lock: mmap_lock
 * comes before every mgvt lock.
 */
static ssize_t mgvt_vfio_rw(struct mgvt_vgpu *vgpu, char __user *ubuf,
			    size_t count, loff_t *ppos, bool write)
{
	unsigned int index = (u64)*ppos >> MGVT_REGION_SHIFT;
	u64 off = (u64)*ppos & MGVT_REGION_MASK;
	u64 size = region_size(vgpu, index);
	size_t done = 0;

	if (*ppos < 0 || !mgvt_span_ok(off, count, size)) {
		vgpu_warn_rl(vgpu, "%s of %zu bytes at region %u offset %#llx refused\n",
			     write ? "write" : "read", count, index, off);
		return -EINVAL;
	}

	while (done < count) {
		unsigned int len = mgvt_access_piece(off + done, count - done);
		u8 bytes[8] __aligned(8);

		if (write) {
			if (copy_from_user(bytes, ubuf + done, len))
				return done ? done : -EFAULT;
			region_write(vgpu, index, off + done,
				     mgvt_load_le(bytes, len), len);
		} else {
			mgvt_store_le(bytes, region_read(vgpu, index,
							 off + done, len), len);
			if (copy_to_user(ubuf + done, bytes, len))
				return done ? done : -EFAULT;
		}
		done += len;
	}
	*ppos += done;
	return done;
}

static ssize_t mgvt_vfio_read(struct vfio_device *vdev, char __user *buf,
			      size_t count, loff_t *ppos)
{
	return mgvt_vfio_rw(to_vgpu(vdev), buf, count, ppos, false);
}

static ssize_t mgvt_vfio_write(struct vfio_device *vdev,
			       const char __user *buf, size_t count,
			       loff_t *ppos)
{
	return mgvt_vfio_rw(to_vgpu(vdev), (char __user *)buf, count, ppos,
			    true);
}

static int mgvt_vfio_mmap(struct vfio_device *vdev, struct vm_area_struct *vma)
{
	struct mgvt_vgpu *vgpu = to_vgpu(vdev);
	u64 pos = (u64)vma->vm_pgoff << PAGE_SHIFT;

	if (pos >> MGVT_REGION_SHIFT != VFIO_PCI_BAR2_REGION_INDEX)
		return -EINVAL;
	return mgvt_aperture_mmap(vgpu, vma, pos & MGVT_REGION_MASK);
}

static long get_device_info(struct mgvt_vgpu *vgpu, void __user *arg)
{
	unsigned long minsz = offsetofend(struct vfio_device_info, num_irqs);
	struct vfio_device_info info;

	if (copy_from_user(&info, arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz)
		return -EINVAL;
	info.flags = VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_RESET;
	info.num_regions = VFIO_PCI_NUM_REGIONS;
	info.num_irqs = VFIO_PCI_NUM_IRQS;
	return copy_to_user(arg, &info, minsz) ? -EFAULT : 0;
}

/* BAR2: only this vGPU's slice of the aperture may be mapped. */
static int add_sparse_cap(struct mgvt_vgpu *vgpu, struct vfio_info_cap *caps)
{
	struct vfio_region_info_cap_sparse_mmap *sparse;
	size_t size = struct_size(sparse, areas, 1);
	int ret;

	sparse = kzalloc(size, GFP_KERNEL);
	if (!sparse)
		return -ENOMEM;
	sparse->header.id = VFIO_REGION_INFO_CAP_SPARSE_MMAP;
	sparse->header.version = 1;
	sparse->nr_areas = 1;
	sparse->areas[0].offset = vgpu->slice.low_base;
	sparse->areas[0].size = vgpu->slice.low_size;
	ret = vfio_info_add_capability(caps, &sparse->header, size);
	kfree(sparse);
	return ret;
}

static long get_region_info(struct mgvt_vgpu *vgpu, void __user *arg)
{
	unsigned long minsz = offsetofend(struct vfio_region_info, offset);
	struct vfio_info_cap caps = { .buf = NULL, .size = 0 };
	struct vfio_region_info info;
	int ret = 0;

	if (copy_from_user(&info, arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz || info.index >= VFIO_PCI_NUM_REGIONS)
		return -EINVAL;

	info.offset = (u64)info.index << MGVT_REGION_SHIFT;
	info.size = region_size(vgpu, info.index);
	info.flags = info.size ? VFIO_REGION_INFO_FLAG_READ |
				 VFIO_REGION_INFO_FLAG_WRITE : 0;
	info.cap_offset = 0;

	if (info.index == VFIO_PCI_BAR2_REGION_INDEX) {
		info.flags |= VFIO_REGION_INFO_FLAG_MMAP;
		ret = add_sparse_cap(vgpu, &caps);
		if (ret)
			return ret;
	}

	if (caps.size) {
		info.flags |= VFIO_REGION_INFO_FLAG_CAPS;
		if (info.argsz < sizeof(info) + caps.size) {
			info.argsz = sizeof(info) + caps.size;
		} else {
			vfio_info_cap_shift(&caps, sizeof(info));
			if (copy_to_user(arg + sizeof(info), caps.buf,
					 caps.size))
				ret = -EFAULT;
			info.cap_offset = sizeof(info);
		}
		kfree(caps.buf);
	}
	if (!ret && copy_to_user(arg, &info, minsz))
		ret = -EFAULT;
	return ret;
}

static long get_irq_info(void __user *arg)
{
	unsigned long minsz = offsetofend(struct vfio_irq_info, count);
	struct vfio_irq_info info;

	if (copy_from_user(&info, arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz || info.index >= VFIO_PCI_NUM_IRQS)
		return -EINVAL;
	info.flags = mgvt_irq_flags(info.index);
	info.count = mgvt_irq_count(info.index);
	return copy_to_user(arg, &info, minsz) ? -EFAULT : 0;
}

static long set_irqs(struct mgvt_vgpu *vgpu, void __user *arg)
{
	unsigned long minsz = offsetofend(struct vfio_irq_set, count);
	struct vfio_irq_set hdr;
	size_t data_size = 0;
	void *data = NULL;
	int ret;

	if (copy_from_user(&hdr, arg, minsz))
		return -EFAULT;
	ret = vfio_set_irqs_validate_and_prepare(&hdr,
						 mgvt_irq_count(hdr.index),
						 VFIO_PCI_NUM_IRQS, &data_size);
	if (ret)
		return ret;
	if (data_size) {
		data = memdup_user(arg + minsz, data_size);
		if (IS_ERR(data))
			return PTR_ERR(data);
	}
	ret = mgvt_irq_set(vgpu, &hdr, data);
	kfree(data);
	return ret;
}

static long mgvt_vfio_ioctl(struct vfio_device *vdev, unsigned int cmd,
			    unsigned long arg)
{
	struct mgvt_vgpu *vgpu = to_vgpu(vdev);
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case VFIO_DEVICE_GET_INFO:
		return get_device_info(vgpu, uarg);
	case VFIO_DEVICE_GET_REGION_INFO:
		return get_region_info(vgpu, uarg);
	case VFIO_DEVICE_GET_IRQ_INFO:
		return get_irq_info(uarg);
	case VFIO_DEVICE_SET_IRQS:
		return set_irqs(vgpu, uarg);
	case VFIO_DEVICE_RESET:
		mgvt_vgpu_reset(vgpu);
		mutex_lock(&vgpu->lock);
		mgvt_irq_reset(vgpu);
		mutex_unlock(&vgpu->lock);
		return 0;
	}
	return -ENOTTY;
}

static int mgvt_vfio_init(struct vfio_device *vdev)
{
	const struct mgvt_type_conf *conf;
	struct mgvt_pgpu *pgpu;

	INIT_LIST_HEAD(&to_vv(vdev)->claim.link);
	mgvt_mdev_type_of(vdev->dev, &pgpu, &conf);
	return mgvt_vgpu_init(to_vgpu(vdev), pgpu, conf, vdev->dev,
			      &vfio_guest_ops);
}

static void mgvt_vfio_release(struct vfio_device *vdev)
{
	mgvt_container_forget(to_vgpu(vdev));
	mgvt_vgpu_fini(to_vgpu(vdev));
	vfio_free_device(vdev);
}

/* Alone in its container (container.c explains why it must be). */
static int mgvt_vfio_open(struct vfio_device *vdev)
{
	int ret = mgvt_container_claim(to_vgpu(vdev));

	if (ret)
		return ret;
	mgvt_stat(MGVT_STAT_OPEN_DEVICES, 1);
	vgpu_dbg(to_vgpu(vdev), "opened\n");
	return 0;
}

/*
 * The next user finds the device as after a reset, with no eventfds and
 * nothing pinned (the device still counts as open here, so unpinning works).
 */
static void mgvt_vfio_close(struct vfio_device *vdev)
{
	struct mgvt_vgpu *vgpu = to_vgpu(vdev);

	mgvt_irq_release(vgpu);
	mgvt_vgpu_reset(vgpu);
	mgvt_unmap_fence_detach(vgpu);
	mgvt_container_closing(vgpu);
	mgvt_stat(MGVT_STAT_OPEN_DEVICES, -1);
	vgpu_dbg(vgpu, "closed\n");
}

/* VFIO type1 requires every pinned page of the range unpinned on return. */
static void mgvt_vfio_dma_unmap(struct vfio_device *vdev, u64 iova, u64 length)
{
	mgvt_ggtt_dma_unmap(to_vgpu(vdev), iova, length);
}

static void mgvt_vfio_request(struct vfio_device *vdev, unsigned int count)
{
	struct mgvt_vgpu *vgpu = to_vgpu(vdev);

	if (mgvt_irq_request(vgpu)) {
		if (!count)
			vgpu_info(vgpu, "removal requested, asked the user to release the device\n");
	} else if (!count) {
		vgpu_info(vgpu, "removal requested, no REQ eventfd: waiting for the user to close the device\n");
	}
}

/**
 * DOC: mgvt_vfio_ops
 *
 * The vfio_device_ops of every vGPU.
 *
 * @init and @release create and destroy the vGPU state with the VFIO
 * device; @open_device/@close_device bracket one user, and @open_device
 * refuses a vGPU whose VFIO container already holds another one; @read/@write serve
 * the config, BAR0 and BAR2 regions; @mmap maps the aperture slice;
 * @dma_unmap unpins the guest pages of a range the user unmaps from the
 * container; @request signals the REQ eventfd when the mdev is being removed.
 */
const struct vfio_device_ops mgvt_vfio_ops = {
	.name		= "mgvt",
	.init		= mgvt_vfio_init,
	.release	= mgvt_vfio_release,
	.open_device	= mgvt_vfio_open,
	.close_device	= mgvt_vfio_close,
	.read		= mgvt_vfio_read,
	.write		= mgvt_vfio_write,
	.mmap		= mgvt_vfio_mmap,
	.ioctl		= mgvt_vfio_ioctl,
	.dma_unmap	= mgvt_vfio_dma_unmap,
	.request	= mgvt_vfio_request,
};

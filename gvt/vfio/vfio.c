// SPDX-License-Identifier: GPL-2.0
/*
 * The VFIO face of a vGPU: a vfio-pci device with emulated config space,
 * a trapped MMIO BAR0, the aperture BAR2 (this vGPU's slice mappable) and
 * INTx/MSI/ERR/REQ interrupts.  Region offsets follow vfio-pci: the region
 * index in bits 63:40 of the file offset.  Device-specific regions follow
 * the PCI ones (dev_regions[]): the display region, the EDID region and
 * the IGD OpRegion.  The graphics
 * plane query (VFIO_DEVICE_QUERY_GFX_PLANE) offers either dma-bufs or the
 * display region, as the vGPU's display_mode says.
 */
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/pci_ids.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <drm/drm_plane.h>

#include "core/bytes.h"
#include "core/log.h"
#include "core/pgpu_types.h"
#include "core/stats.h"
#include "core/vgpu.h"
#include "core/vgpu_types.h"
#include "display/edid.h"
#include "display/fb.h"
#include "display/monitor.h"
#include "display/opregion.h"
#include "display/plane.h"
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

/* A display mode by name: true for "region", false for "dmabuf". */
static int parse_display_mode(const char *s, bool *region)
{
	if (sysfs_streq(s, "region"))
		*region = true;
	else if (sysfs_streq(s, "dmabuf"))
		*region = false;
	else
		return -EINVAL;
	return 0;
}

/* What a new vGPU's plane query offers: true for the region. */
static bool default_region;

static int display_mode_set(const char *val, const struct kernel_param *kp)
{
	bool region;
	int ret = parse_display_mode(val, &region);

	if (!ret)
		WRITE_ONCE(default_region, region);
	return ret;
}

static int display_mode_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", READ_ONCE(default_region) ? "region" : "dmabuf");
}

static const struct kernel_param_ops display_mode_ops = {
	.set = display_mode_set,
	.get = display_mode_get,
};
module_param_cb(display_mode, &display_mode_ops, NULL, 0644);
MODULE_PARM_DESC(display_mode,
		 "what a new vGPU's plane query offers: \"dmabuf\" (default) or \"region\" (headless QEMU); sysfs mgvt/display_mode per vGPU");

/**
 * mgvt_vfio_display_mode - the plane query's mode, "dmabuf" or "region"
 * @vv: the vGPU
 *
 * Return: the name of its mode.
 */
const char *mgvt_vfio_display_mode(const struct mgvt_vfio_vgpu *vv)
{
	return READ_ONCE(vv->display_region) ? "region" : "dmabuf";
}

/**
 * mgvt_vfio_set_display_mode - choose what the plane query offers
 * @vv: the vGPU
 * @mode: "dmabuf" or "region"
 *
 * Takes effect at the next query: QEMU probes at start, so choose
 * before it opens the device.
 *
 * Return: 0 or -EINVAL for another name.
 */
int mgvt_vfio_set_display_mode(struct mgvt_vfio_vgpu *vv, const char *mode)
{
	bool region;
	int ret = parse_display_mode(mode, &region);

	if (!ret)
		WRITE_ONCE(vv->display_region, region);
	return ret;
}

/**
 * struct mgvt_dev_region - a device-specific VFIO region
 * @type: VFIO_REGION_INFO_CAP_TYPE's type
 * @subtype: and subtype
 * @flags: VFIO_REGION_INFO_FLAG_READ, _WRITE, _MMAP
 * @size: bytes
 * @rw: a read or write of [@off, @off + @count), inside the region;
 *	returns @count or a negative errno
 * @mmap: a user mapping at page-aligned @off (with _MMAP)
 */
struct mgvt_dev_region {
	u32 type;
	u32 subtype;
	u32 flags;
	u64 size;
	ssize_t (*rw)(struct mgvt_vgpu *vgpu, char __user *buf, size_t count,
		      u64 off, bool write);
	int (*mmap)(struct mgvt_vgpu *vgpu, struct vm_area_struct *vma, u64 off);
};

/* The display region: the primary plane, as the last REGION query copied it. */
#define MGVT_REGION_SUBTYPE_DISPLAY	0x4d47	/* "MG": not a VFIO-defined one */

static ssize_t display_region_rw(struct mgvt_vgpu *vgpu, char __user *buf,
				 size_t count, u64 off, bool write)
{
	if (write)
		return -EINVAL;
	return mgvt_fb_region_read(vgpu, buf, count, off);
}

/*
 * The EDID region (VFIO_REGION_SUBTYPE_GFX_EDID): struct
 * vfio_region_gfx_edid at 0, the EDID at EDID_BLOB.  The host may write
 * edid_size and link_state (each a whole u32) and the EDID; the rest is
 * read-only, the gap between reads as nothing and is refused.
 * display/monitor.c says what the link and the EDID do.
 */
#define EDID_BLOB		0x100
#define EDID_REGION_SIZE	(EDID_BLOB + MGVT_EDID_MAX_SIZE)

static ssize_t edid_regs_rw(struct mgvt_vgpu *vgpu, char __user *buf,
			    size_t count, u64 off, bool write)
{
	struct vfio_region_gfx_edid regs = {
		.edid_offset = EDID_BLOB,
		.edid_max_size = MGVT_EDID_MAX_SIZE,
	};
	struct mgvt_monitor_state st;
	u32 val;
	int ret;

	if (off + count > sizeof(regs))
		goto refused;
	if (!write) {
		mgvt_monitor_get(vgpu, &st);
		regs.edid_size = st.edid_size;
		regs.max_xres = st.max_w;
		regs.max_yres = st.max_h;
		regs.link_state = st.link_up ? VFIO_DEVICE_GFX_LINK_STATE_UP :
					       VFIO_DEVICE_GFX_LINK_STATE_DOWN;
		if (copy_to_user(buf, (u8 *)&regs + off, count))
			return -EFAULT;
		return count;
	}
	if (count != sizeof(u32))
		goto refused;
	if (copy_from_user(&val, buf, sizeof(val)))
		return -EFAULT;
	switch (off) {
	case offsetof(struct vfio_region_gfx_edid, edid_size):
		ret = mgvt_monitor_set_size(vgpu, val);
		break;
	case offsetof(struct vfio_region_gfx_edid, link_state):
		if (val != VFIO_DEVICE_GFX_LINK_STATE_UP &&
		    val != VFIO_DEVICE_GFX_LINK_STATE_DOWN) {
			vgpu_warn_rl(vgpu, "EDID region: link state %u refused\n", val);
			return -EINVAL;
		}
		ret = mgvt_monitor_set_link(vgpu, val == VFIO_DEVICE_GFX_LINK_STATE_UP);
		break;
	default:
		goto refused;
	}
	return ret ? ret : count;

refused:
	vgpu_warn_rl(vgpu, "EDID region: %s of %zu bytes at %#llx refused\n",
		     write ? "write" : "read", count, off);
	return -EINVAL;
}

static ssize_t edid_region_rw(struct mgvt_vgpu *vgpu, char __user *buf,
			      size_t count, u64 off, bool write)
{
	u8 *blob;
	ssize_t ret = count;

	if (off < EDID_BLOB)
		return edid_regs_rw(vgpu, buf, count, off, write);
	off -= EDID_BLOB;	/* inside the blob: mgvt_vfio_rw checked the end */
	blob = kmalloc(count, GFP_KERNEL);
	if (!blob)
		return -ENOMEM;
	if (write) {
		if (copy_from_user(blob, buf, count))
			ret = -EFAULT;
		else
			ret = mgvt_monitor_blob_write(vgpu, blob, off, count) ?: count;
	} else {
		mgvt_monitor_blob_read(vgpu, blob, off, count);
		if (copy_to_user(buf, blob, count))
			ret = -EFAULT;
	}
	kfree(blob);
	return ret;
}

/*
 * The IGD OpRegion (VFIO_REGION_SUBTYPE_INTEL_IGD_OPREGION), read-only:
 * its VBT lists the vGPU's monitors (one, or two as its GM allows), built
 * at each read (QEMU reads it once).
 */
static ssize_t opregion_rw(struct mgvt_vgpu *vgpu, char __user *buf,
			   size_t count, u64 off, bool write)
{
	ssize_t ret = count;
	u8 *op;

	if (write)
		return -EINVAL;
	op = kmalloc(MGVT_OPREGION_SIZE, GFP_KERNEL);
	if (!op)
		return -ENOMEM;
	mgvt_opregion_build(op, mgvt_edid_heads(vgpu->slice.low_size));
	if (copy_to_user(buf, op + off, count))
		ret = -EFAULT;
	kfree(op);
	return ret;
}

/* Region VFIO_PCI_NUM_REGIONS + i is dev_regions[i]. */
static const struct mgvt_dev_region dev_regions[] = {
	{
		.type = VFIO_REGION_TYPE_PCI_VENDOR_TYPE | PCI_VENDOR_ID_INTEL,
		.subtype = MGVT_REGION_SUBTYPE_DISPLAY,
		.flags = VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_MMAP,
		.size = MGVT_FB_REGION_SIZE,
		.rw = display_region_rw,
		.mmap = mgvt_fb_region_mmap,
	},
	{
		.type = VFIO_REGION_TYPE_GFX,
		.subtype = VFIO_REGION_SUBTYPE_GFX_EDID,
		.flags = VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE,
		.size = EDID_REGION_SIZE,
		.rw = edid_region_rw,
	},
	{
		.type = VFIO_REGION_TYPE_PCI_VENDOR_TYPE | PCI_VENDOR_ID_INTEL,
		.subtype = VFIO_REGION_SUBTYPE_INTEL_IGD_OPREGION,
		.flags = VFIO_REGION_INFO_FLAG_READ,
		.size = MGVT_OPREGION_SIZE,
		.rw = opregion_rw,
	},
};

#define MGVT_DISPLAY_REGION_INDEX	VFIO_PCI_NUM_REGIONS
#define MGVT_NUM_REGIONS	(VFIO_PCI_NUM_REGIONS + ARRAY_SIZE(dev_regions))

static const struct mgvt_dev_region *dev_region(unsigned int index)
{
	if (index < VFIO_PCI_NUM_REGIONS || index >= MGVT_NUM_REGIONS)
		return NULL;
	return &dev_regions[index - VFIO_PCI_NUM_REGIONS];
}

static u64 region_size(const struct mgvt_vgpu *vgpu, unsigned int index)
{
	const struct mgvt_dev_region *dr = dev_region(index);

	if (dr)
		return dr->size;

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
	const struct mgvt_dev_region *dr = dev_region(index);
	size_t done = 0;
	ssize_t ret;

	if (*ppos < 0 || !mgvt_span_ok(off, count, size) ||
	    (dr && !(dr->flags & (write ? VFIO_REGION_INFO_FLAG_WRITE :
					  VFIO_REGION_INFO_FLAG_READ)))) {
		vgpu_warn_rl(vgpu, "%s of %zu bytes at region %u offset %#llx refused\n",
			     write ? "write" : "read", count, index, off);
		return -EINVAL;
	}
	if (dr) {
		ret = dr->rw(vgpu, ubuf, count, off, write);
		if (ret > 0)
			*ppos += ret;
		return ret;
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
	const struct mgvt_dev_region *dr = dev_region(pos >> MGVT_REGION_SHIFT);

	if (dr && dr->mmap)
		return dr->mmap(vgpu, vma, pos & MGVT_REGION_MASK);
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
	info.num_regions = MGVT_NUM_REGIONS;
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

/* A device-specific region says what it is. */
static int add_type_cap(const struct mgvt_dev_region *dr,
			struct vfio_info_cap *caps)
{
	struct vfio_region_info_cap_type cap = {
		.header.id = VFIO_REGION_INFO_CAP_TYPE,
		.header.version = 1,
		.type = dr->type,
		.subtype = dr->subtype,
	};

	return vfio_info_add_capability(caps, &cap.header, sizeof(cap));
}

static long get_region_info(struct mgvt_vgpu *vgpu, void __user *arg)
{
	unsigned long minsz = offsetofend(struct vfio_region_info, offset);
	struct vfio_info_cap caps = { .buf = NULL, .size = 0 };
	const struct mgvt_dev_region *dr;
	struct vfio_region_info info;
	int ret = 0;

	if (copy_from_user(&info, arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz || info.index >= MGVT_NUM_REGIONS)
		return -EINVAL;

	dr = dev_region(info.index);
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
	} else if (dr) {
		info.flags = dr->flags;
		ret = add_type_cap(dr, &caps);
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

/*
 * VFIO_DEVICE_QUERY_GFX_PLANE: a probe answers 0 for the one mode the
 * vGPU offers (display_mode) and -EINVAL for the other; a query of a
 * plane that is disabled or refused answers 0 with drm_format and size 0,
 * as QEMU expects of "nothing to show".  A REGION query of plane type 0
 * (overlay) is one of the primary plane: QEMU 7.2's region display does
 * not set the type.
 */
static long query_gfx_plane(struct mgvt_vfio_vgpu *vv, void __user *arg)
{
	unsigned long minsz = offsetofend(struct vfio_device_gfx_plane_info, dmabuf_id);
	u32 modes = VFIO_GFX_PLANE_TYPE_DMABUF | VFIO_GFX_PLANE_TYPE_REGION;
	struct vfio_device_gfx_plane_info info;
	struct mgvt_vgpu *vgpu = &vv->vgpu;
	enum mgvt_plane_kind kind;
	struct mgvt_plane p;
	bool region;
	u32 id;
	int ret;

	if (copy_from_user(&info, arg, minsz))
		return -EFAULT;
	if (info.argsz < minsz ||
	    info.flags & ~(modes | VFIO_GFX_PLANE_TYPE_PROBE) ||
	    hweight32(info.flags & modes) != 1)
		return -EINVAL;
	region = info.flags & VFIO_GFX_PLANE_TYPE_REGION;
	if (region != READ_ONCE(vv->display_region))
		return -EINVAL;
	if (info.flags & VFIO_GFX_PLANE_TYPE_PROBE)
		return 0;
	/* QEMU 7.2's region display leaves the type 0: the region's plane. */
	if (info.drm_plane_type == DRM_PLANE_TYPE_PRIMARY ||
	    (region && info.drm_plane_type == DRM_PLANE_TYPE_OVERLAY))
		kind = MGVT_PLANE_PRIMARY;
	else if (info.drm_plane_type == DRM_PLANE_TYPE_CURSOR)
		kind = MGVT_PLANE_CURSOR;
	else
		return -EINVAL;

	ret = mgvt_fb_query(vgpu, kind, region, &p, &id);
	if (ret && ret != -ENOENT)
		return ret;
	if (ret)
		memset(&p, 0, sizeof(p));
	info.drm_format = p.fourcc;
	info.drm_format_mod = p.modifier;
	info.width = p.width;
	info.height = p.height;
	info.stride = p.stride;
	info.size = p.size;
	info.x_pos = p.x_pos;
	info.y_pos = p.y_pos;
	info.x_hot = p.x_hot;
	info.y_hot = p.y_hot;
	if (region)
		info.region_index = ret ? 0 : MGVT_DISPLAY_REGION_INDEX;
	else
		info.dmabuf_id = id;
	return copy_to_user(arg, &info, minsz) ? -EFAULT : 0;
}

static long get_gfx_dmabuf(struct mgvt_vgpu *vgpu, void __user *arg)
{
	u32 id;

	if (get_user(id, (u32 __user *)arg))
		return -EFAULT;
	return mgvt_fb_dmabuf_fd(vgpu, id);
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
	case VFIO_DEVICE_QUERY_GFX_PLANE:
		return query_gfx_plane(to_vv(vdev), uarg);
	case VFIO_DEVICE_GET_GFX_DMABUF:
		return get_gfx_dmabuf(vgpu, uarg);
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
	int ret;

	INIT_LIST_HEAD(&to_vv(vdev)->claim.link);
	to_vv(vdev)->display_region = READ_ONCE(default_region);
	mgvt_mdev_type_of(vdev->dev, &pgpu, &conf);
	ret = mgvt_vgpu_init(to_vgpu(vdev), pgpu, conf, vdev->dev,
			     &vfio_guest_ops);
	if (!ret)
		mgvt_fb_init(to_vgpu(vdev));
	return ret;
}

static void mgvt_vfio_release(struct vfio_device *vdev)
{
	mgvt_container_forget(to_vgpu(vdev));
	mgvt_fb_fini(to_vgpu(vdev));
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
	mgvt_monitor_default(vgpu);
	mgvt_vgpu_reset(vgpu);
	mgvt_fb_reset(vgpu);
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
 * the config, BAR0, BAR2 and device-specific regions; @mmap maps the
 * aperture slice and the display region; @ioctl also answers the graphics
 * plane query and exports plane dma-bufs;
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

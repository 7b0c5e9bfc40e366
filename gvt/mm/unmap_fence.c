// SPDX-License-Identifier: GPL-2.0
/*
 * Unmap fences: guest frames a VFIO user is unmapping, in which no page
 * may be pinned again until the unmap is over.
 *
 * VFIO type1 (6.1) calls our .dma_unmap with its iommu->lock dropped, then
 * re-takes the lock, looks at the range again and calls us once more while
 * anything is still pinned in it, up to ten times before BUG_ON.  A GGTT
 * write racing the unmap could pin a page of the range in that window, so
 * from the first notification on, pins in the range are refused.  For how
 * long is not a matter of time: the unmapping thread is the user's and can
 * be made to sleep between our notifier and type1's second look for as long
 * as it likes.  The unmap is over when that thread leaves the ioctl, so a
 * fence lives exactly until the thread returns to user space (or exits).
 *
 * That moment comes from the VFS: each fence owns an anonymous file whose
 * only reference is dropped at once.  fput() of a last reference from a
 * user task defers the release to task work, which runs when the task
 * returns to user mode; an exiting task releases it from the delayed-fput
 * worker.  The release lifts the fence.  The file also holds a reference
 * to this module until then, so the release code cannot go away under it.
 *
 * A fence belongs to one open of the device: close detaches the vGPU's
 * fences (the next user has another container), and a late release then
 * only frees its own memory.  All fences sit under one spinlock, taken
 * in the pin path and never held across anything that sleeps.
 */
#include <linux/anon_inodes.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "core/log.h"
#include "core/stats.h"
#include "core/vgpu_types.h"
#include "mm/unmap_fence.h"

/**
 * struct mgvt_unmap_fence - guest frames a VFIO user is unmapping
 * @node: entry in the vGPU's @fences list
 * @vgpu: the vGPU, or NULL once the device was closed
 * @first: first guest frame of the range
 * @last: last guest frame of the range
 */
struct mgvt_unmap_fence {
	struct list_head node;
	struct mgvt_vgpu *vgpu;
	u64 first;
	u64 last;
};

static DEFINE_SPINLOCK(fence_lock);	/* every vGPU's fences, fence->vgpu */

static int fence_release(struct inode *inode, struct file *file)
{
	struct mgvt_unmap_fence *fence = file->private_data;

	spin_lock(&fence_lock);
	if (fence->vgpu)
		list_del(&fence->node);
	spin_unlock(&fence_lock);
	kfree(fence);
	mgvt_stat(MGVT_STAT_UNMAP_FENCES, -1);
	return 0;
}

static const struct file_operations fence_fops = {
	.owner = THIS_MODULE,
	.release = fence_release,
};

/**
 * mgvt_unmap_fence_add - refuse pins in [@first, @last] until the current
 *	task leaves the kernel
 * @vgpu: the vGPU whose .dma_unmap is running in the unmapping task
 * @first: first guest frame
 * @last: last guest frame
 *
 * When no fence can be made (no memory, or the file table is full), every
 * pin of the vGPU is refused until the device is closed: the guest loses
 * GGTT entries, the host keeps its invariant.
 */
void mgvt_unmap_fence_add(struct mgvt_vgpu *vgpu, u64 first, u64 last)
{
	struct mgvt_unmap_fence *fence;
	struct file *file;

	fence = kzalloc(sizeof(*fence), GFP_KERNEL_ACCOUNT);
	if (!fence)
		goto err;
	fence->first = first;
	fence->last = last;
	file = anon_inode_getfile("[mgvt-unmap]", &fence_fops, fence, O_RDONLY);
	if (IS_ERR(file)) {
		kfree(fence);
		goto err;
	}
	mgvt_stat(MGVT_STAT_UNMAP_FENCES, 1);
	spin_lock(&fence_lock);
	fence->vgpu = vgpu;
	list_add(&fence->node, &vgpu->ggtt.fences);
	spin_unlock(&fence_lock);
	fput(file);	/* released when this task returns to user space */
	return;

err:
	WRITE_ONCE(vgpu->ggtt.pins_blocked, true);
	vgpu_warn_rl(vgpu, "cannot fence unmapped frames %#llx-%#llx: no pins until close\n",
		     first, last);
}

/**
 * mgvt_unmap_fence_covers - is guest frame @gfn being unmapped?
 * @vgpu: the vGPU
 * @gfn: guest frame about to be pinned
 *
 * Return: true when a pin of @gfn must be refused.
 */
bool mgvt_unmap_fence_covers(struct mgvt_vgpu *vgpu, u64 gfn)
{
	struct mgvt_unmap_fence *fence;
	bool hit = READ_ONCE(vgpu->ggtt.pins_blocked);

	spin_lock(&fence_lock);
	list_for_each_entry(fence, &vgpu->ggtt.fences, node)
		hit |= gfn >= fence->first && gfn <= fence->last;
	spin_unlock(&fence_lock);
	return hit;
}

/**
 * mgvt_unmap_fence_detach - forget the fences of a device being closed
 * @vgpu: the vGPU; its next user has another container
 *
 * Also lifts the block that a failure to fence put on every pin.
 */
void mgvt_unmap_fence_detach(struct mgvt_vgpu *vgpu)
{
	struct mgvt_unmap_fence *fence, *next;

	spin_lock(&fence_lock);
	list_for_each_entry_safe(fence, next, &vgpu->ggtt.fences, node) {
		list_del(&fence->node);
		fence->vgpu = NULL;
	}
	spin_unlock(&fence_lock);
	WRITE_ONCE(vgpu->ggtt.pins_blocked, false);
}

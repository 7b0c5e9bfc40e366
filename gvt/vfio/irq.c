// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupts of a vGPU towards its VFIO user: INTx (maskable, automasked),
 * MSI, MSI-X (none), ERR and REQ, each delivered through an eventfd the
 * user installs with VFIO_DEVICE_SET_IRQS.
 *
 * Without KVM, QEMU never installs an unmask eventfd: it unmasks INTx with
 * SET_IRQS(DATA_NONE | ACTION_UNMASK) after each interrupt, so every action
 * accepts DATA_NONE, DATA_BOOL and DATA_EVENTFD.
 */
#include <linux/file.h>
#include <linux/pci_regs.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vfio.h>

#include "core/compat.h"
#include "core/vgpu_types.h"
#include "trap/cfg.h"
#include "vfio/irq.h"
#include "vfio/vfio_types.h"

/**
 * mgvt_irq_count - number of vectors of a VFIO IRQ index
 * @index: VFIO_PCI_*_IRQ_INDEX
 *
 * Return: the count (0 for MSI-X and unknown indexes).
 */
int mgvt_irq_count(unsigned int index)
{
	switch (index) {
	case VFIO_PCI_INTX_IRQ_INDEX:
	case VFIO_PCI_MSI_IRQ_INDEX:
	case VFIO_PCI_ERR_IRQ_INDEX:
	case VFIO_PCI_REQ_IRQ_INDEX:
		return 1;
	default:
		return 0;
	}
}

/**
 * mgvt_irq_flags - VFIO_IRQ_INFO_* flags of an index
 * @index: VFIO_PCI_*_IRQ_INDEX
 *
 * Return: the flags.
 */
u32 mgvt_irq_flags(unsigned int index)
{
	switch (index) {
	case VFIO_PCI_INTX_IRQ_INDEX:
		return VFIO_IRQ_INFO_EVENTFD | VFIO_IRQ_INFO_MASKABLE |
		       VFIO_IRQ_INFO_AUTOMASKED;
	case VFIO_PCI_MSI_IRQ_INDEX:
	case VFIO_PCI_MSIX_IRQ_INDEX:
		return VFIO_IRQ_INFO_EVENTFD | VFIO_IRQ_INFO_NORESIZE;
	default:
		return VFIO_IRQ_INFO_EVENTFD;
	}
}

static struct mgvt_irq *irq_of(struct mgvt_vgpu *vgpu)
{
	return &to_vfio_vgpu(vgpu)->irq;
}

static void put_trigger(struct eventfd_ctx **trigger)
{
	if (*trigger)
		eventfd_ctx_put(*trigger);
	*trigger = NULL;
}

/* fd >= 0 installs a new eventfd, fd == -1 removes the old one. */
static int set_trigger(struct eventfd_ctx **trigger, s32 fd)
{
	struct eventfd_ctx *ctx;

	if (fd < -1)
		return -EINVAL;
	if (fd == -1) {
		put_trigger(trigger);
		return 0;
	}
	ctx = eventfd_ctx_fdget(fd);
	if (IS_ERR(ctx))
		return PTR_ERR(ctx);
	put_trigger(trigger);
	*trigger = ctx;
	return 0;
}

static void fire(struct eventfd_ctx *trigger)
{
	if (trigger)
		mgvt_eventfd_signal(trigger);
}

/* Deliver INTx if the user has not masked it, then automask. */
static void intx_deliver(struct mgvt_vgpu *vgpu)
{
	struct mgvt_irq *irq = irq_of(vgpu);

	if (irq->intx_masked || !irq->intx_trigger)
		return;
	fire(irq->intx_trigger);
	irq->intx_masked = true;
}

static void intx_unmask(struct mgvt_vgpu *vgpu)
{
	irq_of(vgpu)->intx_masked = false;
	if (irq_of(vgpu)->intx_pending)
		intx_deliver(vgpu);
}

/* virqfd callbacks: the handler runs in atomic context, the thread may sleep. */
static int intx_virqfd_handler(void *opaque, void *data)
{
	return 1;
}

static void intx_unmask_thread(void *opaque, void *data)
{
	struct mgvt_vgpu *vgpu = opaque;

	mutex_lock(&vgpu->lock);
	intx_unmask(vgpu);
	mutex_unlock(&vgpu->lock);
}

static void intx_mask_thread(void *opaque, void *data)
{
	struct mgvt_vgpu *vgpu = opaque;

	mutex_lock(&vgpu->lock);
	irq_of(vgpu)->intx_masked = true;
	mutex_unlock(&vgpu->lock);
}

/* Whether a DATA_NONE or DATA_BOOL request asks for the action. */
static bool wanted(u32 flags, const void *data)
{
	if (flags & VFIO_IRQ_SET_DATA_BOOL)
		return *(const u8 *)data;
	return true;
}

/* INTx mask/unmask driven by an eventfd; called without the vGPU lock. */
static int set_intx_virqfd(struct mgvt_vgpu *vgpu, bool mask, s32 fd)
{
	struct mgvt_irq *irq = irq_of(vgpu);
	struct virqfd **pvirqfd = mask ? &irq->intx_mask_fd :
					 &irq->intx_unmask_fd;

	if (fd < -1)
		return -EINVAL;
	if (fd == -1) {
		vfio_virqfd_disable(pvirqfd);
		return 0;
	}
	return vfio_virqfd_enable(vgpu, intx_virqfd_handler,
				  mask ? intx_mask_thread : intx_unmask_thread,
				  NULL, pvirqfd, fd);
}

static int set_intx(struct mgvt_vgpu *vgpu, struct vfio_irq_set *hdr,
		    const void *data)
{
	u32 action = hdr->flags & VFIO_IRQ_SET_ACTION_TYPE_MASK;
	struct mgvt_irq *irq = irq_of(vgpu);

	switch (action) {
	case VFIO_IRQ_SET_ACTION_MASK:
	case VFIO_IRQ_SET_ACTION_UNMASK:
		if (!hdr->count || !wanted(hdr->flags, data))
			return 0;
		if (action == VFIO_IRQ_SET_ACTION_MASK)
			irq->intx_masked = true;
		else
			intx_unmask(vgpu);
		return 0;
	case VFIO_IRQ_SET_ACTION_TRIGGER:
		if (!hdr->count) {
			put_trigger(&irq->intx_trigger);
			return 0;
		}
		if (hdr->flags & VFIO_IRQ_SET_DATA_EVENTFD)
			return set_trigger(&irq->intx_trigger,
					   *(const s32 *)data);
		/* Loopback test: a one-shot edge on the line. */
		if (wanted(hdr->flags, data))
			intx_deliver(vgpu);
		return 0;
	}
	return -EINVAL;
}

/* MSI, ERR and REQ: a trigger eventfd and nothing else. */
static int set_trigger_only(struct eventfd_ctx **trigger,
			    struct vfio_irq_set *hdr, const void *data)
{
	if ((hdr->flags & VFIO_IRQ_SET_ACTION_TYPE_MASK) !=
	    VFIO_IRQ_SET_ACTION_TRIGGER)
		return -EINVAL;
	if (!hdr->count) {
		put_trigger(trigger);
		return 0;
	}
	if (hdr->flags & VFIO_IRQ_SET_DATA_EVENTFD)
		return set_trigger(trigger, *(const s32 *)data);
	if (wanted(hdr->flags, data))
		fire(*trigger);
	return 0;
}

/**
 * mgvt_irq_set - VFIO_DEVICE_SET_IRQS after argument validation
 * @vgpu: the vGPU, with its lock not held
 * @hdr: the validated header (index, start and count in range)
 * @data: @hdr->count bools or eventfds, or NULL for DATA_NONE
 *
 * Return: 0 or a negative errno.
 */
int mgvt_irq_set(struct mgvt_vgpu *vgpu, struct vfio_irq_set *hdr,
		 const void *data)
{
	u32 action = hdr->flags & VFIO_IRQ_SET_ACTION_TYPE_MASK;
	struct mgvt_irq *irq = irq_of(vgpu);
	int ret = -EINVAL;

	if (hdr->index == VFIO_PCI_INTX_IRQ_INDEX && hdr->count &&
	    (hdr->flags & VFIO_IRQ_SET_DATA_EVENTFD) &&
	    action != VFIO_IRQ_SET_ACTION_TRIGGER)
		return set_intx_virqfd(vgpu, action == VFIO_IRQ_SET_ACTION_MASK,
				       *(const s32 *)data);

	mutex_lock(&vgpu->lock);
	switch (hdr->index) {
	case VFIO_PCI_INTX_IRQ_INDEX:
		ret = set_intx(vgpu, hdr, data);
		break;
	case VFIO_PCI_MSI_IRQ_INDEX:
		ret = set_trigger_only(&irq->msi_trigger, hdr, data);
		break;
	case VFIO_PCI_ERR_IRQ_INDEX:
		ret = set_trigger_only(&irq->err_trigger, hdr, data);
		break;
	case VFIO_PCI_REQ_IRQ_INDEX:
		ret = set_trigger_only(&irq->req_trigger, hdr, data);
		break;
	}
	mutex_unlock(&vgpu->lock);
	return ret;
}

/* The vGPU asserts its interrupt: MSI, or INTx unless the guest disabled it. */
static void irq_raise(struct mgvt_vgpu *vgpu)
{
	struct mgvt_cfg *cfg = &vgpu->cfg;

	if (mgvt_cfg_read16(cfg, MGVT_CFG_CAP_MSI + PCI_MSI_FLAGS) &
	    PCI_MSI_FLAGS_ENABLE) {
		fire(irq_of(vgpu)->msi_trigger);
		return;
	}
	if (mgvt_cfg_read16(cfg, PCI_COMMAND) & PCI_COMMAND_INTX_DISABLE)
		return;
	irq_of(vgpu)->intx_pending = true;
	mgvt_cfg_set_intx(cfg, true);
	intx_deliver(vgpu);
}

/* The vGPU deasserts its interrupt: INTx drops, MSI has nothing to do. */
static void irq_lower(struct mgvt_vgpu *vgpu)
{
	irq_of(vgpu)->intx_pending = false;
	mgvt_cfg_set_intx(&vgpu->cfg, false);
}

/**
 * mgvt_irq_line - the vGPU's virtual interrupt line changed (its
 *	&struct mgvt_guest_ops irq_line)
 * @vgpu: the vGPU, with its lock held
 * @up: the line rose (MSI, or level INTx until it falls) or fell
 */
void mgvt_irq_line(struct mgvt_vgpu *vgpu, bool up)
{
	lockdep_assert_held(&vgpu->lock);
	if (up)
		irq_raise(vgpu);
	else
		irq_lower(vgpu);
}

/**
 * mgvt_irq_request - ask the user to release the device
 * @vgpu: the vGPU
 *
 * Return: true if a REQ eventfd was there to signal.
 */
bool mgvt_irq_request(struct mgvt_vgpu *vgpu)
{
	bool sent;

	mutex_lock(&vgpu->lock);
	sent = irq_of(vgpu)->req_trigger;
	fire(irq_of(vgpu)->req_trigger);
	mutex_unlock(&vgpu->lock);
	return sent;
}

/**
 * mgvt_irq_reset - device reset: INTx unmasked and down, the eventfds kept
 * @vgpu: the vGPU, with its lock held
 */
void mgvt_irq_reset(struct mgvt_vgpu *vgpu)
{
	lockdep_assert_held(&vgpu->lock);
	irq_of(vgpu)->intx_masked = false;
	irq_lower(vgpu);
}

/**
 * mgvt_irq_release - the user closed the device: drop every eventfd
 * @vgpu: the vGPU, with its lock not held (virqfd teardown flushes work
 *	that takes it)
 */
void mgvt_irq_release(struct mgvt_vgpu *vgpu)
{
	struct mgvt_irq *irq = irq_of(vgpu);

	vfio_virqfd_disable(&irq->intx_mask_fd);
	vfio_virqfd_disable(&irq->intx_unmask_fd);
	mutex_lock(&vgpu->lock);
	put_trigger(&irq->intx_trigger);
	put_trigger(&irq->msi_trigger);
	put_trigger(&irq->err_trigger);
	put_trigger(&irq->req_trigger);
	mgvt_irq_reset(vgpu);
	mutex_unlock(&vgpu->lock);
}

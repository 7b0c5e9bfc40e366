// SPDX-License-Identifier: GPL-2.0
/*
 * The virtual monitor on DDI A as the host drives it: its EDID and its
 * link, what the front end offers as the VFIO EDID region.
 *
 * The host changes the EDID with the link down: it writes the new EDID
 * and its size (to a buffer of its own, not yet the monitor's), then
 * brings the link up.  Going up, the new EDID must pass
 * mgvt_edid_check(): if it does, it becomes what DP AUX's I2C-over-AUX
 * serves; if not, the link stays down, the host's buffer goes back to
 * the EDID in use, and the write that asked for the link fails.  Each
 * change of the link unplugs or plugs the monitor: the live hotplug
 * status follows, AUX transactions time out while it is unplugged, and,
 * with port A's hotplug detection enabled (SHOTPLUG_CTL, as a guest i915
 * sets it), a long pulse is latched there and port A's hotplug
 * interrupt raised in SDE_IIR and DE_PORT_IIR (each unless masked), so
 * the guest probes the monitor again and reads its modes.
 *
 * The EDID and the link are the host's: a device reset (a guest
 * rebooting) keeps them, so the guest comes back at the resolution the
 * host chose; closing the device brings back the default EDID, built
 * from the vGPU type (mgvt_edid_build()), link up.
 *
 * A vGPU whose low GM allows two heads (mgvt_edid_heads()) has a second
 * monitor on DDI B, with the type's default EDID offering the modes half
 * the low GM allows.  The host does not drive it (the EDID region is the
 * first monitor's): it is plugged in from the first reset to the close.
 *
 * Everything here runs under the vGPU lock.
 */
#include <linux/errno.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/string.h>

#include "core/log.h"
#include "core/pgpu_types.h"
#include "core/vgpu_types.h"
#include "display/dpsink.h"
#include "display/edid.h"
#include "display/monitor.h"
#include "regs/regs.h"
#include "trap/mmio.h"
#include "trap/virq.h"

#define DEFAULT_W	1024	/* the smallest type's resolution */
#define DEFAULT_H	768

/* The default EDID: the type's resolution, the modes its GM allows. */
static void build_default(struct mgvt_vgpu *vgpu)
{
	struct mgvt_display *d = &vgpu->display;
	u32 w = DEFAULT_W, h = DEFAULT_H, bw, bh;

	if (vgpu->type && !mgvt_parse_resolution(vgpu->type->resolution, &w, &h)) {
		vgpu_warn_rl(vgpu, "type resolution \"%s\" unusable, EDID of %ux%u\n",
			     vgpu->type->resolution, DEFAULT_W, DEFAULT_H);
		w = DEFAULT_W;
		h = DEFAULT_H;
	}
	mgvt_edid_limit(vgpu->slice.low_size, w, h, &d->max_w, &d->max_h);
	d->edid_size = mgvt_edid_build(d->edid, w, h, d->max_w, d->max_h);
	d->heads = mgvt_edid_heads(vgpu->slice.low_size);
	if (d->heads > 1) {
		mgvt_edid_limit(vgpu->slice.low_size / 2, w, h, &bw, &bh);
		d->edid_b_size = mgvt_edid_build(d->edid_b, w, h, bw, bh);
	}
	memcpy(d->host_edid, d->edid, sizeof(d->host_edid));
	d->host_size = d->edid_size;
	d->link_up = true;
}

/* The sink as plugged in (or not), its EDID the one in use. */
static void plug(struct mgvt_vgpu *vgpu)
{
	struct mgvt_display *d = &vgpu->display;

	mgvt_dp_sink_reset(&d->sink, d->edid, d->edid_size);
	d->sink.connected = d->link_up;
}

/* The second monitor, on DDI B: always plugged in where there is one. */
static void plug_b(struct mgvt_vgpu *vgpu)
{
	struct mgvt_display *d = &vgpu->display;

	mgvt_dp_sink_reset(&d->sink_b, d->edid_b, d->edid_b_size);
	d->sink_b.connected = d->heads > 1;
}

/**
 * mgvt_monitor_reset - device reset: the sink as the host left it
 * @vgpu: the vGPU, with its lock held
 *
 * The EDID and the link stay; the first reset after creation or after
 * mgvt_monitor_default() builds the default EDID.
 */
void mgvt_monitor_reset(struct mgvt_vgpu *vgpu)
{
	lockdep_assert_held(&vgpu->lock);
	if (!vgpu->display.edid_size)
		build_default(vgpu);
	plug(vgpu);
	plug_b(vgpu);
}

/**
 * mgvt_monitor_default - the device is closed: the default EDID, link up
 * @vgpu: the vGPU, its lock not held
 */
void mgvt_monitor_default(struct mgvt_vgpu *vgpu)
{
	mutex_lock(&vgpu->lock);
	build_default(vgpu);
	plug(vgpu);
	plug_b(vgpu);
	mutex_unlock(&vgpu->lock);
}

/**
 * mgvt_monitor_get - the EDID region's registers
 * @vgpu: the vGPU, its lock not held
 * @st: filled in
 */
void mgvt_monitor_get(struct mgvt_vgpu *vgpu, struct mgvt_monitor_state *st)
{
	struct mgvt_display *d = &vgpu->display;

	mutex_lock(&vgpu->lock);
	st->edid_size = d->host_size;
	st->max_w = d->max_w;
	st->max_h = d->max_h;
	st->link_up = d->link_up;
	mutex_unlock(&vgpu->lock);
}

/**
 * mgvt_monitor_set_size - the size of the EDID the host is writing
 * @vgpu: the vGPU, its lock not held
 * @size: bytes, at most MGVT_EDID_MAX_SIZE (checked at link up)
 *
 * Return: 0, -EBUSY while the link is up, -EINVAL for a size the
 * monitor cannot hold.
 */
int mgvt_monitor_set_size(struct mgvt_vgpu *vgpu, u32 size)
{
	struct mgvt_display *d = &vgpu->display;
	int ret = 0;

	mutex_lock(&vgpu->lock);
	if (d->link_up) {
		vgpu_warn_rl(vgpu, "EDID size written with the link up, refused\n");
		ret = -EBUSY;
	} else if (size > MGVT_EDID_MAX_SIZE) {
		vgpu_warn_rl(vgpu, "EDID size %u over the %u bytes the monitor holds, refused\n",
			     size, MGVT_EDID_MAX_SIZE);
		ret = -EINVAL;
	} else {
		d->host_size = size;
	}
	mutex_unlock(&vgpu->lock);
	return ret;
}

/**
 * mgvt_monitor_blob_read - bytes of the host's EDID buffer
 * @vgpu: the vGPU, its lock not held
 * @buf: @len bytes to fill
 * @off: offset in the buffer
 * @len: bytes; @off + @len at most MGVT_EDID_MAX_SIZE
 */
void mgvt_monitor_blob_read(struct mgvt_vgpu *vgpu, u8 *buf, u32 off, u32 len)
{
	mutex_lock(&vgpu->lock);
	memcpy(buf, vgpu->display.host_edid + off, len);
	mutex_unlock(&vgpu->lock);
}

/**
 * mgvt_monitor_blob_write - bytes of a new EDID, into the host's buffer
 * @vgpu: the vGPU, its lock not held
 * @buf: @len bytes
 * @off: offset in the buffer
 * @len: bytes; @off + @len at most MGVT_EDID_MAX_SIZE
 *
 * Return: 0, or -EBUSY while the link is up.
 */
int mgvt_monitor_blob_write(struct mgvt_vgpu *vgpu, const u8 *buf, u32 off, u32 len)
{
	int ret = 0;

	mutex_lock(&vgpu->lock);
	if (vgpu->display.link_up) {
		vgpu_warn_rl(vgpu, "EDID written with the link up, refused\n");
		ret = -EBUSY;
	} else {
		memcpy(vgpu->display.host_edid + off, buf, len);
	}
	mutex_unlock(&vgpu->lock);
	return ret;
}

/* Port A's hotplug detection saw a long pulse (plug or unplug). */
static void hotplug_event(struct mgvt_vgpu *vgpu)
{
	u32 *ctl = mgvt_vreg(vgpu, SHOTPLUG_CTL);

	if (!(*ctl & SHOTPLUG_PORTA_ENABLE))
		return;
	*ctl |= SHOTPLUG_PORTA_LONG;
	*mgvt_vreg(vgpu, SDE_IIR) |= SDE_PORTA_HOTPLUG & ~*mgvt_vreg(vgpu, SDE_IMR);
	*mgvt_vreg(vgpu, DE_PORT_IIR) |= DE_PORT_DP_A_HOTPLUG &
					 ~*mgvt_vreg(vgpu, DE_PORT_IMR);
	mgvt_virq_update(vgpu);
}

/**
 * mgvt_monitor_set_link - plug or unplug the monitor
 * @vgpu: the vGPU, its lock not held
 * @up: plug in (with the EDID the host wrote, if it passes the checks)
 *
 * Return: 0, or -EINVAL if the host's EDID fails mgvt_edid_check(): the
 * link stays down and the host's buffer holds the EDID in use again.
 */
int mgvt_monitor_set_link(struct mgvt_vgpu *vgpu, bool up)
{
	struct mgvt_display *d = &vgpu->display;
	const char *why;
	int ret = 0;
	u32 w, h;

	mutex_lock(&vgpu->lock);
	if (up == d->link_up)
		goto out;
	if (up) {
		why = mgvt_edid_check(d->host_edid, d->host_size, MGVT_EDID_MAX_SIZE);
		if (why) {
			vgpu_warn_rl(vgpu, "EDID of %u bytes refused: %s; link stays down\n",
				     d->host_size, why);
			memcpy(d->host_edid, d->edid, sizeof(d->host_edid));
			d->host_size = d->edid_size;
			ret = -EINVAL;
			goto out;
		}
		memcpy(d->edid, d->host_edid, sizeof(d->edid));
		d->edid_size = d->host_size;
	}
	d->link_up = up;
	plug(vgpu);
	hotplug_event(vgpu);
	if (!up)
		vgpu_dbg(vgpu, "monitor unplugged\n");
	else if (mgvt_edid_preferred(d->edid, &w, &h))
		vgpu_info_rl(vgpu, "monitor plugged in: EDID of %u bytes, preferred mode %ux%u\n",
			     d->edid_size, w, h);
	else
		vgpu_info_rl(vgpu, "monitor plugged in: EDID of %u bytes, no preferred mode\n",
			     d->edid_size);
out:
	mutex_unlock(&vgpu->lock);
	return ret;
}

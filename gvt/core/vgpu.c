// SPDX-License-Identifier: GPL-2.0
/*
 * The vGPU life cycle: built when its front end creates it (mdev create),
 * reset to its after-create state (device reset, close), torn down when
 * the front end releases it.  A reset fans out to every subsystem.
 */
#include <linux/device.h>
#include <linux/module.h>
#include <linux/sizes.h>

#include "core/debugfs.h"
#include "core/log.h"
#include "core/pgpu.h"
#include "core/pgpu_types.h"
#include "core/stats.h"
#include "core/vgpu.h"
#include "core/vgpu_types.h"
#define CREATE_TRACE_POINTS
#include "core/trace.h"
#include "mm/aperture.h"
#include "mm/ggtt.h"
#include "mm/gm.h"
#include "mm/ppgtt.h"
#include "render/vexec.h"
#include "trap/cfg.h"
#include "trap/fence.h"
#include "trap/mmio.h"
#include "trap/pvinfo.h"
#include "trap/virq.h"

/* Config space, BAR0 and the interrupt line to their after-create state. */
static void vgpu_reset(struct mgvt_vgpu *vgpu)
{
	mgvt_ppgtt_reset(vgpu);
	mgvt_ggtt_reset(vgpu);
	mutex_lock(&vgpu->lock);
	mgvt_cfg_reset(&vgpu->cfg, &vgpu->cfg.id);
	mgvt_mmio_reset(vgpu);
	mgvt_virq_reset(vgpu);
	mutex_unlock(&vgpu->lock);
}

/**
 * mgvt_vgpu_init - build a vGPU when its front end creates it
 * @vgpu: the zeroed vGPU
 * @pgpu: the pGPU it lives on
 * @conf: its type
 * @dev: the device it is (the mdev), for logs and its debugfs name
 * @guest: its front end's services
 *
 * Takes the type's share of GM and fences, a reference on the provider
 * module and sets up the virtual device in its after-reset state.
 *
 * Return: 0, -ENOSPC when the pGPU has no room for one more of this type,
 * or another negative errno.
 */
int mgvt_vgpu_init(struct mgvt_vgpu *vgpu, struct mgvt_pgpu *pgpu,
		   const struct mgvt_type_conf *conf, struct device *dev,
		   const struct mgvt_guest_ops *guest)
{
	struct mgvt_gm_need need = mgvt_type_need(conf);
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

	vgpu->dev = dev;
	vgpu->guest = guest;
	vgpu->pgpu = pgpu;
	vgpu->type = conf;
	mutex_init(&vgpu->lock);

	if (!try_module_get(pgpu->desc.owner))
		return -ENODEV;

	mutex_lock(&pgpu->lock);
	ret = mgvt_gm_alloc(&pgpu->pool, &need, &vgpu->slice, &short_of);
	if (ret) {
		mutex_unlock(&pgpu->lock);
		dev_err(dev,
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

	mgvt_ppgtt_init(vgpu);
	mgvt_vexec_init(vgpu);
	mgvt_cfg_reset(&vgpu->cfg, &id);
	vgpu_reset(vgpu);
	mgvt_debugfs_vgpu_add(vgpu);
	mgvt_stat(MGVT_STAT_VGPUS, 1);
	trace_mgvt_vgpu_create(vgpu);
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
	trace_mgvt_vgpu_destroy(vgpu);
	mgvt_stat(MGVT_STAT_VGPUS, -1);
	mgvt_debugfs_vgpu_remove(vgpu);
	mgvt_vexec_fini(vgpu);		/* nothing of it runs any more */
	mgvt_fence_reset(vgpu);		/* nothing of ours stays on the pGPU */
	mgvt_ppgtt_fini(vgpu);
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
 * return to their initial values and every pinned guest page is released.
 * The front end resets its own state (vfio/ keeps the user's eventfds).
 */
void mgvt_vgpu_reset(struct mgvt_vgpu *vgpu)
{
	mgvt_count(vgpu, MGVT_CNT_RESETS, 1);
	trace_mgvt_vgpu_reset(vgpu);
	mgvt_vexec_quiesce(vgpu);
	vgpu_reset(vgpu);
}

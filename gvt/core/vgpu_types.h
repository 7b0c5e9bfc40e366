/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct mgvt_vgpu: one vGPU, with the state each subsystem embeds in it.
 */
#ifndef MGVT_CORE_VGPU_TYPES_H
#define MGVT_CORE_VGPU_TYPES_H

#include <linux/atomic.h>
#include <linux/bitmap.h>
#include <linux/mutex.h>

#include "core/stats_types.h"
#include "display/display_types.h"
#include "hal.h"
#include "mm/aperture_types.h"
#include "mm/ggtt_types.h"
#include "mm/ppgtt_types.h"
#include "mm/gm.h"
#include "render/vexec_types.h"
#include "trap/cfg.h"
#include "trap/execlist_types.h"

struct dentry;
struct device;
struct mgvt_type_conf;
struct mgvt_vgpu;
struct page;

/**
 * struct mgvt_guest_ops - what the front end that exposes a vGPU to its
 *	user (vfio/) does for the rest of mgvt, which never sees it
 * @pin: pin the guest page at guest frame @gfn for DMA and return it in
 *	@page: 0, or -EINVAL for memory the user never mapped, -ENOMEM past
 *	the user's locked-memory limit, another negative errno otherwise.
 *	Sleeps; called with the GGTT lock held
 * @unpin: release one pin of @gfn taken by @pin
 * @irq_line: the vGPU's virtual interrupt line went up or down; called
 *	with the vGPU's lock held
 */
struct mgvt_guest_ops {
	int (*pin)(struct mgvt_vgpu *vgpu, u64 gfn, struct page **page);
	void (*unpin)(struct mgvt_vgpu *vgpu, u64 gfn);
	void (*irq_line)(struct mgvt_vgpu *vgpu, bool up);
};

/**
 * struct mgvt_vgpu - one vGPU
 * @dev: the device the vGPU is (the mdev), for logs and debugfs
 * @guest: its front end
 * @pgpu: the pGPU it lives on
 * @type: its type
 * @id: vGPU id, unique per pGPU, reported as PVINFO vgt_id
 * @slice: GM and fences it owns
 * @lock: protects @cfg, @vregs, @irq_line and the front end's interrupt
 *	state
 * @cfg: virtual PCI config space
 * @vregs: virtual register file, the register part of BAR0
 * @vggtt: the guest's view of its GGTT entries (BAR0 + 8 MiB), low slice
 *	then high slice; the rest of the table reads 0.  Under @ggtt.lock
 * @scratch: backs aperture pages that have no valid GGTT entry
 * @irq_line: the virtual interrupt line (MASTER_IRQ enabled and a GT or
 *	display IIR bit enabled in its IER)
 * @debugfs: the vGPU's debugfs directory
 * @untracked: untracked registers written since the last reset, each
 *	logged once (one bit per dword)
 * @written_pages: pages of @vregs with a bit set in @untracked
 * @ggtt: its part of the pGPU's GGTT, with the pinned guest pages
 * @ppgtt: the shadows of its guest's PPGTTs
 * @ap: user mappings of its aperture slice
 * @cnt: error and activity counters (debugfs "counters")
 * @vel: its virtual execlist ports (under @lock)
 * @vx: its virtual execlists as the render path runs them
 * @display: its virtual display (under @lock)
 */
struct mgvt_vgpu {
	struct device *dev;
	const struct mgvt_guest_ops *guest;
	struct mgvt_pgpu *pgpu;
	const struct mgvt_type_conf *type;
	u32 id;
	struct mgvt_gm_slice slice;
	struct mutex lock; /* protects cfg, vregs, irq_line, front end irqs */
	struct mgvt_cfg cfg;
	u8 *vregs;
	u8 *vggtt;
	struct page *scratch;
	bool irq_line;
	struct dentry *debugfs;
	unsigned long *untracked;
	DECLARE_BITMAP(written_pages, MGVT_MMIO_REG_SIZE / PAGE_SIZE);
	struct mgvt_ggtt ggtt;
	struct mgvt_ppgtt ppgtt;
	struct mgvt_aperture ap;
	struct mgvt_counters cnt;
	struct mgvt_vexeclists vel;
	struct mgvt_vexec vx;
	struct mgvt_display display;
};

#endif /* MGVT_CORE_VGPU_TYPES_H */

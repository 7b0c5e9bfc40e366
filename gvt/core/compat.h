/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place for kernel-version differences.  Debian 12 (6.1) is the
 * reference; newer kernels changed a few signatures mgvt uses.
 */
#ifndef MGVT_COMPAT_H
#define MGVT_COMPAT_H

#include <linux/eventfd.h>
#include <linux/mm.h>
#include <linux/version.h>

static inline void mgvt_eventfd_signal(struct eventfd_ctx *ctx)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)
	eventfd_signal(ctx);
#else
	eventfd_signal(ctx, 1);
#endif
}

static inline void mgvt_vm_flags_set(struct vm_area_struct *vma,
				     unsigned long flags)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
	vm_flags_set(vma, flags);
#else
	vma->vm_flags |= flags;
#endif
}

#endif /* MGVT_COMPAT_H */

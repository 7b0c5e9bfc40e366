// SPDX-License-Identifier: GPL-2.0
/*
 * mgvt's debugfs, all of it:
 *
 *   mgvt/stats                          what mgvt holds module-wide
 *   mgvt/<device>/                      one directory per pGPU
 *   mgvt/<device>/engines               its engine owners and host GM
 *   mgvt/<device>/<vGPU>/counters       the vGPU's counters
 *   mgvt/<device>/<vGPU>/fences         its fences, virtual and physical
 *   mgvt/<device>/<vGPU>/ppgtt_roots    the PPGTTs its guest announced
 *   mgvt/<device>/<vGPU>/ppgtt          its shadow PPGTTs: tables, pins
 *
 * and, with the module parameter debug=1 only, the test hooks:
 *
 *   mgvt/<device>/native                the native client's commands
 *   mgvt/<device>/native_buffer         the memory its work writes
 *   mgvt/<device>/<vGPU>/inject_irq     raise a virtual engine interrupt
 *
 * A production module has no file that makes the GPU run anything or a
 * vGPU see an event its engines did not cause.
 */
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "core/debugfs.h"
#include "core/pgpu_types.h"
#include "core/stats.h"
#include "core/vgpu_types.h"
#include "mm/hostgm.h"
#include "mm/ppgtt.h"
#include "native/native.h"
#include "render/engine.h"
#include "render/vexec.h"
#include "trap/fence.h"
#include "trap/pvinfo.h"
#include "trap/virq.h"

static bool debug;
module_param(debug, bool, 0444);
MODULE_PARM_DESC(debug,
		 "Create the test hooks in debugfs: the native client's command files and each vGPU's inject_irq (default: off)");

static struct dentry *mgvt_root;

#define INJECT_CMD_MAX	32	/* "vecs0 ctxsw" and then some */

DEFINE_SHOW_ATTRIBUTE(mgvt_stats);
DEFINE_SHOW_ATTRIBUTE(mgvt_counters);
DEFINE_SHOW_ATTRIBUTE(mgvt_fence);
DEFINE_SHOW_ATTRIBUTE(mgvt_pvinfo);

/* Engine owners, one line each, then what the host GM allocator holds. */
static int engines_show(struct seq_file *m, void *unused)
{
	struct mgvt_pgpu *pgpu = m->private;
	unsigned long used[MGVT_GM_ZONES], size[MGVT_GM_ZONES], allocs;

	mgvt_engines_show(pgpu, m);
	mgvt_hostgm_usage(&pgpu->hostgm, used, size, &allocs);
	seq_printf(m, "hostgm low_used %lu low_pages %lu high_used %lu high_pages %lu ranges %lu\n",
		   used[MGVT_GM_LOW], size[MGVT_GM_LOW], used[MGVT_GM_HIGH],
		   size[MGVT_GM_HIGH], allocs);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(engines);

/* A vGPU's virtual execlists: elements, shadow contexts, counters. */
static int execlists_show(struct seq_file *m, void *unused)
{
	mgvt_vexec_show(m->private, m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(execlists);

/* A vGPU's shadow PPGTTs: roots, tables, pins, validation counters. */
static int ppgtt_show(struct seq_file *m, void *unused)
{
	mgvt_ppgtt_show(m->private, m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ppgtt);

static ssize_t inject_write(struct file *f, const char __user *ubuf,
			    size_t len, loff_t *ppos)
{
	char *cmd;
	int ret;

	if (len >= INJECT_CMD_MAX)
		return -EINVAL;
	cmd = memdup_user_nul(ubuf, len);
	if (IS_ERR(cmd))
		return PTR_ERR(cmd);
	ret = mgvt_virq_inject(f->private_data, cmd);
	kfree(cmd);
	return ret ? ret : len;
}

static const struct file_operations inject_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = inject_write,
	.llseek = no_llseek,
};

/**
 * mgvt_debugfs_init - create mgvt's directory and its stats (module load)
 */
void mgvt_debugfs_init(void)
{
	mgvt_root = debugfs_create_dir("mgvt", NULL);
	debugfs_create_file("stats", 0400, mgvt_root, NULL, &mgvt_stats_fops);
}

/**
 * mgvt_debugfs_exit - remove everything (module unload)
 */
void mgvt_debugfs_exit(void)
{
	debugfs_remove_recursive(mgvt_root);
}

/**
 * mgvt_debugfs_pgpu_add - a pGPU's directory, and its test hooks
 * @pgpu: the pGPU, its native client set up
 */
void mgvt_debugfs_pgpu_add(struct mgvt_pgpu *pgpu)
{
	pgpu->debugfs = debugfs_create_dir(dev_name(pgpu->desc.dev), mgvt_root);
	debugfs_create_file("engines", 0400, pgpu->debugfs, pgpu, &engines_fops);
	if (!debug)
		return;
	debugfs_create_file("native", 0600, pgpu->debugfs, &pgpu->native,
			    &mgvt_native_fops);
	debugfs_create_file("native_buffer", 0600, pgpu->debugfs,
			    &pgpu->native, &mgvt_native_buffer_fops);
}

/**
 * mgvt_debugfs_pgpu_remove - remove a pGPU's directory
 * @pgpu: the pGPU
 */
void mgvt_debugfs_pgpu_remove(struct mgvt_pgpu *pgpu)
{
	debugfs_remove_recursive(pgpu->debugfs);
}

/**
 * mgvt_debugfs_vgpu_add - a vGPU's directory in its pGPU's
 * @vgpu: the vGPU, set up
 */
void mgvt_debugfs_vgpu_add(struct mgvt_vgpu *vgpu)
{
	struct dentry *dir;

	dir = debugfs_create_dir(dev_name(vgpu->dev), vgpu->pgpu->debugfs);
	vgpu->debugfs = dir;
	debugfs_create_file("counters", 0400, dir, vgpu, &mgvt_counters_fops);
	debugfs_create_file("fences", 0400, dir, vgpu, &mgvt_fence_fops);
	debugfs_create_file("ppgtt_roots", 0400, dir, vgpu, &mgvt_pvinfo_fops);
	debugfs_create_file("execlists", 0400, dir, vgpu, &execlists_fops);
	debugfs_create_file("ppgtt", 0400, dir, vgpu, &ppgtt_fops);
	if (debug)
		debugfs_create_file("inject_irq", 0200, dir, vgpu, &inject_fops);
}

/**
 * mgvt_debugfs_vgpu_remove - remove a vGPU's directory
 * @vgpu: the vGPU
 */
void mgvt_debugfs_vgpu_remove(struct mgvt_vgpu *vgpu)
{
	debugfs_remove_recursive(vgpu->debugfs);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * mgvt-sim: a simulated Intel Skylake GT2 (8086:1912), the embedded default
 * physical GPU of mgvt.  It registers with the mediator through gvt/hal.h
 * exactly like the real-hardware backend does.
 *
 * Where the machine offers a stand-in PCI function (QEMU's pci-testdev,
 * 1b36:0005, as the test rig provides), the simulated GPU sits on it, so
 * the mdev parent is a PCI device as on real hardware and libvirt reports
 * its types.  Without one, it registers under a platform device of its own.
 *
 * The model: register file (regs.c), GGTT and PPGTT paths behind an
 * emulated IOMMU (mem.c, iommu.c), four engines with execlists
 * (execlist.c) running the command streamer and blitter (cs.c, blt.c) in
 * paced kernel threads (engine.c).  The streamer enforces Gen9's hardware
 * privilege rule: batches in the PPGTT run non-privileged, their GGTT bits
 * ignored, their privileged commands and register writes off the hardware
 * whitelist (RING_FORCE_TO_NONPRIV) stopping the engine with a command
 * privilege error.
 */
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/vmalloc.h>

#include "hal.h"
#include "sim.h"

#define SIM_DRIVER_NAME		"mgvt"	/* same as the hardware backend */
#define SIM_PCI_VENDOR_INTEL	0x8086
#define SIM_PCI_DEVICE_SKL_GT2	0x1912
#define SIM_PCI_REVISION	0x07

static unsigned int aperture_mb = 1024;
module_param(aperture_mb, uint, 0444);
MODULE_PARM_DESC(aperture_mb,
		 "Size of the simulated aperture (mappable GM) in MiB, a power of two from 256 to 2048 (default 1024, as GVT-g hosts configure it)");

static bool use_pci = true;
module_param(use_pci, bool, 0444);
MODULE_PARM_DESC(use_pci,
		 "Sit on a stand-in PCI function (QEMU pci-testdev) when there is one, so the mdev parent is a PCI device as on real hardware (default true); otherwise, or without one, use a platform device of our own");

static struct dentry *sim_debugfs_root;

/*
 * Strict mode: everything real hardware would punish, counted.  A correct
 * driver keeps every line at 0 (engine_faults counts hung contexts,
 * privilege_errors those of them a non-privileged batch hung).
 */
static int strict_show(struct seq_file *m, void *unused)
{
	struct mgvt_sim *sim = m->private;
	unsigned long hung = 0, priv = 0;
	unsigned int e;

	for (e = 0; e < SIM_NUM_ENGINES; e++) {
		hung += READ_ONCE(sim->run[e].eng.faults);
		priv += READ_ONCE(sim->run[e].eng.privilege_errors);
	}
	seq_printf(m, "no_forcewake %ld\n", atomic_long_read(&sim->regs.no_forcewake));
	seq_printf(m, "ro_writes %ld\n", atomic_long_read(&sim->regs.ro_writes));
	seq_printf(m, "reg_range_faults %ld\n",
		   atomic_long_read(&sim->regs.range_faults));
	seq_printf(m, "ggtt_stale_uses %ld\n", atomic_long_read(&sim->ggtt.stale_uses));
	seq_printf(m, "pte_faults %ld\n", atomic_long_read(&sim->ggtt.pte_faults));
	seq_printf(m, "range_faults %ld\n", atomic_long_read(&sim->ggtt.range_faults));
	seq_printf(m, "dma_faults %ld\n", atomic_long_read(&sim->mmu.faults));
	seq_printf(m, "engine_faults %lu\n", hung);
	seq_printf(m, "privilege_errors %lu\n", priv);
	seq_printf(m, "dma_mapped_pages %ld\n", atomic_long_read(&sim->mmu.mapped));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(strict);

static struct mgvt_sim *to_sim(struct mgvt_pgpu *pgpu)
{
	return mgvt_pgpu_priv(pgpu);
}

static u32 sim_read32(struct mgvt_pgpu *pgpu, u32 reg)
{
	struct mgvt_sim *sim = to_sim(pgpu);
	unsigned long flags;
	u32 val;

	if (reg >= MGVT_MMIO_REG_SIZE || reg & 3)
		return 0;
	spin_lock_irqsave(&sim->lock, flags);
	val = sim_regs_read(&sim->regs, reg);
	spin_unlock_irqrestore(&sim->lock, flags);
	return val;
}

static void sim_write32(struct mgvt_pgpu *pgpu, u32 reg, u32 val)
{
	struct mgvt_sim *sim = to_sim(pgpu);
	unsigned long flags;

	if (reg >= MGVT_MMIO_REG_SIZE || reg & 3)
		return;
	spin_lock_irqsave(&sim->lock, flags);
	sim_regs_write(&sim->regs, reg, val);
	spin_unlock_irqrestore(&sim->lock, flags);
}

static u64 sim_read64(struct mgvt_pgpu *pgpu, u32 reg)
{
	struct mgvt_sim *sim = to_sim(pgpu);
	unsigned long flags;
	u64 val;

	if (reg >= MGVT_MMIO_REG_SIZE - 4 || reg & 7)
		return 0;
	spin_lock_irqsave(&sim->lock, flags);
	val = sim_regs_read(&sim->regs, reg) |
	      (u64)sim_regs_read(&sim->regs, reg + 4) << 32;
	spin_unlock_irqrestore(&sim->lock, flags);
	return val;
}

static u64 sim_read_pte(struct mgvt_pgpu *pgpu, u32 index)
{
	if (index >= SIM_GGTT_ENTRIES)
		return 0;
	return sim_ggtt_read(&to_sim(pgpu)->ggtt, index);
}

static void sim_write_pte(struct mgvt_pgpu *pgpu, u32 index, u64 pte)
{
	if (index >= SIM_GGTT_ENTRIES)
		return;
	sim_ggtt_write(&to_sim(pgpu)->ggtt, index, pte);
}

static int sim_dma_map(struct mgvt_pgpu *pgpu, struct page *page,
		       unsigned int npages, dma_addr_t *dma)
{
	u64 addr;
	int ret = sim_iommu_map(&to_sim(pgpu)->mmu, page, npages, &addr);

	*dma = addr;
	return ret;
}

/*
 * The simulated aperture is the GM seen through the GGTT as the driver last
 * wrote it: a page is backed by the host page its entry names (DMA address
 * = physical address in the emulated IOMMU), so it moves with the entry.
 */
static int sim_aperture_page(struct mgvt_pgpu *pgpu, u64 gm,
			     struct mgvt_aperture_page *page)
{
	struct mgvt_sim *sim = to_sim(pgpu);
	u64 pte;

	if (gm >= (u64)aperture_mb << 20)
		return -ERANGE;
	pte = sim_ggtt_read(&sim->ggtt, gm >> PAGE_SHIFT);
	if (!(pte & GEN8_PTE_PRESENT) ||
	    !sim_iommu_mapped(&sim->mmu, pte & SIM_PAGE_ADDR))
		return -ENOENT;
	page->pfn = (pte & SIM_PAGE_ADDR) >> PAGE_SHIFT;
	page->write_combine = false;
	page->stable = false;
	return 0;
}

static void sim_dma_unmap(struct mgvt_pgpu *pgpu, dma_addr_t dma,
			  unsigned int npages)
{
	if (sim_iommu_unmap(&to_sim(pgpu)->mmu, dma, npages))
		pr_warn_ratelimited("mgvt_sim: unmap of %u pages at %pad that were not mapped\n",
				    npages, &dma);
}

/* Work on the sim takes time_scale percent of its modelled time. */
static unsigned int sim_hal_time_scale(struct mgvt_pgpu *pgpu)
{
	return sim_time_scale();
}

/**
 * DOC: sim_hal_ops
 *
 * Register access to the simulated GPU.
 *
 * Registers with their semantics (masked, read-only, write-1-to-clear,
 * computed acknowledges, ELSP and resets reaching the engines), the GGTT
 * with its invalidate, and DMA mappings in the emulated IOMMU.
 */
static const struct mgvt_hal_ops sim_hal_ops = {
	.read32 = sim_read32,
	.write32 = sim_write32,
	.read64 = sim_read64,
	.read_pte = sim_read_pte,
	.write_pte = sim_write_pte,
	.dma_map = sim_dma_map,
	.dma_unmap = sim_dma_unmap,
	.aperture_page = sim_aperture_page,
	.time_scale = sim_hal_time_scale,
};

static void sim_free(struct mgvt_sim *sim)
{
	long leaked = atomic_long_read(&sim->mmu.mapped);

	if (leaked)
		pr_err("mgvt_sim: %ld pages still DMA-mapped at teardown (driver leak)\n",
		       leaked);
	sim_iommu_fini(&sim->mmu);
	sim_ggtt_fini(&sim->ggtt);
	sim_regs_fini(&sim->regs);
	kfree(sim);
}

/*
 * debugfs "ggtt": the pGPU's GGTT entries as the engines would use them,
 * 8 little-endian bytes per entry at offset 8 * index (read with pread).
 */
static ssize_t ggtt_read(struct file *f, char __user *ubuf, size_t len,
			 loff_t *ppos)
{
	struct mgvt_sim *sim = f->private_data;
	loff_t pos = *ppos;
	size_t done = 0;
	__le64 pte;

	if (pos < 0 || pos % sizeof(pte) || len % sizeof(pte))
		return -EINVAL;
	while (done < len && pos + done < MGVT_GGTT_SIZE) {
		pte = cpu_to_le64(sim_ggtt_read(&sim->ggtt,
						(pos + done) / sizeof(pte)));
		if (copy_to_user(ubuf + done, &pte, sizeof(pte)))
			return done ? done : -EFAULT;
		done += sizeof(pte);
	}
	*ppos = pos + done;
	return done;
}

static const struct file_operations ggtt_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = ggtt_read,
	.llseek = default_llseek,
};

/* debugfs "dma_mapped": pages the mediator has mapped for the engines. */
static int dma_mapped_show(struct seq_file *m, void *unused)
{
	struct mgvt_sim *sim = m->private;

	seq_printf(m, "%ld\n", atomic_long_read(&sim->mmu.mapped));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(dma_mapped);

static struct mgvt_sim *sim_create(struct device *dev)
{
	struct mgvt_pgpu_desc desc = {
		.name = "mgvt-sim",
		.dev = dev,
		.owner = THIS_MODULE,
		.ops = &sim_hal_ops,
		.vendor = SIM_PCI_VENDOR_INTEL,
		.device = SIM_PCI_DEVICE_SKL_GT2,
		.subsystem_vendor = SIM_PCI_VENDOR_INTEL,
		.subsystem_device = 0x2015,
		.revision = SIM_PCI_REVISION,
		.aperture_size = (u64)aperture_mb << 20,
		.num_fences = MGVT_NUM_FENCES,
	};
	struct mgvt_sim *sim;
	int ret;

	sim = kzalloc(sizeof(*sim), GFP_KERNEL);
	if (!sim)
		return ERR_PTR(-ENOMEM);
	spin_lock_init(&sim->lock);
	sim_iommu_init(&sim->mmu);
	ret = sim_ggtt_init(&sim->ggtt);
	if (ret)
		goto err_free;
	sim_engines_init(sim);
	ret = sim_regs_init(&sim->regs, &sim_regs_hooks, sim);
	if (ret)
		goto err_free;
	desc.priv = sim;
	sim->pgpu = mgvt_register_pgpu(&desc);
	if (IS_ERR(sim->pgpu)) {
		ret = PTR_ERR(sim->pgpu);
		goto err_free;
	}
	/*
	 * The engine threads deliver interrupts to the mediator: they run only
	 * while the pGPU is registered.
	 */
	ret = sim_engines_start(sim);
	if (ret)
		goto err_unregister;
	sim->debugfs = debugfs_create_dir(dev_name(dev), sim_debugfs_root);
	debugfs_create_file("strict", 0400, sim->debugfs, sim, &strict_fops);
	debugfs_create_file("ggtt", 0400, sim->debugfs, sim, &ggtt_fops);
	debugfs_create_file("dma_mapped", 0400, sim->debugfs, sim,
			    &dma_mapped_fops);
	return sim;

err_unregister:
	mgvt_unregister_pgpu(sim->pgpu);
err_free:
	sim_free(sim);
	return ERR_PTR(ret);
}

static void sim_destroy(struct mgvt_sim *sim)
{
	debugfs_remove_recursive(sim->debugfs);
	sim_engines_stop(sim);
	mgvt_unregister_pgpu(sim->pgpu);
	sim_free(sim);
}

/* Number of simulated GPUs on PCI stand-ins. */
static unsigned int sim_pci_count;

static int sim_pci_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct mgvt_sim *sim = sim_create(&pdev->dev);

	if (IS_ERR(sim))
		return PTR_ERR(sim);
	pci_set_drvdata(pdev, sim);
	sim_pci_count++;
	return 0;
}

static void sim_pci_remove(struct pci_dev *pdev)
{
	sim_destroy(pci_get_drvdata(pdev));
	sim_pci_count--;
}

static const struct pci_device_id sim_pci_ids[] = {
	{ PCI_DEVICE(PCI_VENDOR_ID_REDHAT, 0x0005) },	/* QEMU pci-testdev */
	{ }
};
MODULE_DEVICE_TABLE(pci, sim_pci_ids);

static struct pci_driver sim_pci_driver = {
	.name = SIM_DRIVER_NAME,
	.id_table = sim_pci_ids,
	.probe = sim_pci_probe,
	.remove = sim_pci_remove,
};

static int sim_platform_probe(struct platform_device *pdev)
{
	struct mgvt_sim *sim = sim_create(&pdev->dev);

	if (IS_ERR(sim))
		return PTR_ERR(sim);
	platform_set_drvdata(pdev, sim);
	return 0;
}

static int sim_platform_remove(struct platform_device *pdev)
{
	sim_destroy(platform_get_drvdata(pdev));
	return 0;
}

static struct platform_driver sim_platform_driver = {
	.driver.name = SIM_DRIVER_NAME,
	.probe = sim_platform_probe,
	.remove = sim_platform_remove,
};

static struct platform_device *sim_platform_dev;

static int __init sim_init(void)
{
	int ret;

	if (aperture_mb < 256 || aperture_mb > 2048 ||
	    !is_power_of_2(aperture_mb)) {
		pr_err("mgvt_sim: aperture_mb=%u is not a power of two in [256, 2048]\n",
		       aperture_mb);
		return -EINVAL;
	}

	sim_debugfs_root = debugfs_create_dir("mgvt_sim", NULL);
	if (use_pci) {
		ret = pci_register_driver(&sim_pci_driver);
		if (ret) {
			debugfs_remove_recursive(sim_debugfs_root);
			return ret;
		}
		if (sim_pci_count)
			return 0;
	}

	/* No stand-in PCI function: sit on a virtual device of our own. */
	ret = platform_driver_register(&sim_platform_driver);
	if (ret)
		goto err_pci;
	sim_platform_dev = platform_device_register_simple(SIM_DRIVER_NAME,
							   PLATFORM_DEVID_NONE,
							   NULL, 0);
	if (IS_ERR(sim_platform_dev)) {
		ret = PTR_ERR(sim_platform_dev);
		goto err_platform;
	}
	if (!platform_get_drvdata(sim_platform_dev)) {
		ret = -ENODEV;
		goto err_dev;
	}
	return 0;

err_dev:
	platform_device_unregister(sim_platform_dev);
err_platform:
	platform_driver_unregister(&sim_platform_driver);
err_pci:
	if (use_pci)
		pci_unregister_driver(&sim_pci_driver);
	sim_platform_dev = NULL;
	debugfs_remove_recursive(sim_debugfs_root);
	return ret;
}

static void __exit sim_exit(void)
{
	if (sim_platform_dev) {
		platform_device_unregister(sim_platform_dev);
		platform_driver_unregister(&sim_platform_driver);
	}
	if (use_pci)
		pci_unregister_driver(&sim_pci_driver);
	debugfs_remove_recursive(sim_debugfs_root);
}

module_init(sim_init);
module_exit(sim_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The mgvt authors");
MODULE_DESCRIPTION("mgvt-sim: simulated Intel Skylake GT2 GPU, the default physical GPU of mgvt");
MODULE_VERSION(MGVT_VERSION);

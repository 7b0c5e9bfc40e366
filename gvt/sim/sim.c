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
 * This first model has the register file, the GGTT and the fences; engines
 * come later.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/vmalloc.h>

#include "../hal.h"

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

/**
 * struct mgvt_sim - one simulated GPU
 * @regs: register file, the register part of BAR0
 * @gtt: GGTT entries
 * @pgpu: handle from the mediator
 */
struct mgvt_sim {
	u32 *regs;
	u64 *gtt;
	struct mgvt_pgpu *pgpu;
};

static struct mgvt_sim *to_sim(struct mgvt_pgpu *pgpu)
{
	return mgvt_pgpu_priv(pgpu);
}

static u32 sim_read32(struct mgvt_pgpu *pgpu, u32 reg)
{
	if (reg >= MGVT_MMIO_REG_SIZE || reg & 3)
		return 0;
	return READ_ONCE(to_sim(pgpu)->regs[reg / 4]);
}

static void sim_write32(struct mgvt_pgpu *pgpu, u32 reg, u32 val)
{
	if (reg >= MGVT_MMIO_REG_SIZE || reg & 3)
		return;
	WRITE_ONCE(to_sim(pgpu)->regs[reg / 4], val);
}

static u64 sim_read_pte(struct mgvt_pgpu *pgpu, u32 index)
{
	if (index >= MGVT_GGTT_SIZE / MGVT_GGTT_PTE_SIZE)
		return 0;
	return READ_ONCE(to_sim(pgpu)->gtt[index]);
}

static void sim_write_pte(struct mgvt_pgpu *pgpu, u32 index, u64 pte)
{
	if (index >= MGVT_GGTT_SIZE / MGVT_GGTT_PTE_SIZE)
		return;
	WRITE_ONCE(to_sim(pgpu)->gtt[index], pte);
}

/**
 * DOC: sim_hal_ops
 *
 * Register access to the simulated GPU.
 *
 * Plain stores into the model's register file and GGTT; register semantics
 * come with the engine model.
 */
static const struct mgvt_hal_ops sim_hal_ops = {
	.read32 = sim_read32,
	.write32 = sim_write32,
	.read_pte = sim_read_pte,
	.write_pte = sim_write_pte,
};

static void sim_free(struct mgvt_sim *sim)
{
	vfree(sim->gtt);
	vfree(sim->regs);
	kfree(sim);
}

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
	sim->regs = vzalloc(MGVT_MMIO_REG_SIZE);
	sim->gtt = vzalloc(MGVT_GGTT_SIZE);
	if (!sim->regs || !sim->gtt) {
		ret = -ENOMEM;
		goto err_free;
	}

	desc.priv = sim;
	sim->pgpu = mgvt_register_pgpu(&desc);
	if (IS_ERR(sim->pgpu)) {
		ret = PTR_ERR(sim->pgpu);
		goto err_free;
	}
	return sim;

err_free:
	sim_free(sim);
	return ERR_PTR(ret);
}

static void sim_destroy(struct mgvt_sim *sim)
{
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

	if (use_pci) {
		ret = pci_register_driver(&sim_pci_driver);
		if (ret)
			return ret;
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
}

module_init(sim_init);
module_exit(sim_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The mgvt authors");
MODULE_DESCRIPTION("mgvt-sim: simulated Intel Skylake GT2 GPU, the default physical GPU of mgvt");
MODULE_VERSION("0.1.0");

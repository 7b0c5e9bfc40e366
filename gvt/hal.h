/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mgvt hardware abstraction: the only door between the mediator and a
 * physical Gen9 GPU (pGPU).  A provider (the simulated GPU in gvt/sim/, the
 * PCI backend in gvt/hw/) fills a struct mgvt_pgpu_desc and registers it with
 * mgvt_register_pgpu().  Everything the mediator does to hardware goes
 * through the ops below, exactly as a driver would do it to a real BAR.
 */
#ifndef MGVT_HAL_H
#define MGVT_HAL_H

#include <linux/types.h>

struct device;
struct module;
struct page;
struct mgvt_pgpu;

/*
 * The version of mgvt.ko and of the providers built with it (their
 * MODULE_VERSION); dkms.conf and scripts/dkms.sh read it from here.
 */
#define MGVT_VERSION		"0.1.0"

/* Fixed Gen9 geometry shared by every provider. */
#define MGVT_GM_SIZE		(4ULL << 30)	/* graphics memory behind the GGTT */
#define MGVT_MMIO_BAR_SIZE	(16U << 20)	/* BAR0: registers + GGTT */
#define MGVT_MMIO_REG_SIZE	(2U << 20)	/* register part of BAR0 */
#define MGVT_GGTT_OFFSET	(8U << 20)	/* GGTT PTEs at BAR0 + 8 MiB */
#define MGVT_GGTT_SIZE		(8U << 20)	/* 1 Mi entries of 8 bytes */
#define MGVT_GGTT_PTE_SIZE	8U
#define MGVT_NUM_FENCES		32U
#define MGVT_APERTURE_MIN	(256ULL << 20)
#define MGVT_APERTURE_MAX	(2ULL << 30)

/**
 * struct mgvt_aperture_page - what backs one page of the aperture (BAR2)
 * @pfn: page frame to map for it
 * @write_combine: map it write-combined (real BAR) rather than cached
 * @stable: the PFN stays as long as the GM page exists (a real BAR); if
 *	false it follows the page's GGTT entry, and a user mapping must be
 *	zapped whenever that entry changes
 */
struct mgvt_aperture_page {
	unsigned long pfn;
	bool write_combine;
	bool stable;
};

/**
 * struct mgvt_hal_ops - register-level access to one pGPU
 * @read32: read a 32-bit register at @reg (offset into BAR0's register part)
 * @write32: write a 32-bit register
 * @read64: read a 64-bit register (two dwords, lower first, as one access)
 * @read_pte: read the GGTT entry with index @index (BAR0 + 8 MiB + 8 * index)
 * @write_pte: write a GGTT entry; engines see it only after the GGTT
 *	invalidate (a write of GFX_FLSH_CNTL), as on hardware
 * @dma_map: make @npages physically contiguous pages starting at @page
 *	reachable by the GPU's engines; sets @dma to their DMA address.
 *	Engines may touch host memory nowhere else.
 * @dma_unmap: undo one @dma_map of the same @dma and @npages
 * @aperture_page: what backs the aperture at GM address @gm (below the
 *	aperture size): 0, or -ENOENT when no valid GGTT entry maps it
 * @time_scale: optional: how much slower than hardware the engines run,
 *	in percent (a simulator); NULL for hardware (100)
 *
 * The register, GGTT and aperture callbacks never sleep; @dma_map and
 * @dma_unmap may (call them from process context, outside spinlocks).
 */
struct mgvt_hal_ops {
	u32 (*read32)(struct mgvt_pgpu *pgpu, u32 reg);
	void (*write32)(struct mgvt_pgpu *pgpu, u32 reg, u32 val);
	u64 (*read64)(struct mgvt_pgpu *pgpu, u32 reg);
	u64 (*read_pte)(struct mgvt_pgpu *pgpu, u32 index);
	void (*write_pte)(struct mgvt_pgpu *pgpu, u32 index, u64 pte);
	int (*dma_map)(struct mgvt_pgpu *pgpu, struct page *page,
		       unsigned int npages, dma_addr_t *dma);
	void (*dma_unmap)(struct mgvt_pgpu *pgpu, dma_addr_t dma,
			  unsigned int npages);
	int (*aperture_page)(struct mgvt_pgpu *pgpu, u64 gm,
			     struct mgvt_aperture_page *page);
	unsigned int (*time_scale)(struct mgvt_pgpu *pgpu);
};

/**
 * struct mgvt_pgpu_desc - what a provider tells mgvt about its pGPU
 * @name: short name used in log lines (e.g. "sim0")
 * @dev: the device the mdev parent hangs off (a PCI function where possible)
 * @owner: the provider module; mgvt holds a reference per live vGPU
 * @ops: register access
 * @priv: provider data, returned by mgvt_pgpu_priv()
 * @vendor: PCI vendor ID the vGPU reports
 * @device: PCI device ID the vGPU reports
 * @subsystem_vendor: PCI subsystem vendor ID
 * @subsystem_device: PCI subsystem ID
 * @revision: PCI revision ID
 * @aperture_size: mappable part of GM (the low GM), a power of two
 * @num_fences: fence registers of the pGPU
 */
struct mgvt_pgpu_desc {
	const char *name;
	struct device *dev;
	struct module *owner;
	const struct mgvt_hal_ops *ops;
	void *priv;
	u16 vendor;
	u16 device;
	u16 subsystem_vendor;
	u16 subsystem_device;
	u8 revision;
	u64 aperture_size;
	u32 num_fences;
};

struct mgvt_pgpu *mgvt_register_pgpu(const struct mgvt_pgpu_desc *desc);
void mgvt_unregister_pgpu(struct mgvt_pgpu *pgpu);
void *mgvt_pgpu_priv(struct mgvt_pgpu *pgpu);
/*
 * The provider calls mgvt_pgpu_irq() in atomic context while its GPU
 * asserts the interrupt, from registration until it calls
 * mgvt_unregister_pgpu(): before that call it must have stopped
 * delivering interrupts and waited for a handler still running (e.g.
 * synchronize_irq()); mgvt frees what the handler reaches.
 */
void mgvt_pgpu_irq(struct mgvt_pgpu *pgpu);

/*
 * The mediator's side: every call into a provider goes through these
 * accessors (scripts/layering.sh checks that nothing else calls the ops).
 */
const struct mgvt_hal_ops *mgvt_pgpu_ops(const struct mgvt_pgpu *pgpu);

static inline u32 mgvt_hal_read32(struct mgvt_pgpu *pgpu, u32 reg)
{
	return mgvt_pgpu_ops(pgpu)->read32(pgpu, reg);
}

static inline void mgvt_hal_write32(struct mgvt_pgpu *pgpu, u32 reg, u32 val)
{
	mgvt_pgpu_ops(pgpu)->write32(pgpu, reg, val);
}

static inline u64 mgvt_hal_read64(struct mgvt_pgpu *pgpu, u32 reg)
{
	return mgvt_pgpu_ops(pgpu)->read64(pgpu, reg);
}

static inline void mgvt_hal_write_pte(struct mgvt_pgpu *pgpu, u32 index,
				      u64 pte)
{
	mgvt_pgpu_ops(pgpu)->write_pte(pgpu, index, pte);
}

static inline int mgvt_hal_dma_map(struct mgvt_pgpu *pgpu, struct page *page,
				   unsigned int npages, dma_addr_t *dma)
{
	return mgvt_pgpu_ops(pgpu)->dma_map(pgpu, page, npages, dma);
}

static inline void mgvt_hal_dma_unmap(struct mgvt_pgpu *pgpu, dma_addr_t dma,
				      unsigned int npages)
{
	mgvt_pgpu_ops(pgpu)->dma_unmap(pgpu, dma, npages);
}

static inline int mgvt_hal_aperture_page(struct mgvt_pgpu *pgpu, u64 gm,
					 struct mgvt_aperture_page *page)
{
	return mgvt_pgpu_ops(pgpu)->aperture_page(pgpu, gm, page);
}

static inline unsigned int mgvt_hal_time_scale(struct mgvt_pgpu *pgpu)
{
	const struct mgvt_hal_ops *ops = mgvt_pgpu_ops(pgpu);

	return ops->time_scale ? ops->time_scale(pgpu) : 100;
}

#endif /* MGVT_HAL_H */

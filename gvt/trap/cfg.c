// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual PCI configuration space: see cfg.h.
 *
 * The function looks like the integrated GPU at 00:02.0 of a Skylake host
 * as a GVT-g guest expects it: VGA class, 64-bit BAR0 (MMIO + GGTT) and
 * BAR2 (aperture, prefetchable), a vendor capability, MSI, power
 * management, GMCH control reporting an 8 MiB GGTT and no stolen memory,
 * BDSM 0 and a guest-writable ASLS.  No FLR: resets go through
 * VFIO_DEVICE_RESET.
 */
#include <linux/pci_regs.h>
#include <linux/string.h>

#include "core/bytes.h"
#include "trap/cfg.h"

static void put8(struct mgvt_cfg *cfg, unsigned int off, u8 val, u8 wmask)
{
	cfg->regs[off] = val;
	cfg->wmask[off] = wmask;
}

/* Little-endian multi-byte field with a matching writable mask. */
static void put(struct mgvt_cfg *cfg, unsigned int off, u64 val, u64 wmask,
		unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		put8(cfg, off + i, val >> (8 * i), wmask >> (8 * i));
}

/* A 64-bit memory BAR at @off (and its upper half) of power-of-two @size. */
static void put_bar64(struct mgvt_cfg *cfg, unsigned int off, u64 size,
		      u32 flags)
{
	u64 addr_mask = ~(size - 1);

	put(cfg, off, flags, (u32)addr_mask & PCI_BASE_ADDRESS_MEM_MASK, 4);
	put(cfg, off + 4, 0, (u32)(addr_mask >> 32), 4);
}

/**
 * mgvt_cfg_reset - build the config space as it is after a reset
 * @cfg: the config space
 * @id: identity and BAR geometry
 */
void mgvt_cfg_reset(struct mgvt_cfg *cfg, const struct mgvt_cfg_id *id)
{
	if (&cfg->id != id)
		cfg->id = *id;
	memset(cfg->regs, 0, sizeof(cfg->regs));
	memset(cfg->wmask, 0, sizeof(cfg->wmask));
	memset(cfg->w1cmask, 0, sizeof(cfg->w1cmask));

	put(cfg, PCI_VENDOR_ID, cfg->id.vendor, 0, 2);
	put(cfg, PCI_DEVICE_ID, cfg->id.device, 0, 2);
	put(cfg, PCI_COMMAND, 0, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
	    PCI_COMMAND_PARITY | PCI_COMMAND_SERR | PCI_COMMAND_INTX_DISABLE, 2);
	put(cfg, PCI_STATUS, PCI_STATUS_CAP_LIST, 0, 2);
	cfg->w1cmask[PCI_STATUS + 1] =
		(PCI_STATUS_PARITY | PCI_STATUS_SIG_TARGET_ABORT |
		 PCI_STATUS_REC_TARGET_ABORT | PCI_STATUS_REC_MASTER_ABORT |
		 PCI_STATUS_SIG_SYSTEM_ERROR | PCI_STATUS_DETECTED_PARITY) >> 8;
	put8(cfg, PCI_REVISION_ID, cfg->id.revision, 0);
	put(cfg, PCI_CLASS_PROG, 0x030000, 0, 3);	/* display, VGA */
	put8(cfg, PCI_CACHE_LINE_SIZE, 0, 0xff);
	put8(cfg, PCI_LATENCY_TIMER, 0, 0xff);
	put8(cfg, PCI_HEADER_TYPE, PCI_HEADER_TYPE_NORMAL, 0);

	put_bar64(cfg, PCI_BASE_ADDRESS_0, cfg->id.bar0_size,
		  PCI_BASE_ADDRESS_MEM_TYPE_64);
	put_bar64(cfg, PCI_BASE_ADDRESS_2, cfg->id.bar2_size,
		  PCI_BASE_ADDRESS_MEM_TYPE_64 | PCI_BASE_ADDRESS_MEM_PREFETCH);
	/* BAR4, BAR5 and the expansion ROM do not exist: all bits read-only 0. */

	put(cfg, PCI_SUBSYSTEM_VENDOR_ID, cfg->id.subsystem_vendor, 0, 2);
	put(cfg, PCI_SUBSYSTEM_ID, cfg->id.subsystem_device, 0, 2);
	put8(cfg, PCI_CAPABILITY_LIST, MGVT_CFG_CAP_VNDR, 0);
	put8(cfg, PCI_INTERRUPT_LINE, 0, 0xff);
	put8(cfg, PCI_INTERRUPT_PIN, 1, 0);		/* INTA# */

	/* Vendor-specific capability, contents reserved. */
	put8(cfg, MGVT_CFG_CAP_VNDR + PCI_CAP_LIST_ID, PCI_CAP_ID_VNDR, 0);
	put8(cfg, MGVT_CFG_CAP_VNDR + PCI_CAP_LIST_NEXT, MGVT_CFG_CAP_MSI, 0);
	put8(cfg, MGVT_CFG_CAP_VNDR + PCI_CAP_FLAGS, MGVT_CFG_VNDR_LEN, 0);

	/* 8 MiB of GGTT, no stolen memory; the guest cannot change either. */
	put(cfg, MGVT_CFG_GMCH_CTRL, MGVT_CFG_GMCH_GGMS_8M, 0, 2);
	put(cfg, MGVT_CFG_BDSM, 0, 0, 4);

	/* MSI, 64-bit address, one vector. */
	put8(cfg, MGVT_CFG_CAP_MSI + PCI_CAP_LIST_ID, PCI_CAP_ID_MSI, 0);
	put8(cfg, MGVT_CFG_CAP_MSI + PCI_CAP_LIST_NEXT, MGVT_CFG_CAP_PM, 0);
	put(cfg, MGVT_CFG_CAP_MSI + PCI_MSI_FLAGS, PCI_MSI_FLAGS_64BIT,
	    PCI_MSI_FLAGS_ENABLE | PCI_MSI_FLAGS_QSIZE, 2);
	put(cfg, MGVT_CFG_CAP_MSI + PCI_MSI_ADDRESS_LO, 0, 0xfffffffc, 4);
	put(cfg, MGVT_CFG_CAP_MSI + PCI_MSI_ADDRESS_HI, 0, 0xffffffff, 4);
	put(cfg, MGVT_CFG_CAP_MSI + PCI_MSI_DATA_64, 0, 0xffff, 2);

	/* Power management 1.2, D0/D3hot, no soft reset on D3hot->D0. */
	put8(cfg, MGVT_CFG_CAP_PM + PCI_CAP_LIST_ID, PCI_CAP_ID_PM, 0);
	put8(cfg, MGVT_CFG_CAP_PM + PCI_CAP_LIST_NEXT, 0, 0);
	put(cfg, MGVT_CFG_CAP_PM + PCI_PM_PMC, 3, 0, 2);
	put(cfg, MGVT_CFG_CAP_PM + PCI_PM_CTRL, PCI_PM_CTRL_NO_SOFT_RESET,
	    PCI_PM_CTRL_STATE_MASK, 2);
	cfg->w1cmask[MGVT_CFG_CAP_PM + PCI_PM_CTRL + 1] =
		PCI_PM_CTRL_PME_STATUS >> 8;

	/* OpRegion address: the guest (or QEMU) records it here. */
	put(cfg, MGVT_CFG_ASLS, 0, 0xffffffff, 4);
}

/**
 * mgvt_cfg_read - read a naturally aligned piece of config space
 * @cfg: the config space
 * @off: offset, @len-aligned, below MGVT_CFG_SIZE
 * @len: 1, 2, 4 or 8
 *
 * Return: the little-endian value.
 */
u64 mgvt_cfg_read(const struct mgvt_cfg *cfg, unsigned int off,
		  unsigned int len)
{
	if (off >= MGVT_CFG_SIZE || len > MGVT_CFG_SIZE - off)
		return 0;
	return mgvt_load_le(&cfg->regs[off], len);
}

/**
 * mgvt_cfg_write - write a naturally aligned piece of config space
 * @cfg: the config space
 * @off: offset, @len-aligned, below MGVT_CFG_SIZE
 * @val: little-endian value
 * @len: 1, 2, 4 or 8
 *
 * Bits that are read-only are kept, RW1C bits written as 1 are cleared.
 * Writes beyond the standard header are dropped (nothing lives there).
 */
void mgvt_cfg_write(struct mgvt_cfg *cfg, unsigned int off, u64 val,
		    unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len && off + i < MGVT_CFG_STD_SIZE; i++) {
		unsigned int o = off + i;
		u8 b = val >> (8 * i);

		cfg->regs[o] = (cfg->regs[o] & ~cfg->wmask[o]) |
			       (b & cfg->wmask[o]);
		cfg->regs[o] &= ~(b & cfg->w1cmask[o]);
	}
}

/**
 * mgvt_cfg_read16 - read a 16-bit register
 * @cfg: the config space
 * @off: 2-aligned offset
 *
 * Return: its value.
 */
u16 mgvt_cfg_read16(const struct mgvt_cfg *cfg, unsigned int off)
{
	return mgvt_cfg_read(cfg, off, 2);
}

/**
 * mgvt_cfg_set_intx - reflect the INTx line in the status register
 * @cfg: the config space
 * @asserted: whether the virtual INTx is pending
 */
void mgvt_cfg_set_intx(struct mgvt_cfg *cfg, bool asserted)
{
	if (asserted)
		cfg->regs[PCI_STATUS] |= PCI_STATUS_INTERRUPT;
	else
		cfg->regs[PCI_STATUS] &= ~PCI_STATUS_INTERRUPT;
}

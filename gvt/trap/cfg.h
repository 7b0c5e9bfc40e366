/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Virtual PCI configuration space of a vGPU.
 *
 * Each byte of the standard header has a writable mask and a
 * write-1-to-clear mask, so read-only bits, RW1C status bits and BAR sizing
 * all follow from data set up once at reset.  Accesses arrive already split
 * into naturally aligned 1/2/4/8-byte pieces inside the 4 KiB space.
 *
 * No locking inside: the caller serialises.  Compiled in userspace by
 * selftests/unit.
 */
#ifndef MGVT_CFG_H
#define MGVT_CFG_H

#include <linux/types.h>

#define MGVT_CFG_SIZE		4096U
#define MGVT_CFG_STD_SIZE	256U

/* Layout of our capabilities and Intel-specific registers. */
#define MGVT_CFG_CAP_VNDR	0x40	/* vendor-specific capability */
#define MGVT_CFG_VNDR_LEN	0x0c
#define MGVT_CFG_GMCH_CTRL	0x50	/* u16: GGMS 7:6, GMS 15:8 */
#define MGVT_CFG_GMCH_GGMS_8M	(3U << 6)
#define MGVT_CFG_BDSM		0x5c	/* base of stolen memory */
#define MGVT_CFG_CAP_MSI	0xac
#define MGVT_CFG_CAP_PM		0xd0
#define MGVT_CFG_ASLS		0xfc	/* OpRegion GPA, guest-written */

/**
 * struct mgvt_cfg_id - identity and BAR geometry of the virtual function
 * @vendor: vendor ID
 * @device: device ID
 * @subsystem_vendor: subsystem vendor ID
 * @subsystem_device: subsystem ID
 * @revision: revision ID
 * @bar0_size: MMIO BAR size (power of two)
 * @bar2_size: aperture BAR size (power of two)
 */
struct mgvt_cfg_id {
	u16 vendor;
	u16 device;
	u16 subsystem_vendor;
	u16 subsystem_device;
	u8 revision;
	u64 bar0_size;
	u64 bar2_size;
};

/**
 * struct mgvt_cfg - one vGPU's config space
 * @id: identity it was built from (kept for reset)
 * @regs: current contents
 * @wmask: per byte of the header, the bits a write may change
 * @w1cmask: per byte of the header, the bits a written 1 clears
 */
struct mgvt_cfg {
	struct mgvt_cfg_id id;
	u8 regs[MGVT_CFG_SIZE] __aligned(8);
	u8 wmask[MGVT_CFG_STD_SIZE];
	u8 w1cmask[MGVT_CFG_STD_SIZE];
};

void mgvt_cfg_reset(struct mgvt_cfg *cfg, const struct mgvt_cfg_id *id);
u64 mgvt_cfg_read(const struct mgvt_cfg *cfg, unsigned int off,
		  unsigned int len);
void mgvt_cfg_write(struct mgvt_cfg *cfg, unsigned int off, u64 val,
		    unsigned int len);
u16 mgvt_cfg_read16(const struct mgvt_cfg *cfg, unsigned int off);
void mgvt_cfg_set_intx(struct mgvt_cfg *cfg, bool asserted);

#endif /* MGVT_CFG_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vGPU's ACPI OpRegion with its Video BIOS Table (display/opregion.c),
 * which the front end offers as the IGD OpRegion device region.  Pure
 * logic, compiled in userspace by selftests/unit too.
 */
#ifndef MGVT_DISPLAY_OPREGION_H
#define MGVT_DISPLAY_OPREGION_H

#include <linux/types.h>

#define MGVT_OPREGION_SIZE	8192

/* Where a guest driver finds its parts (OpRegion 2.0 layout). */
#define OPREGION_MBOX_ACPI	0x100
#define OPREGION_MBOX_ASLE	0x300
#define OPREGION_VBT		0x400	/* mailbox 4, up to the end */

void mgvt_opregion_build(u8 *buf, unsigned int heads);

#endif /* MGVT_DISPLAY_OPREGION_H */

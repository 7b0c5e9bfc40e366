/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GMBUS controller, the PCH's I2C master on the DDC pins, as a state
 * machine over a DDC device.  Pure logic, compiled in userspace by
 * selftests/unit and selftests/fuzz too.
 */
#ifndef MGVT_DISPLAY_GMBUS_H
#define MGVT_DISPLAY_GMBUS_H

#include <linux/types.h>

struct mgvt_ddc;

/**
 * struct mgvt_gmbus - a GMBUS cycle in progress
 * @status: what GMBUS2 reads
 * @remaining: bytes of the cycle still to move through GMBUS3
 * @read: the cycle reads
 */
struct mgvt_gmbus {
	u32 status;
	u16 remaining;
	bool read;
};

void mgvt_gmbus_reset(struct mgvt_gmbus *gb, struct mgvt_ddc *ddc);
void mgvt_gmbus_command(struct mgvt_gmbus *gb, struct mgvt_ddc *ddc,
			u32 cmd, u32 data);
u32 mgvt_gmbus_data_read(struct mgvt_gmbus *gb, struct mgvt_ddc *ddc);
void mgvt_gmbus_data_write(struct mgvt_gmbus *gb, struct mgvt_ddc *ddc,
			   u32 data);

#endif /* MGVT_DISPLAY_GMBUS_H */

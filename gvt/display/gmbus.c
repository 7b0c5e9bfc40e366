// SPDX-License-Identifier: GPL-2.0
/*
 * GMBUS as a guest i915 drives it: GMBUS0 selects the pin pair, GMBUS1
 * starts a cycle (target, direction, byte count, an optional one-byte
 * index written first) or a stop, GMBUS3 moves four bytes at a time
 * (least significant first) and GMBUS2 tells what comes next:
 *
 * - no target acknowledges: SATOER, until software clears it through
 *   GMBUS1's SW_CLR_INT;
 * - a read: HW_RDY while bytes remain to be read from GMBUS3, then
 *   HW_WAIT (the cycle waits for the next command);
 * - a write: the first four bytes are taken from GMBUS3 when the cycle
 *   starts, more with each GMBUS3 write; HW_RDY throughout, HW_WAIT once
 *   the count is reached;
 * - ACTIVE from the start of a cycle until its stop.
 *
 * Everything happens inside the trapped access: no cycle ever waits.  A
 * pin pair with no monitor has no DDC device (@ddc NULL): every cycle
 * ends in SATOER.
 *
 * No kernel state: selftests/unit and selftests/fuzz compile this file in
 * userspace.
 */
#include <linux/kernel.h>

#include "display/edid.h"
#include "display/gmbus.h"
#include "regs/regs.h"

/**
 * mgvt_gmbus_reset - idle, no cycle, no error
 * @gb: the controller
 * @ddc: the DDC device it was talking to, or NULL
 */
void mgvt_gmbus_reset(struct mgvt_gmbus *gb, struct mgvt_ddc *ddc)
{
	gb->status = 0;
	gb->remaining = 0;
	gb->read = false;
	if (ddc)
		mgvt_ddc_stop(ddc);
}

static void transfer_status(struct mgvt_gmbus *gb)
{
	gb->status = GMBUS2_ACTIVE;
	if (gb->read)
		gb->status |= gb->remaining ? GMBUS2_HW_RDY : GMBUS2_HW_WAIT;
	else
		gb->status |= GMBUS2_HW_RDY | (gb->remaining ? 0 : GMBUS2_HW_WAIT);
}

/* Up to four bytes of a write cycle, from a GMBUS3 value. */
static void write_bytes(struct mgvt_gmbus *gb, struct mgvt_ddc *ddc, u32 data)
{
	unsigned int i;

	for (i = 0; i < 4 && gb->remaining; i++, gb->remaining--) {
		if (!mgvt_ddc_write(ddc, data >> (8 * i))) {
			gb->remaining = 0;
			gb->status = GMBUS2_SATOER;
			return;
		}
	}
	transfer_status(gb);
}

/**
 * mgvt_gmbus_command - a write to GMBUS1
 * @gb: the controller
 * @ddc: the DDC device on the selected pin pair, or NULL for none
 * @cmd: the value written
 * @data: GMBUS3 as it stands (a write cycle's first bytes)
 */
void mgvt_gmbus_command(struct mgvt_gmbus *gb, struct mgvt_ddc *ddc,
			u32 cmd, u32 data)
{
	u8 addr = (cmd >> GMBUS1_ADDR_SHIFT) & 0x7f;
	bool read = cmd & GMBUS1_READ;

	if (cmd & GMBUS1_SW_CLR_INT) {
		mgvt_gmbus_reset(gb, ddc);
		return;
	}
	if (!(cmd & GMBUS1_SW_RDY))
		return;
	if (gb->status & GMBUS2_SATOER)		/* stuck until cleared */
		return;
	gb->remaining = (cmd & GMBUS1_COUNT) >> GMBUS1_COUNT_SHIFT;
	gb->read = read;
	if ((cmd & GMBUS1_CYCLE_STOP) && !gb->remaining) {
		mgvt_gmbus_reset(gb, ddc);
		return;
	}
	if (!ddc) {
		gb->remaining = 0;
		gb->status = GMBUS2_SATOER;
		return;
	}
	if (cmd & GMBUS1_CYCLE_INDEX) {
		if (!mgvt_ddc_start(ddc, addr, false) ||
		    !mgvt_ddc_write(ddc, cmd >> GMBUS1_INDEX_SHIFT)) {
			gb->remaining = 0;
			gb->status = GMBUS2_SATOER;
			return;
		}
	}
	if (!mgvt_ddc_start(ddc, addr, read)) {
		gb->remaining = 0;
		gb->status = GMBUS2_SATOER;
		return;
	}
	if (read)
		transfer_status(gb);
	else
		write_bytes(gb, ddc, data);
}

/**
 * mgvt_gmbus_data_read - a read of GMBUS3
 * @gb: the controller
 * @ddc: the DDC device on the selected pin pair, or NULL
 *
 * Return: the next (up to) four bytes of a read cycle, 0 outside one.
 */
u32 mgvt_gmbus_data_read(struct mgvt_gmbus *gb, struct mgvt_ddc *ddc)
{
	u32 val = 0;
	unsigned int i;

	if (!ddc || !gb->read || !(gb->status & GMBUS2_HW_RDY))
		return 0;
	for (i = 0; i < 4 && gb->remaining; i++, gb->remaining--)
		val |= (u32)mgvt_ddc_read(ddc) << (8 * i);
	transfer_status(gb);
	return val;
}

/**
 * mgvt_gmbus_data_write - a write of GMBUS3
 * @gb: the controller
 * @ddc: the DDC device on the selected pin pair, or NULL
 * @data: the value written
 *
 * Inside a write cycle, the next (up to) four bytes go to the device;
 * outside, the value waits for the next command.
 */
void mgvt_gmbus_data_write(struct mgvt_gmbus *gb, struct mgvt_ddc *ddc,
			   u32 data)
{
	if (ddc && !gb->read && gb->remaining && (gb->status & GMBUS2_ACTIVE))
		write_bytes(gb, ddc, data);
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The virtual DisplayPort sink behind a DDI's AUX channel: its DPCD and
 * its DDC (EDID) reached by I2C-over-AUX.  Pure logic, compiled in
 * userspace by selftests/unit and selftests/fuzz too.
 */
#ifndef MGVT_DISPLAY_DPSINK_H
#define MGVT_DISPLAY_DPSINK_H

#include <linux/types.h>

#include "display/edid.h"

#define MGVT_AUX_MSG_MAX	20	/* bytes of a request or a reply */
#define MGVT_AUX_PAYLOAD_MAX	16

/* AUX request codes (high nibble of the first byte). */
#define AUX_I2C_WRITE		0x0
#define AUX_I2C_READ		0x1
#define AUX_I2C_STATUS		0x2	/* write status update */
#define AUX_I2C_MOT		0x4	/* middle of transaction */
#define AUX_NATIVE_WRITE	0x8
#define AUX_NATIVE_READ		0x9

/* AUX reply codes (first byte of a reply). */
#define AUX_REPLY_ACK		0x00
#define AUX_REPLY_NACK		0x10	/* native */
#define AUX_REPLY_I2C_NACK	0x40

/* DPCD addresses the sink gives meaning to. */
#define DPCD_REV		0x000
#define DPCD_LINK_CFG		0x100	/* 0x100-0x10f, written by the source */
#define DPCD_LINK_CFG_SIZE	16
#define DPCD_SINK_COUNT		0x200
#define DPCD_LANE01_STATUS	0x202
#define DPCD_SET_POWER		0x600

/**
 * struct mgvt_dp_sink - a DP 1.2 monitor as its AUX channel shows it
 * @ddc: its EDID on the I2C-over-AUX bus
 * @connected: plugged in; if not, no request gets a reply
 * @i2c_open: an I2C-over-AUX transaction is open (the last request had
 *	the middle-of-transaction bit)
 * @i2c_read: its direction
 * @i2c_addr: its target
 * @link_cfg: DPCD 0x100-0x10f as the source wrote them
 * @power: DPCD 0x600 (1: D0, on)
 */
struct mgvt_dp_sink {
	struct mgvt_ddc ddc;
	bool connected;
	bool i2c_open;
	bool i2c_read;
	u8 i2c_addr;
	u8 link_cfg[DPCD_LINK_CFG_SIZE];
	u8 power;
};

void mgvt_dp_sink_reset(struct mgvt_dp_sink *sink, const u8 *edid, unsigned int size);
u8 mgvt_dpcd_read(const struct mgvt_dp_sink *sink, u32 addr);
unsigned int mgvt_dp_aux_transfer(struct mgvt_dp_sink *sink, const u8 *tx,
				  unsigned int tx_len, u8 *rx);

#endif /* MGVT_DISPLAY_DPSINK_H */

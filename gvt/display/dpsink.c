// SPDX-License-Identifier: GPL-2.0
/*
 * A DisplayPort 1.2 monitor as the source sees it over AUX: it answers
 * native reads of its DPCD (HBR2, four lanes, enhanced framing, one sink,
 * no MST, no downstream ports) with a link that trains at once (every
 * lane locked and aligned), keeps what the source writes to the link
 * configuration and power state, and serves its EDID through I2C over
 * AUX: address-only requests open and close I2C transactions, the
 * middle-of-transaction bit keeps one open, and the DDC device behind
 * answers at 0x50 (EDID) and 0x30 (segment pointer) only.
 *
 * Request layout (DP 1.2, 2.7.7): byte 0 holds the request in bits 7:4
 * and address bits 19:16, bytes 1-2 address bits 15:0, byte 3 the length
 * minus one, then the data of a write; a request of three bytes is an
 * address-only one.  A reply is a byte of status, then the data of a read.
 *
 * No kernel state: selftests/unit and selftests/fuzz compile this file in
 * userspace.
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include "display/dpsink.h"

/* The receiver capability fields, DPCD 0x000-0x00f. */
static const u8 dpcd_caps[16] = {
	[0x0] = 0x12,	/* DPCD revision 1.2 */
	[0x1] = 0x14,	/* max link rate: 5.4 Gbps (HBR2) */
	[0x2] = 0x84,	/* 4 lanes, enhanced framing */
	[0x3] = 0x01,	/* down-spread up to 0.5% */
	[0x4] = 0x01,	/* one receiver port */
	[0x6] = 0x01,	/* 8b/10b channel coding */
	[0x8] = 0x02,	/* port 0 has a local EDID */
};

/* Link status, DPCD 0x200-0x207: one sink, four lanes trained. */
static const u8 dpcd_status[8] = {
	[0x0] = 0x01,	/* sink count */
	[0x2] = 0x77,	/* lanes 0, 1: clock recovery, equalised, locked */
	[0x3] = 0x77,	/* lanes 2, 3 */
	[0x4] = 0x01,	/* interlane alignment done */
	[0x5] = 0x01,	/* receive port 0 in sync */
};

/**
 * mgvt_dp_sink_reset - a connected sink, powered on, link not configured
 * @sink: the sink
 * @edid: its EDID
 * @size: its size, whole blocks
 */
void mgvt_dp_sink_reset(struct mgvt_dp_sink *sink, const u8 *edid, unsigned int size)
{
	memset(sink, 0, sizeof(*sink));
	mgvt_ddc_reset(&sink->ddc, edid, size);
	sink->connected = true;
	sink->power = 1;
}

/**
 * mgvt_dpcd_read - one byte of the sink's DPCD
 * @sink: the sink
 * @addr: DPCD address (20 bits)
 *
 * Return: the byte; addresses the sink does not implement read 0.
 */
u8 mgvt_dpcd_read(const struct mgvt_dp_sink *sink, u32 addr)
{
	if (addr < ARRAY_SIZE(dpcd_caps))
		return dpcd_caps[addr];
	if (addr - DPCD_LINK_CFG < DPCD_LINK_CFG_SIZE)
		return sink->link_cfg[addr - DPCD_LINK_CFG];
	if (addr - DPCD_SINK_COUNT < ARRAY_SIZE(dpcd_status))
		return dpcd_status[addr - DPCD_SINK_COUNT];
	if (addr == DPCD_SET_POWER)
		return sink->power;
	return 0;
}

/* Writes to what the sink does not implement are acknowledged and dropped. */
static void dpcd_write(struct mgvt_dp_sink *sink, u32 addr, u8 val)
{
	if (addr - DPCD_LINK_CFG < DPCD_LINK_CFG_SIZE)
		sink->link_cfg[addr - DPCD_LINK_CFG] = val;
	else if (addr == DPCD_SET_POWER)
		sink->power = val & 7;
}

static void i2c_close(struct mgvt_dp_sink *sink)
{
	mgvt_ddc_stop(&sink->ddc);
	sink->i2c_open = false;
}

/*
 * An I2C-over-AUX request: a new target or direction is a (repeated)
 * start, the data moves, and without the middle-of-transaction bit the
 * transaction stops after it.
 */
static unsigned int i2c_request(struct mgvt_dp_sink *sink, u8 req, u32 addr,
				const u8 *data, unsigned int len, u8 *rx)
{
	bool read = req & AUX_I2C_READ, ok = true;
	unsigned int i;

	if ((req & 3) == AUX_I2C_STATUS) {	/* nothing is ever pending */
		rx[0] = AUX_REPLY_ACK;
		return 1;
	}
	if (!sink->i2c_open || sink->i2c_addr != addr || sink->i2c_read != read) {
		if (addr > 0x7f || !mgvt_ddc_start(&sink->ddc, addr, read)) {
			i2c_close(sink);
			rx[0] = AUX_REPLY_I2C_NACK;
			return 1;
		}
		sink->i2c_open = true;
		sink->i2c_addr = addr;
		sink->i2c_read = read;
	}
	if (read) {
		for (i = 0; i < len; i++)
			rx[1 + i] = mgvt_ddc_read(&sink->ddc);
	} else {
		for (i = 0; i < len && ok; i++)
			ok = mgvt_ddc_write(&sink->ddc, data[i]);
	}
	if (!(req & AUX_I2C_MOT))
		i2c_close(sink);
	rx[0] = ok ? AUX_REPLY_ACK : AUX_REPLY_I2C_NACK;
	return read ? 1 + len : 1;
}

/**
 * mgvt_dp_aux_transfer - one AUX request and the sink's reply
 * @sink: the sink
 * @tx: the request
 * @tx_len: its length, from the source's AUX control register
 * @rx: the reply, MGVT_AUX_MSG_MAX bytes
 *
 * Any byte string is a valid input: a malformed native request gets a
 * NACK, one too short to hold an address gets no reply.
 *
 * Return: the length of the reply, or 0 for no reply (no sink: the
 * source's AUX channel times out).
 */
unsigned int mgvt_dp_aux_transfer(struct mgvt_dp_sink *sink, const u8 *tx,
				  unsigned int tx_len, u8 *rx)
{
	unsigned int len, i;
	u32 addr;
	u8 req;

	if (!sink->connected || tx_len < 3 || tx_len > MGVT_AUX_MSG_MAX)
		return 0;
	req = tx[0] >> 4;
	addr = (tx[0] & 0xf) << 16 | tx[1] << 8 | tx[2];
	len = tx_len > 3 ? tx[3] + 1 : 0;

	if (!(req & AUX_NATIVE_WRITE)) {		/* I2C over AUX */
		if (len > MGVT_AUX_PAYLOAD_MAX ||
		    (tx_len > 3 && !(req & AUX_I2C_READ) && tx_len != 4 + len) ||
		    (tx_len > 4 && (req & AUX_I2C_READ))) {
			rx[0] = AUX_REPLY_I2C_NACK;
			return 1;
		}
		return i2c_request(sink, req, addr, tx + 4, len, rx);
	}

	rx[0] = AUX_REPLY_NACK;
	if (!len || len > MGVT_AUX_PAYLOAD_MAX)
		return 1;
	if (req == AUX_NATIVE_READ && tx_len == 4) {
		for (i = 0; i < len; i++)
			rx[1 + i] = mgvt_dpcd_read(sink, (addr + i) & 0xfffff);
		rx[0] = AUX_REPLY_ACK;
		return 1 + len;
	}
	if (req == AUX_NATIVE_WRITE && tx_len == 4 + len) {
		for (i = 0; i < len; i++)
			dpcd_write(sink, (addr + i) & 0xfffff, tx[4 + i]);
		rx[0] = AUX_REPLY_ACK;
	}
	return 1;
}

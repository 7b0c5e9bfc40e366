// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over what a host gives the EDID region and what the
 * guest then reads (gvt/display/edid.c, gvt/display/dpsink.c): any bytes
 * and any stated size.  mgvt_edid_check() must refuse what is not whole
 * blocks, too large, without the header, with a bad checksum or with an
 * extension count that disagrees; an EDID it takes is served over
 * I2C-over-AUX, every segment and offset the guest may ask for, without
 * reading outside it and giving back its bytes.
 */
#include <string.h>

#include "display/dpsink.h"
#include "display/edid.h"
#include "fuzz_in.h"

static u8 aux_read(struct mgvt_dp_sink *s, u8 seg, u8 off, u8 *out, unsigned int len)
{
	u8 tx[5], rx[MGVT_AUX_MSG_MAX];

	tx[0] = (AUX_I2C_WRITE | AUX_I2C_MOT) << 4;
	tx[1] = 0;
	tx[2] = MGVT_DDC_SEGMENT;
	tx[3] = 0;
	tx[4] = seg;
	mgvt_dp_aux_transfer(s, tx, 5, rx);
	tx[2] = MGVT_DDC_ADDR;
	tx[4] = off;
	mgvt_dp_aux_transfer(s, tx, 5, rx);
	tx[0] = AUX_I2C_READ << 4;
	tx[3] = len - 1;
	if (mgvt_dp_aux_transfer(s, tx, 4, rx) != 1 + len)
		return 0xee;
	memcpy(out, rx + 1, len);
	return rx[0];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static u8 edid[MGVT_EDID_MAX_SIZE];
	struct fuzz_in in = { data, size };
	unsigned int stated = in_u16(&in), i, blocks;
	struct mgvt_dp_sink sink;
	bool whole = true;
	u8 got[16];

	memset(edid, 0, sizeof(edid));
	for (i = 0; i < sizeof(edid) && in.n; i++)
		edid[i] = in_u8(&in);
	if (stated > MGVT_EDID_MAX_SIZE)
		stated = MGVT_EDID_MAX_SIZE + (stated & 1);	/* over: refused */
	if (mgvt_edid_check(edid, stated, MGVT_EDID_MAX_SIZE))
		return 0;

	blocks = stated / MGVT_EDID_BLOCK;
	FUZZ_CHECK(stated && !(stated % MGVT_EDID_BLOCK) && stated <= MGVT_EDID_MAX_SIZE,
		   "size %u taken", stated);
	FUZZ_CHECK(edid[0] == 0 && edid[1] == 0xff && edid[7] == 0 && edid[126] == blocks - 1,
		   "header or extension count wrong, taken");
	for (i = 0; i < blocks; i++)
		whole &= mgvt_edid_block_valid(edid + i * MGVT_EDID_BLOCK);
	FUZZ_CHECK(whole, "a block with a bad checksum taken");

	mgvt_dp_sink_reset(&sink, edid, stated);
	for (i = 0; i < MGVT_EDID_MAX_SIZE; i += 16) {
		u8 ack = aux_read(&sink, i / 256, i % 256, got, 16);

		FUZZ_CHECK(!ack, "read at %u not acknowledged (%#x)", i, ack);
		if (i < stated)
			FUZZ_CHECK(!memcmp(got, edid + i, 16), "bytes at %u differ", i);
		else if (i / 256 * 256 >= stated)
			FUZZ_CHECK(got[0] == 0xff, "past the EDID's segments: %#x", got[0]);
	}
	return 0;
}

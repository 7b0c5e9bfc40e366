// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target over a vGPU's PCI config space (gvt/trap/cfg.c): random
 * reads and writes of every width at every offset, resets and INTx
 * changes.  Invariants: a write changes only bits its byte's write mask
 * allows, write-1-to-clear bits are never set by a write, the extended
 * space and every read-only bit (identity, capabilities, BAR size bits)
 * never change, reads never leave the 4 KiB.
 */
#include <string.h>

#include "trap/cfg.h"
#include "fuzz_in.h"

#define MAX_STEPS	512

static void check_byte(const struct mgvt_cfg *cfg, const uint8_t *before, unsigned int i,
		       unsigned int off, unsigned int len)
{
	uint8_t changed = cfg->regs[i] ^ before[i];
	uint8_t rw = i < MGVT_CFG_STD_SIZE ? cfg->wmask[i] | cfg->w1cmask[i] : 0;

	FUZZ_CHECK(!(changed & ~rw),
		   "write of %u bytes at %#x changed read-only bits %#x of byte %#x",
		   len, off, changed & ~rw, i);
	if (i < MGVT_CFG_STD_SIZE)
		FUZZ_CHECK(!(cfg->regs[i] & ~before[i] & cfg->w1cmask[i]),
			   "write at %#x set write-1-to-clear bits of byte %#x", off, i);
}

/* Only a changed byte can break either rule: equal 64-byte chunks are skipped. */
static void check_write(const struct mgvt_cfg *cfg, const uint8_t *before,
			unsigned int off, unsigned int len)
{
	unsigned int chunk, i;

	for (chunk = 0; chunk < MGVT_CFG_SIZE; chunk += 64) {
		if (!memcmp(cfg->regs + chunk, before + chunk, 64))
			continue;
		for (i = chunk; i < chunk + 64; i++)
			check_byte(cfg, before, i, off, len);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mgvt_cfg cfg;
	static uint8_t before[MGVT_CFG_SIZE], initial[MGVT_CFG_SIZE];
	struct fuzz_in in = { data, size };
	struct mgvt_cfg_id id = {
		.vendor = 0x8086, .device = 0x1912,
		.subsystem_vendor = 0x8086, .subsystem_device = 0x1912,
		.revision = 7, .bar0_size = 16u << 20,
	};
	unsigned int steps = 0, off, len;
	uint8_t ident[0x30];

	id.bar2_size = (256ULL << 20) << (in_u8(&in) % 4);
	mgvt_cfg_reset(&cfg, &id);
	memcpy(ident, cfg.regs, sizeof(ident));
	memcpy(initial, cfg.regs, sizeof(initial));
	while (in.n && steps++ < MAX_STEPS) {
		uint8_t op = in_u8(&in);

		len = in_len(&in);
		off = (op & 0x80 ? in_u8(&in) : in_u16(&in) % MGVT_CFG_SIZE) & ~(len - 1);
		switch (op % 8) {
		case 0: case 1: case 2: case 3:
			memcpy(before, cfg.regs, sizeof(before));
			mgvt_cfg_write(&cfg, off, in_u64(&in), len);
			check_write(&cfg, before, off, len);
			break;
		case 4: case 5:
			mgvt_cfg_read(&cfg, off, len);
			break;
		case 6:
			mgvt_cfg_set_intx(&cfg, in_u8(&in) & 1);
			break;
		default:
			mgvt_cfg_reset(&cfg, &id);
			FUZZ_CHECK(!memcmp(initial, cfg.regs, sizeof(initial)),
				   "a reset does not restore the after-reset contents");
			break;
		}
		FUZZ_CHECK(!memcmp(ident, cfg.regs, 4) && !memcmp(ident + 8, cfg.regs + 8, 4) &&
			   !memcmp(ident + 0x2c, cfg.regs + 0x2c, 4),
			   "vendor, device, class or subsystem IDs changed");
	}
	return 0;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The command scanner's knowledge, as data (render/cmd_table.c): every
 * command a Gen9 engine may run from a vGPU's ring or batch, how long it
 * is, which of its dwords name memory or registers; and, per engine, the
 * registers a context image may restore, the registers a command may
 * write, those it may read, and those no command may ever write.
 *
 * render/scan.c walks buffers with it; the unit tests and the fuzz target
 * check the scanner's verdicts against it.
 */
#ifndef MGVT_RENDER_CMD_TABLE_H
#define MGVT_RENDER_CMD_TABLE_H

#include <linux/bits.h>
#include <linux/types.h>

/* Engine masks: bit n is engine n (0 rcs0, 1 bcs0, 2 vcs0, 3 vecs0). */
#define MGVT_ENG_RCS		BIT(0)
#define MGVT_ENG_BCS		BIT(1)
#define MGVT_ENG_VCS		BIT(2)
#define MGVT_ENG_VECS		BIT(3)
#define MGVT_ENG_XCS		(MGVT_ENG_BCS | MGVT_ENG_VCS | MGVT_ENG_VECS)
#define MGVT_ENG_ALL		(MGVT_ENG_RCS | MGVT_ENG_XCS)

/* Register offsets a command may name: the register part of BAR0. */
#define MGVT_SCAN_REG_LIMIT	0x200000

/* What the scanner does with a command beyond its descriptors. */
enum mgvt_cmd_kind {
	MGVT_CMD_PLAIN,		/* its register and memory descriptors only */
	MGVT_CMD_REFUSED,	/* known, and never allowed */
	MGVT_CMD_USER_INT,	/* replaced by MI_NOOP and counted */
	MGVT_CMD_BB_END,	/* ends a batch */
	MGVT_CMD_BB_START,	/* a batch: shadowed, its address patched */
	MGVT_CMD_LRI,		/* register/value pairs, each checked */
	MGVT_CMD_BLT_FILL,	/* XY_COLOR_BLT: a destination rectangle */
	MGVT_CMD_BLT_COPY,	/* XY_SRC_COPY_BLT: destination and source */
};

/* How a command uses a register it names. */
enum mgvt_reg_access {
	MGVT_REG_NONE,
	MGVT_REG_READ,
	MGVT_REG_WRITE,
};

/**
 * struct mgvt_cmd_reg - a dword of a command that holds a register offset
 * @dw: its index in the command (0: no register)
 * @access: MGVT_REG_READ or MGVT_REG_WRITE
 */
struct mgvt_cmd_reg {
	u8 dw;
	u8 access;
};

/* struct mgvt_cmd_mem flags */
#define MGVT_MEM_ADDR		BIT(0)	/* the command accesses memory */
#define MGVT_MEM_POST_SYNC	BIT(1)	/* only with a post-sync operation */

/**
 * struct mgvt_cmd_mem - the memory a command reads or writes
 * @flags: MGVT_MEM_ADDR, MGVT_MEM_POST_SYNC
 * @dw: dword holding address bits 31:0; bits 47:32 are bits 15:0 of the
 *	next dword
 * @align: low address bits that are flags, not address (ignored)
 * @ggtt_dw: dword holding the address space bit
 * @ggtt_bit: set in dword @ggtt_dw: the address is a GGTT one (checked);
 *	clear: a PPGTT one (the PPGTT is validated elsewhere)
 * @op_dw: with MGVT_MEM_POST_SYNC, dword whose POST_SYNC_MASK bits hold
 *	the operation: no access when they are 0
 * @index_bit: with MGVT_MEM_POST_SYNC, set in dword @op_dw: the address
 *	is an offset in the context's status page, not checked
 * @data_dw: first dword of immediate data: a write of the immediate is
 *	4 * (length - @data_dw) bytes; other post-sync writes are 8 bytes
 * @bytes: fixed size of the access, or 0 for the immediate's
 */
struct mgvt_cmd_mem {
	u8 flags;
	u8 dw;
	u8 align;
	u8 ggtt_dw;
	u32 ggtt_bit;
	u8 op_dw;
	u32 index_bit;
	u8 data_dw;
	u8 bytes;
};

/**
 * struct mgvt_cmd - one command of the table
 * @name: its name, for logs
 * @opcode: header & @mask must equal this
 * @mask: header bits that identify the command
 * @engines: MGVT_ENG_* mask of the engines that may run it
 * @kind: what the scanner does with it beyond the descriptors
 * @len_mask: header bits holding length - 2; 0: the length is @min_len
 * @min_len: shortest valid length, in dwords
 * @max_len: longest valid length, in dwords
 * @reg: dwords that hold register offsets
 * @mem: the memory it accesses
 * @deny_dw: dword checked against @deny_bits
 * @deny_bits: bits of dword @deny_dw that make the command refused
 * @deny_why: why, when one of them is set
 */
struct mgvt_cmd {
	const char *name;
	u32 opcode;
	u32 mask;
	u8 engines;
	u8 kind;
	u16 len_mask;
	u16 min_len;
	u16 max_len;
	struct mgvt_cmd_reg reg[2];
	struct mgvt_cmd_mem mem;
	u8 deny_dw;
	u32 deny_bits;
	const char *deny_why;
};

/* struct mgvt_reg_range flags */
#define MGVT_REG_REL		BIT(0)	/* offset relative to the engine base */
#define MGVT_REG_SLOT		BIT(1)	/* image: only at its dword, always */

/**
 * struct mgvt_reg_range - registers of a list, on some engines
 * @name: for logs and tests
 * @offset: the first register's offset: relative to the engine's base
 *	(gen9_engine_base()) with MGVT_REG_REL, else absolute
 * @count: how many consecutive dword registers
 * @engines: MGVT_ENG_* mask of the engines the entry is for
 * @flags: MGVT_REG_REL, MGVT_REG_SLOT
 * @slot: with MGVT_REG_SLOT (one register), the dword index of its value
 *	in a context image's register page: the register must be listed
 *	there and nowhere else, so that whoever owns its value (ring
 *	registers, batch state, indirect context, PDPs) can patch it there
 */
struct mgvt_reg_range {
	const char *name;
	u32 offset;
	u16 count;
	u8 engines;
	u8 flags;
	u16 slot;
};

/**
 * struct mgvt_reg_list - a register list and its length
 * @regs: its entries
 * @n: how many
 */
struct mgvt_reg_list {
	const struct mgvt_reg_range *regs;
	unsigned int n;
};

extern const struct mgvt_cmd mgvt_cmds[];
extern const unsigned int mgvt_cmds_count;
extern const struct mgvt_reg_list mgvt_image_regs;
extern const struct mgvt_reg_list mgvt_write_regs;
extern const struct mgvt_reg_list mgvt_read_regs;
extern const struct mgvt_reg_list mgvt_never_regs;

const struct mgvt_cmd *mgvt_cmd_find(u32 hdr);
unsigned int mgvt_cmd_len(const struct mgvt_cmd *cmd, u32 hdr);
const struct mgvt_reg_range *mgvt_reg_find(const struct mgvt_reg_list *list,
					   unsigned int engine, u32 reg);
bool mgvt_reg_write_ok(unsigned int engine, u32 reg);
bool mgvt_reg_read_ok(unsigned int engine, u32 reg);

#endif /* MGVT_RENDER_CMD_TABLE_H */

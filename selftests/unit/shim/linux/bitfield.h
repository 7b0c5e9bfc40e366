/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for <linux/bitfield.h>: FIELD_GET and FIELD_PREP. */
#ifndef MGVT_SHIM_BITFIELD_H
#define MGVT_SHIM_BITFIELD_H
#define FIELD_GET(mask, reg) \
	((__typeof__(mask))(((reg) & (mask)) >> __builtin_ctzll(mask)))
#define FIELD_PREP(mask, val) \
	((__typeof__(mask))(((__typeof__(mask))(val) << __builtin_ctzll(mask)) & (mask)))
#endif

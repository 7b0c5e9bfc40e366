/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The GVT-g paravirtual info page (PVINFO) as mgvt exposes it in BAR0.
 * Layout and values are the GVT-g guest ABI a stock i915 reads; offsets
 * are relative to MGVT_PVINFO_BASE.
 */
#ifndef _UAPI_MGVT_PVINFO_H
#define _UAPI_MGVT_PVINFO_H

#include <linux/const.h>

#define MGVT_PVINFO_BASE		0x78000
#define MGVT_PVINFO_SIZE		0x1000
#define MGVT_PVINFO_MAGIC		0x4776544776544776ULL	/* "vGTvGTvG" */
#define MGVT_PVINFO_VERSION_MAJOR	1
#define MGVT_PVINFO_VERSION_MINOR	0

/* Host-to-guest half: read-only for the guest. */
#define MGVT_PVINFO_MAGIC_OFF		0x000	/* u64 */
#define MGVT_PVINFO_VER_MAJOR		0x008	/* u16 */
#define MGVT_PVINFO_VER_MINOR		0x00a	/* u16 */
#define MGVT_PVINFO_VGT_ID		0x00c	/* u32 */
#define MGVT_PVINFO_CAPS		0x010	/* u32 */
#define MGVT_PVINFO_MAPPABLE_BASE	0x040	/* u32, bytes */
#define MGVT_PVINFO_MAPPABLE_SIZE	0x044
#define MGVT_PVINFO_UNMAPPABLE_BASE	0x048
#define MGVT_PVINFO_UNMAPPABLE_SIZE	0x04c
#define MGVT_PVINFO_FENCE_NUM		0x050
#define MGVT_PVINFO_G2V_START		0x800	/* first guest-writable byte */

/* Guest-to-host half. */
#define MGVT_PVINFO_DISPLAY_READY	0x804
#define MGVT_PVINFO_RSV5		0x808	/* 4 x u32, must stay untouched */
#define MGVT_PVINFO_G2V_NOTIFY		0x818
#define MGVT_PVINFO_CURSOR_X_HOT	0x830
#define MGVT_PVINFO_CURSOR_Y_HOT	0x834
#define MGVT_PVINFO_PDP(n)		(0x838 + 8 * (n))	/* lo, hi */
#define MGVT_PVINFO_EXECLIST_DESC	0x858	/* lo, hi */
#define MGVT_PVINFO_G2V_END		0x860

/* g2v_notify values. */
#define MGVT_G2V_PPGTT_L3_CREATE	2
#define MGVT_G2V_PPGTT_L3_DESTROY	3
#define MGVT_G2V_PPGTT_L4_CREATE	4
#define MGVT_G2V_PPGTT_L4_DESTROY	5
#define MGVT_G2V_EXECLIST_CTX_CREATE	6
#define MGVT_G2V_EXECLIST_CTX_DESTROY	7

#define MGVT_PVINFO_CAP_FULL_PPGTT	_BITUL(2)
#define MGVT_PVINFO_CAP_HWSP_EMULATION	_BITUL(3)
#define MGVT_PVINFO_CAP_HUGE_GTT	_BITUL(4)

#endif /* _UAPI_MGVT_PVINFO_H */

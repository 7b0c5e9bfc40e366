/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for <uapi/drm/drm_fourcc.h>: the formats and
 * modifiers gvt/display/plane.c names, with the values of the DRM ABI.
 */
#ifndef MGVT_SHIM_DRM_FOURCC_H
#define MGVT_SHIM_DRM_FOURCC_H
#include <linux/types.h>

#define fourcc_code(a, b, c, d) ((u32)(a) | ((u32)(b) << 8) | \
				 ((u32)(c) << 16) | ((u32)(d) << 24))
#define DRM_FORMAT_XRGB8888	fourcc_code('X', 'R', '2', '4')
#define DRM_FORMAT_ARGB8888	fourcc_code('A', 'R', '2', '4')
#define DRM_FORMAT_XBGR8888	fourcc_code('X', 'B', '2', '4')
#define DRM_FORMAT_ABGR8888	fourcc_code('A', 'B', '2', '4')
#define DRM_FORMAT_XRGB2101010	fourcc_code('X', 'R', '3', '0')
#define DRM_FORMAT_XBGR2101010	fourcc_code('X', 'B', '3', '0')
#define DRM_FORMAT_RGB565	fourcc_code('R', 'G', '1', '6')

#define DRM_FORMAT_MOD_LINEAR	0ULL
#define I915_FORMAT_MOD_X_TILED	((1ULL << 56) | 1)
#endif

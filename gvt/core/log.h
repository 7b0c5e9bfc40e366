/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Log lines about a vGPU name it: "mgvt_vgpu <uuid>: vgpu<id>: ...".
 */
#ifndef MGVT_CORE_LOG_H
#define MGVT_CORE_LOG_H

#include <linux/device.h>

#include "core/vgpu_types.h"

#define vgpu_log(logfn, v, fmt, ...) ({				\
	const struct mgvt_vgpu *__v = (v);				\
	logfn(__v->dev, "vgpu%u: " fmt, __v->id, ##__VA_ARGS__);	\
})
#define vgpu_dbg(v, fmt, ...) vgpu_log(dev_dbg, v, fmt, ##__VA_ARGS__)
#define vgpu_info(v, fmt, ...) vgpu_log(dev_info, v, fmt, ##__VA_ARGS__)
#define vgpu_info_rl(v, fmt, ...) \
	vgpu_log(dev_info_ratelimited, v, fmt, ##__VA_ARGS__)
#define vgpu_warn_rl(v, fmt, ...) \
	vgpu_log(dev_warn_ratelimited, v, fmt, ##__VA_ARGS__)

#endif /* MGVT_CORE_LOG_H */

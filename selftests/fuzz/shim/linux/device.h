/* SPDX-License-Identifier: GPL-2.0 */
/* Fuzzing: devices are names, and log lines go nowhere (the counters say it). */
#ifndef MGVT_FUZZ_DEVICE_H
#define MGVT_FUZZ_DEVICE_H
struct device {
	const char *name;
};
#define dev_log_nop(dev, ...) ((void)(dev))
#define dev_dbg dev_log_nop
#define dev_info dev_log_nop
#define dev_err dev_log_nop
#define dev_info_ratelimited dev_log_nop
#define dev_warn_ratelimited dev_log_nop
#endif

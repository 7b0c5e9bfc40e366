/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for <linux/hrtimer.h>: timers that never fire. */
#ifndef MGVT_SHIM_HRTIMER_H
#define MGVT_SHIM_HRTIMER_H
#include <linux/types.h>
typedef s64 ktime_t;
#define CLOCK_MONOTONIC 1
enum hrtimer_mode { HRTIMER_MODE_REL };
enum hrtimer_restart { HRTIMER_NORESTART, HRTIMER_RESTART };
struct hrtimer { enum hrtimer_restart (*function)(struct hrtimer *); };
static inline ktime_t ns_to_ktime(u64 ns) { return (ktime_t)ns; }
static inline void hrtimer_init(struct hrtimer *t, int clock, enum hrtimer_mode m) { }
static inline void hrtimer_start(struct hrtimer *t, ktime_t k, enum hrtimer_mode m) { }
static inline int hrtimer_cancel(struct hrtimer *t) { return 0; }
static inline u64 hrtimer_forward_now(struct hrtimer *t, ktime_t k) { return 1; }
#endif

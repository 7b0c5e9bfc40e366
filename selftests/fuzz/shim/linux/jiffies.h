/* SPDX-License-Identifier: GPL-2.0 */
/* Fuzzing: time is the harness's, advanced one tick per operation. */
#ifndef MGVT_FUZZ_JIFFIES_H
#define MGVT_FUZZ_JIFFIES_H
#define HZ 100
extern unsigned long jiffies;
#define time_before(a, b) ((long)((a) - (b)) < 0)
#endif

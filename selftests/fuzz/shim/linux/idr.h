/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_FUZZ_IDR_H
#define MGVT_FUZZ_IDR_H
struct ida {
	int unused;
};
#endif

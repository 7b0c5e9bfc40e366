/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_FUZZ_LIST_H
#define MGVT_FUZZ_LIST_H
struct list_head {
	struct list_head *next, *prev;
};
#endif

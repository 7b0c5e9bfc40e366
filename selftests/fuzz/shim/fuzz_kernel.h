/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Forced into every file of a fuzz build (-include): what the kernel's
 * headers bring in implicitly.
 */
#ifndef MGVT_FUZZ_KERNEL_H
#define MGVT_FUZZ_KERNEL_H
#include <assert.h>
#include <linux/types.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/atomic.h>
#include <linux/mutex.h>

#endif

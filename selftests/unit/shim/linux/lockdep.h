/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_SHIM_LOCKDEP_H
#define MGVT_SHIM_LOCKDEP_H
#include <linux/mutex.h>
#endif

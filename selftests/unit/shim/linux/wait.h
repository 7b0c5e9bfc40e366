/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_SHIM_WAIT_H
#define MGVT_SHIM_WAIT_H
typedef struct { int unused; } wait_queue_head_t;
#endif

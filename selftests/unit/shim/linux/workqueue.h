/* SPDX-License-Identifier: GPL-2.0 */
/* Only the types, for structures that embed them. */
#ifndef MGVT_SHIM_WORKQUEUE_H
#define MGVT_SHIM_WORKQUEUE_H
struct work_struct { int unused; };
struct delayed_work { struct work_struct work; };
struct workqueue_struct;
#endif

/* SPDX-License-Identifier: GPL-2.0 */
/* The types, and work that never runs. */
#ifndef MGVT_SHIM_WORKQUEUE_H
#define MGVT_SHIM_WORKQUEUE_H
struct work_struct { int unused; };
struct delayed_work { struct work_struct work; };
struct workqueue_struct;
#define system_wq ((struct workqueue_struct *)0)
#define INIT_WORK(w, fn) ((void)(w), (void)(fn))
#define queue_work(wq, w) ((void)(wq), (void)(w), 1)
#define cancel_work_sync(w) ((void)(w), 0)
#endif

/* SPDX-License-Identifier: GPL-2.0 */
/* Single-threaded unit tests: spinlocks are no-ops. */
#ifndef MGVT_SHIM_SPINLOCK_H
#define MGVT_SHIM_SPINLOCK_H
typedef struct { int unused; } spinlock_t;
#define DEFINE_SPINLOCK(x) spinlock_t x
#define spin_lock_init(l) ((void)(l))
#define spin_lock(l) ((void)(l))
#define spin_unlock(l) ((void)(l))
#define spin_lock_irqsave(l, f) ((void)(l), (f) = 0)
#define spin_unlock_irqrestore(l, f) ((void)(l), (void)(f))
#endif

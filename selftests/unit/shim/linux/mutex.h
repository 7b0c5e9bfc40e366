/* SPDX-License-Identifier: GPL-2.0 */
/* Single-threaded unit tests: mutexes are no-ops. */
#ifndef MGVT_SHIM_MUTEX_H
#define MGVT_SHIM_MUTEX_H
struct mutex { int unused; };
#define mutex_init(m) ((void)(m))
#define mutex_destroy(m) ((void)(m))
#define mutex_lock(m) ((void)(m))
#define mutex_unlock(m) ((void)(m))
#define lockdep_assert_held(m) ((void)(m))
#endif

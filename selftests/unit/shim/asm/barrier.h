/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_SHIM_BARRIER_H
#define MGVT_SHIM_BARRIER_H
#define rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#endif

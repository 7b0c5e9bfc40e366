/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in for <linux/atomic.h>: the few operations gvt/ uses. */
#ifndef MGVT_SHIM_ATOMIC_H
#define MGVT_SHIM_ATOMIC_H
typedef struct { int counter; } atomic_t;
typedef struct { long counter; } atomic_long_t;
#define atomic_set(v, i) __atomic_store_n(&(v)->counter, (i), __ATOMIC_SEQ_CST)
#define atomic_read(v) __atomic_load_n(&(v)->counter, __ATOMIC_SEQ_CST)
#define atomic_inc(v) __atomic_add_fetch(&(v)->counter, 1, __ATOMIC_SEQ_CST)
#define atomic_dec(v) __atomic_sub_fetch(&(v)->counter, 1, __ATOMIC_SEQ_CST)
#define atomic_add(i, v) __atomic_add_fetch(&(v)->counter, (i), __ATOMIC_SEQ_CST)
#define atomic_xchg(v, i) __atomic_exchange_n(&(v)->counter, (i), __ATOMIC_SEQ_CST)
#define atomic_long_set atomic_set
#define atomic_long_read atomic_read
#define atomic_long_inc atomic_inc
#define atomic_long_dec atomic_dec
#define atomic_long_add atomic_add
#endif

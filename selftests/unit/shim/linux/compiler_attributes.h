/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_SHIM_COMPILER_ATTRIBUTES_H
#define MGVT_SHIM_COMPILER_ATTRIBUTES_H
/*
 * For the shim's own loops: not instrumented by ASan nor, under clang,
 * traced for fuzzing coverage (their branches are the shim's, not mgvt's).
 */
#ifdef __clang__
#define SHIM_UNTRACED	__attribute__((noinline, unused, no_sanitize("coverage", "address")))
#else
#define SHIM_UNTRACED	__attribute__((noinline, unused, no_sanitize("address")))
#endif
#endif

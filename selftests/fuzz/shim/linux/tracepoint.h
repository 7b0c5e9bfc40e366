/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for core/trace.h's events: each trace_<event>() is an
 * empty inline function with the event's prototype, so calls still get
 * their arguments type-checked.
 */
#ifndef FUZZ_SHIM_LINUX_TRACEPOINT_H
#define FUZZ_SHIM_LINUX_TRACEPOINT_H

#define TP_PROTO(args...)	args
#define TP_ARGS(args...)	args

/* Each ends in a declaration that takes the ';' after the macro. */
#define TRACE_DEFINE_ENUM(a)	struct fuzz_trace_enum_##a
#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print) \
	struct fuzz_trace_class_##name
#define DEFINE_EVENT(template, name, proto, args) \
	static inline void trace_##name(proto) {} struct fuzz_trace_##name
#define TRACE_EVENT(name, proto, args, tstruct, assign, print) \
	static inline void trace_##name(proto) {} struct fuzz_trace_##name

#endif /* FUZZ_SHIM_LINUX_TRACEPOINT_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Decoding fuzz input, front to back (0 once it runs out), and reporting a
 * broken invariant: print it and abort(), so libFuzzer keeps the input.
 */
#ifndef MGVT_FUZZ_IN_H
#define MGVT_FUZZ_IN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct fuzz_in {
	const uint8_t *p;
	size_t n;
};

static inline uint8_t in_u8(struct fuzz_in *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

static inline uint16_t in_u16(struct fuzz_in *in)
{
	return in_u8(in) | (uint16_t)in_u8(in) << 8;
}

static inline uint32_t in_u32(struct fuzz_in *in)
{
	return in_u16(in) | (uint32_t)in_u16(in) << 16;
}

static inline uint64_t in_u64(struct fuzz_in *in)
{
	return in_u32(in) | (uint64_t)in_u32(in) << 32;
}

/* An access width: 1, 2, 4 or 8. */
static inline unsigned int in_len(struct fuzz_in *in)
{
	return 1u << (in_u8(in) & 3);
}

static inline __attribute__((format(printf, 1, 2), noreturn))
void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mgvt fuzz invariant broken: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

#define FUZZ_CHECK(cond, ...) do { if (!(cond)) fuzz_fail(__VA_ARGS__); } while (0)

#endif /* MGVT_FUZZ_IN_H */

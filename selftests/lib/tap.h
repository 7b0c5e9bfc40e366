/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tap.h - a tiny, flat TAP 13 / KTAP-style result printer for mgvt's C selftests.
 *
 *	tap_header();                      // "TAP version 13"
 *	tap_plan(n);                       // optional "1..n" up front
 *	tap_ok(cond, "what was checked");  // "ok N - ..." / "not ok N - ..."
 *	tap_skip("reason", "what");        // "ok N - what # SKIP reason"
 *	tap_diag("x=%d", x);               // "# x=..."
 *	return tap_finish();               // trailing plan if none given, totals, exit code
 *
 * Results are numbered in order; there are no nested subtests. Output is
 * flushed line by line so it interleaves correctly with a parent script.
 */
#ifndef MGVT_SELFTEST_TAP_H
#define MGVT_SELFTEST_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

struct tap_state {
	unsigned int count;	/* results printed so far */
	unsigned int pass, fail, skip;
	int planned;		/* -1 until tap_plan() */
};

static struct tap_state tap = { .planned = -1 };

static inline void tap_header(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n");
}

static inline void tap_plan(unsigned int n)
{
	tap.planned = (int)n;
	printf("1..%u\n", n);
}

static inline void tap_vdiag(const char *fmt, va_list ap)
{
	printf("# ");
	vprintf(fmt, ap);
	printf("\n");
}

static inline __attribute__((format(printf, 1, 2)))
void tap_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vdiag(fmt, ap);
	va_end(ap);
}

/* Print one result line; returns @cond so callers can chain on it. */
static inline __attribute__((format(printf, 2, 3)))
bool tap_ok(bool cond, const char *fmt, ...)
{
	va_list ap;

	tap.count++;
	if (cond)
		tap.pass++;
	else
		tap.fail++;
	printf("%sok %u - ", cond ? "" : "not ", tap.count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return cond;
}

static inline __attribute__((format(printf, 2, 3)))
void tap_skip(const char *reason, const char *fmt, ...)
{
	va_list ap;

	tap.count++;
	tap.skip++;
	printf("ok %u - ", tap.count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" # SKIP %s\n", reason);
}

/* Abort the whole run: TAP consumers treat this as fatal. */
static inline __attribute__((format(printf, 1, 2)))
void tap_bail(const char *fmt, ...)
{
	va_list ap;

	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* Print the trailing plan (if none was given) and totals; return an exit code. */
static inline int tap_finish(void)
{
	bool plan_ok = true;

	if (tap.planned < 0)
		printf("1..%u\n", tap.count);
	else if ((unsigned int)tap.planned != tap.count) {
		tap_diag("planned %d tests but ran %u", tap.planned, tap.count);
		plan_ok = false;
	}
	printf("# Totals: pass:%u fail:%u skip:%u\n", tap.pass, tap.fail, tap.skip);
	fflush(stdout);
	return (tap.fail == 0 && plan_ok) ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif /* MGVT_SELFTEST_TAP_H */

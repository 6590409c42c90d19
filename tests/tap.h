/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal TAP 13 producer for userspace unit tests (kselftest habits):
 * plan, ok/not ok lines, loud skips, exit 0 pass, 1 fail, 4 all skipped.
 * Header-only so every test binary stays one file.
 */
#ifndef HIDS_TESTS_TAP_H
#define HIDS_TESTS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int tap_count, tap_failed, tap_skipped;

static inline void tap_plan(int n)
{
	printf("TAP version 13\n1..%d\n", n);
	fflush(stdout);
}

static inline void tap_vline(int pass, const char *directive, const char *fmt,
			     va_list ap)
{
	printf("%sok %d - ", pass ? "" : "not ", ++tap_count);
	vprintf(fmt, ap);
	if (directive)
		printf(" # %s", directive);
	printf("\n");
	fflush(stdout);
}

/* Report one test; returns its truth so callers can add diagnostics. */
static inline int __attribute__((format(printf, 2, 3)))
tap_ok(int pass, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vline(pass, NULL, fmt, ap);
	va_end(ap);
	if (!pass)
		tap_failed++;
	return pass;
}

static inline void __attribute__((format(printf, 1, 2)))
tap_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("ok %d - ", ++tap_count);
	vprintf(fmt, ap);
	printf(" # SKIP\n");
	va_end(ap);
	tap_skipped++;
	fflush(stdout);
}

static inline void __attribute__((format(printf, 1, 2)))
tap_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("# ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
}

/* Exit status per kselftest: 1 on any failure, 4 when everything skipped. */
static inline int tap_done(void)
{
	if (tap_failed)
		return 1;
	if (tap_count && tap_skipped == tap_count)
		return 4;
	return 0;
}

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The benchmarks' clock, the comparison their medians sort with, and the
 * system call every figure is measured against.
 */
#ifndef HIDS_BENCH_TIMING_H
#define HIDS_BENCH_TIMING_H

#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static inline double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* qsort() order of doubles. */
static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* n getppid() calls, through syscall() so libc cannot cache the answer. */
static inline void getppid_calls(long n)
{
	while (n-- > 0)
		syscall(SYS_getppid);
}

#endif /* HIDS_BENCH_TIMING_H */

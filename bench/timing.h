/* SPDX-License-Identifier: GPL-2.0 */
/* The benchmarks' clock, their median, and the call every figure is measured against. */
#ifndef HIDS_BENCH_TIMING_H
#define HIDS_BENCH_TIMING_H

#include <stdlib.h>
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

/* The median of v[0 .. n - 1], sorting v: v[0] and v[n - 1] are the spread. */
static inline double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[n / 2];
}

/* n getppid() calls, through syscall() so libc cannot cache the answer. */
static inline void getppid_calls(long n)
{
	while (n-- > 0)
		syscall(SYS_getppid);
}

#endif /* HIDS_BENCH_TIMING_H */

/* SPDX-License-Identifier: GPL-2.0 */
/* The benchmarks' clock and the comparison their medians sort with. */
#ifndef HIDS_BENCH_TIMING_H
#define HIDS_BENCH_TIMING_H

#include <time.h>

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

#endif /* HIDS_BENCH_TIMING_H */

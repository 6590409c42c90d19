// SPDX-License-Identifier: GPL-2.0
/*
 * Counters are only ever incremented by their own CPU.  A reset does not
 * write other CPUs' counters (that would race with the increments); it
 * records a baseline that reads subtract.
 */
#include <linux/cpumask.h>
#include <linux/mutex.h>

#include "stats.h"

DEFINE_PER_CPU(struct hids_stats, hids_pcpu_stats);

static DEFINE_MUTEX(baseline_lock);
static struct hids_stats baseline;

/* struct hids_stats is an array of u64 counters by another name. */
#define NR_COUNTERS (sizeof(struct hids_stats) / sizeof(u64))

static void sum_cpus(struct hids_stats *out)
{
	u64 *sum = (u64 *)out;
	const u64 *c;
	int cpu, i;

	memset(out, 0, sizeof(*out));
	for_each_possible_cpu(cpu) {
		c = (const u64 *)per_cpu_ptr(&hids_pcpu_stats, cpu);
		for (i = 0; i < NR_COUNTERS; i++)
			sum[i] += READ_ONCE(c[i]);
	}
}

void hids_stats_read(struct hids_stats *out)
{
	u64 *v = (u64 *)out;
	const u64 *base = (const u64 *)&baseline;
	int i;

	mutex_lock(&baseline_lock);
	sum_cpus(out);
	for (i = 0; i < NR_COUNTERS; i++)
		v[i] -= base[i];
	mutex_unlock(&baseline_lock);
}

void hids_stats_reset(void)
{
	mutex_lock(&baseline_lock);
	sum_cpus(&baseline);
	mutex_unlock(&baseline_lock);
}

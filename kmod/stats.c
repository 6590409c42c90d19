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

static void sum_cpus(struct hids_stats *out)
{
	int cpu;

	memset(out, 0, sizeof(*out));
	for_each_possible_cpu(cpu) {
		const struct hids_stats *s = per_cpu_ptr(&hids_pcpu_stats, cpu);

		out->seen += READ_ONCE(s->seen);
		out->monitored += READ_ONCE(s->monitored);
		out->recorded += READ_ONCE(s->recorded);
		out->record_dropped += READ_ONCE(s->record_dropped);
		out->untracked += READ_ONCE(s->untracked);
	}
}

void hids_stats_read(struct hids_stats *out)
{
	mutex_lock(&baseline_lock);
	sum_cpus(out);
	out->seen -= baseline.seen;
	out->monitored -= baseline.monitored;
	out->recorded -= baseline.recorded;
	out->record_dropped -= baseline.record_dropped;
	out->untracked -= baseline.untracked;
	mutex_unlock(&baseline_lock);
}

void hids_stats_reset(void)
{
	mutex_lock(&baseline_lock);
	sum_cpus(&baseline);
	mutex_unlock(&baseline_lock);
}

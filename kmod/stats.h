/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_STATS_H
#define HIDS_STATS_H

#include <linux/hids.h>
#include <linux/percpu.h>
#include <linux/types.h>

/* Per-CPU event counters; writers never share a cache line or a lock. */
struct hids_stats {
	u64 seen;
	u64 monitored;
	u64 recorded;
	u64 record_dropped;
	u64 untracked;
	u64 scored;
	u64 inline_scored;
	u64 dropped;
	u64 alerts;
	u64 alerts_lost;
	u64 killed;
	u64 alerts_evicted;
	u64 blocked;
	u64 skipped;
	u64 forged_sigreturns;
	/* The same, for each slot (HIDS_A_SLOT_STATS). */
	u64 slot_monitored[HIDS_MAX_SLOTS];
	u64 slot_scored[HIDS_MAX_SLOTS];
	u64 slot_dropped[HIDS_MAX_SLOTS];
	u64 slot_alerts[HIDS_MAX_SLOTS];
};

DECLARE_PER_CPU(struct hids_stats, hids_pcpu_stats);

/* this_cpu ops are safe with preemption enabled (faultable probes, 6.13+). */
#define hids_stat_inc(field) this_cpu_inc(hids_pcpu_stats.field)

void hids_stats_read(struct hids_stats *out);
void hids_stats_reset(void);

#endif /* HIDS_STATS_H */

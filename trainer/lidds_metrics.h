/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The LID-DS framework's detection metrics, replicated call for call from
 * LID-DS/LID-DS algorithms/performance_measurement.py (class Performance)
 * and algorithms/ids.py (detect_on_single_recording, detect_parallel) at
 * commits 5b66c98040893bfb34617431b8517aa96a1e5b74 and
 * 8e95c0838a52a00dbd52a5194e1a9d5e699a7af4.
 *
 * Each recording's calls are replayed in recording order with the
 * detector's value (calls without a value are skipped, as LID-DS skips a
 * None score); a call alarms when value > threshold.
 *   normal recording:  alarm -> fp, else tn.
 *   attack recording:  before the exploit (t < exploit_t): alarm -> fp,
 *                      else tn; at/after it: alarm -> tp, else fn.  The
 *                      first alarm at/after the exploit detects the
 *                      recording (alarm_count).
 *   consecutive false alarms (CFA): a run of false alarms is counted
 *   once, when it ends: at a call that does not alarm, at an alarm
 *   at/after the exploit, or at the end of the recording (LID-DS ends
 *   them there per recording; its serial detect() forgets the last
 *   recording's open run, detect_parallel() does not - we follow the
 *   latter).  Runs are counted apart for normal and attack recordings.
 *   detection_rate = alarm_count / exploit_count
 *   precision_cfa  = alarm_count / (alarm_count + cfa_normal + cfa_exploits)
 *   precision_sys  = alarm_count / (alarm_count + fp)
 *   f1_cfa         = 2 * precision_cfa * detection_rate /
 *                    (precision_cfa + detection_rate)
 * each 0 when its denominator is 0, as in LID-DS.
 *
 * One deliberate difference: LID-DS compares the exploit time (float
 * seconds) with timestamp_ns * 1e-9; we compare integers on one clock,
 * which LID-DS's doubles only approximate near the exploit instant.
 */
#ifndef HIDS_LIDDS_METRICS_H
#define HIDS_LIDDS_METRICS_H

#include <stdint.h>

#include "scores.h"

struct lidds_counts {
	uint64_t tp, fp, tn, fn;	/* calls */
	uint64_t alarm_count;		/* attack recordings detected */
	uint64_t exploit_count;		/* attack recordings */
	uint64_t cfa_normal, cfa_exploits;
};

struct lidds_result {
	struct lidds_counts c;
	double detection_rate;
	double precision_cfa, precision_sys, f1_cfa;
	double threshold;
};

/* Adds one recording's counts; -EINVAL, -ENOMEM from the replay. */
int lidds_count_rec(struct lidds_counts *c, const struct score_rec *r,
		    const struct detector *d, double threshold);

void lidds_results(const struct lidds_counts *c, double threshold, struct lidds_result *out);

/* The headline figures: false alarms are fp calls, CFA both kinds of run. */
static inline uint64_t lidds_cfa(const struct lidds_result *r)
{
	return r->c.cfa_normal + r->c.cfa_exploits;
}

#endif

// SPDX-License-Identifier: GPL-2.0
/* LID-DS detection metrics (see lidds_metrics.h for the source followed). */
#include <stdbool.h>

#include "lidds_metrics.h"

/* One recording's run of consecutive false alarms. */
struct cfa_run {
	uint64_t len;
	uint64_t *count;
};

static void cfa_end(struct cfa_run *run)
{
	if (run->len) {
		run->len = 0;
		(*run->count)++;
	}
}

static void count_attack(struct lidds_counts *c, struct cfa_run *run, bool *detected,
			 bool alarm, bool after)
{
	if (alarm && !after) {
		c->fp++;
		run->len++;
		return;
	}
	cfa_end(run);
	if (alarm) {
		c->tp++;
		if (!*detected) {
			c->alarm_count++;
			*detected = true;
		}
	} else if (after) {
		c->fn++;
	} else {
		c->tn++;
	}
}

static void count_normal(struct lidds_counts *c, struct cfa_run *run, bool alarm)
{
	if (alarm) {
		c->fp++;
		run->len++;
	} else {
		cfa_end(run);
		c->tn++;
	}
}

int lidds_count_rec(struct lidds_counts *c, const struct score_rec *r,
		    const struct detector *d, double threshold)
{
	struct cfa_run run = { 0, r->attack ? &c->cfa_exploits : &c->cfa_normal };
	struct replay_call call;
	struct replay p;
	bool detected = false, alarm;
	int ret;

	ret = replay_start(&p, r, d);
	if (ret)
		return ret;
	if (r->attack)
		c->exploit_count++;
	while (replay_next(&p, &call)) {
		if (!call.has_value)
			continue;
		alarm = call.value > threshold;
		if (r->attack)
			count_attack(c, &run, &detected, alarm, call.t >= r->exploit_t);
		else
			count_normal(c, &run, alarm);
	}
	cfa_end(&run);
	replay_end(&p);
	return 0;
}

static double safe_div(double num, double den)
{
	return den != 0 ? num / den : 0;
}

void lidds_results(const struct lidds_counts *c, double threshold, struct lidds_result *out)
{
	double dr, pc;

	out->c = *c;
	out->threshold = threshold;
	dr = safe_div((double)c->alarm_count, (double)c->exploit_count);
	pc = safe_div((double)c->alarm_count,
		      (double)(c->alarm_count + c->cfa_normal + c->cfa_exploits));
	out->detection_rate = dr;
	out->precision_cfa = pc;
	out->precision_sys = safe_div((double)c->alarm_count, (double)(c->alarm_count + c->fp));
	out->f1_cfa = safe_div(2 * pc * dr, pc + dr);
}

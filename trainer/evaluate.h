/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One detector over one split, a recording at a time: the eval command
 * scores a recording (integer engine, float model or STIDE), hands its
 * scores here and may free them; the figures come out at the end.
 *
 *   struct eval_run e;
 *   eval_run_init(&e, &opts, &det, threshold);
 *   for each test recording: eval_run_add(&e, &rec);
 *   eval_run_finish(&e, &report.lstm, rocs);	(rocs for plot_svg)
 *   eval_run_free(&e);
 *
 * The threshold comes from the validation split (threshold.h).
 */
#ifndef HIDS_EVALUATE_H
#define HIDS_EVALUATE_H

#include "lidds_metrics.h"
#include "report.h"
#include "roc.h"
#include "scores.h"

struct eval_run {
	struct score_opts opts;
	struct detector det;
	double threshold;
	size_t n, cap;
	double *level[SCORE__N];	/* recording-level scores */
	bool *attack;
	char **group;			/* an attack's group (score_rec.group), or NULL */
	struct lidds_counts lidds;
};

/* -EINVAL on bad options. */
int eval_run_init(struct eval_run *e, const struct score_opts *o, const struct detector *d,
		  double threshold);
/* -EINVAL, -ENOMEM; a failed recording is not counted. */
int eval_run_add(struct eval_run *e, const struct score_rec *r);
/*
 * The recording-level ROC figures, the attack-group AUC (each group scored
 * by its worst recording, on the mean score) and the LID-DS metrics into
 * *out; the curves into rocs[SCORE__N] when not NULL (the caller
 * roc_free()s each).
 */
int eval_run_finish(const struct eval_run *e, struct report_detector *out,
		    struct roc *rocs);
void eval_run_free(struct eval_run *e);

#endif

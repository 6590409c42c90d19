/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Thresholds from the validation split.  Both rules take, per validation
 * recording, the largest per-call detector value (score_rec_det_max);
 * every validation recording is normal, and a recording raises a false
 * alarm when its largest value is above the threshold.
 */
#ifndef HIDS_THRESHOLD_H
#define HIDS_THRESHOLD_H

#include <stddef.h>

#include "scores.h"

/*
 * LID-DS (algorithms/ids.py, determine_threshold): the largest value seen
 * on validation, and never below 0 (its running maximum starts at 0.0).
 */
double threshold_lidds(const double *rec_max, size_t n);

/*
 * --target-far F: the smallest threshold at which at most F of the
 * validation recordings alarm.  -EINVAL unless 0 <= F < 1 and n > 0,
 * -ENOMEM.
 */
int threshold_target_far(const double *rec_max, size_t n, double far, double *thr);

/* Collects the validation recordings' largest values for one detector. */
struct threshold_val {
	struct detector det;
	double *max;
	size_t n, cap;
};

void threshold_val_init(struct threshold_val *v, const struct detector *d);
/* -EINVAL, -ENOMEM. */
int threshold_val_add(struct threshold_val *v, const struct score_rec *r);
/* target_far < 0: the LID-DS rule; else threshold_target_far(). */
int threshold_val_pick(const struct threshold_val *v, double target_far, double *thr);
void threshold_val_free(struct threshold_val *v);

/*
 * Every detector value of the recordings (one per call that has one: a
 * full window, a running mean from call K on), sorted ascending, into a
 * malloc'd *vals; -ENOMEM, -EINVAL.
 */
int threshold_values(const struct score_rec *recs, size_t n, const struct detector *d,
		     double **vals, size_t *nv);

/* The q-quantile (0..1) of n sorted values (nearest rank); NAN for none. */
double threshold_quantile(const double *sorted, size_t n, double q);

/*
 * --target-rate R: the smallest threshold at which at most R of every
 * 1000 sorted values alarm (value > threshold).  -EINVAL without values.
 */
int threshold_target_rate(const double *sorted, size_t n, double per_1000, double *thr);

#endif

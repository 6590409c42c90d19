/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ROC curves of recording-level scores: normal recordings against attack
 * recordings, alarm when a recording's score >= a threshold.
 *
 * The curve has one point per distinct score, descending, after the
 * point (0, 0) at threshold +INFINITY: exactly the operating points a
 * threshold can reach, ties moving together.  AUC is the trapezoid area
 * under those points, which equals the Mann-Whitney statistic
 * P(attack > normal) + P(attack == normal) / 2; it is computed from
 * integer counts, so it is exact up to the final division.
 *
 * Detection rate at a false-alarm rate F: the largest DR over the points
 * with FAR <= F (the (0, 0) point always qualifies, so at least 0).
 * Undefined figures (no normal or no attack recording) are NAN.
 */
#ifndef HIDS_ROC_H
#define HIDS_ROC_H

#include <stdbool.h>
#include <stddef.h>

struct roc_point {
	double thr;		/* alarm when score >= thr */
	size_t fp, tp;		/* normal, attack recordings at or above thr */
	double far, dr;		/* fp / normals, tp / attacks */
};

struct roc {
	struct roc_point *pt;
	size_t n;
	size_t n_normal, n_attack;
	double auc;
};

/* -EINVAL on a NaN score, -ENOMEM. */
int roc_build(struct roc *roc, const double *score, const bool *attack, size_t n);
void roc_free(struct roc *roc);

/* DR at FAR <= far; *thr (may be NULL) gets the threshold that reaches it. */
double roc_dr_at_far(const struct roc *roc, double far, double *thr);

/* fp of n within a target rate, forgiving the rounding of far * n. */
static inline bool roc_rate_ok(size_t fp, size_t n, double far)
{
	return (double)fp <= far * (double)n + 1e-9;
}

#endif

// SPDX-License-Identifier: GPL-2.0
/* Thresholds from the validation split (see threshold.h). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "roc.h"
#include "threshold.h"

double threshold_lidds(const double *rec_max, size_t n)
{
	double thr = 0.0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (rec_max[i] > thr)
			thr = rec_max[i];
	}
	return thr;
}

static int ascending(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int threshold_target_far(const double *rec_max, size_t n, double far, double *thr)
{
	size_t allowed = 0;
	double *v;

	if (!n || !(far >= 0 && far < 1))
		return -EINVAL;
	for (allowed = 0; allowed + 1 < n && roc_rate_ok(allowed + 1, n, far); allowed++)
		;
	v = malloc(n * sizeof(*v));
	if (!v)
		return -ENOMEM;
	memcpy(v, rec_max, n * sizeof(*v));
	qsort(v, n, sizeof(*v), ascending);
	/*
	 * Alarm is value > thr: at thr = v[n - allowed - 1] only the
	 * recordings above it alarm, at most `allowed`; any lower threshold
	 * adds that recording too.
	 */
	*thr = v[n - allowed - 1];
	free(v);
	return 0;
}

void threshold_val_init(struct threshold_val *v, const struct detector *d)
{
	memset(v, 0, sizeof(*v));
	v->det = *d;
}

int threshold_val_add(struct threshold_val *v, const struct score_rec *r)
{
	double *p;
	int ret;

	if (v->n == v->cap) {
		p = realloc(v->max, (v->cap ? 2 * v->cap : 64) * sizeof(*p));
		if (!p)
			return -ENOMEM;
		v->max = p;
		v->cap = v->cap ? 2 * v->cap : 64;
	}
	ret = score_rec_det_max(r, &v->det, &v->max[v->n]);
	if (ret)
		return ret;
	v->n++;
	return 0;
}

int threshold_val_pick(const struct threshold_val *v, double target_far, double *thr)
{
	if (target_far < 0) {
		*thr = threshold_lidds(v->max, v->n);
		return 0;
	}
	return threshold_target_far(v->max, v->n, target_far, thr);
}

void threshold_val_free(struct threshold_val *v)
{
	free(v->max);
	memset(v, 0, sizeof(*v));
}

int threshold_values(const struct score_rec *recs, size_t n, const struct detector *d,
		     double **vals, size_t *nv)
{
	struct replay_call call;
	struct replay p;
	double *v = NULL, *g;
	size_t i, cnt = 0, cap = 0;
	int ret = 0;

	for (i = 0; i < n && !ret; i++) {
		ret = replay_start(&p, &recs[i], d);
		if (ret)
			break;
		while (!ret && replay_next(&p, &call)) {
			if (!call.has_value)
				continue;
			if (cnt == cap) {
				cap = cap ? 2 * cap : 4096;
				g = realloc(v, cap * sizeof(*v));
				if (!g) {
					ret = -ENOMEM;
					break;
				}
				v = g;
			}
			v[cnt++] = call.value;
		}
		replay_end(&p);
	}
	if (ret) {
		free(v);
		return ret;
	}
	if (cnt)
		qsort(v, cnt, sizeof(*v), ascending);
	*vals = v;
	*nv = cnt;
	return 0;
}

double threshold_quantile(const double *sorted, size_t n, double q)
{
	size_t i;

	if (!n)
		return NAN;
	i = (size_t)ceil(q * n);
	return sorted[i ? i - 1 : 0];
}

int threshold_target_rate(const double *sorted, size_t n, double per_1000, double *thr)
{
	size_t allowed;

	if (!n || !(per_1000 >= 0 && per_1000 < 1000))
		return -EINVAL;
	allowed = (size_t)floor(per_1000 * n / 1000);
	if (allowed >= n)
		allowed = n - 1;
	/* Alarm is value > thr: only the `allowed` values above it alarm (ties aside). */
	*thr = sorted[n - allowed - 1];
	return 0;
}

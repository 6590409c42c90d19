// SPDX-License-Identifier: GPL-2.0
/* ROC, AUC and detection rate at a false-alarm rate (see roc.h). */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "roc.h"

struct labelled {
	double s;
	bool attack;
};

static int by_score_desc(const void *a, const void *b)
{
	double x = ((const struct labelled *)a)->s, y = ((const struct labelled *)b)->s;

	return (x < y) - (x > y);
}

static double ratio(size_t num, size_t den)
{
	return den ? (double)num / (double)den : NAN;
}

static void add_point(struct roc *roc, double thr, size_t fp, size_t tp)
{
	struct roc_point *p = &roc->pt[roc->n++];

	p->thr = thr;
	p->fp = fp;
	p->tp = tp;
	p->far = ratio(fp, roc->n_normal);
	p->dr = ratio(tp, roc->n_attack);
}

/* Walks the sorted scores one distinct value at a time. */
static void roc_walk(struct roc *roc, const struct labelled *v, size_t n)
{
	size_t i = 0, fp = 0, tp = 0, fp0, tp0;
	uint64_t area2 = 0;	/* twice the area, in units of 1 / (normals * attacks) */

	add_point(roc, INFINITY, 0, 0);
	while (i < n) {
		double s = v[i].s;

		fp0 = fp;
		tp0 = tp;
		for (; i < n && v[i].s == s; i++) {
			if (v[i].attack)
				tp++;
			else
				fp++;
		}
		area2 += (uint64_t)(fp - fp0) * (tp0 + tp);
		add_point(roc, s, fp, tp);
	}
	if (roc->n_normal && roc->n_attack)
		roc->auc = (double)area2 / (2.0 * (double)roc->n_normal * (double)roc->n_attack);
	else
		roc->auc = NAN;
}

int roc_build(struct roc *roc, const double *score, const bool *attack, size_t n)
{
	struct labelled *v;
	size_t i;

	memset(roc, 0, sizeof(*roc));
	for (i = 0; i < n; i++) {
		if (isnan(score[i]))
			return -EINVAL;
	}
	v = malloc((n ? n : 1) * sizeof(*v));
	roc->pt = malloc((n + 1) * sizeof(*roc->pt));
	if (!v || !roc->pt) {
		free(v);
		roc_free(roc);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		v[i].s = score[i];
		v[i].attack = attack[i];
		if (attack[i])
			roc->n_attack++;
		else
			roc->n_normal++;
	}
	qsort(v, n, sizeof(*v), by_score_desc);
	roc_walk(roc, v, n);
	free(v);
	return 0;
}

void roc_free(struct roc *roc)
{
	free(roc->pt);
	memset(roc, 0, sizeof(*roc));
}

double roc_dr_at_far(const struct roc *roc, double far, double *thr)
{
	double best = NAN, at = INFINITY;
	size_t i;

	if (roc->n_normal && roc->n_attack) {
		best = 0;
		for (i = 0; i < roc->n; i++) {
			const struct roc_point *p = &roc->pt[i];

			if (roc_rate_ok(p->fp, roc->n_normal, far) && p->dr > best) {
				best = p->dr;
				at = p->thr;
			}
		}
	}
	if (thr)
		*thr = at;
	return best;
}

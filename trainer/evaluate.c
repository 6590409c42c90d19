// SPDX-License-Identifier: GPL-2.0
/* One detector over one split (see evaluate.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "evaluate.h"

int eval_run_init(struct eval_run *e, const struct score_opts *o, const struct detector *d,
		  double threshold)
{
	memset(e, 0, sizeof(*e));
	if (!o->window || !o->min_calls)
		return -EINVAL;
	e->opts = *o;
	e->det = *d;
	e->threshold = threshold;
	return 0;
}

static int grow(struct eval_run *e)
{
	size_t cap = e->cap ? 2 * e->cap : 64;
	void *p;
	int k;

	for (k = 0; k < SCORE__N; k++) {
		p = realloc(e->level[k], cap * sizeof(*e->level[k]));
		if (!p)
			return -ENOMEM;
		e->level[k] = p;
	}
	p = realloc(e->attack, cap * sizeof(*e->attack));
	if (!p)
		return -ENOMEM;
	e->attack = p;
	e->cap = cap;
	return 0;
}

int eval_run_add(struct eval_run *e, const struct score_rec *r)
{
	struct lidds_counts c = e->lidds;
	double lv[SCORE__N];
	int ret, k;

	if (e->n == e->cap) {
		ret = grow(e);
		if (ret)
			return ret;
	}
	ret = score_rec_levels(r, &e->opts, lv);
	if (!ret)
		ret = lidds_count_rec(&c, r, &e->det, e->threshold);
	if (ret)
		return ret;
	for (k = 0; k < SCORE__N; k++)
		e->level[k][e->n] = lv[k];
	e->attack[e->n++] = r->attack;
	e->lidds = c;
	return 0;
}

static void roc_figures(const struct roc *roc, struct report_score *s)
{
	int i;

	s->auc = roc->auc;
	for (i = 0; i < REPORT_NFAR; i++)
		s->dr_at_far[i] = roc_dr_at_far(roc, report_far[i], NULL);
}

int eval_run_finish(const struct eval_run *e, struct report_detector *out,
		    struct roc *rocs)
{
	struct roc roc;
	int ret, k;

	memset(out, 0, sizeof(*out));
	for (k = 0; k < SCORE__N; k++) {
		ret = roc_build(&roc, e->level[k], e->attack, e->n);
		if (ret)
			goto fail;
		roc_figures(&roc, &out->score[k]);
		out->n_normal = roc.n_normal;
		out->n_attack = roc.n_attack;
		if (rocs)
			rocs[k] = roc;
		else
			roc_free(&roc);
	}
	lidds_results(&e->lidds, e->threshold, &out->lidds);
	out->present = true;
	return 0;
fail:
	while (rocs && k-- > 0)
		roc_free(&rocs[k]);
	return ret;
}

void eval_run_free(struct eval_run *e)
{
	int k;

	for (k = 0; k < SCORE__N; k++)
		free(e->level[k]);
	free(e->attack);
	memset(e, 0, sizeof(*e));
}

// SPDX-License-Identifier: GPL-2.0
/* One detector over one split (see evaluate.h). */
#include <errno.h>
#include <math.h>
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
	p = realloc(e->group, cap * sizeof(*e->group));
	if (!p)
		return -ENOMEM;
	e->group = p;
	e->cap = cap;
	return 0;
}

int eval_run_add(struct eval_run *e, const struct score_rec *r)
{
	char *group = NULL;
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
	if (r->attack) {
		group = r->group ? strndup(r->group, r->group_len) : strdup(r->name ? r->name : "");
		if (!group)
			return -ENOMEM;
	}
	for (k = 0; k < SCORE__N; k++)
		e->level[k][e->n] = lv[k];
	e->group[e->n] = group;
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

/*
 * AUC of the mean score with every attack group as one attack, scored by
 * its worst (highest) recording; NAN when there is no attack.
 */
static int group_auc(const struct eval_run *e, double *auc, size_t *ngroups)
{
	double *lv = malloc((e->n ? e->n : 1) * sizeof(*lv));
	bool *att = malloc((e->n ? e->n : 1) * sizeof(*att));
	const double *mean = e->level[SCORE_MEAN];
	size_t i, j, n = 0, groups = 0;
	struct roc roc;
	int ret;

	if (!lv || !att) {
		free(lv);
		free(att);
		return -ENOMEM;
	}
	for (i = 0; i < e->n; i++) {
		if (!e->attack[i]) {
			lv[n] = mean[i];
			att[n++] = false;
			continue;
		}
		for (j = 0; j < i && !(e->attack[j] && !strcmp(e->group[j], e->group[i])); j++)
			;
		if (j < i)
			continue;	/* its group was scored at its first recording */
		lv[n] = mean[i];
		for (j = i + 1; j < e->n; j++)
			if (e->attack[j] && !strcmp(e->group[j], e->group[i]) && mean[j] > lv[n])
				lv[n] = mean[j];
		att[n++] = true;
		groups++;
	}
	ret = roc_build(&roc, lv, att, n);
	if (!ret) {
		*auc = groups ? roc.auc : NAN;
		*ngroups = groups;
		roc_free(&roc);
	}
	free(lv);
	free(att);
	return ret;
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
	ret = group_auc(e, &out->group_auc, &out->n_groups);
	if (ret)
		goto fail;
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
	size_t i;
	int k;

	for (k = 0; k < SCORE__N; k++)
		free(e->level[k]);
	for (i = 0; i < e->n; i++)
		free(e->group[i]);
	free(e->group);
	free(e->attack);
	memset(e, 0, sizeof(*e));
}

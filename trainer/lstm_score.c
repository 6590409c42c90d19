// SPDX-License-Identifier: GPL-2.0
/* Float per-call scores of whole streams, B streams at a time. */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "lstm_model.h"
#include "lstm_score.h"

#define SCORE_LANES 64
#define SCORE_STEPS 64

/* Longest first, so the last lanes to finish hold short streams. */
static int by_len_desc(const void *a, const void *b, void *arg)
{
	const struct token_stream *s = arg;
	size_t la = s[*(const uint32_t *)a].len, lb = s[*(const uint32_t *)b].len;

	if (la != lb)
		return la < lb ? 1 : -1;
	return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

/*
 * One call's term, -log p with log Z = z: into the running sum of the
 * training objective (plus alpha z^2) and of z and z^2; returns its score,
 * -logit (-log p less z) for a self-normalised model.
 */
static float term(const struct fmodel *m, float loss, float z, double *sum, double z_sum[2])
{
	z_sum[0] += z;
	z_sum[1] += (double)z * z;
	*sum += loss + (double)m->self_norm * z * z;
	return m->self_norm > 0 ? loss - z : loss;
}

/* A chunk's terms: each call's score into out (if any), the sums as term()'s. */
static void collect(const struct fmodel *m, const struct lstm_batch *bt,
		    const struct lstm_acts *a, float *const *out, double *sum, double z_sum[2])
{
	int i, n = bt->B * bt->T;
	float s;

	for (i = 0; i < n; i++) {
		if (bt->sid[i] == UINT32_MAX)
			continue;
		if (bt->tgt[i] >= 0) {
			s = term(m, a->loss[i], a->lse[i], sum, z_sum);
			if (out)
				out[bt->sid[i]][bt->pos[i] + 1] = s;
		}
		if (bt->start[i]) {
			s = term(m, a->loss0[i], a->lse0, sum, z_sum);
			if (out)
				out[bt->sid[i]][0] = s;
		}
	}
}

/* Scores into out (if any); sums of the objective, log Z and its square. */
static int score_run(const struct fmodel *m, const struct token_stream *s, size_t n,
		     float *const *out, double *sum, double z_sum[2], size_t *count)
{
	int B = n < SCORE_LANES ? (n ? (int)n : 1) : SCORE_LANES, ret;
	struct lstm_batch bt;
	struct lstm_acts a;
	struct lanes ln;
	uint32_t *order;
	size_t i;

	*sum = 0.0;
	z_sum[0] = z_sum[1] = 0.0;
	*count = 0;
	ret = streams_check(s, n, m->vocab);
	if (ret)
		return ret;
	order = malloc((n ? n : 1) * sizeof(*order));
	if (!order)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		order[i] = i;
	qsort_r(order, n, sizeof(*order), by_len_desc, (void *)s);
	ret = lstm_acts_alloc(&a, m, B, SCORE_STEPS);
	if (ret)
		goto out_order;
	ret = lstm_batch_alloc(&bt, B, SCORE_STEPS);
	if (ret)
		goto out_acts;
	ret = lanes_init(&ln, B, s, n, order);
	if (ret)
		goto out_batch;
	while (lanes_fill(&ln, &bt)) {
		lstm_model_forward(m, &a, &bt, 0.0f, NULL);
		collect(m, &bt, &a, out, sum, z_sum);
		*count += bt.count;
	}
	lanes_free(&ln);
out_batch:
	lstm_batch_free(&bt);
out_acts:
	lstm_acts_free(&a);
out_order:
	free(order);
	return ret;
}

int lstm_score(const struct fmodel *m, const struct token_stream *s, size_t n,
	       float *const *out)
{
	double sum, z[2];
	size_t count;

	return score_run(m, s, n, out, &sum, z, &count);
}

/* Per call over every stream: the objective's mean, log Z's mean and sd. */
static int score_means(const struct fmodel *m, const struct token_stream *s, size_t n,
		       double *loss, double *z_mean, double *z_sd)
{
	double sum, z[2];
	size_t count;
	int ret;

	ret = score_run(m, s, n, NULL, &sum, z, &count);
	if (ret)
		return ret;
	*loss = count ? sum / count : NAN;
	*z_mean = count ? z[0] / count : NAN;
	*z_sd = count ? sqrt(fmax(z[1] / count - *z_mean * *z_mean, 0.0)) : NAN;
	return 0;
}

int lstm_mean_loss(const struct fmodel *m, const struct token_stream *s, size_t n,
		   double *mean)
{
	double z_mean, z_sd;

	return score_means(m, s, n, mean, &z_mean, &z_sd);
}

int lstm_log_z(const struct fmodel *m, const struct token_stream *s, size_t n, double *mean,
	       double *sd)
{
	double loss;

	return score_means(m, s, n, &loss, mean, sd);
}

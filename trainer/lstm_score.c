// SPDX-License-Identifier: GPL-2.0
/* Float per-call scores of whole streams, B streams at a time. */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdbool.h>
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
 * A chunk's terms: each call's score into out (if any), and its term of
 * the training objective into the running sum.  A self-normalised model
 * scores -logit, its loss less log Z, and its objective adds alpha (log Z)^2.
 */
static void collect(const struct fmodel *m, const struct lstm_batch *bt,
		    const struct lstm_acts *a, float *const *out, double *sum, double z_sum[2])
{
	bool sn = m->self_norm > 0;
	int i, n = bt->B * bt->T;
	float z;

	for (i = 0; i < n; i++) {
		if (bt->sid[i] == UINT32_MAX)
			continue;
		if (bt->tgt[i] >= 0) {
			z = a->lse[i];
			z_sum[0] += z;
			z_sum[1] += (double)z * z;
			*sum += a->loss[i] + (double)m->self_norm * z * z;
			if (out)
				out[bt->sid[i]][bt->pos[i] + 1] = a->loss[i] - (sn ? z : 0.0f);
		}
		if (bt->start[i]) {
			z = a->lse0;
			z_sum[0] += z;
			z_sum[1] += (double)z * z;
			*sum += a->loss0[i] + (double)m->self_norm * z * z;
			if (out)
				out[bt->sid[i]][0] = a->loss0[i] - (sn ? z : 0.0f);
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

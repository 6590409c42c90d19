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

/* A chunk's terms: into out (if any) and the running sum. */
static void collect(const struct lstm_batch *bt, const struct lstm_acts *a,
		    float *const *out, double *sum)
{
	int i, n = bt->B * bt->T;

	for (i = 0; i < n; i++) {
		if (bt->sid[i] == UINT32_MAX)
			continue;
		if (bt->tgt[i] >= 0) {
			*sum += a->loss[i];
			if (out)
				out[bt->sid[i]][bt->pos[i] + 1] = a->loss[i];
		}
		if (bt->start[i]) {
			*sum += a->loss0[i];
			if (out)
				out[bt->sid[i]][0] = a->loss0[i];
		}
	}
}

static int score_run(const struct fmodel *m, const struct token_stream *s, size_t n,
		     float *const *out, double *sum, size_t *count)
{
	int B = n < SCORE_LANES ? (n ? (int)n : 1) : SCORE_LANES, ret;
	struct lstm_batch bt;
	struct lstm_acts a;
	struct lanes ln;
	uint32_t *order;
	size_t i;

	*sum = 0.0;
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
		collect(&bt, &a, out, sum);
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
	size_t count;
	double sum;

	return score_run(m, s, n, out, &sum, &count);
}

int lstm_mean_loss(const struct fmodel *m, const struct token_stream *s, size_t n,
		   double *mean)
{
	size_t count;
	double sum;
	int ret;

	ret = score_run(m, s, n, NULL, &sum, &count);
	if (ret)
		return ret;
	*mean = count ? sum / count : NAN;
	return 0;
}

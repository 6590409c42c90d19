// SPDX-License-Identifier: GPL-2.0
/*
 * The batched float scorer against fmodel_ref_step() (the naive double
 * single-step reference): every call of streams of many lengths, more
 * streams than lanes, one and two layers; the mean loss; bad tokens.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmodel.h"
#include "lstm_score.h"
#include "tap.h"

#define NSTREAMS 70
#define MAXLEN 150

static uint16_t toks[NSTREAMS][MAXLEN];
static float scores[NSTREAMS][MAXLEN];
static struct token_stream streams[NSTREAMS];

static uint64_t rng = 12345;

static unsigned int rnd(unsigned int n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (rng >> 33) % n;
}

/* Streams of lengths 0..MAXLEN-1; a model whose predictions are far from uniform. */
static void make_streams(unsigned int vocab)
{
	size_t i, j;

	for (i = 0; i < NSTREAMS; i++) {
		streams[i].len = i == 3 ? 0 : i == 5 ? 1 : rnd(MAXLEN);
		streams[i].tok = toks[i];
		for (j = 0; j < streams[i].len; j++)
			toks[i][j] = j % 3 ? (toks[i][j - 1] + 1u) % vocab : rnd(vocab);
	}
}

/*
 * self_norm > 0: a self-normalised model, whose scores are -logit; its
 * mean loss is the training objective, not their mean, and is not checked.
 */
static void test_scores(int vocab, int embed, int hidden, int layers, float self_norm)
{
	float *out[NSTREAMS];
	double state[4 * 256], ref, err = 0, sum = 0, mean;
	struct fmodel m;
	size_t i, j, n = 0;
	int ret;

	make_streams(vocab);
	if (fmodel_alloc(&m, vocab, embed, hidden, layers)) {
		tap_ok(0, "fmodel_alloc");
		return;
	}
	fmodel_init_random(&m, 3, 0.8f);
	m.self_norm = self_norm;
	for (i = 0; i < NSTREAMS; i++)
		out[i] = scores[i];
	ret = lstm_score(&m, streams, NSTREAMS, out);
	for (i = 0; i < NSTREAMS && !ret; i++) {
		memset(state, 0, sizeof(state));
		for (j = 0; j < streams[i].len; j++) {
			ref = fmodel_ref_step(&m, state, streams[i].tok[j]);
			err = fmax(err, fabs(scores[i][j] - ref) / fmax(1.0, ref));
			sum += ref;
			n++;
		}
	}
	tap_ok(!ret && err < 1e-5,
	       "%d layer(s) E=%d H=%d%s: %zu scores = fmodel_ref_step (max err %.1e)", layers,
	       embed, hidden, self_norm > 0 ? " self-normalised" : "", n, err);
	if (self_norm > 0) {
		fmodel_free(&m);
		return;
	}
	ret = lstm_mean_loss(&m, streams, NSTREAMS, &mean);
	tap_ok(!ret && fabs(mean - sum / n) < 1e-5 * mean, "mean loss %.6f = reference %.6f",
	       mean, sum / n);
	fmodel_free(&m);
}

/*
 * log Z per call is the exact score less the self-normalised one (-logit)
 * of the same weights: lstm_log_z()'s mean and spread against those.
 */
static void test_log_z(void)
{
	float *out[NSTREAMS], exact[NSTREAMS][MAXLEN];
	double sum = 0, sq = 0, mean, sd, z, rmean, rsd;
	struct fmodel m;
	size_t i, j, n = 0;
	int ret;

	make_streams(17);
	if (fmodel_alloc(&m, 17, 6, 12, 2)) {
		tap_ok(0, "fmodel_alloc");
		return;
	}
	fmodel_init_random(&m, 5, 0.8f);
	for (i = 0; i < NSTREAMS; i++)
		out[i] = exact[i];
	ret = lstm_score(&m, streams, NSTREAMS, out);
	m.self_norm = 0.5f;
	for (i = 0; i < NSTREAMS; i++)
		out[i] = scores[i];
	ret = ret ?: lstm_score(&m, streams, NSTREAMS, out);
	ret = ret ?: lstm_log_z(&m, streams, NSTREAMS, &mean, &sd);
	for (i = 0; i < NSTREAMS; i++) {
		for (j = 0; j < streams[i].len; j++) {
			z = (double)exact[i][j] - scores[i][j];
			sum += z;
			sq += z * z;
			n++;
		}
	}
	rmean = sum / n;
	rsd = sqrt(sq / n - rmean * rmean);
	tap_ok(!ret && fabs(mean - rmean) < 1e-5 && fabs(sd - rsd) < 1e-4,
	       "log Z over %zu calls: mean %.5f sd %.5f = exact less self-normalised scores "
	       "(%.5f, %.5f)", n, mean, sd, rmean, rsd);
	fmodel_free(&m);
}

static void test_bad_token(void)
{
	uint16_t bad[] = { 1, 2, 9 };
	struct token_stream s = { bad, 3 };
	struct fmodel m;
	float sc[3], *out = sc;

	fmodel_alloc(&m, 9, 4, 4, 1);
	tap_ok(lstm_score(&m, &s, 1, &out) == -EINVAL, "a token >= vocab is -EINVAL");
	fmodel_free(&m);
}

int main(void)
{
	tap_plan(8);
	test_scores(11, 4, 6, 1, 0.0f);
	test_scores(23, 8, 16, 2, 0.0f);
	test_scores(11, 4, 6, 1, 0.1f);
	test_scores(23, 8, 16, 2, 0.1f);
	test_log_z();
	test_bad_token();
	return tap_done();
}

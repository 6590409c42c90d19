// SPDX-License-Identifier: GPL-2.0
/*
 * word2vec: calls that share their contexts end up near each other, far
 * from calls of other contexts; the same seed gives the same vectors; bad
 * input is refused; and an LSTM trained with a frozen embedding keeps it.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lstm_train.h"
#include "tap.h"
#include "word2vec.h"

#define V 8
#define E 8
#define LEN 4000

static double cosine(const float *a, const float *b)
{
	double ab = 0, aa = 0, bb = 0;
	int d;

	for (d = 0; d < E; d++) {
		ab += a[d] * b[d];
		aa += a[d] * a[d];
		bb += b[d] * b[d];
	}
	return ab / sqrt(aa * bb);
}

/* "0 x 3" with x 1 or 2 at random, and "6 y 7" with y 4 or 5. */
static uint16_t *make_stream(uint64_t seed)
{
	uint16_t *t = malloc(LEN * sizeof(*t));
	size_t i;

	for (i = 0; i + 3 <= LEN; i += 3) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		if ((seed >> 40) & 1) {
			t[i] = 0;
			t[i + 1] = 1 + ((seed >> 41) & 1);
			t[i + 2] = 3;
		} else {
			t[i] = 6;
			t[i + 1] = 4 + ((seed >> 41) & 1);
			t[i + 2] = 7;
		}
	}
	for (; i < LEN; i++)
		t[i] = 0;
	return t;
}

static void test_contexts(void)
{
	uint16_t *tok = make_stream(3);
	struct token_stream s = { tok, LEN };
	float emb[V * E], again[V * E], big = 0;
	struct w2v_opts o;
	int i, ret;

	w2v_opts_default(&o, E);
	o.window = 2;
	ret = w2v_train(emb, V, &s, 1, &o);
	tap_ok(!ret && cosine(emb + 1 * E, emb + 2 * E) > 0.8 &&
	       cosine(emb + 1 * E, emb + 2 * E) > cosine(emb + 1 * E, emb + 4 * E) + 0.3 &&
	       cosine(emb + 4 * E, emb + 5 * E) > 0.8,
	       "w2v: calls of the same contexts near (cos 1~2 %.2f, 4~5 %.2f), far from others "
	       "(1~4 %.2f)", cosine(emb + 1 * E, emb + 2 * E), cosine(emb + 4 * E, emb + 5 * E),
	       cosine(emb + 1 * E, emb + 4 * E));
	for (i = 0; i < V * E; i++)
		big = fmaxf(big, fabsf(emb[i]));
	tap_ok(big == 1.0f, "w2v: scaled to the LSTM's initial range (largest component 1)");
	ret = w2v_train(again, V, &s, 1, &o);
	tap_ok(!ret && !memcmp(emb, again, sizeof(emb)), "w2v: the same seed, the same vectors");
	free(tok);
}

static void test_bad(void)
{
	static const uint16_t big[] = { 1, 9 }, one[] = { 1 };
	struct token_stream s = { big, 2 }, t = { one, 1 };
	float emb[16 * E];
	struct w2v_opts o;

	w2v_opts_default(&o, E);
	tap_ok(w2v_train(emb, V, &s, 1, &o) == -EINVAL, "w2v: a token >= vocab is -EINVAL");
	tap_ok(w2v_train(emb, V, &t, 1, &o) == -ENODATA, "w2v: one call, no pair: -ENODATA");
	o.dim = 0;
	tap_ok(w2v_train(emb, V, &t, 1, &o) == -EINVAL, "w2v: dimension 0 is -EINVAL");
}

/* The LSTM starts from the vectors; frozen, its embedding stays them. */
static void test_frozen(void)
{
	uint16_t *tok = make_stream(5);
	struct token_stream s = { tok, LEN };
	struct train_result r;
	struct train_opts o;
	float emb[V * E];
	struct w2v_opts wo;
	struct fmodel m;
	int ret;

	w2v_opts_default(&wo, E);
	w2v_train(emb, V, &s, 1, &wo);
	train_opts_default(&o);
	o.hidden = 8;
	o.embed = E;
	o.layers = 1;
	o.epochs = 2;
	o.batch = 1;
	o.bptt = 16;
	o.init_emb = emb;
	o.freeze_emb = true;
	ret = lstm_train(&m, V, &s, 1, NULL, 0, &o, &r);
	tap_ok(!ret && !memcmp(m.emb, emb, sizeof(emb)),
	       "w2v: a frozen embedding is the same after training");
	if (!ret)
		fmodel_free(&m);
	o.freeze_emb = false;
	ret = lstm_train(&m, V, &s, 1, NULL, 0, &o, &r);
	tap_ok(!ret && memcmp(m.emb, emb, sizeof(emb)), "w2v: an unfrozen one trains on");
	if (!ret)
		fmodel_free(&m);
	free(tok);
}

int main(void)
{
	tap_plan(3 + 3 + 2);
	test_contexts();
	test_bad();
	test_frozen();
	return tap_done();
}

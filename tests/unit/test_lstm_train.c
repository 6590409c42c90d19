// SPDX-License-Identifier: GPL-2.0
/*
 * Training on tiny synthetic problems: a periodic pattern is learnt to a
 * known loss in a few epochs; the same seed gives bit-identical parameters
 * (with dropout, two layers); early stopping keeps the epoch with the best
 * validation loss; bad arguments are refused.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmodel.h"
#include "lstm_score.h"
#include "lstm_train.h"
#include "tap.h"

#define NSTREAMS 24
#define MAXLEN 120
#define VOCAB 8
#define MAX_EPOCHS 20

static uint16_t tok_a[NSTREAMS][MAXLEN], tok_b[NSTREAMS][MAXLEN];
static struct token_stream pat_a[NSTREAMS], pat_b[NSTREAMS];

/*
 * Streams cycling through period tokens from 1 in order, each from its
 * own phase and of its own length: after the first token or two the next
 * one is certain.
 */
static void make_pattern(struct token_stream *s, uint16_t (*tok)[MAXLEN], int period, int step)
{
	int i, j;

	for (i = 0; i < NSTREAMS; i++) {
		s[i].tok = tok[i];
		s[i].len = 40 + (i * 37) % (MAXLEN - 40);
		for (j = 0; j < (int)s[i].len; j++)
			tok[i][j] = 1 + (i + j * step) % period;
	}
}

static void tiny_opts(struct train_opts *o)
{
	train_opts_default(o);
	o->hidden = 16;
	o->embed = 8;
	o->layers = 1;
	o->batch = 6;
	o->bptt = 16;
	o->lr = 2e-2f;
	o->lr_min = 2e-3f;
	o->warmup = 5;
	o->dropout = 0.0f;
	o->weight_decay = 0.0f;
	o->epochs = 6;
	o->seed = 42;
	/* The tests below were written for a fixed schedule and whole streams. */
	o->schedule = LR_COSINE;
	o->min_improve = 0;
	o->split_auto = false;
}

static void test_learns_pattern(void)
{
	struct train_result r;
	struct train_opts o;
	struct fmodel m;
	double loss;
	int ret;

	tiny_opts(&o);
	ret = lstm_train(&m, VOCAB, pat_a, NSTREAMS, NULL, 0, &o, &r);
	if (!tap_ok(!ret, "train a period-5 pattern: %d", ret))
		return;
	lstm_mean_loss(&m, pat_a, NSTREAMS, &loss);
	/* Only each stream's first token is uncertain: log 5 / ~78 calls a stream. */
	tap_ok(loss < 0.1 && r.train_loss < 0.2,
	       "%d epochs, %ld steps: loss %.4f < 0.1 (train %.4f, %.0f tok/s)", r.epochs,
	       r.steps, loss, r.train_loss, r.tokens_per_s);
	fmodel_free(&m);
}

/* Pieces of 16 calls: every call still trained once an epoch, the pattern still learnt. */
static void test_split(void)
{
	struct train_result r;
	struct train_opts o;
	struct fmodel m;
	size_t i, tokens = 0;
	double loss;
	int ret;

	tiny_opts(&o);
	o.split = 16;
	for (i = 0; i < NSTREAMS; i++)
		tokens += pat_a[i].len;
	ret = lstm_train(&m, VOCAB, pat_a, NSTREAMS, NULL, 0, &o, &r);
	if (!tap_ok(!ret, "train on pieces of 16 calls: %d", ret))
		return;
	lstm_mean_loss(&m, pat_a, NSTREAMS, &loss);
	tap_ok(r.tokens == o.epochs * tokens && loss < 0.2,
	       "%zu calls an epoch, loss %.4f < 0.2", r.tokens / o.epochs, loss);
	fmodel_free(&m);
}

static void test_deterministic(void)
{
	struct train_result r1, r2, r3;
	struct fmodel m1, m2, m3;
	struct train_opts o;
	int ret;

	tiny_opts(&o);
	o.layers = 2;
	o.dropout = 0.2f;
	o.weight_decay = 0.01f;
	o.epochs = 2;
	ret = lstm_train(&m1, VOCAB, pat_a, NSTREAMS, pat_b, NSTREAMS, &o, &r1);
	ret = ret ?: lstm_train(&m2, VOCAB, pat_a, NSTREAMS, pat_b, NSTREAMS, &o, &r2);
	o.seed++;
	ret = ret ?: lstm_train(&m3, VOCAB, pat_a, NSTREAMS, pat_b, NSTREAMS, &o, &r3);
	if (!tap_ok(!ret, "three trainings: %d", ret))
		return;
	tap_ok(!memcmp(m1.params, m2.params, m1.nparams * sizeof(float)) &&
	       r1.best_valid_loss == r2.best_valid_loss && r1.train_loss == r2.train_loss,
	       "same seed: bit-identical parameters and losses (%.6f)", r1.train_loss);
	tap_ok(memcmp(m1.params, m3.params, m1.nparams * sizeof(float)) != 0,
	       "another seed: other parameters");
	fmodel_free(&m1);
	fmodel_free(&m2);
	fmodel_free(&m3);
}

struct history {
	int n;
	double valid[MAX_EPOCHS + 1];
	float lr[MAX_EPOCHS + 1];
};

static void record(void *arg, const struct epoch_stats *st)
{
	struct history *h = arg;

	h->lr[h->n] = st->lr;
	h->valid[h->n++] = st->valid_loss;
}

/* Slow enough to overfit in a few epochs, stopped by patience, epochs into h. */
static void watched_opts(struct train_opts *o, struct history *h)
{
	tiny_opts(o);
	o->epochs = MAX_EPOCHS;
	o->patience = 2;
	o->lr = 1e-3f;
	o->on_epoch = record;
	o->arg = h;
}

/*
 * Validation streams hold the same calls in another order: their loss
 * falls while the model learns which calls occur, then rises as it learns
 * the training order, so the best epoch lies in between.
 */
static void test_early_stopping(void)
{
	struct history h = { 0 };
	struct train_result r;
	struct train_opts o;
	struct fmodel m;
	double loss;
	int ret, i, argmin = 0;

	watched_opts(&o, &h);
	ret = lstm_train(&m, VOCAB, pat_a, NSTREAMS, pat_b, NSTREAMS, &o, &r);
	if (!tap_ok(!ret && h.n == r.epochs, "train with validation: %d, %d epochs", ret, h.n))
		return;
	for (i = 1; i < h.n; i++)
		argmin = h.valid[i] < h.valid[argmin] ? i : argmin;
	tap_ok(r.best_epoch > 1 && r.best_epoch == argmin + 1 &&
	       r.best_valid_loss == h.valid[argmin],
	       "best epoch %d (not the first) is the argmin of the validation losses",
	       r.best_epoch);
	tap_ok(r.epochs == r.best_epoch + o.patience && r.epochs < MAX_EPOCHS,
	       "stopped %d epochs after the best (at %d)", o.patience, r.epochs);
	lstm_mean_loss(&m, pat_b, NSTREAMS, &loss);
	tap_ok(loss == r.best_valid_loss, "the model kept has the best validation loss %.4f", loss);
	fmodel_free(&m);
}

/*
 * One stream of 3000 calls beside 30 of 50: whole, it would take 188
 * steps of T = 16 while 6 lanes share 4500 calls (47 steps).  Cut into
 * pieces of an eighth of a lane's share (93 calls) and long pieces first,
 * an epoch takes near the minimum, and every call is still trained.
 */
static void test_auto_split(void)
{
	static uint16_t longtok[3000], shorttok[50];
	struct token_stream s[31];
	struct train_result r;
	struct train_opts o;
	struct fmodel m;
	size_t i, tokens = 3000 + 30 * 50, ideal;
	int ret;

	for (i = 0; i < 3000; i++)
		longtok[i] = 1 + i % 5;
	for (i = 0; i < 50; i++)
		shorttok[i] = 1 + (i * 3) % 5;
	s[0] = (struct token_stream){ longtok, 3000 };
	for (i = 1; i < 31; i++)
		s[i] = (struct token_stream){ shorttok, 50 };
	tiny_opts(&o);
	o.split_auto = true;
	o.epochs = 2;
	ret = lstm_train(&m, VOCAB, s, 31, NULL, 0, &o, &r);
	ideal = (tokens + 6 * 16 - 1) / (6 * 16);
	tap_ok(!ret && r.tokens == o.epochs * tokens && (size_t)r.steps <= o.epochs * ideal * 5 / 4,
	       "auto split: %ld steps for 2 epochs of %zu calls (ideal %zu, whole streams 376)",
	       r.steps, tokens, 2 * ideal);
	if (!ret)
		fmodel_free(&m);
}

/*
 * LR_PLATEAU: the learning rate halves after every epoch whose validation
 * loss is not 0.1% below the best, and training stops after patience such
 * epochs in a row, well before the cap: converged.
 */
static void test_plateau(void)
{
	struct history h = { 0 };
	struct train_result r;
	struct train_opts o;
	struct fmodel m;
	bool ok = true;
	int ret, i;

	watched_opts(&o, &h);
	o.schedule = LR_PLATEAU;
	o.min_improve = 1e-3f;
	o.lr_min = 0;
	ret = lstm_train(&m, VOCAB, pat_a, NSTREAMS, pat_b, NSTREAMS, &o, &r);
	if (!tap_ok(!ret && h.n == r.epochs && r.converged && r.epochs < MAX_EPOCHS,
		    "plateau: converged after %d epochs (cap %d)", r.epochs, MAX_EPOCHS))
		return;
	/* Epoch i's learning rate follows epoch i - 1's verdict against those before. */
	for (i = 2; i < h.n; i++) {
		double best = h.valid[0];
		int j, halvings = 0;

		for (j = 1; j < i - 1; j++)
			best = h.valid[j] < best ? h.valid[j] : best;
		if (!(h.valid[i - 1] < best * (1 - 1e-3)))
			halvings++;
		ok &= h.lr[i] == (halvings ? h.lr[i - 1] / 2 : h.lr[i - 1]);
	}
	tap_ok(ok, "plateau: the learning rate halved after each epoch without progress "
	       "(%.2e at the end)", h.lr[h.n - 1]);
	fmodel_free(&m);
}

static void test_bad_args(void)
{
	uint16_t bad[] = { 1, VOCAB };
	struct token_stream s = { bad, 2 }, empty = { NULL, 0 };
	struct train_result r;
	struct train_opts o;
	struct fmodel m;

	tiny_opts(&o);
	tap_ok(lstm_train(&m, VOCAB, &s, 1, NULL, 0, &o, &r) == -EINVAL &&
	       lstm_train(&m, VOCAB, pat_a, NSTREAMS, &s, 1, &o, &r) == -EINVAL &&
	       lstm_train(&m, VOCAB, &empty, 1, NULL, 0, &o, &r) == -EINVAL && !m.params,
	       "tokens out of range, no tokens: -EINVAL, nothing allocated");
	o.dropout = 1.0f;
	tap_ok(lstm_train(&m, VOCAB, pat_a, NSTREAMS, NULL, 0, &o, &r) == -EINVAL,
	       "dropout 1 is -EINVAL");
}

int main(void)
{
	tap_plan(2 + 2 + 3 + 4 + 2 + 1 + 2);
	make_pattern(pat_a, tok_a, 5, 1);
	make_pattern(pat_b, tok_b, 5, 2);
	test_learns_pattern();
	test_split();
	test_auto_split();
	test_plateau();
	test_deterministic();
	test_early_stopping();
	test_bad_args();
	return tap_done();
}

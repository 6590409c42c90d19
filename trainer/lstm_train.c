// SPDX-License-Identifier: GPL-2.0
/* The float LSTM's training loop: epochs of BPTT chunks, AdamW, early stopping. */
#include <cblas.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "adam.h"
#include "lstm_model.h"
#include "lstm_score.h"
#include "lstm_train.h"
#include "progress.h"

struct trainer {
	const struct train_opts *o;
	struct fmodel *m;
	struct fmodel g;		/* gradients, shaped as m */
	struct adam opt;
	struct lstm_acts a;
	struct lstm_batch bt;
	struct param_tensor t[LSTM_MAX_TENSORS];
	int nt;
	uint32_t *order;		/* training streams, reshuffled each epoch */
	float *best;			/* parameters of the best epoch */
	uint64_t shuffle_rng, drop_rng;
	long step, total_steps;
	double train_s;			/* in training steps, all epochs */
	size_t tokens;
	struct progress pr;
};

void train_opts_default(struct train_opts *o)
{
	*o = (struct train_opts){
		.hidden = 64, .embed = 16, .layers = 2,
		.epochs = 30, .batch = 32, .bptt = 64,
		.lr = 3e-3f, .lr_min = 3e-4f, .warmup = 50, .schedule = LR_COSINE,
		.clip = 1.0f, .weight_decay = 0.01f, .dropout = 0.1f,
		.patience = 3, .seed = 1, .threads = 1,
	};
}

/* splitmix64: seeds and shuffles, the same on every platform. */
static uint64_t next_u64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static float uniform(uint64_t *s, float scale)
{
	return (float)((next_u64(s) >> 11) * (2.0 / 9007199254740992.0) - 1.0) * scale;
}

void lstm_init_params(struct fmodel *m, uint64_t seed)
{
	struct param_tensor t[LSTM_MAX_TENSORS];
	float k = 1.0f / sqrtf(m->hidden), scale;
	int nt = lstm_tensors(m, t), i, l, j;
	size_t n;

	for (i = 0; i < nt; i++) {
		scale = i == 0 ? 1.0f : k;
		for (n = 0; n < t[i].n; n++)
			m->params[t[i].off + n] = uniform(&seed, scale);
	}
	/* Remember by default: a forget gate starting half-shut forgets too fast. */
	for (l = 0; l < m->layers; l++)
		for (j = 0; j < m->hidden; j++)
			m->b[l][m->hidden + j] = 1.0f;
}

static bool opts_valid(const struct train_opts *o)
{
	return o->epochs >= 1 && o->batch >= 1 && o->bptt >= 1 && o->lr > 0 &&
	       o->lr_min >= 0 && o->warmup >= 0 && o->clip >= 0 && o->weight_decay >= 0 &&
	       o->dropout >= 0 && o->dropout < 1 && o->patience >= 0 && o->threads >= 0 &&
	       (o->schedule == LR_COSINE || o->schedule == LR_CONSTANT);
}

static float lr_at(const struct train_opts *o, long step, long total)
{
	double x;

	if (step < o->warmup)
		return o->lr * (step + 1) / o->warmup;
	if (o->schedule == LR_CONSTANT || total <= o->warmup)
		return o->lr;
	x = (double)(step - o->warmup) / (total - o->warmup);
	x = x > 1 ? 1 : x;
	return o->lr_min + 0.5 * (o->lr - o->lr_min) * (1 + cos(M_PI * x));
}

static void shuffle(uint32_t *v, size_t n, uint64_t *rng)
{
	size_t i, j;
	uint32_t t;

	for (i = n; i > 1; i--) {
		j = next_u64(rng) % i;
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

/* Forward, backward, clip, update on tr->bt; returns the sum of its loss terms. */
static double train_step(struct trainer *tr)
{
	const struct train_opts *o = tr->o;
	double sum;
	float lr;
	int i;

	sum = lstm_model_forward(tr->m, &tr->a, &tr->bt, o->dropout, &tr->drop_rng);
	memset(tr->g.params, 0, tr->g.nparams * sizeof(float));
	lstm_model_backward(&tr->g, tr->m, &tr->a, &tr->bt, o->dropout);
	grad_clip(tr->g.params, tr->g.nparams, o->clip);
	lr = lr_at(o, tr->step, tr->total_steps);
	adam_begin(&tr->opt);
	for (i = 0; i < tr->nt; i++)
		adam_update(&tr->opt, tr->m->params, tr->g.params, tr->t[i].off, tr->t[i].n, lr,
			    tr->t[i].decay ? o->weight_decay : 0.0f);
	tr->step++;
	return sum;
}

static int train_epoch(struct trainer *tr, const struct token_stream *s, size_t n, int epoch,
		       struct epoch_stats *st)
{
	size_t tokens = 0;
	double sum = 0, t0 = progress_now(), rate, secs;
	struct lanes ln;
	int ret;

	shuffle(tr->order, n, &tr->shuffle_rng);
	ret = lanes_init(&ln, tr->o->batch, s, n, tr->order);
	if (ret)
		return ret;
	lstm_acts_reset(&tr->a, tr->m);
	while (lanes_fill(&ln, &tr->bt)) {
		sum += train_step(tr);
		tokens += tr->bt.count;
		rate = tokens / (progress_now() - t0);
		progress_step(&tr->pr, epoch, tr->step, tokens, sum / tokens, rate);
	}
	lanes_free(&ln);
	secs = progress_now() - t0;
	tr->train_s += secs;
	tr->tokens += tokens;
	st->epoch = epoch;
	st->train_loss = tokens ? sum / tokens : NAN;
	st->tokens_per_s = tokens / (secs > 0 ? secs : 1e-9);
	st->lr = lr_at(tr->o, tr->step - 1, tr->total_steps);
	return 0;
}

static void trainer_free(struct trainer *tr)
{
	free(tr->best);
	free(tr->order);
	lstm_batch_free(&tr->bt);
	lstm_acts_free(&tr->a);
	adam_free(&tr->opt);
	fmodel_free(&tr->g);
}

static int trainer_init(struct trainer *tr, struct fmodel *m, const struct train_opts *o,
			size_t ntrain, size_t tokens, bool keep_best)
{
	size_t i, chunk = (size_t)o->batch * o->bptt;
	int ret;

	memset(tr, 0, sizeof(*tr));
	tr->o = o;
	tr->m = m;
	tr->shuffle_rng = o->seed ^ 0x5eed5eed5eed5eedULL;
	tr->drop_rng = next_u64(&tr->shuffle_rng) | 1;
	tr->total_steps = (long)o->epochs * (long)((tokens + chunk - 1) / chunk);
	tr->nt = lstm_tensors(m, tr->t);
	ret = fmodel_alloc(&tr->g, m->vocab, m->embed, m->hidden, m->layers);
	if (!ret)
		ret = adam_init(&tr->opt, m->nparams, 0.9f, 0.999f, 1e-8f);
	if (!ret)
		ret = lstm_acts_alloc(&tr->a, m, o->batch, o->bptt);
	if (!ret)
		ret = lstm_batch_alloc(&tr->bt, o->batch, o->bptt);
	if (ret)
		goto fail;
	tr->order = malloc(ntrain * sizeof(*tr->order));
	tr->best = keep_best ? malloc(m->nparams * sizeof(float)) : NULL;
	if (!tr->order || (keep_best && !tr->best)) {
		ret = -ENOMEM;
		goto fail;
	}
	for (i = 0; i < ntrain; i++)
		tr->order[i] = i;
	progress_init(&tr->pr, o->progress, o->epochs, tokens);
	return 0;
fail:
	trainer_free(tr);
	return ret;
}

static size_t count_tokens(const struct token_stream *s, size_t n)
{
	size_t i, sum = 0;

	for (i = 0; i < n; i++)
		sum += s[i].len;
	return sum;
}

/* Views of s with no stream longer than max (> 0): *out holds *nout of them. */
static int split_streams(const struct token_stream *s, size_t n, size_t max,
			 struct token_stream **out, size_t *nout)
{
	size_t i, k = 0, off;

	for (i = 0; i < n; i++)
		k += (s[i].len + max - 1) / max;
	if (k > UINT32_MAX)
		return -EINVAL;
	*out = malloc((k ? k : 1) * sizeof(**out));
	if (!*out)
		return -ENOMEM;
	*nout = k;
	k = 0;
	for (i = 0; i < n; i++) {
		for (off = 0; off < s[i].len; off += max) {
			(*out)[k].tok = s[i].tok + off;
			(*out)[k++].len = s[i].len - off < max ? s[i].len - off : max;
		}
	}
	return 0;
}

/* Epochs until the last or until patience runs out; m ends with the best. */
static int train_epochs(struct trainer *tr, const struct token_stream *train, size_t ntrain,
			const struct token_stream *valid, size_t nvalid, struct train_result *r)
{
	const struct train_opts *o = tr->o;
	struct epoch_stats st;
	double t0;
	int epoch, bad = 0, ret;

	r->best_valid_loss = NAN;
	for (epoch = 1; epoch <= o->epochs; epoch++) {
		t0 = progress_now();
		ret = train_epoch(tr, train, ntrain, epoch, &st);
		if (ret)
			return ret;
		st.valid_loss = NAN;
		if (nvalid) {
			ret = lstm_mean_loss(tr->m, valid, nvalid, &st.valid_loss);
			if (ret)
				return ret;
		}
		/* NaN never counts as better, but is replaced by anything that is not. */
		st.best = !nvalid || epoch == 1 || st.valid_loss < r->best_valid_loss ||
			  (isnan(r->best_valid_loss) && !isnan(st.valid_loss));
		st.seconds = progress_now() - t0;
		r->epochs = epoch;
		r->train_loss = st.train_loss;
		bad = st.best ? 0 : bad + 1;
		if (st.best) {
			r->best_epoch = epoch;
			r->best_valid_loss = st.valid_loss;
			if (tr->best)
				memcpy(tr->best, tr->m->params, tr->m->nparams * sizeof(float));
		}
		progress_epoch(&tr->pr, epoch, st.train_loss, st.valid_loss, st.best && nvalid,
			       st.tokens_per_s, st.seconds);
		if (o->on_epoch)
			o->on_epoch(o->arg, &st);
		if (nvalid && o->patience && bad >= o->patience)
			break;
	}
	if (tr->best)
		memcpy(tr->m->params, tr->best, tr->m->nparams * sizeof(float));
	return 0;
}

int lstm_train(struct fmodel *m, int vocab, const struct token_stream *train, size_t ntrain,
	       const struct token_stream *valid, size_t nvalid, const struct train_opts *o,
	       struct train_result *r)
{
	size_t tokens = count_tokens(train, ntrain);
	struct token_stream *pieces = NULL;
	double t0 = progress_now();
	struct trainer tr;
	int ret;

	memset(r, 0, sizeof(*r));
	memset(m, 0, sizeof(*m));
	if (!opts_valid(o) || !tokens || ntrain > UINT32_MAX || nvalid > UINT32_MAX)
		return -EINVAL;
	ret = streams_check(train, ntrain, vocab);
	if (!ret)
		ret = streams_check(valid, nvalid, vocab);
	if (!ret && o->split) {
		ret = split_streams(train, ntrain, o->split, &pieces, &ntrain);
		train = pieces;
	}
	if (ret)
		return ret;
	ret = fmodel_alloc(m, vocab, o->embed, o->hidden, o->layers);
	if (ret)
		goto out_pieces;
	if (o->threads)
		openblas_set_num_threads(o->threads);
	lstm_init_params(m, o->seed);
	ret = trainer_init(&tr, m, o, ntrain, tokens, nvalid > 0);
	if (ret)
		goto out_model;
	ret = train_epochs(&tr, train, ntrain, valid, nvalid, r);
	r->steps = tr.step;
	r->tokens = tr.tokens;
	r->tokens_per_s = tr.tokens / (tr.train_s > 0 ? tr.train_s : 1e-9);
	r->seconds = progress_now() - t0;
	trainer_free(&tr);
out_model:
	if (ret)
		fmodel_free(m);
out_pieces:
	free(pieces);
	return ret;
}

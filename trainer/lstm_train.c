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
#include "rng.h"

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
	float lr_scale;			/* LR_PLATEAU: halved per epoch without progress */
	size_t long_len;		/* streams this long go first in an epoch */
	double train_s;			/* in training steps, all epochs */
	size_t tokens;
	struct progress pr;
};

void train_opts_default(struct train_opts *o)
{
	*o = (struct train_opts){
		.hidden = 64, .embed = 16, .layers = 2,
		.epochs = 200, .batch = 32, .bptt = 64, .split_auto = true,
		.lr = 3e-3f, .lr_min = 3e-5f, .warmup = 50, .schedule = LR_PLATEAU,
		.clip = 1.0f, .weight_decay = 0.01f, .dropout = 0.1f,
		.patience = 3, .min_improve = 1e-3f, .seed = 1, .threads = 1,
	};
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
			m->params[t[i].off + n] = splitmix64_uniform(&seed, scale);
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
	       o->min_improve >= 0 && o->min_improve < 1 && o->self_norm >= 0 &&
	       o->self_norm <= FMODEL_MAX_SELF_NORM &&
	       (o->schedule == LR_PLATEAU || o->schedule == LR_COSINE ||
		o->schedule == LR_CONSTANT);
}

static float lr_at(const struct trainer *tr, long step)
{
	const struct train_opts *o = tr->o;
	long total = tr->total_steps;
	double x;

	if (step < o->warmup)
		return o->lr * (step + 1) / o->warmup;
	if (o->schedule == LR_PLATEAU)
		return o->lr * tr->lr_scale > o->lr_min ? o->lr * tr->lr_scale : o->lr_min;
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
		j = splitmix64(rng) % i;
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

/*
 * The long streams first (in their shuffled order), then the short ones:
 * lanes that finish a long stream take short ones, and the epoch ends
 * with every lane busy instead of a few long streams running alone.
 */
static void long_first(uint32_t *v, size_t n, const struct token_stream *s, size_t long_len)
{
	uint32_t *tmp;
	size_t i, k = 0;

	tmp = long_len ? malloc(n * sizeof(*tmp)) : NULL;
	if (!tmp)
		return;		/* the shuffled order is still a valid one */
	for (i = 0; i < n; i++)
		if (s[v[i]].len >= long_len)
			tmp[k++] = v[i];
	for (i = 0; i < n; i++)
		if (s[v[i]].len < long_len)
			tmp[k++] = v[i];
	memcpy(v, tmp, n * sizeof(*v));
	free(tmp);
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
	lr = lr_at(tr, tr->step);
	adam_begin(&tr->opt);
	for (i = 0; i < tr->nt; i++) {
		/* Tensor 0 is the embedding (lstm_tensors()). */
		if (i == 0 && o->freeze_emb)
			continue;
		adam_update(&tr->opt, tr->m->params, tr->g.params, tr->t[i].off, tr->t[i].n, lr,
			    tr->t[i].decay ? o->weight_decay : 0.0f);
	}
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
	long_first(tr->order, n, s, tr->long_len);
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
	st->lr = lr_at(tr, tr->step - 1);
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
	tr->drop_rng = splitmix64(&tr->shuffle_rng) | 1;
	tr->total_steps = (long)o->epochs * (long)((tokens + chunk - 1) / chunk);
	tr->lr_scale = 1;
	/* A sixteenth of a lane's share: few enough to start each epoch with. */
	tr->long_len = tokens / ((size_t)o->batch * 16);
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

/* --split's default: an eighth of a lane's share of the calls, at least 4 T. */
static size_t auto_split(const struct train_opts *o, size_t tokens)
{
	size_t share = tokens / ((size_t)o->batch * 8), min = 4 * (size_t)o->bptt;

	return share > min ? share : min;
}

/* Epochs until the last or until patience runs out; m ends with the best. */
static int train_epochs(struct trainer *tr, const struct token_stream *train, size_t ntrain,
			const struct token_stream *valid, size_t nvalid, struct train_result *r)
{
	const struct train_opts *o = tr->o;
	struct epoch_stats st;
	double t0, prev;
	int epoch, bad = 0, ret;
	bool progress;

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
		prev = r->best_valid_loss;
		st.best = !nvalid || epoch == 1 || st.valid_loss < prev ||
			  (isnan(prev) && !isnan(st.valid_loss));
		/* Progress: better by min_improve; a smaller gain keeps the parameters only. */
		progress = st.best && (epoch == 1 || isnan(prev) ||
				       st.valid_loss < prev * (1 - o->min_improve));
		st.seconds = progress_now() - t0;
		r->epochs = epoch;
		r->train_loss = st.train_loss;
		bad = progress ? 0 : bad + 1;
		if (nvalid && !progress)
			tr->lr_scale *= 0.5f;
		r->converged = nvalid && o->patience && bad >= o->patience;
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
		if (r->converged)
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
	if (!ret && (o->split || o->split_auto)) {
		ret = split_streams(train, ntrain, o->split ? o->split : auto_split(o, tokens),
				    &pieces, &ntrain);
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
	m->self_norm = o->self_norm;
	if (o->init_emb)
		memcpy(m->emb, o->init_emb, (size_t)vocab * o->embed * sizeof(*m->emb));
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

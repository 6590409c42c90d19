// SPDX-License-Identifier: GPL-2.0
/* LSTM autoencoder and seq2seq over windows of calls (lstm_encdec.h). */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "adam.h"
#include "lstm_encdec.h"
#include "lstm_layers.h"
#include "rng.h"

/* Windows scored at once. */
#define SCORE_BATCH	256
#define LR		3e-3f
#define LR_FINAL	3e-4f
#define CLIP		5.0f

int encdec_init(struct encdec *m, enum encdec_kind kind, uint32_t vocab, uint32_t window,
		uint32_t hidden, uint32_t embed, uint64_t seed)
{
	size_t V = vocab, H = hidden, E = embed, G = 4 * H, n, i;
	float scale = 1.0f / sqrtf(hidden), *p;
	uint32_t j;

	memset(m, 0, sizeof(*m));
	if (!vocab || vocab > UINT16_MAX || !window || window > ENCDEC_WINDOW_MAX || !hidden ||
	    hidden > ENCDEC_HIDDEN_MAX || !embed || embed > ENCDEC_HIDDEN_MAX ||
	    (kind != ENCDEC_AUTOENCODER && kind != ENCDEC_SEQ2SEQ))
		return -EINVAL;
	n = (V + 1) * E + G * (E + H + 1) + G * (2 * H + 1) + V * (H + 1);
	p = malloc(n * sizeof(*p));
	if (!p)
		return -ENOMEM;
	*m = (struct encdec){ .kind = kind, .vocab = vocab, .window = window, .hidden = hidden,
			      .embed = embed, .params = p, .nparams = n };
	m->emb = p;
	m->enc_wih = m->emb + (V + 1) * E;
	m->enc_whh = m->enc_wih + G * E;
	m->enc_b = m->enc_whh + G * H;
	m->dec_wih = m->enc_b + G;
	m->dec_whh = m->dec_wih + G * H;
	m->dec_b = m->dec_whh + G * H;
	m->out_w = m->dec_b + G;
	m->out_b = m->out_w + V * H;
	for (i = 0; i < n; i++)
		p[i] = splitmix64_uniform(&seed, i < (V + 1) * E ? 1.0f : scale);
	/* Remember by default, as the language model's layers do. */
	for (j = 0; j < hidden; j++) {
		m->enc_b[hidden + j] = 1.0f;
		m->dec_b[hidden + j] = 1.0f;
	}
	return 0;
}

void encdec_free(struct encdec *m)
{
	free(m->params);
	memset(m, 0, sizeof(*m));
}

/* Activations and scratch of one batch of nb windows: one allocation. */
struct work {
	float *xe, *dec_x, *logits, *loss, *h0, *c0;
	struct lstm_saved enc, dec;
	float *dh, *dpre, *dhn, *dcn, *dx, *dxe;
	uint8_t *start;
	float *mem;
};

static int work_alloc(struct work *w, const struct encdec *m, int nb)
{
	size_t BT = (size_t)nb * m->window, H = m->hidden, G = 4 * H, E = m->embed;
	size_t sizes[] = {
		BT * E, BT * H, BT * m->vocab, BT, nb * H, nb * H,
		BT * G, BT * H, BT * H, BT * H, BT * H,
		BT * G, BT * H, BT * H, BT * H, BT * H,
		BT * H, BT * G, nb * H, nb * H, BT * H, BT * E,
	};
	float **ptr[] = {
		&w->xe, &w->dec_x, &w->logits, &w->loss, &w->h0, &w->c0,
		&w->enc.gates, &w->enc.c, &w->enc.cprev, &w->enc.hprev, &w->enc.h,
		&w->dec.gates, &w->dec.c, &w->dec.cprev, &w->dec.hprev, &w->dec.h,
		&w->dh, &w->dpre, &w->dhn, &w->dcn, &w->dx, &w->dxe,
	};
	size_t total = 0, i, t;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		total += sizes[i];
	w->mem = malloc(total * sizeof(float));
	w->start = calloc(BT, 1);
	if (!w->mem || !w->start) {
		free(w->mem);
		free(w->start);
		return -ENOMEM;
	}
	for (i = 0, total = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		*ptr[i] = w->mem + total;
		total += sizes[i];
	}
	/* Every window starts from the zero state. */
	for (t = 0; t < BT; t += m->window)
		w->start[t] = 1;
	return 0;
}

static void work_free(struct work *w)
{
	free(w->mem);
	free(w->start);
}

/* The gradient of the parameter at p, inside g laid out as m->params. */
static float *grad_of(const struct encdec *m, float *g, const float *p)
{
	return g + (p - m->params);
}

/* The encoder's code, repeated as the decoder's input, back into the encoder's last step. */
static void backward(const struct encdec *m, struct work *w, const int *in, const int *tgt,
		     int nb, float scale, float *g)
{
	size_t BT = (size_t)nb * m->window, H = m->hidden, W = m->window, b, t, j;
	float *last;

	xent_backward(w->logits, NULL, tgt, scale, 0.0f, BT, m->vocab);
	output_backward(w->dh, grad_of(m, g, m->out_w), grad_of(m, g, m->out_b), w->logits,
			w->dec.h, m->out_w, BT, H, m->vocab);
	lstm_backward(w->dx, grad_of(m, g, m->dec_wih), grad_of(m, g, m->dec_whh),
		      grad_of(m, g, m->dec_b), w->dh, w->dpre, w->dhn, w->dcn, &w->dec,
		      w->dec_x, w->start, m->dec_wih, m->dec_whh, nb, W, H, H);
	memset(w->dh, 0, BT * H * sizeof(float));
	for (b = 0; b < (size_t)nb; b++) {
		last = w->dh + (b * W + W - 1) * H;
		for (t = 0; t < W; t++)
			for (j = 0; j < H; j++)
				last[j] += w->dx[(b * W + t) * H + j];
	}
	lstm_backward(w->dxe, grad_of(m, g, m->enc_wih), grad_of(m, g, m->enc_whh),
		      grad_of(m, g, m->enc_b), w->dh, w->dpre, w->dhn, w->dcn, &w->enc, w->xe,
		      w->start, m->enc_wih, m->enc_whh, nb, W, m->embed, H);
	embedding_backward(grad_of(m, g, m->emb), w->dxe, in, BT, m->embed);
}

int encdec_batch(const struct encdec *m, const int *in, const int *tgt, int nb, double *loss,
		 float *grad, double *mean)
{
	size_t BT = (size_t)nb * m->window, H = m->hidden, W = m->window, b, t, count = 0, nt;
	double total, sum;
	struct work w;
	int ret;

	ret = work_alloc(&w, m, nb);
	if (ret)
		return ret;
	embedding_forward(w.xe, in, m->emb, BT, m->embed);
	lstm_forward(&w.enc, w.h0, w.c0, w.xe, w.start, m->enc_wih, m->enc_whh, m->enc_b, nb, W,
		     m->embed, H);
	/* h0 holds each window's last encoder state: its code. */
	for (b = 0; b < (size_t)nb; b++)
		for (t = 0; t < W; t++)
			memcpy(w.dec_x + (b * W + t) * H, w.h0 + b * H, H * sizeof(float));
	lstm_forward(&w.dec, w.h0, w.c0, w.dec_x, w.start, m->dec_wih, m->dec_whh, m->dec_b, nb,
		     W, H, H);
	output_forward(w.logits, w.dec.h, m->out_w, m->out_b, BT, H, m->vocab);
	total = xent_forward(w.loss, NULL, w.logits, tgt, BT, m->vocab, 0.0f);
	for (b = 0; b < (size_t)nb; b++) {
		for (t = 0, sum = 0, nt = 0; t < W; t++) {
			if (tgt[b * W + t] < 0)
				continue;
			sum += w.loss[b * W + t];
			nt++;
		}
		if (loss)
			loss[b] = nt ? sum / nt : 0.0;
		count += nt;
	}
	*mean = count ? total / count : 0.0;
	if (grad && count)
		backward(m, &w, in, tgt, nb, 1.0f / count, grad);
	work_free(&w);
	return 0;
}

/*
 * The window ending at call end: its target calls end - W + 1 .. end, its
 * input those (autoencoder) or the W before them (seq2seq); padding and
 * no target before the thread's first call.
 */
static void window_rows(const struct encdec *m, const uint16_t *tok, size_t end, int *in,
			int *tgt)
{
	long W = m->window, t, i, j;

	for (t = 0; t < W; t++) {
		i = (long)end - (W - 1) + t;
		j = m->kind == ENCDEC_SEQ2SEQ ? i - W : i;
		tgt[t] = i >= 0 ? tok[i] : -1;
		in[t] = j >= 0 ? tok[j] : (int)m->vocab;
	}
}

static bool tokens_valid(const struct encdec *m, const uint16_t *tok, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (tok[i] >= m->vocab)
			return false;
	return true;
}

/* Windows of a thread of len calls: one when shorter than W, else one per call from the W-th. */
static size_t windows_of(const struct encdec *m, size_t len)
{
	return !len ? 0 : len <= m->window ? 1 : len - m->window + 1;
}

/* The k-th window of a thread ends at this call. */
static size_t window_end(const struct encdec *m, size_t len, size_t k)
{
	return len <= m->window ? len - 1 : m->window - 1 + k;
}

int encdec_score(const struct encdec *m, const uint16_t *tok, size_t len, uint32_t stride,
		 double *out, uint32_t *at, size_t *n)
{
	size_t W = m->window, nw = windows_of(m, len), k = 0, nb;
	int *in, *tgt, ret = 0;
	double mean;

	*n = 0;
	if (!stride || !tokens_valid(m, tok, len))
		return -EINVAL;
	if (!nw)
		return 0;
	in = malloc(2 * SCORE_BATCH * W * sizeof(*in));
	if (!in)
		return -ENOMEM;
	tgt = in + SCORE_BATCH * W;
	while (k < nw && !ret) {
		for (nb = 0; nb < SCORE_BATCH && k < nw; nb++) {
			at[*n + nb] = window_end(m, len, k);
			window_rows(m, tok, at[*n + nb], in + nb * W, tgt + nb * W);
			/* Every stride-th window, and the last. */
			k = k + 1 == nw ? nw : k + stride < nw ? k + stride : nw - 1;
		}
		ret = encdec_batch(m, in, tgt, nb, out + *n, NULL, &mean);
		*n += ret ? 0 : nb;
	}
	free(in);
	return ret;
}

/* Where the training windows are: the slices and how many windows precede each. */
struct window_index {
	const struct slice **sl;
	size_t *first;		/* windows before slice i */
	size_t nsl, total;
};

static int index_windows(struct window_index *x, const struct encdec *m,
			 const struct views *train)
{
	size_t i, n = 0;
	uint32_t j;

	memset(x, 0, sizeof(*x));
	for (i = 0; i < train->n; i++)
		n += train->v[i].n;
	x->sl = malloc((n ? n : 1) * sizeof(*x->sl));
	x->first = malloc((n ? n : 1) * sizeof(*x->first));
	if (!x->sl || !x->first)
		return -ENOMEM;
	for (i = 0; i < train->n; i++) {
		for (j = 0; j < train->v[i].n; j++) {
			const struct slice *sl = &train->v[i].sl[j];

			if (!sl->len)
				continue;
			if (!tokens_valid(m, sl->tok, sl->len))
				return -EINVAL;
			x->sl[x->nsl] = sl;
			x->first[x->nsl++] = x->total;
			x->total += windows_of(m, sl->len);
		}
	}
	return x->total ? 0 : -ENODATA;
}

static void index_free(struct window_index *x)
{
	free(x->sl);
	free(x->first);
}

/* The rows of training window w (0 <= w < total). */
static void index_rows(const struct window_index *x, const struct encdec *m, size_t w,
		       int *in, int *tgt)
{
	size_t lo = 0, hi = x->nsl - 1, mid;
	const struct slice *sl;

	while (lo < hi) {
		mid = (lo + hi + 1) / 2;
		if (x->first[mid] <= w)
			lo = mid;
		else
			hi = mid - 1;
	}
	sl = x->sl[lo];
	window_rows(m, sl->tok, window_end(m, sl->len, w - x->first[lo]), in, tgt);
}

/* An epoch's windows: every one, shuffled, when few; else drawn at random. */
static void draw_epoch(size_t *pick, size_t n, size_t total, uint64_t *rng)
{
	size_t i, j, t;

	if (n < total) {
		for (i = 0; i < n; i++)
			pick[i] = splitmix64(rng) % total;
		return;
	}
	for (i = 0; i < n; i++)
		pick[i] = i;
	for (i = n; i > 1; i--) {
		j = splitmix64(rng) % i;
		t = pick[i - 1];
		pick[i - 1] = pick[j];
		pick[j] = t;
	}
}

int encdec_train(struct encdec *m, const struct views *train, uint32_t epochs, uint64_t seed)
{
	size_t W = m->window, per_epoch, i, b, nb, steps, step = 0, *pick = NULL;
	int *in = NULL, *tgt, ret;
	struct window_index x;
	double mean, sum;
	float *g = NULL, lr;
	struct adam adam = { 0 };
	uint32_t e;

	ret = index_windows(&x, m, train);
	if (ret)
		goto out;
	m->samples = x.total;
	per_epoch = x.total < ENCDEC_EPOCH_WINDOWS ? x.total : ENCDEC_EPOCH_WINDOWS;
	steps = epochs * ((per_epoch + ENCDEC_BATCH - 1) / ENCDEC_BATCH);
	pick = malloc(per_epoch * sizeof(*pick));
	in = malloc(2 * ENCDEC_BATCH * W * sizeof(*in));
	g = malloc(m->nparams * sizeof(*g));
	ret = !pick || !in || !g ? -ENOMEM : adam_init(&adam, m->nparams, 0.9f, 0.999f, 1e-8f);
	tgt = ret ? NULL : in + ENCDEC_BATCH * W;
	for (e = 0; e < epochs && !ret; e++) {
		draw_epoch(pick, per_epoch, x.total, &seed);
		for (i = 0, sum = 0; i < per_epoch && !ret; i += nb) {
			nb = per_epoch - i < ENCDEC_BATCH ? per_epoch - i : ENCDEC_BATCH;
			for (b = 0; b < nb; b++)
				index_rows(&x, m, pick[i + b], in + b * W, tgt + b * W);
			memset(g, 0, m->nparams * sizeof(*g));
			ret = encdec_batch(m, in, tgt, nb, NULL, g, &mean);
			if (ret)
				break;
			sum += mean * nb;
			grad_clip(g, m->nparams, CLIP);
			/* Cosine from LR to LR_FINAL over the whole run. */
			lr = LR_FINAL + 0.5f * (LR - LR_FINAL) *
			     (1.0f + cosf((float)M_PI * step++ / steps));
			adam_begin(&adam);
			adam_update(&adam, m->params, g, 0, m->nparams, lr, 0.0f);
		}
		m->loss = sum / per_epoch;
		m->epochs = e + 1;
	}
out:
	adam_free(&adam);
	index_free(&x);
	free(pick);
	free(in);
	free(g);
	return ret;
}

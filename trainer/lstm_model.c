// SPDX-License-Identifier: GPL-2.0
/* The whole float LSTM language model on one batch, forward and backward. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lstm_model.h"

#define max_t(type, a, b) ((type)(a) > (type)(b) ? (type)(a) : (type)(b))

int lstm_tensors(const struct fmodel *m, struct param_tensor *t)
{
	static const char *const names[FMODEL_MAX_LAYERS][3] = {
		{ "w_ih0", "w_hh0", "b0" }, { "w_ih1", "w_hh1", "b1" },
	};
	size_t H = m->hidden, G = 4 * H;
	int n = 0, l;

	t[n++] = (struct param_tensor){ "emb", m->emb - m->params,
					(size_t)m->vocab * m->embed, true };
	for (l = 0; l < m->layers; l++) {
		t[n++] = (struct param_tensor){ names[l][0], m->w_ih[l] - m->params,
						G * (l ? H : (size_t)m->embed), true };
		t[n++] = (struct param_tensor){ names[l][1], m->w_hh[l] - m->params, G * H, true };
		t[n++] = (struct param_tensor){ names[l][2], m->b[l] - m->params, G, false };
	}
	t[n++] = (struct param_tensor){ "w_out", m->w_out - m->params, m->vocab * H, true };
	t[n++] = (struct param_tensor){ "b_out", m->b_out - m->params, m->vocab, false };
	return n;
}

/* Carves n floats off *p. */
static float *carve(float **p, size_t n)
{
	float *r = *p;

	*p += n;
	return r;
}

static size_t acts_size(const struct fmodel *m, size_t BT, size_t B)
{
	size_t E = m->embed, H = m->hidden, V = m->vocab, C = max_t(size_t, E, H);

	return BT * (3 * E + m->layers * 10 * H + V + 3 + 2 * C + 4 * H) +
	       B * H * (2 * m->layers + 2);
}

int lstm_acts_alloc(struct lstm_acts *a, const struct fmodel *m, int B, int T)
{
	size_t BT = (size_t)B * T, E = m->embed, H = m->hidden, C = max_t(size_t, E, H);
	float *p;
	int l;

	memset(a, 0, sizeof(*a));
	if (B < 1 || T < 1)
		return -EINVAL;
	p = calloc(acts_size(m, BT, B), sizeof(float));
	if (!p)
		return -ENOMEM;
	a->B = B;
	a->T = T;
	a->mem = p;
	a->x = carve(&p, BT * E);
	a->xd = carve(&p, BT * E);
	a->mask_x = carve(&p, BT * E);
	for (l = 0; l < m->layers; l++) {
		a->s[l].gates = carve(&p, BT * 4 * H);
		a->s[l].c = carve(&p, BT * H);
		a->s[l].cprev = carve(&p, BT * H);
		a->s[l].hprev = carve(&p, BT * H);
		a->s[l].h = carve(&p, BT * H);
		a->hd[l] = carve(&p, BT * H);
		a->mask_h[l] = carve(&p, BT * H);
		a->h0[l] = carve(&p, B * H);
		a->c0[l] = carve(&p, B * H);
	}
	a->probs = carve(&p, BT * m->vocab);
	a->loss = carve(&p, BT);
	a->loss0 = carve(&p, BT);
	a->lse = carve(&p, BT);
	a->dh = carve(&p, BT * C);
	a->dx = carve(&p, BT * C);
	a->dpre = carve(&p, BT * 4 * H);
	a->dhn = carve(&p, B * H);
	a->dcn = carve(&p, B * H);
	return 0;
}

void lstm_acts_free(struct lstm_acts *a)
{
	free(a->mem);
	memset(a, 0, sizeof(*a));
}

void lstm_acts_reset(struct lstm_acts *a, const struct fmodel *m)
{
	size_t n = (size_t)a->B * m->hidden * sizeof(float);
	int l;

	for (l = 0; l < m->layers; l++) {
		memset(a->h0[l], 0, n);
		memset(a->c0[l], 0, n);
	}
}

double lstm_model_forward(const struct fmodel *m, struct lstm_acts *a,
			  const struct lstm_batch *bt, float dropout, uint64_t *rng)
{
	int B = bt->B, T = bt->T, BT = B * T, H = m->hidden, l;
	const float *x = a->xd;
	double sum;

	embedding_forward(a->x, bt->in, m->emb, BT, m->embed);
	dropout_forward(a->xd, a->mask_x, a->x, (size_t)BT * m->embed, dropout, rng);
	for (l = 0; l < m->layers; l++) {
		lstm_forward(&a->s[l], a->h0[l], a->c0[l], x, bt->start, m->w_ih[l], m->w_hh[l],
			     m->b[l], B, T, l ? H : m->embed, H);
		dropout_forward(a->hd[l], a->mask_h[l], a->s[l].h, (size_t)BT * H, dropout, rng);
		x = a->hd[l];
	}
	output_forward(a->probs, x, m->w_out, m->b_out, BT, H, m->vocab);
	sum = xent_forward(a->loss, a->lse, a->probs, bt->tgt, BT, m->vocab, m->self_norm);
	return sum + prior_forward(a->loss0, &a->lse0, m->b_out, bt->in, bt->start, BT, m->vocab,
				   m->self_norm);
}

void lstm_model_backward(struct fmodel *g, const struct fmodel *m, struct lstm_acts *a,
			 const struct lstm_batch *bt, float dropout)
{
	int B = bt->B, T = bt->T, BT = B * T, H = m->hidden, V = m->vocab, l;
	float scale = 1.0f / bt->count, *t;

	xent_backward(a->probs, a->lse, bt->tgt, scale, m->self_norm, BT, V);
	prior_backward(g->b_out, m->b_out, bt->in, bt->start, scale, m->self_norm, BT, V);
	output_backward(a->dh, g->w_out, g->b_out, a->probs, a->hd[m->layers - 1], m->w_out,
			BT, H, V);
	for (l = m->layers - 1; l >= 0; l--) {
		dropout_backward(a->dh, a->dh, a->mask_h[l], (size_t)BT * H, dropout);
		lstm_backward(a->dx, g->w_ih[l], g->w_hh[l], g->b[l], a->dh, a->dpre, a->dhn,
			      a->dcn, &a->s[l], l ? a->hd[l - 1] : a->xd, bt->start, m->w_ih[l],
			      m->w_hh[l], B, T, l ? H : m->embed, H);
		t = a->dh;
		a->dh = a->dx;
		a->dx = t;
	}
	dropout_backward(a->dh, a->dh, a->mask_x, (size_t)BT * m->embed, dropout);
	embedding_backward(g->emb, a->dh, bt->in, BT, m->embed);
}

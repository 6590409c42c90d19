// SPDX-License-Identifier: GPL-2.0
/* The float model: one allocation, and a naive single-step reference. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmodel.h"

int fmodel_alloc(struct fmodel *m, int vocab, int embed, int hidden, int layers)
{
	size_t g, n;
	float *p;
	int l;

	memset(m, 0, sizeof(*m));
	if (vocab < 2 || vocab > 1024 || embed < 1 || embed > 1024 || hidden < 1 ||
	    hidden > 256 || layers < 1 || layers > FMODEL_MAX_LAYERS)
		return -EINVAL;
	g = 4 * (size_t)hidden;
	n = (size_t)vocab * embed + (size_t)vocab * hidden + vocab;
	for (l = 0; l < layers; l++)
		n += g * (l ? hidden : embed) + g * hidden + g;
	p = calloc(n, sizeof(*p));
	if (!p)
		return -ENOMEM;
	m->vocab = vocab;
	m->embed = embed;
	m->hidden = hidden;
	m->layers = layers;
	m->params = p;
	m->nparams = n;
	m->emb = p;
	p += (size_t)vocab * embed;
	for (l = 0; l < layers; l++) {
		m->w_ih[l] = p;
		p += g * (l ? hidden : embed);
		m->w_hh[l] = p;
		p += g * hidden;
		m->b[l] = p;
		p += g;
	}
	m->w_out = p;
	p += (size_t)vocab * hidden;
	m->b_out = p;
	return 0;
}

void fmodel_free(struct fmodel *m)
{
	free(m->params);
	memset(m, 0, sizeof(*m));
}

static double sigm(double x)
{
	return 1.0 / (1.0 + exp(-x));
}

/* One LSTM layer step on input x (n_in), state h, c (hidden). */
static void layer_step(const struct fmodel *m, int l, const double *x, int n_in,
		       double *h, double *c, double *gate)
{
	int hid = m->hidden, r, j;
	const float *wi = m->w_ih[l], *wh = m->w_hh[l];
	double a;

	for (r = 0; r < 4 * hid; r++) {
		a = m->b[l][r];
		for (j = 0; j < n_in; j++)
			a += (double)wi[(size_t)r * n_in + j] * x[j];
		for (j = 0; j < hid; j++)
			a += (double)wh[(size_t)r * hid + j] * h[j];
		gate[r] = a;
	}
	for (j = 0; j < hid; j++) {
		c[j] = sigm(gate[hid + j]) * c[j] + sigm(gate[j]) * tanh(gate[2 * hid + j]);
		h[j] = sigm(gate[3 * hid + j]) * tanh(c[j]);
	}
}

double fmodel_ref_step(const struct fmodel *m, double *state, int token)
{
	int v = m->vocab, hid = m->hidden, l, r, j;
	double *top = state + (size_t)(m->layers - 1) * 2 * hid;
	double x[1024], gate[1024], logit[1024] = { 0 }, max, sum, a;

	for (r = 0; r < v; r++) {
		a = m->b_out[r];
		for (j = 0; j < hid; j++)
			a += (double)m->w_out[(size_t)r * hid + j] * top[j];
		logit[r] = a;
	}
	max = logit[0];
	for (r = 1; r < v; r++)
		max = logit[r] > max ? logit[r] : max;
	sum = 0;
	for (r = 0; r < v; r++)
		sum += exp(logit[r] - max);
	for (j = 0; j < m->embed; j++)
		x[j] = m->emb[(size_t)token * m->embed + j];
	for (l = 0; l < m->layers; l++) {
		double *h = state + (size_t)l * 2 * hid;

		layer_step(m, l, x, l ? hid : m->embed, h, h + hid, gate);
		memcpy(x, h, hid * sizeof(*x));
	}
	if (m->self_norm > 0)
		return -logit[token];
	return max + log(sum) - logit[token];
}

/* xorshift64*: deterministic across platforms and libcs. */
static double uniform(unsigned long long *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return ((*s * 2685821657736338717ULL) >> 11) * (1.0 / 9007199254740992.0);
}

void fmodel_init_random(struct fmodel *m, unsigned long long seed, float scale)
{
	size_t i;

	seed = seed * 2654435761ULL + 1;
	for (i = 0; i < m->nparams; i++)
		m->params[i] = (float)((2 * uniform(&seed) - 1) * scale);
}

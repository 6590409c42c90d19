// SPDX-License-Identifier: GPL-2.0
/* Naive double references of the LSTM language model's layers. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lstm_ref.h"

#define REF_MAX_H 256

void embedding_forward_ref(double *out, const int *in, const float *emb, int BT, int E)
{
	int i, j;

	for (i = 0; i < BT; i++)
		for (j = 0; j < E; j++)
			out[(size_t)i * E + j] = emb[(size_t)in[i] * E + j];
}

void embedding_backward_ref(double *demb, const double *dout, const int *in, int BT, int E)
{
	int i, j;

	for (i = 0; i < BT; i++)
		for (j = 0; j < E; j++)
			demb[(size_t)in[i] * E + j] += dout[(size_t)i * E + j];
}

void dropout_forward_ref(double *out, const float *mask, const double *in, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = mask ? in[i] * mask[i] : in[i];
}

void dropout_backward_ref(double *din, const double *dout, const float *mask, size_t n)
{
	dropout_forward_ref(din, mask, dout, n);
}

static double sigm(double x)
{
	return 1.0 / (1.0 + exp(-x));
}

void lstm_forward_ref(struct lstm_saved_ref *s, double *h0, double *c0, const double *x,
		      const uint8_t *start, const float *w_ih, const float *w_hh,
		      const float *b, int B, int T, int C, int H)
{
	const double *hp, *cp;
	double a, *g;
	int bb, t, r, j;
	size_t row;

	for (bb = 0; bb < B; bb++) {
		for (t = 0; t < T; t++) {
			row = (size_t)bb * T + t;
			hp = t ? s->h + (row - 1) * H : h0 + (size_t)bb * H;
			cp = t ? s->c + (row - 1) * H : c0 + (size_t)bb * H;
			g = s->gates + row * 4 * H;
			for (r = 0; r < 4 * H; r++) {
				a = b[r];
				for (j = 0; j < C; j++)
					a += w_ih[(size_t)r * C + j] * x[row * C + j];
				for (j = 0; j < H && !start[row]; j++)
					a += w_hh[(size_t)r * H + j] * hp[j];
				g[r] = r / H == 2 ? tanh(a) : sigm(a);
			}
			for (j = 0; j < H; j++) {
				s->cprev[row * H + j] = start[row] ? 0.0 : cp[j];
				s->hprev[row * H + j] = start[row] ? 0.0 : hp[j];
				s->c[row * H + j] = g[H + j] * s->cprev[row * H + j] +
						    g[j] * g[2 * H + j];
				s->h[row * H + j] = g[3 * H + j] * tanh(s->c[row * H + j]);
			}
		}
		for (j = 0; j < H; j++) {
			h0[(size_t)bb * H + j] = s->h[((size_t)bb * T + T - 1) * H + j];
			c0[(size_t)bb * H + j] = s->c[((size_t)bb * T + T - 1) * H + j];
		}
	}
}

/* Gradients of one step's pre-activations (4H) into the parameters, x and hprev. */
static void lstm_step_grads_ref(double *dx, double *dw_ih, double *dw_hh, double *db,
				double *dhprev, const double *dp, const double *x,
				const double *hprev, const float *w_ih, const float *w_hh,
				int C, int H)
{
	int r, j;

	for (j = 0; j < C; j++)
		dx[j] = 0.0;
	for (j = 0; j < H; j++)
		dhprev[j] = 0.0;
	for (r = 0; r < 4 * H; r++) {
		db[r] += dp[r];
		for (j = 0; j < C; j++) {
			dw_ih[(size_t)r * C + j] += dp[r] * x[j];
			dx[j] += dp[r] * w_ih[(size_t)r * C + j];
		}
		for (j = 0; j < H && hprev; j++) {
			dw_hh[(size_t)r * H + j] += dp[r] * hprev[j];
			dhprev[j] += dp[r] * w_hh[(size_t)r * H + j];
		}
	}
}

void lstm_backward_ref(double *dx, double *dw_ih, double *dw_hh, double *db, const double *dh,
		       const struct lstm_saved_ref *s, const double *x, const uint8_t *start,
		       const float *w_ih, const float *w_hh, int B, int T, int C, int H)
{
	double dhn[REF_MAX_H], dcn[REF_MAX_H], dhp[REF_MAX_H], dp[4 * REF_MAX_H];
	double dht, dc, tc;
	const double *g;
	int bb, t, j;
	size_t row;

	for (bb = 0; bb < B; bb++) {
		memset(dhn, 0, sizeof(dhn));
		memset(dcn, 0, sizeof(dcn));
		for (t = T - 1; t >= 0; t--) {
			row = (size_t)bb * T + t;
			g = s->gates + row * 4 * H;
			for (j = 0; j < H; j++) {
				dht = dh[row * H + j] + dhn[j];
				tc = tanh(s->c[row * H + j]);
				dc = dcn[j] + dht * g[3 * H + j] * (1 - tc * tc);
				dp[j] = dc * g[2 * H + j] * g[j] * (1 - g[j]);
				dp[H + j] = dc * s->cprev[row * H + j] * g[H + j] * (1 - g[H + j]);
				dp[2 * H + j] = dc * g[j] * (1 - g[2 * H + j] * g[2 * H + j]);
				dp[3 * H + j] = dht * tc * g[3 * H + j] * (1 - g[3 * H + j]);
				dcn[j] = dc * g[H + j];
			}
			lstm_step_grads_ref(dx + row * C, dw_ih, dw_hh, db, dhp, dp, x + row * C,
					    start[row] ? NULL : s->hprev + row * H,
					    w_ih, w_hh, C, H);
			for (j = 0; j < H; j++) {
				dhn[j] = start[row] ? 0.0 : dhp[j];
				dcn[j] = start[row] ? 0.0 : dcn[j];
			}
		}
	}
}

void output_forward_ref(double *logits, const double *h, const float *w, const float *bias,
			int BT, int H, int V)
{
	double a;
	int i, v, j;

	for (i = 0; i < BT; i++) {
		for (v = 0; v < V; v++) {
			a = bias[v];
			for (j = 0; j < H; j++)
				a += w[(size_t)v * H + j] * h[(size_t)i * H + j];
			logits[(size_t)i * V + v] = a;
		}
	}
}

void output_backward_ref(double *dh, double *dw, double *dbias, const double *dlogits,
			 const double *h, const float *w, int BT, int H, int V)
{
	double d;
	int i, v, j;

	for (i = 0; i < BT; i++) {
		for (j = 0; j < H; j++)
			dh[(size_t)i * H + j] = 0.0;
		for (v = 0; v < V; v++) {
			d = dlogits[(size_t)i * V + v];
			dbias[v] += d;
			for (j = 0; j < H; j++) {
				dw[(size_t)v * H + j] += d * h[(size_t)i * H + j];
				dh[(size_t)i * H + j] += d * w[(size_t)v * H + j];
			}
		}
	}
}

/* log sum exp of n doubles */
static double lse_ref(const double *x, int n)
{
	double max = x[0], sum = 0.0;
	int j;

	for (j = 1; j < n; j++)
		max = x[j] > max ? x[j] : max;
	for (j = 0; j < n; j++)
		sum += exp(x[j] - max);
	return max + log(sum);
}

double xent_ref(double *loss, double *dlogits, const double *logits, const int *tgt,
		double scale, double alpha, int BT, int V)
{
	double total = 0.0, lse;
	const double *z;
	int i, v;

	for (i = 0; i < BT; i++) {
		z = logits + (size_t)i * V;
		loss[i] = 0.0;
		for (v = 0; v < V; v++)
			dlogits[(size_t)i * V + v] = 0.0;
		if (tgt[i] < 0)
			continue;
		lse = lse_ref(z, V);
		loss[i] = lse - z[tgt[i]];
		total += loss[i] + alpha * lse * lse;
		for (v = 0; v < V; v++)
			dlogits[(size_t)i * V + v] =
				scale * ((1 + 2 * alpha * lse) * exp(z[v] - lse) - (v == tgt[i]));
	}
	return total;
}

double prior_ref(double *loss0, double *dbias, const float *bias, const int *in,
		 const uint8_t *start, double scale, double alpha, int BT, int V)
{
	double z[1024], total = 0.0, lse;
	int i, v;

	for (v = 0; v < V; v++)
		z[v] = bias[v];
	lse = lse_ref(z, V);
	for (i = 0; i < BT; i++) {
		loss0[i] = 0.0;
		if (!start[i])
			continue;
		loss0[i] = lse - z[in[i]];
		total += loss0[i] + alpha * lse * lse;
		for (v = 0; v < V && dbias; v++)
			dbias[v] += scale * ((1 + 2 * alpha * lse) * exp(z[v] - lse) - (v == in[i]));
	}
	return total;
}

/* The reference's buffers, all in one allocation. */
struct ref_acts {
	double *x, *xd;				/* (BT,E) embedded, after dropout */
	struct lstm_saved_ref s[FMODEL_MAX_LAYERS];
	double *hd[FMODEL_MAX_LAYERS];		/* (BT,H) layer output after dropout */
	double *h0, *c0;			/* (B,H) one layer's carried state */
	double *logits, *dlogits;		/* (BT,V) */
	double *loss, *loss0;			/* (BT) */
	double *dh, *dx;			/* (BT,max(E,H)) */
	double *mem;
};

static int ref_acts_alloc(struct ref_acts *a, const struct fmodel *m, int BT)
{
	size_t E = m->embed, H = m->hidden, V = m->vocab, n, k = 0;
	size_t C = H < E ? E : H;
	int l;

	n = BT * (2 * E + m->layers * 9 * H + 2 * V + 2 + 2 * C) + 2 * H * BT;
	a->mem = calloc(n, sizeof(double));
	if (!a->mem)
		return -ENOMEM;
	a->x = a->mem;
	a->xd = a->x + BT * E;
	k = 2 * BT * E;
	for (l = 0; l < m->layers; l++) {
		a->s[l].gates = a->mem + k;
		a->s[l].c = a->s[l].gates + BT * 4 * H;
		a->s[l].cprev = a->s[l].c + BT * H;
		a->s[l].hprev = a->s[l].cprev + BT * H;
		a->s[l].h = a->s[l].hprev + BT * H;
		a->hd[l] = a->s[l].h + BT * H;
		k += BT * 9 * H;
	}
	a->logits = a->mem + k;
	a->dlogits = a->logits + BT * V;
	a->loss = a->dlogits + BT * V;
	a->loss0 = a->loss + BT;
	a->dh = a->loss0 + BT;
	a->dx = a->dh + BT * C;
	a->h0 = a->dx + BT * C;
	a->c0 = a->h0 + BT * H;
	return 0;
}

static double *grad_of(double *grad, const struct fmodel *m, const float *t)
{
	return grad + (t - m->params);
}

static void ref_forward(struct ref_acts *a, const struct fmodel *m, const struct lstm_batch *bt,
			const float *const *h0, const float *const *c0, const float *const *masks)
{
	int B = bt->B, T = bt->T, BT = B * T, H = m->hidden, l, j;
	const double *x = a->xd;

	embedding_forward_ref(a->x, bt->in, m->emb, BT, m->embed);
	dropout_forward_ref(a->xd, masks ? masks[0] : NULL, a->x, (size_t)BT * m->embed);
	for (l = 0; l < m->layers; l++) {
		for (j = 0; j < B * H; j++) {
			a->h0[j] = h0 ? h0[l][j] : 0.0;
			a->c0[j] = c0 ? c0[l][j] : 0.0;
		}
		lstm_forward_ref(&a->s[l], a->h0, a->c0, x, bt->start, m->w_ih[l], m->w_hh[l],
				 m->b[l], B, T, l ? H : m->embed, H);
		dropout_forward_ref(a->hd[l], masks ? masks[l + 1] : NULL, a->s[l].h,
				    (size_t)BT * H);
		x = a->hd[l];
	}
	output_forward_ref(a->logits, x, m->w_out, m->b_out, BT, H, m->vocab);
}

static void ref_backward(struct ref_acts *a, const struct fmodel *m, const struct lstm_batch *bt,
			 const float *const *masks, double *grad)
{
	int B = bt->B, T = bt->T, BT = B * T, H = m->hidden, l, in;
	double *t;

	output_backward_ref(a->dh, grad_of(grad, m, m->w_out), grad_of(grad, m, m->b_out),
			    a->dlogits, a->hd[m->layers - 1], m->w_out, BT, H, m->vocab);
	for (l = m->layers - 1; l >= 0; l--) {
		in = l ? H : m->embed;
		dropout_backward_ref(a->dh, a->dh, masks ? masks[l + 1] : NULL, (size_t)BT * H);
		lstm_backward_ref(a->dx, grad_of(grad, m, m->w_ih[l]), grad_of(grad, m, m->w_hh[l]),
				  grad_of(grad, m, m->b[l]), a->dh, &a->s[l],
				  l ? a->hd[l - 1] : a->xd, bt->start, m->w_ih[l], m->w_hh[l],
				  B, T, in, H);
		t = a->dh;
		a->dh = a->dx;
		a->dx = t;
	}
	dropout_backward_ref(a->dh, a->dh, masks ? masks[0] : NULL, (size_t)BT * m->embed);
	embedding_backward_ref(grad_of(grad, m, m->emb), a->dh, bt->in, BT, m->embed);
}

int lstm_loss_ref(const struct fmodel *m, const struct lstm_batch *bt,
		  const float *const *h0, const float *const *c0,
		  const float *const *masks, double *loss, double *grad)
{
	int BT = bt->B * bt->T, ret;
	double scale, sum;
	struct ref_acts a;

	if (!bt->count || m->hidden > REF_MAX_H)
		return -EINVAL;
	ret = ref_acts_alloc(&a, m, BT);
	if (ret)
		return ret;
	scale = 1.0 / bt->count;
	ref_forward(&a, m, bt, h0, c0, masks);
	if (grad)
		memset(grad, 0, m->nparams * sizeof(*grad));
	sum = xent_ref(a.loss, a.dlogits, a.logits, bt->tgt, scale, m->self_norm, BT, m->vocab);
	sum += prior_ref(a.loss0, grad ? grad_of(grad, m, m->b_out) : NULL, m->b_out, bt->in,
			 bt->start, scale, m->self_norm, BT, m->vocab);
	*loss = sum * scale;
	if (grad)
		ref_backward(&a, m, bt, masks, grad);
	free(a.mem);
	return 0;
}

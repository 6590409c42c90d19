// SPDX-License-Identifier: GPL-2.0
/*
 * The float LSTM's layers against their naive double references, and the
 * reference's gradient against central finite differences for every
 * parameter tensor, on tiny models with dropout, carried state, streams
 * that start and end inside a chunk, and padding.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmodel.h"
#include "lstm_model.h"
#include "lstm_ref.h"
#include "tap.h"

#define B 3
#define T 6
#define NSTREAMS 6
#define MAXBUF 64

static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static void *bufs[MAXBUF];
static int nbufs;

static double urand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (rng >> 11) * (1.0 / 9007199254740992.0);
}

/* Zeroed test memory, freed all at once by free_all(). */
static void *zalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (!p || nbufs == MAXBUF) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	bufs[nbufs++] = p;
	return p;
}

static void free_all(void)
{
	while (nbufs)
		free(bufs[--nbufs]);
}

/* Uniform in [-1, 1), the same values into f and (if given) d. */
static void fill(float *f, double *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		f[i] = (float)(2 * urand() - 1);
		if (d)
			d[i] = f[i];
	}
}

/* max |a - b| over max |b| */
static double rel_err(const float *a, const double *b, size_t n)
{
	double num = 0, den = 1e-12;
	size_t i;

	for (i = 0; i < n; i++) {
		num = fmax(num, fabs(a[i] - b[i]));
		den = fmax(den, fabs(b[i]));
	}
	return num / den;
}

static void test_lstm_layer(int C, int H)
{
	int n = B * T, G = 4 * H;
	float *w = zalloc(G * (C + H + 1), sizeof(float)), *x = zalloc(n * C, sizeof(float));
	float *st = zalloc(2 * B * H, sizeof(float)), *dh = zalloc(n * H, sizeof(float));
	float *dx = zalloc(n * C, sizeof(float)), *dw = zalloc(G * (C + H + 1), sizeof(float));
	double *xd = zalloc(n * C, sizeof(double)), *std = zalloc(2 * B * H, sizeof(double));
	double *dhd = zalloc(n * H, sizeof(double)), *dxd = zalloc(n * C, sizeof(double));
	double *dwd = zalloc(G * (C + H + 1), sizeof(double));
	uint8_t start[B * T] = { 0 };
	struct lstm_saved s = {
		zalloc(n * G, 4), zalloc(n * H, 4), zalloc(n * H, 4), zalloc(n * H, 4),
		zalloc(n * H, 4),
	};
	struct lstm_saved_ref r = {
		zalloc(n * G, 8), zalloc(n * H, 8), zalloc(n * H, 8), zalloc(n * H, 8),
		zalloc(n * H, 8),
	};
	float *w_hh = w + G * C, *b = w_hh + G * H;
	double e[6];

	fill(w, NULL, G * (C + H + 1));
	fill(x, xd, n * C);
	fill(st, std, 2 * B * H);
	fill(dh, dhd, n * H);
	start[2] = 1;
	start[T] = 1;
	start[2 * T + 5] = 1;
	lstm_forward(&s, st, st + B * H, x, start, w, w_hh, b, B, T, C, H);
	lstm_forward_ref(&r, std, std + B * H, xd, start, w, w_hh, b, B, T, C, H);
	e[0] = rel_err(s.h, r.h, n * H);
	e[1] = rel_err(s.c, r.c, n * H);
	e[2] = rel_err(st, std, 2 * B * H);
	tap_ok(fmax(e[0], fmax(e[1], e[2])) < 1e-5,
	       "lstm_forward %dx%d = reference: h %.1e, c %.1e, carried %.1e", C, H,
	       e[0], e[1], e[2]);

	lstm_backward_ref(dxd, dwd, dwd + G * C, dwd + G * (C + H), dhd, &r, xd, start, w, w_hh,
			  B, T, C, H);
	lstm_backward(dx, dw, dw + G * C, dw + G * (C + H), dh, zalloc(n * G, 4),
		      zalloc(B * H, 4), zalloc(B * H, 4), &s, x, start, w, w_hh, B, T, C, H);
	e[3] = rel_err(dx, dxd, n * C);
	e[4] = rel_err(dw, dwd, G * C);
	e[5] = rel_err(dw + G * C, dwd + G * C, G * (H + 1));
	tap_ok(fmax(e[3], fmax(e[4], e[5])) < 1e-5,
	       "lstm_backward %dx%d = reference: dx %.1e, dw_ih %.1e, dw_hh+db %.1e", C, H,
	       e[3], e[4], e[5]);
	free_all();
}

/*
 * Output layer, softmax cross-entropy and first-token prior; alpha > 0
 * adds the self-normalisation penalty.
 */
static void test_output(int H, int V, float alpha)
{
	int n = B * T, i;
	float *w = zalloc(V * (H + 1), 4), *h = zalloc(n * H, 4), *p = zalloc(n * V, 4);
	float *loss = zalloc(n, 4), *loss0 = zalloc(n, 4), *dw = zalloc(V * (H + 1), 4);
	float *dh = zalloc(n * H, 4), *lse = zalloc(n, 4), lse0;
	double *hd = zalloc(n * H, 8), *z = zalloc(n * V, 8), *dz = zalloc(n * V, 8);
	double *lossd = zalloc(n, 8), *loss0d = zalloc(n, 8), *dwd = zalloc(V * (H + 1), 8);
	double *dhd = zalloc(n * H, 8), sum, sumd, e[4];
	int tgt[B * T], in[B * T];
	uint8_t start[B * T];

	for (i = 0; i < n; i++) {
		tgt[i] = i % 5 == 3 ? -1 : (int)(urand() * V);
		in[i] = (int)(urand() * V);
		start[i] = i % 4 == 1;
	}
	fill(w, NULL, V * (H + 1));
	fill(h, hd, n * H);
	output_forward(p, h, w, w + V * H, n, H, V);
	output_forward_ref(z, hd, w, w + V * H, n, H, V);
	e[0] = rel_err(p, z, n * V);
	sum = xent_forward(loss, lse, p, tgt, n, V, alpha) +
	      prior_forward(loss0, &lse0, w + V * H, in, start, n, V, alpha);
	sumd = xent_ref(lossd, dz, z, tgt, 0.25, alpha, n, V) +
	       prior_ref(loss0d, dwd + V * H, w + V * H, in, start, 0.25, alpha, n, V);
	e[1] = fmax(rel_err(loss, lossd, n), rel_err(loss0, loss0d, n));
	tap_ok(e[0] < 1e-5 && e[1] < 1e-5 && fabs(sum - sumd) < 1e-5 * sumd,
	       "output/xent/prior forward, alpha %.1f = reference: logits %.1e, losses %.1e",
	       alpha, e[0], e[1]);

	xent_backward(p, lse, tgt, 0.25f, alpha, n, V);
	prior_backward(dw + V * H, w + V * H, in, start, 0.25f, alpha, n, V);
	output_backward(dh, dw, dw + V * H, p, h, w, n, H, V);
	output_backward_ref(dhd, dwd, dwd + V * H, dz, hd, w, n, H, V);
	e[2] = rel_err(dh, dhd, n * H);
	e[3] = rel_err(dw, dwd, V * (H + 1));
	tap_ok(e[2] < 1e-5 && e[3] < 1e-5,
	       "output/xent/prior backward, alpha %.1f = reference: dh %.1e, dw+db %.1e", alpha,
	       e[2], e[3]);
	free_all();
}

/* Streams that start and end inside chunks, some lanes padded at the end. */
static void make_streams(struct token_stream *s, uint32_t *order, int V)
{
	static const size_t lens[NSTREAMS] = { 5, 1, 9, 13, 4, 8 };
	uint16_t *tok;
	int i;
	size_t j;

	for (i = 0; i < NSTREAMS; i++) {
		tok = zalloc(lens[i], sizeof(*tok));
		for (j = 0; j < lens[i]; j++)
			tok[j] = (uint16_t)(urand() * V);
		s[i] = (struct token_stream){ tok, lens[i] };
		order[i] = i;
	}
}

/*
 * The second chunk of a batch (so the state carried in is not zero),
 * through the fast model and the reference: losses and every gradient
 * tensor; then the reference gradient against finite differences.
 * self_norm > 0: with the self-normalisation penalty.
 */
static void test_model(int V, int E, int H, int layers, float dropout, float self_norm)
{
	const float *masks[FMODEL_MAX_LAYERS + 1], *h0[FMODEL_MAX_LAYERS], *c0[FMODEL_MAX_LAYERS];
	struct param_tensor t[LSTM_MAX_TENSORS];
	struct token_stream s[NSTREAMS];
	uint32_t order[NSTREAMS];
	struct fmodel m, g;
	struct lstm_batch bt;
	struct lstm_acts a;
	struct lanes ln;
	uint64_t seed = 7;
	double loss, *gr, worst = 0, e;
	int nt, i, l, ok;

	make_streams(s, order, V);
	if (fmodel_alloc(&m, V, E, H, layers) || fmodel_alloc(&g, V, E, H, layers) ||
	    lstm_acts_alloc(&a, &m, B, T) || lstm_batch_alloc(&bt, B, T) ||
	    lanes_init(&ln, B, s, NSTREAMS, order)) {
		tap_ok(0, "allocation");
		return;
	}
	fmodel_init_random(&m, 11, 0.6f);
	m.self_norm = self_norm;
	lanes_fill(&ln, &bt);
	lstm_model_forward(&m, &a, &bt, dropout, &seed);
	lanes_fill(&ln, &bt);
	for (l = 0; l < layers; l++) {
		h0[l] = zalloc(B * H, 4);
		c0[l] = zalloc(B * H, 4);
		memcpy((float *)h0[l], a.h0[l], B * H * 4);
		memcpy((float *)c0[l], a.c0[l], B * H * 4);
		masks[l + 1] = dropout > 0 ? a.mask_h[l] : NULL;
	}
	masks[0] = dropout > 0 ? a.mask_x : NULL;
	e = lstm_model_forward(&m, &a, &bt, dropout, &seed) / bt.count;
	lstm_model_backward(&g, &m, &a, &bt, dropout);
	gr = zalloc(m.nparams, sizeof(double));
	lstm_loss_ref(&m, &bt, h0, c0, masks, &loss, gr);
	tap_ok(fabs(e - loss) < 1e-5 * loss,
	       "model %d layer(s), dropout %.1f, self-normalised %.1f: loss %.6f = reference %.6f (%zu terms)",
	       layers, dropout, self_norm, e, loss, bt.count);
	nt = lstm_tensors(&m, t);
	for (i = 0; i < nt; i++)
		worst = fmax(worst, rel_err(g.params + t[i].off, gr + t[i].off, t[i].n));
	tap_ok(worst < 1e-4, "model %d layer(s): every gradient tensor = reference (worst %.1e)",
	       layers, worst);

	for (i = 0; i < nt; i++) {
		struct param_tensor *p = &t[i];
		double lp, lm, fd, err = 0, den = 1e-12;
		float orig, xp, xm;
		size_t k;

		for (k = p->off; k < p->off + p->n; k++) {
			orig = m.params[k];
			m.params[k] = orig + 1e-3f;
			xp = m.params[k];
			lstm_loss_ref(&m, &bt, h0, c0, masks, &lp, NULL);
			m.params[k] = orig - 1e-3f;
			xm = m.params[k];
			lstm_loss_ref(&m, &bt, h0, c0, masks, &lm, NULL);
			m.params[k] = orig;
			fd = (lp - lm) / ((double)xp - xm);
			err = fmax(err, fabs(fd - gr[k]));
			den = fmax(den, fabs(gr[k]));
		}
		ok = err / den < 5e-5;
		tap_ok(ok, "gradcheck %d layer(s) %-6s (%zu): max |fd - grad| / max |grad| = %.1e",
		       layers, p->name, p->n, err / den);
	}
	lanes_free(&ln);
	lstm_batch_free(&bt);
	lstm_acts_free(&a);
	fmodel_free(&g);
	fmodel_free(&m);
	free_all();
}

int main(void)
{
	tap_plan(4 + 4 + (2 + 6) + (2 + 9) + (2 + 6));
	test_lstm_layer(3, 5);
	test_lstm_layer(8, 16);
	test_output(6, 9, 0.0f);
	test_output(6, 9, 0.3f);
	test_model(7, 3, 5, 1, 0.0f, 0.0f);
	test_model(7, 3, 5, 2, 0.3f, 0.0f);
	test_model(7, 3, 5, 1, 0.0f, 0.5f);
	return tap_done();
}

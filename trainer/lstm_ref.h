/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Naive references of the layers in lstm_layers.h: plain loops in double,
 * no BLAS, one (b,t) at a time, written independently of the fast path so
 * tests can hold one against the other.  Same shapes and conventions;
 * weights stay float (they are what the model stores).
 */
#ifndef HIDS_LSTM_REF_H
#define HIDS_LSTM_REF_H

#include <stddef.h>
#include <stdint.h>

#include "fmodel.h"
#include "lstm_batch.h"

void embedding_forward_ref(double *out, const int *in, const float *emb, int BT, int E);
void embedding_backward_ref(double *demb, const double *dout, const int *in, int BT, int E);

/* mask NULL: identity */
void dropout_forward_ref(double *out, const float *mask, const double *in, size_t n);
void dropout_backward_ref(double *din, const double *dout, const float *mask, size_t n);

struct lstm_saved_ref {
	double *gates, *c, *cprev, *hprev, *h;	/* as struct lstm_saved */
};

void lstm_forward_ref(struct lstm_saved_ref *s, double *h0, double *c0, const double *x,
		      const uint8_t *start, const float *w_ih, const float *w_hh,
		      const float *b, int B, int T, int C, int H);
/* dh is read only; H <= 256 */
void lstm_backward_ref(double *dx, double *dw_ih, double *dw_hh, double *db, const double *dh,
		       const struct lstm_saved_ref *s, const double *x, const uint8_t *start,
		       const float *w_ih, const float *w_hh, int B, int T, int C, int H);

void output_forward_ref(double *logits, const double *h, const float *w, const float *bias,
			int BT, int H, int V);
void output_backward_ref(double *dh, double *dw, double *dbias, const double *dlogits,
			 const double *h, const float *w, int BT, int H, int V);

/*
 * Per-row losses; the sum with alpha (log Z)^2 a row; dlogits = scale *
 * ((1 + 2 alpha log Z) softmax - onehot), 0 where tgt < 0.
 */
double xent_ref(double *loss, double *dlogits, const double *logits, const int *tgt,
		double scale, double alpha, int BT, int V);
/*
 * Per-row first-token losses from the bias alone, the sum as above; adds
 * scale * gradient to dbias (or NULL).
 */
double prior_ref(double *loss0, double *dbias, const float *bias, const int *in,
		 const uint8_t *start, double scale, double alpha, int BT, int V);

/*
 * The whole model on one batch: *loss = mean over bt->count terms.
 * h0, c0: per layer (B,H) state before the chunk, NULL for zero.
 * masks: NULL, or layers + 1 dropout masks (embedding, then each layer's
 * output; NULL entries for none).  grad: NULL, or m->nparams doubles laid
 * out as m->params, overwritten with d loss / d params.
 */
int lstm_loss_ref(const struct fmodel *m, const struct lstm_batch *bt,
		  const float *const *h0, const float *const *c0,
		  const float *const *masks, double *loss, double *grad);

#endif

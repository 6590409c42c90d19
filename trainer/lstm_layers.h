/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Layers of the float LSTM language model as forward/backward pairs over
 * (B,T,C) tensors, row-major, every matmul a cblas_sgemm.  BT = B*T.
 * Backward functions accumulate (+=) into parameter gradients and
 * overwrite input gradients.  lstm_ref.h holds a naive double reference of
 * each one.
 */
#ifndef HIDS_LSTM_LAYERS_H
#define HIDS_LSTM_LAYERS_H

#include <stddef.h>
#include <stdint.h>

/* out (BT,E) = emb[in] */
void embedding_forward(float *out, const int *in, const float *emb, int BT, int E);
void embedding_backward(float *demb, const float *dout, const int *in, int BT, int E);

/*
 * Inverted dropout: out = in * mask, mask 0 with probability p, else
 * 1/(1-p), drawn from *rng (xorshift64).  p == 0 copies.  out may be in.
 */
void dropout_forward(float *out, float *mask, const float *in, size_t n, float p, uint64_t *rng);
void dropout_backward(float *din, const float *dout, const float *mask, size_t n, float p);

/* What one LSTM layer's backward needs from its forward. */
struct lstm_saved {
	float *gates;	/* (B,T,4H) i, f, g, o after their nonlinearities */
	float *c;	/* (B,T,H) cell after the step */
	float *cprev;	/* (B,T,H) cell before the step (0 where a stream starts) */
	float *hprev;	/* (B,T,H) hidden before the step (0 where a stream starts) */
	float *h;	/* (B,T,H) hidden after the step: the layer's output */
};

/*
 * x (B,T,C) -> s->h (B,T,H).  h0, c0 (B,H) hold the state before step 0
 * and are left holding the state after step T-1, for the next chunk.
 * start (B,T) resets a lane's state to zero before that step.
 */
void lstm_forward(struct lstm_saved *s, float *h0, float *c0, const float *x,
		  const uint8_t *start, const float *w_ih, const float *w_hh,
		  const float *b, int B, int T, int C, int H);

/*
 * dh (B,T,H): loss gradient at the layer's output; used as scratch.
 * dpre (B,T,4H), dhn and dcn (B,H): scratch.  dx (B,T,C) is overwritten.
 * Nothing flows into the previous chunk (truncated BPTT).
 */
void lstm_backward(float *dx, float *dw_ih, float *dw_hh, float *db, float *dh,
		   float *dpre, float *dhn, float *dcn, const struct lstm_saved *s,
		   const float *x, const uint8_t *start, const float *w_ih,
		   const float *w_hh, int B, int T, int C, int H);

/* logits (BT,V) = h (BT,H) @ w^T + bias */
void output_forward(float *logits, const float *h, const float *w, const float *bias,
		    int BT, int H, int V);
void output_backward(float *dh, float *dw, float *dbias, const float *dlogits,
		     const float *h, const float *w, int BT, int H, int V);

/*
 * Softmax cross-entropy: logits (BT,V) become probabilities in place;
 * loss[i] = -log p[i][tgt[i]], 0 where tgt[i] < 0, and lse[i] the row's
 * log Z (when lse is not NULL).  Returns the sum of loss[i] + alpha
 * (log Z)^2: alpha > 0 trains a self-normalised output (Devlin et al.
 * 2014), whose -logit (loss - log Z) scores a call without the softmax.
 */
double xent_forward(float *loss, float *lse, float *probs, const int *tgt, int BT, int V,
		    float alpha);
/*
 * probs become dlogits = scale * ((1 + 2 alpha lse) probs - onehot(tgt)),
 * 0 where tgt < 0 (lse may be NULL when alpha is 0).
 */
void xent_backward(float *probs, const float *lse, const int *tgt, float scale, float alpha,
		   int BT, int V);

/*
 * The first token of a stream, predicted from the zero state: by the
 * output bias alone.  loss0[i] = -log softmax(bias)[in[i]] where start[i],
 * else 0; *lse_bias = log Z of the bias.  Returns the sum, with alpha
 * (log Z)^2 for each start as above.
 */
double prior_forward(float *loss0, float *lse_bias, const float *bias, const int *in,
		     const uint8_t *start, int BT, int V, float alpha);
void prior_backward(float *dbias, const float *bias, const int *in, const uint8_t *start,
		    float scale, float alpha, int BT, int V);

#endif

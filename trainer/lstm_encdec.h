/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LSTM encoder-decoder baselines (Soni, Prabakar and Upadhyay 2019,
 * "Comparative Analysis of LSTM Sequence-Sequence and Auto Encoder for
 * real-time anomaly detection using system call sequences"), float, on
 * the trainer's LSTM layers.
 *
 * A window is W consecutive calls of a thread.  The encoder (embedding,
 * one LSTM layer) reads an input window; its last hidden state is the
 * window's code, fed to the decoder (one LSTM layer) at each of W steps
 * (the RepeatVector arrangement of the Keras models in that work), and a
 * softmax per step predicts the target window's call there.  The
 * autoencoder's target is its input (reconstruction); seq2seq's input is
 * the W calls before the target window.  A window scores the mean
 * cross-entropy of its target calls (nats), at the call it ends at; where
 * a window reaches before the thread's first call, its input is padded
 * with a token of its own and its target positions there are not scored.
 * A thread shorter than W is one window; a recording scores by its worst.
 */
#ifndef HIDS_LSTM_ENCDEC_H
#define HIDS_LSTM_ENCDEC_H

#include <stddef.h>
#include <stdint.h>

#include "views.h"

#define ENCDEC_WINDOW_DEFAULT	10
#define ENCDEC_WINDOW_MAX	1000
#define ENCDEC_HIDDEN_DEFAULT	32
#define ENCDEC_HIDDEN_MAX	512
#define ENCDEC_EMBED		16
#define ENCDEC_EPOCHS_DEFAULT	10
#define ENCDEC_EPOCHS_MAX	1000
/* Windows drawn (at random, from every training window) per epoch. */
#define ENCDEC_EPOCH_WINDOWS	20000
#define ENCDEC_BATCH		64

enum encdec_kind {
	ENCDEC_AUTOENCODER,	/* a window from itself */
	ENCDEC_SEQ2SEQ,		/* a window from the one before it */
};

struct encdec {
	enum encdec_kind kind;
	uint32_t vocab, window, hidden, embed;
	float *params;		/* one allocation; the pointers below point into it */
	size_t nparams;
	float *emb;		/* (vocab + 1) x embed: the last row is the padding token */
	float *enc_wih, *enc_whh, *enc_b;	/* 4H x E, 4H x H, 4H (i, f, g, o) */
	float *dec_wih, *dec_whh, *dec_b;	/* 4H x H, 4H x H, 4H */
	float *out_w, *out_b;	/* vocab x H, vocab */
	size_t samples;		/* training windows there were to draw from */
	uint32_t epochs;	/* trained */
	double loss;		/* mean training loss of the last epoch (nats) */
};

/*
 * Parameters drawn from seed (uniform, forget gates biased open).
 * -EINVAL on sizes out of range, -ENOMEM.
 */
int encdec_init(struct encdec *m, enum encdec_kind kind, uint32_t vocab, uint32_t window,
		uint32_t hidden, uint32_t embed, uint64_t seed);
void encdec_free(struct encdec *m);

/*
 * Adam on windows of every slice of train drawn at random, epochs times
 * ENCDEC_EPOCH_WINDOWS of them (or every window when there are fewer).
 * -ENODATA without a call, -ENOMEM.
 */
int encdec_train(struct encdec *m, const struct views *train, uint32_t epochs, uint64_t seed);

/*
 * One thread's windows, every stride-th from the W-th call on, and the
 * last one: out[i] the score of the i-th, at[i] the call it ends at
 * (increasing); out and at hold len entries, *n says how many (0 for an
 * empty stream).  -EINVAL for stride 0, -ENOMEM.
 */
int encdec_score(const struct encdec *m, const uint16_t *tok, size_t len, uint32_t stride,
		 double *out, uint32_t *at, size_t *n);

/*
 * A batch of nb windows given as token rows (nb x W each): in (a token
 * below vocab, or vocab for padding) and tgt (a token, or -1 where not
 * scored).  loss[i] (when loss is set): window i's mean cross-entropy,
 * 0 without a target.  *mean: the mean over every target call of the
 * batch; with grad (nparams floats), its gradient is added there.
 * -ENOMEM.
 */
int encdec_batch(const struct encdec *m, const int *in, const int *tgt, int nb, double *loss,
		 float *grad, double *mean);

#endif /* HIDS_LSTM_ENCDEC_H */

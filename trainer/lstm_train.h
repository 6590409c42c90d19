/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Training of the float LSTM language model p(next call | history) over
 * token streams: truncated BPTT over chunks of bptt steps of batch lanes
 * (lstm_batch.h), AdamW with bias correction, global gradient-norm
 * clipping, linear warmup then cosine decay, dropout, early stopping on
 * the validation loss keeping the best parameters.  Deterministic for a
 * seed and a thread count.
 *
 *	struct train_opts o;
 *	struct train_result r;
 *	struct fmodel m;
 *
 *	train_opts_default(&o);
 *	o.hidden = 32;
 *	ret = lstm_train(&m, vocab, train, ntrain, valid, nvalid, &o, &r);
 *	...
 *	fmodel_free(&m);
 */
#ifndef HIDS_LSTM_TRAIN_H
#define HIDS_LSTM_TRAIN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "fmodel.h"
#include "lstm_batch.h"

enum lr_schedule {
	LR_PLATEAU,		/* warmup, then lr, halved (down to lr_min) after each
				 * epoch without a better validation loss */
	LR_COSINE,		/* warmup, then cosine from lr to lr_min over all epochs */
	LR_CONSTANT,		/* warmup, then lr */
};

/* One epoch, as progress and on_epoch see it.  Losses in nats per call. */
struct epoch_stats {
	int epoch;		/* from 1 */
	double train_loss;	/* mean over the epoch's steps, dropout on */
	double valid_loss;	/* NAN without validation streams */
	bool best;		/* the best validation loss so far */
	float lr;		/* at the epoch's end */
	double tokens_per_s;
	double seconds;		/* the epoch's, validation included */
};

struct train_opts {
	int hidden, embed, layers;	/* H, E, 1 or 2 */
	int epochs;		/* at most: training stops on convergence (patience) */
	int batch;		/* B: streams trained side by side */
	int bptt;		/* T: steps per chunk (truncation length) */
	size_t split;		/*
				 * 0, or cut longer training streams into pieces
				 * of split calls, each trained as a stream: keeps
				 * lanes busy when few streams are long
				 */
	bool split_auto;	/*
				 * split 0: pieces of an eighth of a lane's share
				 * of the calls (at least 4 T), so that no stream
				 * holds an epoch up while the other lanes idle
				 */
	float lr, lr_min;
	int warmup;		/* steps of linear warmup */
	enum lr_schedule schedule;
	float clip;		/* max global gradient norm; 0: off */
	float weight_decay;	/* decoupled; weight matrices and embedding only */
	float dropout;		/* on the embedding and on each layer's output */
	float self_norm;	/* > 0: alpha of a self-normalised model (fmodel.h) */
	int patience;		/* epochs without a better validation loss; 0: all epochs */
	float min_improve;	/* a better validation loss is this much (relative) lower */
	uint64_t seed;
	const float *init_emb;	/* vocab * embed: the embedding to start from, or NULL */
	bool freeze_emb;	/* keep the embedding as it starts (init_emb) */
	int threads;		/* OpenBLAS threads; 0: leave as set */
	FILE *progress;		/* NULL: silent */
	void (*on_epoch)(void *arg, const struct epoch_stats *st);
	void *arg;
};

struct train_result {
	int epochs;		/* run */
	bool converged;		/* stopped by patience, not by the epoch cap */
	int best_epoch;		/* whose parameters m holds (the last without validation) */
	long steps;
	double train_loss;	/* of the last epoch */
	double best_valid_loss;	/* of the parameters kept; NAN without validation */
	size_t tokens;		/* loss terms trained over, all epochs */
	double tokens_per_s;	/* over the training steps alone */
	double seconds;		/* wall time, validation included */
};

void train_opts_default(struct train_opts *o);

/* PyTorch-like: U(+-1/sqrt(H)) for LSTM and output, U(+-1) embedding; forget bias 1. */
void lstm_init_params(struct fmodel *m, uint64_t seed);

/*
 * Allocates m (vocab tokens, sizes from o), initialises it from o->seed
 * and trains it; on success m holds the best parameters (caller frees),
 * on error m is freed.  -EINVAL for bad options, no training token or a
 * token >= vocab; -ENOMEM.
 */
int lstm_train(struct fmodel *m, int vocab, const struct token_stream *train, size_t ntrain,
	       const struct token_stream *valid, size_t nvalid, const struct train_opts *o,
	       struct train_result *r);

#endif

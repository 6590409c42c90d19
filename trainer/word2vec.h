/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Skip-gram embeddings of call names (Mikolov et al. 2013, word2vec with
 * negative sampling), learned on the training streams, for the LSTM's
 * embedding to start from (fit --word2vec): each call predicts the calls
 * within window of it in its thread's stream against negatives drawn from
 * the unigram distribution to the power 3/4.  Deterministic for a seed.
 */
#ifndef HIDS_WORD2VEC_H
#define HIDS_WORD2VEC_H

#include <stddef.h>
#include <stdint.h>

#include "lstm_batch.h"

struct w2v_opts {
	int dim;		/* E, the LSTM's embedding size */
	int window;		/* context: up to window calls each side (default 5) */
	int negatives;		/* per context call (default 5) */
	int epochs;		/* passes over the streams (default 5) */
	float lr;		/* start, decayed linearly to lr / 1000 (default 0.025) */
	uint64_t seed;
};

void w2v_opts_default(struct w2v_opts *o, int dim);

/*
 * emb (vocab * dim floats) gets the input vectors, scaled to the LSTM's
 * initial range (largest component 1).  -EINVAL for bad options or a token
 * >= vocab, -ENODATA without a pair of calls, -ENOMEM.
 */
int w2v_train(float *emb, int vocab, const struct token_stream *s, size_t n,
	      const struct w2v_opts *o);

#endif

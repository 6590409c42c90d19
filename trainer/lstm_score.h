/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Batched float scoring of whole streams: per call s = -log p(observed |
 * history) in nats, the state starting at zero at each stream's start, as
 * fmodel_ref_step() and the kernel do.  Uses the OpenBLAS thread count the
 * caller set (openblas_set_num_threads()).
 */
#ifndef HIDS_LSTM_SCORE_H
#define HIDS_LSTM_SCORE_H

#include <stddef.h>

#include "fmodel.h"
#include "lstm_batch.h"

/* out[i] receives s[i].len scores.  -EINVAL for a token >= vocab, -ENOMEM. */
int lstm_score(const struct fmodel *m, const struct token_stream *s, size_t n,
	       float *const *out);

/* The mean score over every call of every stream (the validation loss). */
int lstm_mean_loss(const struct fmodel *m, const struct token_stream *s, size_t n,
		   double *mean);

#endif

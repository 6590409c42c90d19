/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Batched float scoring of whole streams: per call s = -log p(observed |
 * history) in nats (a self-normalised model: -logit), the state starting
 * at zero at each stream's start, as fmodel_ref_step() and the kernel do.  Uses the OpenBLAS thread count the
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

/*
 * The mean over every call of every stream of the training objective (the
 * validation loss): -log p, plus alpha (log Z)^2 where self-normalised.
 */
int lstm_mean_loss(const struct fmodel *m, const struct token_stream *s, size_t n,
		   double *mean);

/* The softmax normaliser log Z over every call: its mean and standard deviation. */
int lstm_log_z(const struct fmodel *m, const struct token_stream *s, size_t n, double *mean,
	       double *sd);

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Float LSTM language model over syscall tokens: the trainer's model and the
 * reference the integer engine is measured against.
 *
 *   token -> embedding (E) -> LSTM layer 0 (H) [-> LSTM layer 1 (H)]
 *         -> linear (V) -> softmax: p(next token | history)
 *
 * Gate order in every (4H, .) matrix and bias is PyTorch's: i, f, g, o.
 * All parameters live in one allocation (params), carved into the tensors.
 */
#ifndef HIDS_FMODEL_H
#define HIDS_FMODEL_H

#include <stddef.h>

#define FMODEL_MAX_LAYERS 2
#define FMODEL_MAX_SELF_NORM 100.0f	/* the largest alpha fit takes */

struct fmodel {
	int vocab;		/* V, token 0 = unknown */
	int embed;		/* E */
	int hidden;		/* H */
	int layers;		/* 1 or 2 */
	/*
	 * > 0: self-normalised, trained with the penalty self_norm * (log Z)^2
	 * and scored by -logit (the kernel's one output row), not -log p.
	 */
	float self_norm;

	float *emb;				/* (V, E) */
	float *w_ih[FMODEL_MAX_LAYERS];		/* (4H, E) layer 0, (4H, H) layer 1 */
	float *w_hh[FMODEL_MAX_LAYERS];		/* (4H, H) */
	float *b[FMODEL_MAX_LAYERS];		/* (4H), b_ih + b_hh folded */
	float *w_out;				/* (V, H) */
	float *b_out;				/* (V) */

	float *params;		/* the one allocation */
	size_t nparams;
};

/* Sizes the tensors and allocates them zeroed; -errno on bad sizes/ENOMEM. */
int fmodel_alloc(struct fmodel *m, int vocab, int embed, int hidden, int layers);
void fmodel_free(struct fmodel *m);

/* Every parameter uniform in [-scale, scale), reproducibly from seed. */
void fmodel_init_random(struct fmodel *m, unsigned long long seed, float scale);

/*
 * The naive reference of one step, in double: -log p(token | history)
 * (self-normalised: -logit) from state, then state advanced by token.  state holds, per layer,
 * h[hidden] then c[hidden], zero at the start of a stream.
 */
double fmodel_ref_step(const struct fmodel *m, double *state, int token);

#endif

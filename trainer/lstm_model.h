/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The float LSTM language model over one (B,T) batch, fast path:
 *
 *   in (B,T) -> embedding (B,T,E) -> dropout -> LSTM 0 (B,T,H) -> dropout
 *     [-> LSTM 1 (B,T,H) -> dropout] -> linear (B,T,V) -> softmax xent
 *
 * plus the first token of each stream from the output bias (lstm_batch.h).
 * struct lstm_acts owns every activation the backward pass needs, the
 * carried state and the backward scratch, in one allocation.
 */
#ifndef HIDS_LSTM_MODEL_H
#define HIDS_LSTM_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "fmodel.h"
#include "lstm_batch.h"
#include "lstm_layers.h"

struct lstm_acts {
	int B, T;
	float *x, *xd, *mask_x;			/* (B,T,E) embedded, dropped, mask */
	struct lstm_saved s[FMODEL_MAX_LAYERS];
	float *hd[FMODEL_MAX_LAYERS];		/* (B,T,H) layer output after dropout */
	float *mask_h[FMODEL_MAX_LAYERS];	/* (B,T,H) */
	float *h0[FMODEL_MAX_LAYERS];		/* (B,H) state carried between chunks */
	float *c0[FMODEL_MAX_LAYERS];
	float *probs;				/* (B,T,V) logits, probs, dlogits */
	float *loss, *loss0;			/* (B,T) per target, per stream start */
	float *lse;				/* (B,T) each target's log Z */
	float lse0;				/* log Z of the stream-start prior */
	float *dh, *dx;				/* (B,T,max(E,H)) backward scratch */
	float *dpre;				/* (B,T,4H) */
	float *dhn, *dcn;			/* (B,H) */
	float *mem;
};

/* One parameter tensor, as an offset into fmodel.params. */
struct param_tensor {
	const char *name;
	size_t off, n;
	bool decay;		/* weight decay applies (matrices, not biases) */
};

#define LSTM_MAX_TENSORS (3 + 3 * FMODEL_MAX_LAYERS)

/* Fills t with every tensor of m in memory order; returns how many. */
int lstm_tensors(const struct fmodel *m, struct param_tensor *t);

int lstm_acts_alloc(struct lstm_acts *a, const struct fmodel *m, int B, int T);
void lstm_acts_free(struct lstm_acts *a);
/* Every lane's carried state to zero. */
void lstm_acts_reset(struct lstm_acts *a, const struct fmodel *m);

/*
 * Sum of the loss terms of bt (mean = sum / bt->count); a->loss and
 * a->loss0 hold them one by one.  dropout > 0 draws masks from *rng.
 * Advances the carried state.
 */
double lstm_model_forward(const struct fmodel *m, struct lstm_acts *a,
			  const struct lstm_batch *bt, float dropout, uint64_t *rng);

/* Adds d(mean loss)/d(params) to g (shaped as m), after lstm_model_forward. */
void lstm_model_backward(struct fmodel *g, const struct fmodel *m, struct lstm_acts *a,
			 const struct lstm_batch *bt, float dropout);

#endif

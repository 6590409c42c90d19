/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Adam with bias correction and decoupled weight decay (AdamW), and global
 * gradient-norm clipping.  The optimizer state is one allocation.
 */
#ifndef HIDS_ADAM_H
#define HIDS_ADAM_H

#include <stddef.h>

struct adam {
	float *m, *v;		/* first and second moments (n each) */
	size_t n;
	long t;			/* steps begun */
	float beta1, beta2, eps;
};

int adam_init(struct adam *a, size_t n, float beta1, float beta2, float eps);
void adam_free(struct adam *a);

/* Starts a step: every adam_update until the next one uses its bias correction. */
void adam_begin(struct adam *a);

/* Updates p[off, off + n) from g[off, off + n); weight_decay 0 for biases. */
void adam_update(struct adam *a, float *p, const float *g, size_t off, size_t n, float lr,
		 float weight_decay);

/* Scales g so its L2 norm is at most max_norm (0: never); returns the norm before. */
double grad_clip(float *g, size_t n, float max_norm);

#endif

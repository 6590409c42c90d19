// SPDX-License-Identifier: GPL-2.0
/* AdamW and gradient clipping over flat float arrays. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "adam.h"

int adam_init(struct adam *a, size_t n, float beta1, float beta2, float eps)
{
	memset(a, 0, sizeof(*a));
	a->m = calloc(2 * n, sizeof(float));
	if (!a->m)
		return -ENOMEM;
	a->v = a->m + n;
	a->n = n;
	a->beta1 = beta1;
	a->beta2 = beta2;
	a->eps = eps;
	return 0;
}

void adam_free(struct adam *a)
{
	free(a->m);
	memset(a, 0, sizeof(*a));
}

void adam_begin(struct adam *a)
{
	a->t++;
}

void adam_update(struct adam *a, float *p, const float *g, size_t off, size_t n, float lr,
		 float weight_decay)
{
	float c1 = 1.0f - powf(a->beta1, a->t), c2 = 1.0f - powf(a->beta2, a->t);
	float b1 = a->beta1, b2 = a->beta2, mh, vh;
	size_t i, end = off + n;

	for (i = off; i < end; i++) {
		a->m[i] = b1 * a->m[i] + (1.0f - b1) * g[i];
		a->v[i] = b2 * a->v[i] + (1.0f - b2) * g[i] * g[i];
		mh = a->m[i] / c1;
		vh = a->v[i] / c2;
		p[i] -= lr * (mh / (sqrtf(vh) + a->eps) + weight_decay * p[i]);
	}
}

double grad_clip(float *g, size_t n, float max_norm)
{
	double sum = 0.0, norm;
	float s;
	size_t i;

	for (i = 0; i < n; i++)
		sum += (double)g[i] * g[i];
	norm = sqrt(sum);
	if (max_norm <= 0.0f || norm <= max_norm)
		return norm;
	s = (float)(max_norm / norm);
	for (i = 0; i < n; i++)
		g[i] *= s;
	return norm;
}

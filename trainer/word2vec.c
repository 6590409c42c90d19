// SPDX-License-Identifier: GPL-2.0
/* Skip-gram with negative sampling over call streams (word2vec.h). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "word2vec.h"

#define NOISE_TABLE	(1 << 20)

void w2v_opts_default(struct w2v_opts *o, int dim)
{
	*o = (struct w2v_opts){ .dim = dim, .window = 5, .negatives = 5, .epochs = 5,
				.lr = 0.025f, .seed = 1 };
}

static float sigmoid(float x)
{
	return x > 30 ? 1 : x < -30 ? 0 : 1 / (1 + expf(-x));
}

/* Negatives drawn from unigram^0.75: a table of tokens in that proportion. */
static int noise_table(uint32_t **out, int vocab, const struct token_stream *s, size_t n,
		       size_t *total)
{
	double *p = calloc(vocab, sizeof(*p)), sum = 0, acc = 0;
	uint32_t *t = malloc(NOISE_TABLE * sizeof(*t));
	size_t i, j, k = 0;
	int v;

	if (!p || !t) {
		free(p);
		free(t);
		return -ENOMEM;
	}
	*total = 0;
	for (i = 0; i < n; i++)
		for (j = 0; j < s[i].len; j++)
			p[s[i].tok[j]] += 1;
	for (v = 0; v < vocab; v++) {
		*total += (size_t)p[v];
		p[v] = pow(p[v], 0.75);
		sum += p[v];
	}
	for (v = 0; v < vocab && sum > 0; v++) {
		acc += p[v] / sum;
		while (k < NOISE_TABLE && (double)k / NOISE_TABLE < acc)
			t[k++] = v;
	}
	while (k < NOISE_TABLE)
		t[k++] = vocab - 1;
	free(p);
	*out = t;
	return 0;
}

/* One (centre, target, label) step on in[centre] and out[target]. */
static void pair_step(float *in, float *out, float *grad, int dim, float lr, int label)
{
	float dot = 0, g;
	int d;

	for (d = 0; d < dim; d++)
		dot += in[d] * out[d];
	g = lr * (label - sigmoid(dot));
	for (d = 0; d < dim; d++) {
		grad[d] += g * out[d];
		out[d] += g * in[d];
	}
}

int w2v_train(float *emb, int vocab, const struct token_stream *s, size_t n,
	      const struct w2v_opts *o)
{
	float *out, *grad, lr, big = 0;
	size_t i, j, total, seen = 0, steps;
	uint64_t rng = o->seed;
	uint32_t *noise;
	int e, d, c, k, b, target, ret;

	if (vocab < 1 || o->dim < 1 || o->window < 1 || o->negatives < 0 || o->epochs < 1 ||
	    !(o->lr > 0))
		return -EINVAL;
	for (i = 0; i < n; i++)
		for (j = 0; j < s[i].len; j++)
			if (s[i].tok[j] >= vocab)
				return -EINVAL;
	ret = noise_table(&noise, vocab, s, n, &total);
	if (ret)
		return ret;
	if (total < 2) {
		free(noise);
		return -ENODATA;
	}
	out = calloc((size_t)vocab * o->dim, sizeof(*out));
	grad = malloc(o->dim * sizeof(*grad));
	if (!out || !grad) {
		free(noise);
		free(out);
		free(grad);
		return -ENOMEM;
	}
	/* word2vec's start: input vectors small and random, output vectors 0. */
	for (i = 0; i < (size_t)vocab * o->dim; i++)
		emb[i] = ((splitmix64(&rng) >> 11) * 0x1.0p-53 - 0.5) / o->dim;
	steps = total * o->epochs;
	for (e = 0; e < o->epochs; e++) {
		for (i = 0; i < n; i++) {
			for (j = 0; j < s[i].len; j++, seen++) {
				float *in = emb + (size_t)s[i].tok[j] * o->dim;

				lr = o->lr * fmaxf(1e-3f, 1 - (float)seen / steps);
				/* A random narrower window, as word2vec does: near calls weigh more. */
				b = splitmix64(&rng) % o->window;
				for (c = -o->window + b; c <= o->window - b; c++) {
					if (!c || (c < 0 && j < (size_t)-c) || j + c >= s[i].len)
						continue;
					memset(grad, 0, o->dim * sizeof(*grad));
					target = s[i].tok[j + c];
					pair_step(in, out + (size_t)target * o->dim, grad, o->dim, lr, 1);
					for (k = 0; k < o->negatives; k++) {
						target = noise[splitmix64(&rng) % NOISE_TABLE];
						if (target == s[i].tok[j + c])
							continue;
						pair_step(in, out + (size_t)target * o->dim, grad,
							  o->dim, lr, 0);
					}
					for (d = 0; d < o->dim; d++)
						in[d] += grad[d];
				}
			}
		}
	}
	for (i = 0; i < (size_t)vocab * o->dim; i++)
		big = fmaxf(big, fabsf(emb[i]));
	for (i = 0; big > 0 && i < (size_t)vocab * o->dim; i++)
		emb[i] /= big;
	free(noise);
	free(out);
	free(grad);
	return 0;
}

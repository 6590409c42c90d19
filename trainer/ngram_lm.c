// SPDX-License-Identifier: GPL-2.0
/* The Witten-Bell n-gram model: counting and float scoring (see ngram_lm.h). */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ngram.h"
#include "ngram_lm.h"

#define BITS_MIN	10
#define BITS_MAX	34
/* Counts stay below 2^30 so the engine's fixed point cannot overflow. */
#define COUNT_MAX	(1U << 30)

static size_t slot_of(const struct ngram_lm *g, uint64_t key)
{
	size_t mask = ((size_t)1 << g->bits) - 1, i = hids_ngram_home(key, g->bits);

	while (g->e[i].key && g->e[i].key != key)
		i = (i + 1) & mask;
	return i;
}

static int table_alloc(struct ngram_lm *g, unsigned int bits)
{
	g->e = calloc((size_t)1 << bits, sizeof(*g->e));
	g->bits = bits;
	return g->e ? 0 : -ENOMEM;
}

int ngram_init(struct ngram_lm *g, unsigned int order, unsigned int vocab)
{
	memset(g, 0, sizeof(*g));
	if (order < 1 || order > NGRAM_ORDER_MAX || vocab < 1)
		return -EINVAL;
	g->order = order;
	g->vocab = vocab;
	return table_alloc(g, BITS_MIN);
}

void ngram_free(struct ngram_lm *g)
{
	free(g->e);
	memset(g, 0, sizeof(*g));
}

/* Twice the slots once half are used: probes stay short. */
static int grow(struct ngram_lm *g)
{
	struct ngram_entry *old = g->e;
	size_t n = (size_t)1 << g->bits, i;

	if (g->bits >= BITS_MAX)
		return -ENOMEM;
	if (table_alloc(g, g->bits + 1)) {
		g->e = old;
		g->bits--;
		return -ENOMEM;
	}
	for (i = 0; i < n; i++)
		if (old[i].key)
			g->e[slot_of(g, old[i].key)] = old[i];
	free(old);
	return 0;
}

/* The entry of key, added (zero counts) when new. */
static struct ngram_entry *find_add(struct ngram_lm *g, uint64_t key)
{
	size_t i;

	if (2 * (g->count + 1) > (size_t)1 << g->bits && grow(g))
		return NULL;
	i = slot_of(g, key);
	if (!g->e[i].key) {
		g->e[i].key = key;
		g->count++;
	}
	return &g->e[i];
}

const struct ngram_entry *ngram_find(const struct ngram_lm *g, uint64_t key)
{
	size_t i = slot_of(g, key);

	return g->e[i].key ? &g->e[i] : NULL;
}

int ngram_train(struct ngram_lm *g, const uint16_t *tok, size_t len)
{
	struct ngram_entry *e;
	size_t i, n;
	uint64_t k;
	bool fresh;

	for (i = 0; i < len; i++) {
		k = HIDS_NGRAM_CTX0;
		for (n = 0; n < g->order && n <= i; n++) {
			if (n)
				k = hids_ngram_extend(k, tok[i - n]);
			/* The gram first: adding may move entries. */
			e = find_add(g, hids_ngram_gram(k, tok[i]));
			if (!e)
				return -ENOMEM;
			fresh = !e->a;
			e->a += e->a < COUNT_MAX;
			e = find_add(g, k);
			if (!e)
				return -ENOMEM;
			if (e->a >= COUNT_MAX)
				return -EOVERFLOW;
			e->a++;
			e->b += fresh;
		}
	}
	return 0;
}

void ngram_score(const struct ngram_lm *g, const uint16_t *tok, size_t len, double *out)
{
	const struct ngram_entry *ctx, *gram;
	double p;
	size_t i, n;
	uint64_t k;

	for (i = 0; i < len; i++) {
		p = 1.0 / g->vocab;
		k = HIDS_NGRAM_CTX0;
		for (n = 0; n < g->order && n <= i; n++) {
			if (n)
				k = hids_ngram_extend(k, tok[i - n]);
			ctx = ngram_find(g, k);
			if (!ctx)
				break;
			gram = ngram_find(g, hids_ngram_gram(k, tok[i]));
			p = ((gram ? gram->a : 0) + ctx->b * p) / (ctx->a + ctx->b);
		}
		out[i] = -log(p);
	}
}

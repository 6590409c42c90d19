// SPDX-License-Identifier: GPL-2.0
/* The Witten-Bell n-gram model: counting and float scoring (see ngram_lm.h). */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <linux/hids_model.h>

#include "ngram.h"
#include "ngram_lm.h"
#include "views.h"

#define BITS_MIN	10
#define BITS_MAX	34
/* Counts stay below 2^30 so the engine's fixed point cannot overflow. */
#define COUNT_MAX	(1U << 30)

static size_t slot_of(const struct ngram_table *t, uint64_t key)
{
	size_t mask = ((size_t)1 << t->bits) - 1, i = hids_ngram_home(key, t->bits);

	while (t->e[i].key && t->e[i].key != key)
		i = (i + 1) & mask;
	return i;
}

static int table_alloc(struct ngram_table *t, unsigned int bits)
{
	t->e = calloc((size_t)1 << bits, sizeof(*t->e));
	t->bits = bits;
	return t->e ? 0 : -ENOMEM;
}

int ngram_init(struct ngram_lm *g, unsigned int order, unsigned int vocab, bool start)
{
	memset(g, 0, sizeof(*g));
	if (order < 1 || order > NGRAM_ORDER_MAX || vocab < 1)
		return -EINVAL;
	g->order = order;
	g->vocab = vocab;
	g->start = start && order > 1;
	if (table_alloc(&g->t, BITS_MIN) || table_alloc(&g->ends, BITS_MIN)) {
		ngram_free(g);
		return -ENOMEM;
	}
	return 0;
}

void ngram_free(struct ngram_lm *g)
{
	free(g->t.e);
	free(g->ends.e);
	free(g->full);
	memset(g, 0, sizeof(*g));
}

/* Twice the slots once half are used: probes stay short. */
static int grow(struct ngram_table *t)
{
	struct ngram_entry *old = t->e;
	size_t n = (size_t)1 << t->bits, i;

	if (t->bits >= BITS_MAX)
		return -ENOMEM;
	if (table_alloc(t, t->bits + 1)) {
		t->e = old;
		t->bits--;
		return -ENOMEM;
	}
	for (i = 0; i < n; i++)
		if (old[i].key)
			t->e[slot_of(t, old[i].key)] = old[i];
	free(old);
	return 0;
}

/* The entry of key, added (zero counts) when new. */
static struct ngram_entry *find_add(struct ngram_table *t, uint64_t key)
{
	size_t i;

	if (2 * (t->count + 1) > (size_t)1 << t->bits && grow(t))
		return NULL;
	i = slot_of(t, key);
	if (!t->e[i].key) {
		t->e[i].key = key;
		t->count++;
	}
	return &t->e[i];
}

const struct ngram_entry *ngram_find(const struct ngram_lm *g, uint64_t key)
{
	size_t i = slot_of(&g->t, key);

	return g->t.e[i].key ? &g->t.e[i] : NULL;
}

/* A stream as the model reads it: the start symbol first where it has one. */
struct stream_at {
	const uint16_t *tok;
	size_t len;		/* with the start symbol */
	bool start;
};

static struct stream_at stream_at(const struct ngram_lm *g, const uint16_t *tok, size_t len)
{
	return (struct stream_at){ .tok = tok, .len = len + g->start, .start = g->start };
}

static uint16_t call_at(const struct stream_at *s, size_t i)
{
	if (!s->start)
		return s->tok[i];
	return i ? s->tok[i - 1] : HIDS_NGRAM_START;
}

/* Remember the gram of order calls that ends at position i, newest first. */
static int keep_full(struct ngram_lm *g, const struct stream_at *st, size_t i)
{
	uint16_t *p;
	size_t k;

	if (g->nfull == g->full_cap) {
		k = g->full_cap ? 2 * g->full_cap : 1024;
		p = realloc(g->full, k * g->order * sizeof(*p));
		if (!p)
			return -ENOMEM;
		g->full = p;
		g->full_cap = k;
	}
	p = g->full + g->nfull++ * g->order;
	for (k = 0; k < g->order; k++)
		p[k] = call_at(st, i - k);
	return 0;
}

/*
 * One position of a stream: its call, or its end (i == len).  Each
 * context h_n before it (n calls, up to order - 1) counts the sequence
 * "call after h_n" and, when that is new, one more distinct follower; the
 * empty context counts every position.
 */
static int count_position(struct ngram_lm *g, const struct stream_at *st, size_t i)
{
	struct hids_ngram_seq s;
	struct ngram_entry *e;
	bool fresh;
	size_t n;

	hids_ngram_seq_init(&s);
	for (n = 0; n < g->order && n <= i; n++) {
		if (n)
			hids_ngram_seq_older(&s, call_at(st, i - n));
		/* The gram first: adding may move entries. */
		if (i < st->len) {
			e = find_add(&g->t, hids_ngram_key_newer(&s, call_at(st, i)));
			if (!e)
				return -ENOMEM;
			fresh = !e->a;
			if (e->a >= COUNT_MAX)
				return -EOVERFLOW;
			e->a++;
			if (fresh && n == g->order - 1 && keep_full(g, st, i))
				return -ENOMEM;
		} else {
			e = find_add(&g->ends, hids_ngram_key(&s));
			if (!e)
				return -ENOMEM;
			fresh = !e->a;
			e->a = 1;
		}
		e = find_add(&g->t, hids_ngram_key(&s));
		if (!e)
			return -ENOMEM;
		/* Longer contexts were counted as grams; the empty one here. */
		if (!n) {
			if (e->a >= COUNT_MAX)
				return -EOVERFLOW;
			e->a++;
		}
		e->b += fresh;
	}
	g->count = g->t.count;
	return 0;
}

int ngram_train(struct ngram_lm *g, const uint16_t *tok, size_t len)
{
	struct stream_at st = stream_at(g, tok, len);
	struct hids_ngram_seq empty;
	struct ngram_entry *e;
	size_t i;
	int ret;

	hids_ngram_seq_init(&empty);
	/*
	 * The start symbol is a context only, never a call after another
	 * context: its own count (T as a context) is the number of streams.
	 */
	if (st.start) {
		e = find_add(&g->t, hids_ngram_key_newer(&empty, HIDS_NGRAM_START));
		if (!e)
			return -ENOMEM;
		if (e->a >= COUNT_MAX)
			return -EOVERFLOW;
		e->a++;
	}
	for (i = st.start; i <= st.len; i++) {
		ret = count_position(g, &st, i);
		if (ret)
			return ret;
	}
	return 0;
}

int ngram_train_views(struct ngram_lm *g, const struct views *v)
{
	size_t i;
	uint32_t j;
	int ret = 0;

	for (i = 0; i < v->n && !ret; i++)
		for (j = 0; j < v->v[i].n && !ret; j++)
			ret = ngram_train(g, v->v[i].sl[j].tok, v->v[i].sl[j].len);
	return ret;
}

void ngram_score(const struct ngram_lm *g, const uint16_t *tok, size_t len, double *out)
{
	struct stream_at st = stream_at(g, tok, len);
	const struct ngram_entry *ctx, *gram;
	struct hids_ngram_seq s;
	double p;
	size_t i, n;

	for (i = st.start; i < st.len; i++) {
		p = 1.0 / g->vocab;
		hids_ngram_seq_init(&s);
		for (n = 0; n < g->order && n <= i; n++) {
			if (n)
				hids_ngram_seq_older(&s, call_at(&st, i - n));
			ctx = ngram_find(g, hids_ngram_key(&s));
			if (!ctx || !(ctx->a + ctx->b))
				break;
			gram = ngram_find(g, hids_ngram_key_newer(&s, call_at(&st, i)));
			p = ((gram ? gram->a : 0) + ctx->b * p) / ((double)ctx->a + ctx->b);
		}
		out[i - st.start] = -log(p);
	}
}

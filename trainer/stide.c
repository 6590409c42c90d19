// SPDX-License-Identifier: GPL-2.0
/* STIDE: the n-gram set and per-call anomalies (see stide.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "stide.h"

#define STIDE_CAP_MIN	1024

static uint64_t gram_hash(const uint16_t *g, unsigned int n)
{
	uint64_t h = 0x9e3779b97f4a7c15ull;
	unsigned int i;

	for (i = 0; i < n; i++) {
		h ^= g[i];
		h *= 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	return h;
}

/* The slot holding gram, or the empty slot where it would go. */
static size_t slot_of(const struct stide *s, const uint16_t *g)
{
	size_t mask = s->cap - 1, i = gram_hash(g, s->n) & mask;

	while (s->used[i] && memcmp(&s->keys[i * s->n], g, s->n * sizeof(*g)))
		i = (i + 1) & mask;
	return i;
}

static int table_alloc(struct stide *s, size_t cap)
{
	s->keys = malloc(cap * s->n * sizeof(*s->keys));
	s->used = calloc(cap, 1);
	s->cap = cap;
	if (!s->keys || !s->used) {
		free(s->keys);
		free(s->used);
		s->keys = NULL;
		s->used = NULL;
		return -ENOMEM;
	}
	return 0;
}

int stide_init(struct stide *s, unsigned int n)
{
	memset(s, 0, sizeof(*s));
	if (n < 1 || n > STIDE_N_MAX)
		return -EINVAL;
	s->n = n;
	return table_alloc(s, STIDE_CAP_MIN);
}

void stide_free(struct stide *s)
{
	free(s->keys);
	free(s->used);
	memset(s, 0, sizeof(*s));
}

static void insert_at(struct stide *s, size_t i, const uint16_t *g)
{
	memcpy(&s->keys[i * s->n], g, s->n * sizeof(*g));
	s->used[i] = 1;
}

/* Doubles the table once it is half full: probes stay short. */
static int grow(struct stide *s)
{
	struct stide old = *s;
	size_t i;
	int ret;

	ret = table_alloc(s, old.cap * 2);
	if (ret) {
		*s = old;
		return ret;
	}
	for (i = 0; i < old.cap; i++) {
		if (old.used[i])
			insert_at(s, slot_of(s, &old.keys[i * s->n]), &old.keys[i * s->n]);
	}
	free(old.keys);
	free(old.used);
	return 0;
}

int stide_train(struct stide *s, const uint16_t *tok, size_t len)
{
	size_t i, at;
	int ret;

	for (i = 0; i + s->n <= len; i++) {
		at = slot_of(s, &tok[i]);
		if (s->used[at])
			continue;
		if (2 * (s->count + 1) > s->cap) {
			ret = grow(s);
			if (ret)
				return ret;
			at = slot_of(s, &tok[i]);
		}
		insert_at(s, at, &tok[i]);
		s->count++;
	}
	return 0;
}

bool stide_known(const struct stide *s, const uint16_t *gram)
{
	return s->used[slot_of(s, gram)];
}

size_t stide_score(const struct stide *s, const uint16_t *tok, size_t len, double *out)
{
	size_t i, first = len < s->n - 1 ? len : s->n - 1;

	for (i = 0; i < first; i++)
		out[i] = 0;
	for (; i < len; i++)
		out[i] = stide_known(s, &tok[i + 1 - s->n]) ? 0 : 1;
	return first;
}

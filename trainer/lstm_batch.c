// SPDX-License-Identifier: GPL-2.0
/* Lanes of token streams cut into (B,T) chunks for truncated BPTT. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lstm_batch.h"

int lstm_batch_alloc(struct lstm_batch *bt, int B, int T)
{
	size_t n = (size_t)B * T;
	char *p;

	memset(bt, 0, sizeof(*bt));
	if (B < 1 || T < 1)
		return -EINVAL;
	p = calloc(n, 2 * sizeof(int) + 2 * sizeof(uint32_t) + 1);
	if (!p)
		return -ENOMEM;
	bt->B = B;
	bt->T = T;
	bt->mem = p;
	bt->in = (int *)p;
	bt->tgt = bt->in + n;
	bt->sid = (uint32_t *)(bt->tgt + n);
	bt->pos = bt->sid + n;
	bt->start = (uint8_t *)(bt->pos + n);
	return 0;
}

void lstm_batch_free(struct lstm_batch *bt)
{
	free(bt->mem);
	memset(bt, 0, sizeof(*bt));
}

int streams_check(const struct token_stream *s, size_t n, int vocab)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (s[i].len && !s[i].tok)
			return -EINVAL;
		for (j = 0; j < s[i].len; j++) {
			if (s[i].tok[j] >= vocab)
				return -EINVAL;
		}
	}
	return 0;
}

int lanes_init(struct lanes *l, int B, const struct token_stream *s, size_t n,
	       const uint32_t *order)
{
	int b;

	memset(l, 0, sizeof(*l));
	l->cur = calloc(B, sizeof(*l->cur) + sizeof(*l->at));
	if (!l->cur)
		return -ENOMEM;
	l->at = (size_t *)(l->cur + B);
	l->B = B;
	l->s = s;
	l->n = n;
	l->order = order;
	for (b = 0; b < B; b++)
		l->cur[b] = -1;
	return 0;
}

void lanes_free(struct lanes *l)
{
	free(l->cur);
	memset(l, 0, sizeof(*l));
}

/* Lane b's current stream, taking the next non-empty one when it is done. */
static const struct token_stream *lane_stream(struct lanes *l, int b)
{
	const struct token_stream *s;

	if (l->cur[b] >= 0 && l->at[b] < l->s[l->cur[b]].len)
		return &l->s[l->cur[b]];
	l->cur[b] = -1;
	while (l->next < l->n) {
		s = &l->s[l->order[l->next++]];
		if (s->len) {
			l->cur[b] = s - l->s;
			l->at[b] = 0;
			return s;
		}
	}
	return NULL;
}

bool lanes_fill(struct lanes *l, struct lstm_batch *bt)
{
	const struct token_stream *s;
	size_t i, p;
	int b, t;

	bt->count = 0;
	for (b = 0; b < bt->B; b++) {
		for (t = 0; t < bt->T; t++) {
			i = (size_t)b * bt->T + t;
			s = b < l->B ? lane_stream(l, b) : NULL;
			if (!s) {
				bt->in[i] = 0;
				bt->tgt[i] = -1;
				bt->start[i] = 0;
				bt->sid[i] = UINT32_MAX;
				bt->pos[i] = 0;
				continue;
			}
			p = l->at[b]++;
			bt->in[i] = s->tok[p];
			bt->tgt[i] = p + 1 < s->len ? s->tok[p + 1] : -1;
			bt->start[i] = p == 0;
			bt->sid[i] = l->cur[b];
			bt->pos[i] = p;
			bt->count += (p == 0) + (p + 1 < s->len);
		}
	}
	return bt->count > 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * One step of the n-gram model (include/uapi/linux/hids_model.h): the
 * Witten-Bell walk up the orders in 64-bit integers.
 *
 * p is a normalised binary fraction, p = r / 2^w with r in [2^62, 2^63),
 * because a chain of unseen calls takes p far below any fixed point
 * (e^-30 is common for an attack's call, and that is the signal).  One
 * order, with counts of at most 2^30 (the validator's bound):
 *   num = C * 2^e' + D * (r >> 32) >> (w - 32 - e'),   p' = num / (T + D) / 2^e'
 * where e' = w - 32, or at most 31 when C > 0 so C * 2^e' stays below
 * 2^61; D * (r >> 32) is below 2^61 too, so num < 2^62.  num is then
 * normalised before the division so that the quotient keeps 31 bits or
 * more.  p is kept at most 1 (w >= 62, so e >= 30), whatever the counts
 * say; w grows by at most 31 per order, so -ln p stays below 400 nats.
 */
#include <linux/hids_model.h>

#include "fixed.h"
#include "model.h"
#include "ngram.h"

#define TOP	62		/* r's top bit */
/* State: u16 calls seen (at most order - 1), then the last calls, newest first. */
size_t hids_ngram_state_size(const struct hids_model *m)
{
	return (size_t)m->info.order * sizeof(u16);
}

/*
 * A fresh stream: no call seen, or, in a model with a start symbol, that
 * symbol alone (it counts as a seen call and leaves after order - 1 calls,
 * as it did in the streams the model was counted from).
 */
void hids_ngram_reset(const struct hids_model *m, void *state)
{
	u16 *seen = state;

	memset(state, 0, hids_ngram_state_size(m));
	if ((m->info.flags & HIDS_MODEL_FLAG_NGRAM_START) && m->info.order > 1) {
		seen[0] = 1;
		seen[1] = HIDS_NGRAM_START;
	}
}

bool hids_ngram_table_ok(const u8 *p, u32 bits)
{
	size_t i;
	u32 a, b;

	for (i = 0; i < (size_t)1 << bits; i++, p += 16) {
		a = hids_le32(p + 8);
		b = hids_le32(p + 12);
		if (a > HIDS_NGRAM_MAX_COUNT || b > HIDS_NGRAM_MAX_COUNT)
			return false;
		if (!hids_le64(p) && (a || b))
			return false;
	}
	return true;
}

/* Linear probing, at most max_probe slots: bounded whatever the table holds. */
static const struct hids_ngram_entry *find(const struct hids_model *m, u64 key)
{
	u32 bits = m->info.table_bits, mask = (1U << bits) - 1, i = hids_ngram_home(key, bits), n;
	const struct hids_ngram_entry *e;

	for (n = 0; n < m->info.max_probe; n++, i = (i + 1) & mask) {
		e = &m->table[i];
		if (e->key == key)
			return e;
		if (!e->key)
			return NULL;
	}
	return NULL;
}

/* x (not 0) shifted up so its top bit is bit TOP; *w grows by the shift. */
static u64 normalise(u64 x, u32 *w)
{
	int sh = __builtin_clzll(x) - (63 - TOP);

	*w += sh;
	return x << sh;
}

u32 hids_ngram_walk(const struct hids_model *m, const u16 *hist, u32 fill, u16 token)
{
	u32 n, w = TOP, e;
	const struct hids_ngram_entry *ctx, *gram;
	struct hids_ngram_seq seq;
	u64 r, den, num, c, part;
	s64 score;

	r = normalise((1ULL << TOP) / m->info.vocab, &w);
	hids_ngram_seq_init(&seq);
	for (n = 0; n <= fill; n++) {
		if (n)
			hids_ngram_seq_older(&seq, hist[n - 1]);
		ctx = find(m, hids_ngram_key(&seq));
		den = ctx ? (u64)ctx->a + ctx->b : 0;
		if (!den)
			break;
		gram = find(m, hids_ngram_key_newer(&seq, token));
		c = gram ? gram->a : 0;
		e = w - 32;
		if (c && e > 31)
			e = 31;
		part = (u64)ctx->b * (r >> 32);
		num = (c ? c << e : 0) + (w - 32 - e < 64 ? part >> (w - 32 - e) : 0);
		if (!num)
			break;
		w = e;
		num = normalise(num, &w);
		r = normalise(div64_u64(num, den), &w);
		/* Counts that disagree (C > T) could push p past 1: keep w >= TOP. */
		if (w < TOP || (w == TOP && r > 1ULL << TOP)) {
			r = 1ULL << TOP;
			w = TOP;
		}
	}
	/* -ln p = w ln 2 - ln r = (w - 30) ln 2 - ln(r / 2^30), Q24 to Q16.16. */
	score = (s64)w * LN2_Q24 - 30LL * LN2_Q24 - hids_ln_q30(r);
	score = (score + 128) >> 8;
	return score < 0 ? 0 : (u32)score;
}

/*
 * The score a model with HIDS_MODEL_FLAG_NGRAM_SCORES holds for token after
 * the full context hist (order - 1 calls), or -1 where that gram was never
 * seen: one key and one lookup.
 */
static s64 held_score(const struct hids_model *m, const u16 *hist, u16 token)
{
	const struct hids_ngram_entry *gram;
	struct hids_ngram_seq seq;
	u32 n;

	hids_ngram_seq_init(&seq);
	for (n = 0; n + 1 < m->info.order; n++)
		hids_ngram_seq_older(&seq, hist[n]);
	gram = find(m, hids_ngram_key_newer(&seq, token));
	return gram ? (s64)gram->b : -1;
}

u32 hids_ngram_step(const struct hids_model *m, void *state, u16 token)
{
	u32 order = m->info.order, fill;
	u16 *seen = state, *hist = seen + 1;
	s64 score = -1;

	if (token >= m->info.vocab)
		token = 0;
	fill = *seen < order ? *seen : order - 1;
	if ((m->info.flags & HIDS_MODEL_FLAG_NGRAM_SCORES) && fill == order - 1)
		score = held_score(m, hist, token);
	if (score < 0)
		score = hids_ngram_walk(m, hist, fill, token);
	if (score > m->ngram_cap)
		score = m->ngram_cap;
	if (order > 1) {
		memmove(hist + 1, hist, (order - 2) * sizeof(u16));
		hist[0] = token;
		*seen = fill < order - 1 ? fill + 1 : fill;
	}
	score += m->offsets[token];
	return score < 0 ? 0 : score > 0xffffffffLL ? 0xffffffff : (u32)score;
}

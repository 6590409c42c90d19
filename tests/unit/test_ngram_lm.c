// SPDX-License-Identifier: GPL-2.0
/*
 * The Witten-Bell n-gram model: counts, interpolated probabilities worked
 * out by hand, unseen contexts and calls, table growth.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include <linux/hids_model.h>

#include "ngram.h"
#include "ngram_lm.h"
#include "tap.h"

static bool near(double a, double b)
{
	return fabs(a - b) < 1e-12;
}

/* The entry of the sequence given newest call first. */
static const struct ngram_entry *seq_entry(const struct ngram_lm *g, const uint16_t *newest_first,
					   size_t n)
{
	struct hids_ngram_seq s;
	size_t i;

	hids_ngram_seq_init(&s);
	for (i = 0; i < n; i++)
		hids_ngram_seq_older(&s, newest_first[i]);
	return ngram_find(g, hids_ngram_key(&s));
}

/*
 * Training 1 2 1 2, order 2, vocabulary 3, and the stream's end: the empty
 * context occurs 5 times (4 calls and the end), followed by 1, 2 and the
 * end (D 3); 1 occurs twice, always followed by 2 (D 1); 2 occurs twice,
 * followed by 1 and by the end (D 2).  Scoring 1 2 0:
 *   1:          (2 + 3 * 1/3) / (5 + 3)                   = 3/8
 *   2 after 1:  (2 + 1 * (2 + 1) / 8) / (2 + 1)            = 19/24
 *   0 after 2:  (0 + 2 * (0 + 1) / 8) / (2 + 2)            = 1/16
 * and 1 after 0 (a context never seen) keeps the empty context's 3/8.
 */
static void test_probabilities(void)
{
	static const uint16_t tr[] = { 1, 2, 1, 2 }, te[] = { 1, 2, 0 }, te2[] = { 0, 1 };
	static const uint16_t s1[] = { 1 }, s2[] = { 2 }, s12[] = { 2, 1 };
	const struct ngram_entry *e;
	struct ngram_lm g;
	double out[3];

	/* The empty sequence, 1, 2, "1 then 2" and "2 then 1". */
	tap_ok(!ngram_init(&g, 2, 3, false) && !ngram_train(&g, tr, 4) && g.count == 5,
	       "ngram: 5 call sequences from 1 2 1 2");
	e = seq_entry(&g, NULL, 0);
	tap_ok(e && e->a == 5 && e->b == 3, "ngram: empty context T 5, D 3 (the end counts)");
	e = seq_entry(&g, s1, 1);
	tap_ok(e && e->a == 2 && e->b == 1, "ngram: context 1: T 2, D 1");
	e = seq_entry(&g, s2, 1);
	tap_ok(e && e->a == 2 && e->b == 2, "ngram: context 2: T 2, D 2 (1 and the end)");
	e = seq_entry(&g, s12, 2);
	tap_ok(e && e->a == 2 && e->b == 0, "ngram: gram 1 then 2: C 2");
	ngram_score(&g, te, 3, out);
	tap_ok(near(out[0], -log(3.0 / 8)) && near(out[1], -log(19.0 / 24)) &&
	       near(out[2], -log(1.0 / 16)), "ngram: -log p of 1 2 0 is -log 3/8, 19/24, 1/16");
	ngram_score(&g, te2, 2, out);
	tap_ok(near(out[1], -log(3.0 / 8)), "ngram: after an unseen context, the shorter one's p");
	ngram_free(&g);
	tap_ok(ngram_init(&g, 0, 3, false) == -EINVAL && ngram_init(&g, NGRAM_ORDER_MAX + 1, 3, false) ==
	       -EINVAL && ngram_init(&g, 2, 0, false) == -EINVAL, "ngram: order 1..%d, vocabulary >= 1",
	       NGRAM_ORDER_MAX);
}

/* 30000 distinct bigrams grow the table; every count is still found. */
static void test_grow(void)
{
	enum { N = 30000 };
	uint16_t *tok = malloc(N * sizeof(*tok)), seq[2];
	const struct ngram_entry *e;
	struct ngram_lm g;
	bool ok = tok;
	size_t i;

	for (i = 0; ok && i < N; i++)
		tok[i] = i;
	ok = ok && !ngram_init(&g, 2, N, false) && !ngram_train(&g, tok, N);
	/* The empty sequence, N single calls, N - 1 pairs. */
	ok = ok && g.count == 1 + N + (N - 1);
	for (i = 1; ok && i < N; i++) {
		seq[0] = i;
		seq[1] = i - 1;
		e = seq_entry(&g, seq, 2);
		ok = e && e->a == 1;
	}
	tap_ok(ok, "ngram: %d distinct bigrams counted across growth", N);
	ngram_free(&g);
	free(tok);
}

/*
 * The same stream with a start symbol S: S is a context seen once (one
 * stream), followed by 1: T 1, D 1.  The empty context is as before (S is
 * never a call), so p(1 | S) = (1 + 3/8) / 2 = 11/16, p(2 | S) = (0 + 3/8)
 * / 2 = 3/16, where without S a first call gets the empty context's 3/8.
 */
static void test_start(void)
{
	static const uint16_t tr[] = { 1, 2, 1, 2 }, te[] = { 1, 2 }, te2[] = { 2 };
	static const uint16_t s[] = { HIDS_NGRAM_START };
	const struct ngram_entry *e;
	struct ngram_lm g;
	double out[2];

	tap_ok(!ngram_init(&g, 2, 3, true) && !ngram_train(&g, tr, 4) && g.count == 7,
	       "ngram start: 7 call sequences (S and S then 1 besides the 5)");
	e = seq_entry(&g, NULL, 0);
	tap_ok(e && e->a == 5 && e->b == 3, "ngram start: the empty context does not count S");
	e = seq_entry(&g, s, 1);
	tap_ok(e && e->a == 1 && e->b == 1, "ngram start: context S: T 1, D 1");
	ngram_score(&g, te, 2, out);
	tap_ok(near(out[0], -log(11.0 / 16)) && near(out[1], -log(19.0 / 24)),
	       "ngram start: -log p of 1 2 is -log 11/16, 19/24");
	ngram_score(&g, te2, 1, out);
	tap_ok(near(out[0], -log(3.0 / 16)), "ngram start: a first call never seen first: 3/16");
	ngram_free(&g);
	tap_ok(!ngram_init(&g, 1, 3, true) && !g.start, "ngram start: order 1 has no context for S");
	ngram_free(&g);
}

int main(void)
{
	test_probabilities();
	test_start();
	test_grow();
	return tap_done();
}

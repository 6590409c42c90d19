// SPDX-License-Identifier: GPL-2.0
/*
 * The Witten-Bell n-gram model: counts, interpolated probabilities worked
 * out by hand, unseen contexts and calls, table growth.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "ngram.h"
#include "ngram_lm.h"
#include "tap.h"

static bool near(double a, double b)
{
	return fabs(a - b) < 1e-12;
}

/*
 * Training 1 2 1 2, order 2, vocabulary 3: the empty context has T 4,
 * D 2 (1 twice, 2 twice); after 1: T 2, D 1 (2 twice); after 2: T 1, D 1.
 * Scoring 1 2 0:
 *   1:          (2 + 2/3) / (4 + 2)                      = 4/9
 *   2 after 1:  (2 + 1 * 4/9) / (2 + 1), 4/9 as above    = 22/27
 *   0 after 2:  (0 + 1 * (0 + 2/3) / 6) / (1 + 1)        = 1/18
 * and 1 after 0 (a context never seen) keeps the empty context's 4/9.
 */
static void test_probabilities(void)
{
	static const uint16_t tr[] = { 1, 2, 1, 2 }, te[] = { 1, 2, 0 }, te2[] = { 0, 1 };
	const struct ngram_entry *e;
	struct ngram_lm g;
	double out[3];

	tap_ok(!ngram_init(&g, 2, 3) && !ngram_train(&g, tr, 4) && g.count == 7,
	       "ngram: 3 contexts and 4 grams from 1 2 1 2");
	e = ngram_find(&g, HIDS_NGRAM_CTX0);
	tap_ok(e && e->a == 4 && e->b == 2, "ngram: empty context T 4, D 2");
	e = ngram_find(&g, hids_ngram_extend(HIDS_NGRAM_CTX0, 1));
	tap_ok(e && e->a == 2 && e->b == 1, "ngram: context 1: T 2, D 1");
	ngram_score(&g, te, 3, out);
	tap_ok(near(out[0], -log(4.0 / 9)) && near(out[1], -log(22.0 / 27)) &&
	       near(out[2], -log(1.0 / 18)), "ngram: -log p of 1 2 0 is -log 4/9, 22/27, 1/18");
	ngram_score(&g, te2, 2, out);
	tap_ok(near(out[1], -log(4.0 / 9)), "ngram: after an unseen context, the shorter one's p");
	ngram_free(&g);
	tap_ok(ngram_init(&g, 0, 3) == -EINVAL && ngram_init(&g, NGRAM_ORDER_MAX + 1, 3) ==
	       -EINVAL && ngram_init(&g, 2, 0) == -EINVAL, "ngram: order 1..%d, vocabulary >= 1",
	       NGRAM_ORDER_MAX);
}

/* 30000 distinct bigrams grow the table; every count is still found. */
static void test_grow(void)
{
	enum { N = 30000 };
	uint16_t *tok = malloc(N * sizeof(*tok));
	const struct ngram_entry *e;
	struct ngram_lm g;
	bool ok = tok;
	size_t i;

	for (i = 0; ok && i < N; i++)
		tok[i] = i;
	ok = ok && !ngram_init(&g, 2, N) && !ngram_train(&g, tok, N);
	/* 1 empty context and N grams after it, N - 1 contexts and grams. */
	ok = ok && g.count == 1 + N + 2 * (N - 1);
	for (i = 1; ok && i < N; i++) {
		e = ngram_find(&g, hids_ngram_gram(hids_ngram_extend(HIDS_NGRAM_CTX0, i - 1), i));
		ok = e && e->a == 1;
	}
	tap_ok(ok, "ngram: %d distinct bigrams counted across growth", N);
	ngram_free(&g);
	free(tok);
}

int main(void)
{
	test_probabilities();
	test_grow();
	return tap_done();
}

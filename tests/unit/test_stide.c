// SPDX-License-Identifier: GPL-2.0
/*
 * STIDE: the n-gram set (dedup, growth, lookups), per-call anomalies and
 * LID-DS's window over them, through the same metrics as the LSTM.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "lidds_metrics.h"
#include "stide.h"
#include "tap.h"

/* Training 1 2 3 1 2 3 with n = 3: grams 123 231 312 (123 again): 3. */
static void test_train(void)
{
	static const uint16_t tr[] = { 1, 2, 3, 1, 2, 3 };
	static const uint16_t g123[] = { 1, 2, 3 }, g321[] = { 3, 2, 1 };
	struct stide s;

	tap_ok(!stide_init(&s, 3) && !stide_train(&s, tr, 6) && s.count == 3,
	       "stide: 3 distinct 3-grams");
	tap_ok(stide_known(&s, g123) && !stide_known(&s, g321), "stide: 123 known, 321 not");
	stide_free(&s);
	tap_ok(stide_init(&s, 0) == -EINVAL && stide_init(&s, STIDE_N_MAX + 1) == -EINVAL,
	       "stide: n outside 1..%d is -EINVAL", STIDE_N_MAX);
}

/*
 * Scoring 1 2 3 4 1 2 3 against the set above: first = 2; calls 0 and 1
 * have no gram (0), then 123 -> 0, 234 -> 1, 341 -> 1, 412 -> 1,
 * 123 -> 0.  A stream of 2 calls has no gram at all: first = len = 2.
 */
static void test_score(void)
{
	static const uint16_t tr[] = { 1, 2, 3, 1, 2, 3 }, te[] = { 1, 2, 3, 4, 1, 2, 3 };
	static const double want[] = { 0, 0, 0, 1, 1, 1, 0 };
	double out[7];
	struct stide s;
	size_t first, i;
	bool ok;

	stide_init(&s, 3);
	stide_train(&s, tr, 6);
	first = stide_score(&s, te, 7, out);
	ok = first == 2;
	for (i = 0; i < 7; i++)
		ok &= out[i] == want[i];
	tap_ok(ok, "stide: anomalies 0 0 0 1 1 1 0 from call 2");
	tap_ok(stide_score(&s, te, 2, out) == 2, "stide: 2 calls, no 3-gram, nothing scored");
	stide_free(&s);
}

/* 20000 distinct 2-grams (i, i + 1) grow the table from 1024 slots. */
static void test_grow(void)
{
	enum { N = 20001 };
	uint16_t *tok = malloc(N * sizeof(*tok)), g[2];
	struct stide s;
	bool ok;
	size_t i;

	for (i = 0; i < N; i++)
		tok[i] = (uint16_t)(i * 7);
	ok = !stide_init(&s, 2) && !stide_train(&s, tok, N) && s.count == N - 1 &&
	     2 * s.count <= s.cap;
	for (i = 0; ok && i + 1 < N; i++)
		ok = stide_known(&s, &tok[i]);
	g[0] = 7;
	g[1] = 0;
	tap_ok(ok && !stide_known(&s, g), "stide: 20000 grams after growing, all found");
	stide_free(&s);
	free(tok);
}

/*
 * Through the metrics: training 1 2 3, n = 2 (grams 12, 23).  Threads
 * A = 1 2 9 at t 0 2 4 and B = 1 2 2 at t 1 3 5: scored calls A t2 0,
 * A t4 1 (29), B t3 0, B t5 1 (22).  LID-DS's StreamSum over the
 * recording, W = 2, not waiting: in order t2 t3 t4 t5 the sums are
 * 0 0 1 2 -> values /2: 0 0 0.5 1.  At threshold 0.5 only t5 alarms; the
 * exploit is at t 4, so tp 1, tn 2 (t2 t3), fn 1 (t4), detected.
 */
static void test_metrics_path(void)
{
	static const uint16_t tr[] = { 1, 2, 3 }, a[] = { 1, 2, 9 }, b[] = { 1, 2, 2 };
	static const uint64_t ta[] = { 0, 2, 4 }, tb[] = { 1, 3, 5 };
	struct detector d = stide_detector(2);
	struct lidds_counts c = { 0 };
	struct score_thread th[2];
	struct score_rec r = { .attack = true, .exploit_t = 4, .th = th, .nthreads = 2 };
	double sa[3], sb[3], max = 0;
	struct stide s;

	stide_init(&s, 2);
	stide_train(&s, tr, 3);
	stide_thread(&th[0], sa, ta, 3, stide_score(&s, a, 3, sa));
	stide_thread(&th[1], sb, tb, 3, stide_score(&s, b, 3, sb));
	tap_ok(th[0].len == 2 && th[0].t[0] == 2 && th[1].f[1] == 1,
	       "stide: scored calls start at the first full gram");
	tap_ok(!score_rec_det_max(&r, &d, &max) && max == 1.0, "stide: StreamSum max 2/2");
	tap_ok(!lidds_count_rec(&c, &r, &d, 0.5) && c.tp == 1 && c.tn == 2 && c.fn == 1 &&
	       c.fp == 0 && c.alarm_count == 1, "stide: LID-DS counts tp 1 tn 2 fn 1");
	stide_free(&s);
}

int main(void)
{
	tap_plan(9);
	test_train();
	test_score();
	test_grow();
	test_metrics_path();
	return tap_done();
}

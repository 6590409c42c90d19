// SPDX-License-Identifier: GPL-2.0
/*
 * Count vectors: k-means on hand-made windows, the distance of a window
 * that must score high and of one that must score low, the sliding sums
 * against a direct computation, and the windows' positions.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "count_vectors.h"
#include "tap.h"

#define V 4

/* One view per stream, one slice each (what views_of() makes of threads). */
struct hand_views {
	struct views vs;
	struct view v[4];
	struct slice sl[4];
};

static void hand_dur(struct hand_views *h, const uint16_t *const *tok,
		     const uint32_t *const *dur, const uint32_t *len, int n)
{
	int i;

	memset(h, 0, sizeof(*h));
	for (i = 0; i < n; i++) {
		h->sl[i] = (struct slice){ .tok = tok[i], .dur = dur ? dur[i] : NULL,
					   .len = len[i] };
		h->v[i] = (struct view){ .name = "t", .sl = &h->sl[i], .n = 1 };
	}
	h->vs = (struct views){ .v = h->v, .n = n };
}

static void hand(struct hand_views *h, const uint16_t *const *tok, const uint32_t *len, int n)
{
	hand_dur(h, tok, NULL, len, n);
}

/* |counts / in - mu| to the nearest centroid, from scratch. */
static double direct(const struct cvec *m, const uint16_t *tok, size_t end, size_t in)
{
	double x[V] = { 0 }, best = INFINITY, d;
	uint32_t c, v;
	size_t i;

	for (i = end + 1 - in; i <= end; i++)
		x[tok[i]] += 1.0 / in;
	for (c = 0; c < m->k; c++) {
		for (d = 0, v = 0; v < V; v++)
			d += (x[v] - m->mu[c * V + v]) * (x[v] - m->mu[c * V + v]);
		best = fmin(best, d);
	}
	return sqrt(best);
}

/*
 * Two kinds of normal thread: all 1s, and 2s and 3s alternating.  With
 * k = 2 the centroids are (0,1,0,0) and (0,0,.5,.5): a window of those
 * scores 0, one of 0s (a call never seen) scores far.
 */
static void test_hand(void)
{
	static const uint16_t ones[] = { 1, 1, 1, 1, 1, 1, 1, 1 };
	static const uint16_t alt[] = { 2, 3, 2, 3, 2, 3, 2, 3 };
	static const uint16_t odd[] = { 0, 0, 0, 0 }, mixed[] = { 2, 3, 2, 3, 0, 0, 0, 0 };
	const uint16_t *const tr[] = { ones, alt };
	static const uint32_t len[] = { 8, 8 };
	struct hand_views h;
	uint32_t at[8];
	double out[8];
	struct cvec m;
	size_t n;
	int ok;

	hand(&h, tr, len, 2);
	ok = !cvec_train(&m, &h.vs, V, 4, 2, false);
	tap_ok(ok && m.k == 2 && m.samples == 10,
	       "cvec: 2 clusters from the 10 windows of 4 calls of two threads (%zu)", m.samples);
	ok = !cvec_score(&m, alt, NULL, 8, out, at, &n) && n == 5;
	for (size_t i = 0; ok && i < n; i++)
		ok = out[i] < 1e-9 && at[i] == i + 3;
	tap_ok(ok, "cvec: a normal thread's 5 windows score 0, at calls 3..7");
	ok = !cvec_score(&m, odd, NULL, 4, out, at, &n) && n == 1 && fabs(out[0] - sqrt(1.5)) < 1e-9;
	tap_ok(ok, "cvec: a window of a call never seen scores sqrt(1.5), its distance to "
	       "(0,0,.5,.5)");
	ok = !cvec_score(&m, mixed, NULL, 8, out, at, &n) && n == 5 && out[0] < 1e-9 &&
	     out[4] > out[2] && out[2] > out[0];
	tap_ok(ok, "cvec: as the unseen call fills the window, its distance grows");
	ok = !cvec_score(&m, alt, NULL, 3, out, at, &n) && n == 1 && at[0] == 2;
	tap_ok(ok, "cvec: a thread shorter than the window is one window, at its last call");
	tap_ok(!cvec_score(&m, alt, NULL, 0, out, at, &n) && n == 0, "cvec: an empty stream, no window");
	cvec_free(&m);
}

/* The sliding sums against the distance computed from scratch, 2000 calls. */
static void test_sliding(void)
{
	enum { N = 2000, W = 37 };
	uint16_t *tok = malloc(N * sizeof(*tok)), *tr = malloc(N * sizeof(*tr));
	double *out = malloc(N * sizeof(*out)), worst = 0;
	uint32_t *at = malloc(N * sizeof(*at)), len = N, seed = 7;
	const uint16_t *trs[1];
	struct hand_views h;
	struct cvec m;
	size_t i, n;

	for (i = 0; i < N; i++) {
		seed = seed * 1103515245 + 12345;
		tok[i] = (seed >> 16) % V;
		tr[i] = (seed >> 20) % 3;
	}
	trs[0] = tr;
	hand(&h, trs, &len, 1);
	cvec_train(&m, &h.vs, V, W, 5, false);
	cvec_score(&m, tok, NULL, N, out, at, &n);
	for (i = 0; i < n; i++)
		worst = fmax(worst, fabs(out[i] - direct(&m, tok, at[i], W)));
	tap_ok(n == N - W + 1 && worst < 1e-9,
	       "cvec: %zu sliding windows match the direct distance (worst error %.2g)", n,
	       worst);
	cvec_free(&m);
	free(tok);
	free(tr);
	free(out);
	free(at);
}

/*
 * Durations: normal threads spend equal time in calls 2 and 3; a thread
 * with the same calls, 9 times longer in 2, has the counts of a normal
 * one but not its time shares: (0,0,.9,.1) against (0,0,.5,.5).
 */
static void test_durations(void)
{
	static const uint16_t alt[] = { 2, 3, 2, 3, 2, 3, 2, 3 };
	static const uint32_t even[] = { 10, 10, 10, 10, 10, 10, 10, 10 };
	static const uint32_t slow2[] = { 90, 10, 90, 10, 90, 10, 90, 10 };
	static const uint32_t zero[8] = { 0 };
	const uint16_t *const tr[] = { alt };
	const uint32_t *const dr[] = { even }, *const none[] = { zero };
	static const uint32_t len[] = { 8 };
	struct hand_views h;
	struct cvec m, c;
	uint32_t at[8];
	double out[8];
	size_t n;
	int ok;

	hand_dur(&h, tr, dr, len, 1);
	ok = !cvec_train(&m, &h.vs, V, 4, 1, true) && !cvec_train(&c, &h.vs, V, 4, 1, false);
	ok = ok && !cvec_score(&c, alt, slow2, 8, out, at, &n) && n == 5 && out[0] < 1e-9;
	tap_ok(ok, "cvec: by counts, the slow thread looks normal");
	ok = !cvec_score(&m, alt, even, 8, out, at, &n) && n == 5 && out[4] < 1e-9 &&
	     !cvec_score(&m, alt, slow2, 8, out, at, &n) && n == 5 &&
	     fabs(out[0] - sqrt(0.32)) < 1e-9 && fabs(out[4] - sqrt(0.32)) < 1e-9;
	tap_ok(ok, "cvec: by durations, it is sqrt(0.32) from normal, a normal one 0");
	ok = !cvec_score(&m, alt, NULL, 8, out, at, &n) && n == 0 &&
	     !cvec_score(&m, alt, zero, 8, out, at, &n) && n == 0;
	tap_ok(ok, "cvec: a thread without durations has no duration window");
	cvec_free(&m);
	cvec_free(&c);
	hand_dur(&h, tr, none, len, 1);
	tap_ok(cvec_train(&m, &h.vs, V, 4, 1, true) == -ENODATA,
	       "cvec: training threads with no duration at all are -ENODATA");
}

static void test_bad(void)
{
	static const uint16_t one[] = { 1 };
	const uint16_t *const tr[] = { one };
	static const uint32_t len[] = { 1 }, none[] = { 0 };
	struct hand_views h;
	struct cvec m;

	hand(&h, tr, len, 1);
	tap_ok(cvec_train(&m, &h.vs, V, 0, 2, false) == -EINVAL &&
	       cvec_train(&m, &h.vs, V, 4, 0, false) == -EINVAL &&
	       cvec_train(&m, &h.vs, V, 4, CVEC_K_MAX + 1, false) == -EINVAL,
	       "cvec: window 0, k 0 or k above %d is -EINVAL", CVEC_K_MAX);
	tap_ok(!cvec_train(&m, &h.vs, V, 4, 8, false) && m.k == 1,
	       "cvec: k shrinks to the number of training windows (1)");
	cvec_free(&m);
	hand(&h, tr, none, 1);
	tap_ok(cvec_train(&m, &h.vs, V, 4, 2, false) == -ENODATA,
	       "cvec: no training window is -ENODATA");
}

int main(void)
{
	tap_plan(6 + 1 + 4 + 3);
	test_hand();
	test_sliding();
	test_durations();
	test_bad();
	return tap_done();
}

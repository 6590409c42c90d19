// SPDX-License-Identifier: GPL-2.0
/*
 * The LSTM autoencoder and seq2seq baselines: the gradient of a batch
 * against central finite differences for every parameter (padding and
 * unscored targets included), then both models trained on hand threads:
 * a window they saw must score low, one of calls never seen high; the
 * windows' positions with a stride, and bad input.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lstm_encdec.h"
#include "tap.h"

#define V 6

static const char *const kind_name[] = { "autoencoder", "seq2seq" };

/* One view per stream, one slice each (what views_of() makes of threads). */
struct hand_views {
	struct views vs;
	struct view v[2];
	struct slice sl[2];
};

static void hand(struct hand_views *h, const uint16_t *const *tok, const uint32_t *len, int n)
{
	int i;

	memset(h, 0, sizeof(*h));
	for (i = 0; i < n; i++) {
		h->sl[i] = (struct slice){ .tok = tok[i], .len = len[i] };
		h->v[i] = (struct view){ .name = "t", .sl = &h->sl[i], .n = 1 };
	}
	h->vs = (struct views){ .v = h->v, .n = n };
}

/*
 * Three windows of 4 calls, H = 3, E = 2: the first padded at its start
 * (a thread's first calls), the last with an unscored target in the
 * middle.  Every parameter's analytic gradient against (L(p+e) -
 * L(p-e)) / 2e.
 */
static void test_gradient(enum encdec_kind kind)
{
	static const int in[] = { V, V, 1, 2, 3, 4, 5, 0, 2, 2, 1, 0 };
	static const int tgt[] = { -1, -1, 1, 2, 3, 4, 5, 0, 2, -1, 1, 0 };
	const float eps = 1e-2f;
	double mean, up, down, num, worst = 0, biggest = 0;
	struct encdec m;
	float *g, keep;
	size_t i;
	int ok;

	ok = !encdec_init(&m, kind, V, 4, 3, 2, 11);
	g = calloc(m.nparams, sizeof(*g));
	ok = ok && g && !encdec_batch(&m, in, tgt, 3, NULL, g, &mean);
	for (i = 0; ok && i < m.nparams; i++) {
		keep = m.params[i];
		m.params[i] = keep + eps;
		ok = !encdec_batch(&m, in, tgt, 3, NULL, NULL, &up);
		m.params[i] = keep - eps;
		ok = ok && !encdec_batch(&m, in, tgt, 3, NULL, NULL, &down);
		m.params[i] = keep;
		num = (up - down) / (2 * eps);
		worst = fmax(worst, fabs(num - g[i]));
		biggest = fmax(biggest, fabs(g[i]));
	}
	tap_ok(ok && worst < 2e-3 && biggest > 1e-2,
	       "%s: all %zu gradients match finite differences (worst error %.2g, largest "
	       "gradient %.2g)", kind_name[kind], m.nparams, worst, biggest);
	free(g);
	encdec_free(&m);
}

/*
 * Normal threads cycle 0 1 2 3; a window of 4s and 5s (calls never seen)
 * must score far above a normal one, and in a thread that turns to them,
 * the windows that hold them above those that do not.
 */
static void test_hand(enum encdec_kind kind)
{
	static uint16_t cyc[200], odd[8] = { 4, 5, 4, 5, 4, 5, 4, 5 };
	static uint16_t turn[] = { 0, 1, 2, 3, 0, 1, 2, 3, 5, 4 };
	const uint16_t *tr[] = { cyc, cyc + 1 };
	static const uint32_t len[] = { 200, 150 };
	double out[200], normal = 0;
	struct hand_views h;
	struct encdec m, n2;
	uint32_t at[200];
	size_t i, n;
	int ok;

	for (i = 0; i < 200; i++)
		cyc[i] = i % 4;
	hand(&h, tr, len, 2);
	ok = !encdec_init(&m, kind, V, 4, 16, 8, 1) && !encdec_train(&m, &h.vs, 200, 1);
	tap_ok(ok && m.samples == 197 + 147 && m.epochs == 200 && m.loss < 0.05,
	       "%s: trained on the %zu windows of two threads (last epoch's loss %.3g nats)",
	       kind_name[kind], m.samples, m.loss);
	/*
	 * seq2seq's first windows read padding, and training threads begin
	 * with 0 and with 1: those may only guess between the two.
	 */
	ok = ok && !encdec_score(&m, cyc, 40, 1, out, at, &n) && n == 37;
	for (i = 0; ok && i < n; i++) {
		if (kind == ENCDEC_AUTOENCODER || at[i] >= 7)
			normal = fmax(normal, out[i]);
		ok = at[i] == i + 3;
	}
	ok = ok && normal < 0.1;
	tap_ok(ok, "%s: a normal thread's 37 windows end at calls 3..39; those from call %d on "
	       "score at most %.3g nats", kind_name[kind], kind == ENCDEC_AUTOENCODER ? 3 : 7,
	       normal);
	ok = !encdec_score(&m, odd, 8, 1, out, at, &n) && n == 5 && out[4] > 2.0;
	tap_ok(ok, "%s: a window of calls never seen scores %.3g nats", kind_name[kind],
	       n == 5 ? out[4] : NAN);
	ok = !encdec_score(&m, turn, 10, 1, out, at, &n) && n == 7;
	ok = ok && out[6] > 1.0 && out[5] > 1.0 && out[4] < 0.1 && out[6] > 10 * out[4];
	tap_ok(ok, "%s: the windows that hold the turn score above those before it "
	       "(%.3g against %.3g)", kind_name[kind], out[6], out[4]);
	ok = !encdec_init(&n2, kind, V, 4, 16, 8, 1) && !encdec_train(&n2, &h.vs, 200, 1) &&
	     !memcmp(m.params, n2.params, m.nparams * sizeof(float));
	tap_ok(ok, "%s: the same seed trains the same model", kind_name[kind]);
	encdec_free(&n2);
	encdec_free(&m);
}

/* Windows end at W-1, then every stride-th call, and at the last call. */
static void test_windows(void)
{
	static const uint16_t tok[] = { 0, 1, 2, 3, 0, 1, 2, 3, 0, 1 };
	double out[10];
	uint32_t at[10];
	struct encdec m;
	size_t n;
	int ok;

	ok = !encdec_init(&m, ENCDEC_AUTOENCODER, V, 4, 4, 2, 1);
	ok = ok && !encdec_score(&m, tok, 10, 3, out, at, &n) && n == 3 && at[0] == 3 &&
	     at[1] == 6 && at[2] == 9;
	ok = ok && !encdec_score(&m, tok, 10, 4, out, at, &n) && n == 3 && at[0] == 3 &&
	     at[1] == 7 && at[2] == 9;
	tap_ok(ok, "windows: stride 3 ends at calls 3, 6, 9; stride 4 at 3, 7 and the last, 9");
	ok = !encdec_score(&m, tok, 3, 1, out, at, &n) && n == 1 && at[0] == 2 &&
	     !encdec_score(&m, tok, 0, 1, out, at, &n) && n == 0;
	tap_ok(ok, "windows: a thread shorter than W is one window at its last call; an empty "
	       "one has none");
	encdec_free(&m);
}

static void test_bad(void)
{
	static const uint16_t bad[] = { 0, V, 1 };
	const uint16_t *tr[] = { bad };
	static const uint32_t len[] = { 3 }, none[] = { 0 };
	struct hand_views h;
	double out[3];
	uint32_t at[3];
	struct encdec m;
	size_t n;
	int ok;

	ok = encdec_init(&m, ENCDEC_SEQ2SEQ, V, 0, 4, 2, 1) == -EINVAL &&
	     encdec_init(&m, ENCDEC_SEQ2SEQ, V, ENCDEC_WINDOW_MAX + 1, 4, 2, 1) == -EINVAL &&
	     encdec_init(&m, ENCDEC_SEQ2SEQ, V, 4, 0, 2, 1) == -EINVAL &&
	     encdec_init(&m, ENCDEC_SEQ2SEQ, 0, 4, 4, 2, 1) == -EINVAL &&
	     encdec_init(&m, 7, V, 4, 4, 2, 1) == -EINVAL;
	tap_ok(ok, "bad: window 0 or above %d, hidden 0, vocabulary 0, an unknown kind: "
	       "-EINVAL", ENCDEC_WINDOW_MAX);
	ok = !encdec_init(&m, ENCDEC_SEQ2SEQ, V, 4, 4, 2, 1);
	hand(&h, tr, len, 1);
	ok = ok && encdec_score(&m, bad, 3, 1, out, at, &n) == -EINVAL && n == 0 &&
	     encdec_score(&m, bad, 1, 0, out, at, &n) == -EINVAL &&
	     encdec_train(&m, &h.vs, 1, 1) == -EINVAL;
	tap_ok(ok, "bad: a token outside the vocabulary or stride 0: -EINVAL, nothing scored");
	hand(&h, tr, none, 1);
	tap_ok(encdec_train(&m, &h.vs, 1, 1) == -ENODATA && m.epochs == 0,
	       "bad: training without a call: -ENODATA");
	encdec_free(&m);
}

int main(void)
{
	tap_plan(2 * 6 + 2 + 3);
	test_gradient(ENCDEC_AUTOENCODER);
	test_gradient(ENCDEC_SEQ2SEQ);
	test_hand(ENCDEC_AUTOENCODER);
	test_hand(ENCDEC_SEQ2SEQ);
	test_windows();
	test_bad();
	return tap_done();
}

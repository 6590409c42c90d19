// SPDX-License-Identifier: GPL-2.0
/*
 * The engine's n-gram model against the float n-gram LM it was counted
 * from (synthetic streams and real ADFA-LD), and the validator on n-gram
 * headers and tables.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <linux/hids_model.h>

#include "hids_engine.h"
#include "modelfile.h"
#include "ngram_model.h"
#include "splits.h"
#include "tap.h"
#include "testdata.h"

/*
 * p keeps 31 bits or more through every order; ln comes from a table
 * with interpolation and the score is rounded to Q16.16 (1.5e-5 nats).
 */
#define TOLERANCE	1e-4

/* The trainer library prints errors under this name. */
const char *prog_name = "test_ngram_engine";

static char name_buf[HIDS_MODEL_MAX_VOCAB][16];
static const char *names[HIDS_MODEL_MAX_VOCAB];

static struct quant_meta meta(void)
{
	return (struct quant_meta){
		.names = names, .window = 10, .min_calls = 5, .name = "t", .description = "d",
	};
}

/*
 * Largest |engine - float| over every call of n streams, each from a fresh
 * state; *differ counts the calls that m, with the scores it holds for
 * full grams, scores otherwise than plain, the same model walking every
 * call.
 */
static double max_diff(const struct hids_model *m, const struct hids_model *plain,
		       const struct ngram_lm *g, bool cap, uint16_t *const *tok, const size_t *len,
		       size_t n, size_t *differ)
{
	size_t i, c, most = 0;
	double *f, worst = 0, d;
	void *state, *walked;
	uint32_t s;

	*differ = 0;
	for (i = 0; i < n; i++)
		most = len[i] > most ? len[i] : most;
	f = malloc((most ? most : 1) * sizeof(*f));
	state = malloc(hids_state_size(m));
	walked = malloc(hids_state_size(plain));
	for (i = 0; f && state && walked && i < n; i++) {
		ngram_score(g, tok[i], len[i], f);
		/* A capped model's scores stop at ln V (HIDS_MODEL_FLAG_NGRAM_CAP). */
		for (c = 0; cap && c < len[i]; c++)
			f[c] = fmin(f[c], log(g->vocab));
		hids_state_reset(m, state);
		hids_state_reset(plain, walked);
		for (c = 0; c < len[i]; c++) {
			s = hids_step(m, state, tok[i][c], NULL, HIDS_ISA_SCALAR);
			*differ += s != hids_step(plain, walked, tok[i][c], NULL, HIDS_ISA_SCALAR);
			d = fabs(s / 65536.0 - f[c]);
			worst = d > worst ? d : worst;
		}
	}
	if (!f || !state || !walked)
		worst = INFINITY;
	free(f);
	free(state);
	free(walked);
	return worst;
}

static void put16(unsigned char *p, unsigned int v)
{
	p[0] = v;
	p[1] = v >> 8;
}

/* blob (len bytes) with its flags set to flags and version to version, resealed. */
static unsigned char *reflag(const unsigned char *blob, size_t len, unsigned int version,
			     unsigned int flags)
{
	unsigned char *b = malloc(len);

	if (b) {
		memcpy(b, blob, len);
		put16(b + 4, version);
		put16(b + 36, flags);
		quantize_seal(b, len);
	}
	return b;
}

/* The same model without its held scores: every call walks. */
static int build_plain(const struct model_file *mf, struct model_file *plain)
{
	unsigned char *b = reflag(mf->blob, mf->len, 3,
				  mf->info.flags & ~HIDS_MODEL_FLAG_NGRAM_SCORES);
	int ret = b ? model_blob_load(plain, b, mf->len, "plain") : -1;

	free(b);
	return ret;
}

static int build(const struct ngram_lm *g, bool cap, struct model_file *mf,
		 unsigned char **blob, size_t *len)
{
	struct quant_meta q = meta();

	q.ngram_cap = cap;

	return ngram_model_blob(g, &q, blob, len) ?: model_blob_load(mf, *blob, *len, "ngram");
}

/* Streams with structure (a walk that mostly repeats) and noise. */
static void test_synthetic(unsigned int order, bool start, bool cap)
{
	enum { N = 40, LEN = 3000, V = 30 };
	uint16_t *tok[N];
	size_t len[N], i, c;
	unsigned long long x = 12345;
	struct model_file mf = { 0 }, plain = { 0 };
	unsigned char *blob = NULL;
	struct ngram_lm g;
	size_t blen, differ = 1;
	double d = INFINITY;

	for (i = 0; i < N; i++) {
		tok[i] = malloc(LEN * sizeof(uint16_t));
		len[i] = LEN;
		for (c = 0; c < LEN; c++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			tok[i][c] = (x >> 60) < 13 ? (c * 7 + i) % 11 + 1 : (x >> 33) % V;
		}
	}
	/* Train on the first half, score all (unseen contexts and calls too). */
	if (!ngram_init(&g, order, V, start)) {
		for (i = 0; i < N / 2; i++)
			ngram_train(&g, tok[i], len[i]);
		if (!build(&g, cap, &mf, &blob, &blen) && !build_plain(&mf, &plain))
			d = max_diff(mf.model, plain.model, &g, cap, tok, len, N, &differ);
		tap_ok(d < TOLERANCE && mf.info.kind == HIDS_MODEL_KIND_NGRAM &&
		       mf.info.order == order &&
		       !!(mf.info.flags & HIDS_MODEL_FLAG_NGRAM_START) == (start && order > 1) &&
		       !!(mf.info.flags & HIDS_MODEL_FLAG_NGRAM_CAP) == cap,
		       "ngram engine: order %u%s%s, engine within %g nats of the float model%s on "
		       "%d streams (worst %.2e)", order, start ? " with a start symbol" : "",
		       cap ? ", capped" : "", TOLERANCE, cap ? " (at most ln V)" : "", N, d);
		tap_ok(!differ && (mf.info.flags & HIDS_MODEL_FLAG_NGRAM_SCORES),
		       "ngram engine: order %u%s%s, held scores of full grams are the walk's "
		       "(%zu of %d calls differ)", order, start ? " with a start symbol" : "",
		       cap ? ", capped" : "", differ, N * LEN);
	}
	ngram_free(&g);
	model_file_free(&mf);
	model_file_free(&plain);
	free(blob);
	for (i = 0; i < N; i++)
		free(tok[i]);
}

/* ADFA-LD's training split counted at order 8, its validation split scored. */
static void test_adfa(void)
{
	struct model_file mf = { 0 }, plain = { 0 };
	unsigned char *blob = NULL;
	struct ngram_lm g;
	struct splits sp;
	uint16_t **tok;
	size_t *len, n = 0, blen, i, differ = 1;
	uint32_t j;
	char path[4096];
	double d = INFINITY;
	int ret;

	if (!test_data_path(path, sizeof(path), "adfa-ld")) {
		tap_skip("ngram engine: ADFA-LD: SKIP: %s not found", path);
		return;
	}
	ret = splits_open(&sp, DATASET_ADFA_LD, path, (1u << SPLIT_TRAIN) | (1u << SPLIT_VAL));
	ret = ret ?: splits_vocab_build(&sp, 1) ?: splits_views(&sp);
	ret = ret ?: ngram_init(&g, 8, vocab_size(&sp.vocab), true) ?:
	      ngram_train_views(&g, &sp.v[SPLIT_TRAIN]);
	ret = ret ?: build(&g, false, &mf, &blob, &blen) ?: build_plain(&mf, &plain);
	tok = calloc(sp.v[SPLIT_VAL].nslices + 1, sizeof(*tok));
	len = calloc(sp.v[SPLIT_VAL].nslices + 1, sizeof(*len));
	for (i = 0; !ret && tok && len && i < sp.v[SPLIT_VAL].n; i++) {
		for (j = 0; j < sp.v[SPLIT_VAL].v[i].n; j++, n++) {
			tok[n] = (uint16_t *)sp.v[SPLIT_VAL].v[i].sl[j].tok;
			len[n] = sp.v[SPLIT_VAL].v[i].sl[j].len;
		}
	}
	if (!ret)
		d = max_diff(mf.model, plain.model, &g, false, tok, len, n, &differ);
	tap_ok(!ret && d < TOLERANCE, "ngram engine: ADFA-LD order 8, %zu validation threads, "
	       "engine within %g nats of the float model (worst %.2e)", n, TOLERANCE, d);
	tap_ok(!ret && !differ, "ngram engine: ADFA-LD order 8, held scores of full grams "
	       "are the walk's (%zu calls differ)", differ);
	free(tok);
	free(len);
	free(blob);
	model_file_free(&mf);
	model_file_free(&plain);
	ngram_free(&g);
	splits_close(&sp);
}

static void expect(const unsigned char *b, size_t len, int want, const char *what)
{
	struct hids_model_info in;
	const char *why = "";
	int ret = hids_model_validate(b, len, &in, &why);

	tap_ok(ret == want, "ngram validator: %s -> %d (%s), want %d", what, ret,
	       ret ? why : "ok", want);
}


/* One header field (or table byte) changed, the CRC made right again. */
static void mutate(const unsigned char *blob, unsigned char *b, size_t len, size_t at,
		   unsigned int v16, int want, const char *what)
{
	memcpy(b, blob, len);
	put16(b + at, v16);
	quantize_seal(b, len);
	expect(b, len, want, what);
}

/* blob as version 3 with flags: the validator's answer. */
static void expect_v3(const unsigned char *blob, size_t len, unsigned int flags, int want,
		      const char *what)
{
	unsigned char *b = reflag(blob, len, 3, flags);

	if (b)
		expect(b, len, want, what);
	else
		tap_ok(0, "ngram validator: %s: out of memory", what);
	free(b);
}

/* Signal returns map to HIDS_TOKEN_SKIP for a model with the flag only. */
static void test_skip_token(const unsigned char *blob, size_t len)
{
	unsigned char *b = reflag(blob, len, 3, HIDS_MODEL_FLAG_SKIP_SIGRETURN);
	struct model_file skip = { 0 }, plain = { 0 };
	bool loaded = b && !model_blob_load(&skip, b, len, "skip") &&
		      !model_blob_load(&plain, blob, len, "plain");

	tap_ok(loaded && hids_model_token(skip.model, "rt_sigreturn") == HIDS_TOKEN_SKIP &&
	       hids_model_token(skip.model, "sigreturn") == HIDS_TOKEN_SKIP &&
	       hids_model_token(skip.model, "sc2") == 2 &&
	       hids_model_token(plain.model, "rt_sigreturn") == 0 &&
	       hids_model_token(plain.model, "sc2") == 2,
	       "ngram: signal returns are HIDS_TOKEN_SKIP with the flag, unknown without");
	model_file_free(&skip);
	model_file_free(&plain);
	free(b);
}

static void test_validator(void)
{
	static const uint16_t tr[] = { 1, 2, 3, 1, 2, 3, 4, 1 };
	const size_t table = 256 + 5 * 36;
	unsigned char *blob = NULL, *held = NULL, *b;
	struct quant_meta q = meta();
	struct ngram_lm g;
	size_t len, i, slots;

	if (ngram_init(&g, 3, 5, false) || ngram_train(&g, tr, 8) ||
	    ngram_model_blob(&g, &q, &held, &len) || !(blob = reflag(held, len, 2, 0))) {
		tap_ok(0, "ngram validator: test model builds");
		ngram_free(&g);
		free(held);
		return;
	}
	/* The model as version 2 wrote it (no flags): each case sets one. */
	expect(held, len, 0, "a model with held scores (version 3)");
	b = malloc(len);
	slots = (size_t)1 << ngram_model_bits(g.count);
	tap_ok(len == table + slots * 16 + 4, "ngram validator: %zu entries in 2^%u slots",
	       g.count, ngram_model_bits(g.count));
	expect(blob, len, 0, "a good n-gram model");
	mutate(blob, b, len, 4, 1, -EINVAL, "version 1 with the kind field set");
	mutate(blob, b, len, 4, 4, -EPROTONOSUPPORT, "version 4");
	mutate(blob, b, len, 36, 1, -EINVAL, "the self-normalised flag in version 2");
	expect_v3(blob, len, 1, -EINVAL, "the self-normalised flag on an n-gram model (version 3)");
	mutate(blob, b, len, 36, 2, -EINVAL, "the start-symbol flag in version 2");
	expect_v3(blob, len, 2, 0, "the start-symbol flag in version 3");
	mutate(blob, b, len, 36, 4, -EINVAL, "the gram-score flag in version 2");
	mutate(blob, b, len, 36, 8, -EINVAL, "the score-cap flag in version 2");
	expect_v3(blob, len, 8, 0, "the score-cap flag in version 3");
	expect_v3(blob, len, 16, 0, "the skip-signal-returns flag in version 3");
	expect_v3(blob, len, 32, -EINVAL, "an unknown flag (version 3)");
	test_skip_token(blob, len);
	mutate(blob, b, len, 240, 2, -EPROTONOSUPPORT, "kind 2");
	mutate(blob, b, len, 14, 16, -EINVAL, "hidden set in an n-gram model");
	mutate(blob, b, len, 242, 0, -ERANGE, "order 0");
	mutate(blob, b, len, 242, 17, -ERANGE, "order 17");
	mutate(blob, b, len, 244, 22, -ERANGE, "table bits 22");
	mutate(blob, b, len, 244, ngram_model_bits(g.count) + 1, -EINVAL,
	       "table bits disagree with the length");
	mutate(blob, b, len, 246, 0, -ERANGE, "max probe 0");
	mutate(blob, b, len, 246, slots + 1, -ERANGE, "max probe beyond the table");
	mutate(blob, b, len, 248, 1, -EINVAL, "reserved byte set");
	/* The first empty slot and the first used one. */
	for (i = 0; i < slots && hids_le64(blob + table + i * 16); i++)
		;
	mutate(blob, b, len, table + i * 16 + 8, 1, -ERANGE, "a count in an empty slot");
	for (i = 0; i < slots && !hids_le64(blob + table + i * 16); i++)
		;
	mutate(blob, b, len, table + i * 16 + 10, 0x4001, -ERANGE, "a count past 2^30");
	memcpy(b, blob, len);
	b[table + 3] ^= 1;
	expect(b, len, -EBADMSG, "a flipped bit in the table");
	free(b);
	free(blob);
	free(held);
	ngram_free(&g);
}

int main(void)
{
	int i;

	for (i = 0; i < HIDS_MODEL_MAX_VOCAB; i++) {
		snprintf(name_buf[i], sizeof(name_buf[i]), i ? "sc%d" : "<unk>", i);
		names[i] = name_buf[i];
	}
	hids_engine_init();
	test_synthetic(1, false, false);
	test_synthetic(5, false, false);
	test_synthetic(16, false, false);
	test_synthetic(1, true, false);
	test_synthetic(5, true, false);
	test_synthetic(16, true, false);
	test_synthetic(5, false, true);
	test_synthetic(16, true, true);
	test_adfa();
	test_validator();
	return tap_done();
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The integer engine against itself (scalar, SSE2, AVX2: same bits), against
 * the float reference (close, with the error distribution reported), and
 * against frozen golden values; the validator against broken blobs.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/hids_model.h>

#include "fmodel.h"
#include "hids_engine.h"
#include "model.h"
#include "modelfile.h"
#include "quantize.h"
#include "tap.h"

#define GOLDEN_SUM 260672082ULL
#define GOLDEN_FIRST0 231450U

static char name_buf[1024][16];
static const char *names[1024];

static unsigned long long rng = 88172645463325252ULL;

static unsigned int next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng >> 32;
}

/* A random model with V names "sc0".., quantized; 0 or -errno. */
static int make_blob(int v, int e, int h, int layers, unsigned long long seed, float scale,
		     float self_norm, unsigned char **blob, size_t *len)
{
	struct quant_meta q = { .names = names, .window = 16, .min_calls = 10,
				.threshold_window = 4.5, .threshold_running = 3.25,
				.name = "test", .description = "random weights" };
	struct fmodel m;
	int ret;

	ret = fmodel_alloc(&m, v, e, h, layers);
	if (ret)
		return ret;
	fmodel_init_random(&m, seed, scale);
	m.self_norm = self_norm;
	ret = quantize_model(&m, &q, blob, len);
	fmodel_free(&m);
	return ret;
}

static int load(struct model_file *mf, int v, int e, int h, int l, unsigned long long seed,
		float scale, float self_norm)
{
	unsigned char *blob;
	size_t len;
	int ret = make_blob(v, e, h, l, seed, scale, self_norm, &blob, &len);

	if (!ret)
		ret = model_blob_load(mf, blob, len, "random");
	if (!ret)
		free(blob);
	return ret;
}

static void test_isas(void)
{
	static const int sizes[][3] = {
		{ 20, 8, 1 }, { 180, 32, 1 }, { 180, 64, 2 }, { 1024, 256, 2 }, { 7, 17, 2 },
		{ 300, 100, 1 },
	};
	bool avx2 = __builtin_cpu_supports("avx2");
	s16 st[3][2 * 2 * 256] __attribute__((aligned(64)));
	static s32 scratch[3][8192];
	struct model_file mf;
	int i, k, diff = 0, steps = 0, narrow = 0, sn;
	u32 s0, s1, s2;

	/* Each shape exact, then self-normalised (i >= 6). */
	for (i = 0; i < 12; i++) {
		const int *sz = sizes[i % 6];

		sn = i >= 6;
		if (load(&mf, sz[0], 8, sz[1], sz[2], 100 + i, 0.6f, sn ? 0.1f : 0.0f)) {
			tap_ok(0, "random model V=%d H=%d L=%d%s loads", sz[0], sz[1], sz[2],
			       sn ? " self-normalised" : "");
			continue;
		}
		narrow += mf.model->top.w8 != NULL;
		for (k = 0; k < 3; k++)
			hids_state_reset(mf.model, st[k]);
		for (k = 0; k < 2000; k++) {
			u16 tok = next_rand() % (sz[0] + 3);

			s0 = hids_step(mf.model, st[0], tok, scratch[0], HIDS_ISA_SCALAR);
			s1 = hids_step(mf.model, st[1], tok, scratch[1], HIDS_ISA_SSE2);
			s2 = avx2 ? hids_step(mf.model, st[2], tok, scratch[2], HIDS_ISA_AVX2) : s0;
			diff += s0 != s1 || s0 != s2;
			steps++;
		}
		diff += memcmp(st[0], st[1], hids_state_size(mf.model)) != 0;
		if (avx2)
			diff += memcmp(st[0], st[2], hids_state_size(mf.model)) != 0;
		model_file_free(&mf);
	}
	if (!avx2)
		tap_diag("no AVX2 on this CPU: scalar vs SSE2 only");
	tap_ok(diff == 0,
	       "scalar, SSE2%s: same scores and states over %d steps, 6 shapes exact and self-normalised",
	       avx2 ? ", AVX2" : "", steps);
	tap_ok(narrow > 0 && narrow < 12, "AVX2 ran int16 and int8 weights (%d of 12 models int8)",
	       narrow);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * Integer vs float per-call scores.  Measured: max 0.001 (H=32) and 0.002
 * (H=64, 2 layers) nats per call, mean 0.0002-0.0004.  The bounds (0.01
 * max, 0.002 mean) leave 5x room: int8 weights carry about 1/254 relative
 * error per row, the tables about 1e-5 nats; errors of that size stay far
 * below the scores' spread (the stream mean is about 5.2 nats).
 * self_norm > 0: a self-normalised model, one output row a call, its
 * -logit clamped at 0 as the engine's scores are (biases lowered by 3
 * nats, so that few are).
 */
static void test_float(int h, int layers, float self_norm, double max_bound, double mean_bound)
{
	static s32 scratch[8192];
	s16 st[2 * 2 * 256] __attribute__((aligned(64)));
	double fst[2 * 2 * 256] = { 0 }, err[3000], sum = 0, sum_i = 0, sum_f = 0;
	struct model_file mf;
	struct fmodel m;
	struct quant_meta q = { .names = names, .window = 16, .min_calls = 10, .name = "t" };
	unsigned char *blob;
	size_t len;
	int k, n = 3000, v = 180;

	fmodel_alloc(&m, v, 16, h, layers);
	fmodel_init_random(&m, 7 + h, 0.25f);
	m.self_norm = self_norm;
	/* Logits mostly below 0, as a trained one's, so few scores clamp. */
	for (k = 0; self_norm > 0 && k < v; k++)
		m.b_out[k] -= 3.0f;
	if (quantize_model(&m, &q, &blob, &len) || model_blob_load(&mf, blob, len, "f")) {
		tap_ok(0, "float comparison model H=%d builds", h);
		return;
	}
	hids_state_reset(mf.model, st);
	for (k = 0; k < n; k++) {
		u16 tok = next_rand() % v;
		double si = hids_step(mf.model, st, tok, scratch, HIDS_ISA_SCALAR) / 65536.0;
		double sf = fmodel_ref_step(&m, fst, tok);

		if (self_norm > 0)
			sf = fmax(sf, 0.0);

		err[k] = fabs(si - sf);
		sum += err[k];
		sum_i += si;
		sum_f += sf;
	}
	qsort(err, n, sizeof(err[0]), cmp_double);
	tap_diag("H=%d L=%d%s: |int - float| per call: mean %.5f p50 %.5f p99 %.5f max %.5f nats;"
		 " stream means %.5f vs %.5f", h, layers, self_norm > 0 ? " self-normalised" : "",
		 sum / n, err[n / 2], err[n * 99 / 100], err[n - 1], sum_i / n, sum_f / n);
	tap_ok(err[n - 1] < max_bound && sum / n < mean_bound && fabs(sum_i - sum_f) / n < mean_bound,
	       "H=%d L=%d%s: integer scores within %.3f (max) / %.3f (mean) nats of float",
	       h, layers, self_norm > 0 ? " self-normalised" : "", max_bound, mean_bound);
	model_file_free(&mf);
	free(blob);
	fmodel_free(&m);
}

/*
 * The extremes a valid blob may hold: every token's gates at +32767 (h
 * saturates), output rows of +-127 with the largest multiplier (2^21).
 * The logits reach 2^27 (no int32 overflow, no exp table read out of
 * bounds) and every ISA gives the same finite scores, some saturated.
 */
static void test_extremes(void)
{
	static s32 scratch[3][8192];
	s16 st[3][2 * 2 * 256];
	size_t len, g = 4 * 256, i, o;
	struct model_file mf;
	unsigned char *b;
	int k, diff = 0, sat = 0;
	u32 s[3];

	if (make_blob(8, 4, 256, 1, 1, 0.5f, 0.0f, &b, &len)) {
		tap_ok(0, "extreme model builds");
		return;
	}
	o = sizeof(struct hids_model_header) + 8 * HIDS_MODEL_NAME_LEN + 8 * 4;
	for (i = 0; i < 8 * g; i++) {
		b[o + 2 * i] = 0xff;
		b[o + 2 * i + 1] = 0x7f;
	}
	o += 8 * g * 2 + g * 256 + g * 4;
	for (i = 0; i < 8 * 256; i++)
		b[o + i] = (i / 256) & 1 ? 0x81 : 0x7f;
	o += 8 * 256;
	for (i = 0; i < 8; i++) {
		b[o + 4 * i] = 0;
		b[o + 4 * i + 1] = 0;
		b[o + 4 * i + 2] = 0x20;
		b[o + 4 * i + 3] = 0;
	}
	quantize_seal(b, len);
	if (model_blob_load(&mf, b, len, "extreme")) {
		tap_ok(0, "extreme model validates");
		free(b);
		return;
	}
	for (k = 0; k < 3; k++)
		hids_state_reset(mf.model, st[k]);
	for (k = 0; k < 200; k++) {
		s[0] = hids_step(mf.model, st[0], k % 8, scratch[0], HIDS_ISA_SCALAR);
		s[1] = hids_step(mf.model, st[1], k % 8, scratch[1], HIDS_ISA_SSE2);
		s[2] = hids_step(mf.model, st[2], k % 8, scratch[2], hids_isa_best());
		diff += s[0] != s[1] || s[0] != s[2];
		sat += s[0] == 0x7fffffff;
	}
	tap_ok(!diff && sat > 0 && sat < 200,
	       "extreme in-range model: no overflow, ISAs agree, %d of 200 scores saturate", sat);
	model_file_free(&mf);
	free(b);
}

/* Frozen results: a change to the numerics must show here. */
static void test_golden(void)
{
	static s32 scratch[8192];
	s16 st[2 * 2 * 256] __attribute__((aligned(64)));
	struct model_file mf;
	unsigned long long sum = 0;
	u32 first[4];
	int k;

	rng = 12345;
	if (load(&mf, 50, 8, 24, 2, 4242, 0.5f, 0.0f)) {
		tap_ok(0, "golden model loads");
		return;
	}
	hids_state_reset(mf.model, st);
	for (k = 0; k < 1000; k++) {
		u32 s = hids_step(mf.model, st, next_rand() % 50, scratch, HIDS_ISA_SCALAR);

		if (k < 4)
			first[k] = s;
		sum += s;
	}
	tap_diag("golden: first %u %u %u %u, sum %llu", first[0], first[1], first[2], first[3], sum);
	tap_ok(sum == GOLDEN_SUM && first[0] == GOLDEN_FIRST0,
	       "golden vector: 1000 steps sum to %llu (frozen %llu)", sum, (unsigned long long)GOLDEN_SUM);
	model_file_free(&mf);
}


/* A float weight no row multiplier can hold is refused, not clamped. */
static void test_quantize_range(void)
{
	struct quant_meta q = { .names = names, .window = 16, .min_calls = 10, .name = "r" };
	unsigned char *blob = NULL;
	struct fmodel m;
	size_t len;
	int ret;

	if (fmodel_alloc(&m, 20, 8, 16, 1)) {
		tap_ok(0, "range test model allocates");
		return;
	}
	fmodel_init_random(&m, 3, 0.5f);
	m.w_out[5] = 127.0f;
	ret = quantize_model(&m, &q, &blob, &len);
	free(blob);
	blob = NULL;
	m.w_out[5] = -127.5f;
	tap_ok(!ret && quantize_model(&m, &q, &blob, &len) == -ERANGE && !blob,
	       "quantizer: a weight of 127 fits, -127.5 -> -ERANGE");
	fmodel_free(&m);
}

/* Thresholds patched into a blob give the bytes quantizing with them gives. */
static void test_set_thresholds(void)
{
	struct quant_meta q = { .names = names, .window = 16, .min_calls = 10, .name = "t",
				.threshold_window = 3.25, .threshold_running = 1.5 };
	unsigned char *with = NULL, *patched = NULL;
	struct hids_model_info in;
	const char *why = "";
	size_t len_w = 0, len_p = 0;
	struct fmodel m;
	int ret;

	if (fmodel_alloc(&m, 20, 8, 16, 1)) {
		tap_ok(0, "threshold test model allocates");
		return;
	}
	fmodel_init_random(&m, 5, 0.5f);
	ret = quantize_model(&m, &q, &with, &len_w);
	q.threshold_window = 0;
	q.threshold_running = 0;
	ret = ret ?: quantize_model(&m, &q, &patched, &len_p);
	if (!ret)
		quantize_set_thresholds(patched, len_p, 3.25, 1.5);
	tap_ok(!ret && len_w == len_p && !memcmp(with, patched, len_w) &&
	       !hids_model_validate(patched, len_p, &in, &why) &&
	       in.threshold_window == 3.25 * 65536 && in.threshold_running == 1.5 * 65536,
	       "quantizer: thresholds set in a blob match thresholds quantized in, CRC valid");
	free(with);
	free(patched);
	fmodel_free(&m);
}

static void expect(const unsigned char *b, size_t len, int want, const char *what)
{
	struct hids_model_info in;
	const char *why = "";
	int ret = hids_model_validate(b, len, &in, &why);

	tap_ok(ret == want, "validator: %s -> %d (%s), want %d", what, ret, ret ? why : "ok", want);
}

static void test_validator(void)
{
	unsigned char *blob, *b;
	size_t len;

	if (make_blob(40, 8, 16, 2, 9, 0.5f, 0.0f, &blob, &len)) {
		tap_ok(0, "validator test model builds");
		return;
	}
	b = malloc(len + 64);
	expect(blob, len, 0, "a good model");
	expect(blob, len - 1, -EMSGSIZE, "truncated by one byte");
	expect(blob, 100, -EMSGSIZE, "truncated inside the header");
	memcpy(b, blob, len);
	memset(b + len, 0, 64);
	expect(b, len + 64, -EMSGSIZE, "oversized (trailing bytes)");
	memcpy(b, blob, len);
	b[0] ^= 1;
	expect(b, len, -EPROTO, "bad magic");
	memcpy(b, blob, len);
	b[4] = 4;
	expect(b, len, -EPROTONOSUPPORT, "format version 4");
	memcpy(b, blob, len);
	b[4] = 2;
	quantize_seal(b, len);
	expect(b, len, 0, "an LSTM as format version 2 (kind 0)");
	memcpy(b, blob, len);
	b[240] = 1;
	quantize_seal(b, len);
	expect(b, len, -EINVAL, "version 1 with the kind field set");
	memcpy(b, blob, len);
	b[len / 2] ^= 0x40;
	expect(b, len, -EBADMSG, "one flipped bit in the weights");
	memcpy(b, blob, len);
	b[12] = 1, b[13] = 0;
	quantize_seal(b, len);
	expect(b, len, -ERANGE, "vocab 1 (valid CRC)");
	memcpy(b, blob, len);
	b[14] = 0, b[15] = 2;
	quantize_seal(b, len);
	expect(b, len, -ERANGE, "hidden 512 (valid CRC)");
	memcpy(b, blob, len);
	b[14] = 15;
	quantize_seal(b, len);
	expect(b, len, -EINVAL, "hidden 15: sizes disagree with the length");
	memcpy(b, blob, len);
	b[20] = 0, b[21] = 0;
	quantize_seal(b, len);
	expect(b, len, -ERANGE, "window 0");
	memcpy(b, blob, len);
	b[36] = 1;
	quantize_seal(b, len);
	expect(b, len, -EINVAL, "the self-normalised flag in format version 1");
	memcpy(b, blob, len);
	b[4] = 3;
	b[36] = 1;
	quantize_seal(b, len);
	expect(b, len, 0, "the self-normalised flag in format version 3");
	memcpy(b, blob, len);
	b[4] = 3;
	b[36] = 2;
	quantize_seal(b, len);
	expect(b, len, -EINVAL, "the n-gram start-symbol flag on an LSTM");
	memcpy(b, blob, len);
	b[4] = 3;
	b[36] = 4;
	quantize_seal(b, len);
	expect(b, len, -EINVAL, "an unknown flag in format version 3");
	memcpy(b, blob, len);
	memcpy(b + 256 + 32, b + 256 + 64, 32);
	quantize_seal(b, len);
	expect(b, len, -EINVAL, "duplicate vocabulary name");
	memcpy(b, blob, len);
	b[256 + 32 * 40 + 3] = 0x40;
	quantize_seal(b, len);
	expect(b, len, -ERANGE, "score offset 2^30");
	memcpy(b, blob, len);
	b[len - 4 - 40 * 4 - 40 * 4 + 2] |= 0x20;
	quantize_seal(b, len);
	expect(b, len, -ERANGE, "output multiplier 2^21 + x");
	free(b);
	free(blob);
}

int main(void)
{
	int i;

	for (i = 0; i < 1024; i++) {
		snprintf(name_buf[i], sizeof(name_buf[i]), i ? "sc%d" : "<unk>", i);
		names[i] = name_buf[i];
	}
	hids_engine_init();
	tap_plan(30);
	test_isas();
	test_float(32, 1, 0.0f, 0.01, 0.002);
	test_float(64, 2, 0.0f, 0.01, 0.002);
	test_float(32, 1, 0.1f, 0.01, 0.002);
	test_float(64, 2, 0.1f, 0.01, 0.002);
	test_golden();
	test_extremes();
	test_quantize_range();
	test_set_thresholds();
	test_validator();
	return tap_done();
}

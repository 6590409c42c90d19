// SPDX-License-Identifier: GPL-2.0
/*
 * engine_bench: cost of one engine step (scalar and best SIMD) for H=32 and
 * H=64 beside a float step on OpenBLAS (sgemv) of the same network and a
 * getppid() system call, all in this one process and run, so the ratios
 * hold on a noisy machine.  Prints a table and "BENCH key=value" lines.
 * Beside each step, its matrix product alone (output and gate rows times h,
 * (V + 4H) x H multiply-adds that no step can skip): a measured floor
 * under the step on this machine.  Then the n-gram model's step (order 8,
 * counted on a seeded stream of 300000 calls that repeats call patterns
 * among noise, scored on more of the same: most contexts seen, so the
 * walk goes up every order, two table probes each).  The same LSTMs
 * self-normalised (rows "sn"): one output row a call, no softmax.
 *   engine_bench --count H ISA STEPS   run exactly STEPS steps (callgrind);
 *                                      ISA simd, scalar, sn_simd, sn_scalar
 *   engine_bench --count ngram|ngram-walk - STEPS
 * The n-gram model as fit writes it holds the scores of the full grams
 * seen in training (one lookup for a call after one of them; the bench
 * stream's random eighth leaves about a third of its calls there); the
 * same model with every call walking is the row beside it.
 */
#include <cblas.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <linux/hids_model.h>

#include "fmodel.h"
#include "hids_engine.h"
#include "model.h"
#include "modelfile.h"
#include "ngram_model.h"
#include "timing.h"
#include "quantize.h"

#define VOCAB 180
#define EMBED 16
#define REPS 7

static char name_buf[VOCAB][16];
static const char *names[VOCAB];
static s32 scratch[16384];

/* Median over REPS runs of the per-iteration time of fn. */
static double median_ns(void (*fn)(void *, long), void *arg, long iters)
{
	double t[REPS], t0;
	int r;

	fn(arg, iters / 10);
	for (r = 0; r < REPS; r++) {
		t0 = now_ns();
		fn(arg, iters);
		t[r] = (now_ns() - t0) / iters;
	}
	return median(t, REPS);
}

struct engine_run {
	struct model_file mf;
	void *state;
	enum hids_isa isa;
};

static void run_engine(void *arg, long n)
{
	struct engine_run *e = arg;
	unsigned int tok = 1;
	long i;

	for (i = 0; i < n; i++) {
		hids_step(e->mf.model, e->state, tok, scratch, e->isa);
		tok = (tok * 1103515245 + 12345) % VOCAB;
	}
}

/* The step's top matrix product alone, as hids_step() runs it for isa. */
static void run_matvec(void *arg, long n)
{
	struct engine_run *e = arg;
	const struct hids_model *m = e->mf.model;
	const s16 *h = e->state;
	long i;

	for (i = 0; i < n; i++) {
		if (e->isa == HIDS_ISA_AVX2 && m->top.w8)
			hids_matvec_avx2_s8(m->top.w8, m->top.rows_p, m->hp / 2, h, scratch);
		else if (e->isa == HIDS_ISA_AVX2)
			hids_matvec_avx2(m->top.w, m->top.rows_p, m->hp / 2, h, scratch);
		else if (e->isa == HIDS_ISA_SSE2)
			hids_matvec_sse2(m->top.w, m->top.rows_p, m->hp / 2, h, scratch);
		else
			hids_matvec_scalar(m->top.w2, m->top.rows_p, m->info.hidden, h, scratch);
		asm volatile("" : : "r" (scratch) : "memory");
	}
}

static void run_getppid(void *arg, long n)
{
	getppid_calls(n);
}

/* The float network's step on OpenBLAS: what the engine replaces. */
struct float_run {
	struct fmodel m;
	float h[256], c[256], g[1024], logit[VOCAB];
};

static void run_float(void *arg, long n)
{
	struct float_run *f = arg;
	int H = f->m.hidden, j, tok = 1;
	float max, sum;
	long i;

	for (i = 0; i < n; i++) {
		memcpy(f->g, f->m.b[0], 4 * H * sizeof(float));
		cblas_sgemv(CblasRowMajor, CblasNoTrans, 4 * H, EMBED, 1, f->m.w_ih[0], EMBED,
			    f->m.emb + tok * EMBED, 1, 1, f->g, 1);
		cblas_sgemv(CblasRowMajor, CblasNoTrans, 4 * H, H, 1, f->m.w_hh[0], H, f->h, 1, 1,
			    f->g, 1);
		for (j = 0; j < H; j++) {
			float ig = 1 / (1 + expf(-f->g[j])), fg = 1 / (1 + expf(-f->g[H + j]));
			float gg = tanhf(f->g[2 * H + j]), og = 1 / (1 + expf(-f->g[3 * H + j]));

			f->c[j] = fg * f->c[j] + ig * gg;
			f->h[j] = og * tanhf(f->c[j]);
		}
		memcpy(f->logit, f->m.b_out, VOCAB * sizeof(float));
		cblas_sgemv(CblasRowMajor, CblasNoTrans, VOCAB, H, 1, f->m.w_out, H, f->h, 1, 1,
			    f->logit, 1);
		max = f->logit[0];
		for (j = 1; j < VOCAB; j++)
			max = f->logit[j] > max ? f->logit[j] : max;
		sum = 0;
		for (j = 0; j < VOCAB; j++)
			sum += expf(f->logit[j] - max);
		f->h[0] += 1e-30f * (max + logf(sum));
		tok = (tok * 1103515245 + 12345) % VOCAB;
	}
}

/* The bench stream: 1 in 8 calls random, else a pattern of 40 calls. */
static void ngram_stream(u16 *tok, size_t n, unsigned long long seed)
{
	unsigned long long x = seed;
	size_t i;

	for (i = 0; i < n; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		tok[i] = (x >> 61) < 1 ? 1 + (x >> 33) % (VOCAB - 1) : 1 + (i * 7) % 40;
	}
}

struct ngram_run {
	struct model_file mf;
	void *state;
	u16 tok[4096];
	size_t entries;
};

/* held: as fit writes it, with the scores of full grams; else every call walks. */
static int ngram_setup(struct ngram_run *r, bool held)
{
	struct quant_meta q = { .names = names, .window = 16, .min_calls = 10, .name = "bench" };
	enum { CALLS = 300000 };
	u16 *tok = malloc(CALLS * sizeof(*tok));
	unsigned char *blob = NULL;
	struct ngram_lm g;
	size_t len;
	int ret;

	if (!tok)
		return -1;
	ngram_stream(tok, CALLS, 1);
	ngram_stream(r->tok, 4096, 2);
	ret = ngram_init(&g, 8, VOCAB, true) ?: ngram_train(&g, tok, CALLS);
	ret = ret ?: ngram_model_blob(&g, &q, &blob, &len);
	if (!ret && !held) {
		blob[offsetof(struct hids_model_header, flags)] &= ~HIDS_MODEL_FLAG_NGRAM_SCORES;
		quantize_seal(blob, len);
	}
	r->entries = g.count;
	ngram_free(&g);
	free(tok);
	ret = ret ?: model_blob_load(&r->mf, blob, len, "bench");
	free(blob);
	if (ret)
		return ret;
	r->state = calloc(1, hids_state_size(r->mf.model));
	if (!r->state)
		return -1;
	hids_state_reset(r->mf.model, r->state);
	return 0;
}

static void run_ngram(void *arg, long n)
{
	struct ngram_run *r = arg;
	long i;

	for (i = 0; i < n; i++)
		hids_step(r->mf.model, r->state, r->tok[i & 4095], NULL, HIDS_ISA_SCALAR);
}

static int engine_setup(struct engine_run *e, int hidden, bool self_norm)
{
	struct quant_meta q = { .names = names, .window = 16, .min_calls = 10, .name = "bench" };
	unsigned char *blob;
	struct fmodel m;
	size_t len;
	int ret;

	ret = fmodel_alloc(&m, VOCAB, EMBED, hidden, 1);
	if (ret)
		return ret;
	fmodel_init_random(&m, hidden, 0.3f);
	m.self_norm = self_norm ? 0.1f : 0.0f;
	ret = quantize_model(&m, &q, &blob, &len);
	fmodel_free(&m);
	if (ret)
		return ret;
	ret = model_blob_load(&e->mf, blob, len, "bench");
	free(blob);
	if (ret)
		return ret;
	e->state = calloc(1, hids_state_size(e->mf.model));
	if (!e->state)
		return -1;
	hids_state_reset(e->mf.model, e->state);
	return 0;
}

/* A variant's table row (ROW) and its engine_hH_KEY_{simd,scalar}_* keys. */
static void print_variant(const char *row, const char *key, int h, double simd, double scalar,
			  double getppid_ns)
{
	printf("%-6s %12.1f %12.1f %12s %14.3f %14.3f\n", row, simd, scalar, "",
	       simd / getppid_ns, scalar / getppid_ns);
	printf("BENCH engine_h%d_%s_simd_ns=%.2f\nBENCH engine_h%d_%s_scalar_ns=%.2f\n"
	       "BENCH engine_h%d_%s_simd_per_getppid=%.4f\n"
	       "BENCH engine_h%d_%s_scalar_per_getppid=%.4f\n", h, key, simd, h, key, scalar,
	       h, key, simd / getppid_ns, h, key, scalar / getppid_ns);
}

int main(int argc, char **argv)
{
	static const int sizes[] = { 32, 64 };
	struct engine_run e;
	struct float_run f;
	struct ngram_run ng;
	double ngram_ns, walk_ns, getppid_ns, simd, scalar, fl, mv_simd, mv_scalar;
	int i;

	for (i = 0; i < VOCAB; i++) {
		snprintf(name_buf[i], sizeof(name_buf[i]), i ? "sc%d" : "<unk>", i);
		names[i] = name_buf[i];
	}
	hids_engine_init();
	openblas_set_num_threads(1);
	if (argc == 5 && !strcmp(argv[1], "--count") && !strncmp(argv[2], "ngram", 5)) {
		if (ngram_setup(&ng, strcmp(argv[2], "ngram-walk")))
			return 1;
		run_ngram(&ng, atol(argv[4]));
		return 0;
	}
	if (argc == 5 && !strcmp(argv[1], "--count")) {
		if (engine_setup(&e, atoi(argv[2]), !strncmp(argv[3], "sn_", 3)))
			return 1;
		e.isa = strstr(argv[3], "scalar") ? HIDS_ISA_SCALAR : hids_isa_best();
		run_engine(&e, atol(argv[4]));
		return 0;
	}
	getppid_ns = median_ns(run_getppid, NULL, 200000);
	printf("getppid system call: %.1f ns\n", getppid_ns);
	printf("BENCH getppid_ns=%.2f\n", getppid_ns);
	printf("%-6s %12s %12s %12s %14s %14s\n", "H", "simd ns", "scalar ns", "float ns",
	       "simd/getppid", "scalar/getppid");
	for (i = 0; i < 2; i++) {
		int h = sizes[i];

		if (engine_setup(&e, h, false))
			return 1;
		e.isa = hids_isa_best();
		simd = median_ns(run_engine, &e, 100000);
		mv_simd = median_ns(run_matvec, &e, 100000);
		e.isa = HIDS_ISA_SCALAR;
		scalar = median_ns(run_engine, &e, 50000);
		mv_scalar = median_ns(run_matvec, &e, 50000);
		model_file_free(&e.mf);
		free(e.state);
		memset(&f, 0, sizeof(f));
		fmodel_alloc(&f.m, VOCAB, EMBED, h, 1);
		fmodel_init_random(&f.m, h, 0.3f);
		fl = median_ns(run_float, &f, 50000);
		fmodel_free(&f.m);
		printf("%-6d %12.1f %12.1f %12.1f %14.3f %14.3f\n", h, simd, scalar, fl,
		       simd / getppid_ns, scalar / getppid_ns);
		printf("BENCH engine_h%d_simd_ns=%.2f\nBENCH engine_h%d_scalar_ns=%.2f\n"
		       "BENCH float_h%d_ns=%.2f\nBENCH engine_h%d_simd_per_getppid=%.4f\n"
		       "BENCH engine_h%d_scalar_per_getppid=%.4f\n", h, simd, h, scalar, h, fl,
		       h, simd / getppid_ns, h, scalar / getppid_ns);
		print_variant("  mv", "matvec", h, mv_simd, mv_scalar, getppid_ns);
		if (engine_setup(&e, h, true))
			return 1;
		e.isa = hids_isa_best();
		simd = median_ns(run_engine, &e, 100000);
		e.isa = HIDS_ISA_SCALAR;
		scalar = median_ns(run_engine, &e, 100000);
		model_file_free(&e.mf);
		free(e.state);
		print_variant("  sn", "sn", h, simd, scalar, getppid_ns);
	}
	printf("mv: the step's (V + 4H) x H matrix product alone, a floor under the step\n"
	       "sn: the same network self-normalised, one output row a call (4H x H + H)\n");
	if (ngram_setup(&ng, false))
		return 1;
	walk_ns = median_ns(run_ngram, &ng, 200000);
	model_file_free(&ng.mf);
	free(ng.state);
	if (ngram_setup(&ng, true))
		return 1;
	ngram_ns = median_ns(run_ngram, &ng, 200000);
	printf("n-gram order 8, %zu entries (%u KiB table): %.1f ns/step, %.3fx getppid; "
	       "every call walking: %.1f ns, %.3fx\n", ng.entries,
	       (16U << ng.mf.info.table_bits) >> 10, ngram_ns, ngram_ns / getppid_ns, walk_ns,
	       walk_ns / getppid_ns);
	printf("BENCH engine_ngram_ns=%.2f\nBENCH engine_ngram_per_getppid=%.4f\n"
	       "BENCH engine_ngram_table_kib=%u\n", ngram_ns, ngram_ns / getppid_ns,
	       (16U << ng.mf.info.table_bits) >> 10);
	printf("BENCH engine_ngram_walk_ns=%.2f\nBENCH engine_ngram_walk_per_getppid=%.4f\n",
	       walk_ns, walk_ns / getppid_ns);
	model_file_free(&ng.mf);
	free(ng.state);
	printf("targets: SIMD H=32 <= 0.5x getppid, H=64 <= 1x; scalar H=32 <= 4x (%s SIMD)\n",
	       hids_isa_best() == HIDS_ISA_AVX2 ? "AVX2" : "SSE2");
	return 0;
}

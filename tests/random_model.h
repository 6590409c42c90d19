/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The random models the VM tests and the hot-path benchmark load, over
 * the first 199 x86_64 system calls after <unk>, W=16, K=10: an LSTM
 * (E=16, H=32, 2 layers, weights from seed 1; self-normalised, its output
 * biases 3 nats lower so that few scores clamp at 0) and an n-gram model of
 * order 8 counted on a seeded stream of the given length that repeats short call patterns
 * among noise, so that real call sequences meet contexts of every length.
 * Include after syscalls_x86_64.h.
 */
#ifndef HIDS_TESTS_RANDOM_MODEL_H
#define HIDS_TESTS_RANDOM_MODEL_H

#include <stdbool.h>
#include <stdlib.h>

#include <linux/hids_model.h>

#include "fmodel.h"
#include "ngram_model.h"
#include "quantize.h"

/* names[0..200): <unk>, then the first 199 x86_64 calls; returns 200. */
static inline int random_vm_names(const char **names)
{
	const size_t nsys = sizeof(syscalls_x86_64) / sizeof(syscalls_x86_64[0]);
	size_t i;
	int v = 1;

	names[0] = "<unk>";
	for (i = 0; i < nsys && v < 200; i++)
		if (syscalls_x86_64[i])
			names[v++] = syscalls_x86_64[i];
	return v;
}

/*
 * flags: HIDS_MODEL_FLAG_NGRAM_CAP, scores at most ln V (fit --score-cap);
 * HIDS_MODEL_FLAG_SKIP_SIGRETURN, signal returns not scored (fit's default).
 */
static inline int random_vm_ngram(const char *name, const char *description, size_t calls,
				  unsigned int flags, unsigned char **blob, size_t *len)
{
	const char *names[200];
	struct quant_meta q = {
		.names = names, .window = 16, .min_calls = 10,
		.name = name, .description = description,
		.ngram_cap = flags & HIDS_MODEL_FLAG_NGRAM_CAP,
		.skip_sigreturn = flags & HIDS_MODEL_FLAG_SKIP_SIGRETURN,
	};
	unsigned long long x = 1;
	struct ngram_lm g;
	uint16_t *tok = malloc(calls * sizeof(*tok));
	int v = random_vm_names(names), ret;
	size_t i;

	if (!tok)
		return -ENOMEM;
	/* Runs of 0, 1, 2 ... 9 (read, write, open ...), a random call now and then. */
	for (i = 0; i < calls; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		tok[i] = (x >> 60) < 1 ? 1 + (x >> 33) % (v - 1) : 1 + i % 10;
	}
	ret = ngram_init(&g, 8, v, true) ?: ngram_train(&g, tok, calls);
	ret = ret ?: ngram_model_blob(&g, &q, blob, len);
	ngram_free(&g);
	free(tok);
	return ret;
}

static inline int random_vm_model(const char *name, const char *description, bool self_norm,
				  unsigned char **blob, size_t *len)
{
	const char *names[200];
	struct quant_meta q = { .names = names, .window = 16, .min_calls = 10,
				.name = name, .description = description };
	struct fmodel m;
	int v = random_vm_names(names), ret, t;

	ret = fmodel_alloc(&m, v, 16, 32, 2);
	if (ret)
		return ret;
	fmodel_init_random(&m, 1, 0.4f);
	m.self_norm = self_norm ? 0.1f : 0.0f;
	for (t = 0; self_norm && t < v; t++)
		m.b_out[t] -= 3.0f;
	ret = quantize_model(&m, &q, blob, len);
	fmodel_free(&m);
	return ret;
}

#endif /* HIDS_TESTS_RANDOM_MODEL_H */

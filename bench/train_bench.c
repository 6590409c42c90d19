// SPDX-License-Identifier: GPL-2.0
/*
 * train_bench: training throughput of hids-train's float LSTM (lstm_train)
 * on a fixed subset of the real ADFA-LD training split: the first traces,
 * in split order, up to SUBSET calls, tokens from a vocabulary of the whole
 * split.  One epoch each for H=32 and H=64 (E=16, 1 layer, B=32, T=64,
 * the trainer's default dropout, clipping and AdamW), one OpenBLAS thread.
 * bench/train_bench.sh runs it in turn with its PyTorch peer
 * (bench/train_torch.py), which reads the same subset from --export.
 *
 *   train_bench ADFA_DIR                 "hids H TOKENS_PER_S" per size
 *   train_bench ADFA_DIR --export FILE   "vocab V", then a stream a line
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "lstm_train.h"
#include "splits.h"

#define SUBSET 60000		/* calls */

const char *prog_name = "train_bench";

struct subset {
	struct splits sp;
	struct token_stream *ts;	/* the whole training split's streams */
	size_t n, tokens;		/* the first n of them: the subset */
	int vocab;
};

static int subset_load(struct subset *s, const char *dir)
{
	size_t all, i;
	int ret;

	memset(s, 0, sizeof(*s));
	ret = splits_open(&s->sp, DATASET_ADFA_LD, dir, 1u << SPLIT_TRAIN);
	if (ret)
		return ret;
	ret = splits_vocab_build(&s->sp, 1) ?: splits_views(&s->sp) ?:
	      views_token_streams(&s->sp.v[SPLIT_TRAIN], &s->ts, &all);
	if (ret)
		return ret;
	s->vocab = vocab_size(&s->sp.vocab);
	/* The first streams in split order, until SUBSET calls. */
	for (i = 0; i < all && s->tokens < SUBSET; i++)
		s->tokens += s->ts[i].len;
	s->n = i;
	return 0;
}

static void subset_free(struct subset *s)
{
	free(s->ts);
	splits_close(&s->sp);
}

static int export(const struct subset *s, const char *path)
{
	FILE *f = fopen(path, "w");
	size_t i, j;

	if (!f) {
		perror(path);
		return -1;
	}
	fprintf(f, "vocab %d\n", s->vocab);
	for (i = 0; i < s->n; i++) {
		for (j = 0; j < s->ts[i].len; j++)
			fprintf(f, j ? " %u" : "%u", s->ts[i].tok[j]);
		fputc('\n', f);
	}
	return fclose(f);
}

static int train(const struct subset *s, int hidden)
{
	struct train_result r;
	struct train_opts o;
	struct fmodel m;
	int ret;

	train_opts_default(&o);
	o.hidden = hidden;
	o.embed = 16;
	o.layers = 1;
	o.epochs = 1;
	o.batch = 32;
	o.bptt = 64;
	o.patience = 0;
	o.threads = 1;
	ret = lstm_train(&m, s->vocab, s->ts, s->n, NULL, 0, &o, &r);
	if (ret)
		return ret;
	fmodel_free(&m);
	printf("hids %d %.0f\n", hidden, r.tokens_per_s);
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	struct subset s;
	int ret;

	if (argc != 2 && !(argc == 4 && !strcmp(argv[2], "--export"))) {
		fprintf(stderr, "usage: train_bench ADFA_DIR [--export FILE]\n");
		return 2;
	}
	ret = subset_load(&s, argv[1]);
	if (!ret && argc == 4)
		ret = export(&s, argv[3]);
	else if (!ret)
		ret = train(&s, 32) ?: train(&s, 64);
	subset_free(&s);
	return ret ? 1 : 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Views of recordings and the hold-out of a validation part, then engine
 * and float scores of the same views through scored.c, and the float
 * model file beside a .hidsm: round trip and every corruption refused.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checkpoint.h"
#include "fmodel.h"
#include "lstm_train.h"
#include "modelfile.h"
#include "quantize.h"
#include "scored.h"
#include "tap.h"
#include "views.h"

/* A recording of nthreads threads of len calls each: tokens 1, 2, 1, 2 ... */
static void make_rec(struct rec_streams *r, struct thread_stream *th, uint16_t *tok,
		     uint32_t *seq, uint32_t nthreads, uint32_t len)
{
	uint32_t i, j;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < nthreads; i++) {
		th[i] = (struct thread_stream){ .tid = 100 + i, .off = i * len, .len = len };
		for (j = 0; j < len; j++) {
			tok[i * len + j] = 1 + (j & 1);
			seq[i * len + j] = j * nthreads + i;
		}
	}
	r->nthreads = nthreads;
	r->th = th;
	r->ntok = nthreads * len;
	r->tok = tok;
	r->seq = seq;
	r->exploit_seq = STREAM_NO_EXPLOIT;
}

static void test_hold_out(void)
{
	struct thread_stream th[12];
	uint16_t tok[120];
	uint32_t seq[120];
	struct rec_streams r[2];
	struct views tr, va, all;
	bool ok;

	make_rec(&r[0], th, tok, seq, 6, 10);
	make_rec(&r[1], th + 6, tok + 60, seq + 60, 6, 10);
	tap_ok(!views_of(&all, r, 2) && all.n == 2 && all.v[0].n == 6 &&
	       views_calls(&all) == 120, "views: one view per recording, a slice per thread");
	views_free(&all);
	/* 12 threads: 2 of them held out whole, the same 2 every time. */
	ok = !views_hold_out(&tr, &va, r, 2);
	if (ok) {
		size_t k, held = 0;
		uint32_t j;
		const uint16_t *first = va.v[0].sl[0].tok;

		for (k = 0; k < va.n; k++)
			for (j = 0; j < va.v[k].n; j++)
				held += va.v[k].sl[j].len == 10;
		tap_ok(held == 2 && views_calls(&va) == 20 && views_calls(&tr) == 100 &&
		       tr.n == 2, "hold-out: a fifth of the threads to validation, whole");
		views_free(&tr);
		views_free(&va);
		ok = !views_hold_out(&tr, &va, r, 2);
		tap_ok(ok && va.v[0].sl[0].tok == first, "hold-out: the same threads every run");
		if (ok) {
			views_free(&tr);
			views_free(&va);
		}
	} else {
		tap_ok(0, "hold-out: a fifth of the threads to validation, whole");
		tap_ok(0, "hold-out: the same threads every run");
	}
	/* 2 threads: the last fifth of each. */
	make_rec(&r[0], th, tok, seq, 2, 10);
	ok = !views_hold_out(&tr, &va, r, 1);
	tap_ok(ok && va.n == 1 && va.v[0].n == 2 && va.v[0].sl[0].len == 2 &&
	       va.v[0].sl[0].seq[0] == 16 && tr.v[0].sl[1].len == 8,
	       "hold-out: with few threads, the last fifth of each");
	if (ok) {
		views_free(&tr);
		views_free(&va);
	}
	make_rec(&r[0], th, tok, seq, 1, 4);
	tap_ok(views_hold_out(&tr, &va, r, 1) == -ENODATA, "hold-out: too short is -ENODATA");
}

/* The engine and the float model score the same calls nearly alike. */
static void test_scored(const struct fmodel *m)
{
	static const char *const names[] = { "<unk>", "read", "write" };
	struct thread_stream th[3];
	uint16_t tok[60];
	uint32_t seq[60];
	struct rec_streams r;
	struct quant_meta q = { .names = names, .window = 4, .min_calls = 1 };
	struct model_file mf;
	struct scored si, sf;
	struct views v;
	unsigned char *blob;
	double worst = 0;
	size_t len, i;

	make_rec(&r, th, tok, seq, 3, 20);
	if (views_of(&v, &r, 1) || quantize_model(m, &q, &blob, &len) ||
	    model_blob_load(&mf, blob, len, "test")) {
		tap_ok(0, "scored: setup");
		tap_ok(0, "scored: engine near float");
		return;
	}
	tap_ok(!scored_engine(&si, &v, mf.model, HIDS_ISA_SCALAR) &&
	       !scored_float(&sf, &v, m, NULL) && si.n == 1 && si.rec[0].nthreads == 3 &&
	       si.rec[0].th[2].t[1] == 5 && sf.rec[0].th[2].len == 20,
	       "scored: a record per view, a thread per slice, call times kept");
	for (i = 0; i < 60; i++)
		worst = fmax(worst, fabs(si.q[i] / SCORE_ONE - sf.f[i]));
	tap_ok(worst < 0.05, "scored: engine within 0.05 nats of float per call (%.4f)", worst);
	scored_free(&si);
	scored_free(&sf);
	model_file_free(&mf);
	free(blob);
	views_free(&v);
}

static int rewrite(const char *path, long at, int delta, long truncate_to)
{
	FILE *f = fopen(path, "r+b");
	int c;

	if (!f)
		return -1;
	if (at >= 0) {
		fseek(f, at, SEEK_SET);
		c = fgetc(f);
		fseek(f, at, SEEK_SET);
		fputc(c + delta, f);
	}
	fclose(f);
	return truncate_to >= 0 ? truncate(path, truncate_to) : 0;
}

static void test_checkpoint(const struct fmodel *m)
{
	char path[] = "/tmp/hids-ckpt-XXXXXX";
	struct checkpoint_train t = { 1234.5, 6.5, 3, 2 }, u;
	double off[3] = { 0, 0.5, 1.5 }, *o2 = NULL;
	struct fmodel m2;
	int fd = mkstemp(path), ret;
	long size;

	close(fd);
	ret = checkpoint_write(path, m, off, &t);
	ret = ret ?: checkpoint_read(path, &m2, &o2, &u);
	tap_ok(!ret && m2.nparams == m->nparams &&
	       !memcmp(m2.params, m->params, m->nparams * sizeof(float)) && o2 &&
	       o2[2] == 1.5 && u.tokens_per_s == 1234.5 && u.best_epoch == 2,
	       "checkpoint: parameters, offsets and figures round-trip");
	if (!ret) {
		fmodel_free(&m2);
		free(o2);
	}
	size = 8 + 5 * 4 + 16 + 8 + m->nparams * 4 + 3 * 8 + 4;
	fprintf(stderr, "# checkpoint: corrupt copies, errors expected below\n");
	rewrite(path, 40, 1, -1);
	tap_ok(checkpoint_read(path, &m2, &o2, &u) == -EBADMSG && !o2,
	       "checkpoint: a flipped byte is a checksum error");
	rewrite(path, 40, -1, size - 7);
	tap_ok(checkpoint_read(path, &m2, &o2, &u) == -EBADMSG, "checkpoint: truncated is refused");
	rewrite(path, -1, 0, 10);
	tap_ok(checkpoint_read(path, &m2, &o2, &u) == -EPROTO, "checkpoint: too short is refused");
	unlink(path);
	tap_ok(checkpoint_read(path, &m2, &o2, &u) == -ENOENT, "checkpoint: missing file");
}

int main(void)
{
	static const uint16_t pat[] = { 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2 };
	struct token_stream s = { pat, 16 };
	struct train_opts o;
	struct train_result res;
	struct fmodel m;

	tap_plan(12);
	test_hold_out();
	train_opts_default(&o);
	o.hidden = 8;
	o.embed = 4;
	o.layers = 1;
	o.epochs = 30;
	o.patience = 0;
	if (fmodel_alloc(&m, 3, 4, 8, 1)) {
		tap_ok(0, "fmodel_alloc");
		return tap_done();
	}
	lstm_init_params(&m, 1);
	lstm_train(&m, 3, &s, 1, NULL, 0, &o, &res);
	test_scored(&m);
	test_checkpoint(&m);
	fmodel_free(&m);
	return tap_done();
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Per-call scores of views by the engine, the float model, the n-gram model
 * or STIDE; per window by count vectors or the LSTM encoder-decoders.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "count_vectors.h"
#include "lstm_encdec.h"
#include "lstm_score.h"
#include "scored.h"
#include "threshold.h"

/* The records, threads and call times; the values are the scorer's. */
static int scored_alloc(struct scored *s, const struct views *v, bool q)
{
	size_t i, k = 0, calls = views_calls(v), nth = 0;
	uint32_t j;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < v->n; i++)
		nth += v->v[i].n;
	s->rec = calloc(v->n ? v->n : 1, sizeof(*s->rec));
	s->th = calloc(nth ? nth : 1, sizeof(*s->th));
	s->t = malloc((calls ? calls : 1) * sizeof(*s->t));
	if (q)
		s->q = malloc((calls ? calls : 1) * sizeof(*s->q));
	else
		s->f = malloc((calls ? calls : 1) * sizeof(*s->f));
	if (!s->rec || !s->th || !s->t || (q ? !s->q : !s->f)) {
		scored_free(s);
		return -ENOMEM;
	}
	nth = 0;
	for (i = 0; i < v->n; i++) {
		const struct view *w = &v->v[i];
		struct score_rec *r = &s->rec[i];

		r->name = w->name;
		r->group = w->group;
		r->group_len = w->group_len;
		r->attack = w->attack;
		r->exploit_t = w->attack && w->exploit_seq != STREAM_NO_EXPLOIT ?
			       w->exploit_seq : 0;
		r->th = s->th + nth;
		r->nthreads = w->n;
		for (j = 0; j < w->n; j++) {
			struct score_thread *th = &s->th[nth++];
			uint32_t c;

			th->q = q ? s->q + k : NULL;
			th->f = q ? NULL : s->f + k;
			th->t = s->t + k;
			th->len = w->sl[j].len;
			for (c = 0; c < w->sl[j].len; c++)
				s->t[k + c] = w->sl[j].seq[c];
			k += w->sl[j].len;
		}
	}
	s->n = v->n;
	return 0;
}

int scored_engine(struct scored *s, const struct views *v, const struct hids_model *m,
		  enum hids_isa isa)
{
	void *state, *scratch;
	size_t i, k = 0;
	uint32_t j, c;
	int ret;

	ret = scored_alloc(s, v, true);
	if (ret)
		return ret;
	state = aligned_alloc(64, (hids_state_size(m) + 63) & ~(size_t)63);
	scratch = aligned_alloc(64, (hids_scratch_size(m) + 63) & ~(size_t)63);
	if (!state || !scratch) {
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < v->n; i++) {
		for (j = 0; j < v->v[i].n; j++) {
			const struct slice *sl = &v->v[i].sl[j];

			hids_state_reset(m, state);
			for (c = 0; c < sl->len; c++)
				s->q[k++] = hids_step(m, state, sl->tok[c], scratch, isa);
		}
	}
out:
	free(state);
	free(scratch);
	if (ret)
		scored_free(s);
	return ret;
}

int scored_float(struct scored *s, const struct views *v, const struct fmodel *m,
		 const double *offsets)
{
	struct token_stream *ts = NULL;
	float **out = NULL, *buf = NULL;
	size_t i, n = 0, k = 0, calls = views_calls(v);
	int ret;

	ret = scored_alloc(s, v, false);
	if (ret)
		return ret;
	ret = views_token_streams(v, &ts, &n);
	if (ret)
		goto out;
	out = calloc(n ? n : 1, sizeof(*out));
	buf = malloc((calls ? calls : 1) * sizeof(*buf));
	if (!out || !buf) {
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		out[i] = buf + k;
		k += ts[i].len;
	}
	ret = lstm_score(m, ts, n, out);
	if (ret)
		goto out;
	k = 0;
	for (i = 0; i < n; i++) {
		size_t c;

		for (c = 0; c < ts[i].len; c++, k++)
			s->f[k] = buf[k] + (offsets ? offsets[ts[i].tok[c]] : 0.0);
	}
out:
	free(ts);
	free(out);
	free(buf);
	if (ret)
		scored_free(s);
	return ret;
}

int scored_stide(struct scored *s, const struct views *v, const struct stide *st)
{
	size_t i, k = 0, nth = 0, first;
	uint32_t j;
	int ret;

	ret = scored_alloc(s, v, false);
	if (ret)
		return ret;
	for (i = 0; i < v->n; i++) {
		for (j = 0; j < v->v[i].n; j++) {
			const struct slice *sl = &v->v[i].sl[j];
			struct score_thread *th = &s->th[nth++];

			first = stide_score(st, sl->tok, sl->len, s->f + k);
			stide_thread(th, s->f + k, s->t + k, sl->len, first);
			k += sl->len;
		}
	}
	return 0;
}

int scored_ngram(struct scored *s, const struct views *v, const struct ngram_lm *g)
{
	size_t i, k = 0;
	uint32_t j;
	int ret;

	ret = scored_alloc(s, v, false);
	if (ret)
		return ret;
	for (i = 0; i < v->n; i++) {
		for (j = 0; j < v->v[i].n; j++) {
			ngram_score(g, v->v[i].sl[j].tok, v->v[i].sl[j].len, s->f + k);
			k += v->v[i].sl[j].len;
		}
	}
	return 0;
}

/* A scorer of one thread's windows: values out, each at the call at[i] it ends at. */
typedef int (*window_fn)(const void *model, const struct slice *sl, double *out, uint32_t *at,
			 size_t *n);

/* A thread's values are its windows, at the calls they end at. */
static int scored_windows(struct scored *s, const struct views *v, window_fn score,
			  const void *model)
{
	uint32_t *at = NULL, j, longest = 0;
	size_t i, k = 0, nth = 0, n, w;
	int ret;

	ret = scored_alloc(s, v, false);
	for (i = 0; !ret && i < v->n; i++)
		for (j = 0; j < v->v[i].n; j++)
			longest = v->v[i].sl[j].len > longest ? v->v[i].sl[j].len : longest;
	at = ret ? NULL : malloc((longest ? longest : 1) * sizeof(*at));
	if (!ret && !at)
		ret = -ENOMEM;
	for (i = 0; !ret && i < v->n; i++) {
		for (j = 0; !ret && j < v->v[i].n; j++) {
			const struct slice *sl = &v->v[i].sl[j];
			struct score_thread *th = &s->th[nth++];

			ret = score(model, sl, s->f + k, at, &n);
			for (w = 0; !ret && w < n; w++)
				s->t[k + w] = s->t[k + at[w]];
			th->len = n;
			k += sl->len;
		}
	}
	free(at);
	if (ret)
		scored_free(s);
	return ret;
}

static int cvec_window(const void *model, const struct slice *sl, double *out, uint32_t *at,
		       size_t *n)
{
	return cvec_score(model, sl->tok, sl->dur, sl->len, out, at, n);
}

int scored_cvec(struct scored *s, const struct views *v, const struct cvec *m)
{
	return scored_windows(s, v, cvec_window, m);
}

struct encdec_scorer {
	const struct encdec *m;
	uint32_t stride;
};

static int encdec_window(const void *model, const struct slice *sl, double *out, uint32_t *at,
			 size_t *n)
{
	const struct encdec_scorer *e = model;

	return encdec_score(e->m, sl->tok, sl->len, e->stride, out, at, n);
}

int scored_encdec(struct scored *s, const struct views *v, const struct encdec *m,
		  uint32_t stride)
{
	struct encdec_scorer e = { m, stride };

	return scored_windows(s, v, encdec_window, &e);
}

int scored_threshold(const struct scored *s, const struct detector *d, double target_far,
		     double *thr)
{
	struct threshold_val tv;
	size_t i;
	int ret = 0;

	threshold_val_init(&tv, d);
	for (i = 0; i < s->n && !ret; i++)
		ret = threshold_val_add(&tv, &s->rec[i]);
	ret = ret ?: threshold_val_pick(&tv, target_far, thr);
	threshold_val_free(&tv);
	return ret;
}

void scored_free(struct scored *s)
{
	free(s->rec);
	free(s->th);
	free(s->q);
	free(s->f);
	free(s->t);
	memset(s, 0, sizeof(*s));
}

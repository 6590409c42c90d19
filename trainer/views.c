// SPDX-License-Identifier: GPL-2.0
/* Recordings as per-thread slices, and the hold-out (see views.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "views.h"

static size_t count_threads(const struct rec_streams *rs, size_t n)
{
	size_t i, k = 0;
	uint32_t j;

	for (i = 0; i < n; i++)
		for (j = 0; j < rs[i].nthreads; j++)
			k += rs[i].th[j].len > 0;
	return k;
}

static int views_alloc(struct views *v, size_t nviews, size_t nslices)
{
	memset(v, 0, sizeof(*v));
	v->v = calloc(nviews ? nviews : 1, sizeof(*v->v));
	v->pool = calloc(nslices ? nslices : 1, sizeof(*v->pool));
	if (!v->v || !v->pool) {
		views_free(v);
		return -ENOMEM;
	}
	return 0;
}

/*
 * A recording's attack group: ADFA-LD's folder (one run of an attack,
 * whatever its files are named), else the recording itself.
 */
static void group_of(struct view *w, const struct recording *rec)
{
	const char *end, *start;

	w->group = w->name;
	w->group_len = strlen(w->name);
	if (!rec || rec->format != REC_ADFA || !rec->path)
		return;
	end = strrchr(rec->path, '/');
	if (!end || end == rec->path)
		return;
	for (start = end; start > rec->path && start[-1] != '/'; start--)
		;
	w->group = start;
	w->group_len = end - start;
}

static struct view *view_begin(struct views *v, const struct rec_streams *r)
{
	struct view *w = &v->v[v->n];

	w->name = r->rec ? r->rec->name : "";
	group_of(w, r->rec);
	w->attack = r->attack;
	w->exploit_seq = r->exploit_seq;
	w->sl = v->pool + v->nslices;
	w->n = 0;
	return w;
}

static void view_add(struct views *v, struct view *w, const struct rec_streams *r,
		     const struct thread_stream *t, uint32_t from, uint32_t len)
{
	w->sl[w->n].tok = r->tok + t->off + from;
	w->sl[w->n].seq = r->seq + t->off + from;
	w->sl[w->n].dur = r->dur ? r->dur + t->off + from : NULL;
	w->sl[w->n].len = len;
	w->n++;
	v->nslices++;
}

/* Close a view: kept when it got slices. */
static void view_end(struct views *v, const struct view *w)
{
	if (w->n)
		v->n++;
}

int views_of(struct views *out, const struct rec_streams *rs, size_t n)
{
	struct view *w;
	size_t i;
	uint32_t j;
	int ret;

	ret = views_alloc(out, n, count_threads(rs, n));
	if (ret)
		return ret;
	for (i = 0; i < n; i++) {
		w = view_begin(out, &rs[i]);
		for (j = 0; j < rs[i].nthreads; j++)
			if (rs[i].th[j].len)
				view_add(out, w, &rs[i], &rs[i].th[j], 0, rs[i].th[j].len);
		/* A recording without calls still counts (its scores are empty). */
		out->n++;
	}
	return 0;
}

/*
 * held[g]: thread g (in recording and first-call order) goes to
 * validation.  nt / HOLD_OUT_EVERY threads drawn in a fixed pseudo-random
 * order, not every k-th: a periodic workload (a request mix that cycles)
 * would otherwise keep whole kinds of thread out of validation.
 */
static bool *pick_held(size_t nt)
{
	bool *held = calloc(nt ? nt : 1, sizeof(*held));
	size_t *idx = malloc((nt ? nt : 1) * sizeof(*idx)), i, j, tmp;
	uint64_t seed = 0x68696473;	/* "hids" */

	if (!held || !idx) {
		free(held);
		free(idx);
		return NULL;
	}
	for (i = 0; i < nt; i++)
		idx[i] = i;
	for (i = nt; i > 1; i--) {
		j = splitmix64(&seed) % i;
		tmp = idx[i - 1];
		idx[i - 1] = idx[j];
		idx[j] = tmp;
	}
	for (i = 0; i < nt / HOLD_OUT_EVERY; i++)
		held[idx[i]] = true;
	free(idx);
	return held;
}

int views_hold_out(struct views *train, struct views *val, const struct rec_streams *rs,
		   size_t n)
{
	size_t i, nt = count_threads(rs, n), g = 0;
	bool whole = nt >= HOLD_OUT_EVERY, *held = NULL;
	const struct thread_stream *t;
	struct view *wt, *wv;
	uint32_t j, cut;
	int ret;

	ret = views_alloc(train, n, nt);
	if (!ret)
		ret = views_alloc(val, n, nt);
	if (!ret && whole) {
		held = pick_held(nt);
		ret = held ? 0 : -ENOMEM;
		if (ret)
			views_free(val);
	}
	if (ret) {
		views_free(train);
		return ret;
	}
	for (i = 0; i < n; i++) {
		wt = view_begin(train, &rs[i]);
		wv = view_begin(val, &rs[i]);
		for (j = 0; j < rs[i].nthreads; j++) {
			t = &rs[i].th[j];
			if (!t->len)
				continue;
			if (whole) {
				if (held[g++])
					view_add(val, wv, &rs[i], t, 0, t->len);
				else
					view_add(train, wt, &rs[i], t, 0, t->len);
				continue;
			}
			cut = t->len - t->len / HOLD_OUT_EVERY;
			view_add(train, wt, &rs[i], t, 0, cut);
			if (cut < t->len)
				view_add(val, wv, &rs[i], t, cut, t->len - cut);
		}
		view_end(train, wt);
		view_end(val, wv);
	}
	free(held);
	if (!val->n || !train->n) {
		views_free(train);
		views_free(val);
		return -ENODATA;
	}
	return 0;
}

void views_free(struct views *v)
{
	free(v->v);
	free(v->pool);
	memset(v, 0, sizeof(*v));
}

size_t views_calls(const struct views *v)
{
	size_t i, k = 0;
	uint32_t j;

	for (i = 0; i < v->n; i++)
		for (j = 0; j < v->v[i].n; j++)
			k += v->v[i].sl[j].len;
	return k;
}

int views_token_streams(const struct views *v, struct token_stream **out, size_t *n)
{
	size_t i, k = 0;
	uint32_t j;

	for (i = 0; i < v->n; i++)
		k += v->v[i].n;
	*out = calloc(k ? k : 1, sizeof(**out));
	if (!*out)
		return -ENOMEM;
	k = 0;
	for (i = 0; i < v->n; i++) {
		for (j = 0; j < v->v[i].n; j++) {
			(*out)[k].tok = v->v[i].sl[j].tok;
			(*out)[k].len = v->v[i].sl[j].len;
			k++;
		}
	}
	*n = k;
	return 0;
}

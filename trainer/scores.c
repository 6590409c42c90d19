// SPDX-License-Identifier: GPL-2.0
/*
 * Recording-level scores and per-call detector values from per-call
 * scores (see scores.h for the definitions and edge cases).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scores.h"

static const char *const kind_names[SCORE__N] = {
	[SCORE_MEAN] = "mean",
	[SCORE_WINDOW_MAX] = "window_max",
	[SCORE_RUNNING_MAX] = "running_max",
};

const char *score_kind_name(enum score_kind k)
{
	return (unsigned int)k < SCORE__N ? kind_names[k] : "?";
}

static void acc_add(struct score_acc *a, const struct score_thread *th, size_t i)
{
	if (th->q)
		a->q += th->q[i];
	else
		a->f += th->f[i];
}

static void acc_sub(struct score_acc *a, const struct score_thread *th, size_t i)
{
	if (th->q)
		a->q -= th->q[i];
	else
		a->f -= th->f[i];
}

/* The kernel's mean: floor division of the Q16.16 sum, then nats. */
static double acc_mean(const struct score_acc *a, bool is_q, uint64_t n)
{
	return is_q ? (double)(a->q / n) / SCORE_ONE : a->f / (double)n;
}

static bool thread_ok(const struct score_thread *th)
{
	return !th->len || (th->t && (th->q || th->f));
}

static void thread_levels(const struct score_thread *th, const struct score_opts *o,
			  double out[SCORE__N])
{
	struct score_acc run = { 0 }, win = { 0 };
	bool is_q = !!th->q;
	double wmax = -INFINITY, rmax = -INFINITY, mean;
	size_t i, w = o->window;

	for (i = 0; i < th->len; i++) {
		acc_add(&run, th, i);
		acc_add(&win, th, i);
		if (i >= w)
			acc_sub(&win, th, i - w);
		/* The kernel's window mean: over W from the first call on. */
		wmax = fmax(wmax, acc_mean(&win, is_q, w));
		if (i + 1 >= o->min_calls)
			rmax = fmax(rmax, acc_mean(&run, is_q, i + 1));
	}
	mean = acc_mean(&run, is_q, th->len);
	out[SCORE_MEAN] = mean;
	out[SCORE_WINDOW_MAX] = wmax;
	out[SCORE_RUNNING_MAX] = th->len < o->min_calls ? mean : rmax;
}

int score_rec_levels(const struct score_rec *r, const struct score_opts *o,
		     double out[SCORE__N])
{
	double th[SCORE__N];
	size_t i;
	int k;

	if (!o->window || !o->min_calls)
		return -EINVAL;
	for (k = 0; k < SCORE__N; k++)
		out[k] = -INFINITY;
	for (i = 0; i < r->nthreads; i++) {
		if (!thread_ok(&r->th[i]))
			return -EINVAL;
		if (!r->th[i].len)
			continue;
		thread_levels(&r->th[i], o, th);
		for (k = 0; k < SCORE__N; k++)
			out[k] = fmax(out[k], th[k]);
	}
	return 0;
}

/* Heap order: the thread whose next call comes first, ties by index. */
static bool before(const struct replay *p, size_t a, size_t b)
{
	uint64_t ta = p->r->th[a].t[p->pos[a]], tb = p->r->th[b].t[p->pos[b]];

	return ta < tb || (ta == tb && a < b);
}

static void sift_down(struct replay *p, size_t i)
{
	size_t c, tmp;

	for (;;) {
		c = 2 * i + 1;
		if (c >= p->nheap)
			return;
		if (c + 1 < p->nheap && before(p, p->heap[c + 1], p->heap[c]))
			c++;
		if (!before(p, p->heap[c], p->heap[i]))
			return;
		tmp = p->heap[c];
		p->heap[c] = p->heap[i];
		p->heap[i] = tmp;
		i = c;
	}
}

static int replay_check(const struct score_rec *r, const struct detector *d, bool *is_q)
{
	bool any_q = false, any_f = false;
	size_t i;

	if ((d->kind == DET_WINDOW && !d->window) || (d->kind == DET_RUNNING && !d->min_calls) ||
	    (d->kind != DET_WINDOW && d->kind != DET_RUNNING))
		return -EINVAL;
	for (i = 0; i < r->nthreads; i++) {
		if (!thread_ok(&r->th[i]))
			return -EINVAL;
		if (!r->th[i].len)
			continue;
		any_q |= !!r->th[i].q;
		any_f |= !r->th[i].q;
	}
	/* One window over every thread needs one kind of sum. */
	if (any_q && any_f && d->kind == DET_WINDOW && d->across_threads)
		return -EINVAL;
	*is_q = any_q && !any_f;
	return 0;
}

int replay_start(struct replay *p, const struct score_rec *r, const struct detector *d)
{
	size_t i, n = r->nthreads;
	bool ring = d->kind == DET_WINDOW && d->across_threads;
	int ret;

	memset(p, 0, sizeof(*p));
	ret = replay_check(r, d, &p->is_q);
	if (ret)
		return ret;
	p->r = r;
	p->d = *d;
	p->heap = calloc(n ? n : 1, sizeof(*p->heap));
	p->pos = calloc(n ? n : 1, sizeof(*p->pos));
	p->acc = calloc(n ? n : 1, sizeof(*p->acc));
	if (ring && p->is_q)
		p->ring_q = calloc(d->window, sizeof(*p->ring_q));
	else if (ring)
		p->ring_f = calloc(d->window, sizeof(*p->ring_f));
	if (!p->heap || !p->pos || !p->acc || (ring && !p->ring_q && !p->ring_f)) {
		replay_end(p);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		if (r->th[i].len)
			p->heap[p->nheap++] = i;
	}
	for (i = p->nheap / 2; i-- > 0;)
		sift_down(p, i);
	return 0;
}

/* across_threads: push the call into the recording's ring of W scores. */
static void ring_push(struct replay *p, const struct score_thread *th, size_t i)
{
	uint32_t w = p->d.window, at = p->ring_pos;

	if (p->ring_fill == w) {
		if (p->is_q)
			p->ring.q -= p->ring_q[at];
		else
			p->ring.f -= p->ring_f[at];
	} else {
		p->ring_fill++;
	}
	if (p->is_q)
		p->ring_q[at] = th->q[i];
	else
		p->ring_f[at] = th->f[i];
	acc_add(&p->ring, th, i);
	p->ring_pos = at + 1 == w ? 0 : at + 1;
}

static void call_value(struct replay *p, size_t k, size_t i, struct replay_call *c)
{
	const struct score_thread *th = &p->r->th[k];
	struct score_acc *a = &p->acc[k];
	uint64_t w = p->d.window;

	if (p->d.kind == DET_WINDOW && p->d.across_threads) {
		ring_push(p, th, i);
		c->has_value = p->d.partial || p->ring_fill == w;
		c->value = acc_mean(&p->ring, p->is_q, w);
		return;
	}
	acc_add(a, th, i);
	if (p->d.kind == DET_RUNNING) {
		c->has_value = i + 1 >= p->d.min_calls;
		c->value = acc_mean(a, !!th->q, i + 1);
	} else {
		if (i >= w)
			acc_sub(a, th, i - w);
		c->has_value = p->d.partial || i + 1 >= w;
		c->value = acc_mean(a, !!th->q, w);
	}
}

bool replay_next(struct replay *p, struct replay_call *c)
{
	size_t k, i;

	if (!p->nheap)
		return false;
	k = p->heap[0];
	i = p->pos[k]++;
	c->t = p->r->th[k].t[i];
	c->thread = k;
	call_value(p, k, i, c);
	if (p->pos[k] == p->r->th[k].len)
		p->heap[0] = p->heap[--p->nheap];
	sift_down(p, 0);
	return true;
}

void replay_end(struct replay *p)
{
	free(p->heap);
	free(p->pos);
	free(p->acc);
	free(p->ring_q);
	free(p->ring_f);
	memset(p, 0, sizeof(*p));
}

int score_rec_det_max(const struct score_rec *r, const struct detector *d, double *max)
{
	struct replay p;
	struct replay_call c;
	int ret;

	*max = -INFINITY;
	ret = replay_start(&p, r, d);
	if (ret)
		return ret;
	while (replay_next(&p, &c)) {
		if (c.has_value && c.value > *max)
			*max = c.value;
	}
	replay_end(&p);
	return 0;
}

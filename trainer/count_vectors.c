// SPDX-License-Identifier: GPL-2.0
/* Count vectors over windows of calls, scored by k-means (count_vectors.h). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "count_vectors.h"

/* A thread of len calls has this many windows of w. */
static size_t windows_of(size_t len, uint32_t w)
{
	return !len ? 0 : len < w ? 1 : len - w + 1;
}

/*
 * The last w calls of a thread: per call type the sum of their weights
 * (1 each, or their durations), the total, and for scoring the sum of
 * squares and the dot product with each centroid, kept as calls come and
 * go so that a window costs k operations, not k * vocab.
 */
struct sliding {
	const struct cvec *m;	/* for dot: NULL while training */
	double *sum, *dot, total, sumsq;
};

static double weight(const struct cvec *m, const uint32_t *dur, size_t i)
{
	return m->durations ? dur[i] : 1;
}

static void add(struct sliding *s, uint32_t t, double w)
{
	uint32_t c;

	s->sumsq += (2 * s->sum[t] + w) * w;
	s->sum[t] += w;
	s->total += w;
	for (c = 0; s->m && c < s->m->k; c++)
		s->dot[c] += w * s->m->mu[(size_t)c * s->m->vocab + t];
}

/* Call i in, call i - w out once the window is full. */
static void slide(struct sliding *s, const struct cvec *m, const uint16_t *tok,
		  const uint32_t *dur, size_t i)
{
	uint32_t t = tok[i] < m->vocab ? tok[i] : 0;

	add(s, t, weight(m, dur, i));
	if (i < m->window)
		return;
	t = tok[i - m->window] < m->vocab ? tok[i - m->window] : 0;
	add(s, t, -weight(m, dur, i - m->window));
}

static void sliding_reset(struct sliding *s, uint32_t vocab)
{
	memset(s->sum, 0, vocab * sizeof(*s->sum));
	if (s->m)
		memset(s->dot, 0, s->m->k * sizeof(*s->dot));
	s->total = s->sumsq = 0;
}

/* A window ends at call i of a stream of len: from the w-th call, or the last. */
static bool window_ends(const struct sliding *s, const struct cvec *m, size_t i, size_t len)
{
	return (i + 1 >= m->window || i + 1 == len) && s->total > 0;
}

static double sq_dist(const double *a, const double *b, uint32_t n)
{
	double d = 0;
	uint32_t i;

	for (i = 0; i < n; i++)
		d += (a[i] - b[i]) * (a[i] - b[i]);
	return d;
}

/* Nearest centroid of x, its squared distance in *d. */
static uint32_t nearest(const struct cvec *m, const double *x, double *d)
{
	uint32_t c, best = 0;
	double dc;

	*d = INFINITY;
	for (c = 0; c < m->k; c++) {
		dc = sq_dist(x, m->mu + (size_t)c * m->vocab, m->vocab);
		if (dc < *d) {
			*d = dc;
			best = c;
		}
	}
	return best;
}

static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* The windows of train, every stride-th one, as rows of x (shares of the total). */
static int collect(const struct cvec *m, const struct views *train, double **xp, size_t *np)
{
	struct sliding s = { .sum = calloc(m->vocab, sizeof(*s.sum)) };
	size_t total = 0, stride, idx = 0, n = 0, i, cap;
	uint32_t j, v;
	double *x;

	for (i = 0; i < train->n; i++)
		for (j = 0; j < train->v[i].n; j++)
			if (!m->durations || train->v[i].sl[j].dur)
				total += windows_of(train->v[i].sl[j].len, m->window);
	stride = total > CVEC_MAX_SAMPLES ? (total + CVEC_MAX_SAMPLES - 1) / CVEC_MAX_SAMPLES : 1;
	cap = total / stride + 1;
	x = malloc(cap * m->vocab * sizeof(*x));
	if (!s.sum || !x) {
		free(s.sum);
		free(x);
		return -ENOMEM;
	}
	for (i = 0; i < train->n; i++) {
		for (j = 0; j < train->v[i].n; j++) {
			const struct slice *sl = &train->v[i].sl[j];
			size_t c;

			if (m->durations && !sl->dur)
				continue;
			sliding_reset(&s, m->vocab);
			for (c = 0; c < sl->len; c++) {
				slide(&s, m, sl->tok, sl->dur, c);
				if (!window_ends(&s, m, c, sl->len) || idx++ % stride || n == cap)
					continue;
				for (v = 0; v < m->vocab; v++)
					x[n * m->vocab + v] = fmax(s.sum[v], 0) / s.total;
				n++;
			}
		}
	}
	free(s.sum);
	*xp = x;
	*np = n;
	return 0;
}

/* k-means++: each next centroid drawn with probability ~ squared distance. */
static void seed(struct cvec *m, const double *x, size_t n, double *d)
{
	uint64_t r = 0x9e3779b97f4a7c15ULL;
	double sum, pick, dc;
	uint32_t c;
	size_t i;

	memcpy(m->mu, x + (next_rand(&r) % n) * m->vocab, m->vocab * sizeof(*x));
	for (i = 0; i < n; i++)
		d[i] = sq_dist(x + i * m->vocab, m->mu, m->vocab);
	for (c = 1; c < m->k; c++) {
		for (sum = 0, i = 0; i < n; i++)
			sum += d[i];
		pick = sum * ((next_rand(&r) >> 11) * 0x1.0p-53);
		for (i = 0; i + 1 < n && (pick -= d[i]) > 0; i++)
			;
		/* All windows on the centroids already: duplicates do no harm. */
		memcpy(m->mu + (size_t)c * m->vocab, x + i * m->vocab, m->vocab * sizeof(*x));
		for (i = 0; i < n; i++) {
			dc = sq_dist(x + i * m->vocab, m->mu + (size_t)c * m->vocab, m->vocab);
			d[i] = fmin(d[i], dc);
		}
	}
}

/* Lloyd's steps until no window changes cluster (at most 300). */
static int lloyd(struct cvec *m, const double *x, size_t n, uint32_t *assign, double *d)
{
	size_t *size = calloc(m->k, sizeof(*size)), i, far;
	bool changed = true;
	uint32_t c, v;

	if (!size)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		assign[i] = UINT32_MAX;
	for (m->iterations = 0; changed && m->iterations < 300; m->iterations++) {
		changed = false;
		for (i = 0; i < n; i++) {
			c = nearest(m, x + i * m->vocab, &d[i]);
			changed |= c != assign[i];
			assign[i] = c;
		}
		memset(m->mu, 0, (size_t)m->k * m->vocab * sizeof(*m->mu));
		memset(size, 0, m->k * sizeof(*size));
		for (i = 0; i < n; i++) {
			size[assign[i]]++;
			for (v = 0; v < m->vocab; v++)
				m->mu[(size_t)assign[i] * m->vocab + v] += x[i * m->vocab + v];
		}
		for (c = 0; c < m->k; c++) {
			if (size[c]) {
				for (v = 0; v < m->vocab; v++)
					m->mu[(size_t)c * m->vocab + v] /= size[c];
				continue;
			}
			/* An empty cluster takes the window farthest from its centroid. */
			for (far = 0, i = 1; i < n; i++)
				if (d[i] > d[far])
					far = i;
			memcpy(m->mu + (size_t)c * m->vocab, x + far * m->vocab,
			       m->vocab * sizeof(*x));
			d[far] = 0;
			changed = true;
		}
	}
	free(size);
	return 0;
}

int cvec_train(struct cvec *m, const struct views *train, uint32_t vocab, uint32_t window,
	       uint32_t k, bool durations)
{
	uint32_t *assign = NULL, c, v;
	double *x = NULL, *d = NULL;
	size_t n;
	int ret;

	memset(m, 0, sizeof(*m));
	if (!vocab || !window || !k || k > CVEC_K_MAX)
		return -EINVAL;
	m->vocab = vocab;
	m->window = window;
	m->durations = durations;
	ret = collect(m, train, &x, &n);
	if (ret)
		return ret;
	if (!n) {
		free(x);
		return -ENODATA;
	}
	m->k = k < n ? k : (uint32_t)n;
	m->samples = n;
	m->mu = malloc((size_t)m->k * vocab * sizeof(*m->mu));
	m->mu_sq = malloc(m->k * sizeof(*m->mu_sq));
	d = malloc(n * sizeof(*d));
	assign = malloc(n * sizeof(*assign));
	ret = -ENOMEM;
	if (m->mu && m->mu_sq && d && assign) {
		seed(m, x, n, d);
		ret = lloyd(m, x, n, assign, d);
	}
	for (c = 0; !ret && c < m->k; c++) {
		m->mu_sq[c] = 0;
		for (v = 0; v < vocab; v++)
			m->mu_sq[c] += m->mu[(size_t)c * vocab + v] * m->mu[(size_t)c * vocab + v];
	}
	free(x);
	free(d);
	free(assign);
	if (ret)
		cvec_free(m);
	return ret;
}

void cvec_free(struct cvec *m)
{
	free(m->mu);
	free(m->mu_sq);
	memset(m, 0, sizeof(*m));
}

/* |x - mu|^2 = sumsq / total^2 - 2 (sum . mu) / total + |mu|^2, x = sum / total. */
int cvec_score(const struct cvec *m, const uint16_t *tok, const uint32_t *dur, size_t len,
	       double *out, uint32_t *at, size_t *n)
{
	struct sliding s = { .m = m, .sum = calloc(m->vocab, sizeof(*s.sum)),
			     .dot = calloc(m->k, sizeof(*s.dot)) };
	double best;
	uint32_t c;
	size_t i;
	int ret = 0;

	*n = 0;
	if (!s.sum || !s.dot) {
		ret = -ENOMEM;
		goto out;
	}
	if (m->durations && !dur)
		goto out;
	for (i = 0; i < len; i++) {
		slide(&s, m, tok, dur, i);
		if (!window_ends(&s, m, i, len))
			continue;
		best = INFINITY;
		for (c = 0; c < m->k; c++)
			best = fmin(best, s.sumsq / (s.total * s.total) - 2 * s.dot[c] / s.total +
				    m->mu_sq[c]);
		out[*n] = sqrt(fmax(best, 0));
		at[(*n)++] = i;
	}
out:
	free(s.sum);
	free(s.dot);
	return ret;
}

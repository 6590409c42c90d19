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

/* A window's frequencies: counts over the window's calls. */
struct sliding {
	uint32_t *count;
	uint32_t in;		/* calls in the window */
};

/* Adds tok[i], drops tok[i - w] once the window is full. */
static void slide(struct sliding *s, const uint16_t *tok, size_t i, uint32_t w)
{
	s->count[tok[i]]++;
	if (i >= w)
		s->count[tok[i - w]]--;
	else
		s->in++;
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

/* The windows of train, every stride-th one, as frequency rows of x. */
static int collect(const struct views *train, uint32_t vocab, uint32_t w, double **xp,
		   size_t *np)
{
	struct sliding s = { .count = calloc(vocab, sizeof(*s.count)) };
	size_t total = 0, stride, idx = 0, n = 0, i, cap;
	uint32_t j, v;
	double *x;

	for (i = 0; i < train->n; i++)
		for (j = 0; j < train->v[i].n; j++)
			total += windows_of(train->v[i].sl[j].len, w);
	stride = total > CVEC_MAX_SAMPLES ? (total + CVEC_MAX_SAMPLES - 1) / CVEC_MAX_SAMPLES : 1;
	cap = total / stride + 1;
	x = malloc(cap * vocab * sizeof(*x));
	if (!s.count || !x) {
		free(s.count);
		free(x);
		return -ENOMEM;
	}
	for (i = 0; i < train->n; i++) {
		for (j = 0; j < train->v[i].n; j++) {
			const struct slice *sl = &train->v[i].sl[j];
			size_t c;

			memset(s.count, 0, vocab * sizeof(*s.count));
			s.in = 0;
			for (c = 0; c < sl->len; c++) {
				slide(&s, sl->tok, c, w);
				if (c + 1 < w && c + 1 < sl->len)
					continue;
				if (idx++ % stride || n == cap)
					continue;
				for (v = 0; v < vocab; v++)
					x[n * vocab + v] = (double)s.count[v] / s.in;
				n++;
			}
		}
	}
	free(s.count);
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
	       uint32_t k)
{
	uint32_t *assign = NULL, c, v;
	double *x = NULL, *d = NULL;
	size_t n;
	int ret;

	memset(m, 0, sizeof(*m));
	if (!vocab || !window || !k || k > CVEC_K_MAX)
		return -EINVAL;
	ret = collect(train, vocab, window, &x, &n);
	if (ret)
		return ret;
	if (!n) {
		free(x);
		return -EINVAL;
	}
	m->vocab = vocab;
	m->window = window;
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

/*
 * |x - mu|^2 = sumsq / w^2 - 2 (count . mu) / w + |mu|^2 with x = count / w:
 * sumsq and count . mu change by two calls a step, so a window costs k
 * operations, not k * vocab.
 */
int cvec_score(const struct cvec *m, const uint16_t *tok, size_t len, double *out,
	       uint32_t *at, size_t *n)
{
	uint32_t *count = calloc(m->vocab, sizeof(*count)), c, w = m->window, t;
	double *dot = calloc(m->k, sizeof(*dot)), sumsq = 0, best, dc;
	size_t i, in = 0;

	*n = 0;
	if (!count || !dot) {
		free(count);
		free(dot);
		return -ENOMEM;
	}
	for (i = 0; i < len; i++) {
		t = tok[i] < m->vocab ? tok[i] : m->vocab - 1;
		sumsq += 2.0 * count[t] + 1;
		count[t]++;
		for (c = 0; c < m->k; c++)
			dot[c] += m->mu[(size_t)c * m->vocab + t];
		if (i >= w) {
			t = tok[i - w] < m->vocab ? tok[i - w] : m->vocab - 1;
			count[t]--;
			sumsq -= 2.0 * count[t] + 1;
			for (c = 0; c < m->k; c++)
				dot[c] -= m->mu[(size_t)c * m->vocab + t];
		} else {
			in++;
		}
		if (i + 1 < w && i + 1 < len)
			continue;
		best = INFINITY;
		for (c = 0; c < m->k; c++) {
			dc = sumsq / ((double)in * in) - 2 * dot[c] / in + m->mu_sq[c];
			best = fmin(best, dc);
		}
		out[*n] = sqrt(fmax(best, 0));
		at[(*n)++] = i;
	}
	free(count);
	free(dot);
	return 0;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The count-vector baseline (Kohyarnejadfard, Aloise and Dagenais,
 * "Anomaly detection using streams of system calls"): a sliding window of
 * N calls of a thread becomes the vector of its per-call-type frequencies
 * (counts / calls in the window); k-means on the windows of normal
 * threads learns k centroids, and a window scores its Euclidean distance
 * to the nearest.  A thread shorter than N is one window, scored at its
 * last call; a longer one scores every window from its N-th call on.  A
 * recording scores by its worst window.  The duration vector is the same
 * with each call weighing its time from entry to exit (per-call-type
 * shares of the window's time): it needs recordings with exit times, and a
 * window whose calls have no known duration is not scored.
 */
#ifndef HIDS_COUNT_VECTORS_H
#define HIDS_COUNT_VECTORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "views.h"

#define CVEC_WINDOW_DEFAULT	10000
#define CVEC_K_DEFAULT		8
#define CVEC_K_MAX		256
/* Training windows kept (evenly thinned beyond), bounding k-means' memory. */
#define CVEC_MAX_SAMPLES	20000

struct cvec {
	uint32_t vocab, window, k;
	bool durations;		/* weights: the calls' durations, not 1 */
	double *mu;		/* k * vocab centroids */
	double *mu_sq;		/* k: each centroid's squared norm */
	size_t samples;		/* training windows k-means saw */
	uint32_t iterations;	/* Lloyd steps until no window changed cluster */
};

/*
 * k-means (k-means++ seeding, a fixed seed) over the windows of every
 * slice of train; k shrinks to the number of windows when fewer.
 * -EINVAL on bad sizes, -ENODATA without a window (with durations: the
 * slices carry none, or every one is 0), -ENOMEM.
 */
int cvec_train(struct cvec *m, const struct views *train, uint32_t vocab, uint32_t window,
	       uint32_t k, bool durations);
void cvec_free(struct cvec *m);

/*
 * The windows of one thread's stream (dur: its calls' durations, used by a
 * duration model): out[i] the distance of the i-th window, at[i] the index
 * of the call it ends at (increasing).  out and at hold len entries; *n
 * says how many windows (0 for an empty stream).  -ENOMEM.
 */
int cvec_score(const struct cvec *m, const uint16_t *tok, const uint32_t *dur, size_t len,
	       double *out, uint32_t *at, size_t *n);

#endif

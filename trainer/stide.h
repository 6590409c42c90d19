/* SPDX-License-Identifier: GPL-2.0 */
/*
 * STIDE baseline (Forrest et al.; LID-DS's Stide building block):
 * thread-aware n-grams of tokens learnt from the training streams; a
 * call's anomaly is 1 when the n-gram ending at it never occurred in
 * training, 0 otherwise.  The first n-1 calls of a thread have no n-gram
 * and no score (LID-DS's Ngram gives None there).
 *
 * LID-DS windows the anomalies with StreamSum(stide, thread_aware=False,
 * window_length, wait_until_full=False) and thresholds the sum
 * (LID-DS/LID-DS example_main.py: NGRAM_LENGTH 5, WINDOW_LENGTH 1000);
 * stide_detector() is that window for the metrics in scores.h, its value
 * being the sum divided by W.
 *
 * The n-gram set is an open-addressing hash table of the packed n-grams.
 */
#ifndef HIDS_STIDE_H
#define HIDS_STIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scores.h"

#define STIDE_N_DEFAULT		6
#define STIDE_N_MAX		16
#define STIDE_WINDOW_DEFAULT	1000

struct stide {
	unsigned int n;
	size_t count;		/* distinct n-grams */
	size_t cap;		/* slots, a power of two */
	uint16_t *keys;		/* cap * n tokens */
	uint8_t *used;
};

/* -EINVAL unless 1 <= n <= STIDE_N_MAX, -ENOMEM. */
int stide_init(struct stide *s, unsigned int n);
void stide_free(struct stide *s);

/* Learns every n-gram of one thread's stream; -ENOMEM. */
int stide_train(struct stide *s, const uint16_t *tok, size_t len);

bool stide_known(const struct stide *s, const uint16_t *gram);

/*
 * Anomalies of one thread's stream into out[0..len): 0 for the first n-1
 * calls, then 0 or 1.  Returns the first scored call, min(n - 1, len).
 */
size_t stide_score(const struct stide *s, const uint16_t *tok, size_t len, double *out);

/* The scored calls of stide_score() as a thread for the metrics. */
static inline void stide_thread(struct score_thread *th, const double *out, const uint64_t *t,
				size_t len, size_t first)
{
	th->q = NULL;
	th->f = out + first;
	th->t = t + first;
	th->len = len - first;
}

static inline struct detector stide_detector(uint32_t window)
{
	return (struct detector){
		.kind = DET_WINDOW, .window = window, .across_threads = true, .partial = true,
	};
}

#endif

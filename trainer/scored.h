/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-call scores of views by one detector, as the score_rec lists that
 * scores.h, threshold.h and evaluate.h take: the integer engine (Q16.16,
 * the bits the kernel computes), the float model (nats), the n-gram
 * model (nats) or STIDE.
 */
#ifndef HIDS_SCORED_H
#define HIDS_SCORED_H

#include <stddef.h>
#include <stdint.h>

#include "fmodel.h"
#include "hids_engine.h"
#include "ngram_lm.h"
#include "scores.h"
#include "stide.h"
#include "views.h"

struct scored {
	struct score_rec *rec;	/* one per view */
	size_t n;
	struct score_thread *th;
	uint32_t *q;
	double *f;
	uint64_t *t;
};

/* The detectors the kernel runs: per thread, window full, running from call K on. */
static inline struct detector scored_kernel_detector(enum det_kind kind, uint32_t window,
						     uint32_t min_calls)
{
	/* The kernel judges a young thread's window too, its missing calls 0. */
	return (struct detector){ .kind = kind, .window = window, .min_calls = min_calls,
				  .partial = kind == DET_WINDOW };
}

/* The engine's scores, every slice from a reset state, with isa. */
int scored_engine(struct scored *s, const struct views *v, const struct hids_model *m,
		  enum hids_isa isa);

/* The float model's -log p, plus offsets[token] when offsets is set. */
int scored_float(struct scored *s, const struct views *v, const struct fmodel *m,
		 const double *offsets);

/* STIDE anomalies (0/1), from the n-th call of each slice on. */
int scored_stide(struct scored *s, const struct views *v, const struct stide *st);

/* The n-gram model's -log p of every call. */
int scored_ngram(struct scored *s, const struct views *v, const struct ngram_lm *g);

/*
 * The count-vector baseline: a thread's values are its windows' distances,
 * each at the call its window ends at (count_vectors.h).
 */
struct cvec;
int scored_cvec(struct scored *s, const struct views *v, const struct cvec *m);

/*
 * The LSTM autoencoder or seq2seq: a thread's values are its windows'
 * mean cross-entropies, every stride-th and the last (lstm_encdec.h).
 */
struct encdec;
int scored_encdec(struct scored *s, const struct views *v, const struct encdec *m,
		  uint32_t stride);

/*
 * A detector's threshold over these scores: the LID-DS rule (the maximum
 * over recordings) when target_far < 0, else the target false-alarm rate.
 */
int scored_threshold(const struct scored *s, const struct detector *d, double target_far,
		     double *thr);

void scored_free(struct scored *s);

#endif /* HIDS_SCORED_H */

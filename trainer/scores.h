/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-call anomaly scores, the input of every evaluation metric, and what
 * is derived from them: per-call detector values and recording-level
 * scores.  Independent of readers and models: the integer engine, the
 * float model and STIDE all fill the same structs.
 *
 * A recording is a label, an exploit time and one array of scored calls
 * per thread.  Each scored call has a score and a time t; t orders the
 * calls of different threads (ties: the earlier thread first) and is
 * compared with the exploit time, so both must be on one clock: ns
 * timestamps, or positions in the recording's call order (rec_streams
 * .seq and .exploit_seq).  Calls without a score (STIDE's first n-1 of a
 * thread, LID-DS's None) are simply left out of the arrays.
 *
 * Scores are Q16.16 nats from the integer engine (q) or doubles (f).
 * Integer scores stay integers until a mean has been taken the way the
 * kernel takes it (u64 sum, then floor division), so a value here is the
 * kernel's value exactly and a threshold compares the same way.
 */
#ifndef HIDS_SCORES_H
#define HIDS_SCORES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCORE_ONE		65536.0	/* Q16.16 -> nats */

/* One thread's scored calls in its own order; t is non-decreasing. */
struct score_thread {
	const uint32_t *q;	/* Q16.16 scores, or NULL */
	const double *f;	/* when q is NULL: float scores */
	const uint64_t *t;
	size_t len;
};

struct score_rec {
	const char *name;
	const char *group;	/* attack group (group_len bytes), or NULL: the name */
	size_t group_len;
	bool attack;
	uint64_t exploit_t;	/* attack: first t of the exploit (0: from the start) */
	const struct score_thread *th;
	size_t nthreads;
};

/*
 * Recording-level scores, each per thread and then the worst (largest)
 * thread of the recording:
 *   mean         mean over the whole stream;
 *   window_max   max of the window mean, the sum of the last W scores
 *                over W, from the first call on (a young thread's
 *                missing calls count 0), as the kernel alerts;
 *   running_max  max of the running mean since the thread's first call,
 *                taken from call K (1-based) on, as the kernel alerts;
 *                a stream shorter than K scores its mean.
 * Threads with no scored call are skipped; a recording with none at all
 * scores -INFINITY (it ranks below every recording that has evidence).
 */
enum score_kind {
	SCORE_MEAN,
	SCORE_WINDOW_MAX,
	SCORE_RUNNING_MAX,
	SCORE__N,
};

struct score_opts {
	uint32_t window;	/* W >= 1 */
	uint32_t min_calls;	/* K >= 1 */
};

const char *score_kind_name(enum score_kind k);

/* out[k] for every kind; -EINVAL on bad options or a thread without arrays. */
int score_rec_levels(const struct score_rec *r, const struct score_opts *o,
		     double out[SCORE__N]);

/*
 * A detector turns the scored calls into one value per call, compared
 * with a threshold (alarm when value > threshold, as the kernel and
 * LID-DS do):
 *   DET_WINDOW   the sum of the last W scores divided by W.  By default
 *                one window per thread and a value only once it is full;
 *                with partial (the kernel's window mean, which judges a
 *                young thread too) from the first call on.  across_threads keeps one
 *                window over the recording's interleaved calls (LID-DS
 *                StreamSum with thread_aware=False); partial gives values
 *                before it fills, still divided by W (wait_until_full=False:
 *                the sum so far, scaled).
 *   DET_RUNNING  per thread, the mean since its first call, from call K
 *                on (the kernel's running mean).
 */
enum det_kind {
	DET_WINDOW,
	DET_RUNNING,
};

struct detector {
	enum det_kind kind;
	uint32_t window;	/* W >= 1 */
	uint32_t min_calls;	/* K >= 1 */
	bool across_threads;
	bool partial;
};

/*
 * Replays a recording's calls in recording order with the detector's
 * value at each call.  Every call is visited; has_value is false where
 * the detector gives none yet (LID-DS skips those calls).
 */
struct replay_call {
	uint64_t t;
	size_t thread;
	double value;
	bool has_value;
};

/* A running sum of scores: exact u64 for Q16.16, double otherwise. */
struct score_acc {
	uint64_t q;
	double f;
};

struct replay {
	const struct score_rec *r;
	struct detector d;
	bool is_q;		/* every thread has Q16.16 scores */
	size_t *heap;		/* threads with calls left, by next (t, index) */
	size_t nheap;
	size_t *pos;		/* per thread: its next call */
	struct score_acc *acc;	/* per thread: window or running sum */
	struct score_acc ring;	/* across_threads: the recording's window */
	uint32_t *ring_q;
	double *ring_f;
	uint32_t ring_fill, ring_pos;
};

int replay_start(struct replay *p, const struct score_rec *r, const struct detector *d);
/* false once every call has been visited. */
bool replay_next(struct replay *p, struct replay_call *c);
void replay_end(struct replay *p);

/* Largest detector value in the recording, -INFINITY when it has none. */
int score_rec_det_max(const struct score_rec *r, const struct detector *d, double *max);

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Recordings as the models see them: each a list of per-thread token
 * slices.  A slice may be a whole thread or a part of one, which is how a
 * validation set is held out of training data that came without one (an
 * operator's single recording).
 */
#ifndef HIDS_VIEWS_H
#define HIDS_VIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lstm_batch.h"
#include "stream.h"

/* Hold out 1/HOLD_OUT_EVERY of the threads, or the last 1/HOLD_OUT_EVERY of each. */
#define HOLD_OUT_EVERY	5

struct slice {
	const uint16_t *tok;	/* tokens, after vocab_apply() */
	const uint32_t *seq;	/* their positions in the recording's call order */
	const uint32_t *dur;	/* their durations (rec_streams.dur), or NULL */
	uint32_t len;
};

struct view {
	const char *name;
	const char *group;	/* attack group: ADFA-LD's folder, else the name */
	uint32_t group_len;
	bool attack;
	uint32_t exploit_seq;	/* STREAM_NO_EXPLOIT, or as in rec_streams */
	struct slice *sl;
	uint32_t n;
};

struct views {
	struct view *v;
	size_t n;
	struct slice *pool;	/* the slices of every view */
	size_t nslices;		/* used in pool */
};

/* One view per recording, one slice per non-empty thread. */
int views_of(struct views *out, const struct rec_streams *rs, size_t n);

/*
 * Split training recordings into train and val: with at least
 * HOLD_OUT_EVERY threads in all, nthreads / HOLD_OUT_EVERY of them, drawn
 * in a fixed pseudo-random order (the same every run), go to val whole;
 * with fewer, the last 1/HOLD_OUT_EVERY of each thread long enough does.
 * -ENODATA when nothing could be held out.
 */
int views_hold_out(struct views *train, struct views *val, const struct rec_streams *rs,
		   size_t n);

void views_free(struct views *v);

/* Calls in all slices. */
size_t views_calls(const struct views *v);

/* Every slice as a training stream, in order (*out freed by the caller). */
int views_token_streams(const struct views *v, struct token_stream **out, size_t *n);

#endif /* HIDS_VIEWS_H */

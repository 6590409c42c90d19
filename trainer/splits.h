/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A data set's splits as token views, the common first half of fit and
 * eval: open the data set, turn the splits asked for into thread streams,
 * map them through a vocabulary (built from the training split, or a
 * model's), and view them per recording.  Data without a validation split
 * (an operator's own recordings) gets one held out of training
 * (views_hold_out()), the same way in fit and eval.
 */
#ifndef HIDS_SPLITS_H
#define HIDS_SPLITS_H

#include <stdbool.h>

#include "dataset.h"
#include "stream.h"
#include "views.h"

#define SPLITS_ALL	((1u << SPLIT__N) - 1)
/* With the splits of want: each call's duration (rec_streams.dur). */
#define SPLITS_DURATIONS	(1u << 31)
/* Signal returns are no calls of the streams (HIDS_MODEL_FLAG_SKIP_SIGRETURN). */
#define SPLITS_SKIP_SIGRETURN	(1u << 30)

struct splits {
	struct dataset ds;
	struct stream_opts so;
	unsigned int want;		/* 1 << split, for each loaded */
	struct rec_streams *rs[SPLIT__N];
	size_t nrs[SPLIT__N];
	struct vocab vocab;
	bool have_vocab;
	bool held_out;			/* val was held out of train */
	struct views v[SPLIT__N];
};

/* Open and stream the splits in want; errors are printed. */
int splits_open(struct splits *s, enum dataset_kind kind, const char *path, unsigned int want);

/* The vocabulary: from the training split's calls seen min_count times, or given names. */
int splits_vocab_build(struct splits *s, unsigned int min_count);
int splits_vocab_names(struct splits *s, const char *const *names, int n);

/* Map every loaded split through the vocabulary and view it. */
int splits_views(struct splits *s);

void splits_close(struct splits *s);

#endif /* HIDS_SPLITS_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interpolated n-gram language model (Witten-Bell) over thread streams:
 * the baseline that a model of the next call has to beat, and the counts
 * behind the kernel's n-gram model (engine/ngram.h has the keys).
 *
 * For a call c after the context h (up to order - 1 calls, most recent
 * first) with T(h) occurrences of h, D(h) distinct calls after it (the
 * end of a stream counts as one: every occurrence is followed), and
 * C(h, c) times c after h,
 *   p(c | h) = (C(h, c) + D(h) p(c | h')) / (T(h) + D(h)),
 * h' being h without its oldest call, down to the empty context over the
 * uniform 1 / vocab.  A context never seen leaves p as it is, and so does
 * every longer one (a context is seen whenever a longer one is).
 *
 * One open-addressing table of 64-bit keys holds every call sequence of
 * up to order calls: a = its count (C as a gram, T as a context), b = D.
 * The end of a stream is no call: a small second table remembers which
 * contexts have already seen one, so that D counts it once.  With start,
 * every stream begins with the start symbol HIDS_NGRAM_START, a context
 * but never a call: a thread's first calls are then predicted from "a
 * thread starts" instead of from no context (the unigram), which is what
 * they are.
 */
#ifndef HIDS_NGRAM_LM_H
#define HIDS_NGRAM_LM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NGRAM_ORDER_DEFAULT	12
#define NGRAM_ORDER_MAX		16

struct ngram_entry {
	uint64_t key;		/* 0: empty */
	uint32_t a;		/* the sequence's count */
	uint32_t b;		/* distinct calls (or ends) after it */
};

/* Open addressing, at most half full. */
struct ngram_table {
	size_t count;		/* entries in use */
	unsigned int bits;	/* 2^bits slots */
	struct ngram_entry *e;
};

struct ngram_lm {
	unsigned int order, vocab;
	bool start;		/* streams begin with HIDS_NGRAM_START */
	size_t count;		/* sequences counted: t.count */
	struct ngram_table t;
	struct ngram_table ends;	/* contexts seen at a stream's end */
	/* Each distinct gram of order calls, newest first, order u16 apiece. */
	uint16_t *full;
	size_t nfull, full_cap;
};

/*
 * -EINVAL unless 1 <= order <= NGRAM_ORDER_MAX and vocab >= 1; -ENOMEM.
 * start: streams begin with the start symbol (order 1 has no context for it).
 */
int ngram_init(struct ngram_lm *g, unsigned int order, unsigned int vocab, bool start);
void ngram_free(struct ngram_lm *g);

/* Counts every call of one thread's stream, and its end; -ENOMEM, -EOVERFLOW. */
int ngram_train(struct ngram_lm *g, const uint16_t *tok, size_t len);

struct views;
/* ngram_train() of every slice of v. */
int ngram_train_views(struct ngram_lm *g, const struct views *v);

/* The entry of key, or NULL. */
const struct ngram_entry *ngram_find(const struct ngram_lm *g, uint64_t key);

/* -ln p(call | the calls before it in the stream), nats, into out[0..len). */
void ngram_score(const struct ngram_lm *g, const uint16_t *tok, size_t len, double *out);

#endif /* HIDS_NGRAM_LM_H */

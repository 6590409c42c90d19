/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Thread-aware token streams and the vocabulary.
 *
 * A recording becomes one stream per thread (ADFA-LD: one per trace), each
 * in time order, of its enter or of its exit events (ADFA-LD has only
 * calls: every event counts).  First as keys: the name id in the data
 * set's string table, or with ret_class name id * 3 + enum trace_ret.
 * A vocabulary, built from the training streams, then maps keys to tokens
 * in place: token 0 is the unknown token, for names below the minimum
 * count and names the training data never saw.
 *
 * Vocabulary names are what the model file stores and the kernel maps
 * syscall names to: the bare syscall name ("read"), with ret_class a
 * suffix ":ok" or ":err" for exits with a result ("read:err"); token 0 is
 * "<unk>", which no syscall has.
 *
 * Each token also keeps its position among the recording's selected
 * calls (seq), so evaluation can replay the recording's interleaved order
 * and tell calls before the exploit from those after (exploit_seq), as the
 * LID-DS metrics do.  Six bytes a call; events are dropped after building.
 */
#ifndef HIDS_STREAM_H
#define HIDS_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dataset.h"
#include "hids_engine.h"
#include "trace.h"

#define STREAM_NO_EXPLOIT	UINT32_MAX
#define VOCAB_UNK		0
#define VOCAB_UNK_NAME		"<unk>"

struct stream_opts {
	enum trace_dir dir;	/* the events that become tokens */
	bool ret_class;		/* tokens tell success from error */
	/*
	 * A thread's calls after a successful exit of the call named
	 * exec_name (its id in the data set's string table: execve) form a
	 * new stream, as the kernel restarts a thread's scores at exec.
	 */
	bool exec_split;
	uint16_t exec_name;
	/* Each call's time from entry to exit (rec_streams.dur), where known. */
	bool durations;
	/*
	 * Calls named skip[] (ids in the data set's string table: the signal
	 * returns) are no calls of any stream, as the kernel skips them for
	 * a model with HIDS_MODEL_FLAG_SKIP_SIGRETURN.
	 */
	bool skip_sigreturn;
	uint16_t skip[HIDS_SIGNAL_RETURNS];
};

struct thread_stream {
	int32_t tid;
	uint32_t off;		/* into rec_streams.tok and .seq */
	uint32_t len;
};

struct rec_streams {
	uint32_t nthreads;	/* in order of first call */
	struct thread_stream *th;
	uint32_t ntok;
	uint16_t *tok;		/* keys, then tokens after vocab_apply() */
	uint32_t *seq;		/* tok[i]'s position in the recording's call order */
	/*
	 * With stream_opts.durations: tok[i]'s call's microseconds from entry
	 * to exit (0 where its other half is not in the recording, and
	 * everywhere in ADFA-LD, which has no times); else NULL.
	 */
	uint32_t *dur;
	uint32_t exploit_seq;	/* first position at/after the exploit, or STREAM_NO_EXPLOIT */
	bool attack;
	const struct recording *rec;
};

/* Streams of keys from a loaded recording: one per thread, or per thread and exec. */
int streams_build(struct rec_streams *s, const struct recording *r, const struct stream_opts *o);
void streams_free(struct rec_streams *s);

/*
 * Loads every recording of a split in turn, builds its streams and drops
 * its events: *out holds ds->n[which] entries.
 */
int dataset_streams(struct dataset *ds, enum split which, const struct stream_opts *o,
		    struct rec_streams **out, struct trace_err *err);
void dataset_streams_free(struct rec_streams *v, size_t n);

/* The vocabulary name of a key ("read", "read:err"); -ENOENT, -ENOSPC. */
int stream_key_name(const struct strtab *names, const struct stream_opts *o, unsigned int key,
		    char *buf, size_t size);

/* Token t's name is tab.names[t]; token 0 is "<unk>". */
struct vocab {
	struct strtab tab;
};

/*
 * From training streams of keys: every key seen at least @min_count times
 * (1: every key) gets a token, most frequent first, ties by name.
 */
int vocab_build(struct vocab *v, const struct rec_streams *s, size_t n,
		const struct strtab *names, const struct stream_opts *o, unsigned int min_count);
/* From a model's names; names[0] is the unknown token. -EINVAL on duplicates. */
int vocab_from_names(struct vocab *v, const char *const *names, int n);
void vocab_free(struct vocab *v);

static inline int vocab_size(const struct vocab *v)
{
	return (int)v->tab.n;
}

/* For the model file: quantize(..., vocab_names(v), vocab_size(v)). */
static inline const char *const *vocab_names(const struct vocab *v)
{
	return (const char *const *)v->tab.names;
}

/* The token of a vocabulary name, VOCAB_UNK when absent. */
int vocab_token(const struct vocab *v, const char *name);

/* Keys -> tokens in place, VOCAB_UNK for names outside the vocabulary. */
int vocab_apply(const struct vocab *v, struct rec_streams *s, size_t n,
		const struct strtab *names, const struct stream_opts *o);

#endif

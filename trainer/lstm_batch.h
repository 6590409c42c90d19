/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minibatches for the float LSTM: B lanes of T steps each.
 *
 * Each lane works through a queue of token streams, one after another,
 * taking the next stream from a shared order as soon as its current one
 * ends, so no step is spent on padding until the queue runs dry.  A chunk
 * of T steps per lane is one (B,T) batch; the state of each lane carries
 * over to its next chunk (truncated BPTT) and is reset where a new stream
 * starts.
 *
 * At step (b,t) the LSTM reads in[b,t] and its output predicts tgt[b,t],
 * the stream's next token (-1 at a stream's last token and on padding).
 * Where a stream starts (start[b,t]) its first token is predicted from the
 * zero state, i.e. by the output bias alone, as the scorer and the kernel
 * do: every token of a stream is one term of the loss.
 */
#ifndef HIDS_LSTM_BATCH_H
#define HIDS_LSTM_BATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One thread's call stream as tokens (0 = unknown); a view, not owned. */
struct token_stream {
	const uint16_t *tok;
	size_t len;
};

struct lstm_batch {
	int B, T;
	int *in;		/* (B,T) token read at this step, 0 on padding */
	int *tgt;		/* (B,T) token to predict after it, or -1 */
	uint8_t *start;		/* (B,T) a stream starts here: state reset */
	uint32_t *sid;		/* (B,T) stream index of in, UINT32_MAX on padding */
	uint32_t *pos;		/* (B,T) position of in within its stream */
	size_t count;		/* loss terms: targets + starts */
	void *mem;
};

struct lanes {
	int B;
	const struct token_stream *s;
	const uint32_t *order;	/* streams in the order lanes take them */
	size_t n, next;
	int64_t *cur;		/* (B) stream each lane reads, -1 idle */
	size_t *at;		/* (B) next position in it */
};

int lstm_batch_alloc(struct lstm_batch *bt, int B, int T);
void lstm_batch_free(struct lstm_batch *bt);

/* -EINVAL when a token is >= vocab, so bad input never indexes out of bounds. */
int streams_check(const struct token_stream *s, size_t n, int vocab);

/* order (n entries) is borrowed for the lanes' lifetime. */
int lanes_init(struct lanes *l, int B, const struct token_stream *s, size_t n,
	       const uint32_t *order);
void lanes_free(struct lanes *l);

/* The next chunk of every lane; false once every stream has been read. */
bool lanes_fill(struct lanes *l, struct lstm_batch *bt);

#endif

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The n-gram model's table keys, shared by the trainer that counts and
 * the engine that looks counts up, so both agree to the bit.
 *
 * The table holds call sequences, newest call first.  A sequence serves
 * twice: as a gram (its count C is how often its newest call followed the
 * rest) and as a context (its count T is how often it occurred, each time
 * followed by a call or the end of a stream; D, how many distinct ones).
 * Its key is a polynomial in the calls, H = sum (y_i + 1) P^i over y_0
 * (newest) .. y_{n-1}, mixed with its length: the walk up the orders
 * appends one older call at a time (H += (y + 1) P^n), and the gram of a
 * context with the scored call c in front is (c + 1) + P H, one multiply.
 * Keys are 64-bit hashes: two sequences share one with odds near
 * n^2 / 2^64 for n entries, and 0 is never a key (empty slots).
 */
#ifndef HIDS_ENGINE_NGRAM_H
#define HIDS_ENGINE_NGRAM_H

#include "shim.h"

#define HIDS_NGRAM_P		0x9e3779b97f4a7c15ULL	/* odd */
#define HIDS_NGRAM_LEN		0xd6e8feb86659fd93ULL
#define HIDS_NGRAM_SEED		0x6e6772616d637478ULL	/* "ngramctx" */

/* A sequence as the walk builds it: the polynomial, P^len, the length. */
struct hids_ngram_seq {
	u64 h, pw;
	u32 len;
};

/* splitmix64's finaliser: every input bit moves every output bit. */
static inline u64 hids_ngram_mix(u64 x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x ? x : 1;
}

/* The empty sequence (the context of no call). */
static inline void hids_ngram_seq_init(struct hids_ngram_seq *s)
{
	s->h = 0;
	s->pw = 1;
	s->len = 0;
}

/* The sequence one call longer at its old end. */
static inline void hids_ngram_seq_older(struct hids_ngram_seq *s, u16 tok)
{
	s->h += ((u64)tok + 1) * s->pw;
	s->pw *= HIDS_NGRAM_P;
	s->len++;
}

static inline u64 hids_ngram_key_of(u64 h, u32 len)
{
	return hids_ngram_mix(h + len * HIDS_NGRAM_LEN + HIDS_NGRAM_SEED);
}

/* The key of the sequence. */
static inline u64 hids_ngram_key(const struct hids_ngram_seq *s)
{
	return hids_ngram_key_of(s->h, s->len);
}

/* The key of the sequence with tok in front as its newest call. */
static inline u64 hids_ngram_key_newer(const struct hids_ngram_seq *s, u16 tok)
{
	return hids_ngram_key_of(((u64)tok + 1) + HIDS_NGRAM_P * s->h, s->len + 1);
}

/* The home slot of key in a table of 2^bits slots. */
static inline u32 hids_ngram_home(u64 key, u32 bits)
{
	return (u32)(key >> (64 - bits));
}

#endif /* HIDS_ENGINE_NGRAM_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The n-gram model's table keys, shared by the trainer that counts and
 * the engine that looks counts up, so both agree to the bit.
 *
 * A context is the calls before the one scored, most recent first; its
 * key grows one call at a time (the empty context, then the last call,
 * then the one before it ...), so scoring walks the orders up with one
 * mix per order.  A gram key is a context key and the call after it.
 * Keys are 64-bit hashes: two different contexts share a key with odds
 * near n^2 / 2^64 for n entries, and 0 is never a key (empty slots).
 */
#ifndef HIDS_ENGINE_NGRAM_H
#define HIDS_ENGINE_NGRAM_H

#include "shim.h"

#define HIDS_NGRAM_CTX0		0x6e6772616d637478ULL	/* "ngramctx" */
#define HIDS_NGRAM_GRAM_TAG	0x9e3779b97f4a7c15ULL

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

/* The key of a context one call longer: tok is the earlier call. */
static inline u64 hids_ngram_extend(u64 ctx, u16 tok)
{
	return hids_ngram_mix(ctx + ((u64)tok + 1) * 0xd6e8feb86659fd93ULL);
}

/* The key of call tok after context ctx. */
static inline u64 hids_ngram_gram(u64 ctx, u16 tok)
{
	return hids_ngram_mix((ctx ^ HIDS_NGRAM_GRAM_TAG) + ((u64)tok + 1) * 0xa0761d6478bd642fULL);
}

/* The home slot of key in a table of 2^bits slots. */
static inline u32 hids_ngram_home(u64 key, u32 bits)
{
	return (u32)(key >> (64 - bits));
}

#endif /* HIDS_ENGINE_NGRAM_H */

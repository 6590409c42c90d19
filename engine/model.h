/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The runtime model, built from a validated blob into caller memory, and
 * the per-ISA kernels of the step.
 *
 * Units: a layer's H units are padded to hp (a multiple of 8) so every
 * gate block and state vector is whole SIMD registers.  Gate rows are
 * block-major, unit j of gate q (i, f, g, o) at row q * hp + j; padding
 * rows have zero weights and multipliers, so padding units stay 0.
 *
 * Matrices have rows_p rows (a multiple of HIDS_ROW_BLOCK) and two layouts:
 *  - w, int16 pair-major for SSE2/AVX2, so they need no horizontal sums:
 *    w[(p * rows_p + r) * 2 + k] = W[r][2p + k] for column pair p < hp / 2;
 *    one pmaddwd adds two columns for 8 (AVX2) or 4 (SSE2) rows against
 *    the broadcast pair (x[2p], x[2p + 1]);
 *  - w8, the same as int8 (AVX2, for models past HIDS_L1_WEIGHTS);
 *  - w2, row pairs for the scalar kernel: w2[(r / 2) * H + j] =
 *    W[r][j] + W[r + 1][j] * 2^32, so one 64-bit multiply by x[j] gives
 *    both rows' products (each row's sum stays below 2^30 in magnitude).
 *
 * The output layer and the top layer's whh both read the top layer's h,
 * so they are one matrix, top: rows [0, vp) are wout (padding rows have
 * bias HIDS_LOGIT_PAD, far below any logit), rows vp + [0, 4 hp) whh.
 * A self-normalised model scores one output row a call: top is whh alone
 * (top_out 0) and wout stays int8, row-major, in wrow.
 */
#ifndef HIDS_ENGINE_MODEL_H
#define HIDS_ENGINE_MODEL_H

#include "hids_engine.h"

#define HIDS_ROW_BLOCK	8
#define HIDS_LOGIT_PAD	(-(1 << 28))
/*
 * Past this many bytes of int16 weights a model's matrices spill a 32 KiB
 * L1 cache (beside the token table row, state and scratch), and AVX2
 * reads an int8 copy (w8) instead, sign-extending as it loads: at H=64
 * the product runs about a fifth faster, at H=32 (20 KiB) it would run
 * half again slower (measured on Zen 4).
 */
#define HIDS_L1_WEIGHTS	(24 << 10)

/* n rounded up to whole row blocks: padded units (hp), vocabulary (vp). */
static inline u32 hids_round_block(u32 n)
{
	return (n + HIDS_ROW_BLOCK - 1) / HIDS_ROW_BLOCK * HIDS_ROW_BLOCK;
}

struct hids_mat {
	const s16 *w;
	const s8 *w8;		/* w as int8, or NULL: see HIDS_L1_WEIGHTS */
	const s64 *w2;
	const s32 *mul;		/* per row: Q24 of scale / 8; 0 on padding */
	u32 rows_p;
};

/* An n-gram table entry (include/uapi/linux/hids_model.h), native. */
struct hids_ngram_entry {
	u64 key;
	u32 a, b;
};

struct hids_model {
	struct hids_model_info info;
	u32 hp;				/* units per layer, padded */
	u32 vp;				/* vocabulary, padded */
	u32 top_out;			/* output rows in top: vp, or 0 (self-normalised) */
	const char *names;		/* V x HIDS_MODEL_NAME_LEN */
	const s32 *offsets;		/* V, Q16.16 */
	const s32 *xtab;		/* V x 4hp, Q12 */
	struct hids_mat top;		/* wout, then the top layer's whh */
	const s32 *bout;		/* vp, Q12 */
	const s8 *wrow;			/* self-normalised: wout, V x H */
	const s32 *wrow_mul;		/* self-normalised: its row multipliers */
	struct hids_mat whh0;		/* two layers: layer 0's whh */
	struct hids_mat wih1;		/* two layers: layer 1's input weights */
	const s32 *bias1;		/* two layers: 4hp, Q12 */
	const struct hids_ngram_entry *table;	/* n-gram: 2^table_bits */
	u32 ngram_cap;			/* n-gram: the largest score, Q16.16 */
};

/* The n-gram model's step, state and validation (ngram.c). */
u32 hids_ngram_step(const struct hids_model *m, void *state, u16 token);
size_t hids_ngram_state_size(const struct hids_model *m);
void hids_ngram_reset(const struct hids_model *m, void *state);
bool hids_ngram_table_ok(const u8 *p, u32 bits);

/* out[r] = sum_j W[r][j] * x[j] for rows_p rows; x holds hp values. */
void hids_matvec_scalar(const s64 *w2, u32 rows_p, u32 cols, const s16 *x, s32 *out);
void hids_matvec_sse2(const s16 *w, u32 rows_p, u32 pairs, const s16 *x, s32 *out);
void hids_matvec_avx2(const s16 *w, u32 rows_p, u32 pairs, const s16 *x, s32 *out);
void hids_matvec_avx2_s8(const s8 *w, u32 rows_p, u32 pairs, const s16 *x, s32 *out);

/* The rest of the step in AVX2 (lstm.c has the scalar definitions). */
void hids_requant_add_avx2(const s32 *acc, const s32 *mul, const s32 *add, s32 *out, u32 n);
void hids_cell_avx2(s32 *acc, const s32 *mul, const s32 *add, s16 *h, s16 *c, u32 hp);
s32 hids_logits_avx2(s32 *logit, const s32 *mul, const s32 *bias, u32 n);
u64 hids_expsum_avx2(const s32 *logit, u32 n, s32 max);

#endif /* HIDS_ENGINE_MODEL_H */

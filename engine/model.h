/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The runtime model, built from a validated blob into caller memory.
 *
 * Matrices are int16 (widened from int8) in pair-major order, so the SIMD
 * kernels need no horizontal sums: for column pair p and row r,
 *   w[(p * rows_p + r) * 2 + k] = W[r][2p + k],
 * rows padded with zeros to rows_p (a multiple of HIDS_ROW_BLOCK), an odd
 * H with a zero column.  One pmaddwd adds two columns for 8 (AVX2) or 4
 * (SSE2) rows against the broadcast pair (x[2p], x[2p + 1]).
 */
#ifndef HIDS_ENGINE_MODEL_H
#define HIDS_ENGINE_MODEL_H

#include "hids_engine.h"

#define HIDS_ROW_BLOCK 8

struct hids_mat {
	const s16 *w;
	const s32 *mul;		/* per row: Q24 of scale / 8 */
	u32 rows_p;
};

struct hids_layer {
	struct hids_mat wih;	/* layers > 0: input is h of the layer below */
	const s32 *bias;	/* layers > 0, Q12 */
	struct hids_mat whh;
};

struct hids_model {
	struct hids_model_info info;
	u32 pairs;			/* column pairs: ceil(H / 2) */
	u32 hs;				/* s16 per h and per c in the state: 2 * pairs */
	const char *names;		/* V x HIDS_MODEL_NAME_LEN */
	const s32 *offsets;		/* V, Q16.16 */
	const s32 *xtab;		/* V x 4H, Q12 */
	struct hids_layer layer[2];
	struct hids_mat wout;
	const s32 *bout;		/* Q12 */
};

#endif /* HIDS_ENGINE_MODEL_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * The reference matrix-vector kernel on the pair-major layout (model.h);
 * the SIMD ones must match it bit for bit.  No overflow: |w| <= 128,
 * |x| <= 32768 and at most 256 columns bound any partial sum by 2^30.
 */
#include "hids_engine.h"

void hids_matvec_scalar(const s16 *w, u32 rows_p, u32 pairs, const s16 *x, s32 *out)
{
	const s16 *wr;
	u32 r, p;
	s32 acc;

	for (r = 0; r < rows_p; r++) {
		acc = 0;
		wr = w + 2 * r;
		for (p = 0; p < pairs; p++, wr += 2 * (size_t)rows_p)
			acc += wr[0] * x[2 * p] + wr[1] * x[2 * p + 1];
		out[r] = acc;
	}
}

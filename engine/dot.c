// SPDX-License-Identifier: GPL-2.0
/*
 * The scalar matrix-vector kernel, on the row-pair layout of model.h: one
 * 64-bit multiply w2[j] * x[j] adds the products of two rows, row r in
 * the low and row r + 1 in the high 32 bits of the sum.  Both rows' sums
 * stay below 2^30 in magnitude (|w| <= 128, |x| <= 32768, at most 256
 * columns), so the low half, read as signed, is row r's sum exactly and
 * the borrow it leaves in the high half is undone before the shift.  The
 * SIMD kernels on the pair-major layout give the same sums.
 */
#include "model.h"

void hids_matvec_scalar(const s64 *w2, u32 rows_p, u32 cols, const s16 *x, s32 *out)
{
	const s64 *a0, *a1, *a2, *a3;
	s64 s[4], xj;
	size_t j;
	u32 r, k;

	/* Four row pairs per pass over x. */
	for (r = 0; r < rows_p; r += 8) {
		a0 = w2 + (size_t)r / 2 * cols;
		a1 = a0 + cols;
		a2 = a1 + cols;
		a3 = a2 + cols;
		s[0] = 0;
		s[1] = 0;
		s[2] = 0;
		s[3] = 0;
		for (j = 0; j < cols; j++) {
			xj = x[j];
			s[0] += a0[j] * xj;
			s[1] += a1[j] * xj;
			s[2] += a2[j] * xj;
			s[3] += a3[j] * xj;
		}
		for (k = 0; k < 4; k++) {
			out[r + 2 * k] = (s32)s[k];
			out[r + 2 * k + 1] = (s[k] - (s32)s[k]) >> 32;
		}
	}
}

// SPDX-License-Identifier: GPL-2.0
/* The reference dot-product kernel; the SIMD ones must match it exactly. */
#include "hids_engine.h"

void hids_dot_scalar(const s16 *w, int rows, int cols, const s16 *x, s32 *out)
{
	int r, j;
	s32 acc;

	for (r = 0; r < rows; r++, w += cols) {
		acc = 0;
		for (j = 0; j < cols; j++)
			acc += (s32)w[j] * x[j];
		out[r] = acc;
	}
}

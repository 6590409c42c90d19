// SPDX-License-Identifier: GPL-2.0
/*
 * AVX2 dot products (vpmaddwd), 16 int16 lanes, two rows at a time to hide
 * latency.  Built with -mavx2; GCC vector builtins instead of
 * <immintrin.h>, which the kernel cannot include.  The caller owns the FPU.
 * cols is a multiple of 16.
 */
#include "hids_engine.h"

typedef short v16hi __attribute__((vector_size(32)));
typedef int v8si __attribute__((vector_size(32)));

/* Unaligned load; inlined to one vmovdqu. */
static v16hi load16(const s16 *p)
{
	v16hi v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static s32 hsum(v8si a)
{
	return a[0] + a[1] + a[2] + a[3] + a[4] + a[5] + a[6] + a[7];
}

void hids_dot_avx2(const s16 *w, int rows, int cols, const s16 *x, s32 *out)
{
	v8si a0, a1;
	v16hi xv;
	int r, j;

	for (r = 0; r + 1 < rows; r += 2, w += 2 * cols) {
		a0 = (v8si){};
		a1 = (v8si){};
		for (j = 0; j < cols; j += 16) {
			xv = load16(x + j);
			a0 += __builtin_ia32_pmaddwd256(load16(w + j), xv);
			a1 += __builtin_ia32_pmaddwd256(load16(w + cols + j), xv);
		}
		out[r] = hsum(a0);
		out[r + 1] = hsum(a1);
	}
	if (r < rows) {
		a0 = (v8si){};
		for (j = 0; j < cols; j += 16)
			a0 += __builtin_ia32_pmaddwd256(load16(w + j), load16(x + j));
		out[r] = hsum(a0);
	}
}

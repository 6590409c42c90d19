// SPDX-License-Identifier: GPL-2.0
/*
 * SSE2 dot products (pmaddwd), 8 int16 lanes.  Built with -msse2; GCC
 * vector builtins instead of <immintrin.h>, which the kernel cannot
 * include.  The caller owns the FPU.  cols is a multiple of 16.
 */
#include "hids_engine.h"

typedef short v8hi __attribute__((vector_size(16)));
typedef int v4si __attribute__((vector_size(16)));

/* Unaligned load; inlined to one movdqu. */
static v8hi load8(const s16 *p)
{
	v8hi v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

void hids_dot_sse2(const s16 *w, int rows, int cols, const s16 *x, s32 *out)
{
	v4si acc;
	int r, j;

	for (r = 0; r < rows; r++, w += cols) {
		acc = (v4si){ 0, 0, 0, 0 };
		for (j = 0; j < cols; j += 8)
			acc += __builtin_ia32_pmaddwd128(load8(w + j), load8(x + j));
		out[r] = acc[0] + acc[1] + acc[2] + acc[3];
	}
}

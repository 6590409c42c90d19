// SPDX-License-Identifier: GPL-2.0
/*
 * AVX2 matrix-vector kernel (vpmaddwd) on the pair-major layout: 8 rows
 * per register, up to 64 rows per pass over x so one broadcast of a column
 * pair feeds eight independent sums.  Built with -mavx2; GCC vector
 * builtins instead of <immintrin.h>, which the kernel cannot include.  The
 * caller owns the vector registers.
 */
#include "model.h"

typedef s16 v16hi __attribute__((vector_size(32)));
typedef s32 v8si __attribute__((vector_size(32)));

static v16hi load16(const s16 *p)
{
	v16hi v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static void store8(s32 *p, v8si v)
{
	__builtin_memcpy(p, &v, sizeof(v));
}

/* (x[0], x[1]) in every 32-bit lane. */
static v16hi pair_avx2(const s16 *x)
{
	s32 v;

	__builtin_memcpy(&v, x, sizeof(v));
	return (v16hi)(v8si){ v, v, v, v, v, v, v, v };
}

/* nb (1 .. 8) blocks of 8 rows: the sums stay in registers (unrolled). */
static __always_inline void pass(const s16 *w, size_t stride, u32 pairs, const s16 *x,
				 s32 *out, int nb)
{
	v8si a[8] = { 0 };
	v16hi xv;
	u32 p;
	int b;

	for (p = 0; p < pairs; p++, w += stride) {
		xv = pair_avx2(x + 2 * p);
#pragma GCC unroll 8
		for (b = 0; b < nb; b++)
			a[b] += __builtin_ia32_pmaddwd256(load16(w + 16 * b), xv);
	}
#pragma GCC unroll 8
	for (b = 0; b < nb; b++)
		store8(out + 8 * b, a[b]);
}

void hids_matvec_avx2(const s16 *w, u32 rows_p, u32 pairs, const s16 *x, s32 *out)
{
	size_t stride = 2 * (size_t)rows_p;
	u32 r = 0;

	for (; r + 64 <= rows_p; r += 64)
		pass(w + 2 * r, stride, pairs, x, out + r, 8);
	if (r + 32 <= rows_p) {
		pass(w + 2 * r, stride, pairs, x, out + r, 4);
		r += 32;
	}
	if (r + 16 <= rows_p) {
		pass(w + 2 * r, stride, pairs, x, out + r, 2);
		r += 16;
	}
	if (r < rows_p)
		pass(w + 2 * r, stride, pairs, x, out + r, 1);
}

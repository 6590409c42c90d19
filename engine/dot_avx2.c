// SPDX-License-Identifier: GPL-2.0
/*
 * AVX2 matrix-vector kernel (vpmaddwd) on the pair-major layout: 8 rows
 * per register, 32 rows per pass so four independent sums hide latency.
 * Built with -mavx2; GCC vector builtins instead of <immintrin.h>, which
 * the kernel cannot include.  The caller owns the vector registers.
 */
#include "hids_engine.h"

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

void hids_matvec_avx2(const s16 *w, u32 rows_p, u32 pairs, const s16 *x, s32 *out)
{
	size_t stride = 2 * (size_t)rows_p;
	v8si a0, a1, a2, a3;
	const s16 *wp;
	u32 r = 0, p;
	v16hi xv;

	for (; r + 32 <= rows_p; r += 32) {
		a0 = (v8si){ 0 };
		a1 = a0;
		a2 = a0;
		a3 = a0;
		for (p = 0, wp = w + 2 * r; p < pairs; p++, wp += stride) {
			xv = pair_avx2(x + 2 * p);
			a0 += __builtin_ia32_pmaddwd256(load16(wp), xv);
			a1 += __builtin_ia32_pmaddwd256(load16(wp + 16), xv);
			a2 += __builtin_ia32_pmaddwd256(load16(wp + 32), xv);
			a3 += __builtin_ia32_pmaddwd256(load16(wp + 48), xv);
		}
		store8(out + r, a0);
		store8(out + r + 8, a1);
		store8(out + r + 16, a2);
		store8(out + r + 24, a3);
	}
	for (; r < rows_p; r += 8) {
		a0 = (v8si){ 0 };
		for (p = 0, wp = w + 2 * r; p < pairs; p++, wp += stride)
			a0 += __builtin_ia32_pmaddwd256(load16(wp), pair_avx2(x + 2 * p));
		store8(out + r, a0);
	}
}

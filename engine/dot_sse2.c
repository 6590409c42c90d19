// SPDX-License-Identifier: GPL-2.0
/*
 * SSE2 matrix-vector kernel (pmaddwd) on the pair-major layout: 4 rows per
 * register, 16 rows per pass.  Built with -msse2; GCC vector builtins
 * instead of <immintrin.h>, which the kernel cannot include.  The caller
 * owns the vector registers.
 */
#include "model.h"

typedef s16 v8hi __attribute__((vector_size(16)));
typedef s32 v4si __attribute__((vector_size(16)));

static v8hi load8(const s16 *p)
{
	v8hi v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static void store4(s32 *p, v4si v)
{
	__builtin_memcpy(p, &v, sizeof(v));
}

/* (x[0], x[1]) in every 32-bit lane. */
static v8hi pair_sse2(const s16 *x)
{
	s32 v;

	__builtin_memcpy(&v, x, sizeof(v));
	return (v8hi)(v4si){ v, v, v, v };
}

void hids_matvec_sse2(const s16 *w, u32 rows_p, u32 pairs, const s16 *x, s32 *out)
{
	size_t stride = 2 * (size_t)rows_p;
	v4si a0, a1, a2, a3;
	const s16 *wp;
	u32 r = 0, p;
	v8hi xv;

	for (; r + 16 <= rows_p; r += 16) {
		a0 = (v4si){ 0 };
		a1 = a0;
		a2 = a0;
		a3 = a0;
		for (p = 0, wp = w + 2 * r; p < pairs; p++, wp += stride) {
			xv = pair_sse2(x + 2 * p);
			a0 += __builtin_ia32_pmaddwd128(load8(wp), xv);
			a1 += __builtin_ia32_pmaddwd128(load8(wp + 8), xv);
			a2 += __builtin_ia32_pmaddwd128(load8(wp + 16), xv);
			a3 += __builtin_ia32_pmaddwd128(load8(wp + 24), xv);
		}
		store4(out + r, a0);
		store4(out + r + 4, a1);
		store4(out + r + 8, a2);
		store4(out + r + 12, a3);
	}
	for (; r < rows_p; r += 8) {
		a0 = (v4si){ 0 };
		a1 = a0;
		for (p = 0, wp = w + 2 * r; p < pairs; p++, wp += stride) {
			xv = pair_sse2(x + 2 * p);
			a0 += __builtin_ia32_pmaddwd128(load8(wp), xv);
			a1 += __builtin_ia32_pmaddwd128(load8(wp + 8), xv);
		}
		store4(out + r, a0);
		store4(out + r + 4, a1);
	}
}

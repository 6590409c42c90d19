// SPDX-License-Identifier: GPL-2.0
/*
 * The AVX2 step kernels: the matrix-vector product, the requantisation,
 * the LSTM cell and the output log-sum-exp, 8 rows or units per register,
 * each the same integer arithmetic as the scalar code in lstm.c and
 * fixed.h, so every ISA gives the same bits.
 *
 * Built with -mavx2; GCC vector extensions and builtins instead of
 * <immintrin.h>, which the kernel cannot include, and inline asm for the
 * gathers (GCC and clang name their builtins differently).  The caller
 * owns the vector registers.
 */
#include "fixed.h"
#include "model.h"

typedef s16 v8hi __attribute__((vector_size(16)));
typedef s32 v4si __attribute__((vector_size(16)));
typedef s16 v16hi __attribute__((vector_size(32)));
typedef s32 v8si __attribute__((vector_size(32)));
typedef u32 v8su __attribute__((vector_size(32)));
typedef long long v4di __attribute__((vector_size(32)));
typedef unsigned long long v4du __attribute__((vector_size(32)));
typedef float v8sf __attribute__((vector_size(32)));

typedef char v16qi __attribute__((vector_size(16)));

static v16hi load16(const s16 *p)
{
	v16hi v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

/* 16 int8 weights sign-extended to int16 (vpmovsxbw). */
static v16hi load16_s8(const s8 *p)
{
	v16qi v;

	__builtin_memcpy(&v, p, sizeof(v));
#ifdef __clang__
	return __builtin_convertvector(v, v16hi);
#else
	return __builtin_ia32_pmovsxbw256(v);	/* GCC splits convertvector */
#endif
}

static v8si load8i(const s32 *p)
{
	v8si v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static void store8i(s32 *p, v8si v)
{
	__builtin_memcpy(p, &v, sizeof(v));
}

static v8si splat(s32 x)
{
	return (v8si){ x, x, x, x, x, x, x, x };
}

/* (x[0], x[1]) in every 32-bit lane. */
static v16hi pair_avx2(const s16 *x)
{
	s32 v;

	__builtin_memcpy(&v, x, sizeof(v));
	return (v16hi)splat(v);
}

/*
 * nb (1 .. 8) blocks of 8 rows: the sums stay in registers (unrolled).
 * w holds int16 weights, or int8 ones when narrow (a constant here).
 */
static __always_inline void pass(const void *w, size_t stride, u32 pairs, const s16 *x,
				 s32 *out, int nb, bool narrow)
{
	v8si a[8] = { 0 };
	v16hi xv;
	u32 p;
	int b;

	for (p = 0; p < pairs; p++) {
		xv = pair_avx2(x + 2 * p);
#pragma GCC unroll 8
		for (b = 0; b < nb; b++)
			a[b] += __builtin_ia32_pmaddwd256(narrow ?
				load16_s8((const s8 *)w + p * stride + 16 * b) :
				load16((const s16 *)w + p * stride + 16 * b), xv);
	}
#pragma GCC unroll 8
	for (b = 0; b < nb; b++)
		store8i(out + 8 * b, a[b]);
}

static __always_inline void matvec_avx2(const void *w, u32 rows_p, u32 pairs, const s16 *x,
					s32 *out, bool narrow)
{
	size_t stride = 2 * (size_t)rows_p, esz = narrow ? 1 : 2;
	u32 r = 0;

	for (; r + 64 <= rows_p; r += 64)
		pass((const u8 *)w + 2 * r * esz, stride, pairs, x, out + r, 8, narrow);
	if (r + 32 <= rows_p) {
		pass((const u8 *)w + 2 * r * esz, stride, pairs, x, out + r, 4, narrow);
		r += 32;
	}
	if (r + 16 <= rows_p) {
		pass((const u8 *)w + 2 * r * esz, stride, pairs, x, out + r, 2, narrow);
		r += 16;
	}
	if (r < rows_p)
		pass((const u8 *)w + 2 * r * esz, stride, pairs, x, out + r, 1, narrow);
}

void hids_matvec_avx2(const s16 *w, u32 rows_p, u32 pairs, const s16 *x, s32 *out)
{
	matvec_avx2(w, rows_p, pairs, x, out, false);
}

void hids_matvec_avx2_s8(const s8 *w, u32 rows_p, u32 pairs, const s16 *x, s32 *out)
{
	matvec_avx2(w, rows_p, pairs, x, out, true);
}

/*
 * Lane-wise max, min, abs and select (b where x < 0, else a): GCC
 * builtins; clang (the fuzz harness) lacks some of them but turns the
 * plain forms into the same instructions.
 */
#ifdef __clang__
static v8si max8(v8si a, v8si b)
{
	v8si m = a > b;

	return (a & m) | (b & ~m);
}

static v8si min8(v8si a, v8si b)
{
	v8si m = a < b;

	return (a & m) | (b & ~m);
}

static v8si abs8(v8si x)
{
	return (x ^ (x >> 31)) - (x >> 31);
}

static v8si sel8(v8si x, v8si a, v8si b)
{
	return (b & (x >> 31)) | (a & ~(x >> 31));
}
#else
static v8si max8(v8si a, v8si b)
{
	return __builtin_ia32_pmaxsd256(a, b);
}

static v8si min8(v8si a, v8si b)
{
	return __builtin_ia32_pminsd256(a, b);
}

static v8si abs8(v8si x)
{
	return __builtin_ia32_pabsd256(x);
}

static v8si sel8(v8si x, v8si a, v8si b)
{
	return (v8si)__builtin_ia32_blendvps256((v8sf)a, (v8sf)b, (v8sf)x);
}
#endif

/*
 * (acc * mul + 2^23) >> 24 of 8 rows, as requant() in lstm.c: the even
 * and odd lanes' 64-bit products, each result bits 24 .. 55 of its sum
 * (within 2^27, so those bits are the whole signed value).
 */
static v8si requant8(v8si acc, v8si mul)
{
	v4di ev = __builtin_ia32_pmuldq256(acc, mul);
	v4di od = __builtin_ia32_pmuldq256((v8si)((v4du)acc >> 32), (v8si)((v4du)mul >> 32));

	ev = (v4di)((v4du)(ev + (1 << 23)) >> 24);
	od = (v4di)((v4du)(od + (1 << 23)) << 8);
	return __builtin_ia32_pblendd256((v8si)ev, (v8si)od, 0xaa);
}

/* 8 lanes to int16 with saturation, stored at p. */
static void store_sat16(s16 *p, v8si v)
{
	v4di w = (v4di)__builtin_ia32_packssdw256(v, v);

	w = __builtin_ia32_permdi256(w, 0x08);
	__builtin_memcpy(p, &w, 16);
}

/* hids_sig_tab[i] | hids_sig_tab[i + 1] << 16 for each lane's i. */
static v16hi gather_sig(v8si i)
{
	v8si r = { 0 }, mask = splat(-1);

	asm("vpgatherdd %1, (%3, %4, 2), %0"
	    : "+&x" (r), "+&x" (mask)
	    : "m" (hids_sig_tab), "r" (hids_sig_tab), "x" (i));
	return (v16hi)r;
}

/* hids_sigmoid() of 8 lanes: both entries in one gather, one pmaddwd. */
static __always_inline v8si sigmoid8(v8si x)
{
	v8si a = abs8(x), f = a & 63, s;

	/* (t[i] * (64 - f) + t[i + 1] * f + 32) >> 6 = t[i] + interpolation */
	s = __builtin_ia32_pmaddwd256(gather_sig(a >> 6), (v16hi)((64 - f) | f << 16));
	s = (s + 32) >> 6;
	return sel8(x, s, (1 << 15) - s);
}

/* hids_tanh() of 8 lanes. */
static __always_inline v8si tanh8(v8si x)
{
	x = min8(max8(x, splat(-GATE_LIMIT / 2)), splat(GATE_LIMIT / 2));
	return min8(2 * sigmoid8(2 * x) - (1 << 15), splat(Q15_MAX));
}

/* Clamped pre-activation of gate rows r .. r + 7. */
static __always_inline v8si gate8(const s32 *acc, const s32 *mul, const s32 *add, u32 r)
{
	v8si x = load8i(add + r) + requant8(load8i(acc + r), load8i(mul + r));

	return min8(max8(x, splat(-GATE_LIMIT)), splat(GATE_LIMIT - 1));
}

/* out = add + requant(acc) for n rows (a multiple of 8). */
void hids_requant_add_avx2(const s32 *acc, const s32 *mul, const s32 *add, s32 *out, u32 n)
{
	u32 r;

	for (r = 0; r < n; r += 8)
		store8i(out + r, load8i(add + r) + requant8(load8i(acc + r), load8i(mul + r)));
}

/*
 * cell() of lstm.c (hp a multiple of 8): every gate's activation first,
 * over acc (their table reads independent of each other), then the cell
 * 8 units at a time.
 */
void hids_cell_avx2(s32 *acc, const s32 *mul, const s32 *add, s16 *h, s16 *c, u32 hp)
{
	v8si i, f, g, o, cv;
	v8hi c16;
	u32 j;

	for (j = 0; j < 2 * hp; j += 8)
		store8i(acc + j, sigmoid8(gate8(acc, mul, add, j)));
	for (; j < 3 * hp; j += 8)
		store8i(acc + j, tanh8(gate8(acc, mul, add, j)));
	for (; j < 4 * hp; j += 8)
		store8i(acc + j, sigmoid8(gate8(acc, mul, add, j)));
	for (j = 0; j < hp; j += 8) {
		i = load8i(acc + j);
		f = load8i(acc + hp + j);
		g = load8i(acc + 2 * hp + j);
		o = load8i(acc + 3 * hp + j);
		__builtin_memcpy(&c16, c + j, sizeof(c16));
		cv = __builtin_convertvector(c16, v8si);
		cv = ((f * cv + (1 << 14)) >> 15) + ((i * g + (1 << 18)) >> 19);
		cv = min8(max8(cv, splat(-32768)), splat(32767));
		store_sat16(c + j, cv);
		/* |o * tanh| < 2^30: h needs no saturation. */
		store_sat16(h + j, (o * tanh8(cv * 2) + (1 << 14)) >> 15);
	}
}

/*
 * Logits of n output rows (a multiple of 8) in place: requant + bias.
 * Returns their maximum.
 */
s32 hids_logits_avx2(s32 *logit, const s32 *mul, const s32 *bias, u32 n)
{
	v8si mx = splat(HIDS_LOGIT_PAD), l;
	s32 m[8], max;
	u32 r;

	for (r = 0; r < n; r += 8) {
		l = requant8(load8i(logit + r), load8i(mul + r)) + load8i(bias + r);
		store8i(logit + r, l);
		mx = max8(mx, l);
	}
	__builtin_memcpy(m, &mx, sizeof(m));
	max = m[0];
	for (r = 1; r < 8; r++)
		max = m[r] > max ? m[r] : max;
	return max;
}

/* Lanes 4i .. 4i + 3. */
static v4si half(v8si v, int i)
{
	v4si h;

	__builtin_memcpy(&h, (const s32 *)&v + 4 * i, sizeof(h));
	return h;
}

/* hids_exp_tab[k] | hids_exp_tab[k + 1] << 32 for 4 lanes' k. */
static v4di gather_exp(v4si k)
{
	v4di r = { 0 }, mask = { -1, -1, -1, -1 };

	asm("vpgatherdq %1, (%3, %4, 4), %0"
	    : "+&x" (r), "+&x" (mask)
	    : "m" (hids_exp_tab), "r" (hids_exp_tab), "x" (k));
	return r;
}

/*
 * Sum of hids_exp_neg(max - logit) over n logits (a multiple of 8): each
 * lane's pair of table entries in one 64-bit gather.
 */
u64 hids_expsum_avx2(const s32 *logit, u32 n, s32 max)
{
	v8si d, k, f, lo, hi;
	v4di q0, q1;
	v4du sum = { 0 };
	u64 s[4];
	v8su v;
	u32 r;

	for (r = 0; r < n; r += 8) {
		d = splat(max) - load8i(logit + r);
		k = min8(d >> 4, splat(EXP_N));
		q0 = gather_exp(half(k, 0));
		q1 = gather_exp(half(k, 1));
		/* Entries k (even) and k + 1 (odd) in lane order 0 1 4 5 2 3 6 7. */
		lo = (v8si)__builtin_ia32_shufps256((v8sf)q0, (v8sf)q1, 0x88);
		hi = (v8si)__builtin_ia32_shufps256((v8sf)q0, (v8sf)q1, 0xdd);
		f = (v8si)__builtin_ia32_permdi256((v4di)(d & 15), 0xd8);
		v = (v8su)lo - (((v8su)(lo - hi) * (v8su)f + 8) >> 4);
		sum += ((v4du)v & 0xffffffff) + ((v4du)v >> 32);
	}
	__builtin_memcpy(s, &sum, sizeof(s));
	return s[0] + s[1] + s[2] + s[3];
}

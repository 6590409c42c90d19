// SPDX-License-Identifier: GPL-2.0
/*
 * Tables for sigmoid, tanh, exp and ln, computed at init by integer-only
 * code (fixed-point series and products), so the kernel and userspace get
 * the same bits without shipping generated tables.  Linear interpolation
 * between entries keeps every function within a few 1e-6 of the real one.
 */
#include "fixed.h"
#include "hids_engine.h"

#define EXP_STEPS	256			/* entries per unit of x */
#define EXP_N		(24 * EXP_STEPS)	/* e^-24 * 2^30 < 1 */
#define SIG_STEPS	64
#define SIG_N		(16 * SIG_STEPS)
#define LN_N		256
/* e^(-1/256) in Q62, and ln 2 in Q24. */
#define EXP_STEP_Q62	4593706758521714688ULL
#define LN2_Q24		11629080

static u32 exp_tab[EXP_N + 1];		/* 2^30 * e^(-k/256) */
static s32 sig_tab[SIG_N + 1];		/* 2^15 * sigmoid(k/64) */
static u32 ln_tab[LN_N + 1];		/* 2^24 * ln(1 + k/256) */
static u32 crc_tab[256];

static void init_exp(void)
{
	u64 q = 1ULL << 62;
	int k;

	for (k = 0; k <= EXP_N; k++) {
		exp_tab[k] = (q + (1ULL << 31)) >> 32;
		q = ((__uint128_t)q * EXP_STEP_Q62 + (1ULL << 61)) >> 62;
	}
}

static void init_sigmoid(void)
{
	u64 den;
	int k;

	for (k = 0; k <= SIG_N; k++) {
		den = (1ULL << 30) + exp_tab[k * (EXP_STEPS / SIG_STEPS)];
		sig_tab[k] = div64_u64((1ULL << 45) + den / 2, den);
		if (sig_tab[k] > Q15_MAX)
			sig_tab[k] = Q15_MAX;
	}
}

/* ln(1 + y) = 2 * sum z^(2n+1) / (2n+1), z = y / (2 + y) <= 1/3, in Q52. */
static void init_ln(void)
{
	u64 z, z2, term, sum;
	int k, n;

	for (k = 0; k <= LN_N; k++) {
		z = div64_u64((u64)k << 52, 2 * LN_N + k);
		z2 = ((__uint128_t)z * z) >> 52;
		term = z;
		sum = 0;
		for (n = 0; n < 40 && term; n++) {
			sum += div64_u64(term, 2 * n + 1);
			term = ((__uint128_t)term * z2) >> 52;
		}
		ln_tab[k] = (2 * sum + (1ULL << 27)) >> 28;
	}
}

static void init_crc(void)
{
	u32 c;
	int i, k;

	for (i = 0; i < 256; i++) {
		c = i;
		for (k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0x82f63b78 : c >> 1;
		crc_tab[i] = c;
	}
}

void hids_engine_init(void)
{
	init_exp();
	init_sigmoid();
	init_ln();
	init_crc();
}

u32 hids_crc32c(u32 crc, const void *data, size_t len)
{
	const u8 *p = data;

	crc = ~crc;
	while (len--)
		crc = crc_tab[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static s32 sigmoid_pos(s32 x)
{
	s32 i, f;

	if (x >= GATE_LIMIT)
		return sig_tab[SIG_N];
	i = x >> 6;
	f = x & 63;
	return sig_tab[i] + (((sig_tab[i + 1] - sig_tab[i]) * f + 32) >> 6);
}

s32 hids_sigmoid(s32 x)
{
	return x >= 0 ? sigmoid_pos(x) : (1 << 15) - sigmoid_pos(-x);
}

/* tanh(x) = 2 * sigmoid(2x) - 1 */
s32 hids_tanh(s32 x)
{
	s32 t;

	if (x > GATE_LIMIT / 2)
		x = GATE_LIMIT / 2;
	else if (x < -GATE_LIMIT / 2)
		x = -GATE_LIMIT / 2;
	t = 2 * hids_sigmoid(2 * x) - (1 << 15);
	return t > Q15_MAX ? Q15_MAX : t;
}

u32 hids_exp_neg(s32 d)
{
	s32 k = d >> 4, f = d & 15;	/* Q12 -> steps of 1/256 */

	if (k >= EXP_N)
		return 0;
	return exp_tab[k] - (u32)(((u64)(exp_tab[k] - exp_tab[k + 1]) * f + 8) >> 4);
}

s64 hids_ln_q30(u64 s)
{
	int p = 63 - __builtin_clzll(s);
	u64 mant, frac, rem;
	u32 i;

	mant = p >= 38 ? s >> (p - 38) : s << (38 - p);
	frac = mant - (1ULL << 38);
	i = frac >> 30;
	rem = frac & ((1U << 30) - 1);
	return (s64)(p - 30) * LN2_Q24 + ln_tab[i] +
	       (s64)(((u64)(ln_tab[i + 1] - ln_tab[i]) * rem + (1U << 29)) >> 30);
}

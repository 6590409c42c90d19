/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fixed-point functions of the engine: tables filled once by
 * hids_engine_init() with integer-only code (fixed.c), read here inline
 * (they run per gate and per logit) with linear interpolation.
 */
#ifndef HIDS_FIXED_H
#define HIDS_FIXED_H

#include "shim.h"

#define Q12_ONE		4096
#define Q15_MAX		32767
/* Gate pre-activations saturate here: sigmoid(16) = 1 - 1.1e-7. */
#define GATE_LIMIT	(16 * Q12_ONE)

#define EXP_STEPS	256			/* entries per unit of x */
#define EXP_N		(24 * EXP_STEPS)	/* e^-24 * 2^30 < 1 */
#define SIG_STEPS	64
#define SIG_N		(16 * SIG_STEPS)
#define LN_N		256
#define LN2_Q24		11629080		/* ln 2 * 2^24 */

/*
 * 2^30 * e^(-k/256); the last two entries are 0 (2^30 e^-24 rounds to 0),
 * so the AVX2 kernel may clamp k to EXP_N and read entries k, k + 1.
 */
extern u32 hids_exp_tab[EXP_N + 2];
/* 2^15 * sigmoid(k/64), last twice; 16 bits so a pair is one 32-bit read. */
extern u16 hids_sig_tab[SIG_N + 2];
extern u32 hids_ln_tab[LN_N + 1];		/* 2^24 * ln(1 + k/256) */

/* sigmoid of a Q12 value in [-GATE_LIMIT, GATE_LIMIT], in Q15. */
static inline s32 hids_sigmoid(s32 x)
{
	s32 a = x < 0 ? -x : x, i = a >> 6, f = a & 63, s;

	/* |x| = GATE_LIMIT lands on the repeated last entry with f = 0. */
	s = hids_sig_tab[i] + (((hids_sig_tab[i + 1] - hids_sig_tab[i]) * f + 32) >> 6);
	return x < 0 ? (1 << 15) - s : s;
}

/* tanh(x) = 2 sigmoid(2x) - 1 of a Q12 value, in Q15. */
static inline s32 hids_tanh(s32 x)
{
	s32 t;

	if (x > GATE_LIMIT / 2)
		x = GATE_LIMIT / 2;
	else if (x < -GATE_LIMIT / 2)
		x = -GATE_LIMIT / 2;
	t = 2 * hids_sigmoid(2 * x) - (1 << 15);
	return t > Q15_MAX ? Q15_MAX : t;
}

/* 2^30 * e^(-d) for d in Q12; 0 from d = 24 on. */
static inline u32 hids_exp_neg(u32 d)
{
	u32 k = d >> 4, f = d & 15;	/* steps of 1/256 and sixteenths of one */

	if (k >= EXP_N)
		return 0;
	return hids_exp_tab[k] - (((hids_exp_tab[k] - hids_exp_tab[k + 1]) * f + 8) >> 4);
}

/* ln(s / 2^30) in Q24 for s >= 2^30. */
static inline s64 hids_ln_q30(u64 s)
{
	int p = 63 - __builtin_clzll(s);
	u64 mant, frac, rem;
	u32 i;

	mant = p >= 38 ? s >> (p - 38) : s << (38 - p);
	frac = mant - (1ULL << 38);
	i = frac >> 30;
	rem = frac & ((1U << 30) - 1);
	return (s64)(p - 30) * LN2_Q24 + hids_ln_tab[i] +
	       (s64)(((u64)(hids_ln_tab[i + 1] - hids_ln_tab[i]) * rem + (1U << 29)) >> 30);
}

#endif /* HIDS_FIXED_H */

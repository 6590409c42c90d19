// SPDX-License-Identifier: GPL-2.0
/*
 * Tables for sigmoid, tanh, exp and ln, computed at init by integer-only
 * code (fixed-point series and products), so the kernel and userspace get
 * the same bits without shipping generated tables.  Linear interpolation
 * between entries keeps every function within a few 1e-6 of the real one.
 */
#include "fixed.h"
#include "hids_engine.h"

/* e^(-1/256) in Q62 */
#define EXP_STEP_Q62	4593706758521714688ULL

u32 hids_exp_tab[EXP_N + 2];
u16 hids_sig_tab[SIG_N + 2];
u32 hids_ln_tab[LN_N + 1];
static u32 crc_tab[256];

static void init_exp(void)
{
	u64 q = 1ULL << 62;
	int k;

	for (k = 0; k <= EXP_N; k++) {
		hids_exp_tab[k] = (q + (1ULL << 31)) >> 32;
		q = ((__uint128_t)q * EXP_STEP_Q62 + (1ULL << 61)) >> 62;
	}
	hids_exp_tab[EXP_N + 1] = 0;
}

static void init_sigmoid(void)
{
	u64 den, s;
	int k;

	for (k = 0; k <= SIG_N; k++) {
		den = (1ULL << 30) + hids_exp_tab[k * (EXP_STEPS / SIG_STEPS)];
		s = div64_u64((1ULL << 45) + den / 2, den);
		hids_sig_tab[k] = s > Q15_MAX ? Q15_MAX : s;
	}
	hids_sig_tab[SIG_N + 1] = hids_sig_tab[SIG_N];
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
		hids_ln_tab[k] = (2 * sum + (1ULL << 27)) >> 28;
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

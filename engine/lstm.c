// SPDX-License-Identifier: GPL-2.0
/*
 * One step of the integer LSTM.  The matrix-vector products differ per
 * ISA, and int32 addition is exact in any order (dot.c bounds every
 * partial sum by 2^30); the requantisation, the cell and the output
 * log-sum-exp are here in scalar code and in dot_avx2.c the same integer
 * arithmetic 8 lanes at a time (SSE2 uses the scalar code), so every ISA
 * gives the same bits.
 *
 * Value bounds, whatever a valid blob holds: a product is at most 2^30
 * (128 * 32768 * 256) and a multiplier 2^21, so requant() is within 2^27;
 * xtab is below 2^27 and biases 2^24, so gate sums stay below 2^29 and
 * logits below 2^27 + 2^24: no int32 overflow anywhere below.
 */
#include <linux/hids_model.h>

#include "fixed.h"
#include "model.h"

#define ACC_LIMIT	0x8000000	/* 2^27: bound of requant() */

/* Per-thread state: for each layer h[hp] (Q15) then c[hp] (Q11). */
size_t hids_state_size(const struct hids_model *m)
{
	if (m->info.kind == HIDS_MODEL_KIND_NGRAM)
		return hids_ngram_state_size(m);
	return (size_t)m->info.layers * 2 * m->hp * sizeof(s16);
}

void hids_state_reset(const struct hids_model *m, void *state)
{
	if (m->info.kind == HIDS_MODEL_KIND_NGRAM)
		hids_ngram_reset(m, state);
	else
		memset(state, 0, hids_state_size(m));
}

/* Scratch: the top product (vp + 4hp rows or 4hp), one of 4hp, one gate input. */
static size_t scratch_for(u32 v, u32 h)
{
	return ((size_t)hids_round_block(v) + 3 * 4 * hids_round_block(h)) * sizeof(s32);
}

size_t hids_scratch_size(const struct hids_model *m)
{
	if (m->info.kind == HIDS_MODEL_KIND_NGRAM)
		return 0;
	return scratch_for(m->info.vocab, m->info.hidden);
}

size_t hids_scratch_size_max(void)
{
	return scratch_for(HIDS_MODEL_MAX_VOCAB, HIDS_MODEL_MAX_HIDDEN);
}

static void matvec(enum hids_isa isa, const struct hids_model *m, const struct hids_mat *a,
		   const s16 *x, s32 *out)
{
	switch (isa) {
	case HIDS_ISA_AVX2:
		if (a->w8)
			hids_matvec_avx2_s8(a->w8, a->rows_p, m->hp / 2, x, out);
		else
			hids_matvec_avx2(a->w, a->rows_p, m->hp / 2, x, out);
		break;
	case HIDS_ISA_SSE2:
		hids_matvec_sse2(a->w, a->rows_p, m->hp / 2, x, out);
		break;
	default:
		hids_matvec_scalar(a->w2, a->rows_p, m->info.hidden, x, out);
	}
}

/* acc (int8 x Q15) times the row multiplier (Q24 of scale / 8), to Q12. */
static s32 requant(s32 acc, s32 mul)
{
	return ((s64)acc * mul + (1 << 23)) >> 24;
}

static s32 clamp_gate(s32 x)
{
	return x > GATE_LIMIT - 1 ? GATE_LIMIT - 1 : x < -GATE_LIMIT ? -GATE_LIMIT : x;
}

static s16 sat16(s32 x)
{
	return x > 32767 ? 32767 : x < -32768 ? -32768 : x;
}

/* out[r] = add[r] + requant(acc[r]) for n rows. */
static void requant_add(enum hids_isa isa, const s32 *acc, const s32 *mul, const s32 *add,
			s32 *out, u32 n)
{
	u32 r;

	if (isa == HIDS_ISA_AVX2) {
		hids_requant_add_avx2(acc, mul, add, out, n);
		return;
	}
	for (r = 0; r < n; r++)
		out[r] = add[r] + requant(acc[r], mul[r]);
}

/* Pre-activation of gate row r (Q12, clamped). */
static s32 gate(const s32 *acc, const s32 *mul, const s32 *add, u32 r)
{
	return clamp_gate(add[r] + requant(acc[r], mul[r]));
}

/*
 * h, c of one layer (hp units) from the products of its gate rows and
 * what the input adds to them (Q12): gates i, f, g, o, then the cell.
 * AVX2 leaves the gate activations in acc.
 */
static void cell(enum hids_isa isa, s32 *acc, const s32 *mul, const s32 *add, s16 *h, s16 *c,
		 u32 hp)
{
	s32 i, f, g, o, cn;
	u32 j;

	if (isa == HIDS_ISA_AVX2) {
		hids_cell_avx2(acc, mul, add, h, c, hp);
		return;
	}
	for (j = 0; j < hp; j++) {
		i = hids_sigmoid(gate(acc, mul, add, j));
		f = hids_sigmoid(gate(acc, mul, add, hp + j));
		g = hids_tanh(gate(acc, mul, add, 2 * hp + j));
		o = hids_sigmoid(gate(acc, mul, add, 3 * hp + j));
		/* Q15 * Q11 >> 15 and Q15 * Q15 >> 19 are both Q11. */
		cn = ((f * c[j] + (1 << 14)) >> 15) + ((i * g + (1 << 18)) >> 19);
		c[j] = sat16(cn);
		h[j] = sat16((o * hids_tanh(c[j] * 2) + (1 << 14)) >> 15);
	}
}

/*
 * -ln softmax(logits)[tok] in Q16.16 from the output rows' products:
 * logsumexp - logit, max shifted out.  Logits overwrite the products.
 * AVX2 also runs the padding rows: far below the max, their exp is 0.
 */
static u32 nll(enum hids_isa isa, const struct hids_model *m, s32 *logit, u16 tok)
{
	const s32 *mul = m->top.mul, *bias = m->bout;
	s32 max = -ACC_LIMIT - HIDS_MODEL_MAX_BIAS;
	u32 k, v = m->info.vocab;
	u64 sum = 0;
	s64 s;

	if (isa == HIDS_ISA_AVX2) {
		max = hids_logits_avx2(logit, mul, bias, m->vp);
		sum = hids_expsum_avx2(logit, m->vp, max);
	} else {
		for (k = 0; k < v; k++) {
			logit[k] = requant(logit[k], mul[k]) + bias[k];
			if (logit[k] > max)
				max = logit[k];
		}
		for (k = 0; k < v; k++)
			sum += hids_exp_neg(max - logit[k]);
	}
	/* (max - logit) Q12 -> Q16; ln(sum) Q24 -> Q16. */
	s = ((s64)(max - logit[tok]) << 4) + ((hids_ln_q30(sum) + 128) >> 8);
	return s > 0x7fffffff ? 0x7fffffff : (u32)s;
}

/*
 * A self-normalised model's score of tok, -logit in Q16.16: one output row
 * against the top layer's h, in the same scalar code on every ISA (H
 * multiply-adds; the product is within 2^30 as in dot.c).
 */
static s64 neg_logit(const struct hids_model *m, const s16 *h, u16 tok)
{
	const s8 *w = m->wrow + (size_t)tok * m->info.hidden;
	s32 acc = 0;
	u32 j;

	for (j = 0; j < m->info.hidden; j++)
		acc += w[j] * h[j];
	return -((s64)requant(acc, m->wrow_mul[tok]) + m->bout[tok]) * 16;
}

static u32 lstm_step(const struct hids_model *m, void *state, u16 token, void *scratch,
		     enum hids_isa isa)
{
	u32 v = m->info.vocab, hp = m->hp, g = 4 * hp, out = m->top_out;
	s32 *acc = scratch, *acc2 = acc + out + g, *add = acc2 + g;
	s16 *h0 = state, *top = h0 + (m->info.layers - 1) * 2 * hp;
	const s32 *xt;
	s64 score;

	if (token >= v)
		token = 0;
	xt = m->xtab + (size_t)token * g;
	/* Score the call against what the state predicted... */
	matvec(isa, m, &m->top, top, acc);
	score = out ? (s64)nll(isa, m, acc, token) : neg_logit(m, top, token);
	score += m->offsets[token];
	/* ...then advance the state by it. */
	if (m->info.layers == 1) {
		cell(isa, acc + out, m->top.mul + out, xt, h0, h0 + hp, hp);
	} else {
		matvec(isa, m, &m->whh0, h0, acc2);
		cell(isa, acc2, m->whh0.mul, xt, h0, h0 + hp, hp);
		matvec(isa, m, &m->wih1, h0, acc2);
		requant_add(isa, acc2, m->wih1.mul, m->bias1, add, g);
		cell(isa, acc + out, m->top.mul + out, add, top, top + hp, hp);
	}
	return score < 0 ? 0 : score > 0x7fffffff ? 0x7fffffff : (u32)score;
}

u32 hids_step(const struct hids_model *m, void *state, u16 token, void *scratch,
	      enum hids_isa isa)
{
	if (m->info.kind == HIDS_MODEL_KIND_NGRAM)
		return hids_ngram_step(m, state, token);
	return lstm_step(m, state, token, scratch, isa);
}

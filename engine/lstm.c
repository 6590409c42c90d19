// SPDX-License-Identifier: GPL-2.0
/*
 * One step of the integer LSTM.  Only the matrix-vector products differ
 * per ISA, and int32 addition is exact in any order (dot.c bounds every
 * partial sum by 2^30), so every ISA gives the same bits.  Everything
 * non-linear is scalar here.
 *
 * Value bounds, whatever a valid blob holds: requant() clamps to 2^27,
 * xtab is below 2^27 and biases 2^24, so gate sums stay below 2^29 and
 * logits below 2^27 + 2^24: no int32 overflow anywhere below.
 */
#include <linux/hids_model.h>

#include "fixed.h"
#include "model.h"

#define ACC_LIMIT	0x8000000	/* 2^27 */

static u32 round_block(u32 n)
{
	return (n + HIDS_ROW_BLOCK - 1) / HIDS_ROW_BLOCK * HIDS_ROW_BLOCK;
}

/* Per-thread state: for each layer h[hs] (Q15) then c[hs] (Q11). */
size_t hids_state_size(const struct hids_model *m)
{
	return (size_t)m->info.layers * 2 * m->hs * sizeof(s16);
}

void hids_state_reset(const struct hids_model *m, void *state)
{
	memset(state, 0, hids_state_size(m));
}

/* Scratch: one product of up to max(V, 4H) rows, one of 4H, the gates. */
static size_t scratch_for(u32 v, u32 h)
{
	u32 vp = round_block(v), gp = round_block(4 * h);

	return ((size_t)(vp > gp ? vp : gp) + gp + 4 * h) * sizeof(s32);
}

size_t hids_scratch_size(const struct hids_model *m)
{
	return scratch_for(m->info.vocab, m->info.hidden);
}

size_t hids_scratch_size_max(void)
{
	return scratch_for(HIDS_MODEL_MAX_VOCAB, HIDS_MODEL_MAX_HIDDEN);
}

static void matvec(enum hids_isa isa, const struct hids_mat *a, u32 pairs, const s16 *x,
		   s32 *out)
{
	switch (isa) {
	case HIDS_ISA_AVX2:
		hids_matvec_avx2(a->w, a->rows_p, pairs, x, out);
		break;
	case HIDS_ISA_SSE2:
		hids_matvec_sse2(a->w, a->rows_p, pairs, x, out);
		break;
	default:
		hids_matvec_scalar(a->w, a->rows_p, pairs, x, out);
	}
}

/* acc (int8 x Q15) times the row multiplier (Q24 of scale / 8), to Q12. */
static s32 requant(s32 acc, s32 mul)
{
	s64 x = ((s64)acc * mul + (1 << 23)) >> 24;

	return x > ACC_LIMIT ? ACC_LIMIT : x < -ACC_LIMIT ? -ACC_LIMIT : x;
}

static s32 clamp_gate(s32 x)
{
	return x > GATE_LIMIT - 1 ? GATE_LIMIT - 1 : x < -GATE_LIMIT ? -GATE_LIMIT : x;
}

static s16 sat16(s32 x)
{
	return x > 32767 ? 32767 : x < -32768 ? -32768 : x;
}

/* h, c of one layer from its gate pre-activations (Q12, clamped). */
static void cell(const s32 *gate, s16 *h, s16 *c, u32 n)
{
	s32 i, f, g, o, cn;
	u32 j;

	for (j = 0; j < n; j++) {
		i = hids_sigmoid(gate[j]);
		f = hids_sigmoid(gate[n + j]);
		g = hids_tanh(gate[2 * n + j]);
		o = hids_sigmoid(gate[3 * n + j]);
		/* Q15 * Q11 >> 15 and Q15 * Q15 >> 19 are both Q11. */
		cn = ((f * c[j] + (1 << 14)) >> 15) + ((i * g + (1 << 18)) >> 19);
		c[j] = sat16(cn);
		h[j] = sat16((o * hids_tanh(c[j] * 2) + (1 << 14)) >> 15);
	}
}

/* -ln softmax(logits)[tok] in Q16.16: logsumexp - logit, max shifted out. */
static u32 nll(const s32 *logit, u32 v, u16 tok)
{
	s32 max = logit[0];
	u64 sum = 0;
	s64 s;
	u32 k;

	for (k = 1; k < v; k++)
		if (logit[k] > max)
			max = logit[k];
	for (k = 0; k < v; k++)
		sum += hids_exp_neg(max - logit[k]);
	/* (max - logit) Q12 -> Q16; ln(sum) Q24 -> Q16. */
	s = ((s64)(max - logit[tok]) << 4) + ((hids_ln_q30(sum) + 128) >> 8);
	return s > 0x7fffffff ? 0x7fffffff : (u32)s;
}

u32 hids_step(const struct hids_model *m, void *state, u16 token, void *scratch,
	      enum hids_isa isa)
{
	u32 v = m->info.vocab, n = m->info.hidden, g = 4 * n, hs = m->hs, l, r;
	u32 big = round_block(v) > round_block(g) ? round_block(v) : round_block(g);
	s32 *acc = scratch, *acc2 = acc + big, *gate = acc2 + round_block(g);
	s16 *top = (s16 *)state + (m->info.layers - 1) * 2 * hs;
	const struct hids_layer *ly;
	const s32 *xt;
	s16 *h;
	s64 score;

	if (token >= v)
		token = 0;
	/* Score the call against what the state predicted. */
	matvec(isa, &m->wout, m->pairs, top, acc);
	for (r = 0; r < v; r++)
		acc[r] = requant(acc[r], m->wout.mul[r]) + m->bout[r];
	score = (s64)nll(acc, v, token) + m->offsets[token];
	/* Then advance the state by it. */
	h = state;
	ly = &m->layer[0];
	matvec(isa, &ly->whh, m->pairs, h, acc);
	xt = m->xtab + (size_t)token * g;
	for (r = 0; r < g; r++)
		gate[r] = clamp_gate(xt[r] + requant(acc[r], ly->whh.mul[r]));
	cell(gate, h, h + hs, n);
	for (l = 1; l < m->info.layers; l++) {
		ly = &m->layer[l];
		matvec(isa, &ly->wih, m->pairs, h, acc2);
		h += 2 * hs;
		matvec(isa, &ly->whh, m->pairs, h, acc);
		for (r = 0; r < g; r++)
			gate[r] = clamp_gate(ly->bias[r] + requant(acc2[r], ly->wih.mul[r]) +
					     requant(acc[r], ly->whh.mul[r]));
		cell(gate, h, h + hs, n);
	}
	return score < 0 ? 0 : score > 0x7fffffff ? 0x7fffffff : (u32)score;
}

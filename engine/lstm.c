// SPDX-License-Identifier: GPL-2.0
/*
 * One step of the integer LSTM.  Only the dot products differ per ISA, and
 * int32 addition is exact in any order (|acc| <= 128 * 32767 * 256 < 2^31),
 * so every ISA gives the same bits.  Everything non-linear is scalar here.
 */
#include <linux/hids_model.h>

#include "fixed.h"
#include "model.h"

/* Per-thread state: for each layer h[cols] (Q15) then c[cols] (Q11). */
size_t hids_state_size(const struct hids_model *m)
{
	return (size_t)m->info.layers * 2 * m->cols * sizeof(s16);
}

void hids_state_reset(const struct hids_model *m, void *state)
{
	memset(state, 0, hids_state_size(m));
}

/* Scratch: gates, two accumulators (G each), logits (V). */
static size_t scratch_for(size_t v, size_t h)
{
	return (3 * 4 * h + v) * sizeof(s32);
}

size_t hids_scratch_size(const struct hids_model *m)
{
	return scratch_for(m->info.vocab, m->info.hidden);
}

size_t hids_scratch_size_max(void)
{
	return scratch_for(HIDS_MODEL_MAX_VOCAB, HIDS_MODEL_MAX_HIDDEN);
}

static void dot(enum hids_isa isa, const s16 *w, int rows, int cols, const s16 *x, s32 *out)
{
	switch (isa) {
	case HIDS_ISA_AVX2:
		hids_dot_avx2(w, rows, cols, x, out);
		break;
	case HIDS_ISA_SSE2:
		hids_dot_sse2(w, rows, cols, x, out);
		break;
	default:
		hids_dot_scalar(w, rows, cols, x, out);
	}
}

/* acc (int8 x Q15) times the row multiplier, to Q12. */
static s32 requant(s32 acc, s32 m)
{
	return (s32)(((s64)acc * m + (1 << 23)) >> 24);
}

static s32 clamp_gate(s64 x)
{
	return x > GATE_LIMIT - 1 ? GATE_LIMIT - 1 : x < -GATE_LIMIT ? -GATE_LIMIT : x;
}

static s16 sat16(s32 x)
{
	return x > 32767 ? 32767 : x < -32768 ? -32768 : x;
}

/* h, c of one layer from its gate pre-activations (Q12). */
static void cell(const s32 *gate, s16 *h, s16 *c, u32 n)
{
	s32 i, f, g, o, cn;
	u32 j;

	for (j = 0; j < n; j++) {
		i = hids_sigmoid(clamp_gate(gate[j]));
		f = hids_sigmoid(clamp_gate(gate[n + j]));
		g = hids_tanh(clamp_gate(gate[2 * n + j]));
		o = hids_sigmoid(clamp_gate(gate[3 * n + j]));
		/* Q15 * Q11 >> 15 and Q15 * Q15 >> 19 are both Q11. */
		cn = ((f * c[j] + (1 << 14)) >> 15) + ((i * g + (1 << 18)) >> 19);
		c[j] = sat16(cn);
		h[j] = sat16((o * hids_tanh(c[j] * 2) + (1 << 14)) >> 15);
	}
}

/* -log softmax(logits)[tok] in Q16.16: logsumexp - logit, with max shifted out. */
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
	u32 v = m->info.vocab, n = m->info.hidden, g = 4 * n, l, r;
	s32 *gate = scratch, *acc = gate + g, *acc2 = acc + g, *logit = acc2 + g;
	s16 *top = (s16 *)state + (m->info.layers - 1) * 2 * m->cols;
	const struct hids_layer *ly;
	s16 *h, *c, *below;
	s64 score;

	if (token >= v)
		token = 0;
	/* Score the call against what the state predicted. */
	dot(isa, m->wout, v, m->cols, top, logit);
	for (r = 0; r < v; r++)
		logit[r] = requant(logit[r], m->wout_m[r]) + m->bout[r];
	score = (s64)nll(logit, v, token) + m->offsets[token];
	/* Then advance the state by it. */
	for (l = 0; l < m->info.layers; l++) {
		ly = &m->layer[l];
		h = (s16 *)state + l * 2 * m->cols;
		c = h + m->cols;
		dot(isa, ly->whh, g, m->cols, h, acc);
		if (l == 0) {
			for (r = 0; r < g; r++)
				gate[r] = m->xtab[(size_t)token * g + r] +
					  requant(acc[r], ly->whh_m[r]);
		} else {
			below = h - 2 * m->cols;
			dot(isa, ly->wih, g, m->cols, below, acc2);
			for (r = 0; r < g; r++)
				gate[r] = ly->bias[r] + requant(acc2[r], ly->wih_m[r]) +
					  requant(acc[r], ly->whh_m[r]);
		}
		cell(gate, h, c, n);
	}
	return score < 0 ? 0 : score > 0x7fffffff ? 0x7fffffff : (u32)score;
}

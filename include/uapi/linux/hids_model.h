/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * hids model file (.hidsm), format versions 1 to 3.  Everything
 * little-endian.  One validator (engine/model.c) checks it, in the kernel
 * and in userspace.  Version 2 adds the kind field (in bytes that version
 * 1 reserves): an LSTM (below) or an n-gram model (further below).
 * Version 3 adds flags: HIDS_MODEL_FLAG_SELF_NORM, an LSTM trained so that
 * its softmax normaliser stays near 1 (Devlin et al. 2014), whose score of
 * call y is -logit_y: one output row per call, no exponentials; and
 * HIDS_MODEL_FLAG_NGRAM_START, an n-gram model whose streams begin with a
 * start symbol (HIDS_NGRAM_START), so that a thread's first calls are
 * predicted from "the start of a thread" rather than from no context at
 * all; HIDS_MODEL_FLAG_NGRAM_SCORES, an n-gram model whose sequences of
 * order calls hold their score (below); and HIDS_MODEL_FLAG_NGRAM_CAP, an
 * n-gram model whose scores are at most ln V, a call's score under the
 * uniform model (one call, however unexpected, is evidence of one call);
 * and HIDS_MODEL_FLAG_SKIP_SIGRETURN, a model of either kind trained on
 * streams without signal returns (rt_sigreturn, sigreturn): a signal
 * arrives at any point of a thread's calls, so its return is no part of
 * their sequence; such calls are neither scored nor context (token maps
 * send them to HIDS_TOKEN_SKIP).
 * Each file is written with the oldest version that holds it (an LSTM 1,
 * an n-gram model 2, a model with a flag 3), so older modules load
 * what they can run and refuse the rest by its version or flags.
 *
 * The network: token -> LSTM layer 0 (the embedding and input projection
 * fused into one table) [-> LSTM layer 1] -> linear -> softmax over the
 * next token.  Gate order i, f, g, o.  Fixed point: h Q15, c Q11, gate
 * pre-activations and logits Q12, scores Q16.16 nats.
 *
 * Layout: the header, then these sections in this order, packed, with sizes
 * that follow from the header (V = vocab, H = hidden, G = 4 * H):
 *
 *   names        V * HIDS_MODEL_NAME_LEN bytes: token t's syscall name,
 *                NUL-terminated and NUL-padded, unique, not empty; token 0
 *                is the unknown token (any name, e.g. "<unk>")
 *   offsets      V * __le32 (signed, Q16.16): added to the score of a call
 *                with that token (0 for plain -log p)
 *   xtab         V * G * __le16 (signed, Q xfrac): layer 0 gate
 *                pre-activations of token t, biases included
 *   per layer l in 0 .. layers - 1:
 *     if l > 0:  wih  G * H int8, wih_m G * __le32, bias G * __le32 (Q12)
 *                     (input: h of layer l - 1)
 *                whh  G * H int8, whh_m G * __le32  (input: own h)
 *   wout         V * H int8, wout_m V * __le32, bout V * __le32 (Q12)
 *   crc          __le32, CRC32C of every byte before it
 *
 * A row r of an int8 matrix W with multiplier m contributes, in Q12,
 *   (sum_j W[r][j] * x[j] * m + 2^23) >> 24   with x in Q15,
 * so m = round(scale_r / 8 * 2^24) for W_float[r] = scale_r * W[r].
 * Limits: 2 <= V <= 1024, 1 <= H <= 256, 1 <= layers <= 2,
 * 0 <= m <= 2^21 (scale_r <= 1: float weights within +-127, so any row's
 * contribution stays within +-2^27 and a 64-bit product never needs a
 * clamp), |bias|, |offset| <= 2^24, 1 <= window <= 1024.
 *
 * The n-gram model (kind HIDS_MODEL_KIND_NGRAM; hidden, layers, embed and
 * xfrac 0): interpolated Witten-Bell over contexts of up to order - 1
 * calls,
 *   p(c | h) = (C(h, c) + D(h) p(c | h')) / (T(h) + D(h)),
 * h' being h without its oldest call, from the uniform 1 / V up; a context
 * not in the table ends the walk.  Sections:
 *
 *   names, offsets   as above
 *   table            2^table_bits entries of { __le64 key, __le32 count,
 *                    __le32 distinct }, one per call sequence of up to
 *                    order calls seen in training: count is C of the
 *                    sequence as a gram (its newest call after the rest)
 *                    and T of it as a context (the end of a stream counts
 *                    as a follower), distinct is D; key 0 is an empty slot
 *                    (its counts 0).  Keys and home slots are
 *                    engine/ngram.h's; linear probing, every key within
 *                    max_probe slots of its home.  A sequence of order
 *                    calls is never a context, so its distinct is 0;
 *                    with HIDS_MODEL_FLAG_NGRAM_SCORES it holds instead
 *                    the score (-ln p, Q16.16, before the offset) of its
 *                    newest call after the rest, as the walk above gives
 *                    it, so that a call after a full context seen in
 *                    training costs one lookup instead of the walk.
 *   crc              as above
 *
 * Limits: 1 <= order <= 16, 4 <= table_bits <= 21, 1 <= max_probe <=
 * 2^table_bits, counts <= 2^30.
 */
#ifndef _UAPI_LINUX_HIDS_MODEL_H
#define _UAPI_LINUX_HIDS_MODEL_H

#include <linux/types.h>

#define HIDS_MODEL_MAGIC	0x4d534948	/* "HISM" */
#define HIDS_MODEL_VERSION	3	/* newest */
#define HIDS_MODEL_VERSION_LSTM	1
#define HIDS_MODEL_VERSION_NGRAM	2
#define HIDS_MODEL_FLAG_SELF_NORM	0x1	/* version 3, LSTM: score -logit */
#define HIDS_MODEL_FLAG_NGRAM_START	0x2	/* version 3, n-gram: a start symbol */
#define HIDS_MODEL_FLAG_NGRAM_SCORES	0x4	/* version 3, n-gram: scores of full grams */
#define HIDS_MODEL_FLAG_NGRAM_CAP	0x8	/* version 3, n-gram: scores at most ln V */
#define HIDS_MODEL_FLAG_SKIP_SIGRETURN	0x10	/* version 3: signal returns not scored */
#define HIDS_NGRAM_START		0xffff	/* the start symbol, in keys only */
#define HIDS_TOKEN_SKIP			0xffff	/* a token map's "not scored" */
#define HIDS_MODEL_KIND_LSTM	0
#define HIDS_MODEL_KIND_NGRAM	1
#define HIDS_NGRAM_MAX_ORDER	16
#define HIDS_NGRAM_MIN_BITS	4
#define HIDS_NGRAM_MAX_BITS	21
#define HIDS_NGRAM_MAX_COUNT	(1 << 30)
#define HIDS_MODEL_NAME_LEN	32
#define HIDS_MODEL_MAX_VOCAB	1024
#define HIDS_MODEL_MAX_HIDDEN	256
#define HIDS_MODEL_MAX_LAYERS	2
#define HIDS_MODEL_MAX_WINDOW	1024
#define HIDS_MODEL_MAX_M	(1 << 21)
#define HIDS_MODEL_MAX_BIAS	(1 << 24)

struct hids_model_header {
	__le32 magic;
	__le16 version;
	__le16 header_size;	/* sizeof(struct hids_model_header) */
	__le32 total_size;	/* the whole file, CRC included */
	__le16 vocab;
	__le16 hidden;
	__le16 layers;
	__le16 embed;		/* E before fusion; informational */
	__le16 window;		/* default W of the window mean */
	__le16 xfrac;		/* fractional bits of xtab, 0 .. 15 */
	__le32 min_calls;	/* default K of the running mean, >= 1 */
	__le32 threshold_window;	/* default, Q16.16 nats; 0: off */
	__le32 threshold_running;	/* default, Q16.16 nats; 0: off */
	__le32 flags;		/* HIDS_MODEL_FLAG_*; 0 before version 3 */
	__le64 created;		/* seconds since the epoch */
	char name[64];		/* NUL-terminated */
	char description[128];	/* training data, NUL-terminated */
	/* Version 2 (0 in version 1): */
	__le16 kind;		/* HIDS_MODEL_KIND_* */
	__le16 order;		/* n-gram: longest gram, calls */
	__le16 table_bits;	/* n-gram: 2^table_bits table entries */
	__le16 max_probe;	/* n-gram: longest probe, slots */
	__u8 reserved[8];	/* must be 0 */
};

#endif /* _UAPI_LINUX_HIDS_MODEL_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The integer engine (an LSTM or an n-gram model) and the model validator,
 * shared by the kernel module and userspace.  The engine never allocates: callers size buffers
 * with the *_size() functions.  Call hids_engine_init() once first.
 */
#ifndef HIDS_ENGINE_H
#define HIDS_ENGINE_H

#include "shim.h"

enum hids_isa {
	HIDS_ISA_SCALAR,
	HIDS_ISA_SSE2,
	HIDS_ISA_AVX2,
};

/* What the validator learnt from a header. */
struct hids_model_info {
	u32 kind;		/* HIDS_MODEL_KIND_* */
	u32 flags;		/* HIDS_MODEL_FLAG_* */
	u32 vocab, hidden, layers, embed, window, xfrac, min_calls;
	u32 order, table_bits, max_probe;	/* n-gram models */
	u32 threshold_window, threshold_running;	/* Q16.16 */
	u64 created;
	char name[64];
	char description[128];
	u32 size;
};

struct hids_model;

/* Tables the engine computes (integer-only, so bit-identical everywhere). */
void hids_engine_init(void);

/* CRC32C (Castagnoli) of len bytes; seed with 0. */
u32 hids_crc32c(u32 crc, const void *data, size_t len);

/*
 * Check a whole .hidsm blob: 0, or -errno with a static message in *why:
 * -EMSGSIZE (truncated or size mismatch), -EPROTO (not a model),
 * -EPROTONOSUPPORT (version), -EBADMSG (checksum), -EINVAL (inconsistent
 * header), -ERANGE (a value out of range).  Never reads past len.
 */
int hids_model_validate(const void *blob, size_t len, struct hids_model_info *info,
			const char **why);

/* Bytes for the runtime model of a validated blob. */
size_t hids_model_runtime_size(const struct hids_model_info *info);
/* Build it into mem (64-byte aligned, runtime_size bytes) from a valid blob. */
struct hids_model *hids_model_build(void *mem, const void *blob,
				    const struct hids_model_info *info);

const struct hids_model_info *hids_model_info(const struct hids_model *m);
const char *hids_model_token_name(const struct hids_model *m, u16 token);
/*
 * Token of a syscall name, or 0 (unknown); HIDS_TOKEN_SKIP for a signal
 * return when the model has HIDS_MODEL_FLAG_SKIP_SIGRETURN: the caller
 * passes no such call to hids_step().
 */
u16 hids_model_token(const struct hids_model *m, const char *name);
/* The calls HIDS_MODEL_FLAG_SKIP_SIGRETURN skips, by name (any ABI). */
#define HIDS_SIGNAL_RETURNS 2
extern const char *const hids_signal_returns[HIDS_SIGNAL_RETURNS];

/* Per-thread state (h, c of every layer) and per-caller scratch. */
size_t hids_state_size(const struct hids_model *m);
size_t hids_scratch_size(const struct hids_model *m);
size_t hids_scratch_size_max(void);
void hids_state_reset(const struct hids_model *m, void *state);

/*
 * Score token against the model's prediction from state, then advance
 * state by it.  Returns -log p(token | history) + offset[token] in Q16.16
 * nats (a self-normalised LSTM: -logit + offset), at least 0.  Every ISA
 * gives the same bits; SIMD ones need the caller to own the FPU
 * (kernel_fpu_begin() in the kernel).
 */
u32 hids_step(const struct hids_model *m, void *state, u16 token, void *scratch,
	      enum hids_isa isa);

/*
 * An n-gram model's -ln p(token | hist[0..fill)), hist newest first (at
 * most order - 1 calls), in Q16.16 before the token's offset, at least 0:
 * the Witten-Bell walk alone, whatever scores the model holds (the trainer
 * computes the scores a model holds with it).
 */
u32 hids_ngram_walk(const struct hids_model *m, const u16 *hist, u32 fill, u16 token);

#ifndef __KERNEL__
/* Userspace: the fastest ISA this CPU runs (the kernel uses boot_cpu_has). */
static inline enum hids_isa hids_isa_best(void)
{
	return __builtin_cpu_supports("avx2") ? HIDS_ISA_AVX2 : HIDS_ISA_SSE2;
}
#endif

#endif /* HIDS_ENGINE_H */

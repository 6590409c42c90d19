/* SPDX-License-Identifier: GPL-2.0 */
/* Float model -> .hidsm blob (include/uapi/linux/hids_model.h); the parts any kind shares. */
#ifndef HIDS_QUANTIZE_H
#define HIDS_QUANTIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "fmodel.h"
#include "hids_engine.h"

/* Room for the model's name and description in its header, NUL included. */
#define MODEL_META_NAME_MAX	64
#define MODEL_META_DESC_MAX	128

struct quant_meta {
	const char *const *names;	/* vocab names, token 0 the unknown one */
	const double *offsets;		/* nats added per token, or NULL */
	double threshold_window;	/* nats; 0: off */
	double threshold_running;	/* nats; 0: off */
	unsigned int window, min_calls;
	const char *name, *description;	/* < MODEL_META_*_MAX bytes */
	unsigned long long created;	/* seconds since the epoch */
	bool ngram_cap;			/* n-gram: scores at most ln V */
	bool skip_sigreturn;		/* trained without signal returns */
};

/*
 * A malloc'd blob in *blob; 0 or -errno (-EINVAL: bad meta or names,
 * -ERANGE: a weight beyond +-127, which no row multiplier can hold).
 */
int quantize_model(const struct fmodel *m, const struct quant_meta *meta,
		   unsigned char **blob, size_t *len);

/* -EINVAL unless the names (vocab of them), window and K can go in a model. */
int quantize_meta_check(const struct quant_meta *q, unsigned int vocab);

/*
 * The header (the sizes of in, the rest from q), names and offsets of a
 * total-byte model of any kind into p; returns the bytes written.
 */
size_t quantize_head(unsigned char *p, size_t total, const struct hids_model_info *in,
		     const struct quant_meta *q);

/*
 * New default thresholds (nats, 0: off) into a blob quantize_model()
 * made, as if its meta had held them: the header fields and the CRC.
 */
void quantize_set_thresholds(unsigned char *blob, size_t len, double window, double running);

/*
 * The blob's CRC trailer (its last 4 bytes) made right for the bytes
 * before it, after an edit; hids_engine_init() must have run.
 */
void quantize_seal(unsigned char *blob, size_t len);

/* Write a blob to path atomically (temporary file, then rename). */
int write_model_file(const char *path, const unsigned char *blob, size_t len);

#endif

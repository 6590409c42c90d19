/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's n-gram model (include/uapi/linux/hids_model.h) from an
 * n-gram LM's counts: the same keys in a table of 2^bits slots, at most
 * two thirds of them used, so lookups stay a few probes long.
 */
#ifndef HIDS_NGRAM_MODEL_H
#define HIDS_NGRAM_MODEL_H

#include <stddef.h>

#include "ngram_lm.h"
#include "quantize.h"

/* Table bits for count entries: at most two thirds of the slots used. */
unsigned int ngram_model_bits(size_t count);

/*
 * A malloc'd blob in *blob: 0, -EINVAL (bad meta), -E2BIG (more entries
 * than HIDS_NGRAM_MAX_BITS holds), -ENOMEM.
 */
int ngram_model_blob(const struct ngram_lm *g, const struct quant_meta *q,
		     unsigned char **blob, size_t *len);

#endif

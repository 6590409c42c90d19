/* SPDX-License-Identifier: GPL-2.0 */
/* Float model -> .hidsm blob (include/uapi/linux/hids_model.h). */
#ifndef HIDS_QUANTIZE_H
#define HIDS_QUANTIZE_H

#include <stddef.h>

#include "fmodel.h"

struct quant_meta {
	const char *const *names;	/* vocab names, token 0 the unknown one */
	const double *offsets;		/* nats added per token, or NULL */
	double threshold_window;	/* nats; 0: off */
	double threshold_running;	/* nats; 0: off */
	unsigned int window, min_calls;
	const char *name, *description;
	unsigned long long created;	/* seconds since the epoch */
};

/*
 * A malloc'd blob in *blob; 0 or -errno (-EINVAL: bad meta or names,
 * -ERANGE: a weight beyond +-127, which no row multiplier can hold).
 */
int quantize_model(const struct fmodel *m, const struct quant_meta *meta,
		   unsigned char **blob, size_t *len);

/*
 * New default thresholds (nats, 0: off) into a blob quantize_model()
 * made, as if its meta had held them: the header fields and the CRC.
 */
void quantize_set_thresholds(unsigned char *blob, size_t len, double window, double running);

/* Write a blob to path atomically (temporary file, then rename). */
int write_model_file(const char *path, const unsigned char *blob, size_t len);

#endif

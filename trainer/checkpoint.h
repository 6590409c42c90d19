/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The float model beside a .hidsm (M.hidsm.float): its parameters, the
 * score offsets and the training figures, so that eval can put the float
 * model's results beside the integer engine's.  Little-endian:
 *
 *   "HIDSFLT1", u32 vocab, embed, hidden, layers, flags,
 *   f64 tokens_per_s, seconds, u32 epochs, best_epoch,
 *   [f32 self_norm], f32 params[nparams], [f64 offsets[vocab]],
 *   u32 crc32c of all before.
 *
 * flags: CHECKPOINT_OFFSETS (offsets present), CHECKPOINT_SELF_NORM (a
 * self-normalised model: self_norm, its alpha, present).
 */
#ifndef HIDS_CHECKPOINT_H
#define HIDS_CHECKPOINT_H

#include <stddef.h>

#include "fmodel.h"

#define CHECKPOINT_SUFFIX	".float"
#define CHECKPOINT_OFFSETS	0x1
#define CHECKPOINT_SELF_NORM	0x2

struct checkpoint_train {
	double tokens_per_s, seconds;
	unsigned int epochs, best_epoch;
};

/* 0, or -errno with the reason on stderr. */
int checkpoint_write(const char *path, const struct fmodel *m, const double *offsets,
		     const struct checkpoint_train *t);

/* m and *offsets (NULL when none) allocated here; 0, or -errno with the reason on stderr. */
int checkpoint_read(const char *path, struct fmodel *m, double **offsets,
		    struct checkpoint_train *t);

#endif /* HIDS_CHECKPOINT_H */

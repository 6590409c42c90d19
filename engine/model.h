/* SPDX-License-Identifier: GPL-2.0 */
/* The runtime model: the blob's tensors widened and padded for the dot kernels. */
#ifndef HIDS_ENGINE_MODEL_H
#define HIDS_ENGINE_MODEL_H

#include "hids_engine.h"

/* Matrices are rows of int16 padded to a multiple of 16 columns. */
#define HIDS_PAD 16

struct hids_layer {
	const s16 *wih;		/* G x cols, layers > 0 */
	const s32 *wih_m;
	const s32 *bias;	/* Q12 */
	const s16 *whh;		/* G x cols */
	const s32 *whh_m;
};

struct hids_model {
	struct hids_model_info info;
	u32 cols;			/* H rounded up to HIDS_PAD */
	const char *names;		/* V x HIDS_MODEL_NAME_LEN */
	const s32 *offsets;		/* V, Q16.16 */
	const s32 *xtab;		/* V x G, Q12 */
	struct hids_layer layer[2];
	const s16 *wout;		/* V x cols */
	const s32 *wout_m;
	const s32 *bout;		/* Q12 */
};

#endif /* HIDS_ENGINE_MODEL_H */

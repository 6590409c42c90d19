/* SPDX-License-Identifier: GPL-2.0 */
/* Fixed-point functions of the engine, by table and interpolation. */
#ifndef HIDS_FIXED_H
#define HIDS_FIXED_H

#include "shim.h"

#define Q12_ONE		4096
#define Q15_MAX		32767
/* Gate pre-activations saturate here: sigmoid(16) = 1 - 1.1e-7. */
#define GATE_LIMIT	(16 * Q12_ONE)

/* sigmoid and tanh of a Q12 value, in Q15. */
s32 hids_sigmoid(s32 x);
s32 hids_tanh(s32 x);
/* 2^30 * e^(-d) for d >= 0 in Q12; 0 from d = 24 on. */
u32 hids_exp_neg(s32 d);
/* ln(s / 2^30) in Q24 for s >= 2^30. */
s64 hids_ln_q30(u64 s);

#endif /* HIDS_FIXED_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * splitmix64: the trainer's seeds, shuffles and initial weights, the same
 * on every platform and libc.
 */
#ifndef HIDS_RNG_H
#define HIDS_RNG_H

#include <stdint.h>

static inline uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [-scale, scale). */
static inline float splitmix64_uniform(uint64_t *s, float scale)
{
	return (float)((splitmix64(s) >> 11) * (2.0 / 9007199254740992.0) - 1.0) * scale;
}

#endif /* HIDS_RNG_H */

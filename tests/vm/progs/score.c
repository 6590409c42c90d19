// SPDX-License-Identifier: GPL-2.0
/*
 * score MODEL NAMES_FILE [NAME...]: the userspace engine's result for a call
 * stream, to compare with the kernel's: the calls are the names in
 * NAMES_FILE, then the extra NAMEs.  Prints "steps N sum S" (S: the sum of
 * the Q16.16 per-call scores).  Scalar path: the kernel's SIMD path must
 * give the same bits.
 */
#include <stdio.h>
#include <stdlib.h>

#include "modelfile.h"

int main(int argc, char **argv)
{
	static s32 scratch[16384];
	unsigned long long steps = 0, sum = 0;
	struct model_file mf;
	char name[64];
	void *state;
	FILE *f;
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: score MODEL NAMES_FILE [NAME...]\n");
		return 2;
	}
	if (model_file_load(&mf, argv[1]))
		return 1;
	f = fopen(argv[2], "r");
	state = calloc(1, hids_state_size(mf.model));
	if (!f || !state) {
		perror(argv[2]);
		return 1;
	}
	hids_state_reset(mf.model, state);	/* as the kernel binds a thread */
	while (fscanf(f, "%63s", name) == 1) {
		sum += hids_step(mf.model, state, hids_model_token(mf.model, name), scratch,
				 HIDS_ISA_SCALAR);
		steps++;
	}
	for (i = 3; i < argc; i++) {
		sum += hids_step(mf.model, state, hids_model_token(mf.model, argv[i]), scratch,
				 HIDS_ISA_SCALAR);
		steps++;
	}
	printf("steps %llu sum %llu\n", steps, sum);
	return 0;
}

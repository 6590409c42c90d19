// SPDX-License-Identifier: GPL-2.0
/*
 * score MODEL NAMES_FILE [NAME...]: the userspace engine's result for a call
 * stream, to compare with the kernel's: the calls are the names in
 * NAMES_FILE, then the extra NAMEs.  Prints "steps N sum S" (S: the sum of
 * the Q16.16 per-call scores).  Scalar path: the kernel's SIMD path must
 * give the same bits.  Signal returns of a model that skips them are no
 * steps, as in the kernel.
 */
#include <stdio.h>
#include <stdlib.h>

#include <linux/hids_model.h>

#include "modelfile.h"

static s32 scratch[16384];

/* One call, as the kernel takes it: a call the model skips is no step. */
static void score(const struct model_file *mf, void *state, const char *name,
		  unsigned long long *steps, unsigned long long *sum)
{
	u16 tok = hids_model_token(mf->model, name);

	if (tok == HIDS_TOKEN_SKIP)
		return;
	*sum += hids_step(mf->model, state, tok, scratch, HIDS_ISA_SCALAR);
	++*steps;
}

int main(int argc, char **argv)
{
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
	while (fscanf(f, "%63s", name) == 1)
		score(&mf, state, name, &steps, &sum);
	for (i = 3; i < argc; i++)
		score(&mf, state, argv[i], &steps, &sum);
	printf("steps %llu sum %llu\n", steps, sum);
	return 0;
}

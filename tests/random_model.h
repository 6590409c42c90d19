/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The random model the VM tests and the hot-path benchmark load: the
 * first 199 x86_64 system calls after <unk>, E=16, H=32, 2 layers, W=16,
 * K=10, weights from seed 1.  Include after syscalls_x86_64.h.
 */
#ifndef HIDS_TESTS_RANDOM_MODEL_H
#define HIDS_TESTS_RANDOM_MODEL_H

#include "fmodel.h"
#include "quantize.h"

static inline int random_vm_model(const char *name, const char *description,
				  unsigned char **blob, size_t *len)
{
	const size_t nsys = sizeof(syscalls_x86_64) / sizeof(syscalls_x86_64[0]);
	const char *names[200];
	struct quant_meta q = { .names = names, .window = 16, .min_calls = 10,
				.name = name, .description = description };
	struct fmodel m;
	size_t i;
	int v = 1, ret;

	names[0] = "<unk>";
	for (i = 0; i < nsys && v < 200; i++)
		if (syscalls_x86_64[i])
			names[v++] = syscalls_x86_64[i];
	ret = fmodel_alloc(&m, v, 16, 32, 2);
	if (ret)
		return ret;
	fmodel_init_random(&m, 1, 0.4f);
	ret = quantize_model(&m, &q, blob, len);
	fmodel_free(&m);
	return ret;
}

#endif /* HIDS_TESTS_RANDOM_MODEL_H */

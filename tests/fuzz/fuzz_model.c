// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the model validator and the engine: any blob is
 * refused with a message or validates; one that validates must build and
 * step (every ISA the CPU has, same bits) without a sanitizer report.
 * Seeds: tests/fuzz/run.sh puts real models in the corpus, since random
 * bytes rarely pass the CRC.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../engine/dot.c"
#include "../../engine/dot_avx2.c"
#include "../../engine/dot_sse2.c"
#include "../../engine/fixed.c"
#include "../../engine/lstm.c"
#include "../../engine/model.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool init;
	static s32 scratch[2][16384];
	struct hids_model_info info;
	struct hids_model *m;
	const char *why = NULL;
	void *mem, *st[2];
	u32 a, b;
	size_t i;

	if (!init) {
		hids_engine_init();
		init = true;
	}
	if (hids_model_validate(data, size, &info, &why)) {
		if (!why)
			__builtin_trap();
		return 0;
	}
	mem = aligned_alloc(64, (hids_model_runtime_size(&info) + 63) & ~(size_t)63);
	m = hids_model_build(mem, data, &info);
	st[0] = calloc(1, hids_state_size(m));
	st[1] = calloc(1, hids_state_size(m));
	for (i = 0; i < 64; i++) {
		u16 tok = data[i % size] % (info.vocab + 2);

		a = hids_step(m, st[0], tok, scratch[0], HIDS_ISA_SCALAR);
		b = hids_step(m, st[1], tok, scratch[1],
			      __builtin_cpu_supports("avx2") ? HIDS_ISA_AVX2 : HIDS_ISA_SSE2);
		if (a != b)
			__builtin_trap();
	}
	free(st[0]);
	free(st[1]);
	free(mem);
	return 0;
}

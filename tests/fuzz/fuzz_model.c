// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the model validator and the engine: any blob is
 * refused with a message or validates; one that validates must build and
 * step (scalar and the best SIMD, same bits) without a sanitizer report.
 * Each input runs twice: as given, and with its CRC recomputed, since
 * mutations almost never keep a valid CRC and would stop at the checksum.
 * Seeds: tests/fuzz/run.sh puts real models in the corpus.
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
#include "../../engine/ngram.c"

static void run(const u8 *data, size_t size)
{
	enum hids_isa best = hids_isa_best();
	static s32 scratch[2][16384];
	struct hids_model_info info;
	struct hids_model *m;
	const char *why = NULL;
	void *mem, *st[2];
	size_t i;

	if (hids_model_validate(data, size, &info, &why)) {
		if (!why)
			__builtin_trap();
		return;
	}
	mem = aligned_alloc(64, (hids_model_runtime_size(&info) + 63) & ~(size_t)63);
	m = hids_model_build(mem, data, &info);
	st[0] = calloc(1, hids_state_size(m));
	st[1] = calloc(1, hids_state_size(m));
	if (st[0] && st[1]) {
		hids_state_reset(m, st[0]);
		hids_state_reset(m, st[1]);
	}
	for (i = 0; i < 64; i++) {
		u16 tok = data[i % size] % (info.vocab + 2);

		if (hids_step(m, st[0], tok, scratch[0], HIDS_ISA_SCALAR) !=
		    hids_step(m, st[1], tok, scratch[1], best))
			__builtin_trap();
	}
	free(st[0]);
	free(st[1]);
	free(mem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool init;
	u8 *d;
	u32 c;

	if (!init) {
		hids_engine_init();
		init = true;
	}
	run(data, size);
	if (size < 8)
		return 0;
	d = malloc(size);
	memcpy(d, data, size);
	c = hids_crc32c(0, d, size - 4);
	d[size - 4] = c;
	d[size - 3] = c >> 8;
	d[size - 2] = c >> 16;
	d[size - 1] = c >> 24;
	run(d, size);
	free(d);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the ADFA-LD trace parser: any bytes parse into
 * known syscall names or fail with a reason, never crash or leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../trainer/trace.c"
#include "../../trainer/read_adfa.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct recording r;
	struct strtab names;
	unsigned long line;
	const char *why = NULL;
	size_t i;
	int ret;

	strtab_init(&names);
	if (recording_init(&r, "fuzz", "fuzz", REC_ADFA))
		return 0;
	ret = adfa_parse((const char *)data, size, &r, &names, &line, &why);
	if (ret && (!why || line < 1))
		__builtin_trap();
	for (i = 0; !ret && i < r.nev; i++) {
		if (!strtab_name(&names, r.ev[i].name) || r.ev[i].ts_ns != i)
			__builtin_trap();
	}
	recording_free(&r);
	strtab_free(&names);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the .sc line parser and writer: any input either
 * fails cleanly or parses; what parses must survive writer + parser
 * unchanged.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../trainer/sc.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = malloc(size + 1), out[65536], *back_line;
	struct sc_event ev, back;
	const char *why;
	int n;

	if (!line)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	if (sc_parse_line(line, &ev, &why)) {
		if (!why)
			__builtin_trap();
		goto out;
	}
	n = sc_format_line(out, sizeof(out), &ev);
	if (n == -ENOSPC)
		goto out;
	if (n <= 0 || out[n - 1] != '\n')
		__builtin_trap();
	back_line = out;
	if (sc_parse_line(back_line, &back, &why) || back.ts_ns != ev.ts_ns ||
	    back.uid != ev.uid || back.pid != ev.pid || back.tid != ev.tid ||
	    strcmp(back.name, ev.name) || back.dir != ev.dir ||
	    back.has_res != (ev.dir == '<' && ev.has_res) || (back.has_res && back.res != ev.res))
		__builtin_trap();
out:
	free(line);
	return 0;
}

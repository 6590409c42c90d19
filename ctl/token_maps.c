// SPDX-License-Identifier: GPL-2.0
/* System call numbers to a model's tokens, for hidsctl load and apply. */
#include <errno.h>
#include <stdlib.h>

#include <linux/hids_model.h>

#include "hids_engine.h"
#include "options.h"
#include "token_maps.h"

/*
 * Token of every syscall number of one calling convention, by name (so
 * execve through int $0x80 is execve); unknown names are 0, and a signal
 * return of a model that skips them HIDS_TOKEN_SKIP.
 */
static uint16_t *token_map(const struct hids_model *m, uint8_t abi, size_t *n)
{
	uint16_t *map;
	const char *name;
	size_t nr;

	*n = 0;
	for (nr = 0; nr < HIDS_MAX_SYSCALLS; nr++)
		if (syscall_name(abi, nr))
			*n = nr + 1;
	map = calloc(*n ? *n : 1, sizeof(*map));
	if (!map)
		return NULL;
	for (nr = 0; nr < *n; nr++) {
		name = syscall_name(abi, nr);
		map[nr] = name ? hids_model_token(m, name) : 0;
	}
	return map;
}

int token_maps_build(const struct hids_model *m, struct ipc_token_maps *maps)
{
	int a;

	for (a = 0; a < HIDS_CALL_ABIS; a++) {
		maps->map[a] = token_map(m, a, &maps->len[a]);
		if (!maps->map[a])
			return -ENOMEM;
	}
	return 0;
}

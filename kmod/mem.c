// SPDX-License-Identifier: GPL-2.0
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "mem.h"

static atomic_long_t bytes = ATOMIC_LONG_INIT(0);

void *hids_kzalloc(size_t size, gfp_t gfp)
{
	void *p = kzalloc(size, gfp);

	if (p)
		atomic_long_add(ksize(p), &bytes);
	return p;
}

char *hids_kstrdup(const char *s, gfp_t gfp)
{
	size_t n = strlen(s) + 1;
	char *p = hids_kzalloc(n, gfp);

	if (p)
		memcpy(p, s, n);
	return p;
}

void hids_kfree(const void *p)
{
	if (!p)
		return;
	atomic_long_sub(ksize(p), &bytes);
	kfree(p);
}

void *hids_kvzalloc(size_t size)
{
	void *p = kvzalloc(size, GFP_KERNEL);

	if (p)
		atomic_long_add(size, &bytes);
	return p;
}

void hids_kvfree(void *p, size_t size)
{
	if (!p)
		return;
	atomic_long_sub(size, &bytes);
	kvfree(p);
}

long hids_mem_bytes(void)
{
	return atomic_long_read(&bytes);
}

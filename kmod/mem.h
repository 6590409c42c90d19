/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_MEM_H
#define HIDS_MEM_H

#include <linux/atomic.h>
#include <linux/gfp.h>
#include <linux/types.h>

/*
 * Every allocation of the module goes through these, so HIDS_STAT_MEMORY
 * shows what the module holds and a leak is visible (and WARNs at unload).
 */
void *hids_kzalloc(size_t size, gfp_t gfp);
char *hids_kstrdup(const char *s, gfp_t gfp);
void hids_kfree(const void *p);
/* Large buffers (kvmalloc); the caller passes the size back to free. */
void *hids_kvzalloc(size_t size);
void hids_kvfree(void *p, size_t size);
long hids_mem_bytes(void);

#endif /* HIDS_MEM_H */

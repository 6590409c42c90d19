/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_RECORD_H
#define HIDS_RECORD_H

#include <linux/types.h>

struct hids_thread;

int hids_record_init(void);
void hids_record_uninit(void);

/* Queue one event of the current thread (probe context, never sleeps). */
void hids_record_event(const struct hids_thread *t, u8 dir, u8 abi, long nr, long ret);

/*
 * A slot entered or left record mode: start the periodic flush.  Only from
 * netlink ops, which module exit closes before hids_record_uninit().
 */
void hids_record_kick(void);

#endif /* HIDS_RECORD_H */

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_SCORER_H
#define HIDS_SCORER_H

#include <linux/types.h>

struct hids_slot_cfg;
struct hids_thread;

int hids_scorer_init(void);
/* After the probes are gone: finishes queued work, frees the workers. */
void hids_scorer_uninit(void);

/*
 * Probe context: queue the current thread's call nr (in the table of abi,
 * enum hids_call_abi) for scoring, or score it now (enforce).  True: the
 * call must not run.
 */
bool hids_scorer_call(struct hids_thread *t, const struct hids_slot_cfg *c, u8 abi, long nr);

#endif /* HIDS_SCORER_H */

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_ENFORCE_H
#define HIDS_ENFORCE_H

#include <linux/types.h>

struct netlink_ext_ack;

/* enum hids_enforce: whether a probe can keep a call from running here. */
u8 hids_enforce_state(void);

/*
 * HIDS_CMD_TEST_ENFORCE: step (enum hids_enforce_step) of the test, run
 * by the calling thread; *state is the answer so far.
 */
int hids_enforce_test(u8 step, u8 *state, struct netlink_ext_ack *extack);

/* Module exit: a test left armed is taken down. */
void hids_enforce_uninit(void);

#endif /* HIDS_ENFORCE_H */

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_NETLINK_H
#define HIDS_NETLINK_H

#include <net/genetlink.h>

/* Index of each multicast group in the family's group list (and its HIDS_LISTEN_* bit). */
enum {
	HIDS_MCGRP_TRACE_ID,
	HIDS_MCGRP_ALERTS_ID,
};

extern struct genl_family hids_family;

int hids_genl_init(void);
/* Module exit, first: wait for ops that change state, refuse new ones. */
void hids_genl_close(void);
void hids_genl_uninit(void);

#endif /* HIDS_NETLINK_H */

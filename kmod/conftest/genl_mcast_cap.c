// SPDX-License-Identifier: GPL-2.0
/* Multicast groups restricted to privileged listeners (6.7, some backports). */
#include <net/genetlink.h>

static const struct genl_multicast_group grp = {
	.name = "x",
	.flags = GENL_MCAST_CAP_NET_ADMIN,
};

const void *hids_conftest(void)
{
	return &grp;
}

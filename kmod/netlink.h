/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_NETLINK_H
#define HIDS_NETLINK_H

int hids_genl_init(void);
void hids_genl_uninit(void);

#endif /* HIDS_NETLINK_H */

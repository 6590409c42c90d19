/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * hids: host intrusion detection by in-kernel syscall language models.
 *
 * Generic netlink family HIDS_GENL_NAME ("hids"), version
 * HIDS_GENL_VERSION.  This header is the ABI; every command and attribute
 * is listed here.
 *
 * Commands
 * --------
 *
 * HIDS_CMD_GET_STATUS (doit; any user)
 *   Request: no attributes.
 *   Reply:
 *     HIDS_A_VERSION: NLA_NUL_STRING, module version, e.g. "0.1.0"
 *     HIDS_A_ABI_VERSION: NLA_U32, HIDS_ABI_VERSION of the module
 *     HIDS_A_NR_CPUS: NLA_U32, CPUs the counters were summed over
 *     HIDS_A_STATS: NLA_NESTED
 *       HIDS_STAT_SEEN: NLA_U64, system calls the sys_enter probe saw
 *
 * HIDS_CMD_RESET_STATS (doit; GENL_ADMIN_PERM)
 *   Zero every counter in HIDS_A_STATS.  Request: no attributes.
 *
 * Errors
 * ------
 *
 * Commands fail with a negative errno and, where the kernel supports it, an
 * extended ACK message naming the offending attribute.  Commands that change
 * state need CAP_NET_ADMIN (EPERM otherwise).  Unknown attributes are
 * rejected (strict validation).
 */
#ifndef _UAPI_LINUX_HIDS_H
#define _UAPI_LINUX_HIDS_H

#define HIDS_GENL_NAME		"hids"
#define HIDS_GENL_VERSION	1

/* Bumped on any incompatible change of commands or attributes. */
#define HIDS_ABI_VERSION	1

enum hids_cmd {
	HIDS_CMD_UNSPEC,
	HIDS_CMD_GET_STATUS,
	HIDS_CMD_RESET_STATS,
	__HIDS_CMD_MAX,
};

#define HIDS_CMD_MAX (__HIDS_CMD_MAX - 1)

enum hids_attr {
	HIDS_A_UNSPEC,
	HIDS_A_VERSION,
	HIDS_A_ABI_VERSION,
	HIDS_A_NR_CPUS,
	HIDS_A_STATS,
	HIDS_A_PAD,
	__HIDS_A_MAX,
};

#define HIDS_A_MAX (__HIDS_A_MAX - 1)

enum hids_stat {
	HIDS_STAT_UNSPEC,
	HIDS_STAT_SEEN,
	HIDS_STAT_PAD,
	__HIDS_STAT_MAX,
};

#define HIDS_STAT_MAX (__HIDS_STAT_MAX - 1)

#endif /* _UAPI_LINUX_HIDS_H */

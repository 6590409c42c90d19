/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * hids: host intrusion detection by in-kernel syscall language models.
 *
 * Generic netlink family HIDS_GENL_NAME ("hids"), version
 * HIDS_GENL_VERSION, initial network namespace only.  This header is the
 * ABI; every command, attribute and multicast group is listed here.
 *
 * Slots
 * -----
 *
 * The module has HIDS_MAX_SLOTS slots.  A slot has a selector that says
 * which threads it protects, a mode, and (for detection) a model.  A thread
 * is bound to the first active slot whose selector matches it, on its first
 * system call; it is bound again after execve() and forgotten on exit.
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
 *     HIDS_A_STATS: NLA_NESTED, every enum hids_stat counter
 *
 * HIDS_CMD_RESET_STATS (doit; GENL_ADMIN_PERM)
 *   Zero the event counters of HIDS_A_STATS (not the gauges THREADS and
 *   MEMORY).  Request: no attributes.
 *
 * HIDS_CMD_SET_SLOT (doit; GENL_ADMIN_PERM)
 *   Configure a slot; attributes not given keep their value.  Threads bound
 *   to the slot start over (their state is reset).
 *     HIDS_A_SLOT: NLA_U32, required, 0 .. HIDS_MAX_SLOTS - 1
 *     HIDS_A_MODE: NLA_U8, enum hids_mode
 *     HIDS_A_SELECTOR: NLA_NESTED, exactly one of
 *       HIDS_SEL_COMM: NLA_NUL_STRING, task comm, at most 15 bytes
 *       HIDS_SEL_PID: NLA_U32, a process (thread group) id
 *       HIDS_SEL_CGROUP: NLA_NUL_STRING, a cgroup v2 path relative to the
 *         cgroup2 root ("/" for all); matches the cgroup and its descendants
 *       HIDS_SEL_ALL: NLA_FLAG, every thread
 *   A slot in any mode but HIDS_MODE_OFF needs a selector.
 *
 * HIDS_CMD_GET_SLOT (dumpit; any user)
 *   One message per slot: HIDS_A_SLOT, HIDS_A_MODE, HIDS_A_SELECTOR (absent
 *   when none) and HIDS_A_THREADS (NLA_U32, threads bound now).
 *
 * HIDS_CMD_GET_THREAD (dumpit; any user)
 *   One message per tracked thread: HIDS_A_THREAD nested:
 *     HIDS_THREAD_TID, HIDS_THREAD_PID: NLA_U32
 *     HIDS_THREAD_COMM: NLA_NUL_STRING
 *     HIDS_THREAD_SLOT: NLA_U32
 *     HIDS_THREAD_CALLS: NLA_U64, system calls seen while bound
 *   An interrupted dump (threads came or went) is flagged NLM_F_DUMP_INTR;
 *   userspace retries.
 *
 * Multicast groups (listening needs CAP_NET_ADMIN where the kernel
 * supports restricting it)
 * ----------------
 *
 * HIDS_MCGRP_TRACE ("trace"): HIDS_CMD_TRACE messages from slots in record
 *   mode, one per batch of events:
 *     HIDS_A_TRACE_CPU: NLA_U32, the CPU whose buffer this batch is
 *     HIDS_A_TRACE_SEQ: NLA_U64, per-CPU batch sequence number, from 0 at
 *       module load; a gap means batches were lost on the way
 *     HIDS_A_TRACE_DROPPED: NLA_U64, events this CPU dropped (buffers
 *       full) since module load; growth means events were lost
 *     HIDS_A_TRACE_EVENTS: NLA_BINARY, packed struct hids_trace_event
 *
 * Errors
 * ------
 *
 * Commands fail with a negative errno and an extended ACK message naming
 * the offending attribute.  Commands that change state need CAP_NET_ADMIN
 * (EPERM otherwise).  Unknown attributes are rejected.
 */
#ifndef _UAPI_LINUX_HIDS_H
#define _UAPI_LINUX_HIDS_H

#include <linux/types.h>

#define HIDS_GENL_NAME		"hids"
#define HIDS_GENL_VERSION	1
#define HIDS_MCGRP_TRACE	"trace"

/* Bumped on any incompatible change of commands or attributes. */
#define HIDS_ABI_VERSION	1

#define HIDS_MAX_SLOTS		8
#define HIDS_COMM_LEN		16
#define HIDS_CGROUP_PATH_MAX	4096

enum hids_cmd {
	HIDS_CMD_UNSPEC,
	HIDS_CMD_GET_STATUS,
	HIDS_CMD_RESET_STATS,
	HIDS_CMD_SET_SLOT,
	HIDS_CMD_GET_SLOT,
	HIDS_CMD_GET_THREAD,
	HIDS_CMD_TRACE,
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
	HIDS_A_SLOT,
	HIDS_A_MODE,
	HIDS_A_SELECTOR,
	HIDS_A_THREADS,
	HIDS_A_THREAD,
	HIDS_A_TRACE_CPU,
	HIDS_A_TRACE_SEQ,
	HIDS_A_TRACE_DROPPED,
	HIDS_A_TRACE_EVENTS,
	__HIDS_A_MAX,
};

#define HIDS_A_MAX (__HIDS_A_MAX - 1)

enum hids_stat {
	HIDS_STAT_UNSPEC,
	HIDS_STAT_SEEN,		/* system calls the sys_enter probe saw */
	HIDS_STAT_MONITORED,	/* ... made by threads bound to a slot */
	HIDS_STAT_RECORDED,	/* trace events queued for the trace group */
	HIDS_STAT_RECORD_DROPPED, /* trace events lost: buffers full */
	HIDS_STAT_UNTRACKED,	/* matching threads left out: pool full */
	HIDS_STAT_THREADS,	/* gauge: threads tracked now */
	HIDS_STAT_MEMORY,	/* gauge: bytes the module allocated, now */
	HIDS_STAT_PAD,
	__HIDS_STAT_MAX,
};

#define HIDS_STAT_MAX (__HIDS_STAT_MAX - 1)

enum hids_mode {
	HIDS_MODE_OFF,
	HIDS_MODE_RECORD,
	HIDS_MODE_DETECT,
	__HIDS_MODE_MAX,
};

#define HIDS_MODE_MAX (__HIDS_MODE_MAX - 1)

enum hids_selector {
	HIDS_SEL_UNSPEC,
	HIDS_SEL_COMM,
	HIDS_SEL_PID,
	HIDS_SEL_CGROUP,
	HIDS_SEL_ALL,
	__HIDS_SEL_MAX,
};

#define HIDS_SEL_MAX (__HIDS_SEL_MAX - 1)

enum hids_thread_attr {
	HIDS_THREAD_UNSPEC,
	HIDS_THREAD_TID,
	HIDS_THREAD_PID,
	HIDS_THREAD_COMM,
	HIDS_THREAD_SLOT,
	HIDS_THREAD_CALLS,
	HIDS_THREAD_PAD,
	__HIDS_THREAD_MAX,
};

#define HIDS_THREAD_MAX (__HIDS_THREAD_MAX - 1)

enum hids_trace_dir {
	HIDS_TRACE_ENTER,
	HIDS_TRACE_EXIT,
};

/* One system call event of a thread in a record-mode slot. */
struct hids_trace_event {
	__u64 time_ns;		/* CLOCK_REALTIME */
	__u32 tid;
	__u32 pid;		/* thread group id */
	__u32 uid;		/* real uid, in the initial user namespace */
	__s32 nr;		/* system call number, native ABI */
	__s64 ret;		/* return value (HIDS_TRACE_EXIT), else 0 */
	__u8 dir;		/* enum hids_trace_dir */
	__u8 slot;
	__u8 pad[6];
	char comm[HIDS_COMM_LEN];
};

#endif /* _UAPI_LINUX_HIDS_H */

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
 * system call, and forgotten on exit.  The binding is inherited: threads
 * and processes a bound thread creates are bound to its slot when they are
 * created, and an execve() binds the new image to the same slot afresh, so
 * that whatever a protected service starts stays protected, whatever its
 * name.  A configuration change that keeps the selector rebinds bound
 * threads under the new configuration; changing the selector, or turning
 * the slot off, releases them.
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
 *     HIDS_A_DELIVERY: NLA_U8, enum hids_delivery in use
 *     HIDS_A_ENFORCE: NLA_U8, enum hids_enforce: whether the enforce
 *       response works on this kernel (HIDS_CMD_TEST_ENFORCE)
 *     HIDS_A_STATS: NLA_NESTED, every enum hids_stat counter
 *
 * HIDS_CMD_RESET_STATS (doit; GENL_ADMIN_PERM)
 *   Zero the event counters of HIDS_A_STATS (not the gauges THREADS and
 *   MEMORY).  Request: no attributes.
 *
 * HIDS_CMD_SET_SLOT (doit; GENL_ADMIN_PERM)
 *   Configure a slot; attributes not given keep their value.  Threads bound
 *   to the slot start over (their state is reset) when the selector (to
 *   other threads), mode, model or window changes; a change of thresholds, K, response,
 *   overflow, alert interval, spare list or thread limit keeps their
 *   scores.
 *     HIDS_A_SLOT: NLA_U32, required, 0 .. HIDS_MAX_SLOTS - 1
 *     HIDS_A_MODE: NLA_U8, enum hids_mode
 *     HIDS_A_SELECTOR: NLA_NESTED, exactly one of
 *       HIDS_SEL_COMM: NLA_NUL_STRING, task comm, at most 15 bytes
 *       HIDS_SEL_PID: NLA_U32, a process (thread group) id
 *       HIDS_SEL_CGROUP: NLA_NUL_STRING, a cgroup v2 path relative to the
 *         cgroup2 root ("/" for all); matches the cgroup and its descendants
 *       HIDS_SEL_ALL: NLA_FLAG, every thread
 *       HIDS_SEL_EXE: NLA_NUL_STRING, an absolute path: threads whose
 *         executable is that file (its inode, not a name a process sets)
 *     HIDS_A_THRESH_WINDOW: NLA_U32, alert when the mean per-call score of
 *       the last HIDS_A_WINDOW calls exceeds it (Q16.16 nats; 0: never)
 *     HIDS_A_THRESH_RUNNING: NLA_U32, alert when the mean per-call score
 *       since the thread started or exec'd, from call HIDS_A_MIN_CALLS on,
 *       exceeds it (Q16.16 nats; 0: never)
 *     HIDS_A_WINDOW: NLA_U32, 1 .. HIDS_MAX_WINDOW
 *     HIDS_A_MIN_CALLS: NLA_U32, K of the running mean, 1 .. 2^31
 *     HIDS_A_RESPONSE: NLA_U8, enum hids_response; HIDS_RESPONSE_ENFORCE
 *       only where HIDS_CMD_TEST_ENFORCE found it works (EOPNOTSUPP
 *       otherwise)
 *     HIDS_A_ALERT_INTERVAL: NLA_U32, ms; at most one alert per thread per
 *       interval (default 1000)
 *     HIDS_A_OVERFLOW: NLA_U8, enum hids_overflow: what a thread whose
 *       calls outrun the scorer does
 *     HIDS_A_SPARE: NLA_NESTED, up to HIDS_MAX_SPARE HIDS_SPARE_EXE:
 *       NLA_NUL_STRING absolute paths of executables whose processes the
 *       kill response never kills (an empty nest clears the list).  Kernel
 *       threads, the init of any pid namespace and the process that loaded
 *       the slot's model are never killed either.
 *     HIDS_A_MAX_THREADS: NLA_U32, most threads the slot tracks at once
 *       (0, the default: only the module's max_threads pool limits it),
 *       so that one service cannot take the pool from the others
 *     HIDS_A_SLOT_NAME: NLA_NUL_STRING, the operator's name for the slot
 *       (at most HIDS_SLOT_NAME_LEN - 1 bytes; "" clears it)
 *   A slot in any mode but HIDS_MODE_OFF needs a selector; in detect mode
 *   also a model (HIDS_CMD_LOAD_MODEL), whose loading sets the thresholds,
 *   window and K to the model's defaults.
 *
 * HIDS_CMD_LOAD_MODEL (doit; GENL_ADMIN_PERM)
 *   A .hidsm model (include/uapi/linux/hids_model.h) in chunks of at most
 *   HIDS_MODEL_CHUNK bytes, in order, from one netlink port.  The chunk at
 *   offset 0 starts a new load of the slot (dropping any unfinished one,
 *   whose sender's next chunk then gets EBUSY) and carries the size and
 *   the token map; the chunk that completes the size is validated with the
 *   whole blob and, if good, replaces the slot's model under RCU (threads
 *   bound to the old model start over).  A bad blob changes nothing.
 *   The chunk that completes the load may carry every attribute of
 *   HIDS_CMD_SET_SLOT (slot configuration) and HIDS_A_MODEL_SOURCE
 *   (NLA_NUL_STRING, the file the model came from, reported back): the
 *   model and the configuration then change in one step.
 *   With HIDS_A_EXCLUSIVE, a slot that has a model or a mode other than off
 *   is never replaced: EEXIST (checked at offset 0 and again on the chunk
 *   that completes the load).
 *     HIDS_A_SLOT: NLA_U32, required
 *     HIDS_A_MODEL_OFFSET: NLA_U32, required, where this chunk goes
 *     HIDS_A_MODEL_DATA: NLA_BINARY, required, 1 .. HIDS_MODEL_CHUNK bytes
 *     HIDS_A_MODEL_SIZE: NLA_U32, offset 0 only, 1 .. HIDS_MODEL_MAX
 *     HIDS_A_TOKEN_MAP: NLA_BINARY, offset 0 only: __u16 token for each
 *       system call number of this kernel's native ABI (at most
 *       HIDS_MAX_SYSCALLS entries; numbers beyond it map to token 0);
 *       HIDS_TOKEN_SKIP (linux/hids_model.h) for a signal return, and
 *       only there, when the model has HIDS_MODEL_FLAG_SKIP_SIGRETURN:
 *       that call is neither scored nor context (HIDS_STAT_SKIPPED),
 *       unless no signal delivered to a handler of the thread left it a
 *       frame: forged, it is scored as token 0 (HIDS_STAT_FORGED_SIGRETURNS)
 *     HIDS_A_TOKEN_MAP_I386, HIDS_A_TOKEN_MAP_X32: NLA_BINARY, offset 0
 *       only, optional: the same for calls made through the i386
 *       convention (int $0x80 and friends, also from 64-bit processes) and
 *       x32 (numbers without __X32_SYSCALL_BIT).  A model speaks call
 *       names: each map turns its ABI's numbers into the same tokens.  An
 *       absent map sends that ABI's calls to token 0.  A protected
 *       thread's first call through either is also scored as an event of
 *       its own: the unknown token 0.
 *     HIDS_A_EXCLUSIVE: NLA_FLAG, optional, on every chunk: never replace
 *     HIDS_A_TOKEN_MAP_IO_URING: NLA_BINARY, offset 0 only, optional: the
 *       same for io_uring requests by opcode (enum io_uring_op), which
 *       never pass sys_enter; each request a protected thread submits is
 *       scored (and recorded) as a call of its own, after the
 *       io_uring_enter that submitted it (named "io_uring:OP" by hidsctl).
 *
 * HIDS_CMD_LISTEN (doit; GENL_ADMIN_PERM)
 *   The sending socket asks for the messages of the groups in
 *     HIDS_A_LISTEN: NLA_U32, HIDS_LISTEN_TRACE | HIDS_LISTEN_ALERTS (0:
 *       stop); at most HIDS_MAX_LISTENERS sockets (ENOSPC beyond)
 *   It matters where the kernel cannot restrict multicast groups to
 *   CAP_NET_ADMIN (or with the module parameter force_unicast): there
 *   nothing is multicast, and alerts and trace batches go by unicast to the
 *   sockets that asked, until they close.  Listeners send it and join the
 *   groups too; HIDS_A_DELIVERY of GET_STATUS says which is in use.
 *
 * HIDS_CMD_UNLOAD_MODEL (doit; GENL_ADMIN_PERM)
 *   HIDS_A_SLOT: drop the slot's model; a slot in detect mode goes off.
 *
 * HIDS_CMD_GET_SLOT (dumpit; GENL_ADMIN_PERM)
 *   One message per slot: HIDS_A_SLOT, HIDS_A_MODE, HIDS_A_SELECTOR (absent
 *   when none), HIDS_A_THREADS (NLA_U32, threads bound now),
 *   HIDS_A_SPARE (when set), HIDS_A_MAX_THREADS, HIDS_A_UNTRACKED (NLA_U64, threads the slot
 *   selected but could not track since the module loaded), and with a
 *   model HIDS_A_MODEL_NAME, HIDS_A_THRESH_WINDOW, HIDS_A_THRESH_RUNNING,
 *   HIDS_A_WINDOW, HIDS_A_MIN_CALLS, HIDS_A_RESPONSE, HIDS_A_ALERT_INTERVAL,
 *   HIDS_A_OVERFLOW, HIDS_A_MODEL_CRC (NLA_U32, the model file's CRC32C)
 *   and HIDS_A_MODEL_SOURCE when the load said it; HIDS_A_SLOT_NAME when
 *   set; HIDS_A_SLOT_STATS (NLA_NESTED: HIDS_STAT_MONITORED, _SCORED,
 *   _DROPPED, _ALERTS of this slot, NLA_U64, since load or reset).
 *
 * HIDS_CMD_GET_THREAD (dumpit; GENL_ADMIN_PERM)
 *   One message per tracked thread the reader's pid namespace can see:
 *   HIDS_A_THREAD nested:
 *     HIDS_THREAD_TID, HIDS_THREAD_PID: NLA_U32, in the reader's pid
 *       namespace
 *     HIDS_THREAD_COMM: NLA_NUL_STRING
 *     HIDS_THREAD_SLOT: NLA_U32
 *     HIDS_THREAD_CALLS: NLA_U64, system calls seen while bound
 *     detect mode only:
 *     HIDS_THREAD_STEPS: NLA_U64, calls scored by the model
 *     HIDS_THREAD_SCORE_SUM: NLA_U64, sum of the per-call scores (Q16.16)
 *     HIDS_THREAD_WINDOW_SCORE, HIDS_THREAD_RUNNING_SCORE: NLA_U32, the
 *       current means (Q16.16 nats)
 *     HIDS_THREAD_DROPS: NLA_U64, calls lost to a full ring (overflow drop)
 *   An interrupted dump (threads came or went) is flagged NLM_F_DUMP_INTR;
 *   userspace retries.
 *
 * Multicast groups (joining needs CAP_NET_ADMIN; where the kernel cannot
 * restrict that, nothing is sent to them: see HIDS_CMD_LISTEN)
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
 * HIDS_MCGRP_ALERTS ("alerts"): HIDS_CMD_ALERT messages, one per alert:
 *     HIDS_A_ALERT: NLA_NESTED
 *       HIDS_ALERT_TIME: NLA_U64, CLOCK_REALTIME ns
 *       HIDS_ALERT_PID, HIDS_ALERT_TID: NLA_U32, in the initial pid namespace
 *       HIDS_ALERT_COMM: NLA_NUL_STRING
 *       HIDS_ALERT_CGROUP: NLA_U64, cgroup v2 id
 *       HIDS_ALERT_SLOT: NLA_U32
 *       HIDS_ALERT_MODEL: NLA_NUL_STRING, the model's name
 *       HIDS_ALERT_KIND: NLA_U8, enum hids_alert_kind
 *       HIDS_ALERT_SCORE, HIDS_ALERT_THRESHOLD: NLA_U32, Q16.16 nats
 *       HIDS_ALERT_STEPS: NLA_U64, calls the thread had made
 *       HIDS_ALERT_CALLS: NLA_NESTED, the last calls of the window, oldest
 *         first, each HIDS_ALERT_CALL: NLA_NUL_STRING (model vocabulary)
 *       HIDS_ALERT_RESPONSE: NLA_U8, enum hids_response taken
 *       HIDS_ALERT_SPARED: NLA_FLAG, the slot kills but this process was
 *         spared (HIDS_A_SPARE, a kernel thread or a pid namespace's init,
 *         or, scored after the fact, it has exec'd another program since
 *         the calls that crossed the threshold, or exited); RESPONSE is
 *         then HIDS_RESPONSE_LOG
 *       HIDS_ALERT_DROPS: NLA_U64, calls of the thread lost to a full
 *         ring so far (kinds WINDOW, RUNNING, GAP)
 *       HIDS_ALERT_SEQ: NLA_U64, the alert's number, from 1 at module load
 *         (a gap: alerts this listener missed; HIDS_CMD_GET_ALERTS has the
 *         last of them)
 *       HIDS_ALERT_UID: NLA_U32, the thread's real uid (initial user ns)
 *       HIDS_ALERT_PPID: NLA_U32, its parent process, initial pid ns
 *       HIDS_ALERT_EXE: NLA_NUL_STRING, its executable's path, absent for
 *         a kernel thread or a process gone (or a path too long)
 *       HIDS_ALERT_CGROUP_PATH: NLA_NUL_STRING, its cgroup v2 path
 *   Kinds: WINDOW and RUNNING cross a threshold (SCORE, THRESHOLD).  GAP:
 *   a thread of an overflow-drop slot lost calls; the model's context
 *   restarts after the gap, its means go on (SCORE, THRESHOLD: the running
 *   mean and its threshold); no response is taken.  UNTRACKED: a thread the
 *   slot selects could not be tracked (pool or slot limit full, no memory);
 *   raised the first time for each process, and the slot's response (kill)
 *   applies to every such thread; SCORE, THRESHOLD, STEPS and CALLS are 0
 *   or absent, MODEL empty in record mode.  RESPONSE ENFORCE on WINDOW or
 *   RUNNING: the last call of CALLS never ran (it returned -ENOSYS) and
 *   the process was killed.
 *
 * HIDS_CMD_TEST_ENFORCE (doit; GENL_ADMIN_PERM)
 *   The enforce response skips a call by changing its number to -1 in the
 *   sys_enter tracepoint; only kernels whose entry code reads the number
 *   again after the tracepoint (upstream "entry: Respect changes to system
 *   call number by trace_sys_enter()") then skip the call.  Whether this
 *   kernel does is found by a test, once per module load, in two steps:
 *     HIDS_A_ENFORCE_STEP: NLA_U8, required
 *       HIDS_ENFORCE_STEP_ARM: the next getppid() of the sending thread
 *         has its number changed to -1 (nothing else is touched)
 *       HIDS_ENFORCE_STEP_FINISH: the test ends; getppid() returned
 *         -ENOSYS (skipped: enforce works) or ran (it does not).  EAGAIN
 *         when no getppid() of the armed thread was seen.
 *   The sender calls getppid() (syscall(SYS_getppid), not a cached value)
 *   between the two.  Reply: HIDS_A_ENFORCE (NLA_U8, enum hids_enforce);
 *   once known, ARM replies it and arms nothing.
 *
 * HIDS_CMD_GET_ALERTS (dump; GENL_ADMIN_PERM)
 *   The alerts the module keeps (the last alert_ring ones, module
 *   parameter), oldest first, as HIDS_CMD_ALERT messages identical to
 *   those sent when they were raised.
 *     HIDS_A_ALERT_SINCE: NLA_U64, optional: only alerts with a higher
 *       HIDS_ALERT_SEQ (default 0: all kept)
 *   HIDS_CMD_GET_STATUS says HIDS_A_ALERT_SEQ: NLA_U64, the last sequence
 *   number given out, and HIDS_STAT_ALERTS_EVICTED how many kept alerts
 *   fell off the ring.
 *
 * Errors
 * ------
 *
 * Commands fail with a negative errno and an extended ACK message naming
 * the offending attribute.  Commands that change state need CAP_NET_ADMIN
 * (EPERM otherwise), and so do GET_SLOT and GET_THREAD: what is watched,
 * how, and how close a thread runs to its threshold is not for every local
 * user.  GET_STATUS (counters only) stays open.  Unknown attributes are
 * rejected.
 */
#ifndef _UAPI_LINUX_HIDS_H
#define _UAPI_LINUX_HIDS_H

#include <linux/types.h>

#define HIDS_GENL_NAME		"hids"
#define HIDS_GENL_VERSION	1
#define HIDS_MCGRP_TRACE	"trace"
#define HIDS_MCGRP_ALERTS	"alerts"

/* Bumped on any incompatible change of commands or attributes. */
#define HIDS_ABI_VERSION	1

#define HIDS_MAX_SLOTS		8
#define HIDS_COMM_LEN		16
#define HIDS_CGROUP_PATH_MAX	4096
#define HIDS_MAX_WINDOW		1024
#define HIDS_MAX_SYSCALLS	1024
#define HIDS_MODEL_CHUNK	65024	/* fits one netlink attribute */
#define HIDS_MODEL_MAX		(64 << 20)
#define HIDS_ALERT_CALLS_MAX	16
#define HIDS_MAX_LISTENERS	16
#define HIDS_MAX_SPARE		8
#define HIDS_SLOT_NAME_LEN	64

/* In HIDS_A_SPARE. */
#define HIDS_SPARE_EXE		1

/* HIDS_A_LISTEN bits: the messages a listener asks for. */
#define HIDS_LISTEN_TRACE	(1 << 0)
#define HIDS_LISTEN_ALERTS	(1 << 1)

/* How alerts and trace batches reach listeners (HIDS_A_DELIVERY). */
enum hids_delivery {
	HIDS_DELIVERY_MULTICAST,	/* the groups, which need CAP_NET_ADMIN to join */
	HIDS_DELIVERY_UNICAST,		/* to sockets registered with HIDS_CMD_LISTEN */
};

enum hids_cmd {
	HIDS_CMD_UNSPEC,
	HIDS_CMD_GET_STATUS,
	HIDS_CMD_RESET_STATS,
	HIDS_CMD_SET_SLOT,
	HIDS_CMD_GET_SLOT,
	HIDS_CMD_GET_THREAD,
	HIDS_CMD_TRACE,
	HIDS_CMD_LOAD_MODEL,
	HIDS_CMD_UNLOAD_MODEL,
	HIDS_CMD_ALERT,
	HIDS_CMD_LISTEN,
	HIDS_CMD_GET_ALERTS,
	HIDS_CMD_TEST_ENFORCE,
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
	HIDS_A_THRESH_WINDOW,
	HIDS_A_THRESH_RUNNING,
	HIDS_A_WINDOW,
	HIDS_A_MIN_CALLS,
	HIDS_A_RESPONSE,
	HIDS_A_ALERT_INTERVAL,
	HIDS_A_OVERFLOW,
	HIDS_A_MODEL_OFFSET,
	HIDS_A_MODEL_DATA,
	HIDS_A_MODEL_SIZE,
	HIDS_A_TOKEN_MAP,
	HIDS_A_MODEL_NAME,
	HIDS_A_ALERT,
	HIDS_A_MAX_THREADS,
	HIDS_A_UNTRACKED,
	HIDS_A_TOKEN_MAP_I386,
	HIDS_A_TOKEN_MAP_X32,
	HIDS_A_TOKEN_MAP_IO_URING,
	HIDS_A_LISTEN,
	HIDS_A_DELIVERY,
	HIDS_A_SPARE,
	HIDS_A_EXCLUSIVE,
	HIDS_A_ALERT_SINCE,
	HIDS_A_ALERT_SEQ,
	HIDS_A_SLOT_NAME,
	HIDS_A_MODEL_SOURCE,
	HIDS_A_MODEL_CRC,
	HIDS_A_SLOT_STATS,
	HIDS_A_ENFORCE,
	HIDS_A_ENFORCE_STEP,
	__HIDS_A_MAX,
};

#define HIDS_A_MAX (__HIDS_A_MAX - 1)

enum hids_stat {
	HIDS_STAT_UNSPEC,
	HIDS_STAT_SEEN,		/* system calls the sys_enter probe saw */
	HIDS_STAT_MONITORED,	/* ... made by threads bound to a slot */
	HIDS_STAT_RECORDED,	/* trace events queued for the trace group */
	HIDS_STAT_RECORD_DROPPED, /* trace events lost: buffers full */
	HIDS_STAT_UNTRACKED,	/* matching threads left out: pool, slot limit or memory */
	HIDS_STAT_SCORED,	/* calls scored by a model */
	HIDS_STAT_INLINE,	/* calls a thread scored itself: ring full */
	HIDS_STAT_DROPPED,	/* calls never scored: ring full, or slot gone */
	HIDS_STAT_ALERTS,	/* alerts raised */
	HIDS_STAT_ALERTS_LOST,	/* alerts neither sent to a listener nor kept */
	HIDS_STAT_KILLED,	/* processes killed by the kill response */
	HIDS_STAT_THREADS,	/* gauge: threads tracked now */
	HIDS_STAT_MEMORY,	/* gauge: bytes the module allocated, now */
	HIDS_STAT_PAD,
	HIDS_STAT_ALERTS_EVICTED, /* kept alerts that fell off the ring */
	HIDS_STAT_BLOCKED,	/* calls the enforce response kept from running */
	HIDS_STAT_SKIPPED,	/* signal returns a model skips: not scored */
	HIDS_STAT_FORGED_SIGRETURNS, /* signal returns without a signal: scored as unknown */
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
	HIDS_SEL_EXE,
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
	HIDS_THREAD_STEPS,
	HIDS_THREAD_SCORE_SUM,
	HIDS_THREAD_WINDOW_SCORE,
	HIDS_THREAD_RUNNING_SCORE,
	HIDS_THREAD_DROPS,
	__HIDS_THREAD_MAX,
};

#define HIDS_THREAD_MAX (__HIDS_THREAD_MAX - 1)

enum hids_response {
	HIDS_RESPONSE_LOG,	/* alert only (default) */
	HIDS_RESPONSE_KILL,	/* alert, then SIGKILL the thread group */
	/*
	 * Score the slot's threads in the sys_enter probe itself: a call that
	 * crosses a threshold never runs (-ENOSYS), and the thread group is
	 * killed before it makes another.
	 */
	HIDS_RESPONSE_ENFORCE,
	__HIDS_RESPONSE_MAX,
};

#define HIDS_RESPONSE_MAX (__HIDS_RESPONSE_MAX - 1)

/* HIDS_A_ENFORCE: does changing the call number in sys_enter skip the call? */
enum hids_enforce {
	HIDS_ENFORCE_UNTESTED,
	HIDS_ENFORCE_AVAILABLE,
	HIDS_ENFORCE_UNAVAILABLE,	/* the kernel runs the original call */
};

/* HIDS_A_ENFORCE_STEP */
enum hids_enforce_step {
	HIDS_ENFORCE_STEP_ARM = 1,
	HIDS_ENFORCE_STEP_FINISH,
};

enum hids_overflow {
	HIDS_OVERFLOW_BACKPRESSURE,	/* the thread scores its backlog itself */
	HIDS_OVERFLOW_DROP,		/* count the loss, reset the thread */
	__HIDS_OVERFLOW_MAX,
};

#define HIDS_OVERFLOW_MAX (__HIDS_OVERFLOW_MAX - 1)

enum hids_alert_kind {
	HIDS_ALERT_KIND_WINDOW,		/* mean of the last W calls */
	HIDS_ALERT_KIND_RUNNING,	/* mean since start, from call K */
	HIDS_ALERT_KIND_GAP,		/* calls dropped: ring full (overflow drop) */
	HIDS_ALERT_KIND_UNTRACKED,	/* a thread the slot selects was left out */
};

enum hids_alert_attr {
	HIDS_ALERT_UNSPEC,
	HIDS_ALERT_TIME,
	HIDS_ALERT_PID,
	HIDS_ALERT_TID,
	HIDS_ALERT_COMM,
	HIDS_ALERT_CGROUP,
	HIDS_ALERT_SLOT,
	HIDS_ALERT_MODEL,
	HIDS_ALERT_KIND,
	HIDS_ALERT_SCORE,
	HIDS_ALERT_THRESHOLD,
	HIDS_ALERT_STEPS,
	HIDS_ALERT_CALLS,
	HIDS_ALERT_CALL,
	HIDS_ALERT_RESPONSE,
	HIDS_ALERT_PAD,
	HIDS_ALERT_DROPS,
	HIDS_ALERT_SPARED,
	HIDS_ALERT_SEQ,
	HIDS_ALERT_UID,
	HIDS_ALERT_PPID,
	HIDS_ALERT_EXE,
	HIDS_ALERT_CGROUP_PATH,
	__HIDS_ALERT_MAX,
};

#define HIDS_ALERT_MAX (__HIDS_ALERT_MAX - 1)

/*
 * How a call reached the kernel: each way numbers calls its own way
 * (execve is 59 natively, 11 through int $0x80).
 */
enum hids_call_abi {
	HIDS_CALL_NATIVE,	/* x86_64 */
	HIDS_CALL_I386,		/* ia32 emulation: int $0x80, sysenter, syscall */
	HIDS_CALL_X32,		/* x32, without __X32_SYSCALL_BIT */
	HIDS_CALL_IO_URING,	/* an io_uring request: enum io_uring_op */
	__HIDS_CALL_ABI_MAX,
};

#define HIDS_CALL_ABIS __HIDS_CALL_ABI_MAX

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
	__s32 nr;		/* system call number in abi's table */
	__s64 ret;		/* return value (HIDS_TRACE_EXIT), else 0 */
	__u8 dir;		/* enum hids_trace_dir */
	__u8 slot;
	__u8 abi;		/* enum hids_call_abi: which table nr is in */
	__u8 pad[5];
	char comm[HIDS_COMM_LEN];
};

#endif /* _UAPI_LINUX_HIDS_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Force-included into every file of the module (see Kbuild): bridges the
 * differences between supported kernels, detected by compile tests
 * (scripts/conftest.sh -> compat-generated.h), so the other files stay free
 * of #ifdef.
 */
#ifndef HIDS_COMPAT_H
#define HIDS_COMPAT_H

#include "compat-generated.h"

/* Parameter list of a sched_process_exit probe after the data pointer. */
#ifdef HIDS_HAVE_SCHED_EXIT_GROUP_DEAD
#define HIDS_SCHED_EXIT_ARGS struct task_struct *p, bool group_dead
#else
#define HIDS_SCHED_EXIT_ARGS struct task_struct *p
#endif

/*
 * The io_uring submission tracepoint: its name, and its parameter list
 * after the data pointer.
 */
#ifdef HIDS_HAVE_IO_URING_SUBMIT_REQ
#define HIDS_IO_URING_SUBMIT "io_uring_submit_req"
#define HIDS_IO_URING_SUBMIT_ARGS struct io_kiocb *req
#else
#define HIDS_IO_URING_SUBMIT "io_uring_submit_sqe"
#define HIDS_IO_URING_SUBMIT_ARGS struct io_kiocb *req, bool force_nonblock
#endif

/*
 * Initializer restricting a multicast group to CAP_NET_ADMIN listeners,
 * and whether the kernel can (else deliver.c does not multicast).
 */
#ifdef HIDS_HAVE_GENL_MCAST_CAP
#define HIDS_MCGRP_PRIVILEGED .flags = GENL_MCAST_CAP_NET_ADMIN
#define HIDS_MCAST_RESTRICTED true
#else
#define HIDS_MCGRP_PRIVILEGED
#define HIDS_MCAST_RESTRICTED false
#endif

/*
 * Workqueues bound to CPUs: implied before WQ_PERCPU existed; newer kernels
 * warn when neither it nor WQ_UNBOUND is given.
 */
#ifndef HIDS_HAVE_WQ_PERCPU
#define WQ_PERCPU 0
#endif

/*
 * A reference to the file *f points to, or NULL; RCU held.  Before 6.7 the
 * file is freed after a grace period and its count is taken if not zero.
 */
#ifdef HIDS_HAVE_GET_FILE_RCU_PTR
#define hids_get_file_rcu(f) get_file_rcu(f)
#else
#define hids_get_file_rcu(f) ({						\
	struct file *__f = rcu_dereference(*(f));			\
	__f && get_file_rcu(__f) ? __f : NULL;				\
})
#endif

#endif /* HIDS_COMPAT_H */

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

/* Initializer restricting a multicast group to CAP_NET_ADMIN listeners. */
#ifdef HIDS_HAVE_GENL_MCAST_CAP
#define HIDS_MCGRP_PRIVILEGED .flags = GENL_MCAST_CAP_NET_ADMIN
#else
#define HIDS_MCGRP_PRIVILEGED
#endif

/*
 * Workqueues bound to CPUs: implied before WQ_PERCPU existed; newer kernels
 * warn when neither it nor WQ_UNBOUND is given.
 */
#ifndef HIDS_HAVE_WQ_PERCPU
#define WQ_PERCPU 0
#endif

#endif /* HIDS_COMPAT_H */

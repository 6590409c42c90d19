// SPDX-License-Identifier: GPL-2.0
/* sched_process_exit gained a bool group_dead argument (6.16). */
#include <trace/events/sched.h>

static void probe(void *data, struct task_struct *p, bool group_dead)
{
}

int hids_conftest(void)
{
	return register_trace_sched_process_exit(probe, NULL);
}

// SPDX-License-Identifier: GPL-2.0
/* Per-CPU workqueues said so explicitly (WQ_PERCPU: 6.17, some backports). */
#include <linux/workqueue.h>

unsigned int hids_conftest(void)
{
	return WQ_PERCPU;
}

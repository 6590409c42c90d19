// SPDX-License-Identifier: GPL-2.0
/*
 * Tracepoint probes.  The raw syscall tracepoints are not exported to
 * modules, so they are looked up by name with for_each_kernel_tracepoint()
 * and attached with tracepoint_probe_register().
 *
 * Up to 6.12 syscall probes run with preemption disabled; from 6.13 they are
 * faultable and run preemptible under RCU tasks trace.  Probe bodies must
 * therefore be correct in both: per-CPU data only through this_cpu ops or
 * under get_cpu(), never sleep.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/ptrace.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "probes.h"
#include "stats.h"

static void probe_sys_enter(void *data, struct pt_regs *regs, long id)
{
	hids_stat_inc(seen);
}

struct hids_probe {
	const char *name;
	void *func;
	struct tracepoint *tp;
};

static struct hids_probe probes[] = {
	{ .name = "sys_enter", .func = probe_sys_enter },
};

static void find_tracepoint(struct tracepoint *tp, void *priv)
{
	struct hids_probe *p;

	for (p = probes; p < probes + ARRAY_SIZE(probes); p++) {
		if (!strcmp(tp->name, p->name))
			p->tp = tp;
	}
}

static void unregister_first(int n)
{
	while (n--)
		WARN_ON_ONCE(tracepoint_probe_unregister(probes[n].tp,
							 probes[n].func, NULL));
	/* No probe may still run (or be about to) once we return. */
	tracepoint_synchronize_unregister();
}

int hids_probes_register(void)
{
	int i, ret;

	for_each_kernel_tracepoint(find_tracepoint, NULL);
	for (i = 0; i < ARRAY_SIZE(probes); i++) {
		if (!probes[i].tp) {
			pr_err("tracepoint %s not found\n", probes[i].name);
			ret = -ENOENT;
			goto err_unregister;
		}
		ret = tracepoint_probe_register(probes[i].tp, probes[i].func, NULL);
		if (ret) {
			pr_err("cannot attach to tracepoint %s: %d\n", probes[i].name, ret);
			goto err_unregister;
		}
	}
	return 0;

err_unregister:
	unregister_first(i);
	return ret;
}

void hids_probes_unregister(void)
{
	unregister_first(ARRAY_SIZE(probes));
}

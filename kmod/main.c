// SPDX-License-Identifier: GPL-2.0
/*
 * hids: host intrusion detection by in-kernel syscall language models.
 * Starts the parts in order and stops them in reverse.
 */
#include <linux/init.h>
#include <linux/module.h>

#include "alert_ring.h"
#include "deliver.h"
#include "enforce.h"
#include "hids_engine.h"
#include "main.h"
#include "mem.h"
#include "netlink.h"
#include "probes.h"
#include "model.h"
#include "record.h"
#include "scorer.h"
#include "slots.h"
#include "threads.h"

static int __init hids_init(void)
{
	int ret;

	/*
	 * Under PREEMPT_RT spinlock_t sleeps, and the probes (which run with
	 * preemption disabled before 6.13) take the score, bucket and trace
	 * locks, allocate and use per-CPU scratch that relies on spin_lock()
	 * disabling preemption.  Refuse rather than run incorrectly.
	 */
	if (IS_ENABLED(CONFIG_PREEMPT_RT)) {
		pr_err("PREEMPT_RT kernels are not supported: the syscall probes take spinlock_t locks and allocate with preemption disabled\n");
		return -EOPNOTSUPP;
	}
	hids_engine_init();
	ret = hids_threads_init();
	if (ret)
		return ret;
	ret = hids_record_init();
	if (ret)
		return ret;
	ret = hids_scorer_init();
	if (ret)
		goto err_record;
	ret = hids_alert_ring_init();
	if (ret)
		goto err_scorer;
	ret = hids_deliver_init();
	if (ret)
		goto err_ring;
	ret = hids_genl_init();
	if (ret)
		goto err_deliver;
	ret = hids_probes_register();
	if (ret)
		goto err_genl;
	pr_info("version %s loaded\n", HIDS_VERSION);
	return 0;

err_genl:
	hids_genl_uninit();
err_deliver:
	hids_deliver_uninit();
err_ring:
	hids_alert_ring_uninit();
err_scorer:
	hids_scorer_uninit();
err_record:
	hids_record_uninit();
	hids_slots_uninit();
	return ret;
}

/*
 * In order: no op may change a slot or kick a worker, no probe may add
 * work, the workers finish (their alerts and the last trace batches still
 * go out through the family), then the family goes and the state is freed.
 */
static void __exit hids_exit(void)
{
	long leaked;

	hids_genl_close();
	hids_enforce_uninit();
	hids_probes_unregister();
	hids_scorer_uninit();
	hids_record_uninit();
	hids_genl_uninit();
	hids_deliver_uninit();
	hids_alert_ring_uninit();
	hids_threads_uninit();
	hids_slots_uninit();
	hids_stage_uninit();
	/*
	 * Everything the module allocated must be back by now.  Not a WARN:
	 * hosts that run with panic_on_warn must not go down for a leak.
	 */
	leaked = hids_mem_bytes();
	if (leaked) {
		pr_err("memory leak: %ld bytes not returned at unload\n", leaked);
		add_taint(TAINT_WARN, LOCKDEP_STILL_OK);
	}
	pr_info("unloaded\n");
}

module_init(hids_init);
module_exit(hids_exit);
MODULE_LICENSE("GPL");
/* hidsctl (libnl) asks for the family: the kernel then loads hids itself. */
MODULE_ALIAS_GENL_FAMILY(HIDS_GENL_NAME);
MODULE_DESCRIPTION("Host intrusion detection by in-kernel syscall language models");
MODULE_AUTHOR("hids developers");
MODULE_VERSION(HIDS_VERSION);

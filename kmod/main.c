// SPDX-License-Identifier: GPL-2.0
/*
 * hids: host intrusion detection by in-kernel syscall language models.
 * Starts the parts in order and stops them in reverse.
 */
#include <linux/init.h>
#include <linux/module.h>

#include "main.h"
#include "netlink.h"
#include "probes.h"

static int __init hids_init(void)
{
	int ret;

	ret = hids_probes_register();
	if (ret)
		return ret;
	ret = hids_genl_init();
	if (ret)
		goto err_probes;
	pr_info("version %s loaded\n", HIDS_VERSION);
	return 0;

err_probes:
	hids_probes_unregister();
	return ret;
}

static void __exit hids_exit(void)
{
	hids_genl_uninit();
	hids_probes_unregister();
	pr_info("unloaded\n");
}

module_init(hids_init);
module_exit(hids_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Host intrusion detection by in-kernel syscall language models");
MODULE_AUTHOR("hids developers");
MODULE_VERSION(HIDS_VERSION);

// SPDX-License-Identifier: GPL-2.0
/* get_file_rcu() takes the __rcu pointer to the file (6.7). */
#include <linux/fs.h>

struct file *hids_conftest(struct file __rcu **f)
{
	return get_file_rcu(f);
}

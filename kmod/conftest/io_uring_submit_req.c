// SPDX-License-Identifier: GPL-2.0
/* io_uring_submit_sqe(req, force_nonblock) became io_uring_submit_req(req) (6.3). */
#include <linux/io_uring_types.h>
#include <trace/events/io_uring.h>

static void probe(void *data, struct io_kiocb *req)
{
}

int hids_conftest(void)
{
	return register_trace_io_uring_submit_req(probe, NULL);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The module's side of hotpath_bench, built against bench/kshim like the
 * kmod files it drives: start the parts the hot path needs in main.c's
 * order, load a model and protect a comm as the netlink handlers do, then
 * call the registered sys_enter/sys_exit probes as a tracepoint would.
 */
#include <linux/hids.h>

#include "hids_engine.h"
#include "hotpath_glue.h"
#include "mem.h"
#include "model.h"
#include "probes.h"
#include "scorer.h"
#include "slots.h"
#include "stats.h"
#include "threads.h"

typedef void (*sys_probe_fn)(void *data, struct pt_regs *regs, long arg);

static sys_probe_fn enter, exit_;
static struct task_struct task;

int hp_start(const void *blob, uint32_t len, const uint16_t *map, uint32_t map_len,
	     const char *comm, uint32_t threshold)
{
	struct hids_slot_update u = {
		.has_model = true,
		.has_mode = true, .mode = HIDS_MODE_DETECT,
		.has_sel = true, .sel = HIDS_SEL_COMM,
		.has_thresh_window = true, .thresh_window = threshold,
		.has_thresh_running = true, .thresh_running = threshold,
	};
	struct hids_token_maps maps = {};
	int ret;

	hids_engine_init();
	ret = hids_threads_init();
	ret = ret ?: hids_scorer_init();
	ret = ret ?: hids_probes_register();
	if (ret)
		return ret;
	/* As HIDS_CMD_LOAD_MODEL: one chunk, then the slot takes the model. */
	maps.map[HIDS_CALL_NATIVE] = map;
	maps.len[HIDS_CALL_NATIVE] = map_len;
	ret = hids_stage_chunk(0, 0, 0, blob, len, len, &maps, &u.model, NULL);
	if (ret || !u.model)
		return ret ?: -EINVAL;
	strscpy(u.comm, comm, sizeof(u.comm));
	ret = hids_slot_update(0, &u, NULL);
	hids_kmodel_put(u.model);
	/* The per-call probes are attached once a slot is on. */
	enter = (sys_probe_fn)kshim_tracepoint("sys_enter")->func;
	exit_ = (sys_probe_fn)kshim_tracepoint("sys_exit")->func;
	return ret;
}

int hp_response(uint8_t response)
{
	struct hids_slot_update u = { .has_response = true, .response = response };

	return hids_slot_update(0, &u, NULL);
}

void hp_task(int pid, const char *comm)
{
	task.pid = pid;
	task.tgid = pid;
	strscpy(task.comm, comm, sizeof(task.comm));
	kshim_current = &task;
}

void hp_calls(long n, long nr, long ret)
{
	struct pt_regs regs = { .orig_ax = nr };

	while (n--) {
		enter(NULL, &regs, nr);
		exit_(NULL, &regs, ret);
	}
}

void hp_worker(void)
{
	kshim_run_work();
}

void hp_counters(uint64_t *monitored, uint64_t *scored, uint64_t *inline_scored)
{
	struct hids_stats s;

	hids_stats_read(&s);
	*monitored = s.monitored;
	*scored = s.scored;
	*inline_scored = s.inline_scored;
}

/* main.c's exit order; returns the bytes the module still holds (0). */
long hp_stop(void)
{
	hids_probes_unregister();
	hids_scorer_uninit();
	hids_threads_uninit();
	hids_slots_uninit();
	hids_stage_uninit();
	return hids_mem_bytes();
}

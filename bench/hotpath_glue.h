/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hotpath_glue: the module's hot path as hotpath_bench drives it.  Plain C
 * types only: this header is shared by a file built against bench/kshim
 * and one built as ordinary userspace.
 */
#ifndef HIDS_HOTPATH_GLUE_H
#define HIDS_HOTPATH_GLUE_H

#include <stdint.h>

/*
 * Start the module's threads, scorer and probes; load blob with the token
 * map (native syscall number -> token) into slot 0 in detect mode for
 * threads named comm, both thresholds at threshold (Q16.16 nats).
 */
int hp_start(const void *blob, uint32_t len, const uint16_t *map, uint32_t map_len,
	     const char *comm, uint32_t threshold);
/* Slot 0's response from now on (enum hids_response), as HIDS_CMD_SET_SLOT. */
int hp_response(uint8_t response);
/* The thread the probes see as current from now on. */
void hp_task(int pid, const char *comm);
/* n system calls nr returning ret: the sys_enter then the sys_exit probe. */
void hp_calls(long n, long nr, long ret);
/* Run the per-CPU scorer work queued so far. */
void hp_worker(void);
void hp_counters(uint64_t *monitored, uint64_t *scored, uint64_t *inline_scored);
/* Unload; returns the bytes the module still holds (0 unless it leaks). */
long hp_stop(void);

#endif /* HIDS_HOTPATH_GLUE_H */

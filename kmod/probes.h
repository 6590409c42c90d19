/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_PROBES_H
#define HIDS_PROBES_H

/* Find the tracepoints; attach the fork, exec and exit probes. */
int hids_probes_register(void);
/*
 * Attach (on) or detach the per-call probes (sys_enter, sys_exit,
 * io_uring), so that with no slot on no system call pays for hids.
 * Callers serialize (the slots' lock); detaching waits for running probes.
 */
int hids_probes_attach(bool on);
/*
 * Attach (on) or detach a probe pair of another module part to sys_enter
 * and sys_exit (enforce.c's test); detaching waits for running probes.
 */
int hids_probes_hook_syscalls(void *enter, void *exit, bool on);

/* Detach everything; no probe runs once it returns. */
void hids_probes_unregister(void);

#endif /* HIDS_PROBES_H */

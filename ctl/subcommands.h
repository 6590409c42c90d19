/* SPDX-License-Identifier: GPL-2.0 */
/* hidsctl subcommands: each in its own file, each prints its own usage. */
#ifndef HIDS_CTL_SUBCOMMANDS_H
#define HIDS_CTL_SUBCOMMANDS_H

extern const char *prog_name;

int status_main(int argc, char **argv);
int reset_counters_main(int argc, char **argv);
int set_main(int argc, char **argv);
int show_main(int argc, char **argv);
int threads_main(int argc, char **argv);
int record_main(int argc, char **argv);
int monitor_main(int argc, char **argv);
int apply_main(int argc, char **argv);
int load_main(int argc, char **argv);
int unload_main(int argc, char **argv);

#endif

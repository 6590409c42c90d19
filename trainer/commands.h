/* SPDX-License-Identifier: GPL-2.0 */
/* hids-train subcommands: each lives in its own file and prints its own usage. */
#ifndef HIDS_TRAINER_COMMANDS_H
#define HIDS_TRAINER_COMMANDS_H

extern const char *prog_name;

int cmd_fit(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_replay(int argc, char **argv);

#endif

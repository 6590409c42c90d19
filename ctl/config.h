/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /etc/hids/hids.conf: named slots, each a model and the options of
 * hidsctl load (hids.conf(5)).
 */
#ifndef HIDS_CTL_CONFIG_H
#define HIDS_CTL_CONFIG_H

#include <stdio.h>

#include "ipc.h"
#include "slot_args.h"

#define HIDS_CONFIG_DEFAULT "/etc/hids/hids.conf"

struct slot_conf {
	char name[HIDS_SLOT_NAME_LEN];
	int line;			/* of its [slot NAME] */
	const char *model;		/* absolute path, or NULL (record mode) */
	struct slot_args a;		/* a.have_slot: a fixed slot number */
};

struct config {
	const char *path;
	struct slot_conf slot[HIDS_MAX_SLOTS];
	int n;
	char *text;			/* the file, which the fields point into */
};

/* 0, or -errno after printing "PATH:LINE: what is wrong". */
int config_read(const char *path, struct config *c);
void config_free(struct config *c);

/* The running slots (in use or named) in the file's format. */
void config_print(FILE *f, const struct ipc_slot *slots, size_t n);

#endif

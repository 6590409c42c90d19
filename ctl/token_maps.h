/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HIDS_CTL_TOKEN_MAPS_H
#define HIDS_CTL_TOKEN_MAPS_H

#include "ipc.h"

struct hids_model;

/*
 * The token of every system call number of this machine, one map per
 * calling convention (enum hids_call_abi), by name: a model speaks names.
 * The caller frees maps->map[]; -ENOMEM.
 */
int token_maps_build(const struct hids_model *m, struct ipc_token_maps *maps);

#endif

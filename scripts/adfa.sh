#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The ADFA-LD quality run (README, "Detection quality"): fit the default
# configuration on ../shared/data/adfa-ld, then eval it, leaving the model,
# report.json, report.md and report.svg in build/adfa.  Long (about 15
# minutes on 2 cores), so not part of make check.  Extra arguments go to fit.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
data=${HIDS_DATA:-$top/../shared/data}/adfa-ld
out=$top/build/adfa
[ -d "$data/Training_Data_Master" ] || { echo "adfa: $data not found" >&2; exit 1; }
mkdir -p "$out"
train=$top/trainer/hids-train
"$train" fit --dataset adfa-ld "$data" -o "$out/adfa.hidsm" --threads "$(nproc)" \
	--normalize --embed 32 --epochs 60 --patience 6 --bptt 128 --dropout 0.2 --lr 0.005 "$@"
"$train" eval --dataset adfa-ld "$data" -m "$out/adfa.hidsm" --report "$out/report.json"

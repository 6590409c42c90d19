#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The ADFA-LD quality run (README, "Detection quality"): fit the default
# model (an n-gram model, fit's defaults) and the LSTM configuration below
# on ../shared/data/adfa-ld, and eval each beside the baselines, leaving
# the models and report.json/.md/.svg (the default model) and
# report-lstm.json/.md/.svg in build/adfa.  Long (about 15 minutes on 2
# cores, nearly all of it the LSTM), so not part of make check.
# ADFA_LSTM=0 leaves the LSTM out; extra arguments go to the LSTM's fit.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
data=${HIDS_DATA:-$top/../shared/data}/adfa-ld
out=$top/build/adfa
[ -d "$data/Training_Data_Master" ] || { echo "adfa: $data not found" >&2; exit 1; }
mkdir -p "$out"
train=$top/trainer/hids-train
"$train" fit --dataset adfa-ld "$data" -o "$out/adfa.hidsm"
"$train" eval --dataset adfa-ld "$data" -m "$out/adfa.hidsm" --report "$out/report.json"
[ "${ADFA_LSTM:-1}" = 0 ] && exit 0
"$train" fit --dataset adfa-ld "$data" -o "$out/adfa-lstm.hidsm" --model lstm \
	--threads "$(nproc)" --normalize --embed 32 --epochs 60 --patience 6 --bptt 128 \
	--dropout 0.2 --lr 0.005 "$@"
"$train" eval --dataset adfa-ld "$data" -m "$out/adfa-lstm.hidsm" \
	--report "$out/report-lstm.json"

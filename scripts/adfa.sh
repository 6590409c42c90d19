#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The ADFA-LD quality run (README, "Detection quality"): on both splits
# (B: --dataset adfa-ld, A: adfa-ld-a), fit the default model (an n-gram
# model, fit's defaults) and the LSTM configuration below, and eval each
# beside the baselines; then build/adfa/table.md, the README's table,
# from the reports.  Leaves MODEL.hidsm and report-KIND-SPLIT.json/.md/.svg
# in build/adfa; the baselines (the LSTM autoencoder and seq2seq among
# them) are trained and reported once a split, beside the n-gram model.
# Long (about 40 minutes on 2 cores, nearly all of it the LSTMs), so not
# part of make check.  ADFA_LSTM=0 leaves the LSTMs out (a few minutes),
# ADFA_W2V=0 the word2vec one; extra arguments go to the LSTMs' fit.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
data=${HIDS_DATA:-$top/../shared/data}/adfa-ld
out=$top/build/adfa
[ -d "$data/Training_Data_Master" ] || { echo "adfa: $data not found" >&2; exit 1; }
mkdir -p "$out"
train=$top/trainer/hids-train
for split in B A; do
	ds=adfa-ld
	[ $split = A ] && ds=adfa-ld-a
	"$train" fit --dataset $ds "$data" -o "$out/ngram-$split.hidsm"
	"$train" eval --dataset $ds "$data" -m "$out/ngram-$split.hidsm" \
		--report "$out/report-ngram-$split.json"
	[ "${ADFA_LSTM:-1}" = 0 ] && continue
	"$train" fit --dataset $ds "$data" -o "$out/lstm-$split.hidsm" --model lstm \
		--threads "$(nproc)" --normalize --embed 32 --epochs 60 --patience 6 --bptt 128 \
		--dropout 0.2 --lr 0.005 "$@"
	"$train" eval --dataset $ds "$data" -m "$out/lstm-$split.hidsm" --ae-window 0 \
		--report "$out/report-lstm-$split.json"
	# The same LSTM started from word2vec vectors of the training calls.
	[ "${ADFA_W2V:-1}" = 0 ] && continue
	"$train" fit --dataset $ds "$data" -o "$out/lstm-w2v-$split.hidsm" --model lstm \
		--threads "$(nproc)" --normalize --embed 32 --epochs 60 --patience 6 --bptt 128 \
		--dropout 0.2 --lr 0.005 --word2vec init "$@"
	"$train" eval --dataset $ds "$data" -m "$out/lstm-w2v-$split.hidsm" --ae-window 0 \
		--report "$out/report-lstm-w2v-$split.json"
done
"$top/scripts/adfa-table.py" "$out"/report-*.json > "$out/table.md"
cat "$out/table.md"

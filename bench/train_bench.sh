#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# train_bench.sh: training tokens/s of hids-train's LSTM (build/bench/
# train_bench) beside PyTorch's CPU nn.LSTM (bench/train_torch.py, Debian's
# python3-torch) on the same ADFA-LD subset, sizes and thread count (1),
# run in turn HIDS_BENCH_TRAIN_REPS (3) times; the median of each and of
# the per-round ratio (hids / torch), with its spread.  Needs
# ../shared/data/adfa-ld (says SKIP without it); without torch it prints
# the hids figures alone.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
data="$top/../shared/data/adfa-ld"
reps=${HIDS_BENCH_TRAIN_REPS:-3}
tb="$top/build/bench/train_bench"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -d "$data" ]; then
	echo "train_bench: SKIP: $data is absent: no training figures"
	exit 0
fi
make -s -C "$top" --no-print-directory "$tb"
"$tb" "$data" --export "$tmp/subset.txt"

py=
for p in /usr/bin/python3 python3; do
	if command -v "$p" >/dev/null && "$p" -c 'import torch' 2>/dev/null; then
		py=$p
		break
	fi
done
[ -n "$py" ] || echo "train_bench: skipped: python3-torch absent (PyTorch figures left out)"

for r in $(seq "$reps"); do
	"$tb" "$data" | sed "s/^/$r /"
	[ -z "$py" ] || "$py" "$top/bench/train_torch.py" "$tmp/subset.txt" 1 | sed "s/^/$r /"
done >"$tmp/runs"

echo "one epoch over $(wc -w <"$tmp/subset.txt") ADFA-LD training calls, E=16, 1 layer, B=32, T=64,"
echo "1 thread, $reps rounds in turn; tokens/s median (min..max)"
printf '%-6s %-27s %-27s %s\n' H hids torch "hids/torch"
for h in 32 64; do
	hids=$(awk -v h=$h '$2 == "hids" && $3 == h { print $4 }' "$tmp/runs" | stats)
	echo "BENCH train_h${h}_tokens_per_s=${hids%% *}"
	set -- $hids
	line=$(printf '%-6s %10.0f (%6.0f..%6.0f)' $h "$1" "$2" "$3")
	if [ -n "$py" ]; then
		torch=$(awk -v h=$h '$2 == "torch" && $3 == h { print $4 }' "$tmp/runs" | stats)
		ratio=$(awk -v h=$h '$3 == h { v[$1, $2] = $4 }
			END { for (k in v) { split(k, p, SUBSEP)
				if (p[2] == "hids" && v[p[1], "torch"] > 0) print v[k] / v[p[1], "torch"] } }' \
			"$tmp/runs" | stats)
		set -- $torch $ratio
		line="$line $(printf '%10.0f (%6.0f..%6.0f) %8.3f (%.3f..%.3f)' "$@")"
		echo "BENCH train_h${h}_torch_tokens_per_s=$1"
		echo "BENCH train_h${h}_hids_per_torch=$4"
		echo "BENCH train_h${h}_hids_per_torch_min=$5"
		echo "BENCH train_h${h}_hids_per_torch_max=$6"
	fi
	echo "$line"
done

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh BENCH...: run each benchmark (a program or a script), show its table, and gather
# every "BENCH key=value" line it prints into one flat JSON object in
# bench.json at the repository root (name: number).  A benchmark adds its
# figures by printing such lines; timing is never asserted anywhere.
# Instruction counts come from valgrind --tool=callgrind (repeatable).
set -eu
# Every comparison runs on one thread; OpenBLAS would otherwise start a
# worker per core that spins beside the timed loops.
export OPENBLAS_NUM_THREADS=1
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/bench.json"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

for b in "$@"; do
	echo "== $(basename "$b")"
	"$b" | tee -a "$tmp" | grep -v '^BENCH '
done

# collected [VALGRIND-OPTION...] PROGRAM ARG... -> instructions callgrind counted
collected() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 |
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

# Instructions per engine step: callgrind over 2000 steps minus 0 steps.
count() {	# count HIDDEN ISA STEPS -> instructions
	collected "$top/build/bench/engine_bench" --count "$1" "$2" "$3"
}
if command -v valgrind >/dev/null && [ -x "$top/build/bench/engine_bench" ]; then
	echo "== instructions per step (callgrind)"
	for h in 32 64; do
		for isa in simd scalar sn_simd sn_scalar; do
			base=$(count $h $isa 0) full=$(count $h $isa 2000)
			per=$(( (full - base) / 2000 ))
			echo "H=$h $isa: $per instructions/step"
			echo "BENCH engine_h${h}_${isa}_instructions=$per" >> "$tmp"
		done
	done
	# The n-gram step alone (its model is counted first, outside the count),
	# as fit writes it and with every call walking.
	for kind in ngram ngram-walk; do
		per=$(( $(collected --toggle-collect=hids_ngram_step \
			"$top/build/bench/engine_bench" --count $kind - 20000) / 20000 ))
		echo "$kind order 8: $per instructions/step"
		echo "BENCH engine_${kind/-/_}_instructions=$per" >> "$tmp"
	done
fi

# Instructions per system call on the module's hot path (hotpath_bench):
# callgrind counts inside the named functions only, over 4800 calls minus
# 480 (a thread's first call allocates its state).
hcount() {	# hcount MODE CALLS FUNCTION... -> instructions
	local mode=$1 calls=$2 fn toggles=()
	shift 2
	for fn in "$@"; do toggles+=("--toggle-collect=$fn"); done
	collected "${toggles[@]}" "$top/build/bench/hotpath_bench" --count "$mode" "$calls"
}
hper() {	# hper KEY LABEL MODE FUNCTION...
	local key=$1 label=$2 mode=$3 base full per
	shift 3
	base=$(hcount "$mode" 480 "$@") full=$(hcount "$mode" 4800 "$@")
	per=$(( (full - base) / 4320 ))
	echo "$label: $per instructions/call"
	echo "BENCH $key=$per" >> "$tmp"
}
if command -v valgrind >/dev/null && [ -x "$top/build/bench/hotpath_bench" ]; then
	echo "== hot path instructions per system call (callgrind)"
	hper hotpath_instructions "probes, protected thread" protected \
		probe_sys_enter probe_sys_exit
	hper hotpath_score_instructions "scorer work, protected thread" protected score_work
	hper hotpath_unprotected_instructions "probes, unprotected thread" unprotected \
		probe_sys_enter probe_sys_exit
fi
command -v valgrind >/dev/null || echo "bench: valgrind not found: no instruction counts" >&2

{
	echo "{"
	grep '^BENCH ' "$tmp" | sed 's/^BENCH //' |
		awk -F= '{ printf "%s  \"%s\": %s", (NR > 1 ? ",\n" : ""), $1, $2 } END { print "" }'
	echo "}"
} > "$out"
echo "bench: $(grep -c '^BENCH ' "$tmp") figures written to $out"

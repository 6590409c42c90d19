#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh BENCH...: run each benchmark program, show its table, and gather
# every "BENCH key=value" line it prints into one flat JSON object in
# bench.json at the repository root (name: number).  A benchmark adds its
# figures by printing such lines; timing is never asserted anywhere.
# Instruction counts come from valgrind --tool=callgrind (repeatable).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/bench.json"
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

for b in "$@"; do
	echo "== $(basename "$b")"
	"$b" | tee -a "$tmp" | grep -v '^BENCH '
done

# Instructions per engine step: callgrind over 2000 steps minus 0 steps.
count() {	# count HIDDEN ISA STEPS -> instructions
	valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		"$top/build/bench/engine_bench" --count "$1" "$2" "$3" 2>&1 |
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
if command -v valgrind >/dev/null && [ -x "$top/build/bench/engine_bench" ]; then
	echo "== instructions per step (callgrind)"
	for h in 32 64; do
		for isa in simd scalar; do
			base=$(count $h $isa 0) full=$(count $h $isa 2000)
			per=$(( (full - base) / 2000 ))
			echo "H=$h $isa: $per instructions/step"
			echo "BENCH engine_h${h}_${isa}_instructions=$per" >> "$tmp"
		done
	done
else
	echo "bench: valgrind not found: no instruction counts" >&2
fi

{
	echo "{"
	grep '^BENCH ' "$tmp" | sed 's/^BENCH //' |
		awk -F= '{ printf "%s  \"%s\": %s", (NR > 1 ? ",\n" : ""), $1, $2 } END { print "" }'
	echo "}"
} > "$out"
echo "bench: $(grep -c '^BENCH ' "$tmp") figures written to $out"

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh SECONDS FUZZER...: run each libFuzzer binary for SECONDS over its
# corpus (build/fuzz/corpus/NAME, seeded from tests/fuzz/seeds/NAME and, for
# the model fuzzer, real models made by build/vm/host/vmdata).  TAP: one
# line per fuzzer; a crash fails and keeps the reproducer in build/fuzz.
set -u
secs=${1:?usage: run.sh SECONDS FUZZER...}
shift
top=$(cd "$(dirname "$0")/../.." && pwd)
echo "TAP version 13"
echo "1..$#"
n=0 status=0
for fz in "$@"; do
	n=$((n + 1))
	name=$(basename "$fz")
	corpus="$top/build/fuzz/corpus/$name"
	mkdir -p "$corpus"
	[ -d "$top/tests/fuzz/seeds/$name" ] && cp -n "$top/tests/fuzz/seeds/$name"/* "$corpus/" 2>/dev/null
	if [ "$name" = fuzz_model ]; then
		make -s -C "$top" --no-print-directory "$top/build/vm/host/vmdata" >/dev/null &&
			"$top/build/vm/host/vmdata" "$corpus" >/dev/null
	fi
	log="$top/build/fuzz/$name.log"
	if (cd "$top/build/fuzz" && "$fz" -max_total_time="$secs" -rss_limit_mb=2048 \
		-max_len=200000 "$corpus" >"$log" 2>&1); then
		echo "ok $n - $name: ${secs}s, $(grep -oE '#[0-9]+' "$log" | tail -n 1 | tr -d '#') runs, no crash"
	else
		echo "not ok $n - $name: crashed or failed (see $log)"
		tail -n 30 "$log" | sed 's/^/# /'
		status=1
	fi
done
exit $status

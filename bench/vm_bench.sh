#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm_bench.sh: end-to-end cost of hids on a getppid() loop, in one QEMU boot
# per kernel line (HIDS_BENCH_VM_LINES, default 6.12; "6.1 6.12" for both).
# The guest (tests/vm/guest/bench-getppid.sh) alternates HIDS_BENCH_REPS
# (12) rounds of HIDS_BENCH_SECONDS (1) each: no module, module loaded with
# nothing protected, the loop protected (detect mode, scoring on), and the
# loop protected with the enforce response (scored in the probe).
# Slowdown = calls without the module / calls with it, per repetition;
# prints the median and the spread (min, max) and "BENCH key=value" lines.
# QEMU runs TCG here: absolute rates are an emulator's, and the slowdown
# mixes emulated kernel paths with the module's; only the ratio is a figure.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
. "$top/tests/vm/lib.sh"
lines=${HIDS_BENCH_VM_LINES:-6.12}
reps=${HIDS_BENCH_REPS:-12}
secs=${HIDS_BENCH_SECONDS:-1}

bench_line() {
	local line=$1 work="$top/build/bench/vm-$1" key log slow idle rate frac
	if ! "$top/scripts/kernels.sh" kver "$line" >/dev/null 2>&1; then
		echo "vm_bench: no cloud $line kernel installed: skipped (scripts/setup.sh installs it)"
		return 0
	fi
	key=vm_getppid
	[ "$line" = 6.12 ] || key=vm$(echo "$line" | tr -d .)_getppid
	mkdir -p "$work/data"
	make -s -C "$top" --no-print-directory vm-progs
	"$top/build/vm/host/vmdata" "$work/data" >/dev/null
	HIDS_VM_EXTRA="$work/data/random.hidsm" HIDS_VM_TIMEOUT=${HIDS_VM_TIMEOUT:-420} \
	HIDS_VM_ENV="export HIDS_BENCH_REPS=$reps HIDS_BENCH_SECONDS=$secs" \
		"$top/tests/vm/boot.sh" "$line" "$work" bench-getppid.sh >"$work/boot.out" 2>&1 || true
	log="$work/guest.log"
	if ! grep -q '^HIDS-VM-BENCH-COMPLETE' "$log" 2>/dev/null ||
	   ! console_clean "$work/console.log" >&2; then
		echo "vm_bench: $line: the guest did not finish cleanly; see $work/{boot.out,console.log,guest.log}" >&2
		tail -n 20 "$work/boot.out" "$log" >&2 2>/dev/null || true
		return 1
	fi
	tr -d '\r' <"$log" | grep '^# ' || true
	# rep N off A idle B on C scored S inline I monitored M
	slow=$(tr -d '\r' <"$log" | awk '$1 == "rep" && $8 > 0 { print $4 / $8 }' | stats)
	idle=$(tr -d '\r' <"$log" | awk '$1 == "rep" && $6 > 0 { print $4 / $6 }' | stats)
	rate=$(tr -d '\r' <"$log" | awk -v s="$secs" '$1 == "rep" { print $4 / s }' | stats)
	frac=$(tr -d '\r' <"$log" | awk '$1 == "rep" && $14 > 0 { print $10 / $14 }' | stats)
	enf=$(tr -d '\r' <"$log" | awk '$1 == "rep" && $16 > 0 { print $4 / $16 }' | stats)
	set -- $slow $idle $rate $frac $enf
	echo "kernel $line under QEMU TCG (emulated: absolute speed is not a real machine's),"
	echo "$reps repetitions of ${secs}s getppid loops, order turned each repetition"
	printf '%-44s %10s %10s %10s\n' "" median min max
	printf '%-44s %10.0f %10.0f %10.0f\n' "getppid calls/s without the module (TCG)" "$7" "$8" "$9"
	printf '%-44s %10.3f %10.3f %10.3f\n' "slowdown, module loaded, nothing protected" "$4" "$5" "$6"
	printf '%-44s %10.3f %10.3f %10.3f\n' "slowdown, loop protected, scoring on" "$1" "$2" "$3"
	printf '%-44s %10.3f %10.3f %10.3f\n' "slowdown, loop protected, enforce response" "${13}" "${14}" "${15}"
	printf '%-44s %10.3f %10.3f %10.3f\n' "calls scored / calls monitored" "${10}" "${11}" "${12}"
	echo "BENCH ${key}_slowdown=$1"
	echo "BENCH ${key}_slowdown_min=$2"
	echo "BENCH ${key}_slowdown_max=$3"
	echo "BENCH ${key}_idle_slowdown=$4"
	echo "BENCH ${key}_idle_slowdown_min=$5"
	echo "BENCH ${key}_idle_slowdown_max=$6"
	echo "BENCH ${key}_enforce_slowdown=${13}"
	echo "BENCH ${key}_enforce_slowdown_min=${14}"
	echo "BENCH ${key}_enforce_slowdown_max=${15}"
	echo "BENCH ${key}_tcg_calls_per_s=$7"
	echo "BENCH ${key}_scored_fraction_min=${11}"
	echo "BENCH ${key}_reps=$reps"
}

status=0
for line in $lines; do
	bench_line "$line" || status=1
done
exit $status

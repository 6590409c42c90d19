#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run test suites and add up their TAP.  Arguments name suites:
#   unit:PATH   a TAP-producing test binary
#   fuzz:PATH   a libFuzzer binary, run briefly over its corpus (smoke)
#   vm:KVER     the VM suite on a test kernel line (6.1, 6.12, debug)
#   races:KVER  its stress and race tests (t/80, t/85), RACE_ROUNDS rounds in
#               a row in one boot, with multi-threaded TCG
#   scenario:KVER  the real scenario (record, train, attack) on that line
#   boot:KVER   the hids package installed into a Debian root, booted with
#               systemd on that line (tests/vm/installed-boot.sh)
#   script:NAME scripts/NAME.sh as one test (style, dkms-check)
# A suite that exits non-zero without a "not ok" line, or whose plan does
# not match the lines it printed, counts as one failure.  The last line is
# "N passed, N failed[, N skipped]"; exit 1 when anything failed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
logdir="$top/build/test-logs"
mkdir -p "$logdir"
passed=0 failed=0 skipped=0
failures=() failed_logs=() vm_logs=()

tally() {	# $1 = suite name, $2 = log file, $3 = exit status
	local name=$1 log=$2 rc=$3 p f s plan n
	p=$(grep -cE '^ok [0-9]+' "$log" | tr -d ' ')
	s=$(grep -cE '^ok [0-9]+.*# SKIP' "$log" | tr -d ' ')
	f=$(grep -cE '^not ok [0-9]+' "$log" | tr -d ' ')
	p=$((p - s))
	plan=$(grep -m1 -oE '^1\.\.[0-9]+' "$log" | cut -c4-)
	n=$((p + s + f))
	if [ -n "$plan" ] && [ "$plan" -ne "$n" ]; then
		echo "not ok - $name: planned $plan tests, ran $n" | tee -a "$log"
		f=$((f + 1))
	fi
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 4 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name: exited with status $rc" | tee -a "$log"
		f=$((f + 1))
	fi
	if [ "$n" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name: ran no test" | tee -a "$log"
		f=$((f + 1))
	fi
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
	[ "$f" -eq 0 ] || { failures+=("$name ($log)"); failed_logs+=("$log"); }
	grep -E '^ok [0-9]+.*# SKIP' "$log" | sed "s|^|SKIP: $name: |" >&2
}

for suite in "$@"; do
	kind=${suite%%:*} arg=${suite#*:}
	name="$kind-$(basename "$arg")"
	log="$logdir/$name.tap"
	echo "# ---- $name"
	case $kind in
	unit) (cd "$top" && "$arg") 2>&1 | tee "$log"; rc=${PIPESTATUS[0]} ;;
	fuzz) "$top/tests/fuzz/run.sh" "${FUZZ_SECONDS:-20}" "$arg" 2>&1 | tee "$log"
	      rc=${PIPESTATUS[0]} ;;
	vm)   vm_logs+=("$log")
	      "$top/tests/vm/run.sh" "$arg" 2>&1 | tee "$log"; rc=${PIPESTATUS[0]} ;;
	races) vm_logs+=("$log") rounds=${RACE_ROUNDS:-10}
	       HIDS_VM_TCG=multi HIDS_VM_REPEAT=$rounds HIDS_VM_TIMEOUT=$((900 + rounds * 300)) \
		       "$top/tests/vm/run.sh" "$arg" 80 85 2>&1 | tee "$log"; rc=${PIPESTATUS[0]} ;;
	scenario) "$top/tests/vm/scenario.sh" "$arg" 2>&1 | tee "$log"; rc=${PIPESTATUS[0]} ;;
	boot) "$top/tests/vm/installed-boot.sh" "$arg" 2>&1 | tee "$log"; rc=${PIPESTATUS[0]} ;;
	script)
		if out=$("$top/scripts/$arg.sh" 2>&1); then res="ok"; else res="not ok"; fi
		{ echo "$out" | sed 's/^/# /'; echo "1..1"; echo "$res 1 - $arg"; } | tee "$log"
		rc=0 ;;
	*)    echo "not ok - unknown suite kind '$kind'" | tee "$log"; rc=1 ;;
	esac
	tally "$name" "$log" "$rc"
done

# What each VM lane put the module through (tests/vm/run.sh's last words).
for log in "${vm_logs[@]}"; do
	grep -h '^# reliability: vm ' "$log" |
		sed "s/^# reliability: vm /reliability: $(basename "$log" | cut -d- -f1) /"
done
# Each failure again with the diagnostics after it (a console's last lines
# among them), so that the end of a long log says why, not only what.
for i in "${!failures[@]}"; do
	echo "FAILED: ${failures[$i]}"
	awk '/^not ok/ { n = 70; print "  " $0; next }
	     n > 0 && /^#/ { n--; print "  " $0; next }
	     { n = 0 }' "${failed_logs[$i]}" | head -n 160
done
line="$passed passed, $failed failed"
[ "$skipped" -eq 0 ] || line="$line, $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]

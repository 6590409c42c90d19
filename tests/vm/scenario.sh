#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scenario.sh [--demo] LINE [WORKDIR]: the real scenario on the test kernel
# line LINE (6.1, 6.12), end to end, as an operator runs it:
#   1. boot: busybox httpd with a vulnerable CGI in cgroup /svc under normal
#      load, recorded with hidsctl record (guest/record-normal.sh); the .sc
#      comes back over the third serial port;
#   2. host: hids-train fit, its defaults, on that recording;
#   3. boot: hidsctl load the model for /svc, normal load (false alarms),
#      the attacks, then the kill response (guest/detect-attacks.sh).
# Prints TAP, the operator's view as diagnostics.  --demo prints that view
# plainly and ends with "demo: D of A attacks detected, F false alarms on
# normal load"; it exits non-zero when nothing was detected or a step or
# check failed.  Knobs (environment): SCENARIO_SESSIONS,
# SCENARIO_VAL_SESSIONS, SCENARIO_REQS (phase 1: training and validation
# recordings, requests in each),
# SCENARIO_NORMAL_REQS (phase 2), SCENARIO_MAX_FALSE, SCENARIO_FIT_OPTS
# (options added to fit's defaults, e.g. "--model lstm").
set -eu
demo=
if [ "${1:-}" = --demo ]; then demo=1; shift; fi
line=${1:?usage: scenario.sh [--demo] LINE [WORKDIR]}
top=$(cd "$(dirname "$0")/../.." && pwd)
work=${2:-$top/build/scenario/$line}
sessions=${SCENARIO_SESSIONS:-4}
val_sessions=${SCENARIO_VAL_SESSIONS:-2}
reqs=${SCENARIO_REQS:-250}
normal_reqs=${SCENARIO_NORMAL_REQS:-100}
max_false=${SCENARIO_MAX_FALSE:-2}
fit_opts=${SCENARIO_FIT_OPTS:-}
export HIDS_VM_TIMEOUT=${HIDS_VM_TIMEOUT:-600}
. "$top/tests/vm/lib.sh"
if [ -n "$demo" ]; then
	# The operator's view: checks unnumbered, the guest's as well.
	host_ok() { tap_n=$((tap_n + 1)); echo "ok - $*"; }
	host_not_ok() { tap_n=$((tap_n + 1)); echo "not ok - $*"; }
else
	DIAG_OTHER=1
fi

# say TEXT...: the operator's view: plain in the demo, diagnostics in TAP.
say() {
	if [ -n "$demo" ]; then printf '%s\n' "$*"; else printf '%s\n' "$*" | sed 's/^/# /'; fi
}
failed=0
check_host() {	# check_host DESCRIPTION COMMAND...
	local desc=$1
	shift
	if "$@"; then host_ok "scenario $line: $desc"; else
		host_not_ok "scenario $line: $desc"; failed=1; fi
}
finish() {
	echo "1..$tap_n"
	[ $failed -eq 0 ]
	exit
}
bail() { host_not_ok "scenario $line: $*"; failed=1; finish; }
elapsed() { echo "$((SECONDS - $1))s"; }

# boot_phase NAME SCRIPT ENV [EXTRA]: one boot (HIDS_VM_ENV=ENV,
# HIDS_VM_EXTRA=EXTRA); its console must stay clean.
boot_phase() {
	local dir=$work/$1 rc=0 t0=$SECONDS
	HIDS_VM_ENV=$3 HIDS_VM_EXTRA=${4:-} "$top/tests/vm/boot.sh" "$line" "$dir" "$2" \
		>"$work/$1.boot.log" 2>&1 || rc=$?
	say "(boot $1: $(elapsed $t0) under TCG)"
	[ -f "$dir/console.log" ] || { cat "$work/$1.boot.log" >&2; bail "$1: the VM did not start (status $rc)"; }
	if [ $rc -eq 124 ]; then
		host_not_ok "scenario $line: $1: guest hung (killed after ${HIDS_VM_TIMEOUT}s)"; failed=1
	fi
	if console_clean "$dir/console.log"; then
		host_ok "scenario $line: $1: no oops, WARN or panic on the console"
	else
		host_not_ok "scenario $line: $1: no oops, WARN or panic on the console"; failed=1
		show_console "$dir/console.log"
	fi
}

[ -n "$demo" ] || echo "TAP version 13"
kver=$("$top/scripts/kernels.sh" kver "$line") || bail "no $line kernel installed"
make -s -C "$top" --no-print-directory ctl/hidsctl trainer/hids-train ||
	bail "hidsctl or hids-train failed to build"
rm -rf "$work"
mkdir -p "$work"

say "== phase 1: record normal behaviour on $kver: $((sessions + val_sessions)) sessions of $reqs requests to the service in cgroup /svc"
boot_phase record record-normal.sh "SESSIONS=$sessions VAL_SESSIONS=$val_sessions REQS=$reqs"
rec=$work/record/guest.log
sed 's/\r$//' "$rec" | grep -v '^HIDS-RECORD-COMPLETE' | while IFS= read -r l; do say "$l"; done
set -- $(sed -n 's/^HIDS-RECORD-COMPLETE //p' "$rec" | tr -d '\r')
[ $# -eq 6 ] || bail "record: the guest never finished recording"
status=$2 events=$4 bytes=$6
got=$(wc -c <"$work/record/out.bin")
check_host "record: hidsctl record reports no loss" test "$status" -eq 0
check_host "record: the host got all $bytes bytes (got $got)" test "$got" -eq "$bytes"
tar -C "$work" -xf "$work/record/out.bin" || bail "record: the recordings do not unpack"
check_host "record: $events events in $((sessions + val_sessions)) recordings" \
	test "$(cat "$work"/normal/*/*.sc | wc -l)" -eq "$events" -a "$events" -gt 0
say "recorded: $(du -sh "$work/normal" | cut -f1) in $((sessions + val_sessions)) files" \
	"($sessions for training, $val_sessions for validation), $events events"

say ""
say "== train: hids-train fit on the recording"
# fit's defaults: nothing tuned to this recording.
fit=("$top/trainer/hids-train" fit --dataset hids "$work/normal" -o "$work/model.hidsm"
     --name scenario $fit_opts)
say "${fit[*]#$top/}"
t0=$SECONDS
if [ -n "$demo" ]; then
	"${fit[@]}" && rc=0 || rc=$?
else
	"${fit[@]}" 2>&1 | tr '\r' '\n' | grep -v '^epoch' | sed 's/^/# /'
	rc=${PIPESTATUS[0]}
fi
say "(fit: $(elapsed $t0))"
[ "$rc" -eq 0 ] || bail "hids-train fit failed (status $rc)"
host_ok "scenario $line: hids-train fit wrote a model"
"$top/trainer/hids-train" info "$work/model.hidsm" | while IFS= read -r l; do say "$l"; done

say ""
say "== phase 2: protect cgroup /svc with the model; normal load, then the attacks"
boot_phase detect detect-attacks.sh \
	"MODEL=model.hidsm NORMAL_REQS=$normal_reqs MAX_FALSE=$max_false" "$work/model.hidsm"
det=$work/detect/guest.log
if [ -n "$demo" ]; then
	sed -E 's/\r$//; s/^(not )?ok [0-9]+ /\1ok /' "$det" |
		grep -v '^HIDS-SCENARIO-RESULT\|^TAP version\|^1\.\.'
	grep -q '^not ok' "$det" && failed=1
	tap_n=$((tap_n + $(grep -cE '^(not )?ok ' "$det")))
else
	guest_tap "$det" "scenario $line: "
	grep -q '^not ok' "$det" && failed=1
fi
res=$(sed -n 's/^HIDS-SCENARIO-RESULT //p' "$det" | tr -d '\r')
[ -n "$res" ] || bail "detect: the guest never wrote its result"
set -- $res
detected=$2 attacks=$4 false_alarms=$6
say ""
say "scenario $line: $detected of $attacks attacks detected, $false_alarms false alarms in $8 requests of normal load"
if [ -n "$demo" ]; then
	echo "demo: $detected of $attacks attacks detected, $false_alarms false alarms on normal load"
	[ "$detected" -gt 0 ] || failed=1
	[ $failed -eq 0 ]
	exit
fi
finish

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs the t/*.sh files in one shell (they share the TAP counter and the
# module state) and prints the plan last.  t/10 loads the module first;
# t/90 unloads it and t/99 looks for leaks last.  HIDS_TESTS (numbers,
# e.g. "80 85") picks the tests between them, HIDS_REPEAT runs those that
# many rounds (HIDS_ROUND counts from 0).  The marker line is written only
# when every file ran to its end.  HIDS_HOLD_TP_KEYS (set by boot.sh under
# multi-threaded TCG): see hold_tracepoint_keys in lib.sh.
. ./lib.sh
echo "TAP version 13"
echo "# kernel $(uname -r), $(nproc) CPUs"
# A test file still running after HIDS_TEST_BUDGET seconds (the slowest
# takes about 300 s on the debug kernel) leaves the blocked tasks, the end
# of the kernel log and the process list in the TAP log, before the host's
# timeout kills the guest without a word on where it stood.
watchdog() {
	sleep "${HIDS_TEST_BUDGET:-480}"
	diag "watchdog: $1 still runs after ${HIDS_TEST_BUDGET:-480} s; blocked tasks, kernel log, processes:"
	echo w >/proc/sysrq-trigger
	dmesg | tail -n 100 | sed 's/^/#   /'
	ps | sed 's/^/#   /'
}
run() {
	local t0 dog
	diag "---- $1"
	t0=$(date +%s)
	watchdog "$1" &
	dog=$!
	. "./$1"
	kill "$dog" 2>/dev/null
	wait "$dog" 2>/dev/null
	diag "---- $1: $(($(date +%s) - t0)) s"
}
middle=
for t in t/*.sh; do
	n=${t#t/}; n=${n%%-*}
	case " ${HIDS_TESTS:-$n} " in
	*" $n "*) [ "$n" = 10 ] || [ "$n" = 90 ] || [ "$n" = 99 ] || middle="$middle $t" ;;
	esac
done
if [ -n "${HIDS_HOLD_TP_KEYS:-}" ]; then
	if hold_tracepoint_keys; then
		diag "tracepoint static keys held on (multi-threaded TCG)"
	else
		not_ok "hold the tracepoint static keys on"
	fi
fi
run t/10-insmod.sh
HIDS_ROUND=0
while [ $HIDS_ROUND -lt "${HIDS_REPEAT:-1}" ]; do
	[ "${HIDS_REPEAT:-1}" -eq 1 ] || diag "==== round $((HIDS_ROUND + 1)) of $HIDS_REPEAT"
	for t in $middle; do run "$t"; done
	HIDS_ROUND=$((HIDS_ROUND + 1))
done
run t/90-unload.sh
run t/99-kmemleak.sh
echo "1..$tap_n"
echo "HIDS-VM-SUITE-COMPLETE"

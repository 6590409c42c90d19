#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh LINE [TEST...]: boot the test kernel line LINE (6.1, 6.12, debug, rt)
# under QEMU (TCG) with an initramfs holding busybox, hids.ko, hidsctl, the
# test programs and tests/vm/guest, and report the guest's TAP renumbered,
# plus the host's own verdicts.  The run passes only if the guest wrote its
# completion marker, every guest test passed, and the console shows no
# oops, WARN, BUG, KASAN, lockdep or leak report (the kernel runs with
# panic_on_warn and oops=panic anyway).  TEST numbers (e.g. 80 85) run
# only those guest tests between loading and unloading the module,
# HIDS_VM_REPEAT times in a row (default 1).  The last line before the plan
# is the lane's reliability line: what the run put the module through.
set -eu
line=${1:?usage: run.sh KERNEL_LINE [TEST...]}
shift
repeat=${HIDS_VM_REPEAT:-1}
# The PREEMPT_RT line only checks that hids refuses to load there.
case $line in rt) script=refuse-rt.sh ;; *) script=suite.sh ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
# The debug kernel (KASAN, lockdep) runs the suite in about 15 minutes.
case $line in debug) timeout_s=${HIDS_VM_TIMEOUT:-1500} ;; *) timeout_s=${HIDS_VM_TIMEOUT:-900} ;; esac
work="$top/build/vm/$line"
. "$top/tests/vm/lib.sh"

bail() { host_not_ok "vm $line: $*"; echo "1..$tap_n"; exit 1; }

echo "TAP version 13"
if [ "$line" = debug ] && [ -z "${HIDS_DEBUG_DIR:-}" ]; then
	HIDS_DEBUG_DIR=$("$top/scripts/debug-kernel.sh") || bail "the debug kernel did not build"
	export HIDS_DEBUG_DIR
fi
kver=$("$top/scripts/kernels.sh" kver "$line") || bail "no $line kernel installed"
echo "# vm $line: kernel $kver"

console="$work/console.log" tap="$work/guest.log"
# Models and call lists for the guest, made by the host's own tools.
make -s -C "$top" --no-print-directory vm-progs || bail "test programs failed to build"
rm -rf "$work/data"
mkdir -p "$work/data"
data="$top/../shared/data"
[ -d "$data" ] || echo "# SKIP: $data is absent: the bit-exact replays will be skipped" >&2
"$top/build/vm/host/vmdata" "$work/data" $([ -d "$data" ] && echo "$data") ||
	bail "vmdata failed"
boot() {
	HIDS_VM_EXTRA="$(echo "$work"/data/*)" HIDS_VM_TIMEOUT=$timeout_s \
	HIDS_VM_ENV="HIDS_TESTS='$*' HIDS_REPEAT=$repeat ${HIDS_VM_ENV:-}" \
		"$top/tests/vm/boot.sh" "$line" "$work" "$script"
}

# Did the kernel die while booting, before the guest ran anything of ours?
# (Seen once on the debug kernel under multi-threaded TCG: a KASAN report in
# an interrupt during identify_cpu.)  hids was never loaded: boot again,
# once, and say so.
died_booting() {
	! grep -q 'TAP version' "$tap" 2>/dev/null && ! grep -q 'hids' "$console" &&
		grep -qE 'Kernel panic|BUG:' "$console"
}

set +e
boot "$@"
qrc=$?
if died_booting; then
	cp "$console" "$work/console.boot-failure.log"
	echo "# the $line kernel died while booting, before hids was loaded: booting again" \
		"(its console: $work/console.boot-failure.log)"
	boot "$@"
	qrc=$?
fi
set -e
[ -f "$console" ] || bail "the VM did not start (status $qrc)"

# Guest TAP, renumbered into this run's sequence.
guest_tap "$tap" "vm $line: "

boot_verdicts "vm $line" "$qrc" "$timeout_s" "$tap" HIDS-VM-SUITE-COMPLETE "$console"
[ "$line" = rt ] || reliability_line "vm $line" "$tap" "$console"
echo "1..$tap_n"

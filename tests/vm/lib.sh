# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Host-side helpers of the VM runs (sourced by run.sh and scenario.sh):
# TAP numbering across boots, the guest's TAP renumbered into it, the
# kernel console verdict, and a boot of a whole root file system tree.
tap_n=0
host_ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
host_not_ok() { tap_n=$((tap_n + 1)); echo "not ok $tap_n - $*"; }

# guest_tap FILE PREFIX: the guest's TAP lines renumbered into this run's
# sequence, each description after PREFIX; its "#" lines as they are,
# other lines as diagnostics when DIAG_OTHER is set.
guest_tap() {
	local l res rest
	[ -f "$1" ] || return 0
	while IFS= read -r l; do
		l=${l%$'\r'}
		case $l in
		"ok "*|"not ok "*)
			res=${l%% [0-9]*}
			rest=$(echo "$l" | sed -E 's/^(not )?ok [0-9]+ ?//')
			tap_n=$((tap_n + 1))
			echo "$res $tap_n - $2${rest#- }" ;;
		"#"*) echo "$l" ;;
		"TAP version"*|1..*) ;;
		*) [ -z "${DIAG_OTHER:-}" ] || echo "# $l" ;;
		esac
	done < "$1"
}

# reliability_line LANE GUEST_LOG CONSOLE: what the guest's "reliability:"
# diagnostics add up to, and how many reports the checkers made (console
# lines console_clean objects to, plus the guest's own report counts).
reliability_line() {
	local sums
	sums=$(sed -n 's/^# reliability: \([a-z_]*\)=\([0-9]*\).*/\1 \2/p' "$2" 2>/dev/null |
		awk '{ n[$1] += $2 } END { printf "%d %d %d %d %d", n["model_swaps"], n["slot_changes"],
			n["thread_exits"], n["fuzz_messages"], n["reports"] }')
	set -- "$1" "$3" $sums
	echo "# reliability: $1: $3 model swaps, $4 slot changes, $5 thread exits, $6 fuzz messages, $(($7 + $(console_reports "$2"))) reports"
}

# console_reports FILE: how many lines of a console log console_clean
# objects to.
console_reports() {
	grep -cE "$console_bad" "$1" 2>/dev/null || true
}

# console_clean FILE: no oops, WARN, BUG, stall or panic in a kernel console
# log; the offending lines as diagnostics otherwise.
console_bad='Kernel panic|BUG:|WARNING:|Oops|general protection fault|Call Trace:|UBSAN:|KASAN:|kernel BUG|RCU stall|rcu_preempt detected stalls|soft lockup|hung_task|hids: memory leak|possible circular locking|inconsistent lock state|suspicious RCU usage|ODEBUG:|list_add corruption|list_del corruption'
console_clean() {
	if grep -qE "$console_bad" "$1" 2>/dev/null; then
		grep -nE "$console_bad" "$1" | head -20 | sed 's/^/#   /'
		return 1
	fi
}

# boot_verdicts PREFIX QEMU_STATUS TIMEOUT GUEST_LOG MARKER CONSOLE: the
# host's verdicts on one boot -- qemu exited by itself (status 124: the
# guest hung), the guest wrote its completion MARKER (at a line's start),
# the kernel console is clean -- with the console shown when one of them or
# a guest test failed.  Sets failed to 1 when a verdict failed, else 0.
boot_verdicts() {
	local prefix=$1 qrc=$2 timeout=$3 log=$4 marker=$5 console=$6
	failed=0
	if [ "$qrc" -eq 124 ]; then
		host_not_ok "$prefix: guest hung (killed after ${timeout}s)"; failed=1
	else
		host_ok "$prefix: qemu exited by itself"
	fi
	if grep -q "^$marker" "$log" 2>/dev/null; then
		host_ok "$prefix: the guest wrote its completion marker"
	else
		host_not_ok "$prefix: the guest never wrote its completion marker"; failed=1
	fi
	if console_clean "$console"; then
		host_ok "$prefix: no oops, WARN or panic on the console"
	else
		host_not_ok "$prefix: no oops, WARN or panic on the console"; failed=1
	fi
	if [ $failed -ne 0 ] || grep -q '^not ok' "$log" 2>/dev/null; then
		show_console "$console"
	fi
}

# show_console FILE: its last 60 lines as diagnostics.
show_console() {
	echo "# ---- console ($1), last 60 lines"
	tail -n 60 "$1" | sed 's/^/#   /'
}

# boot_tree ROOTFS WORK IMAGE MEMORY TIMEOUT APPEND: boot kernel IMAGE under
# TCG with the tree ROOTFS as its initramfs (the test kernels carry no
# block or virtio drivers built in; uncompressed, as TCG unpacks gzip
# slowly), APPEND after the panic-on-anything options; the kernel console
# in WORK/console.log, the guest's ttyS1 in WORK/guest.log.  Returns
# QEMU's status (124: TIMEOUT seconds passed).
boot_tree() {
	local rootfs=$1 work=$2 image=$3 mem=$4 timeout_s=$5 append=$6 rc
	(cd "$rootfs" && find . | cpio -o -H newc --quiet) >"$work/initrd.cpio" || return
	rm -f "$work/console.log" "$work/guest.log"
	timeout "$timeout_s" qemu-system-x86_64 \
		-accel tcg -cpu max -smp 2 -m "$mem" \
		-nodefaults -display none -no-reboot \
		-kernel "$image" -initrd "$work/initrd.cpio" \
		-append "console=ttyS0 panic=-1 panic_on_warn=1 oops=panic $append" \
		-serial "file:$work/console.log" -serial "file:$work/guest.log" </dev/null
	rc=$?
	rm -f "$work/initrd.cpio"
	return $rc
}

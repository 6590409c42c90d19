# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Host-side helpers of the VM runs (sourced by run.sh and scenario.sh):
# TAP numbering across boots, the guest's TAP renumbered into it, and the
# kernel console verdict.
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

# console_clean FILE: no oops, WARN, BUG, stall or panic in a kernel console
# log; the offending lines as diagnostics otherwise.
console_clean() {
	local bad='Kernel panic|BUG:|WARNING:|Oops|general protection fault|Call Trace:|UBSAN:|KASAN:|kernel BUG|RCU stall|rcu_preempt detected stalls|soft lockup|hung_task'
	if grep -qE "$bad" "$1" 2>/dev/null; then
		grep -nE "$bad" "$1" | head -20 | sed 's/^/#   /'
		return 1
	fi
}

# show_console FILE: its last 60 lines as diagnostics.
show_console() {
	echo "# ---- console ($1), last 60 lines"
	tail -n 60 "$1" | sed 's/^/#   /'
}

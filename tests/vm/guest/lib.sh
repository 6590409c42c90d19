# SPDX-License-Identifier: GPL-2.0
# TAP helpers for the guest tests (sourced).
tap_n=0

ok() {		# ok DESCRIPTION
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $*"
}

not_ok() {	# not_ok DESCRIPTION
	tap_n=$((tap_n + 1))
	echo "not ok $tap_n - $*"
}

diag() {
	echo "# $*"
}

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds; its output is
# shown as diagnostics when it fails.
check() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		ok "$desc"
	else
		not_ok "$desc"
		echo "$out" | sed 's/^/#   /'
	fi
}

# Value of one "seen" counter from hidsctl status --json.
seen_count() {
	hidsctl status --json | sed -n 's/.*"seen":\([0-9]*\).*/\1/p'
}

module_loaded() {
	grep -q '^hids ' /proc/modules
}

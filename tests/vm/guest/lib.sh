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

# stat NAME: one counter or gauge of hidsctl status --json.
hids_stat() {
	hidsctl status --json | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"
}

# Value of one "seen" counter from hidsctl status --json.
seen_count() {
	hids_stat seen
}

# reliability WHAT N: N more of WHAT for the lane's reliability line (the
# host adds these up over the whole run).
reliability() {
	echo "# reliability: $1=$2"
}

# leak_reports: how many times an rmmod so far found memory not returned.
leak_reports() {
	dmesg | grep -c "hids: memory leak"
}

module_loaded() {
	grep -q '^hids ' /proc/modules
}

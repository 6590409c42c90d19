#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# hidsctl and hids-train as a shell user meets them, no module needed
# (TAP): --version names the release of kmod/main.h, --help on every
# (sub)command prints its usage to standard output and exits 0, and a bad
# option is a usage error (exit 2) that names it; apply --check --json
# says the outcome as one object.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
ctl=$top/ctl/hidsctl
train=$top/trainer/hids-train
n=0

ok() {	# ok CONDITION-STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# Subcommands as each tool's own --help lists them.
subcommands() {
	"$1" --help | awk '/^Available/ { on = 1; next } on && /^  [a-z]/ { print $1 } /^$/ && on > 1 { exit } on { on++ }'
}

ctl_cmds=$(subcommands "$ctl")
train_cmds=$(subcommands "$train")
echo "1..$((6 + 2 * $(echo $ctl_cmds $train_cmds | wc -w)))"
release=$(sed -n 's/^#define HIDS_VERSION "\(.*\)"/\1/p' "$top/kmod/main.h")
[ "$("$ctl" --version)" = "hidsctl $release" ]
ok $? "hidsctl --version: hidsctl $release"
[ "$("$train" --version)" = "hids-train $release" ]
ok $? "hids-train --version: hids-train $release"
for tool in "$ctl" "$train"; do
	name=$(basename "$tool")
	cmds=$ctl_cmds
	[ "$tool" = "$train" ] && cmds=$train_cmds
	for c in $cmds; do
		out=$("$tool" "$c" --help 2>/dev/null); rc=$?
		[ $rc -eq 0 ] && echo "$out" | grep -q "^Usage: .*$c"
		ok $? "$name $c --help: usage on standard output, exit 0 (exit $rc)"
		err=$("$tool" "$c" --no-such-option 2>&1 >/dev/null); rc=$?
		[ $rc -eq 2 ] && echo "$err" | grep -q -- "no-such-option"
		ok $? "$name $c --no-such-option: named, exit 2 (exit $rc)"
	done
	"$tool" no-such-command >/dev/null 2>&1
	[ $? -eq 2 ]
	ok $? "$name no-such-command: exit 2"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '[slot rec]\ncomm = true\nmode = record\n' >"$tmp/ok.conf"
out=$("$ctl" apply --check --json "$tmp/ok.conf"); rc=$?
[ $rc -eq 0 ] && [ "$out" = "{\"config\":\"$tmp/ok.conf\",\"sections\":1,\"check\":true,\"dry_run\":false,\"changes\":0,\"failures\":0,\"ok\":true}" ]
ok $? "hidsctl apply --check --json: the outcome as one object (exit $rc: $out)"
printf '[slot web]\nmodel = %s/none.hidsm\ncomm = x\n' "$tmp" >"$tmp/bad.conf"
out=$("$ctl" apply --check --json "$tmp/bad.conf" 2>/dev/null); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q '"ok":false}$'
ok $? "hidsctl apply --check --json of a missing model: ok false, exit 1 (exit $rc: $out)"

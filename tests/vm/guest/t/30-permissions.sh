# SPDX-License-Identifier: GPL-2.0
# Every command that changes state needs CAP_NET_ADMIN.  The ops list comes
# from the kernel itself, so a command added later without GENL_ADMIN_PERM
# fails here unless it is in the read-only list below.
# Reading slots and threads needs it too: selectors, thresholds and live
# scores tell an attacker what is watched and how close to an alert it runs.
readonly_cmds="1"	# GET_STATUS (enum hids_cmd), counters only
ops=$(genl_ops list)
if [ -n "$ops" ]; then ok "family reports its ops"; else not_ok "no ops listed"; fi
echo "$ops" | while read -r cmd flags; do
	case " $readonly_cmds " in
	*" $cmd "*) continue ;;
	esac
	if [ $((flags & 1)) -eq 0 ]; then
		echo "not_ok_marker cmd $cmd lacks GENL_ADMIN_PERM"
	fi
done > /tmp/perm.out
if grep -q not_ok_marker /tmp/perm.out; then
	not_ok "state-changing ops are GENL_ADMIN_PERM"; sed 's/^/#   /' /tmp/perm.out
else
	ok "state-changing ops are GENL_ADMIN_PERM"
fi
# GENL_CMD_CAP_DO (2): a plain request; else a dump-only op, asked to dump.
for op in $(echo "$ops" | awk '$2 % 2 == 1 { print $1 ":" $2 }'); do
	cmd=${op%:*}
	how=dump
	[ $((${op#*:} & 2)) -ne 0 ] && how=send
	res=$(runas 1000 genl_ops $how "$cmd")
	if [ "$res" = EPERM ]; then
		ok "unprivileged cmd $cmd refused with EPERM"
	else
		not_ok "unprivileged cmd $cmd: got '$res', want EPERM"
	fi
done
check "unprivileged hidsctl status works" runas 1000 hidsctl status
for sub in reset-counters threads show; do
	out=$(runas 1000 hidsctl $sub 2>&1)
	rc=$?
	if [ $rc -eq 1 ] && echo "$out" | grep -q "Operation not permitted (needs CAP_NET_ADMIN)"; then
		ok "unprivileged hidsctl $sub fails with EPERM, naming CAP_NET_ADMIN"
	else
		not_ok "unprivileged $sub: rc $rc, '$out'"
	fi
done
res=$(runas 1000 genl_ops join trace)
if [ "$res" = EPERM ]; then
	ok "unprivileged listener cannot join the trace group"
else
	not_ok "unprivileged join of trace group: got '$res', want EPERM"
fi
check "root can join the trace group" sh -c '[ "$(genl_ops join trace)" = OK ]'
# Commands that take no attributes refuse any, up to the last type of the
# family (on 7.x the core's own reject-all policy was read past its end:
# KASAN global-out-of-bounds, before no_attrs_policy).
for cmd in 1 2; do
	for attr in 6 35; do
		res=$(genl_ops send "$cmd" "$attr")
		if [ "$res" = EINVAL ]; then
			ok "cmd $cmd with attribute $attr refused with EINVAL"
		else
			not_ok "cmd $cmd with attribute $attr: got '$res', want EINVAL"
		fi
	done
done

# Delivery: with multicast groups restricted (these kernels), alerts go to
# the "alerts" group.  Where the kernel cannot restrict them (and with
# force_unicast), nothing is multicast: alerts and traces go by unicast to
# sockets registered with HIDS_CMD_LISTEN (CAP_NET_ADMIN only, above).
# deliver_run: a plain member of the alerts group (root, no LISTEN) and a
# monitor while a hammer alerts; their counts in /tmp/eaves.out, /tmp/mon.json.
deliver_run() {
	genl_ops eavesdrop alerts 6 >/tmp/eaves.out &
	eav=$!
	hidsctl monitor --json --count 1 --duration 8 >/tmp/mon.json 2>/tmp/mon.err &
	mon=$!
	listening /tmp/mon.err
	hammer -s 3 >/dev/null &
	pid=$!
	hidsctl load /data/random.hidsm --pid "$pid" --slot 2 --threshold 0.01 --window 8 >/dev/null
	wait $pid
	wait $mon
	wait $eav
	hidsctl unload --slot 2 >/dev/null
}
delivery=$(hidsctl status --json | sed -n 's/.*"delivery":"\([a-z]*\)".*/\1/p')
if [ "$delivery" = multicast ]; then
	deliver_run
	if [ "$(cat /tmp/eaves.out)" -gt 0 ]; then ok "multicast: a member of the alerts group gets alerts ($(cat /tmp/eaves.out))"; else not_ok "multicast: the alerts group got nothing"; fi
else
	not_ok "delivery '$delivery' on a kernel that restricts multicast groups"
fi
check "reload with force_unicast=1" sh -c 'rmmod hids && insmod /hids.ko force_unicast=1'
check "status says unicast" sh -c 'hidsctl status | grep -q "^delivery: *unicast"'
check "the log says which delivery is in use" sh -c 'dmesg | grep -q "alerts and traces go by unicast"'
deliver_run
if [ "$(cat /tmp/eaves.out)" = 0 ]; then ok "unicast: a plain member of the alerts group gets nothing"; else not_ok "unicast: the alerts group got $(cat /tmp/eaves.out) messages"; fi
if grep -q "\"proc.pid\":$pid," /tmp/mon.json; then ok "unicast: a registered monitor gets the alert"; else not_ok "unicast: monitor: $(cat /tmp/mon.json /tmp/mon.err)"; fi
hammer -u 1000 -s 3 >/dev/null &
pid=$!
hidsctl record --pid "$pid" -o /tmp/unicast.sc --duration 2 >/dev/null 2>/tmp/unicast.err
rc=$?
wait $pid
n=$(grep -c " getppid " /tmp/unicast.sc)
if [ $rc -eq 0 ] && [ "$n" -gt 0 ]; then ok "unicast: record gets its trace ($n getppid events, nothing lost)"; else not_ok "unicast record: rc $rc, $n events: $(cat /tmp/unicast.err)"; fi
check "reload with the default delivery" sh -c 'rmmod hids && insmod /hids.ko'

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Scenario phase 2 (guest entry): protect the service's cgroup with the
# model trained on phase 1's recording (/data/MODEL), replay normal load
# (every alert then is a false alarm), run each attack (detected when an
# alert names a process of cgroup /svc whose pid the attack's request
# created), then again with the kill response.  TAP, with what an operator
# sees between; the last line sums it up for the host:
#   HIDS-SCENARIO-RESULT detected D attacks A false F requests N
. ./lib.sh
. ./scenario/lib.sh
model=/data/${MODEL:-model.hidsm}
nreq=${NORMAL_REQS:-60}
max_false=${MAX_FALSE:-0}
step() { echo; echo "== $*"; }

echo "TAP version 13"
echo "# kernel $(uname -r), $(nproc) CPUs"
step "insmod hids.ko; start the service (busybox httpd, CGI lookup) in cgroup /svc"
check "insmod hids.ko" insmod /hids.ko
if service_start; then ok "service answers"; else not_ok "service did not start"; fi
svc_cg=$(stat -c %i /sys/fs/cgroup/svc)
echo "httpd pid $SVC_PID, cgroup /svc id $svc_cg"
hidsctl monitor >/tmp/alerts.txt 2>/tmp/monitor.err &
mon_txt=$!
hidsctl monitor --json >/tmp/alerts.json 2>>/tmp/monitor.err &
mon_json=$!
sleep 1

step "hidsctl load $(basename "$model") --cgroup /svc --slot 1"
check "model loads for cgroup /svc" hidsctl load "$model" --cgroup /svc --slot 1
hidsctl show
hidsctl status

# Wait until the scorers have caught up: the counters stop moving.
settle() {
	local a b n=0
	a=$(stat_sum scored scored_inline dropped)
	while [ $n -lt 200 ]; do
		sleep 0.5
		b=$(stat_sum scored scored_inline dropped)
		[ "$a" = "$b" ] && break
		a=$b n=$((n + 1))
	done
	sleep 0.5
}

mark=0
# phase_alerts: the alerts since the last call, JSON in /tmp/phase.json and
# as the operator's monitor printed them in /tmp/phase.txt.
phase_alerts() {
	local end
	settle
	end=$(wc -l </tmp/alerts.json)
	sed -n "$((mark + 1)),${end}p" /tmp/alerts.json >/tmp/phase.json
	sed -n "$((mark + 1)),${end}p" /tmp/alerts.txt >/tmp/phase.txt
	mark=$end
}

# pid_now: the next pid the kernel hands out is above this one.
pid_now() { sh -c 'echo $$'; }

# attack_hits LO HI: the alerts in /tmp/phase.json naming a process of
# cgroup /svc created between pids LO and HI (by the attack's request).
attack_hits() {
	local line pid cg
	while IFS= read -r line; do
		pid=$(json_num "$line" proc.pid)
		cg=$(json_num "$line" cgroup.id)
		[ "$cg" = "$svc_cg" ] && [ "$pid" -gt "$1" ] && [ "$pid" -lt "$2" ] && echo "$line"
	done </tmp/phase.json
}

# Normal load: the same clients as in phase 1, a fresh run of them.  Every
# alert since the model was loaded is a false alarm.
step "normal load: $nreq requests"
normal_load "$nreq" 1000	# a mix no recording session drew
check "service still answers after normal load" wget -q -O /dev/null "$SVC_URL/"
phase_alerts
false_alarms=$(wc -l </tmp/phase.json)
cat /tmp/phase.txt
echo "false alarms: $false_alarms in $nreq requests"
if [ "$false_alarms" -le "$max_false" ]; then
	ok "normal load: $false_alarms false alarms in $nreq requests (at most $max_false)"
else
	not_ok "normal load: $false_alarms false alarms in $nreq requests (at most $max_false)"
fi

detected=0 attacks=0
# run_attack NAME FUNCTION WANT: the attack works (its output holds WANT)
# and an alert names one of its processes.
run_attack() {
	local name=$1 fn=$2 want=$3 lo hi
	attacks=$((attacks + 1))
	step "attack $attacks: $name"
	lo=$(pid_now)
	$fn >/tmp/attack.out 2>&1
	hi=$(pid_now)
	phase_alerts
	echo "attacker got: $(head -c 300 /tmp/attack.out | tr '\n' '|')"
	if grep -qF "$want" /tmp/attack.out; then
		ok "$name: the attack works (reply holds '$want')"
	else
		not_ok "$name: the attack failed (no '$want' in the reply)"
	fi
	cat /tmp/phase.txt
	attack_hits "$lo" "$hi" >/tmp/hits.json
	if [ -s /tmp/hits.json ]; then
		detected=$((detected + 1))
		ok "$name detected: $(wc -l </tmp/hits.json) alerts name its processes ($(hit_names))"
	else
		not_ok "$name not detected: no alert names a process of /svc with pid in $lo..$hi"
	fi
}

hit_names() {
	local line
	while IFS= read -r line; do
		echo "$(json_str "$line" proc.name)[$(json_num "$line" proc.pid)]"
	done </tmp/hits.json | sort -u | tr '\n' ' ' | sed 's/ $//'
}

run_attack "command injection reads /etc/shadow" attack_shadow 'root:$6$hids'
run_attack "dropper writes, chmods and runs /tmp/.x" attack_dropper 'uid=0'

# dropper_with RESPONSE COUNTER: reload the model with that response and
# run the dropper once more: its pids between $lo and $hi, its output in
# /tmp/attack.out, the alerts in /tmp/phase.*, and the status counter
# COUNTER as it stood before the attack in $before.
dropper_with() {
	step "hidsctl load $(basename "$model") --cgroup /svc --slot 1 --replace --response $1"
	check "model reloads with the $1 response" \
		hidsctl load "$model" --cgroup /svc --slot 1 --replace --response "$1"
	before=$(stat_sum "$2")
	rm -f /tmp/.x
	lo=$(pid_now)
	attack_dropper >/tmp/attack.out 2>&1
	hi=$(pid_now)
	phase_alerts
	cat /tmp/phase.txt
	echo "attacker got: $(head -c 300 /tmp/attack.out | tr '\n' '|')"
}

# Kill response: the same attack, the attacked process killed.
dropper_with kill killed
killed0=$before
if grep -q 'uid=0' /tmp/attack.out; then
	echo "(the dropper ran to its end before the kill)"
else
	echo "(the attacker got no result: the kill stopped the attack)"
fi
[ -e /tmp/.x ] && echo "(the dropper wrote /tmp/.x before the kill)"
attack_hits "$lo" "$hi" | grep '"hids.response":"kill"' >/tmp/hits.json
killed=$(stat_sum killed)
if [ -s /tmp/hits.json ]; then
	ok "kill response: alerts name the attack's processes as killed ($(hit_names))"
else
	not_ok "kill response: no alert with the kill response names a process of the attack"
fi
if [ "$killed" -gt "$killed0" ]; then
	ok "kill response: killed counter $killed0 -> $killed"
else
	not_ok "kill response: killed counter stayed $killed0"
fi
alive=
while IFS= read -r line; do
	pid=$(json_num "$line" proc.pid)
	kill -0 "$pid" 2>/dev/null && alive="$alive $pid"
done </tmp/hits.json
if [ -z "$alive" ]; then ok "kill response: every killed pid is gone"; else not_ok "still alive:$alive"; fi
if kill -0 "$SVC_PID" 2>/dev/null && wget -q -O /dev/null "$SVC_URL/"; then
	ok "kill response spared the service: httpd $SVC_PID still answers"
else
	not_ok "httpd $SVC_PID died or stopped answering"
fi

# Enforce: the call that crosses the threshold never runs, and the process
# is killed before another.  The window judges a new process from its first
# call (its missing calls count 0): the injected grep is stopped at about
# its 19th call and the shell at its 44th, before it opens /tmp/.x.
dropper_with enforce blocked
blocked0=$before
if ! grep -q 'uid=0' /tmp/attack.out && [ ! -e /tmp/.x ]; then
	ok "enforce: the dropper never wrote /tmp/.x, nor ran anything"
else
	not_ok "enforce: the dropper got as far as: $(ls -l /tmp/.x 2>&1), $(head -c 200 /tmp/attack.out)"
fi
attack_hits "$lo" "$hi" | grep '"hids.response":"enforce"' >/tmp/hits.json
if [ -s /tmp/hits.json ]; then
	ok "enforce: alerts name the attack's processes, call stopped ($(hit_names))"
else
	not_ok "enforce: no alert with the enforce response names a process of the attack"
fi
blocked=$(stat_sum blocked)
if [ "$blocked" -gt "$blocked0" ]; then ok "enforce: blocked counter $blocked0 -> $blocked"; else not_ok "enforce: blocked counter stayed $blocked0"; fi
if kill -0 "$SVC_PID" 2>/dev/null && wget -q -O /dev/null "$SVC_URL/" &&
   wget -q -O /dev/null "$SVC_URL/cgi-bin/lookup?name=alice"; then
	ok "enforce spared the service: httpd $SVC_PID and its CGI still answer"
else
	not_ok "enforce: httpd $SVC_PID died or stopped answering"
fi

step "hidsctl status"
hidsctl status
kill -INT "$mon_txt" "$mon_json"
wait "$mon_txt" "$mon_json"
# Nothing on their stderr but each one's "listening" line.
check "monitors ended cleanly" sh -c '! grep -v "monitor: listening" /tmp/monitor.err | grep -q .'
service_stop
check "unload slot 1" hidsctl unload --slot 1
check "rmmod hids" rmmod hids
echo "1..$tap_n"
echo "HIDS-SCENARIO-RESULT detected $detected attacks $attacks false $false_alarms requests $nreq"

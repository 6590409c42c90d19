# SPDX-License-Identifier: GPL-2.0
# Alerts are not lost: the module keeps the last alert_ring of them, so a
# monitor started after an alert still gets it (--since-boot), one running
# across rmmod and insmod keeps receiving, and alerts that fell off the
# ring are counted and make monitor exit non-zero.  Alerts name the uid,
# parent, executable and cgroup path; any process name makes valid JSON.
all_slots_off

alert_seq() { hidsctl status --json | sed -n 's/.*"alert_seq":\([0-9]*\).*/\1/p'; }

# raise_alerts N [PROGRAM]: at least N more alerts, from PROGRAM (default
# hammer) under a threshold every call exceeds, 1 ms apart; sets $pid.
raise_alerts() {
	local want=$(($(alert_seq) + $1)) prog=${2:-hammer}
	"$prog" >/dev/null &
	pid=$!
	hidsctl load /data/random.hidsm --pid "$pid" --slot 2 --replace --threshold 0.01 \
		--window 8 --alert-interval 1 >/dev/null
	for _ in $(seq 100); do [ "$(alert_seq)" -ge "$want" ] && break; sleep 0.1; done
	kill "$pid"
	wait "$pid" 2>/dev/null
	hidsctl unload --slot 2 >/dev/null
}

# An alert nobody listened for is kept, and a later monitor prints it.
lost0=$(hids_stat alerts_lost)
first=$(($(alert_seq) + 1))
raise_alerts 1
if [ "$(hids_stat alerts_lost)" = "$lost0" ]; then ok "an alert with no listener is kept, not lost"; else not_ok "alerts_lost $lost0 -> $(hids_stat alerts_lost)"; fi
hidsctl monitor --json --since-boot --duration 2 >/tmp/late.json 2>/tmp/late.err; rc=$?
line=$(grep "\"hids.seq\":$first," /tmp/late.json)
if [ $rc -eq 0 ] && [ -n "$line" ]; then ok "monitor --since-boot started later prints alert $first"; else not_ok "late monitor: rc $rc, alert $first not in: $(head -c 600 /tmp/late.json) $(cat /tmp/late.err)"; fi
if echo "$line" | grep -q "\"proc.pid\":$pid,\"thread.tid\":[0-9]*,\"proc.ppid\":$$,\"user.uid\":0,\"proc.name\":\"hammer\",\"proc.exepath\":\"/bin/hammer\",\"cgroup.id\":[0-9]*,\"cgroup.path\":\"/"; then
	ok "the kept alert names parent, uid, exe and cgroup path"
else
	not_ok "kept alert fields: $line"
fi
hidsctl monitor --json --duration 1 >/tmp/now.json 2>/dev/null
if [ ! -s /tmp/now.json ]; then ok "monitor without --since-boot starts at the next alert"; else not_ok "monitor printed old alerts: $(head -c 300 /tmp/now.json)"; fi

# A monitor running across rmmod and insmod (multicast, then unicast delivery).
hidsctl monitor --json --duration 60 >/tmp/reload.json 2>/tmp/reload.err &
mon=$!
listening /tmp/reload.err
reloads=0
for params in "force_unicast=1" ""; do
	check "reload hids $params under a running monitor" sh -c "rmmod hids && insmod /hids.ko $params"
	reloads=$((reloads + 1))
	for _ in $(seq 50); do [ "$(grep -c "loaded again" /tmp/reload.err)" -ge $reloads ] && break; sleep 0.1; done
	raise_alerts 1
	for _ in $(seq 50); do grep -q "\"proc.pid\":$pid," /tmp/reload.json && break; sleep 0.1; done
	if grep -q "\"proc.pid\":$pid," /tmp/reload.json; then ok "the monitor hears alerts after the reload ($params)"; else not_ok "no alert of pid $pid after reload ($params): $(cat /tmp/reload.err)"; fi
done
kill $mon
wait $mon
check "the monitor said the module went and came back" sh -c 'grep -q "unloaded; waiting" /tmp/reload.err && grep -q "loaded again" /tmp/reload.err'

# Alerts that fell off a 2-alert ring: counted, and monitor says so.
check "reload with alert_ring=2" sh -c 'rmmod hids && insmod /hids.ko alert_ring=2'
raise_alerts 5
ev=$(hids_stat alerts_evicted)
if [ "$ev" -ge 3 ]; then ok "alerts_evicted counts what fell off the ring ($ev)"; else not_ok "alerts_evicted $ev after 5 alerts in a ring of 2"; fi
hidsctl monitor --json --since-boot --duration 2 >/tmp/small.json 2>/tmp/small.err; rc=$?
n=$(wc -l </tmp/small.json)
if [ $rc -eq 1 ] && [ "$n" -eq 2 ] && grep -q "alerts lost: they fell off" /tmp/small.err; then ok "monitor prints the 2 kept alerts and exits 1 for the lost ones"; else not_ok "small ring: rc $rc, $n alerts, $(cat /tmp/small.err)"; fi
check "reload with the default ring" sh -c 'rmmod hids && insmod /hids.ko'

# A process name that is not UTF-8: the JSON stays valid UTF-8.
name=$(printf 'x\377y')
cp /bin/hammer "/bin/$name"
raise_alerts 1 "$name"
hidsctl monitor --json --since-boot --duration 2 >/tmp/utf.json 2>/dev/null
if grep -q '"proc.name":"x\\ufffdy","proc.exepath":"/bin/x\\ufffdy"' /tmp/utf.json && [ "$(tr -d '\000-\177' </tmp/utf.json | wc -c)" -eq 0 ]; then
	ok "a name that is not UTF-8 is escaped (U+FFFD), every byte of the JSON ASCII"
else
	not_ok "non-UTF-8 name: $(grep -a 'x.y' /tmp/utf.json | head -c 400)"
fi
rm -f "/bin/$name"

# --output FILE, reopened on SIGHUP as logrotate expects.
rm -f /tmp/alerts.log /tmp/alerts.log.1
hidsctl monitor --json --output /tmp/alerts.log --duration 60 2>/tmp/out.err &
mon=$!
listening /tmp/out.err
raise_alerts 1
pid1=$pid
for _ in $(seq 50); do grep -q "\"proc.pid\":$pid1," /tmp/alerts.log 2>/dev/null && break; sleep 0.1; done
mv /tmp/alerts.log /tmp/alerts.log.1
kill -HUP $mon
sleep 0.5
raise_alerts 1
for _ in $(seq 50); do grep -q "\"proc.pid\":$pid," /tmp/alerts.log 2>/dev/null && break; sleep 0.1; done
kill $mon
wait $mon
if grep -q "\"proc.pid\":$pid1," /tmp/alerts.log.1 && grep -q "\"proc.pid\":$pid," /tmp/alerts.log &&
   ! grep -q "\"proc.pid\":$pid," /tmp/alerts.log.1; then
	ok "--output writes the file and reopens it on SIGHUP"
else
	not_ok "--output/SIGHUP: old $(wc -l </tmp/alerts.log.1 2>/dev/null) lines, new $(wc -l </tmp/alerts.log 2>/dev/null) lines; $(cat /tmp/out.err)"
fi

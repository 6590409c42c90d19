#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the guest that booted an installed hids with systemd as init
# (tests/vm/installed-boot.sh), as hids-boot-check.service, ordered after
# the units the hids package installed: nobody has touched hids before it.
# Checks that the boot brought the module and the slots of
# /etc/hids/hids.conf up, that alerts reach /var/log/hids/alerts.json
# through hids-monitor.service, across a module reload and a logrotate,
# and that a monitor started after an alert still gets it.  TAP on stdout.
. /usr/local/lib/hids-test/lib.sh
echo "TAP version 13"
diag "kernel $(uname -r), init $(readlink /proc/1/exe)"
alerts=/var/log/hids/alerts.json

# unit_state UNIT: "ActiveState/SubState, enabled-state".
unit_state() {
	echo "$(systemctl show -P ActiveState "$1")/$(systemctl show -P SubState "$1"), $(systemctl is-enabled "$1" 2>&1)"
}
# monitor_said SINCE: hids-monitor.service said it listens, in a journal
# line after the time SINCE (journalctl --since).
monitor_said() {
	journalctl -q -o cat -u hids-monitor.service --since "$1" | grep -q "listening$"
}
# monitor_ready SINCE: monitor_said SINCE, within 20 s.
monitor_ready() {
	wait_until 200 monitor_said "$1"
}
# alert_for PID FILE: within 10 s an alert of PID lands in FILE.
alert_for() {
	wait_until 100 grep -qs "\"proc.pid\":$1," "$2"
}
# hammer_alerts WHAT: run the protected program; its alert must land in
# the monitor's file.
hammer_alerts() {
	hammer -s 1 >/dev/null &
	pid=$!
	wait $pid
	if alert_for $pid $alerts; then
		ok "$1: the alert of pid $pid is in $alerts"
	else
		not_ok "$1: no alert of pid $pid in $alerts: $(tail -n 3 $alerts 2>&1)"
		journalctl -q -o cat -u hids-monitor.service | tail -n 5 | sed 's/^/#   /'
	fi
}

st=$(unit_state hids.service)
if [ "$st" = "active/exited, enabled" ]; then ok "hids.service ran at boot ($st)"; else not_ok "hids.service: $st"; journalctl -q -o cat -u hids.service | sed 's/^/#   /'; fi
st=$(unit_state hids-monitor.service)
if [ "$st" = "active/running, enabled" ]; then ok "hids-monitor.service runs ($st)"; else not_ok "hids-monitor.service: $st"; fi
if grep -q '^hids ' /proc/modules; then
	ok "the module is loaded ($(modinfo -n hids))"
else
	not_ok "hids is not loaded"
fi
if hidsctl show --config | grep -q '^\[slot web\]' && hidsctl show | grep -q '^0 *detect .*comm hammer'; then
	ok "the slots of /etc/hids/hids.conf are active"
else
	not_ok "slots after boot: $(hidsctl show 2>&1)"
fi
monitor_ready "-1h" || diag "hids-monitor.service never said it listens"
hammer_alerts "hids-monitor.service"
first=$pid

out=$(timeout 5 hidsctl monitor --since-boot --json 2>/dev/null)
if echo "$out" | grep -q "\"proc.pid\":$first,"; then
	ok "a monitor started after the alert still gets it (--since-boot)"
else
	not_ok "monitor --since-boot lacks the alert of pid $first: $out"
fi

# A module reload: hids.service brings the slots back, the running monitor
# joins the new module's group by itself.
t=$(date '+%Y-%m-%d %H:%M:%S')
check "rmmod hids" rmmod hids
check "systemctl restart hids.service (modprobe, apply)" systemctl restart hids.service
monitor_ready "$t" || diag "hids-monitor.service did not say it listens again"
hammer_alerts "across rmmod and modprobe"

# logrotate: the file moves away, a reload reopens it.
mv $alerts $alerts.1
t=$(date '+%Y-%m-%d %H:%M:%S')
check "systemctl reload hids-monitor.service" systemctl reload hids-monitor.service
sleep 1
hammer_alerts "after a logrotate (reload)"
if systemctl --failed --plain --no-legend | grep -q hids; then
	not_ok "failed units: $(systemctl --failed --plain --no-legend)"
else
	ok "no hids unit failed"
fi
echo "1..$tap_n"
echo "HIDS-BOOT-CHECK-COMPLETE"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest half of bench/vm_peers.sh, PID 1 of a Debian 12 root (dash, no
# systemd): under each monitor, one at a time, hammer's getppid() loop for
# SECONDS, then SECONDS of a small real workload: busybox wget fetching a
# 1 KiB page from busybox httpd over loopback, one request after another
# (each a wget process and an httpd child).
# Monitors: none; hids protecting the workloads (detect, an n-gram model of
# order 8 as fit makes by default, thresholds that never fire; slot 0
# hammer, slot 1 busybox: httpd's children and wget); hids loaded,
# protecting another program; auditd with one
# syscall rule (openat); bpftrace with an empty raw_syscalls:sys_enter
# probe; LTTng tracing every system call (entry and exit, with arguments)
# into a session on tmpfs; Falco's kernel driver (scap) captured by
# sysdig.  LTTng and Falco where the host could build their drivers.  The
# order of the monitors turns each repetition so that drift cancels.  Two
# lines per monitor and repetition:
#   rep R MONITOR getppid CALLS
#   rep R MONITOR http REQUESTS
# (and "# lttng, round R: Discarded events: N" after LTTng's), or
# "unavailable MONITOR why"; then HIDS-VM-PEERS-COMPLETE, and power off.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t tracefs tracefs /sys/kernel/tracing
mount -t debugfs debugfs /sys/kernel/debug
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
exec >/dev/ttyS1 2>&1
# shellcheck source=/dev/null
. /peers/ENV
reps=${HIDS_BENCH_REPS:-4}
secs=${HIDS_BENCH_SECONDS:-3}
echo "# kernel $(uname -r), $(nproc) CPUs, $reps repetitions of ${secs}s"
mkdir -p /var/log/audit

off() {
	echo 1 >/proc/sys/kernel/sysrq
	echo o >/proc/sysrq-trigger
	sleep 10
}

# wait_for SECONDS COMMAND...: until COMMAND succeeds; false on timeout.
wait_for() {
	n=$(($1 * 10))
	shift
	while ! "$@" 2>/dev/null; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || return 1
		sleep 0.1
	done
}

hids_load() {	# hids_load COMM SLOT
	hidsctl load /peers/ngram.hidsm --comm "$1" --slot "$2" \
		--threshold 30000 --running-threshold 30000 >/dev/null
}

# http_requests: requests served in $secs, one client after another.
http_requests() {
	# shellcheck disable=SC2016
	timeout "$secs" sh -c 'while busybox wget -q -O /dev/null http://127.0.0.1:8080/; do
		printf .; done' >/tmp/http.dots
	wc -c </tmp/http.dots
}

# Audit stays registered from the first auditd run on: between its runs a
# task,never rule keeps new tasks out of the audit path (a kernel that once
# had audit on gives every new task an audit context unless a task rule
# says never), and auditing is off.
audit_quiet() {
	auditctl -D >/dev/null && auditctl -a task,never >/dev/null && auditctl -e 0 >/dev/null
}

up() {
	case $1 in
	none) ;;
	hids)
		insmod /peers/hids.ko && hids_load hammer 0 && hids_load busybox 1 ;;
	hids_other)
		insmod /peers/hids.ko && hids_load nosuchprogram 0 ;;
	auditd)
		if ! pidof auditd >/dev/null; then
			auditd || return 1
			wait_for 30 sh -c 'auditctl -s | grep -q "^pid [1-9]"' || return 1
		fi
		auditctl -D >/dev/null && auditctl -e 1 >/dev/null &&
			auditctl -a always,exit -F arch=b64 -S openat -k peers >/dev/null ;;
	lttng)
		lttng create peers --output=/tmp/lttng-peers >>/tmp/lttng.log 2>&1 &&
			lttng enable-event --kernel --syscall --all >>/tmp/lttng.log 2>&1 &&
			lttng start >>/tmp/lttng.log 2>&1 ;;
	bpftrace)
		bpftrace -e 'tracepoint:raw_syscalls:sys_enter { }' >/tmp/bpftrace.log 2>&1 &
		wait_for 300 grep -q "Attaching 1 probe" /tmp/bpftrace.log ;;
	falco)
		insmod /peers/scap.ko || return 1
		sysdig -w /dev/null >/tmp/sysdig.log 2>&1 &
		# Capturing once sysdig holds the driver's devices open.
		# shellcheck disable=SC2016
		wait_for 120 sh -c '[ "$(cat /sys/module/scap/refcnt)" -gt 0 ]' ;;
	esac
}

down() {
	case $1 in
	hids | hids_other) rmmod hids ;;
	auditd) audit_quiet ;;
	bpftrace)
		# shellcheck disable=SC2046
		kill $(pidof bpftrace)
		wait_for 60 sh -c '! pidof bpftrace >/dev/null' ;;
	lttng)
		lttng stop peers >>/tmp/lttng.log 2>&1 &&
			lttng list peers --kernel >/tmp/lttng.list 2>>/tmp/lttng.log &&
			lttng destroy peers >>/tmp/lttng.log 2>&1 && rm -rf /tmp/lttng-peers ;;
	falco)
		# shellcheck disable=SC2046
		kill $(pidof sysdig)
		wait_for 60 sh -c '! pidof sysdig >/dev/null' && rmmod scap ;;
	esac
}

busybox ip link set lo up
mkdir -p /www
head -c 1024 /dev/zero | tr '\0' x >/www/index.html
busybox httpd -p 127.0.0.1:8080 -h /www || { echo "# busybox httpd did not start"; off; }
wait_for 30 busybox wget -q -O /dev/null http://127.0.0.1:8080/ ||
	{ echo "# busybox httpd does not answer"; off; }

monitors="none hids hids_other auditd bpftrace"
# LTTng's session daemon loads its kernel modules once, at start.
if [ -s /peers/lttng.why ]; then
	echo "unavailable lttng $(cat /peers/lttng.why)"
elif ! modprobe lttng-tracer >/tmp/lttng.log 2>&1; then
	echo "unavailable lttng its tracer does not load: $(head -n 1 /tmp/lttng.log)" \
		"$(dmesg | grep -m 1 -i lttng)"
elif ! { lttng-sessiond >>/tmp/lttng.log 2>&1 &
	wait_for 120 sh -c 'lttng list --kernel >/dev/null'; }; then
	echo "unavailable lttng its session daemon has no kernel tracer:" \
		"$(grep -m 1 -i 'error' /tmp/lttng.log)"
else
	monitors="$monitors lttng"
fi
if [ -e /peers/scap.ko ]; then
	monitors="$monitors falco"
else
	echo "unavailable falco $(cat /peers/scap.why)"
fi
for r in $(seq "$reps"); do
	# Turn the order: each repetition starts one monitor further on.
	# shellcheck disable=SC2086
	set -- $monitors
	i=1
	while [ "$i" -lt "$r" ]; do
		m=$1
		shift
		set -- "$@" "$m"
		i=$((i + 1))
	done
	for m in "$@"; do
		if ! up "$m"; then
			echo "# $m did not start"
			tail -n 5 /tmp/bpftrace.log /tmp/lttng.log /tmp/sysdig.log 2>/dev/null
			off
		fi
		g=$(hammer -s "$secs")
		h=$(http_requests)
		down "$m" || { echo "# $m did not stop"; off; }
		echo "rep $r $m getppid $g"
		echo "rep $r $m http $h"
		if [ "$m" = lttng ]; then
			echo "# lttng, round $r: $(grep -i 'discarded' /tmp/lttng.list | sed 's/^[[:space:]]*//' | paste -sd ';' -)"
		fi
	done
done
echo "HIDS-VM-PEERS-COMPLETE"
off

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

# hold_tracepoint_keys: keep the tracepoints hids hooks switched on, each
# with two probes of its own (trace events whose filter matches nothing, in
# the top trace instance and in one more), so that loading and unloading
# hids patches no kernel text: neither the tracepoint's static key (0 <->
# 1 probes) nor its static call (1 <-> 2 probes) changes.  Under
# multi-threaded TCG, QEMU was seen running a stale translation of a call
# site another vCPU had just patched (text_poke_bp): an int3 taken after
# the poke had finished and its final sync IPI had run, which the kernel
# reports as "Oops: int3" in trace_syscall_exit -- a hole in QEMU's
# cross-vCPU self-modifying-code handling (on hardware the sync IPI
# serializes every CPU), not a probe that spins.  The lanes that run one
# vCPU at a time still patch under load (t/85, t/90).
hold_tracepoint_keys() {
	local tr=/sys/kernel/tracing d e
	[ -d $tr/events ] || mount -t tracefs tracefs $tr
	mkdir -p $tr/instances/hold || return 1
	for d in $tr $tr/instances/hold; do
		for e in raw_syscalls/sys_enter raw_syscalls/sys_exit sched/sched_process_exec \
			 sched/sched_process_exit sched/sched_process_fork \
			 io_uring/io_uring_submit_req io_uring/io_uring_submit_sqe; do
			# One of the two io_uring submission events exists.
			[ -d $d/events/$e ] || continue
			echo 'common_pid == -1' >$d/events/$e/filter &&
				echo 1 >$d/events/$e/enable || return 1
		done
	done
}

# wait_until TENTHS COMMAND...: run COMMAND every 0.1 s until it succeeds,
# at most TENTHS times; fails when it never did.
wait_until() {
	# Not n: COMMAND may be a function that sets a variable of that name.
	local wait_left=$1
	shift
	while [ "$wait_left" -gt 0 ]; do
		"$@" && return 0
		wait_left=$((wait_left - 1))
		sleep 0.1
	done
	return 1
}

# listening ERRFILE: wait (up to 20 s) until the hidsctl monitor whose
# stderr goes to ERRFILE says it listens.
listening() {
	wait_until 200 grep -qs "monitor: listening" "$1"
}

# all_slots_off: no slot protects or records anything (a test that counts
# calls must not share them with a slot an earlier test left on).
all_slots_off() {
	local i=0
	while [ $i -lt 8 ]; do
		hidsctl set --slot $i --mode off >/dev/null 2>&1
		i=$((i + 1))
	done
}

# churn_reliability FILE: the slot changes and model loads a genl_ops churn
# summary in FILE reports, for the reliability line.
churn_reliability() {
	reliability slot_changes "$(sed -n 's/^churn: \([0-9]*\) changes.*/\1/p' "$1")"
	reliability model_swaps "$(sed -n 's/.* \([0-9]*\) model loads.*/\1/p' "$1")"
}

# worker_steps: calls scored so far for hammer's busiest thread (its worker;
# the main thread only waits).
worker_steps() {
	hidsctl threads --json | grep '"comm":"hammer"' |
		sed -n 's/.*"steps":\([0-9]*\).*/\1/p' | sort -n | tail -n 1
}

module_loaded() {
	grep -q '^hids ' /proc/modules
}

# slot_json N: slot N's line of hidsctl show --json; json_num KEY: a number
# of the line on standard input.
slot_json() { hidsctl show --json | grep "^{\"slot\":$1,"; }
json_num() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }

# bound_run TAG MODEL "LOAD_OPTIONS" PROGRAM [ARG...]: start PROGRAM
# waiting on a line from /tmp/go, bind it by pid to slot 2 with MODEL and
# the hidsctl load options, let it run to its end under a monitor, unload.
# Its pid in $pid, its exit status in $status, its output in /tmp/TAG.out,
# the alerts in /tmp/TAG.json (the monitor's stderr in /tmp/TAG.err).
bound_run() {
	local tag=$1 model=$2 opts=$3 mon
	shift 3
	rm -f /tmp/go
	mkfifo /tmp/go
	hidsctl monitor --json >/tmp/$tag.json 2>/tmp/$tag.err &
	mon=$!
	"$@" </tmp/go >/tmp/$tag.out &
	pid=$!
	exec 7>/tmp/go
	listening /tmp/$tag.err
	# shellcheck disable=SC2086
	hidsctl load "$model" --pid "$pid" --slot 2 $opts >/dev/null
	echo go >&7
	exec 7>&-
	wait $pid
	status=$?
	sleep 1
	kill $mon
	wait $mon
	hidsctl unload --slot 2 >/dev/null
}

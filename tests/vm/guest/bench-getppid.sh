#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest half of bench/vm_bench.sh: a getppid() loop (hammer, one thread,
# REPS rounds of SECONDS each) with no module, with the module loaded and
# nothing protected, and with hammer protected by /data/random.hidsm in
# detect mode (scoring on, thresholds that never fire).  The order turns
# round each repetition (off idle on, on idle off) so drift cancels.  One
# line per repetition:
#   rep N off CALLS idle CALLS on CALLS scored N inline N monitored N
# then HIDS-VM-BENCH-COMPLETE.  HIDS_BENCH_REPS, HIDS_BENCH_SECONDS from ENV.
reps=${HIDS_BENCH_REPS:-12}
secs=${HIDS_BENCH_SECONDS:-1}
echo "# kernel $(uname -r), $(nproc) CPUs, $reps repetitions of ${secs}s"

counter() {	# counter NAME: from hidsctl status --json
	hidsctl status --json | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"
}

protect() {
	hidsctl load /data/random.hidsm --comm hammer --slot 0 \
		--threshold 30000 --running-threshold 30000 >/dev/null
}

# run_on: hammer under the model; the counters of that run alone.
run_on() {
	hidsctl reset-counters
	on=$(hammer -s "$secs")
	# The scorer may still be draining the last calls: wait for it.
	for _ in $(seq 50); do
		[ "$(counter scored)" -ge "$(counter monitored)" ] && break
		sleep 0.1
	done
	scored=$(counter scored) inl=$(counter scored_inline) mon=$(counter monitored)
}

for r in $(seq "$reps"); do
	if [ $((r % 2)) -eq 1 ]; then
		off=$(hammer -s "$secs")
		insmod /hids.ko || { echo "insmod failed"; exit 1; }
		idle=$(hammer -s "$secs")
		protect || { echo "load failed"; exit 1; }
		run_on
		rmmod hids
	else
		insmod /hids.ko || { echo "insmod failed"; exit 1; }
		protect || { echo "load failed"; exit 1; }
		run_on
		hidsctl unload --slot 0
		idle=$(hammer -s "$secs")
		rmmod hids
		off=$(hammer -s "$secs")
	fi
	echo "rep $r off $off idle $idle on $on scored $scored inline $inl monitored $mon"
done
echo "HIDS-VM-BENCH-COMPLETE"

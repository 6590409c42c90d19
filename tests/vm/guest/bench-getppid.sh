#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest half of bench/vm_bench.sh: a getppid() loop (hammer, one thread,
# REPS rounds of SECONDS each) with no module, with the module loaded and
# nothing protected, and with hammer protected by /data/random.hidsm in
# detect mode (scoring on, thresholds that never fire), then the same with
# the enforce response (each call scored in the probe before it runs).  The
# order turns round each repetition (off idle on enforce, on enforce idle
# off) so drift cancels.  One line per repetition:
#   rep N off CALLS idle CALLS on CALLS scored N inline N monitored N enforce CALLS
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

# run_enforce: the same model, the enforce response (tested by hidsctl).
run_enforce() {
	hidsctl set --slot 0 --response enforce >/dev/null || { echo "enforce refused"; exit 1; }
	enf=$(hammer -s "$secs")
	hidsctl set --slot 0 --response log >/dev/null
}

for r in $(seq "$reps"); do
	if [ $((r % 2)) -eq 1 ]; then
		off=$(hammer -s "$secs")
		insmod /hids.ko || { echo "insmod failed"; exit 1; }
		idle=$(hammer -s "$secs")
		protect || { echo "load failed"; exit 1; }
		run_on
		run_enforce
		rmmod hids
	else
		insmod /hids.ko || { echo "insmod failed"; exit 1; }
		protect || { echo "load failed"; exit 1; }
		run_on
		run_enforce
		hidsctl unload --slot 0
		idle=$(hammer -s "$secs")
		rmmod hids
		off=$(hammer -s "$secs")
	fi
	echo "rep $r off $off idle $idle on $on scored $scored inline $inl monitored $mon enforce $enf"
done
echo "HIDS-VM-BENCH-COMPLETE"

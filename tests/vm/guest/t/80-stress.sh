# SPDX-License-Identifier: GPL-2.0
# Load: 8 threads hammering plus thread churn while the model is swapped 50
# times and a recording (of the short-lived processes) runs; then counters
# must add up and rmmod (in 90-unload) must find every byte returned.
# The load runs at nice 19: under TCG it would otherwise starve the 50
# hidsctl runs (about 10 s each) and the test would measure QEMU, not hids.
hammer -l -t 8 >/dev/null &
load=$!
( while :; do hammer -l -t 2 -n 200 >/dev/null; /bin/true; done ) &
churn=$!
hidsctl record --comm true --slot 7 -o /tmp/stress.sc --duration 600 2>/tmp/stress.err &
rec=$!
fails=0
i=0
while [ $i -lt 50 ]; do
	hidsctl load /data/random.hidsm --comm hammer --slot 0 --replace --threshold 0 --running-threshold 0 \
		>/dev/null || fails=$((fails + 1))
	i=$((i + 1))
done
if [ $fails -eq 0 ]; then ok "50 model swaps under load"; else not_ok "$fails of 50 swaps failed"; fi
sleep 1
st=$(hidsctl status --json)
v() { echo "$st" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
diag "$st"
if [ "$(v scored)" -gt 0 ] && [ "$(v scored)" -le "$(v monitored)" ]; then
	ok "counters consistent: scored $(v scored) <= monitored $(v monitored)"
else
	not_ok "counters: scored $(v scored) monitored $(v monitored)"
fi
kill $churn $load
wait $churn $load 2>/dev/null
kill -INT $rec
wait $rec
diag "stress recording: $(cat /tmp/stress.err)"
hidsctl unload --slot 0
sleep 0.5
n=$(hids_stat threads)
if [ "$n" = 0 ]; then ok "no thread tracked after the load"; else not_ok "threads tracked after the load: $n"; fi

# SPDX-License-Identifier: GPL-2.0
# Load: 8 threads hammering plus thread churn while the model is swapped 50
# times and a recording runs; then counters must add up and rmmod (in
# 90-unload) must find every byte returned.
hammer -t 8 >/dev/null &
load=$!
( while :; do hammer -t 2 -n 200 >/dev/null; done ) &
churn=$!
hidsctl record --all --slot 7 -o /tmp/stress.sc --duration 30 2>/dev/null &
rec=$!
fails=0
i=0
while [ $i -lt 50 ]; do
	hidsctl load /data/random.hidsm --comm hammer --slot 0 --threshold 0 --running-threshold 0 \
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
hidsctl unload --slot 0
sleep 0.5
n=$(hidsctl status --json | sed -n 's/.*"threads":\([0-9]*\).*/\1/p')
if [ "$n" = 0 ]; then ok "no thread tracked after the load"; else not_ok "threads tracked after the load: $n"; fi

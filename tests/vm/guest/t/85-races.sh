# SPDX-License-Identifier: GPL-2.0
# Races between a thread's own calls and the operator's changes.  Each part
# failed on the code before its fix: a probe took a thread reference from
# zero (refcount WARN, then a use-after-free in the scorer), a non-leader
# exec left an entry behind under a tid that no longer existed, calls
# discarded on a slot change were never counted, and a slot change during
# rmmod re-armed the trace flush after it was cancelled.
: "${CHURN_CHANGES:=600}"
stop_churn() { touch /tmp/stop-churn; wait "$@" 2>/dev/null; rm -f /tmp/stop-churn; }

# Short-lived threads until /tmp/stop-churn: 4 at a time, each calling about
# once a millisecond; /tmp/exits counts the threads that came and went.
thread_churn() {
	n=0
	while [ ! -f /tmp/stop-churn ]; do
		hammer -t 4 -n 20 -u 1000 >/dev/null
		n=$((n + 5))
		echo $n >/tmp/exits
	done
}

# Sparse callers: their scorer keeps up, so nearly every call queues the
# thread anew -- the reference taken there is the one that raced.
rm -f /tmp/stop-churn /tmp/exits
hammer -t 4 -u 1000 >/dev/null &
sparse=$!
thread_churn &
exits=$!
genl_ops churn 0 /data/random.hidsm hammer "$CHURN_CHANGES" >/tmp/churn.out
rc=$?
out=$(cat /tmp/churn.out)
kill $sparse
stop_churn $sparse $exits
if [ $rc -eq 0 ]; then ok "slot and model churn racing sparse callers: $out"; else not_ok "churn: rc $rc $out"; fi
churn_reliability /tmp/churn.out
reliability thread_exits "$(cat /tmp/exits 2>/dev/null || echo 0)"

# Every call of a detecting thread is scored or counted as dropped, also
# the ones a slot change discards: with nothing else protected,
# monitored = scored + dropped + skipped once the scorers are idle.
all_slots_off
hidsctl reset-counters
hammer -t 4 -u 1000 >/dev/null &
sparse=$!
genl_ops churn 0 /data/random.hidsm hammer "$CHURN_CHANGES" detect-only >/tmp/churn.out
kill $sparse
wait $sparse 2>/dev/null
hidsctl unload --slot 0 >/dev/null
sleep 1
m=$(hids_stat monitored) s=$(hids_stat scored) d=$(hids_stat dropped) k=$(hids_stat skipped)
if [ -n "$m" ] && [ "$m" -gt 0 ] && [ "$m" -eq $((s + d + k)) ]; then
	ok "every monitored call scored, skipped or counted dropped: $m = $s + $d + $k"
else
	not_ok "monitored $m != scored $s + dropped $d + skipped $k"
fi
churn_reliability /tmp/churn.out

# A thread other than the leader execs: it takes the leader's tid, and its
# own tid must not stay tracked (nor count against max_threads).
check "record slot 1 for comm execer" hidsctl set --slot 1 --mode record --comm execer
tid=$(execer 50 /bin/true)
left=$(hidsctl threads | awk -v t="$tid" 'NR > 1 && $1 == t')
n=$(hids_stat threads)
if [ -n "$tid" ] && [ -z "$left" ] && [ "$n" = 0 ]; then
	ok "non-leader exec leaves nothing under its old tid $tid"
else
	not_ok "after non-leader exec (tid '$tid'): $n threads tracked: $left"
fi
hidsctl set --slot 1 --mode off >/dev/null

# The pool runs out: max_threads=16 and 32 threads.  The rest run
# untracked and counted; nothing else breaks, and everything comes back.
# (No alert ring here or below: kept alerts hold memory by design, and the
# memory checks count threads and configurations.)
check "reload with max_threads=16" sh -c 'rmmod hids && insmod /hids.ko max_threads=16 alert_ring=0'
# Both slots' configurations exist from here on (they stay allocated when off).
hidsctl set --slot 1 --mode off --comm execer >/dev/null
hidsctl set --slot 0 --mode off --comm hammer >/dev/null
mem_idle=$(hids_stat memory_bytes)
hidsctl load /data/random.hidsm --comm hammer --slot 0 --threshold 0 --running-threshold 0 >/dev/null
hidsctl set --slot 1 --mode record --comm execer >/dev/null
i=0
while [ $i -lt 20 ]; do execer 20 /bin/true >/dev/null; i=$((i + 1)); done
n=$(hids_stat threads)
if [ "$n" = 0 ]; then ok "20 non-leader execs leave the pool empty"; else not_ok "$n entries left by 20 non-leader execs"; fi
hidsctl set --slot 1 --mode off >/dev/null
# 33 threads calling about once a millisecond: all alive at once however
# slowly the emulated guest runs.
hammer -t 32 -u 1000 >/dev/null &
pid=$!
for _ in $(seq 100); do
	u=$(hids_stat untracked)
	[ "${u:-0}" -gt 0 ] && break
	sleep 0.1
done
n=$(hids_stat threads)
kill $pid
wait $pid 2>/dev/null
if [ "$n" -le 16 ] && [ "$n" -gt 0 ] && [ "$u" -gt 0 ]; then
	ok "pool of 16 full: $n tracked, $u calls untracked"
else
	not_ok "pool of 16: $n tracked, $u untracked"
fi
hidsctl unload --slot 0 >/dev/null
sleep 0.5
n=$(hids_stat threads) mem=$(hids_stat memory_bytes)
if [ "$n" = 0 ] && [ "$mem" = "$mem_idle" ]; then
	ok "after the full pool: no thread tracked, memory back to $mem bytes"
else
	not_ok "after the full pool: $n threads, memory $mem (idle $mem_idle)"
fi
check "reload with the default pool" sh -c 'rmmod hids && insmod /hids.ko alert_ring=0'

# Children bound at fork and images rebound at exec, racing slot changes:
# processes fork, exec and exit while the slot that binds them churns.
rm -f /tmp/stop-churn
hidsctl set --slot 0 --mode off --comm escaper >/dev/null
mem_idle=$(hids_stat memory_bytes)
(while [ ! -f /tmp/stop-churn ]; do escaper forkloop 10 || echo fail >/tmp/forkloop.fail; done) &
forks=$!
genl_ops churn 0 /data/random.hidsm escaper "$CHURN_CHANGES" >/tmp/churn.out
rc=$?
stop_churn $forks
hidsctl set --slot 0 --mode off >/dev/null
hidsctl unload --slot 0 >/dev/null
sleep 0.5
n=$(hids_stat threads) mem=$(hids_stat memory_bytes)
if [ $rc -eq 0 ] && [ ! -f /tmp/forkloop.fail ] && [ "$n" = 0 ] && [ "$mem" = "$mem_idle" ]; then
	ok "fork and exec inheritance racing slot churn: $(cat /tmp/churn.out); nothing left"
else
	not_ok "fork/exec churn: rc $rc, $n threads, memory $mem (idle $mem_idle): $(cat /tmp/churn.out)"
fi
churn_reliability /tmp/churn.out

# Listeners that come and go while alerts go out by unicast (a closed
# socket is forgotten, a full one costs the alert, nothing else).
check "reload with force_unicast=1" sh -c 'rmmod hids && insmod /hids.ko force_unicast=1'
hammer -t 2 -u 1000 >/dev/null &
load=$!
hidsctl load /data/random.hidsm --pid "$load" --slot 2 --threshold 0.01 --window 8 \
	--alert-interval 1 >/dev/null
got=0
i=0
while [ $i -lt 20 ]; do
	n=$(hidsctl monitor --count 3 --duration 2 2>/dev/null | wc -l)
	got=$((got + n))
	i=$((i + 1))
done
kill $load
wait $load 2>/dev/null
hidsctl unload --slot 2 >/dev/null
if [ "$got" -ge 20 ]; then ok "20 unicast listeners in turn got alerts ($got)"; else not_ok "unicast listeners in turn got $got alerts"; fi
check "reload with the default delivery" sh -c 'rmmod hids && insmod /hids.ko'

# rmmod while a slot detects and the scorers have work queued.
hidsctl load /data/random.hidsm --comm hammer --slot 0 --threshold 0 --running-threshold 0 >/dev/null
hammer -t 8 >/dev/null &
load=$!
sleep 1
leaks=$(leak_reports)
check "rmmod with a detecting slot and queued work" rmmod hids
kill $load
wait $load 2>/dev/null
if [ "$(leak_reports)" = "$leaks" ]; then ok "rmmod returned every byte"; else not_ok "rmmod leaked: $(dmesg | grep 'hids: memory leak' | tail -1)"; fi
check "insmod after it" insmod /hids.ko

# Slot changes (record and detect) racing rmmod/insmod: every change is
# taken whole, refused, or finds the family gone -- nothing runs after
# the module's teardown began.
hammer -t 2 -u 1000 >/dev/null &
load=$!
genl_ops churn 1 /data/random.hidsm hammer 1000000000 absent-ok >/tmp/churn.out &
churn=$!
fails=0
i=0
while [ $i -lt 20 ]; do
	sleep 0.2
	rmmod hids || fails=$((fails + 1))
	insmod /hids.ko || fails=$((fails + 1))
	i=$((i + 1))
done
kill $churn $load
wait $churn
rc=$?
wait $load 2>/dev/null
out=$(cat /tmp/churn.out)
if [ $fails -eq 0 ] && [ $rc -eq 0 ]; then
	ok "20 rmmod/insmod cycles racing slot changes: $out"
else
	not_ok "rmmod/insmod racing slot changes: $fails cycle failures, churn rc $rc: $out"
fi
churn_reliability /tmp/churn.out
module_loaded || insmod /hids.ko
# The churn may have stopped anywhere in its cycle: leave slot 1 empty.
hidsctl set --slot 1 --mode off >/dev/null
hidsctl unload --slot 1 >/dev/null

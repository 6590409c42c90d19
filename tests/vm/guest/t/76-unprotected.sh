# SPDX-License-Identifier: GPL-2.0
# Threads no slot protects are remembered as such, per CPU, so that their
# calls skip the lookup and the selectors.  Whatever can make such a thread
# match must make it forget: a rename, a move into the slot's cgroup, an
# exec, a slot change.  Each check lets the thread call first as nobody's
# (remembered), then changes one thing; its later calls must reach the
# slot (monitored grows by them).  Every program runs on CPU 0 alone
# (taskset): without the cache's invalidation a thread that stays on its
# CPU stays unseen, and exec or a wakeup could not move it away to a CPU
# that never saw it.
all_slots_off
monitored() { slot_json 0 | json_num monitored; }

check "slot 0 records --comm renamed" hidsctl set --slot 0 --mode record --comm renamed
m0=$(monitored)
taskset 1 escaper rename renamed
n=$(($(monitored) - m0))
if [ "$n" -ge 1000 ]; then ok "a thread renamed into the selector is seen ($n calls)"; else not_ok "renamed thread: $n calls monitored, want >= 1000"; fi

mkdir -p /sys/fs/cgroup/neg-a /sys/fs/cgroup/neg-b
check "slot 0 records --cgroup /neg-b" hidsctl set --slot 0 --mode record --cgroup /neg-b
taskset 1 sh -c 'echo $$ > /sys/fs/cgroup/neg-a/cgroup.procs; exec hammer -u 500' >/dev/null &
pid=$!
sleep 1
m0=$(monitored)
sleep 1
before=$(($(monitored) - m0))
echo $pid > /sys/fs/cgroup/neg-b/cgroup.procs
sleep 1
m1=$(monitored)
sleep 1
after=$(($(monitored) - m1))
kill $pid
wait $pid 2>/dev/null
if [ "$before" -eq 0 ] && [ "$after" -gt 100 ]; then
	ok "a process moved into the slot's cgroup is seen (0 calls before, $after in a second after)"
else
	not_ok "cgroup move: $before calls before, $after after"
fi

# dd makes its calls in the thread that exec'd (hammer's would be a new one).
check "slot 0 records --comm dd" hidsctl set --slot 0 --mode record --comm dd
m0=$(monitored)
taskset 1 sh -c 'i=0; while [ $i -lt 200 ]; do echo $i >/dev/null; i=$((i + 1)); done
	exec dd if=/dev/zero of=/dev/null bs=1 count=1000 2>/dev/null'
n=$(($(monitored) - m0))
if [ "$n" -ge 2000 ]; then ok "a shell that execs into the selector is seen ($n calls)"; else not_ok "exec: $n calls monitored, want >= 2000"; fi

# Another slot on keeps the probes on while hammer calls as nobody's.
check "slot 0 off, slot 1 on for a name no task has" sh -c \
	'hidsctl set --slot 0 --mode off && hidsctl set --slot 1 --mode record --comm no-such-task'
taskset 1 hammer -u 500 >/dev/null &
pid=$!
sleep 1
check "slot 0 records --comm hammer again" hidsctl set --slot 0 --mode record --comm hammer
m0=$(monitored)
sleep 1
n=$(($(monitored) - m0))
kill $pid
wait $pid 2>/dev/null
if [ "$n" -gt 100 ]; then ok "a slot switched on sees a thread remembered as nobody's ($n calls)"; else not_ok "slot change: $n calls monitored"; fi
check "slots 0 and 1 off at the end" sh -c \
	'hidsctl set --slot 0 --mode off && hidsctl set --slot 1 --mode off'
rmdir /sys/fs/cgroup/neg-a /sys/fs/cgroup/neg-b

# SPDX-License-Identifier: GPL-2.0
# Evasion routes: a protected process must not step around its detector.
# - Overflow drop: bursts of cheap calls overflow the ring; the calls queued
#   before each gap are still scored, the means go on across it, and the gap
#   is an alert of its own kind.  (Before, a gap reset the thread and threw
#   its queue away: this pattern never alerted in drop mode.)
# - Compat calls: execve through int $0x80 (11, munmap's native number) is
#   recorded and scored as execve, and a thread's first such call is an
#   event of its own.
# - io_uring: requests a protected thread submits are calls of their own
#   ("io_uring:openat"), in records and scores alike.
# - Selectors: a protected process that renames itself and starts a thread,
#   that execs a shell, or (selected by pid) forks a child, stays protected;
#   --exe matches the executable's inode whatever the process is called.
# - Kill safeguards: a spared executable and the init of a pid namespace
#   survive a slot that kills, and killed counts only signals sent.
# - Signal returns: a model that skips them still scores one that no signal
#   left a frame for (a forged one: sigreturn-oriented programming), as the
#   unknown call, and counts it (forged_sigreturns); real ones are skipped.
# - A full pool fails closed: threads a slot selects but cannot track are
#   counted per slot, reported once per process, killed where the slot
#   kills; a slot's own thread limit holds.
all_slots_off
# until_untracked SLOT N: wait (up to 10 s) until slot SLOT counts N untracked
# threads, i.e. every thread of a process started at nice 19 under TCG has
# made its first call (a fixed sleep sampled the pool while some threads
# had not been created yet).
untracked_is() {	# untracked_is SLOT N
	[ "$(slot_json "$1" | json_num untracked)" = "$2" ]
}
until_untracked() {
	wait_until 100 untracked_is "$1" "$2"
}

# burst_run OVERFLOW: a SCHED_FIFO burster (the scorer cannot run during its
# bursts) under that policy; alerts in /tmp/burst.json, calls dropped in
# $dropped (no other slot is on: only the burster drops).
burst_run() {
	dropped=$(hids_stat dropped)
	bound_run burst /data/getppid.hidsm "--threshold 1 --running-threshold 0 --overflow $1" \
		burster -f -r 20
	dropped=$(($(hids_stat dropped) - dropped))
}

burst_run backpressure
n=$(grep -c '"hids.kind":"window"' /tmp/burst.json)
if [ "$n" -ge 1 ]; then ok "back-pressure: the burst pattern alerts ($n window alerts)"; else not_ok "back-pressure: no alert for the burst pattern: $(cat /tmp/burst.json /tmp/burst.err)"; fi
if [ "$dropped" -eq 0 ]; then ok "back-pressure drops no call"; else not_ok "back-pressure dropped $dropped calls"; fi
burst_run drop
if [ "$dropped" -gt 0 ]; then ok "drop: the bursts overflowed the ring ($dropped calls dropped)"; else not_ok "drop: no call dropped, the pattern did not overflow the ring"; fi
n=$(grep -c '"hids.kind":"window"' /tmp/burst.json)
if [ "$n" -ge 1 ]; then ok "drop: the burst pattern alerts as with back-pressure ($n window alerts)"; else not_ok "drop: no alert for the burst pattern: $(cat /tmp/burst.json /tmp/burst.err)"; fi
gaps=$(grep '"hids.kind":"gap"' /tmp/burst.json | grep -c '"rule":"hids: system calls dropped unscored"')
if [ "$gaps" -ge 1 ]; then ok "drop: gaps are alerts of their own kind ($gaps)"; else not_ok "drop: no gap alert"; fi

# The pool: 16 entries; hammer makes 33 threads (main + 32).
check "reload with max_threads=16" sh -c 'rmmod hids && insmod /hids.ko max_threads=16'
hidsctl monitor --json >/tmp/pool.json 2>/tmp/pool.err &
mon=$!
listening /tmp/pool.err
hidsctl load /data/getppid.hidsm --comm hammer --slot 0 --threshold 0 --running-threshold 0 >/dev/null
hammer -l -t 32 -s 12 >/dev/null &
pid=$!
until_untracked 0 17
tracked=$(hids_stat threads)
# The untracked threads retry on each call: no attempt may show in a count.
peak=$(genl_ops peak 0 1500)
kill $pid
wait $pid
sleep 1
kill $mon
wait $mon
untracked=$(slot_json 0 | json_num untracked)
if [ "$tracked" = 16 ] && [ "$untracked" = 17 ]; then
	ok "full pool: 16 threads tracked, the other 17 counted untracked in their slot"
else
	not_ok "full pool: $tracked tracked, slot untracked '$untracked' (want 16 and 17)"
fi
check "the pool's count never exceeded its limit ($peak)" sh -c "[ '${peak%% slot*}' = 'pool 16' ]"
check "the untracked counter counts threads" sh -c "[ $(hids_stat untracked) = 17 ]"
n=$(grep -c "\"rule\":\"hids: protected thread left untracked\".*\"proc.pid\":$pid," /tmp/pool.json)
if [ "$n" = 1 ]; then ok "one untracked alert for the process"; else not_ok "untracked alerts for pid $pid: $n: $(cat /tmp/pool.json /tmp/pool.err)"; fi
hidsctl load /data/getppid.hidsm --comm hammer --slot 0 --replace --threshold 0 --running-threshold 0 \
	--response kill >/dev/null
hammer -l -t 32 >/dev/null &
pid=$!
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then not_ok "kill response: a process the pool cannot hold is still alive"; kill "$pid"; else ok "kill response: a process the pool cannot hold is killed"; fi
wait $pid 2>/dev/null
hidsctl unload --slot 0 >/dev/null

check "reload with the default pool" sh -c 'rmmod hids && insmod /hids.ko'
check "slot 0 limited to 4 threads" hidsctl set --slot 0 --mode record --comm hammer --max-threads 4
hammer -l -t 8 -s 12 >/dev/null &
pid=$!
until_untracked 0 5
line=$(slot_json 0)
peak=$(genl_ops peak 0 1500)
kill $pid
wait $pid
untracked=$(slot_json 0 | json_num untracked)
if [ "$(echo "$line" | json_num threads)" = 4 ] && [ "$untracked" = 5 ]; then
	ok "slot limit: 4 of hammer's 9 threads tracked, 5 untracked"
else
	not_ok "slot limit: $line, untracked $untracked"
fi
# Only slot 0 is on: the pool's count is the slot's.
check "the slot's and the pool's counts never exceeded the slot's limit ($peak)" \
	sh -c "[ '$peak' = 'pool 4 slot 4' ]"
check "slot 0 off" hidsctl set --slot 0 --mode off

# Compat calls (kernels with ia32 emulation; the debug lane's has none).
if echo | int80 -n 0 2>/dev/null; then
	rm -f /tmp/go
	mkfifo /tmp/go
	hidsctl record --comm int80 -o /tmp/int80.sc --duration 4 2>/tmp/int80.err &
	rec=$!
	sleep 1
	int80 -n 5 </tmp/go &
	pid=$!
	echo go >/tmp/go
	wait $pid
	wait $rec
	if grep -q " int80 $pid execve >" /tmp/int80.sc; then
		ok "int \$0x80 execve recorded as execve"
	else
		not_ok "int \$0x80 execve not recorded as execve: $(grep " int80 $pid " /tmp/int80.sc | tail -3)"
	fi
	# In the munmap loop's model munmap costs ~0 nats; after 100 of them
	# <unk> costs 35.7 and execve then 12.9: over the 16-call window 2.23
	# and 3.04, so a threshold of 2.6 is crossed only by the two together.
	# (tests/vm/progs/score gives these figures on the host.)
	bound_run int80 /data/munmap.hidsm "--threshold 2.6 --running-threshold 0 --alert-interval 1" \
		int80 -n 100
	if grep '"proc.name":"int80"' /tmp/int80.json | grep -q '"<unk>","execve"\]'; then
		ok "int \$0x80 execve alerts: the first foreign call, then execve"
	else
		not_ok "no alert for int \$0x80 execve: $(cat /tmp/int80.json /tmp/int80.err)"
	fi
else
	tap_n=$((tap_n + 1)); echo "ok $tap_n - int \$0x80 calls # SKIP kernel without ia32 emulation"
	tap_n=$((tap_n + 1)); echo "ok $tap_n - int \$0x80 alerts # SKIP kernel without ia32 emulation"
fi

# Selectors a process escapes: renaming, exec, children; --exe by inode.
# alerted NAME: the alerts in /tmp/esc.json of processes called NAME.
alerted() { grep "\"proc.name\":\"$1\"" /tmp/esc.json; }
hidsctl monitor --json >/tmp/esc.json 2>/tmp/esc.err &
mon=$!
listening /tmp/esc.err
hidsctl load /data/getppid.hidsm --comm escaper --slot 2 --threshold 1 --running-threshold 0 >/dev/null
escaper thread innocent
escaper exec >/dev/null
rm -f /tmp/go
mkfifo /tmp/go
hidsctl load /data/getppid.hidsm --pid 1 --slot 2 --replace --threshold 1 --running-threshold 0 >/dev/null
escaper fork </tmp/go >/tmp/esc.out &
pid=$!
exec 7>/tmp/go
hidsctl set --slot 2 --pid "$pid" >/dev/null
echo go >&7
exec 7>&-
wait $pid
child=$(sed -n 's/^child //p' /tmp/esc.out)
ln -f /bin/escaper /bin/escaper-alias
cp /bin/escaper /bin/escaper-copy
hidsctl load /data/getppid.hidsm --exe /bin/escaper --slot 2 --replace --threshold 1 --running-threshold 0 >/dev/null
escaper-alias thread alias-thread
escaper-copy thread copy-thread
sleep 1
kill $mon
wait $mon
hidsctl unload --slot 2 >/dev/null
# The thread (its tid not its process's pid) alerts: judged from its first
# call, at its first calls its model never saw (getuid or before).
if alerted innocent | sed -n 's/.*"proc.pid":\([0-9]*\),"thread.tid":\([0-9]*\),.*/\1 \2/p' |
	awk '$1 != $2 { found = 1 } END { exit !found }'; then
	ok "a thread started after prctl(PR_SET_NAME) stays protected"
else
	not_ok "renamed process's thread: no alert: $(cat /tmp/esc.json /tmp/esc.err | tr '\n' ' ')"
fi
if alerted sh | grep -q .; then ok "an exec'd shell stays protected"; else not_ok "exec'd shell: no alert: $(cat /tmp/esc.json)"; fi
if [ -n "$child" ] && grep -q "\"proc.pid\":$child," /tmp/esc.json; then ok "a child of a --pid process stays protected"; else not_ok "child '$child' of --pid $pid: no alert"; fi
if alerted alias-thread | grep -q .; then ok "--exe matches a hard link to the file (its inode)"; else not_ok "--exe: no alert for a hard link of the executable"; fi
if ! alerted copy-thread | grep -q .; then ok "--exe does not match a copy of the file"; else not_ok "--exe matched a copy of the executable"; fi
rm -f /bin/escaper-alias /bin/escaper-copy
out=$(hidsctl set --slot 2 --mode record --exe /no/such/file 2>&1); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q "no such executable"; then ok "--exe of a missing file refused: $out"; else not_ok "--exe missing file: rc $rc '$out'"; fi

# io_uring: a program that opens and reads a file through its ring only.
# uring_run ARGS: uring bound with the model of its NOP loop.
uring_run() {
	bound_run uring /data/uring.hidsm "--threshold 1 --running-threshold 0" uring "$@"
}
uring_run -n 40
if ! grep -q "\"proc.pid\":$pid," /tmp/uring.json; then ok "io_uring NOPs its model saw: no alert"; else not_ok "io_uring NOPs alerted: $(cat /tmp/uring.json)"; fi
uring_run -n 40 -a
# The model never saw io_uring:openat: the alert lists it as its <unk>.
if grep "\"proc.pid\":$pid," /tmp/uring.json | grep -q '"io_uring_enter","<unk>"'; then
	ok "open and read through io_uring alert ($(cat /tmp/uring.out))"
else
	not_ok "no alert for io_uring open+read: $(cat /tmp/uring.out /tmp/uring.json /tmp/uring.err)"
fi
rm -f /tmp/go
mkfifo /tmp/go
hidsctl record --comm uring -o /tmp/uring.sc --duration 4 2>/tmp/uring.err &
rec=$!
sleep 1
uring -n 2 -a </tmp/go >/dev/null &
pid=$!
echo go >/tmp/go
wait $pid
wait $rec
if grep -q " uring $pid io_uring:openat >" /tmp/uring.sc && grep -q " uring $pid io_uring:read >" /tmp/uring.sc; then
	ok "io_uring requests recorded as io_uring:openat and io_uring:read"
else
	not_ok "io_uring requests not recorded: $(grep " uring $pid " /tmp/uring.sc | tail -5) $(cat /tmp/uring.err)"
fi

# Kill safeguards.
killed0=$(hids_stat killed)
hidsctl monitor --json >/tmp/spare.json 2>/tmp/spare.err &
mon=$!
listening /tmp/spare.err
hidsctl load /data/random.hidsm --comm hammer --slot 2 --threshold 0.01 --window 8 --response kill \
	--spare /bin/hammer >/dev/null
check "show lists the spared executable" sh -c 'hidsctl show | grep -q "spare /bin/hammer"'
hammer -l -s 3 >/dev/null &
pid=$!
wait $pid
rc=$?
hidsctl unload --slot 2 >/dev/null
if [ $rc -eq 0 ] && grep "\"proc.pid\":$pid," /tmp/spare.json | grep -q '"hids.response":"spared"'; then
	ok "a spared executable survives a slot that kills; its alert says spared"
else
	not_ok "spared executable: rc $rc, alerts: $(grep -c "\"proc.pid\":$pid," /tmp/spare.json)"
fi
if unshare -p -f true 2>/dev/null; then
	hidsctl load /data/random.hidsm --comm hammer --slot 3 --threshold 0.01 --window 8 \
		--response kill >/dev/null
	unshare -p -f hammer -l -s 3 >/dev/null
	rc=$?
	hidsctl unload --slot 3 >/dev/null
	if [ $rc -eq 0 ]; then ok "the init of a pid namespace survives a slot that kills"; else not_ok "pid namespace init: exit $rc"; fi
else
	tap_n=$((tap_n + 1)); echo "ok $tap_n - pid namespace init spared # SKIP kernel without pid namespaces"
fi
kill $mon
wait $mon
if [ "$(hids_stat killed)" = "$killed0" ]; then ok "killed counts no spared process"; else not_ok "killed grew from $killed0 to $(hids_stat killed) with every process spared: $(grep -v '"hids.response":"spared"' /tmp/spare.json)"; fi
out=$(hidsctl set --slot 2 --spare /no/such/file 2>&1); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q "no such executable"; then ok "--spare of a missing file refused: $out"; else not_ok "--spare missing file: rc $rc '$out'"; fi

# sigret_run [forge]: sigret's real signal returns (and with forge one
# forged) under a model that skips signal returns; sets forged (how many
# the kernel counted), skipped (real ones skipped) and rc (sigret's exit
# status).
sigret_ready() { grep -q ready /tmp/sigret.out; }
sigret_run() {
	local before skipped0
	before=$(hids_stat forged_sigreturns) skipped0=$(hids_stat skipped)
	rm -f /tmp/go
	mkfifo /tmp/go
	sigret "$@" </tmp/go >/tmp/sigret.out 2>&1 &
	pid=$!
	exec 7>/tmp/go
	wait_until 50 sigret_ready
	hidsctl load /data/ngram-skip.hidsm --pid "$pid" --slot 1 >/dev/null
	echo go >&7
	exec 7>&-
	wait $pid
	rc=$?
	hidsctl unload --slot 1 >/dev/null
	forged=$(($(hids_stat forged_sigreturns) - before))
	skipped=$(($(hids_stat skipped) - skipped0))
}
sigret_run
if [ $rc -eq 0 ] && [ "$forged" = 0 ] && [ "$skipped" = 3 ] && grep -q real /tmp/sigret.out; then
	ok "three real signal returns: skipped, none counted as forged"
else
	not_ok "real signal returns: rc $rc, $skipped skipped, $forged forged, out: $(cat /tmp/sigret.out)"
fi
sigret_run forge
if [ $rc -ge 128 ] && [ "$forged" = 1 ] && [ "$skipped" = 3 ]; then
	ok "a signal return without a signal is counted as forged (sigret killed by signal $((rc - 128)))"
else
	not_ok "forged signal return: rc $rc, $forged counted as forged (want 1), $skipped skipped"
fi

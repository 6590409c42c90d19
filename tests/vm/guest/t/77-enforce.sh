# SPDX-License-Identifier: GPL-2.0
# The enforce response: a call that crosses a threshold never runs, and the
# process is killed before it makes another.  Whether this kernel skips a
# call whose number the sys_enter probe set to -1 is the module's own test
# (HIDS_CMD_TEST_ENFORCE), which hidsctl runs on the first --response
# enforce.  Every lane's kernel carries "entry: Respect changes to system
# call number by trace_sys_enter()" (6.1 through the 6.1.y backport, 6.12,
# 7.x upstream), so the test must say available on each: a test that never
# rewrote the call, or read its result wrong, says otherwise.
all_slots_off
enforce_state() {
	hidsctl status --json | sed -n 's/.*"enforce":"\([a-z]*\)".*/\1/p'
}

state=$(enforce_state)
if [ "$state" = untested ]; then ok "enforce is untested after load"; else not_ok "enforce after load: '$state'"; fi
out=$(genl_ops enforce 2)
if [ "$out" = "EOPNOTSUPP: enforce is not tested on this kernel yet: HIDS_CMD_TEST_ENFORCE first" ]; then
	ok "the module refuses enforce before its test"
else
	not_ok "enforce before the test: '$out'"
fi
out=$(genl_ops enforce-test finish)
if [ "$out" = "EINVAL: no enforce test is armed" ]; then ok "finishing an unarmed test is refused"; else not_ok "finish unarmed: '$out'"; fi
out=$(genl_ops enforce-test arm finish | tr '\n' '|')
if [ "$out" = "OK|EAGAIN: the armed thread made no getppid() call|" ]; then
	ok "a test whose thread made no getppid() decides nothing"
else
	not_ok "arm, finish without getppid: '$out'"
fi
state=$(enforce_state)
if [ "$state" = untested ]; then ok "still untested"; else not_ok "after an empty test: '$state'"; fi
out=$(hidsctl load /data/getppid.hidsm --comm nobody-runs-me --slot 2 --response enforce 2>&1)
rc=$?
if [ $rc -eq 0 ]; then ok "load --response enforce accepted"; else not_ok "load --response enforce: rc $rc, '$out'"; fi
state=$(enforce_state)
if [ "$state" = available ]; then ok "the module's test says enforce is available on $(uname -r)"; else not_ok "enforce on $(uname -r): '$state'"; fi
if slot_json 2 | grep -q '"response":"enforce"'; then ok "show says enforce"; else not_ok "show: $(slot_json 2)"; fi
hidsctl unload --slot 2 >/dev/null

# The dropper makes the getppid calls its model knows, then creates a file:
# a window of one call crosses the threshold at that open.
rm -f /tmp/dropped
blocked=$(hids_stat blocked)
bound_run enforce /data/getppid.hidsm "--threshold 1 --running-threshold 0 --window 1 --response enforce" \
	dropper -n 200 /tmp/dropped
if [ ! -e /tmp/dropped ]; then ok "enforce: the dropper's file was never created"; else not_ok "enforce: /tmp/dropped exists: $(cat /tmp/enforce.out)"; fi
if [ "$status" = 137 ]; then ok "enforce: the dropper was killed"; else not_ok "enforce: dropper exit status $status: $(cat /tmp/enforce.out)"; fi
blocked=$(($(hids_stat blocked) - blocked))
if [ "$blocked" -ge 1 ]; then ok "enforce: blocked counter grew ($blocked)"; else not_ok "enforce: blocked counter did not grow"; fi
line=$(grep '"hids.response":"enforce"' /tmp/enforce.json | head -1)
# The open is a call the getppid model never saw: its unknown token.
if echo "$line" | grep -q '"hids.steps":201,.*"hids.calls":\[.*"getppid","<unk>"\]'; then
	ok "enforce: the alert came at call 201 (the open), its response enforce"
else
	not_ok "enforce: alert '$line' (all: $(cat /tmp/enforce.json /tmp/enforce.err))"
fi

# A process that ends before its window fills is judged all the same: its
# missing calls count 0, so its open, 11 calls into a window of 100, is
# past a threshold that 10 known calls stay under (running mean off), and
# never runs.  Judged only on full windows, it would finish unjudged.
rm -f /tmp/dropped
bound_run young /data/getppid.hidsm "--threshold 0.005 --running-threshold 0 --window 100 --response enforce" \
	dropper -n 10 /tmp/dropped
if [ ! -e /tmp/dropped ] && [ "$status" = 137 ]; then
	ok "enforce: a dropper of 12 calls in a window of 100 is stopped at its open"
else
	not_ok "young dropper: status $status, file $(ls /tmp/dropped 2>&1): $(cat /tmp/young.out)"
fi
line=$(grep '"hids.response":"enforce"' /tmp/young.json | head -1)
if echo "$line" | grep -q '"hids.kind":"window".*"hids.steps":11,'; then
	ok "enforce: its window alert came at call 11 of 100"
else
	not_ok "young dropper: alert '$line' (all: $(cat /tmp/young.json /tmp/young.err))"
fi

# A spared executable's call runs: the alert is logged, nothing stopped.
rm -f /tmp/dropped
bound_run spared /data/getppid.hidsm "--threshold 1 --running-threshold 0 --window 1 --response enforce --spare /bin/dropper" \
	dropper -n 200 /tmp/dropped
if [ -e /tmp/dropped ] && [ "$status" = 0 ]; then ok "enforce spares a spared executable: its call ran"; else not_ok "spared dropper: status $status, $(cat /tmp/spared.out)"; fi
if grep -q '"hids.response":"spared"' /tmp/spared.json; then ok "the spared alert says so"; else not_ok "spared alert: $(cat /tmp/spared.json)"; fi

# The kill response acts after the call, from the scorer: the file may be
# written, and the dropper gone, before the kill lands.
rm -f /tmp/dropped
bound_run kill /data/getppid.hidsm "--threshold 1 --running-threshold 0 --window 1 --response kill" \
	dropper -n 200 /tmp/dropped
# (Spared: the scorer found the dropper gone, nothing left to kill.)
if grep -q '"hids.steps":201,.*"hids.response":"\(kill\|spared\)"' /tmp/kill.json; then
	ok "kill: the same alert, response kill (or spared: gone)"
else
	not_ok "kill: no alert at call 201: $(cat /tmp/kill.json /tmp/kill.err)"
fi
if [ -e /tmp/dropped ]; then
	diag "kill: the dropper wrote its file (exit status $status) before the kill landed"
else
	diag "kill: the kill landed before the file was written (exit status $status)"
fi
rm -f /tmp/dropped

# A kill scored after the fact lands on the program that made the calls,
# never on one exec'd after them: a SCHED_FIFO burster makes 60 calls its
# model never saw and execs sleep before the scorer (on its CPU) can run;
# the scorer then finds those calls past the running threshold (from call
# 50), after the exec.  sleep makes fewer than 50 calls of its own.
bound_run exec /data/getppid.hidsm "--threshold 0 --running-threshold 1 --min-calls 50 --response kill" \
	burster -f -r 1 -b 0 -x 60 -e /bin/sleep 1
if [ "$status" = 0 ]; then ok "kill: the program exec'd after the calls lives"; else not_ok "kill: the exec'd sleep ended with status $status"; fi
if grep -q '"proc.name":"burster".*"hids.kind":"running".*"hids.response":"spared"' /tmp/exec.json; then
	ok "kill: the alert names the calls' program, spared"
else
	not_ok "kill after exec: $(cat /tmp/exec.json /tmp/exec.err)"
fi

# The process that loaded a slot's model is never killed by it: a slot
# that kills every hidsctl (comm) on its first improbable calls spares the
# hidsctl that loaded it, which then prints its result and exits 0.  The
# monitor runs as a copy named hidsmon, the unload goes through genl_ops:
# any other hidsctl would be killed.
cp /bin/hidsctl /tmp/hidsmon
/tmp/hidsmon monitor --json >/tmp/loader.json 2>/tmp/loader.err &
mon=$!
listening /tmp/loader.err
killed0=$(hids_stat killed)
out=$(hidsctl load /data/random.hidsm --comm hidsctl --slot 0 --replace --threshold 0.01 \
	--window 8 --response kill --alert-interval 1)
rc=$?
sleep 1
out2=$(genl_ops send 8 6)
kill $mon
wait $mon
if [ $rc -eq 0 ] && echo "$out" | grep -q "^slot 0:"; then ok "the loading hidsctl lived to report its load"; else not_ok "loader: rc $rc, '$out'"; fi
if grep -q '"proc.name":"hidsctl".*"hids.response":"spared"' /tmp/loader.json; then ok "its alerts say spared"; else not_ok "loader alerts: $(cat /tmp/loader.json /tmp/loader.err)"; fi
if [ "$(hids_stat killed)" = "$killed0" ] && [ "$out2" = OK ]; then ok "nothing killed; slot 0 unloaded"; else not_ok "killed $killed0 -> $(hids_stat killed), unload '$out2'"; fi
rm -f /tmp/hidsmon

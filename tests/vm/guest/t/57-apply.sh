# SPDX-License-Identifier: GPL-2.0
# hidsctl apply: the slots match hids.conf after it, a second apply changes
# nothing, --dry-run changes nothing, an option change keeps the threads'
# scores, show --config prints what apply reads back unchanged, a spare
# line taken out clears the list, a section taken out empties its slot,
# and a bad file changes nothing.
all_slots_off
for i in 0 1 2 3 4 5 6 7; do hidsctl unload --slot $i >/dev/null 2>&1; done

conf=/tmp/hids.conf
write_conf() {	# write_conf THRESHOLD [with-rec]
	cat >$conf <<EOF
# two services
[slot web]
model = /data/random.hidsm
comm = hammer
threshold = $1
running-threshold = 30000
EOF
	[ -z "${2:-}" ] || printf '\n[slot rec]   # recorded, not scored\ncomm = true\nmode = record\n' >>$conf
}

write_conf 30000 with-rec
before=$(hidsctl show)
out=$(hidsctl apply --dry-run $conf 2>&1); rc=$?
if [ $rc -eq 0 ] && echo "$out" | grep -q "^would: slot 0 \[web\]: load: /data/random.hidsm" &&
   echo "$out" | grep -q "^would: slot 1 \[rec\]: set"; then ok "apply --dry-run says what it would do"; else not_ok "dry run: rc $rc '$out'"; fi
if [ "$(hidsctl show)" = "$before" ]; then ok "apply --dry-run changed nothing"; else not_ok "dry run changed the slots: $(hidsctl show)"; fi
out=$(hidsctl apply --dry-run --json $conf 2>&1); rc=$?
if [ $rc -eq 0 ] && echo "$out" | grep -qx '{"slot":0,"name":"web","action":"load","detail":"/data/random.hidsm","dry_run":true}' &&
   echo "$out" | tail -n 1 | grep -qx "{\"config\":\"$conf\",\"sections\":2,\"check\":false,\"dry_run\":true,\"changes\":2,\"failures\":0,\"ok\":true}"; then
	ok "apply --dry-run --json: a change a line, the outcome last"
else
	not_ok "apply --dry-run --json: rc $rc '$out'"
fi
out=$(hidsctl apply $conf 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "apply: $(echo $out)"; else not_ok "apply: rc $rc '$out'"; fi
hidsctl show --config >/tmp/running.conf
if grep -q "^\[slot web\]" /tmp/running.conf && grep -q "^model = /data/random.hidsm" /tmp/running.conf &&
   grep -q "^comm = hammer" /tmp/running.conf && grep -q "^threshold = 30000.000000" /tmp/running.conf &&
   grep -q "^\[slot rec\]" /tmp/running.conf && grep -q "^mode = record" /tmp/running.conf; then
	ok "the slots match the file (show --config)"
else
	not_ok "show --config after apply: $(cat /tmp/running.conf)"
fi
out=$(hidsctl apply $conf 2>&1); rc=$?
if [ $rc -eq 0 ] && echo "$out" | grep -q "match $conf already"; then ok "a second apply changes nothing"; else not_ok "second apply: rc $rc '$out'"; fi
out=$(hidsctl apply /tmp/running.conf 2>&1); rc=$?
if [ $rc -eq 0 ] && echo "$out" | grep -q "already"; then ok "show --config reads back as the same state"; else not_ok "apply of show --config: rc $rc '$out'"; fi

# An option change keeps the threads' scores.
hammer -t 1 -u 100000 -s 8 >/dev/null &
pid=$!
sleep 3
s1=$(worker_steps)
write_conf 20000 with-rec
out=$(hidsctl apply $conf 2>&1); rc=$?
sleep 1
s2=$(worker_steps)
if [ $rc -eq 0 ] && echo "$out" | grep -q "slot 0 \[web\]: set: threshold$"; then ok "a threshold change is one set: $out"; else not_ok "threshold change: rc $rc '$out'"; fi
if [ -n "$s1" ] && [ "${s2:-0}" -gt "$s1" ]; then ok "the threads kept their scores ($s1 steps, then $s2)"; else not_ok "steps $s1 before apply, $s2 after"; fi
kill $pid 2>/dev/null
wait $pid 2>/dev/null

# A spare list and an alert interval that is no whole number of jiffies:
# applied, read back as written (a second apply changes nothing), and the
# spare line taken out clears the list.
write_conf 20000
printf 'spare = /bin/hammer\nalert-interval = 250\n' >>$conf
printf '\n[slot rec]\ncomm = true\nmode = record\n' >>$conf
out=$(hidsctl apply $conf 2>&1); rc=$?
out2=$(hidsctl apply $conf 2>&1); rc2=$?
web=$(hidsctl show --json | grep '^{"slot":0,')
if [ $rc -eq 0 ] && [ $rc2 -eq 0 ] && echo "$out2" | grep -q "already" &&
   echo "$web" | grep -q '"spare":"/bin/hammer"' && echo "$web" | grep -q '"alert_interval_ms":250}'; then
	ok "a spare list and a 250 ms interval applied, and a second apply changes nothing"
else
	not_ok "spare and interval: rc $rc '$out', then rc $rc2 '$out2'; $web"
fi
write_conf 20000 with-rec
out=$(hidsctl apply $conf 2>&1); rc=$?
web=$(hidsctl show --json | grep '^{"slot":0,')
if [ $rc -eq 0 ] && echo "$web" | grep -q '"spare":"",' && echo "$web" | grep -q '"alert_interval_ms":1000}'; then
	ok "the spare line taken out clears the list: $(echo $out)"
else
	not_ok "spare list after it was taken out: rc $rc '$out'; $web"
fi

# Metrics for node_exporter: the module's, and each slot's for root only.
hidsctl status --prometheus >/tmp/metrics.prom; rc=$?
scored=$(sed -n 's/^hids_slot_syscalls_scored_total{slot="0",name="web",mode="detect"} \([0-9]*\)$/\1/p' /tmp/metrics.prom)
if [ $rc -eq 0 ] && [ "${scored:-0}" -gt 0 ] && grep -q '^# TYPE hids_syscalls_seen_total counter$' /tmp/metrics.prom &&
   grep -q '^hids_info{version="[0-9.]*",abi="1",delivery="[a-z]*",enforce="[a-z]*"} 1$' /tmp/metrics.prom; then
	ok "status --prometheus: module and slot metrics ($scored calls scored in [web])"
else
	not_ok "status --prometheus: rc $rc, $(grep -c . /tmp/metrics.prom) lines: $(grep slot /tmp/metrics.prom | head -5)"
fi
out=$(runas 1000 hidsctl status --prometheus 2>&1); rc=$?
if [ $rc -eq 0 ] && echo "$out" | grep -q "^hids_alerts_total " && echo "$out" | grep -q "per-slot metrics left out: they need CAP_NET_ADMIN"; then
	ok "status --prometheus unprivileged: module metrics, slots left out and said so"
else
	not_ok "unprivileged --prometheus: rc $rc '$(echo "$out" | tail -3)'"
fi

# A bad file: a precise error, nothing changes.
before=$(hidsctl show --config)
printf '[slot web]\nmodel = /data/random.hidsm\ncomm = hammer\ntreshold = 1\n' >/tmp/bad.conf
out=$(hidsctl apply /tmp/bad.conf 2>&1); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q "/tmp/bad.conf:4: unknown key 'treshold'"; then ok "a misspelt key is refused with file and line: $out"; else not_ok "bad key: rc $rc '$out'"; fi
printf '[slot web]\nmodel = /data/no-such.hidsm\ncomm = hammer\n' >/tmp/bad.conf
out=$(hidsctl apply /tmp/bad.conf 2>&1); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q "no-such.hidsm"; then ok "a missing model file is named: $out"; else not_ok "missing model: rc $rc '$out'"; fi
if [ "$(hidsctl show --config)" = "$before" ]; then ok "the bad files changed nothing"; else not_ok "slots changed: $(hidsctl show --config)"; fi

# A section taken out: its slot is emptied; an empty file empties every slot.
write_conf 20000
out=$(hidsctl apply $conf 2>&1); rc=$?
if [ $rc -eq 0 ] && echo "$out" | grep -q "slot 1 \[rec\]: empty" && hidsctl show | grep -q "^1 *off"; then ok "a section taken out empties its slot"; else not_ok "section removed: rc $rc '$out' $(hidsctl show)"; fi
echo "# nothing protected" >$conf
check "an empty configuration empties every slot" sh -c "hidsctl apply $conf >/dev/null && ! hidsctl show | awk 'NR > 1 && \$2 != \"off\"' | grep -q ."

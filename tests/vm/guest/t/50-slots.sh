# SPDX-License-Identifier: GPL-2.0
# Slots and thread binding: a comm selector binds exactly the matching
# threads, the thread list shows them, and changing or clearing the slot
# releases them and their memory.
check "set slot 2 to record comm hammer" hidsctl set --slot 2 --mode record --comm hammer
# The slot's own configuration stays allocated; its threads must not.
mem_idle=$(hids_stat memory_bytes)
check "show lists slot 2" sh -c 'hidsctl show | grep -q "^2 *record .*comm hammer"'
hammer -t 3 -s 5 >/dev/null &
pid=$!
# A fixed second was too short for the debug lane's kernel to start them all.
hammers() { tracked=$(hidsctl threads | awk '$3 == "hammer"' | wc -l); [ "$tracked" -eq 4 ]; }
wait_until 50 hammers
n=$tracked
if [ "$n" -eq 4 ]; then ok "4 hammer threads tracked (main + 3)"; else not_ok "hammer threads tracked: $n, want 4"; hidsctl threads | sed 's/^/#   /'; fi
others=$(hidsctl threads | awk 'NR > 1 && $3 != "hammer"' | wc -l)
if [ "$others" -eq 0 ]; then ok "no other thread tracked"; else not_ok "$others unrelated threads tracked"; fi
check "threads --json is one object per line" sh -c 'hidsctl threads --json | grep -v "^{\"tid\":[0-9]*,\"pid\":[0-9]*,\"comm\":\"hammer\",\"slot\":2,\"calls\":[0-9]*}$" | grep -q . && exit 1 || exit 0'
# Ids as the reader's pid namespace numbers them; threads it cannot see
# are left out.  (The debug lane's kernel has no pid namespaces.)
if ! unshare -p -f true 2>/dev/null; then
	tap_n=$((tap_n + 1)); echo "ok $tap_n - a new pid namespace sees no outside thread # SKIP kernel without pid namespaces"
	tap_n=$((tap_n + 1)); echo "ok $tap_n - pids listed in the reader's pid namespace # SKIP kernel without pid namespaces"
else
	n=$(unshare -p -f hidsctl threads | awk '$3 == "hammer"' | wc -l)
	if [ "$n" -eq 0 ]; then ok "a new pid namespace sees no outside thread"; else not_ok "$n outside threads listed in a new pid namespace"; fi
	unshare -p -f sh -c 'hammer -t 1 -s 20 >/dev/null &
		for i in $(seq 100); do hidsctl threads | grep -q " hammer " && break; sleep 0.1; done
		hidsctl threads; kill $!' >/tmp/ns-threads 2>&1
	inner=$(awk '$3 == "hammer" { print $2 }' /tmp/ns-threads | sort -u)
	if [ "$inner" = 2 ]; then ok "pids listed in the reader's pid namespace"; else not_ok "hammer in a new pid namespace listed as pid '$inner', want 2: $(cat /tmp/ns-threads)"; fi
fi
wait $pid
n=$(hids_stat threads)
if [ "$n" = 0 ]; then ok "exited threads are forgotten"; else not_ok "threads tracked after exit: $n"; fi
hammer -t 2 -s 2 >/dev/null &
pid=$!
sleep 1
check "slot off" hidsctl set --slot 2 --mode off
n=$(hids_stat threads)
if [ "$n" = 0 ]; then ok "turning the slot off releases its threads"; else not_ok "threads tracked after slot off: $n"; fi
wait $pid
# Entries and configurations are freed after an RCU grace period.
for _ in $(seq 50); do
	mem=$(hids_stat memory_bytes)
	[ "$mem" = "$mem_idle" ] && break
	sleep 0.1
done
if [ "$mem" = "$mem_idle" ]; then ok "memory back to idle ($mem bytes)"; else not_ok "memory $mem bytes, idle was $mem_idle"; fi
# Bad input: a precise error and nothing changes.
out=$(hidsctl set --slot 8 --mode record --all 2>&1); rc=$?
if [ $rc -eq 2 ] && echo "$out" | grep -q "invalid slot '8'"; then ok "slot 8 rejected by hidsctl"; else not_ok "slot 8: rc $rc '$out'"; fi
out=$(hidsctl set --slot 3 --mode record 2>&1); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q "selector"; then ok "active slot without selector rejected: $out"; else not_ok "no selector: rc $rc '$out'"; fi
out=$(hidsctl set --slot 3 --cgroup /no/such/group 2>&1); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q "no such cgroup"; then ok "unknown cgroup rejected: $out"; else not_ok "bad cgroup: rc $rc '$out'"; fi
check "failed sets changed nothing" sh -c 'hidsctl show | awk "NR > 1 && \$2 != \"off\"" | grep -q . && exit 1 || exit 0'

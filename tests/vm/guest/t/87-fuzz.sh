# SPDX-License-Identifier: GPL-2.0
# Netlink fuzzing: valid and mutated messages for every command and
# attribute of the family (policy ranges, nests, chunk orders, wrong types,
# huge and empty values), interleaved with syscall load and with slot
# changes on the last slot.  The console verdict (KASAN, lockdep, WARN) and
# the leak check at rmmod judge the kernel; the fuzzer itself only has to
# get an answer to every message.  Each kernel line fuzzes with a seed of its
# own (from its release), so the lanes together cover three sets of
# messages; a failure's seed is in its message (FUZZ_SEED reruns it).
: "${FUZZ_MESSAGES:=8000}" "${FUZZ_SEED:=$(uname -r | tr -cd 0-9 | cut -c1-9)}"
seed=$((FUZZ_SEED + ${HIDS_ROUND:-0}))
hammer -t 2 -u 500 >/dev/null &
load=$!
genl_ops churn 7 /data/random.hidsm hammer 1000000000 absent-ok >/tmp/fuzz-churn.out &
churn=$!
out=$(genl_ops fuzz "$seed" "$FUZZ_MESSAGES" /data/random.hidsm)
rc=$?
kill $churn $load
wait $churn $load 2>/dev/null
if [ $rc -eq 0 ]; then ok "netlink fuzz, seed $seed: $out"; else not_ok "netlink fuzz, seed $seed: rc $rc $out"; fi
diag "beside it: $(cat /tmp/fuzz-churn.out)"
reliability fuzz_messages "$(echo "$out" | sed -n 's/^fuzz: \([0-9]*\) messages.*/\1/p')"
churn_reliability /tmp/fuzz-churn.out
check "hids answers after the fuzz" hidsctl status
leaks=$(leak_reports)
check "rmmod after the fuzz" rmmod hids
if [ "$(leak_reports)" = "$leaks" ]; then ok "every byte returned after the fuzz"; else not_ok "fuzz leaked: $(dmesg | grep 'hids: memory leak' | tail -1)"; fi
check "insmod after the fuzz" insmod /hids.ko

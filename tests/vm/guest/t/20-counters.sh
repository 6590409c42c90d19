# SPDX-License-Identifier: GPL-2.0
# The sys_enter probe is attached only while a slot is on (idle, no call of
# the machine reaches hids); then it counts calls: the counter grows by at
# least the calls a test program makes, and reset-counters starts it again
# from zero.
all_slots_off
before=$(seen_count)
hammer -t 2 -n 20000 >/dev/null
after=$(seen_count)
if [ -n "$before" ] && [ "$after" = "$before" ]; then
	ok "no slot on: the system call probes are detached (seen stays at $before)"
else
	not_ok "no slot on, seen '$before' -> '$after': the probes still run"
fi
check "a slot on (recording a name no task has)" hidsctl set --slot 6 --mode record --comm no-such-task
before=$(seen_count)
made=$(hammer -t 2 -n 50000)
after=$(seen_count)
if [ -n "$before" ] && [ -n "$after" ] && [ $((after - before)) -ge "$made" ]; then
	ok "seen grew by $((after - before)) >= $made calls made"
else
	not_ok "seen: before '$before' after '$after', calls made '$made'"
fi
check "hidsctl status --json is one object" sh -c 'hidsctl status --json | grep -q "^{\"version\":.*}}$"'
check "reset-counters succeeds as root" hidsctl reset-counters
now=$(seen_count)
if [ -n "$now" ] && [ "$now" -lt "$after" ] && [ "$now" -lt 100000 ]; then
	ok "counter restarted after reset ($now)"
else
	not_ok "counter after reset: '$now' (was $after)"
fi
check "the slot off again" hidsctl set --slot 6 --mode off

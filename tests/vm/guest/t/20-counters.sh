# SPDX-License-Identifier: GPL-2.0
# The sys_enter probe counts calls: the counter grows by at least the calls
# a test program makes, and reset-counters starts it again from zero.
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

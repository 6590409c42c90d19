#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The rt line's whole suite: on a PREEMPT_RT kernel hids must refuse to
# load, say why, and leave nothing behind.
. ./lib.sh
echo "TAP version 13"
echo "# kernel $(uname -r), $(uname -v)"
if uname -v | grep -q PREEMPT_RT; then ok "the kernel is PREEMPT_RT"; else not_ok "not a PREEMPT_RT kernel: $(uname -v)"; fi
out=$(insmod /hids.ko 2>&1)
rc=$?
msg=$(dmesg | grep "hids: PREEMPT_RT kernels are not supported")
if [ $rc -ne 0 ] && [ -n "$msg" ]; then
	ok "insmod refused: $out; log: ${msg#*] }"
else
	not_ok "insmod rc $rc ($out), log line '$msg'"
fi
if module_loaded; then not_ok "module not loaded after the refusal"; else ok "module not loaded after the refusal"; fi
echo "1..$tap_n"
echo "HIDS-VM-SUITE-COMPLETE"

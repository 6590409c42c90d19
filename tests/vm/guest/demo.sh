#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo inside the VM: what an operator sees on a protected server.
set -e
step() { echo; echo "== $*"; }
step "insmod hids.ko"
insmod /hids.ko
dmesg | grep 'hids:' | tail -n 1
step "hidsctl status"
hidsctl status
step "some system calls"
echo "made $(hammer -t 2 -n 20000) getppid() calls"
hidsctl status
echo
echo "HIDS-DEMO-COMPLETE"

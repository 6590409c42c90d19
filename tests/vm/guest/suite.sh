#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs every t/*.sh in order in one shell (they share the TAP counter and
# the module state) and prints the plan last.  The marker line is written
# only when every file ran to its end.
. ./lib.sh
echo "TAP version 13"
echo "# kernel $(uname -r), $(nproc) CPUs"
for t in t/*.sh; do
	diag "---- $t"
	. "./$t"
done
echo "1..$tap_n"
echo "HIDS-VM-SUITE-COMPLETE"

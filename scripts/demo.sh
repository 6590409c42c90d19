#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The README's demo: boot the newest test kernel in QEMU with hids and show
# what an operator sees.  DEMO_KERNEL=6.1 picks the other line.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
line=${DEMO_KERNEL:-6.12}
work="$top/build/demo"
"$top/tests/vm/boot.sh" "$line" "$work" demo.sh || true
cat "$work/guest.log" 2>/dev/null | tr -d '\r'
if ! grep -q HIDS-DEMO-COMPLETE "$work/guest.log" 2>/dev/null; then
	echo "demo: did not complete; kernel console:" >&2
	tail -n 40 "$work/console.log" >&2
	exit 1
fi

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The README's demo: the real scenario end to end on the newest test kernel
# in QEMU (tests/vm/scenario.sh --demo): record a web service's normal
# behaviour, train a model on it, protect the service, attack it.  Ends with
# "demo: D of A attacks detected, F false alarms on normal load".
# DEMO_KERNEL=6.1 picks the other line.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
exec "$top/tests/vm/scenario.sh" --demo "${DEMO_KERNEL:-6.12}" "$top/build/demo"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Find the test kernels in the project's cache, so nothing hard-codes an ABI
# number that a Debian update would change.
#   kernels.sh              list "LINE KVER" for the cloud lines 6.1, 6.12
#   kernels.sh kver LINE    e.g. "6.1"  -> 6.1.0-57-cloud-amd64
#   kernels.sh kdir LINE    kernel headers (Kbuild) directory
#   kernels.sh image LINE   the kernel image to boot
# LINE 6.1, 6.12 and rt (Debian's PREEMPT_RT 6.1) are unpacked, image and
# headers, into $HIDS_CACHE/kernels/KVER by scripts/fetch-kernels.sh; the
# newest complete one of a line wins.  LINE "debug" is the debug lane's
# kernel, built by scripts/debug-kernel.sh into its cache (HIDS_DEBUG_DIR,
# when set, is that script's answer already).
set -eu
lines="6.1 6.12"
cache=${HIDS_CACHE:-/var/cache/hids-test}
kernels="$cache/kernels"

debug_dir() {
	[ -n "${HIDS_DEBUG_DIR:-}" ] || HIDS_DEBUG_DIR=$("$(dirname "$0")/debug-kernel.sh")
	echo "$HIDS_DEBUG_DIR"
}

kver() {
	case $1 in
	rt) glob="6.1.*-rt-amd64" ;;
	*)  glob="$1.*-cloud-amd64" ;;
	esac
	for d in "$kernels"/$glob; do
		[ -f "$d/.complete" ] && echo "${d##*/}"
	done | sort -V | tail -n 1
}

need() {
	k=$(kver "$1")
	[ -n "$k" ] || { echo "kernels.sh: no $1 test kernel in $kernels (run scripts/setup.sh)" >&2; exit 1; }
	echo "$k"
}

case ${1:-list}:${2:-} in
kver:debug)  cat "$(debug_dir)/kernel.release" ;;
kdir:debug)  echo "$(debug_dir)/build" ;;
image:debug) echo "$(debug_dir)/bzImage" ;;
list:*)
	status=0
	for l in $lines; do
		k=$(kver "$l")
		if [ -n "$k" ]; then echo "$l $k"; else
			echo "kernels.sh: no $l test kernel in $kernels" >&2; status=1; fi
	done
	exit $status ;;
kver:?*)  need "$2" ;;
kdir:?*)  k=$(need "$2"); echo "$kernels/$k/usr/src/linux-headers-$k" ;;
image:?*) k=$(need "$2"); echo "$kernels/$k/boot/vmlinuz-$k" ;;
*) echo "usage: kernels.sh [list | kver LINE | kdir LINE | image LINE]" >&2; exit 2 ;;
esac

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Find the installed Debian cloud test kernels, so nothing hard-codes an ABI
# number that a Debian update would change.
#   kernels.sh              list "LINE KVER" for every test line found
#   kernels.sh kver LINE    e.g. "6.1"  -> 6.1.0-56-cloud-amd64
#   kernels.sh kdir LINE    kernel headers (Kbuild) directory
#   kernels.sh image LINE   /boot/vmlinuz-...
# A line is usable when both its image and its headers are installed; the
# newest such version wins.  LINE "debug" is the debug lane's kernel, built
# by scripts/debug-kernel.sh into its cache (HIDS_DEBUG_DIR, when set, is
# that script's answer already).  LINE "rt" is Debian's PREEMPT_RT kernel,
# unpacked into the cache by scripts/setup.sh, headers installed.
set -eu
lines="6.1 6.12"
cache=${HIDS_CACHE:-/var/cache/hids-test}

rt_kver() {
	for img in "$cache"/rt/vmlinuz-*; do
		[ -e "$img" ] || { echo "kernels.sh: no PREEMPT_RT image in $cache/rt (run scripts/setup.sh)" >&2; exit 1; }
		echo "${img#"$cache"/rt/vmlinuz-}"
	done | sort -V | tail -n 1
}

debug_dir() {
	[ -n "${HIDS_DEBUG_DIR:-}" ] || HIDS_DEBUG_DIR=$("$(dirname "$0")/debug-kernel.sh")
	echo "$HIDS_DEBUG_DIR"
}

kver() {
	for img in /boot/vmlinuz-"$1".*-cloud-amd64; do
		[ -e "$img" ] || continue
		k=${img#/boot/vmlinuz-}
		[ -d "/lib/modules/$k/build" ] || [ -d "/usr/src/linux-headers-$k" ] || continue
		echo "$k"
	done | sort -V | tail -n 1
}

kdir() {
	if [ -d "/lib/modules/$1/build" ]; then
		echo "/lib/modules/$1/build"
	else
		echo "/usr/src/linux-headers-$1"
	fi
}

need() {
	k=$(kver "$1")
	[ -n "$k" ] || { echo "kernels.sh: no cloud $1 kernel with headers installed (run scripts/setup.sh)" >&2; exit 1; }
	echo "$k"
}

case ${1:-list}:${2:-} in
kver:debug)  cat "$(debug_dir)/kernel.release" ;;
kdir:debug)  echo "$(debug_dir)/build" ;;
image:debug) echo "$(debug_dir)/bzImage" ;;
kver:rt)     rt_kver ;;
kdir:rt)     k=$(rt_kver); kdir "$k" ;;
image:rt)    echo "$cache/rt/vmlinuz-$(rt_kver)" ;;
list:*)
	status=0
	for l in $lines; do
		k=$(kver "$l")
		if [ -n "$k" ]; then echo "$l $k"; else
			echo "kernels.sh: no cloud $l kernel with headers" >&2; status=1; fi
	done
	exit $status ;;
kver:?*)  need "$2" ;;
kdir:?*)  k=$(need "$2"); kdir "$k" ;;
image:?*) k=$(need "$2"); echo "/boot/vmlinuz-$k" ;;
*) echo "usage: kernels.sh [list | kver LINE | kdir LINE | image LINE]" >&2; exit 2 ;;
esac

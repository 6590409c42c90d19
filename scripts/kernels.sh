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
# newest such version wins.
set -eu
lines="6.1 6.12"

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

case ${1:-list} in
list)
	status=0
	for l in $lines; do
		k=$(kver "$l")
		if [ -n "$k" ]; then echo "$l $k"; else
			echo "kernels.sh: no cloud $l kernel with headers" >&2; status=1; fi
	done
	exit $status ;;
kver)  need "$2" ;;
kdir)  k=$(need "$2"); kdir "$k" ;;
image) k=$(need "$2"); echo "/boot/vmlinuz-$k" ;;
*) echo "usage: kernels.sh [list | kver LINE | kdir LINE | image LINE]" >&2; exit 2 ;;
esac

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# host-footprint.sh save: note what of the machine `make check` and
# `make demo` must leave alone -- /boot (kernels, initrds, boot loader
# configuration), the installed kernel packages and every service the
# machine would start (systemd units enabled, SysV init scripts) -- in
# build/host-footprint.before.
# host-footprint.sh: compare the machine with that note; print what changed
# and exit 1 when anything did.  The two make targets take the note before
# scripts/setup.sh runs and compare at the end.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
note="$top/build/host-footprint.before"

footprint() {
	echo "## /boot"
	find /boot -xdev \( -type f -o -type l \) -printf '%p %s %T@ %l\n' 2>/dev/null | sort
	echo "## kernel packages"
	dpkg-query -W -f='${db:Status-Abbrev} ${Package} ${Version}\n' \
		'linux-image-*' 'linux-headers-*' 'linux-modules-*' 2>/dev/null |
		awk '$1 ~ /^.i/' | sort
	echo "## services"
	# Less kmod's SysV script, which setup installs on a machine without
	# it (dkms depends on kmod): at boot it loads what /etc/modules names,
	# and hids writes no /etc/modules.
	find /etc/systemd/system /lib/systemd/system /usr/lib/systemd/system \
		/etc/init.d /etc/rc[0-6S].d -xdev -printf '%p %l\n' 2>/dev/null |
		grep -Ev '^/etc/(init\.d/kmod|rc[0-6S]\.d/[SK][0-9]+kmod) ' | sort
}

case ${1:-compare} in
save)
	mkdir -p "$(dirname "$note")"
	footprint >"$note"
	;;
compare)
	[ -f "$note" ] || { echo "host-footprint: no $note: run 'host-footprint.sh save' first" >&2; exit 1; }
	if ! diff -u "$note" <(footprint) >"$note.diff"; then
		echo "host-footprint: the machine changed since the note (/boot, kernel packages or services):" >&2
		grep '^[-+][^-+]' "$note.diff" >&2
		exit 1
	fi
	echo "host-footprint: /boot, kernel packages and services unchanged"
	;;
*)	echo "usage: host-footprint.sh [save | compare]" >&2; exit 2 ;;
esac

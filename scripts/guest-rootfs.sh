#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# guest-rootfs.sh PACKAGE...: print the path of a Debian 12 root file system
# with systemd as init and PACKAGE... installed, for the guest that boots an
# installed hids (tests/vm/installed-boot.sh).  Built once with debootstrap
# (minbase) from the machine's own Debian mirror into the project's cache,
# $HIDS_CACHE/rootfs/bookworm-HASH (HASH: the package list), and reused;
# documentation, manuals, locales and apt's caches are dropped, as the guest
# holds the whole tree in memory.  One that did not finish is built afresh.
set -euo pipefail
cache=${HIDS_CACHE:-/var/cache/hids-test}
mirror=${HIDS_DEBIAN_MIRROR:-$(sed -n 's|^URIs: *\(http[^ ]*/debian\)$|\1|p' \
	/etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)}
mirror=${mirror:-http://deb.debian.org/debian}

log() { printf 'guest-rootfs: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

[ $# -gt 0 ] || die "usage: guest-rootfs.sh PACKAGE..."
command -v debootstrap >/dev/null || die "debootstrap missing (scripts/setup.sh installs it)"
include=$(printf '%s\n' systemd systemd-sysv kmod "$@" | sort -u | paste -sd, -)
dir="$cache/rootfs/bookworm-$(echo "$include" | sha256sum | cut -c1-12)"
if [ ! -f "$dir/.complete" ]; then
	mkdir -p "$cache/rootfs"
	tmp=$(mktemp -d "$cache/rootfs/.build-XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	log "debootstrap bookworm ($include) from $mirror into $dir"
	debootstrap --variant=minbase --include="$include" bookworm "$tmp/root" "$mirror" \
		>"$tmp/debootstrap.log" 2>&1 ||
		{ tail -n 20 "$tmp/debootstrap.log" >&2; die "debootstrap failed"; }
	rm -rf "$tmp/root"/usr/share/{doc,man,info,locale} "$tmp/root"/var/cache/apt/* \
		"$tmp/root"/var/lib/apt/lists/*
	rm -rf "$dir"
	mv "$tmp/root" "$dir"
	touch "$dir/.complete"
fi
echo "$dir"

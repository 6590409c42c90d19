#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-kernels.sh: put the test kernels -- the newest Debian 12 cloud 6.1
# and 6.12 and the PREEMPT_RT 6.1 -- with their headers into the project's
# cache, $HIDS_CACHE/kernels/KVER/ (boot/vmlinuz-KVER, usr/src/linux-headers-
# KVER, the -common headers and linux-kbuild next to them).  The packages
# are fetched with `apt-get download` and unpacked with `dpkg-deb -x`: none
# is installed, so /boot, the boot loader and dpkg's state stay as they
# were.  A kernel already in the cache is not fetched again; one that did
# not finish unpacking is fetched afresh.  Needs the machine's apt lists
# (apt-get update) to name the newest ABIs.
set -euo pipefail
cache=${HIDS_CACHE:-/var/cache/hids-test}
dest="$cache/kernels"

log() { printf 'fetch-kernels: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# Newest ABI whose image package matches the regex $1 ("ABI" stands for it).
newest_abi() {
	local re=$1
	apt-cache search --names-only "^${re/ABI/([^ ]+)}\$" | awk '{print $1}' |
		sed -E "s/^${re/ABI/(.+)}\$/\\1/" | sort -V | tail -n 1
}

# The headers-common and kbuild packages the arch headers package needs.
header_deps() {
	apt-cache depends "linux-headers-$1" |
		sed -n 's/^ *|\{0,1\}Depends: \(linux-\(headers\|kbuild\)-.*\)$/\1/p' | sort -u
}

fetch() {
	local abi=$1 image_pkg=$2 dir="$dest/$1" tmp pkg deps
	[ -f "$dir/.complete" ] && return 0
	mapfile -t deps < <(header_deps "$abi")
	log "fetching $abi into $dir"
	tmp=$(mktemp -d "$dest/.fetch-XXXXXX")
	# shellcheck disable=SC2064
	trap "rm -rf '$tmp'" RETURN
	(cd "$tmp" && apt-get -o APT::Sandbox::User=root download -qq \
		"$image_pkg" "linux-headers-$abi" "${deps[@]}") ||
		die "apt-get download for $abi failed"
	for pkg in "$tmp"/*.deb; do
		dpkg-deb -x "$pkg" "$tmp/root" || die "cannot unpack $pkg"
	done
	[ -f "$tmp/root/boot/vmlinuz-$abi" ] || die "$image_pkg holds no /boot/vmlinuz-$abi"
	# The guests load hids.ko alone: the image's own modules are not needed.
	rm -rf "$tmp/root/lib" "$tmp/root/usr/share"
	# The arch headers include the common ones by absolute path; scripts/
	# and tools/ are relative links into linux-kbuild, which stay valid.
	sed -i "s|^include /usr/src/|include $dir/usr/src/|" \
		"$tmp/root/usr/src/linux-headers-$abi/Makefile"
	rm -rf "$dir"
	mv "$tmp/root" "$dir"
	touch "$dir/.complete"
}

main() {
	local abi61 abi612 abirt
	mkdir -p "$dest"
	abi61=$(newest_abi 'linux-image-6\.1\.ABI-cloud-amd64-unsigned')
	abi612=$(newest_abi 'linux-image-6\.12\.ABI-cloud-amd64-unsigned')
	abirt=$(newest_abi 'linux-image-6\.1\.ABI-rt-amd64-unsigned')
	if [ -z "$abi61" ] || [ -z "$abi612" ] || [ -z "$abirt" ]; then
		die "no cloud 6.1, cloud 6.12 or rt 6.1 kernel in the apt lists (apt-get update?)"
	fi
	fetch "6.1.$abi61-cloud-amd64" "linux-image-6.1.$abi61-cloud-amd64-unsigned"
	fetch "6.12.$abi612-cloud-amd64" "linux-image-6.12.$abi612-cloud-amd64-unsigned"
	fetch "6.1.$abirt-rt-amd64" "linux-image-6.1.$abirt-rt-amd64-unsigned"
	# Kernels an update replaced, and the layout before this script (the rt
	# image alone in $cache/rt), go: the cache holds what the tests boot.
	for d in "$dest"/*; do
		case ${d##*/} in
		"6.1.$abi61-cloud-amd64" | "6.12.$abi612-cloud-amd64" | "6.1.$abirt-rt-amd64") ;;
		*) log "removing ${d##*/} (replaced)"; rm -rf "$d" ;;
		esac
	done
	rm -rf "$cache/rt"
}

main "$@"

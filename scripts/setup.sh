#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install everything hids needs to build, test, demo and benchmark on a
# Debian 12 machine: toolchain (with what building the debug lane's kernel
# needs), libraries, QEMU, busybox, and the two test kernels (cloud 6.1 and
# the newest cloud 6.12) with matching headers.
# Idempotent: a second run installs nothing and only re-checks.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
stamp="$top/.setup-done"

packages=(
	build-essential pkg-config file cpio gzip xz-utils zstd kmod bc
	flex bison libelf-dev libssl-dev
	qemu-system-x86 busybox-static
	libnl-3-dev libnl-genl-3-dev libopenblas-dev libzip-dev
	libbabeltrace2-dev
	dkms clang llvm valgrind
	linux-image-cloud-amd64 linux-headers-cloud-amd64 linux-source-6.1
	linux-headers-rt-amd64
	python3 python3-torch bpftrace auditd
)

log() { printf 'setup: %s\n' "$*"; }

need_root() {
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null; then
			exec sudo -E "$0" "$@"
		fi
		log "must run as root (apt-get install)" >&2
		exit 1
	fi
}

missing() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || echo "$p"
	done
}

# Newest 6.12 cloud ABI the archive offers, e.g. "6.12.117+deb12-cloud-amd64".
newest_612() {
	apt-cache search --names-only '^linux-headers-6\.12\.[0-9]+\+deb12-cloud-amd64$' |
		awk '{print $1}' | sed 's/^linux-headers-//' | sort -V | tail -n 1
}

# The PREEMPT_RT kernel is booted only to see hids refuse it: its image is
# unpacked into the project's cache, not installed (that would add a boot
# entry to the machine).  Its headers come from the package list.
fetch_rt_image() {
	local abi img tmp cache=${HIDS_CACHE:-/var/cache/hids-test}
	abi=$(ls -d /usr/src/linux-headers-*-rt-amd64 | sed 's|.*/linux-headers-||' |
		sort -V | tail -n 1)
	img="$cache/rt/vmlinuz-$abi"
	[ -f "$img" ] && return 0
	log "fetching the PREEMPT_RT image $abi into $cache/rt"
	tmp=$(mktemp -d)
	(cd "$tmp" && apt-get -o APT::Sandbox::User=root download -qq "linux-image-$abi-unsigned")
	dpkg-deb -x "$tmp"/linux-image-*.deb "$tmp/x"
	mkdir -p "$cache/rt"
	rm -f "$cache"/rt/vmlinuz-*
	cp "$tmp/x/boot/vmlinuz-$abi" "$img"
	rm -rf "$tmp"
}

main() {
	local want abi612 todo
	need_root "$@"
	export DEBIAN_FRONTEND=noninteractive

	want=("${packages[@]}")
	if [ -f "$stamp" ] && [ -z "$(missing "${want[@]}")" ] &&
	   ls /boot/vmlinuz-6.12.*-cloud-amd64 >/dev/null 2>&1; then
		log "all packages present"
	else
		log "apt-get update"
		apt-get update -qq
		abi612=$(newest_612)
		if [ -z "$abi612" ]; then
			log "no linux-headers-6.12.*-cloud-amd64 in the archive" >&2
			exit 1
		fi
		want+=("linux-image-$abi612-unsigned" "linux-headers-$abi612")
		todo=$(missing "${want[@]}")
		if [ -n "$todo" ]; then
			log "installing: $(echo $todo)"
			# shellcheck disable=SC2086
			apt-get install -y -qq --no-install-recommends $todo
		fi
	fi
	fetch_rt_image
	"$top/scripts/checkpatch-fetch.sh"
	"$top/scripts/kernels.sh" >/dev/null
	touch "$stamp"
	log "ok"
}

main "$@"

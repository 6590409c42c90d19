#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what hids needs to build, test and demo on a Debian 12 machine:
# toolchain (with what building the debug lane's kernel needs), libraries,
# QEMU, busybox, debootstrap (for the root file system of the guest that
# boots the hids package, scripts/guest-rootfs.sh).  The test kernels are
# not installed: scripts/fetch-kernels.sh unpacks them into the project's
# cache, so /boot, the boot loader and the machine's services stay as they
# were (scripts/host-footprint.sh checks it); what their kbuild packages
# depend on is installed instead (pahole: 6.12's headers ship vmlinux, and
# kbuild then writes each module's BTF with it).
# `setup.sh bench` adds what `make bench` compares with (PyTorch).
# Idempotent: a second run installs nothing and only re-checks.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
stamp="$top/.setup-done"

packages=(
	build-essential pkg-config file cpio gzip xz-utils zstd kmod bc
	flex bison libelf-dev libssl-dev
	qemu-system-x86 busybox-static
	libnl-3-dev libnl-genl-3-dev libopenblas-dev libzip-dev libzstd-dev
	libbabeltrace2-dev
	dkms clang llvm valgrind
	pahole
	debhelper dh-dkms debootstrap
	linux-source-6.1
	python3
)

# The benchmarks' peers, for `make bench` only.
bench_packages=(python3-torch)

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

have_kernels() {
	local line
	for line in 6.1 6.12 rt; do
		"$top/scripts/kernels.sh" kver "$line" >/dev/null 2>&1 || return 1
	done
}

main() {
	local todo
	need_root "$@"
	export DEBIAN_FRONTEND=noninteractive
	[ "${1:-}" != bench ] || packages+=("${bench_packages[@]}")

	if [ -f "$stamp" ] && [ -z "$(missing "${packages[@]}")" ] && have_kernels; then
		log "all packages and test kernels present"
	else
		log "apt-get update"
		apt-get update -qq
		todo=$(missing "${packages[@]}")
		if [ -n "$todo" ]; then
			log "installing: $(echo $todo)"
			# shellcheck disable=SC2086
			apt-get install -y -qq --no-install-recommends $todo
		fi
		"$top/scripts/fetch-kernels.sh"
	fi
	"$top/scripts/checkpatch-fetch.sh"
	have_kernels || { log "test kernels missing after fetching" >&2; exit 1; }
	touch "$stamp"
	log "ok"
}

main "$@"

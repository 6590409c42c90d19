#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# debug-kernel.sh: build (once per machine) the debug lane's kernel and
# print the directory that holds it: bzImage, kernel.release, and build/
# (the Kbuild output tree that hids.ko is built against).
#
# The source is Debian's newest linux-source package of a line >= 6.13
# (faultable syscall tracepoints, sched_process_exit's group_dead), taken
# from the newer suites through a private apt configuration under the
# cache -- the machine's own sources are never touched.  The configuration
# is `make allnoconfig` with tests/vm/debug/debug.config forced on top (the
# suite's needs and every checker).  The result is cached under
# $HIDS_CACHE/debug/VERSION-CONFIGHASH, so only the first run on a machine
# pays for the build (about 10 minutes on 2 cores); a build that did not
# finish is resumed, and one for an older version or config is removed.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${HIDS_CACHE:-/var/cache/hids-test}
frag="$top/tests/vm/debug/debug.config"
suites=${HIDS_DEBUG_SUITES:-"sid trixie"}
jobs=${HIDS_DEBUG_JOBS:-$(($(nproc) + 1))}

log() { printf 'debug-kernel: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

apt_dir="$cache/apt"
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
	  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
	  -o Dir::State::status=/var/lib/dpkg/status -o APT::Sandbox::User=root)

# Newest "linux-source-X.Y VERSION" of the private suites, X.Y >= 6.13.
newest_source() {
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
	: >"$apt_dir/sources.list"
	for s in $suites; do
		echo "deb http://deb.debian.org/debian $s main" >>"$apt_dir/sources.list"
	done
	# The lists are fetched again once a day: a newer source means a new build.
	if [ -z "$(find "$apt_dir/lists" -name '*_Packages' -mtime -1 2>/dev/null)" ] ||
	   ! cmp -s "$apt_dir/sources.list" "$apt_dir/sources.list.used"; then
		apt-get "${apt_opts[@]}" -qq update >&2 || die "apt-get update of the private lists failed"
		cp "$apt_dir/sources.list" "$apt_dir/sources.list.used"
	fi
	apt-cache "${apt_opts[@]}" search --names-only '^linux-source-[0-9]+\.[0-9]+$' |
		awk '{print $1}' | while read -r pkg; do
			ver=$(apt-cache "${apt_opts[@]}" show "$pkg" | sed -n 's/^Version: //p' | sort -V | tail -n 1)
			echo "$pkg $ver"
		done | awk '{ split(substr($1, 14), v, "."); if (v[1] > 6 || (v[1] == 6 && v[2] >= 13)) print }' |
		sort -V -k2 | tail -n 1
}

build() {
	local src=$1 out=$2
	log "configuring in $out (allnoconfig + $(basename "$frag"))"
	make -s -C "$src" O="$out/build" KCONFIG_ALLCONFIG="$frag" allnoconfig >&2
	# Every option the fragment sets must have survived Kconfig.
	local opt key val missing=
	while read -r opt; do
		key=${opt%%=*} val=${opt#*=}
		if [ "$val" = n ]; then
			! grep -q "^$key=" "$out/build/.config" || missing="$missing $opt"
		else
			grep -qx "$opt" "$out/build/.config" || missing="$missing $opt"
		fi
	done < <(grep -E '^CONFIG_[A-Z0-9_]+=' "$frag")
	[ -z "$missing" ] || die "options that Kconfig did not take:$missing"
	log "building bzImage and Module.symvers with $jobs jobs (first run only)"
	make -s -C "$src" O="$out/build" -j"$jobs" bzImage modules >&2 ||
		die "kernel build failed (log above)"
	cp "$out/build/arch/x86/boot/bzImage" "$out/bzImage"
	make -s -C "$src" O="$out/build" kernelrelease >"$out/kernel.release"
	touch "$out/done"
	# Builds of other versions or configurations are not used any more.
	find "$cache/debug" -mindepth 1 -maxdepth 1 -type d ! -path "$out" -exec rm -rf {} +
}

main() {
	local line pkg ver hash out src deb
	mkdir -p "$cache/debug"
	exec 9>"$cache/debug/.lock"
	flock 9
	line=$(newest_source)
	[ -n "$line" ] || die "no linux-source >= 6.13 in the suites: $suites"
	pkg=${line% *} ver=${line#* }
	hash=$(sha256sum "$frag" | cut -c1-12)
	out="$cache/debug/$ver-$hash"
	if [ -f "$out/done" ]; then
		echo "$out"
		return
	fi
	src="$cache/src/$ver"
	if [ ! -f "$src/.unpacked" ]; then
		log "fetching $pkg $ver"
		rm -rf "$src" && mkdir -p "$src"
		(cd "$cache/src" && apt-get "${apt_opts[@]}" -qq download "$pkg=$ver" >&2) ||
			die "apt-get download $pkg=$ver failed"
		deb=$(ls "$cache/src/${pkg}_"*.deb | head -n 1)
		dpkg-deb --fsys-tarfile "$deb" | tar -xO --wildcards '*/linux-source-*.tar.xz' |
			tar -xJ -C "$src" --strip-components=1
		rm -f "$deb"
		touch "$src/.unpacked"
		find "$cache/src" -mindepth 1 -maxdepth 1 -type d ! -path "$src" -exec rm -rf {} +
	fi
	mkdir -p "$out"
	SECONDS=0
	build "$src" "$out"
	log "built $(cat "$out/kernel.release") in $((SECONDS / 60)) min $((SECONDS % 60)) s"
	echo "$out"
}

main "$@"

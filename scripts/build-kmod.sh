#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build-kmod.sh KDIR OUTDIR: build hids.ko for the kernel headers in KDIR in
# a private copy of the sources under OUTDIR (the way DKMS does), so builds
# for several kernels never share objects.  Prints the path of the module.
set -eu
kdir=$1 out=$2
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
# Copy only what changed so repeated builds stay incremental.  The copy
# gets the time of copying, not the file's (no cp -p): an object built from
# an older copy is then always older than the source it must be rebuilt
# from, even when the file changed while that build ran.
for d in kmod engine include scripts; do
	[ -d "$top/$d" ] || continue
	mkdir -p "$out/$d"
	(cd "$top/$d" && find . -type f \( -name '*.[ch]' -o -name '*.sh' -o -name Kbuild -o -name Makefile \) \
		! -name '*.mod.c' ! -name compat-generated.h -print) |
	while read -r f; do
		mkdir -p "$out/$d/$(dirname "$f")"
		cmp -s "$top/$d/$f" "$out/$d/$f" || cp "$top/$d/$f" "$out/$d/$f"
	done
done
make -s -C "$out/kmod" KDIR="$kdir" >"$out/build.log" 2>&1 || {
	cat "$out/build.log" >&2
	echo "build-kmod: module build for $kdir failed" >&2
	exit 1
}
echo "$out/kmod/hids.ko"

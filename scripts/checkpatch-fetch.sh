#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Extract checkpatch.pl and the data files it reads from Debian's
# linux-source-6.1 tarball into .cache/checkpatch (once).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dest="$top/.cache/checkpatch"
[ -x "$dest/checkpatch.pl" ] && exit 0
tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1)
[ -n "$tarball" ] || { echo "checkpatch-fetch: no /usr/src/linux-source-*.tar.xz (apt-get install linux-source-6.1)" >&2; exit 1; }
base=$(basename "$tarball" .tar.xz)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -C "$tmp" -xJf "$tarball" "$base/scripts/checkpatch.pl" \
	"$base/scripts/spelling.txt" "$base/scripts/const_structs.checkpatch"
mkdir -p "$dest"
cp "$tmp/$base/scripts/"* "$dest/"
chmod +x "$dest/checkpatch.pl"

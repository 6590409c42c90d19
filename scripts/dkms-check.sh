#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prove dkms.conf works: add, build and remove the module with DKMS for
# every test kernel in the project's cache, in a private DKMS tree that is deleted
# afterwards (the system's DKMS state is never touched).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
modver=$(sed -n 's/^#define HIDS_VERSION "\(.*\)"/\1/p' "$top/kmod/main.h")
if [ "$ver" != "$modver" ]; then
	echo "dkms-check: dkms.conf version $ver != kmod/main.h version $modver" >&2
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src="$tmp/source/hids-$ver"
mkdir -p "$tmp/dkms" "$tmp/install"
"$top/scripts/module-source.sh" "$src"
trees=(--dkmstree "$tmp/dkms" --sourcetree "$tmp/source" --installtree "$tmp/install")
dkms add -m hids -v "$ver" "${trees[@]}" >"$tmp/add.log" 2>&1 ||
	{ cat "$tmp/add.log" >&2; exit 1; }
status=0
while read -r line kver; do
	kdir=$("$top/scripts/kernels.sh" kdir "$line")
	if dkms build -m hids -v "$ver" -k "$kver" --kernelsourcedir "$kdir" "${trees[@]}" \
		>"$tmp/build-$line.log" 2>&1 &&
	   ls "$tmp/dkms/hids/$ver/$kver/"*/module/hids.ko* >/dev/null 2>&1; then
		echo "dkms-check: built hids $ver for $kver"
	else
		echo "dkms-check: DKMS build for $kver failed:" >&2
		cat "$tmp/build-$line.log" >&2
		find "$tmp/dkms" -name make.log -exec cat {} + >&2 || true
		status=1
	fi
done < <("$top/scripts/kernels.sh")
dkms remove -m hids -v "$ver" --all "${trees[@]}" >"$tmp/remove.log" 2>&1 ||
	{ cat "$tmp/remove.log" >&2; status=1; }
if [ -e "$tmp/dkms/hids/$ver" ]; then
	echo "dkms-check: dkms remove left $tmp/dkms/hids/$ver behind" >&2
	status=1
fi
exit $status

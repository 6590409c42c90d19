#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prove the Debian packages work: build hids and hids-dkms (make deb, from
# a copy of the tree with dpkg-buildpackage), check what they hold, install them on
# this machine with dpkg, check the tools, the configuration and DKMS's
# record of the module, then purge them and check that nothing of them is
# left.  Refuses to run where hids is installed already (an operator's
# real installation is not a test's to purge).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
tmp=$(mktemp -d)
installed=
cleanup() {
	[ -z "$installed" ] || dpkg --purge hids hids-dkms >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "deb-check: $*" >&2; exit 1; }

for p in hids hids-dkms; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	if [ -n "$st" ] && [ "$st" != not-installed ]; then
		fail "$p is installed on this machine: not purging someone's installation"
	fi
done
make -s -C "$top" --no-print-directory deb >"$tmp/build.log" 2>&1 ||
	{ tail -n 30 "$tmp/build.log" >&2; fail "make deb failed"; }
deb="$top/build/deb/hids_${ver}_amd64.deb" dkms_deb="$top/build/deb/hids-dkms_${ver}_all.deb"
[ -f "$deb" ] && [ -f "$dkms_deb" ] || fail "no hids_${ver}_amd64.deb and hids-dkms_${ver}_all.deb"
echo "deb-check: built $(basename "$deb") and $(basename "$dkms_deb")"

for f in ./usr/sbin/hidsctl ./usr/bin/hids-train ./lib/systemd/system/hids.service \
	 ./lib/systemd/system/hids-monitor.service ./etc/hids/hids.conf \
	 ./usr/share/man/man8/hidsctl.8.gz ./usr/share/man/man5/hids.conf.5.gz \
	 ./usr/share/man/man1/hids-train.1.gz; do
	dpkg-deb -c "$deb" | awk '{ print $6 }' | grep -qx "$f" || fail "hids lacks $f"
done
for f in dkms.conf kmod/Makefile kmod/main.c engine/ngram.c include/uapi/linux/hids.h; do
	dpkg-deb -c "$dkms_deb" | awk '{ print $6 }' | grep -qx "./usr/src/hids-$ver/$f" ||
		fail "hids-dkms lacks /usr/src/hids-$ver/$f"
done
if dpkg-deb -c "$dkms_deb" | awk '{ print $6 }' | grep -qE '\.(o|ko)$'; then
	fail "hids-dkms carries build output"
fi
dpkg-deb -e "$deb" "$tmp/control"
grep -qx /etc/hids/hids.conf "$tmp/control/conffiles" || fail "hids.conf is not a conffile"

installed=yes
dpkg -i "$dkms_deb" "$deb" >"$tmp/install.log" 2>&1 ||
	{ cat "$tmp/install.log" >&2; fail "dpkg -i failed"; }
echo "deb-check: installed"
/usr/sbin/hidsctl --version | grep -qx "hidsctl $ver" || fail "the installed hidsctl is not $ver"
/usr/bin/hids-train --version | grep -qx "hids-train $ver" || fail "the installed hids-train is not $ver"
/usr/sbin/hidsctl apply --check /etc/hids/hids.conf >/dev/null || fail "the installed hids.conf is not valid"
dkms status -m hids -v "$ver" | grep -q "hids/$ver" || fail "DKMS does not know hids $ver"
[ -L /etc/systemd/system/multi-user.target.wants/hids.service ] ||
	fail "hids.service is not enabled"
dpkg --purge hids hids-dkms >"$tmp/purge.log" 2>&1 ||
	{ cat "$tmp/purge.log" >&2; fail "dpkg --purge failed"; }
installed=
left=
for f in /usr/sbin/hidsctl /usr/bin/hids-train /lib/systemd/system/hids.service /etc/hids \
	 /usr/src/hids-"$ver" /var/lib/dkms/hids /etc/systemd/system/multi-user.target.wants/hids.service \
	 /etc/systemd/system/multi-user.target.wants/hids-monitor.service; do
	[ ! -e "$f" ] && [ ! -L "$f" ] || left="$left $f"
done
[ -z "$left" ] || fail "purge left:$left"
echo "deb-check: purged, nothing left"

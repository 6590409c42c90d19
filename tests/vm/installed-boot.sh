#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# installed-boot.sh LINE: boot hids as an operator installs it.  A Debian 12
# root file system (scripts/guest-rootfs.sh: debootstrap, systemd as init)
# gets the hids package (make deb) installed with dpkg, so its maintainer
# scripts enable the units; hids.ko goes where DKMS puts it (built here for
# the LINE kernel: the guest has no compiler); /etc/hids/hids.conf names a
# slot.  Then the guest boots with systemd as PID 1 and nothing else done:
# tests/vm/installed/check.sh, a unit ordered after hids', reports in TAP
# whether the module and the slot came up and alerts reach hids-monitor's
# file, then powers off.  Host verdicts as in run.sh.
set -eu
line=${1:?usage: installed-boot.sh KERNEL_LINE}
top=$(cd "$(dirname "$0")/../.." && pwd)
timeout_s=${HIDS_VM_TIMEOUT:-600}
work="$top/build/vm/installed-$line"
. "$top/tests/vm/lib.sh"

bail() { host_not_ok "boot $line: $*"; echo "1..$tap_n"; exit 1; }

echo "TAP version 13"
kver=$("$top/scripts/kernels.sh" kver "$line") || bail "no $line kernel in the cache"
kdir=$("$top/scripts/kernels.sh" kdir "$line")
image=$("$top/scripts/kernels.sh" image "$line")
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
mkdir -p "$work"
rm -f "$work/console.log" "$work/guest.log"

make -s -C "$top" --no-print-directory deb >"$work/deb.log" 2>&1 ||
	{ tail -n 20 "$work/deb.log"; bail "make deb failed"; }
deb="$top/build/deb/hids_${ver}_amd64.deb"
make -s -C "$top" --no-print-directory vm-progs || bail "test programs failed to build"
ko=$("$top/scripts/build-kmod.sh" "$kdir" "$work/src") || bail "hids.ko did not build for $kver"
# The guest's packages: systemd, and what the hids package depends on.
deps=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/^ *//;s/[ (].*//;/^$/d')
# shellcheck disable=SC2086
cache_root=$("$top/scripts/guest-rootfs.sh" $deps) || bail "no guest root file system"

rootfs="$work/rootfs"
rm -rf "$rootfs"
cp -a "$cache_root" "$rootfs"
rm -f "$rootfs/.complete"
cp "$deb" "$rootfs/tmp/"
chroot "$rootfs" dpkg -i "/tmp/$(basename "$deb")" >"$work/dpkg.log" 2>&1 ||
	{ cat "$work/dpkg.log"; bail "dpkg -i $(basename "$deb") failed in the guest's root"; }
rm "$rootfs/tmp/$(basename "$deb")"
host_ok "boot $line: dpkg installed $(basename "$deb") into a Debian 12 root"
mkdir -p "$rootfs/lib/modules/$kver/updates/dkms"
cp "$ko" "$rootfs/lib/modules/$kver/updates/dkms/hids.ko"
# The kernel's own module lists: none (its modules are not in the cache).
touch "$rootfs/lib/modules/$kver/"modules.{order,builtin,builtin.modinfo}
depmod -b "$rootfs" "$kver" || bail "depmod failed"

# The operator's part: a model and a slot in /etc/hids/hids.conf.
rm -rf "$work/data"
mkdir -p "$work/data"
"$top/build/vm/host/vmdata" "$work/data" >/dev/null || bail "vmdata failed"
mkdir -p "$rootfs/var/lib/hids" "$rootfs/usr/local/lib/hids-test"
cp "$work/data/random.hidsm" "$rootfs/var/lib/hids/web.hidsm"
cat >"$rootfs/etc/hids/hids.conf" <<'CONF'
# The guest's slot: a model of random weights, so that anything alerts.
[slot web]
model = /var/lib/hids/web.hidsm
comm = hammer
threshold = 0.01
window = 8
CONF
cp "$top/build/vm/progs/hammer" "$rootfs/usr/local/bin/"
cp "$top/tests/vm/guest/lib.sh" "$top/tests/vm/installed/check.sh" "$rootfs/usr/local/lib/hids-test/"
cat >"$rootfs/etc/systemd/system/hids-boot-check.service" <<'UNIT'
[Unit]
Description=hids test: did the installed hids come up by itself
After=hids.service hids-monitor.service systemd-journald.service

[Service]
Type=oneshot
ExecStart=/bin/sh -c 'sh /usr/local/lib/hids-test/check.sh >/dev/ttyS1 2>&1'
ExecStartPost=/bin/systemctl poweroff --no-block

[Install]
WantedBy=multi-user.target
UNIT
ln -sf /etc/systemd/system/hids-boot-check.service \
	"$rootfs/etc/systemd/system/multi-user.target.wants/hids-boot-check.service"
echo "hids-guest" >"$rootfs/etc/hostname"

echo "# booting $kver with systemd as init (TCG, timeout ${timeout_s}s)"
qrc=0
boot_tree "$rootfs" "$work" "$image" 2048 "$timeout_s" \
	"softlockup_panic=1 rdinit=/sbin/init systemd.show_status=0" || qrc=$?
guest_tap "$work/guest.log" "boot $line: "
boot_verdicts "boot $line" "$qrc" "$timeout_s" "$work/guest.log" HIDS-BOOT-CHECK-COMPLETE \
	"$work/console.log"
echo "1..$tap_n"

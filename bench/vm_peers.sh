#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm_peers.sh: hids beside the monitors an operator would otherwise run, in
# one QEMU boot of a Debian 12 root (scripts/guest-rootfs.sh: auditd,
# bpftrace, lttng-tools, sysdig; LTTng's and Falco's drivers built here
# from Debian's DKMS sources) on the kernel line HIDS_PEERS_LINE (default
# 6.1: Falco's driver in Debian, falcosecurity-scap-dkms, does not build
# for 6.12).  The guest (tests/vm/guest/bench-peers.sh) runs a getppid()
# loop and busybox wget against busybox httpd under each monitor in turn,
# HIDS_BENCH_REPS (8) rounds of HIDS_BENCH_SECONDS (3) each, the order
# turned each round.  Slowdown = the rate without a monitor / with it, per
# round: the median and the spread (min, max), as "BENCH
# vm_<peer>_{getppid,http}_slowdown" (_min, _max) lines.  QEMU runs TCG
# here: the order of the peers is the result, not the ratios.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
. "$top/tests/vm/lib.sh"
line=${HIDS_PEERS_LINE:-6.1}
reps=${HIDS_BENCH_REPS:-8}
secs=${HIDS_BENCH_SECONDS:-3}
cache=${HIDS_CACHE:-/var/cache/hids-test}
work="$top/build/bench/peers-$line"

if ! "$top/scripts/kernels.sh" kver "$line" >/dev/null 2>&1; then
	echo "vm_peers: no cloud $line kernel installed: skipped (scripts/setup.sh installs it)"
	exit 0
fi
kver=$("$top/scripts/kernels.sh" kver "$line")
kdir=$("$top/scripts/kernels.sh" kdir "$line")
image=$("$top/scripts/kernels.sh" image "$line")
mkdir -p "$work"
ko=$("$top/scripts/build-kmod.sh" "$kdir" "$work/src")
make -s -C "$top" --no-print-directory vm-progs ctl/hidsctl
rootfs_cache=$("$top/scripts/guest-rootfs.sh" auditd bpftrace sysdig lttng-tools libnl-genl-3-200)

# peer_source PACKAGE: the kernel module source that Debian ships for
# DKMS in PACKAGE, downloaded once into the cache and unpacked afresh.
peer_source() {	# -> the source directory, or a reason on stderr
	local pkg=$1 deb
	mkdir -p "$cache/peers"
	deb=$(ls "$cache/peers/${pkg}"_*.deb 2>/dev/null | tail -n 1)
	if [ -z "$deb" ]; then
		(cd "$cache/peers" && apt-get download "$pkg" >/dev/null 2>&1) ||
			{ echo "$pkg could not be downloaded" >&2; return 1; }
		deb=$(ls "$cache/peers/${pkg}"_*.deb | tail -n 1)
	fi
	rm -rf "${work:?}/$pkg"
	mkdir -p "$work/$pkg"
	dpkg-deb -x "$deb" "$work/$pkg/root"
	echo "$work/$pkg/root/usr/src/"*
}

# peer_build PACKAGE SRC MAKE-ARGUMENT...: its modules, built for this
# kernel here (the guest has no compiler).
peer_build() {	# -> nothing, or a reason on stderr
	local pkg=$1 src=$2
	shift 2
	if ! make -j"$(nproc)" -C "$kdir" M="$src" "$@" modules >"$work/$pkg/build.log" 2>&1; then
		echo "its driver ($(basename "$src")) does not build for $kver:" \
			"$(grep -m 1 'error:' "$work/$pkg/build.log" | sed 's|.*/||')" >&2
		return 1
	fi
}

# Falco's kernel driver, falcosecurity-scap-dkms.
scap_driver() {	# -> the path of scap.ko, or a reason on stderr
	local src
	src=$(peer_source falcosecurity-scap-dkms) || return
	peer_build falcosecurity-scap-dkms "$src" || return
	echo "$src/scap.ko"
}

# LTTng's kernel tracer, lttng-modules-dkms, installed into the guest's
# /lib/modules for lttng-sessiond to load.  Its timer probe is left out:
# Debian's 2.13.9 predates the hrtimer_start tracepoint of later 6.1
# kernels (6.1.0-57's does not build), and syscall tracing does not need it.
lttng_modules() {	# ROOTFS -> nothing, or a reason on stderr
	local src dest=$1/lib/modules/$kver/updates/lttng
	src=$(peer_source lttng-modules-dkms) || return
	sed -i '/lttng-probe-timer\.o/d' "$src/src/probes/Kbuild"
	peer_build lttng-modules-dkms "$src" CONFIG_LTTNG=m || return
	mkdir -p "$dest"
	find "$src" -name '*.ko' -exec cp {} "$dest/" \;
	# libkmod (lttng-sessiond) wants every index: the guest has none of the
	# kernel's own modules, so the lists of them are empty.
	touch "$1/lib/modules/$kver/modules.builtin" "$1/lib/modules/$kver/modules.order"
	depmod -b "$1" "$kver" 2>"$work/lttng-modules-dkms/depmod.log" ||
		{ echo "depmod failed: $(head -n 1 "$work/lttng-modules-dkms/depmod.log")" >&2; return 1; }
}

rootfs="$work/rootfs"
rm -rf "$rootfs"
cp -a "$rootfs_cache" "$rootfs"
rm -f "$rootfs/.complete"
mkdir -p "$rootfs/peers" "$rootfs/usr/local/bin"
if scap=$(scap_driver 2>"$rootfs/peers/scap.why"); then
	cp "$scap" "$rootfs/peers/scap.ko"
fi
lttng_modules "$rootfs" 2>"$rootfs/peers/lttng.why" || true
cp "$ko" "$rootfs/peers/hids.ko"
cp "$top/ctl/hidsctl" "$top/build/vm/progs/hammer" "$rootfs/usr/local/bin/"
cp "$(command -v busybox)" "$rootfs/usr/local/bin/busybox"
"$top/build/vm/host/vmdata" "$work" >/dev/null
cp "$work/ngram.hidsm" "$rootfs/peers/"
cp "$top/tests/vm/guest/bench-peers.sh" "$rootfs/peers/init"
echo "HIDS_BENCH_REPS=$reps HIDS_BENCH_SECONDS=$secs" >"$rootfs/peers/ENV"
boot_tree "$rootfs" "$work" "$image" 3072 "${HIDS_VM_TIMEOUT:-1800}" rdinit=/peers/init || true
rm -rf "$rootfs"
log=$(tr -d '\r' <"$work/guest.log")
if ! grep -q '^HIDS-VM-PEERS-COMPLETE' <<<"$log" || ! console_clean "$work/console.log" >&2; then
	echo "vm_peers: $line: the guest did not finish cleanly; see $work/{console,guest}.log" >&2
	tail -n 20 "$work/guest.log" >&2
	exit 1
fi
grep '^# ' <<<"$log" || true
echo "kernel $line under QEMU TCG (emulated: the order of the peers is the result),"
echo "$reps rounds of ${secs}s, the order of the monitors turned each round"
echo "slowdown: the rate without a monitor / the rate with it (getppid calls/s,"
echo "http requests/s: busybox wget of a 1 KiB page from busybox httpd, one at a time)"
printf '%-34s %-8s %7s %7s %7s\n' "" "" median min max
for m in hids hids_other auditd bpftrace lttng falco; do
	why=$(sed -n "s/^unavailable $m //p" <<<"$log")
	case $m in
	hids) what="hids, protecting the workload" ;;
	hids_other) what="hids, protecting another program" ;;
	auditd) what="auditd, one syscall rule" ;;
	bpftrace) what="bpftrace, empty sys_enter probe" ;;
	lttng) what="LTTng, every system call traced" ;;
	falco) what="Falco's driver, sysdig capturing" ;;
	esac
	if [ -n "$why" ]; then
		printf '%-34s %s\n' "$what" "not measured: $why"
		continue
	fi
	for w in getppid http; do
		# Per round: the unmonitored rate of that round over this monitor's.
		g=$(awk -v m="$m" -v w="$w" '$1 == "rep" && $4 == w { r[$2, $3] = $5 }
			END { for (k in r) { split(k, a, SUBSEP); if (a[2] == m && r[k] > 0)
				print r[a[1], "none"] / r[k] } }' <<<"$log" | stats) || g="nan nan nan"
		read -r med min max <<<"$g"
		printf '%-34s %-8s %7.3f %7.3f %7.3f\n' "$what" "$w" "$med" "$min" "$max"
		echo "BENCH vm_${m}_${w}_slowdown=$med"
		echo "BENCH vm_${m}_${w}_slowdown_min=$min"
		echo "BENCH vm_${m}_${w}_slowdown_max=$max"
		what=""
	done
done

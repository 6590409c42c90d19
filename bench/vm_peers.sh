#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm_peers.sh: hids beside the monitors an operator would otherwise run, in
# one QEMU boot of a Debian 12 root (scripts/guest-rootfs.sh: auditd,
# bpftrace, sysdig) on the kernel line HIDS_PEERS_LINE (default 6.1: Falco's
# driver in Debian, falcosecurity-scap-dkms, does not build for 6.12).  The
# guest (tests/vm/guest/bench-peers.sh) runs a getppid() loop and busybox
# wget against busybox httpd under each monitor in turn, HIDS_BENCH_REPS
# (8) rounds of HIDS_BENCH_SECONDS (3) each, the order turned each round.
# Slowdown = the rate without a monitor / with it, per round: the median
# and the spread (min, max), as "BENCH vm_<peer>_{getppid,http}_slowdown"
# (_min, _max) lines.  QEMU runs TCG here: the order of the peers is the
# result, not the ratios.
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
rootfs_cache=$("$top/scripts/guest-rootfs.sh" auditd bpftrace sysdig libnl-genl-3-200)

# Falco's kernel driver as Debian ships it (its DKMS source), built for
# this kernel here: the guest has no compiler.
scap_driver() {	# -> the path of scap.ko, or a reason on stderr
	local deb src
	mkdir -p "$cache/peers"
	deb=$(ls "$cache"/peers/falcosecurity-scap-dkms_*.deb 2>/dev/null | tail -n 1)
	if [ -z "$deb" ]; then
		(cd "$cache/peers" && apt-get download falcosecurity-scap-dkms >/dev/null 2>&1) ||
			{ echo "falcosecurity-scap-dkms could not be downloaded" >&2; return 1; }
		deb=$(ls "$cache"/peers/falcosecurity-scap-dkms_*.deb | tail -n 1)
	fi
	rm -rf "$work/scap"
	mkdir -p "$work/scap"
	dpkg-deb -x "$deb" "$work/scap/root"
	src=$(echo "$work"/scap/root/usr/src/scap-*)
	if ! make -C "$kdir" M="$src" modules >"$work/scap/build.log" 2>&1; then
		echo "its driver ($(basename "$deb" _all.deb)) does not build for $kver:" \
			"$(grep -m 1 'error:' "$work/scap/build.log" | sed 's|.*/||')" >&2
		return 1
	fi
	echo "$src/scap.ko"
}

rootfs="$work/rootfs"
rm -rf "$rootfs"
cp -a "$rootfs_cache" "$rootfs"
rm -f "$rootfs/.complete"
mkdir -p "$rootfs/peers" "$rootfs/usr/local/bin"
if scap=$(scap_driver 2>"$rootfs/peers/scap.why"); then
	cp "$scap" "$rootfs/peers/scap.ko"
fi
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
for m in hids hids_other auditd bpftrace falco; do
	why=$(sed -n "s/^unavailable $m //p" <<<"$log")
	case $m in
	hids) what="hids, protecting the workload" ;;
	hids_other) what="hids, protecting another program" ;;
	auditd) what="auditd, one syscall rule" ;;
	bpftrace) what="bpftrace, empty sys_enter probe" ;;
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

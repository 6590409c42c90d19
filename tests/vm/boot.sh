#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# boot.sh LINE WORKDIR SCRIPT: build hids.ko for the test kernel line LINE
# (6.1, 6.12, debug), pack an initramfs with busybox, the module, hidsctl, the
# test programs and tests/vm/guest, and boot it under QEMU (TCG).  The
# guest's /init runs /tests/SCRIPT with its output on the second serial
# port.  Leaves WORKDIR/console.log (kernel console) and WORKDIR/guest.log
# (SCRIPT's output); exits with timeout's status (124: the guest hung).
# Extra files for the guest: every path in $HIDS_VM_EXTRA is copied to /data;
# HIDS_VM_ENV (shell assignments) is sourced before SCRIPT runs.  The guest
# can send a file back raw on the third serial port: WORKDIR/out.bin.
set -eu
line=$1 work=$2 script=$3
top=$(cd "$(dirname "$0")/../.." && pwd)
guest="$top/tests/vm/guest"
timeout_s=${HIDS_VM_TIMEOUT:-900}

mkdir -p "$work"
rm -f "$work/console.log" "$work/guest.log" "$work/out.bin"
kver=$("$top/scripts/kernels.sh" kver "$line")
kdir=$("$top/scripts/kernels.sh" kdir "$line")
image=$("$top/scripts/kernels.sh" image "$line")
[ -r "$image" ] || { echo "boot.sh: cannot read $image" >&2; exit 1; }
ko=$("$top/scripts/build-kmod.sh" "$kdir" "$work/src")
# For the suite's t/10: a module that speaks another version of the ABI.
[ "$script" != suite.sh ] ||
	other_ko=$(KCFLAGS=-DHIDS_TEST_OTHER_ABI=99 "$top/scripts/build-kmod.sh" "$kdir" "$work/src-other-abi")
make -s -C "$top" --no-print-directory vm-progs

# Copy a dynamically linked program and the libraries it needs.
install_dyn() {
	local bin=$1 dest=$2 lib
	cp "$bin" "$dest/bin/"
	for lib in $(ldd "$bin" | grep -oE '/[^ ]+'); do
		mkdir -p "$dest$(dirname "$lib")"
		cp -L "$lib" "$dest$lib"
	done
}

rootfs="$work/rootfs"
rm -rf "$rootfs"
mkdir -p "$rootfs"/{bin,dev,proc,sys,tmp,etc,tests,data}
cp /bin/busybox "$rootfs/bin/busybox"
cp "$ko" "$rootfs/hids.ko"
[ -z "${other_ko:-}" ] || cp "$other_ko" "$rootfs/hids-other-abi.ko"
for p in "$top"/build/vm/progs/*; do
	[ -x "$p" ] || continue
	if file -b "$p" | grep -q 'statically linked'; then
		cp "$p" "$rootfs/bin/"
	else
		install_dyn "$p" "$rootfs"
	fi
done
install_dyn "$top/ctl/hidsctl" "$rootfs"
cp "$guest/init" "$rootfs/init"
cp -r "$guest"/. "$rootfs/tests/"
for f in ${HIDS_VM_EXTRA:-}; do cp -r "$f" "$rootfs/data/"; done
# The debug lane runs its vCPUs on host threads of their own (multi-threaded
# TCG), so that two CPUs really run hids at the same time; there the guest
# holds the tracepoint keys on (tests/vm/guest/lib.sh says why).
case $line in
debug) tcg=${HIDS_VM_TCG:-multi} mem=2048 ;;
*)     tcg=${HIDS_VM_TCG:-single} mem=1024 ;;
esac
echo "$script" > "$rootfs/tests/ENTRY"
printf '%s\n' "${HIDS_VM_ENV:-}" > "$rootfs/tests/ENV"
[ "$tcg" = single ] || echo "HIDS_HOLD_TP_KEYS=1" >> "$rootfs/tests/ENV"
printf 'root:$6$hids$notarealhash:19000:0:99999:7:::\n' > "$rootfs/etc/shadow"
printf 'root:x:0:0:root:/tmp:/bin/sh\nuser:x:1000:1000:user:/tmp:/bin/sh\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nuser:x:1000:\n' > "$rootfs/etc/group"
(cd "$rootfs" && find . | cpio -o -H newc --quiet | gzip -1) > "$work/initrd.gz"


cpus=${HIDS_VM_CPUS:-2}
echo "# booting $kver under QEMU (TCG thread=$tcg, $cpus vCPUs, timeout ${timeout_s}s)"
timeout "$timeout_s" qemu-system-x86_64 \
	-accel tcg,thread="$tcg" -cpu max -smp "$cpus" -m "$mem" \
	-nodefaults -display none -no-reboot \
	-kernel "$image" -initrd "$work/initrd.gz" \
	-append "console=ttyS0 panic=-1 reboot=t panic_on_warn=1 oops=panic softlockup_panic=1 loglevel=6 rdinit=/init" \
	-serial "file:$work/console.log" -serial "file:$work/guest.log" \
	-serial "file:$work/out.bin" </dev/null

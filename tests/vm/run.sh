#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh LINE: boot the test kernel line LINE (6.1, 6.12) under QEMU (TCG)
# with an initramfs holding busybox, hids.ko, hidsctl, the test programs and
# tests/vm/guest, and report the guest's TAP renumbered, plus the host's own
# verdicts.  The run passes only if the guest wrote its completion marker,
# every guest test passed, and the console shows no oops, WARN, BUG or panic
# (the kernel runs with panic_on_warn and oops=panic anyway).
set -eu
line=${1:?usage: run.sh KERNEL_LINE}
top=$(cd "$(dirname "$0")/../.." && pwd)
timeout_s=${HIDS_VM_TIMEOUT:-900}
work="$top/build/vm/$line"
guest="$top/tests/vm/guest"

tap_n=0
host_ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
host_not_ok() { tap_n=$((tap_n + 1)); echo "not ok $tap_n - $*"; }
bail() { host_not_ok "vm $line: $*"; echo "1..$tap_n"; exit 1; }

echo "TAP version 13"
kver=$("$top/scripts/kernels.sh" kver "$line") || bail "no $line kernel installed"
kdir=$("$top/scripts/kernels.sh" kdir "$line")
image=$("$top/scripts/kernels.sh" image "$line")
echo "# vm $line: kernel $kver"
[ -r "$image" ] || bail "cannot read $image"

ko=$("$top/scripts/build-kmod.sh" "$kdir" "$work/src") || bail "module build failed"
make -s -C "$top" --no-print-directory vm-progs || bail "test programs failed to build"

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
mkdir -p "$rootfs"/{bin,dev,proc,sys,tmp,etc,tests}
cp /bin/busybox "$rootfs/bin/busybox"
cp "$ko" "$rootfs/hids.ko"
for p in hammer runas; do cp "$top/build/vm/progs/$p" "$rootfs/bin/"; done
install_dyn "$top/ctl/hidsctl" "$rootfs"
install_dyn "$top/build/vm/progs/genl_ops" "$rootfs"
cp "$guest/init" "$rootfs/init"
cp -r "$guest/suite.sh" "$guest/lib.sh" "$guest/t" "$rootfs/tests/"
printf 'root:x:0:0:root:/tmp:/bin/sh\nuser:x:1000:1000:user:/tmp:/bin/sh\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nuser:x:1000:\n' > "$rootfs/etc/group"
(cd "$rootfs" && find . | cpio -o -H newc --quiet | gzip -1) > "$work/initrd.gz"

console="$work/console.log" tap="$work/guest.tap"
rm -f "$console" "$tap"
echo "# booting $image (TCG, timeout ${timeout_s}s)"
set +e
timeout "$timeout_s" qemu-system-x86_64 \
	-accel tcg,thread=multi -cpu max -smp 2 -m 1024 \
	-nodefaults -display none -no-reboot \
	-kernel "$image" -initrd "$work/initrd.gz" \
	-append "console=ttyS0 panic=-1 panic_on_warn=1 oops=panic softlockup_panic=1 loglevel=6 rdinit=/init" \
	-serial "file:$console" -serial "file:$tap" </dev/null
qrc=$?
set -e

# Guest TAP, renumbered into this run's sequence.
if [ -f "$tap" ]; then
	while IFS= read -r l; do
		l=${l%$'\r'}
		case $l in
		"ok "*|"not ok "*)
			res=${l%% [0-9]*}
			rest=$(echo "$l" | sed -E 's/^(not )?ok [0-9]+ ?//')
			tap_n=$((tap_n + 1))
			echo "$res $tap_n - vm $line: ${rest#- }" ;;
		"#"*) echo "$l" ;;
		esac
	done < "$tap"
fi

show_console() { echo "# ---- console ($console), last 60 lines"; tail -n 60 "$console" | sed 's/^/#   /'; }
failed=0
if [ $qrc -eq 124 ]; then
	host_not_ok "vm $line: guest hung (killed after ${timeout_s}s)"; failed=1
else
	host_ok "vm $line: qemu exited by itself"
fi
if grep -q '^HIDS-VM-SUITE-COMPLETE' "$tap" 2>/dev/null; then
	host_ok "vm $line: guest suite ran to completion"
else
	host_not_ok "vm $line: guest never wrote its completion marker"; failed=1
fi
bad='Kernel panic|BUG:|WARNING:|Oops|general protection fault|Call Trace:|UBSAN:|KASAN:|kernel BUG|RCU stall|rcu_preempt detected stalls|soft lockup|hung_task'
if grep -qE "$bad" "$console" 2>/dev/null; then
	host_not_ok "vm $line: no oops, WARN or panic on the console"; failed=1
	grep -nE "$bad" "$console" | head -20 | sed 's/^/#   /'
else
	host_ok "vm $line: no oops, WARN or panic on the console"
fi
if [ $failed -ne 0 ] || grep -q '^not ok' "$tap" 2>/dev/null; then
	show_console
fi
echo "1..$tap_n"

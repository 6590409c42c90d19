# SPDX-License-Identifier: GPL-2.0
# Loading the module: it loads, registers its family, and taints the kernel
# only as an out-of-tree module (O) and, on kernels that sign modules, as
# unsigned (E) -- nothing else.
taint_before=$(cat /proc/sys/kernel/tainted)
check "insmod hids.ko" insmod /hids.ko
check "module listed in /proc/modules" module_loaded
taint_after=$(cat /proc/sys/kernel/tainted)
# 4096 = TAINT_OOT_MODULE (O), 8192 = TAINT_UNSIGNED_MODULE (E)
extra=$(( (taint_after & ~taint_before) & ~(4096 | 8192) ))
if [ "$taint_before" -eq 0 ] && [ $((taint_after & 4096)) -ne 0 ] && [ "$extra" -eq 0 ]; then
	ok "taint is out-of-tree only ($(cat /sys/module/hids/taint), mask $taint_after)"
else
	not_ok "taint: before $taint_before after $taint_after"
fi
check "hidsctl status answers" hidsctl status

# A module of another ABI (built with HIDS_TEST_OTHER_ABI=99): every command
# but status refuses it and names both versions; status reports it.
if [ -f /hids-other-abi.ko ]; then
	check "rmmod hids for a module of another ABI" rmmod hids
	check "insmod a module of ABI 99" insmod /hids-other-abi.ko
	out=$(hidsctl show 2>&1)
	rc=$?
	if [ $rc -eq 1 ] && echo "$out" | grep -q "speaks netlink version 99, this hidsctl (.*) version 1:"; then
		ok "hidsctl refuses it: $out"
	else
		not_ok "hidsctl show on a module of ABI 99: status $rc: $out"
	fi
	out=$(hidsctl status 2>&1 >/dev/null)
	if echo "$out" | grep -q "warning: module hids .* (ABI 99), hidsctl .* (ABI 1)"; then
		ok "status reports it: $out"
	else
		not_ok "status on a module of ABI 99: $out"
	fi
	check "rmmod it" rmmod hids
	check "insmod hids.ko again" insmod /hids.ko
else
	not_ok "no /hids-other-abi.ko (boot.sh builds it)"
fi

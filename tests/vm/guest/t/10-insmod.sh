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

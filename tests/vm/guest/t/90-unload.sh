# SPDX-License-Identifier: GPL-2.0
# Unloading under load: rmmod while 4 threads hammer system calls, then 20
# insmod/rmmod cycles with the load still running.
hammer -t 4 >/dev/null &
load=$!
sleep 1
check "rmmod under 4-thread syscall load" rmmod hids
if module_loaded; then not_ok "module gone after rmmod"; else ok "module gone after rmmod"; fi
fails=0
i=0
while [ $i -lt 20 ]; do
	insmod /hids.ko || fails=$((fails + 1))
	hidsctl status >/dev/null || fails=$((fails + 1))
	rmmod hids || fails=$((fails + 1))
	i=$((i + 1))
done
if [ $fails -eq 0 ]; then ok "20 insmod/rmmod cycles under load"; else not_ok "$fails failures in 20 insmod/rmmod cycles"; fi
kill $load
wait $load 2>/dev/null
if module_loaded; then not_ok "module unloaded at the end"; else ok "module unloaded at the end"; fi

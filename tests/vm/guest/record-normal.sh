#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Scenario phase 1 (guest entry): record the running service's cgroup under
# normal load, REQS requests a recording (as an operator records a few
# times; each starts mid-life, as protection will): SESSIONS for training,
# VAL_SESSIONS more for the thresholds.  They go to the host as a tar of
# normal/{training,validation,test}/ on the third serial port.
. ./scenario/lib.sh
insmod /hids.ko record_buffers=64
service_start || exit 1
mkdir -p /tmp/normal/training /tmp/normal/validation /tmp/normal/test
status=0 s=1 n=$((${SESSIONS:-1} + ${VAL_SESSIONS:-0}))
while [ $s -le $n ]; do
	dir=training
	[ $s -le "${SESSIONS:-1}" ] || dir=validation
	hidsctl record --cgroup /svc -o /tmp/normal/$dir/normal-$s.sc --duration 3600 \
		2>/tmp/record.err &
	rec=$!
	sleep 1
	normal_load "${REQS:-60}" "$s"
	sleep 1
	kill -INT $rec
	wait $rec
	rc=$?
	[ $rc -eq 0 ] || status=$rc
	echo "record $s ($dir) status $rc: $(cat /tmp/record.err)"
	s=$((s + 1))
done
service_stop
stty -F /dev/ttyS2 raw -echo
tar -C /tmp -cf - normal > /dev/ttyS2
echo "HIDS-RECORD-COMPLETE status $status events $(cat /tmp/normal/*/*.sc | wc -l)" \
	"bytes $(tar -C /tmp -cf - normal | wc -c)"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Scenario phase 1 (guest entry): run the service under normal load while
# hidsctl records its cgroup, then send the recording to the host on the
# third serial port.
. ./scenario/lib.sh
insmod /hids.ko record_buffers=64
service_start || exit 1
hidsctl record --cgroup /svc -o /tmp/normal.sc --duration 3600 2>/tmp/record.err &
rec=$!
sleep 1
normal_load "${REQS:-60}"
sleep 1
kill -INT $rec
wait $rec
echo "record status $?: $(cat /tmp/record.err)"
service_stop
stty -F /dev/ttyS2 raw -echo
cat /tmp/normal.sc > /dev/ttyS2
echo "HIDS-RECORD-COMPLETE $(wc -l < /tmp/normal.sc)"

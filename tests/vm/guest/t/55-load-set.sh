# SPDX-License-Identifier: GPL-2.0
# What an operator does to live slots: load without naming a slot takes a
# free one, load never replaces a slot without --replace, two loaders into
# one slot never mix their chunks, set changes
# thresholds and response without resetting the threads' scores, and the
# module autoloads when hidsctl asks for its family.
all_slots_off

out=$(hidsctl load /data/random.hidsm --comm hammer 2>&1); rc=$?
if [ $rc -eq 0 ] && echo "$out" | grep -q "^slot 0:"; then ok "load without --slot takes the first free slot (0)"; else not_ok "load without --slot: rc $rc '$out'"; fi
out=$(hidsctl load /data/random.hidsm --comm other 2>&1); rc=$?
if [ $rc -eq 0 ] && echo "$out" | grep -q "^slot 1:"; then ok "the next load takes slot 1"; else not_ok "second load without --slot: rc $rc '$out'"; fi
before=$(hidsctl show)
out=$(hidsctl load /data/getppid.hidsm --comm intruder --slot 0 2>&1); rc=$?
if [ $rc -eq 1 ] && echo "$out" | grep -q "slot 0 is in use.*--replace"; then ok "load refuses a slot in use: $out"; else not_ok "load onto slot 0 in use: rc $rc '$out'"; fi
if [ "$(hidsctl show)" = "$before" ]; then ok "the refused load changed nothing"; else not_ok "slots changed: $(hidsctl show)"; fi
out=$(genl_ops load 0 /data/getppid.hidsm excl 2>&1)
if echo "$out" | grep -q "^EEXIST: the slot is in use"; then ok "the kernel refuses an exclusive load onto a used slot (EEXIST)"; else not_ok "exclusive load: '$out'"; fi
# Two loaders into one slot: the second's first chunk takes the stage over,
# the first's next chunk is refused, never written into the other's model.
out=$(genl_ops interleave 2 /data/random.hidsm 2>&1)
if echo "$out" | grep -q "^A: EBUSY: another load into this slot started after this one's first chunk$" &&
   echo "$out" | grep -q "^B: OK$" && hidsctl show | grep "^2 " | grep -q "model random"; then
	ok "interleaved loads: the first loader's next chunk refused, the second's model loaded"
else
	not_ok "interleaved loads: '$out' $(hidsctl show | grep '^2 ')"
fi
hidsctl unload --slot 2 >/dev/null
check "load --replace replaces slot 0" sh -c 'hidsctl load /data/getppid.hidsm --comm hammer --slot 0 --replace | grep -q "^slot 0:"'
check "show: slot 0 holds the new model" sh -c 'hidsctl show | grep "^0 " | grep -q getppid'
# An unloaded slot keeps its settings; a load states them all afresh.
check "slot 1: kill, drop, alert interval, thread limit, spare list, name" \
	hidsctl set --slot 1 --response kill --overflow drop --alert-interval 250 \
		--max-threads 7 --spare /bin/hammer --name web
slot1() { hidsctl show --json | grep '^{"slot":1,'; }
cfg1=$(slot1)
case $cfg1 in
*'"max_threads":7,'*'"spare":"/bin/hammer","name":"web",'*'"response":"kill","overflow":"drop","alert_interval_ms":250}')
	ok "show: slot 1 has them" ;;
*) not_ok "slot 1 after set: $cfg1" ;;
esac
check "unload slot 1" hidsctl unload --slot 1
check "load into the freed slot 1" sh -c 'hidsctl load /data/random.hidsm --comm other --slot 1 | grep -q "^slot 1:"'
cfg1=$(slot1)
case $cfg1 in
*'"max_threads":0,'*'"spare":"","name":"",'*'"response":"log","overflow":"backpressure","alert_interval_ms":1000}')
	ok "the load into slot 1 took the defaults, not the last model's settings" ;;
*) not_ok "slot 1 after the load: $cfg1" ;;
esac
hidsctl unload --slot 1 >/dev/null

# One worker calling now and then: steps grow by about 10 a second.
check "slot 0: thresholds nothing reaches" \
	hidsctl set --slot 0 --threshold 30000 --running-threshold 30000
hammer -t 1 -u 100000 -s 12 >/dev/null &
pid=$!
sleep 3
s1=$(worker_steps)
check "set thresholds, K, response, alert interval, overflow on the live slot" \
	hidsctl set --slot 0 --threshold 20000 --running-threshold 20000 --min-calls 5 \
		--response log --alert-interval 500 --overflow backpressure
sleep 1
s2=$(worker_steps)
if [ -n "$s1" ] && [ "${s2:-0}" -gt "$s1" ]; then ok "the threads kept their scores ($s1 steps, then $s2)"; else not_ok "steps '$s1' before set, '$s2' after: the threads started over"; fi
check "show reports the new thresholds" sh -c 'hidsctl show --json | grep "\"slot\":0," | grep -q "\"threshold\":20000.0000"'
sleep 1
s3=$(worker_steps)
check "set a new window on the live slot" hidsctl set --slot 0 --window 13
sleep 1
s4=$(worker_steps)
if [ -n "$s3" ] && [ "${s4:-0}" -lt "$s3" ]; then ok "a new window starts the threads over ($s3 steps, then $s4)"; else not_ok "steps '$s3' before the window change, '$s4' after"; fi
kill $pid 2>/dev/null
wait $pid 2>/dev/null
out=$(hidsctl set --slot 0 --threshold -1 2>&1); rc=$?
if [ $rc -eq 2 ] && echo "$out" | grep -q "invalid threshold '-1'"; then ok "set rejects a bad threshold"; else not_ok "set --threshold -1: rc $rc '$out'"; fi
check "unload slot 0" hidsctl unload --slot 0

# MODULE_ALIAS_GENL_FAMILY: asking for the family loads the module.
kdir=/lib/modules/$(uname -r)
modprobe_path=$(cat /proc/sys/kernel/modprobe)
mkdir -p "$kdir"
cp /hids.ko "$kdir/hids.ko"
depmod
echo /bin/modprobe >/proc/sys/kernel/modprobe
check "rmmod hids" rmmod hids
check "hidsctl status with the module unloaded" sh -c 'hidsctl status >/dev/null'
if module_loaded; then ok "the kernel loaded hids for its family"; else not_ok "hids not loaded after hidsctl asked for its family"; insmod /hids.ko; fi
rm -rf "$kdir"
echo "$modprobe_path" >/proc/sys/kernel/modprobe

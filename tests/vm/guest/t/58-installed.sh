# SPDX-License-Identifier: GPL-2.0
# An installed hids comes up by itself: `make install`'s tree (units,
# hidsctl, hids.conf) copied onto the guest's root as a package would put
# it, the module where DKMS installs it, then what systemd runs at boot --
# hids.service's and hids-monitor.service's Exec lines, in order, read
# from the installed units -- and nothing else: the module is loaded by
# modprobe, the slots of /etc/hids/hids.conf are active, and an alert lands
# in /var/log/hids/alerts.json.
if [ ! -d /data/installed ]; then
	not_ok "no installed tree in /data (tests/vm/run.sh stages it)"
	return 0 2>/dev/null || exit 0
fi
all_slots_off
check "rmmod hids (the installed system loads it itself)" rmmod hids
cp -a /data/installed/. /
kdir=/lib/modules/$(uname -r)
modprobe_path=$(cat /proc/sys/kernel/modprobe)
mkdir -p "$kdir/updates/dkms" /sbin
cp /hids.ko "$kdir/updates/dkms/hids.ko"
depmod
ln -sf /bin/busybox /sbin/modprobe
cat >/etc/hids/hids.conf <<'CONF'
[slot web]
model = /data/random.hidsm
comm = hammer
threshold = 0.01
window = 8
CONF

# unit_exec UNIT KEY: the UNIT's KEY= command lines (systemd's prefixes cut).
unit_exec() {
	sed -n "s/^$2=[-@+!]*//p" "/lib/systemd/system/$1"
}
boot_ok=0
for key in ExecStartPre ExecStart; do
	unit_exec hids.service $key >/tmp/exec.lines
	while read -r cmd; do
		sh -c "$cmd" >/tmp/unit.out 2>&1 || { boot_ok=1; diag "hids.service: '$cmd' failed: $(cat /tmp/unit.out)"; }
	done </tmp/exec.lines
done
if [ $boot_ok -eq 0 ]; then ok "hids.service's commands ran: $(unit_exec hids.service ExecStart)"; else not_ok "hids.service failed"; fi
if module_loaded; then ok "the module is loaded (modprobe, from $kdir/updates/dkms)"; else not_ok "hids not loaded after hids.service"; insmod /hids.ko; fi
if hidsctl show --config | grep -q "^\[slot web\]" && hidsctl show | grep -q "^0 *detect .*comm hammer"; then
	ok "the slots of /etc/hids/hids.conf are active"
else
	not_ok "slots after boot: $(hidsctl show)"
fi
mkdir -p /var/log/hids	# LogsDirectory=hids
mon=$(unit_exec hids-monitor.service ExecStart)
sh -c "exec $mon" 2>/tmp/hm.err &
monpid=$!
listening /tmp/hm.err
hammer -s 2 >/dev/null &
pid=$!
wait $pid
for _ in $(seq 50); do grep -q "\"proc.pid\":$pid," /var/log/hids/alerts.json 2>/dev/null && break; sleep 0.1; done
if grep -q "\"proc.pid\":$pid," /var/log/hids/alerts.json 2>/dev/null; then ok "hids-monitor.service writes the alert to /var/log/hids/alerts.json"; else not_ok "no alert in /var/log/hids/alerts.json: $(cat /tmp/hm.err)"; fi
kill $monpid
wait $monpid 2>/dev/null
echo "# nothing" >/etc/hids/hids.conf
hidsctl apply /etc/hids/hids.conf >/dev/null
# Later tests load the module themselves: nothing may autoload it under
# them (a request for the family while it is away would).
rm -rf "$kdir" /sbin/modprobe
echo "$modprobe_path" >/proc/sys/kernel/modprobe

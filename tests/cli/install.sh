#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make install and make uninstall into a staging root (DESTDIR), as a
# package build does (TAP): every file where the FHS wants it, the units
# naming the installed hidsctl, the example configuration valid, an
# operator's edited hids.conf neither overwritten nor removed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
n=0

ok() {	# ok CONDITION-STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

echo "1..9"
make -s -C "$top" --no-print-directory install DESTDIR="$root" PREFIX=/usr >"$root.log" 2>&1
ok $? "make install DESTDIR=... PREFIX=/usr"
sed 's/^/# /' "$root.log"; rm -f "$root.log"
missing=
for f in usr/sbin/hidsctl usr/bin/hids-train usr/share/man/man8/hidsctl.8 \
	 usr/share/man/man5/hids.conf.5 usr/share/man/man1/hids-train.1 \
	 usr/lib/systemd/system/hids.service usr/lib/systemd/system/hids-monitor.service \
	 etc/hids/hids.conf etc/hids/hids.conf.example usr/share/bash-completion/completions/hidsctl; do
	[ -e "$root/$f" ] || missing="$missing $f"
done
[ -z "$missing" ]
ok $? "every file installed${missing:+ (missing:$missing)}"
"$root/usr/sbin/hidsctl" --version | grep -q "^hidsctl " &&
	"$root/usr/bin/hids-train" --version | grep -q "^hids-train "
ok $? "the installed tools run"
! grep -h '^Exec' "$root"/usr/lib/systemd/system/*.service |
	grep -v -e '=/usr/sbin/hidsctl ' -e '^ExecStartPre=/sbin/modprobe hids$' -e "^ExecReload=/bin/sh -c 'kill -HUP \$MAINPID'$"
ok $? "the units run the installed hidsctl"
grep -q '^ExecStart=/usr/sbin/hidsctl apply /etc/hids/hids.conf$' "$root/usr/lib/systemd/system/hids.service"
ok $? "hids.service applies /etc/hids/hids.conf"
"$root/usr/sbin/hidsctl" apply --check "$root/etc/hids/hids.conf" >/dev/null
ok $? "the installed example configuration is valid"
bash -n "$root/usr/share/bash-completion/completions/hidsctl" &&
	bash -c ". '$root/usr/share/bash-completion/completions/hidsctl' && complete -p hidsctl" >/dev/null
ok $? "the bash completion loads"
echo "[slot mine]" >>"$root/etc/hids/hids.conf"
make -s -C "$top" --no-print-directory install DESTDIR="$root" PREFIX=/usr >/dev/null 2>&1 &&
	grep -q "^\[slot mine\]" "$root/etc/hids/hids.conf"
ok $? "a second install keeps the operator's hids.conf"
make -s -C "$top" --no-print-directory uninstall DESTDIR="$root" PREFIX=/usr >/dev/null 2>&1 &&
	[ -z "$(find "$root" -type f ! -path '*/etc/hids/hids.conf')" ] && [ -e "$root/etc/hids/hids.conf" ]
ok $? "make uninstall removes every file but the edited hids.conf"

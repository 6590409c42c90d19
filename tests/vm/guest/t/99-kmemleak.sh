# SPDX-License-Identifier: GPL-2.0
# kmemleak (debug kernels): after everything above, with the module
# unloaded, a scan finds no unreferenced object allocated through hids.
# kmemleak keeps each allocation's backtrace; frames of a module that is
# gone print as bare addresses in module space, and hids is the only module
# this VM ever loads, so any such frame is one of its allocations.
kml=/sys/kernel/debug/kmemleak
[ -e $kml ] || mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
if [ ! -e $kml ]; then
	tap_n=$((tap_n + 1)); echo "ok $tap_n - kmemleak finds nothing of hids # SKIP kernel without kmemleak"
else
	# Twice: an object must look unreferenced in two scans to be reported.
	echo scan >$kml; echo scan >$kml
	cat $kml >/tmp/kmemleak.txt
	n=$(grep -c '^unreferenced object' /tmp/kmemleak.txt)
	hids=$(awk '/^unreferenced object/ { obj = $0 }
		/\[hids\]|\[<ffffffff[c-f][0-9a-f]{7}>\]/ { print obj }' /tmp/kmemleak.txt | sort -u | wc -l)
	if [ "$hids" -eq 0 ]; then
		ok "kmemleak finds nothing of hids ($n unreferenced objects elsewhere)"
	else
		not_ok "kmemleak: $hids leaked objects allocated through hids"
		sed 's/^/#   /' /tmp/kmemleak.txt | head -60
	fi
	reliability reports "$hids"
fi

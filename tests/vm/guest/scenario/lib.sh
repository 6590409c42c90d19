# SPDX-License-Identifier: GPL-2.0
# The scenario service: busybox httpd with a CGI in cgroup /svc, its normal
# client load, and two attacks (sourced by the guest entry scripts).
SVC_URL=http://127.0.0.1:8080

service_start() {
	ip link set lo up
	mkdir -p /sys/fs/cgroup/svc
	cp -r /tests/scenario/www /www
	sh -c 'echo $$ > /sys/fs/cgroup/svc/cgroup.procs; exec httpd -f -p 127.0.0.1:8080 -h /www' &
	SVC_PID=$!
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		wget -q -O /dev/null "$SVC_URL/" 2>/dev/null && return 0
		sleep 0.2
	done
	echo "scenario: httpd did not come up" >&2
	return 1
}

service_stop() {
	kill "$SVC_PID" 2>/dev/null
	wait "$SVC_PID" 2>/dev/null
}

# normal_load N [SEED]: N requests as the directory's users make them, a
# fifth for the home page, the rest lookups of a name; the mix is drawn
# from SEED (default 1) so the two phases see different, unaligned runs.
normal_load() {
	local total=$1 seed=${2:-1} i=0 r name
	set -- alice bob carol dave erin frank grace heidi ivan judy nobody Al
	while [ $i -lt "$total" ]; do
		seed=$(((seed * 1103515245 + 12345) % 2147483648))
		r=$((seed / 65536))
		eval "name=\${$((r % $# + 1))}"
		case $((r / 16 % 5)) in
		0) wget -q -O /dev/null "$SVC_URL/" ;;
		*) wget -q -O /dev/null "$SVC_URL/cgi-bin/lookup?name=$name" ;;
		esac
		i=$((i + 1))
	done
}

# Attack 1: command injection that spawns a shell and reads /etc/shadow.
attack_shadow() {
	wget -q -O - "$SVC_URL/cgi-bin/lookup?name=x%22%20/dev/null;%20cat%20/etc/shadow;%20echo%20%22"
}

# Attack 2: a dropper: writes a script to /tmp, makes it executable, runs it.
attack_dropper() {
	wget -q -O - "$SVC_URL/cgi-bin/lookup?name=x%22%20/dev/null;%20echo%20%27id;uname%20-a;ls%20/etc%27%20%3E/tmp/.x;%20chmod%20755%20/tmp/.x;%20/tmp/.x;%20echo%20%22"
}

# stat_sum NAME...: the sum of these counters of hidsctl status --json.
stat_sum() {
	local json sum=0 n
	json=$(hidsctl status --json)
	for n in "$@"; do
		sum=$((sum + $(echo "$json" | sed -n "s/.*\"$n\":\([0-9]*\).*/\1/p")))
	done
	echo "$sum"
}

# json_num LINE KEY, json_str LINE KEY: a field of a monitor --json line.
json_num() {
	echo "$1" | sed -n "s/.*\"$2\":\([0-9]*\).*/\1/p"
}

json_str() {
	echo "$1" | sed -n "s/.*\"$2\":\"\([^\"]*\)\".*/\1/p"
}

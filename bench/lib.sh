# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Helpers of the benchmark scripts (sourced by vm_bench.sh, train_bench.sh).

# stats: numbers on stdin -> "median min max"
stats() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) exit 1
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.4f %.4f %.4f\n", m, v[1], v[NR] }'
}

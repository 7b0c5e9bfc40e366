#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# run.sh RUNS TARGET...: run each fuzz target RUNS times (deterministic seed)
# from its seed corpus, then replay its kept regression inputs; TAP out.
# Crashing inputs land in build/fuzz/crash-<target>-*: fix the bug, then
# keep the input under regress/<target>/ so it is replayed for ever.
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../.." && pwd)/build/fuzz
runs=$1
shift
n=0 failed=0

echo "TAP version 13"
for t in "$@"; do
	mkdir -p "$out/corpus/$t"
	log=$out/$t.log
	"$out/$t" -runs="$runs" -seed=1 -max_len=4096 -timeout=60 -rss_limit_mb=4096 \
		-print_final_stats=1 -artifact_prefix="$out/crash-$t-" \
		"$out/corpus/$t" "$here/corpus/$t" >"$log" 2>&1
	rc=$?
	execs=$(awk '/stat::number_of_executed_units/ { print $2 }' "$log")
	cov=$(grep -Eo 'DONE +cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1 | sed 's/DONE *//')
	n=$((n + 1))
	if [ $rc -eq 0 ]; then
		echo "ok $n - fuzz: $t: ${execs:-?} executions ($cov), every invariant held"
	else
		failed=$((failed + 1))
		echo "not ok $n - fuzz: $t: exit $rc after ${execs:-?} executions"
		grep -E 'invariant broken|ERROR|SUMMARY|#[0-9]+ in ' "$log" | head -n 20 | sed 's/^/# /'
	fi
	for f in "$here/regress/$t"/*; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		if "$out/$t" "$f" >"$log.regress" 2>&1; then
			echo "ok $n - fuzz: $t: regression input $(basename "$f")"
		else
			failed=$((failed + 1))
			echo "not ok $n - fuzz: $t: regression input $(basename "$f")"
			grep -E 'invariant broken|ERROR|SUMMARY' "$log.regress" | head -n 5 | sed 's/^/# /'
		fi
	done
done
echo "1..$n"
[ $failed -eq 0 ]

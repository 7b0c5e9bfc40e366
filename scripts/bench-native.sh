#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The native client's benchmark, in the host VM with mgvt loaded debug=1:
# submission-to-completion latency of an empty batch on each engine and of
# a 256x256 blit on bcs0, and back-to-back submissions per second, with
# completions found by polling (the native client before the engine owner:
# a 50-100 us polling loop) and by interrupt (the engine owner's CSB work),
# measured side by side: the two modes alternate, three rounds each, and
# the median round is reported.  Usage: bench-native.sh [N]
set -u
n=${1:-200}
dev=$(basename "$(ls -d /sys/class/mdev_bus/* | head -n 1)")
nat=/sys/kernel/debug/mgvt/$dev/native
rounds=3

# One measurement: field $3 of the bench line after running "$2" in mode $1.
measure() {
	echo "mode $1; bench $2" > "$nat" || return 1
	awk -v k="$3" '$1 == "bench" { for (i = 2; i < NF; i++) if ($i == k) print $(i + 1) }' "$nat"
}

median() {
	tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# bench NAME COMMAND FIELD: the median of each mode, and their ratio.
bench() {
	local name=$1 cmd=$2 field=$3 p='' i='' _
	for _ in $(seq $rounds); do
		p="$p $(measure poll "$cmd" "$field")"
		i="$i $(measure irq "$cmd" "$field")"
	done
	p=$(echo "$p" | median)
	i=$(echo "$i" | median)
	printf '# %-28s poll %10s   irq %10s   irq/poll %s\n' "$name $field" "$p" "$i" \
		"$(awk -v a="$i" -v b="$p" 'BEGIN { printf "%.3f", b ? a / b : 0 }')"
	echo "bench: native_${name}_${field}_irq_over_poll $(awk -v a="$i" -v b="$p" 'BEGIN { printf "%.3f", b ? a / b : 0 }')"
}

echo "# native client on mgvt-sim: completion by polling (before) vs interrupt (after)"
for e in rcs0 bcs0 vcs0 vecs0; do
	bench "${e}_nop" "lat $e nop $n" median_ns
done
bench "bcs0_blit256" "lat bcs0 blit $((n / 2))" median_ns
for e in rcs0 bcs0; do
	bench "${e}_burst" "burst $e $((n * 5))" per_s
done
echo "mode irq" > "$nat"

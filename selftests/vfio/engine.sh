#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The engine owners on mgvt-sim, inside the host VM, through the native
# client (a client like the vGPUs' workloads will be): all four engines
# busy at once, two contexts of one engine in both ELSP ports, lite
# restore, 1,000 requests with no completion lost or duplicated, engine
# errors reported with the engine's error registers and recovered while
# the other engines go on, a never-ending semaphore wait cut off by the
# watchdog, and nothing left mapped after unload.  Every result is
# checked by value in the memory the engines wrote.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
. "$repo/selftests/lib/tap.sh"

tap_header
if ! tap_ok "$("$repo/scripts/load-modules.sh" && echo y)" "engine: modules loaded"; then
	tap_finish
	exit
fi
dev=$(basename "$(ls -d /sys/class/mdev_bus/* | head -n 1)")
dir=/sys/kernel/debug/mgvt/$dev
nat=$dir/native
buf=$dir/native_buffer
scale=/sys/module/mgvt_sim/parameters/time_scale
timeout=/sys/module/mgvt/parameters/engine_timeout_ms

# u32 at byte offset $1 of the client's buffer, as 8 hex digits.
word() {
	od -A n -t x4 -j "$1" -N 4 "$buf" | tr -d ' '
}
# Field $2 of engine $1's line in debugfs "engines" (name value pairs).
est() {
	awk -v e="$1" -v k="$2" '$1 == e { for (i = 3; i < NF; i += 2) if ($i == k) print $(i + 1) }' "$dir/engines"
}
# Field $2 of engine $1's line in "native".
nst() {
	awk -v e="$1" -v k="$2" '$1 == e { for (i = 2; i < NF; i++) if ($i == k) print $(i + 1) }' "$nat"
}
clear_buf() {
	dd if=/dev/zero of="$buf" bs=4096 count=16 2>/dev/null
}

tap_ok "$([ -r "$dir/engines" ] && [ "$(grep -c ' idle ' "$dir/engines")" = 4 ] && echo y)" \
	"engines: four engine owners, idle"

# --- four engines at once -------------------------------------------------
clear_buf
echo 100000 > "$scale"
tap_ok "$(echo "submit bcs0 fill 0 0 64 8 256 287454020 300; submit rcs0 store 8192 286331153 300; submit vcs0 store 8196 572662306 300; submit vecs0 store 8200 858993459 300; wait" > "$nat" && echo y)" \
	"parallel: work queued on all four engines completes"
echo 100 > "$scale"
tap_diag "$(grep '^client' "$nat")"
tap_ok "$([ "$(nst client max_busy_engines)" = 4 ] && echo y)" \
	"parallel: the four engines executed at the same time (max_busy_engines $(nst client max_busy_engines))"
tap_ok "$([ "$(word 0)" = 11223344 ] && [ "$(word 2044)" = 11223344 ] && [ "$(word 2048)" = 00000000 ] &&
	  [ "$(word 8192)" = 11111111 ] && [ "$(word 8196)" = 22222222 ] && [ "$(word 8200)" = 33333333 ] && echo y)" \
	"parallel: each engine's values in memory"

# --- both ports, lite restore ---------------------------------------------
clear_buf
p0=$(est bcs0 pairs) s0=$(est bcs0 element_switches)
echo 100000 > "$scale"
tap_ok "$(echo "submit bcs0:2 fill 0 16 64 8 256 3435973836 100; submit bcs0:0 fill 0 0 64 8 256 2863311530 100; submit bcs0:1 fill 0 8 64 8 256 3149642683 100; wait" > "$nat" && echo y)" \
	"ports: two contexts queued on bcs0 behind a third complete"
tap_ok "$([ "$(est bcs0 pairs)" -gt "$p0" ] && [ "$(est bcs0 element_switches)" -gt "$s0" ] && echo y)" \
	"ports: when the third completed, the two went to ELSP as a pair and the second ran after an element switch (pairs $p0 -> $(est bcs0 pairs))"
tap_ok "$([ "$(word 2044)" = aaaaaaaa ] && [ "$(word 2048)" = bbbbbbbb ] && [ "$(word 4092)" = bbbbbbbb ] && [ "$(word 4096)" = cccccccc ] && [ "$(word 6144)" = 00000000 ] && echo y)" \
	"ports: the three contexts' pixels right, nothing beyond"
l0=$(est rcs0 lite_restores)
tap_ok "$(echo "submit rcs0 store 12288 1 300; submit rcs0 store 12292 2; wait" > "$nat" && echo y)" \
	"lite: a second request of the running context completes"
echo 100 > "$scale"
tap_ok "$([ "$(est rcs0 lite_restores)" -gt "$l0" ] && [ "$(word 12288)" = 00000001 ] && [ "$(word 12292)" = 00000002 ] && echo y)" \
	"lite: it reached the engine as a lite restore and both values landed"

# --- 1,000 requests ---------------------------------------------------------
clear_buf
c0=0
for e in rcs0 bcs0 vcs0 vecs0; do c0=$((c0 + $(est $e completed))); done
i=0 ok=y
while [ $i -lt 1000 ]; do
	cmd=
	j=0
	while [ $j -lt 50 ]; do
		k=$((i + j))
		case $((k % 6)) in
		0) t=rcs0:0 ;; 1) t=bcs0:0 ;; 2) t=vcs0:0 ;; 3) t=vecs0:1 ;; 4) t=rcs0:1 ;; *) t=bcs0:1 ;;
		esac
		cmd="$cmd submit $t store $((k * 4)) $((k + 0x1000));"
		j=$((j + 1))
	done
	echo "$cmd" > "$nat" || ok=n
	i=$((i + 50))
done
echo wait > "$nat" || ok=n
tap_ok "$ok" "1000: 1,000 requests on six contexts of four engines queued and waited for"
# One read of the buffer: dword k must hold k + 0x1000.
bad=$(od -A n -t u4 -v -N 4000 "$buf" | tr -s ' ' '\n' | grep . |
	awk '$1 != NR - 1 + 4096 { bad++ } END { print bad + 0 }')
tap_ok "$([ $bad = 0 ] && echo y)" "1000: every request's value in memory ($bad wrong)"
c1=0
for e in rcs0 bcs0 vcs0 vecs0; do c1=$((c1 + $(est $e completed))); done
tap_ok "$([ $((c1 - c0)) = 1000 ] && [ "$(nst client dup_events)" = 0 ] && echo y)" \
	"1000: exactly 1,000 completions reported by the engine owners ($((c1 - c0))), no duplicate event"

# --- engine errors ----------------------------------------------------------
r0=$(est rcs0 resets)
tap_ok "$(! echo "rcs0 bad" > "$nat" 2>/dev/null && echo y)" "error: an unknown command fails its request"
tap_diag "$(grep '^rcs0' "$nat")"
tap_ok "$([ "$(nst rcs0 last)" = -5 ] && [ "$(nst rcs0 eir)" = 0x1 ] && [ "$(nst rcs0 ipehr)" = 0x1f800000 ] && echo y)" \
	"error: -EIO with EIR instruction error and the command in IPEHR"
tap_ok "$([ "$(est rcs0 resets)" -gt "$r0" ] && [ "$(est rcs0 errors)" -ge 1 ] && echo y)" \
	"error: the CS error interrupt was taken and rcs0 reset"
tap_ok "$(echo "rcs0 store 16384 4660" > "$nat" && [ "$(word 16384)" = 00001234 ] && echo y)" \
	"error: rcs0 runs work again after the reset"
tap_ok "$(! echo "vcs0 fault" > "$nat" 2>/dev/null && [ "$(nst vcs0 eir)" = 0x10 ] && echo y)" \
	"error: a store where no GGTT entry maps: EIR page-table error ($(nst vcs0 eir))"
clear_buf
echo 10000 > "$scale"
tap_ok "$(! echo "submit bcs0 fill 0 0 64 8 256 3722304989 300; submit vecs0 store 8192 5 300; submit rcs0:0 bad; submit rcs0:1 store 8196 6; wait" > "$nat" 2>/dev/null && echo y)" \
	"error: with other engines busy, the bad request's error comes back from wait"
echo 100 > "$scale"
tap_ok "$([ "$(word 0)" = dddddddd ] && [ "$(word 2044)" = dddddddd ] && [ "$(word 8192)" = 00000005 ] && echo y)" \
	"error: the other engines' work completed"
tap_ok "$([ "$(word 8196)" = 00000006 ] && echo y)" \
	"error: the other context queued behind the failed one on rcs0 was resubmitted and completed"

# --- watchdog ---------------------------------------------------------------
w0=$(est vcs0 watchdog)
echo 300 > "$timeout"
tap_ok "$(! echo "vcs0 hang" > "$nat" 2>/dev/null && [ "$(nst vcs0 last)" = -110 ] && echo y)" \
	"watchdog: a semaphore wait that never ends fails with -ETIMEDOUT ($(nst vcs0 last))"
echo 2000 > "$timeout"
tap_ok "$([ "$(est vcs0 watchdog)" -gt "$w0" ] && echo y)" "watchdog: counted on vcs0"
tap_ok "$(echo "vcs0 store 20480 22136" > "$nat" && [ "$(word 20480)" = 00005678 ] && echo y)" \
	"watchdog: vcs0 runs work again"

tap_diag "$(cat "$dir/engines")"
tap_ok "$(awk '$1 ~ /cs0$/ && $2 != "idle" { bad = 1 } END { exit bad }' "$dir/engines" && echo y)" \
	"engines: all idle at the end"
# Unload with work queued that can never complete, no watchdog to end it:
# the engine owners fail it (-ESHUTDOWN) and the unload goes through.
echo 0 > "$timeout"
tap_ok "$(echo "submit vcs0:0 hang; submit vcs0:1 nop; submit vcs0:2 store 0 1" > "$nat" && echo y)" \
	"unload: a never-ending semaphore wait and requests behind it queued, watchdog off"
sleep 1
tap_ok "$(timeout 120 "$repo/scripts/load-modules.sh" -u && echo y)" \
	"unload: modules unloaded with them in flight"
tap_ok "$(! dmesg | grep -q 'still DMA-mapped' && ! dmesg | grep -q 'host GM: .* still allocated' && echo y)" \
	"unload: no DMA mapping and no host GM range left"
tap_finish

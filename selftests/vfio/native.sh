#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The native client on mgvt-sim, inside the host VM: batches on all four
# engines through the HAL (context, ring, batch, ELSP), results checked in
# memory; blits checked pixel by pixel; the sim's strict-mode counters stay
# at zero for this correct driver.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
. "$repo/selftests/lib/tap.sh"

tap_header
if ! tap_ok "$("$repo/scripts/load-modules.sh" && echo y)" "native: modules loaded"; then
	tap_finish
	exit
fi
dev=$(basename "$(ls -d /sys/class/mdev_bus/* | head -n 1)")
dir=/sys/kernel/debug/mgvt/$dev
strict=/sys/kernel/debug/mgvt_sim/$dev/strict
buf=$dir/native_buffer

# u32 at byte offset $1 of the client's buffer, as 8 hex digits.
word() {
	od -A n -t x4 -j "$1" -N 4 "$buf" | tr -d ' '
}

tap_ok "$([ -w "$dir/native" ] && [ -r "$strict" ] && echo y)" "native: debugfs files present"

i=0
for e in rcs0 bcs0 vcs0 vecs0; do
	v=$(printf '%08x' $((0x5a000000 + i)))
	tap_ok "$(echo "$e store $((i * 4)) $((0x5a000000 + i))" > "$dir/native" && echo y)" \
		"native: MI_STORE_DWORD_IMM batch on $e completes"
	tap_ok "$([ "$(word $((i * 4)))" = "$v" ] && echo y)" \
		"native: the value $e stored is in memory ($(word $((i * 4))))"
	i=$((i + 1))
done
tap_diag "$(cat "$dir/native")"
for e in rcs0 bcs0 vcs0 vecs0; do
	tap_ok "$(awk -v e="$e" '$1 == e && $7 > 0 && $9 > 0 { ok = 1 } END { exit !ok }' "$dir/native" && echo y)" \
		"native: $e's user and context-switch interrupts reached mgvt's handler"
	tap_ok "$(awk -v e="$e" '$1 == e && $11 > 0 { ok = 1 } END { exit !ok }' "$dir/native" && echo y)" \
		"native: $e's RING_TIMESTAMP (a 64-bit read) counted the work's modelled time"
done
tap_ok "$(grep -qx 'aperture consistent' "$dir/native" && echo y)" \
	"native: the HAL's aperture pages are the client's pages, none where no GGTT entry is"

# bcs0: fill a 16x8 rectangle at (4,2) of a 64-pixel-wide surface.
dd if=/dev/zero of="$buf" bs=4096 count=16 2>/dev/null
tap_ok "$(echo "bcs0 fill 4 2 16 8 256 3735928559" > "$dir/native" && echo y)" \
	"native: XY_COLOR_BLT completes on bcs0"
bad=0
for y in 0 1 2 9 10; do
	for x in 3 4 19 20; do
		want=00000000
		if [ "$y" -ge 2 ] && [ "$y" -lt 10 ] && [ "$x" -ge 4 ] && [ "$x" -lt 20 ]; then
			want=deadbeef
		fi
		[ "$(word $((y * 256 + x * 4)))" = "$want" ] || bad=$((bad + 1))
	done
done
tap_ok "$([ $bad -eq 0 ] && echo y)" "native: fill pixels inside and on each edge are right ($bad wrong)"

# Copy that rectangle to (30,20).
tap_ok "$(echo "bcs0 copy 4 2 30 20 16 8 256" > "$dir/native" && echo y)" \
	"native: XY_SRC_COPY_BLT completes on bcs0"
tap_ok "$([ "$(word $((20 * 256 + 30 * 4)))" = deadbeef ] &&
	  [ "$(word $((27 * 256 + 45 * 4)))" = deadbeef ] &&
	  [ "$(word $((28 * 256 + 45 * 4)))" = 00000000 ] &&
	  [ "$(word $((27 * 256 + 46 * 4)))" = 00000000 ] && echo y)" \
	"native: copied pixels at the destination corners, nothing beyond"

# Paced time: 300 fills of 64 KiB must not complete before their modelled
# time (host ns >= scale% of modelled ns).  Under TCG the model itself runs
# slower than real time, so only a large scale (100x) tells pacing apart
# from mere slowness.
for scale in 100 10000; do
	echo "$scale" > /sys/module/mgvt_sim/parameters/time_scale
	echo "bcs0 fill 0 0 64 256 256 1 300" > "$dir/native"
	line=$(grep '^bcs0 ' "$dir/native")
	tap_diag "time_scale $scale: $line"
	tap_ok "$(echo "$line" | awk -v s="$scale" '$13 > 2000000 && $5 * 100 >= $13 * s { ok = 1 } END { exit !ok }' && echo y)" \
		"paced: at time_scale $scale the work completes no earlier than its modelled time"
done
echo 100 > /sys/module/mgvt_sim/parameters/time_scale

tap_ok "$(! echo "rcs0 fill 0 0 1 1 4 1" > "$dir/native" 2>/dev/null && echo y)" \
	"native: blits on rcs0 are refused (EINVAL)"
tap_ok "$(! echo "bcs0 fill 0 0 100 1000 4096 1" > "$dir/native" 2>/dev/null && echo y)" \
	"native: a rectangle beyond the buffer is refused"

tap_diag "$(cat "$strict")"
tap_ok "$(awk '$1 != "dma_mapped_pages" && $2 != 0 { bad = 1 } END { exit bad }' "$strict" && echo y)" \
	"strict: every counter of mgvt-sim is zero after the native client's work"
tap_ok "$("$repo/scripts/load-modules.sh" -u && echo y)" "native: modules unloaded (no DMA mapping leaked: see dmesg)"
tap_ok "$(! dmesg | grep -q 'still DMA-mapped' && echo y)" "native: no DMA mapping left at teardown"
tap_finish

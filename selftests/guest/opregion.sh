#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the host VM with mgvt and mgvt_sim loaded: QEMU's side of
# the OpRegion.  Starts QEMU paused (-S: the L2 guest never runs, so this
# takes seconds) through qemu-glue/mgvt-qemu.sh --opregion on: at the
# device's realize QEMU 7.2 reads the whole IGD OpRegion region to copy
# it into guest memory, and refuses to start if it cannot.  It must run.
#
# QEMU's side of the EDID region is not checked here: QEMU 7.2 drives it
# only with a dma-buf display (--vgpu-display on), which needs OpenGL,
# which the test VM lacks; with the region display it never opens the
# EDID region and refuses xres/yres ("need edid support").  edid_test
# drives the region the way QEMU's dma-buf display does.
# Usage: opregion.sh [TYPE]     (default mgvt-GVTg_V5_4)
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$repo/selftests/lib/tap.sh"

type=${1:-mgvt-GVTg_V5_4}
kver=$("$repo/scripts/kver.sh")
kernel=$(ls "$repo/build/vm/vmlinux-$kver-"* 2>/dev/null | head -n 1)
[ -n "$kernel" ] || kernel=/boot/vmlinuz-$kver
qlog=/tmp/mgvt-l2-opregion-qemu.log

tap_header
parent=$(ls -d /sys/class/mdev_bus/* 2>/dev/null | head -n 1)
uuid=$(cat /proc/sys/kernel/random/uuid)
if ! tap_ok "$([ -n "$parent" ] && echo "$uuid" > "$parent/mdev_supported_types/$type/create" && echo y)" \
	"opregion: vGPU $type created"; then
	tap_finish
	exit
fi

"$repo/qemu-glue/mgvt-qemu.sh" --accel tcg -u "$uuid" -m 256 -c 1 -k "$kernel" \
	--serial none --display none --vgpu-display region --opregion on \
	-- -S -L /usr/share/seabios -L /usr/share/qemu > "$qlog" 2>&1 &
qpid=$!
sleep 10
tap_ok "$(kill -0 "$qpid" 2>/dev/null && echo y)" \
	"opregion: QEMU runs with x-igd-opregion=on (it read the OpRegion region)"
tap_ok "$(grep -q 'OpRegion' "$qlog" || echo y)" "opregion: QEMU reports no OpRegion error"
kill "$qpid" 2>/dev/null
wait "$qpid"
sed 's/^/# qemu: /' "$qlog"

echo 1 > "/sys/bus/mdev/devices/$uuid/remove"
tap_ok "$([ ! -e "/sys/bus/mdev/devices/$uuid" ] && echo y)" "opregion: vGPU removed"
tap_finish

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The vGPU types and devices as mdevctl (the tool libvirt and admins use)
# sees them, inside the host VM: types with their GVT-g descriptions, a
# transient vGPU started and stopped through mdevctl.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
. "$repo/selftests/lib/tap.sh"

tap_header
if ! tap_ok "$("$repo/scripts/load-modules.sh" && echo y)" "mdevctl: modules loaded"; then
	tap_finish
	exit
fi
parent=$(basename "$(ls -d /sys/class/mdev_bus/* | head -n 1)")
out=$(mdevctl types 2>&1)
printf '%s\n' "$out" | sed 's/^/#   /'
tap_ok "$(printf '%s\n' "$out" | grep -q "^$parent" && echo y)" "mdevctl types lists parent $parent"
tap_ok "$(printf '%s\n' "$out" | grep -A4 'mgvt-GVTg_V5_4$' | grep -q 'Available instances: 5' && echo y)" \
	"mdevctl types: mgvt-GVTg_V5_4 with 5 available instances"
tap_ok "$(printf '%s\n' "$out" | grep -A4 'mgvt-GVTg_V5_4$' | grep -q 'Device API: vfio-pci' && echo y)" \
	"mdevctl types: device API vfio-pci"
tap_ok "$(printf '%s\n' "$out" | grep -q 'low_gm_size: 128MB' && echo y)" \
	"mdevctl types shows GVT-g's description lines"

uuid=$(cat /proc/sys/kernel/random/uuid)
tap_ok "$(mdevctl start -u "$uuid" -p "$parent" --type mgvt-GVTg_V5_8 && echo y)" "mdevctl start creates a vGPU"
tap_ok "$(mdevctl list | grep -q "$uuid $parent mgvt-GVTg_V5_8" && echo y)" "mdevctl list shows it"
tap_ok "$([ "$(cat "/sys/bus/mdev/devices/$uuid/mdev_type/name")" = GVTg_V5_8 ] && echo y)" \
	"its sysfs mdev_type is GVTg_V5_8"
tap_ok "$(mdevctl stop -u "$uuid" && [ ! -e "/sys/bus/mdev/devices/$uuid" ] && echo y)" \
	"mdevctl stop removes it"
tap_ok "$("$repo/scripts/load-modules.sh" -u && echo y)" "mdevctl: modules unloaded"
tap_finish

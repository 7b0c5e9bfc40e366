#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The vGPU types and devices as mdevctl (the tool libvirt and admins use)
# sees them, inside the host VM: types with their GVT-g descriptions, a
# transient vGPU started and stopped through mdevctl, and the JSON
# definitions of qemu-glue/mdevctl defined and started.
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
# The JSON definitions of qemu-glue/mdevctl, as users feed them to mdevctl.
json=$repo/qemu-glue/mdevctl
uuid=$(cat /proc/sys/kernel/random/uuid)
tap_ok "$(mdevctl define -u "$uuid" -p "$parent" --jsonfile "$json/mgvt-GVTg_V5_4.json" &&
	  mdevctl list -d | grep -q "^$uuid $parent mgvt-GVTg_V5_4 auto" && echo y)" \
	"mdevctl define --jsonfile qemu-glue/mdevctl/mgvt-GVTg_V5_4.json: type mgvt-GVTg_V5_4, start auto"
tap_ok "$(mdevctl start -u "$uuid" && [ "$(cat "/sys/bus/mdev/devices/$uuid/mdev_type/name")" = GVTg_V5_4 ] &&
	  mdevctl stop -u "$uuid" && mdevctl undefine -u "$uuid" && ! mdevctl list -d | grep -q "$uuid" && echo y)" \
	"mdevctl: started, that definition is a GVTg_V5_4 vGPU; stopped and undefined"
uuid=$(cat /proc/sys/kernel/random/uuid)
tap_ok "$(mdevctl start -u "$uuid" -p "$parent" --jsonfile "$json/mgvt-MGVT_V5_16.json" &&
	  [ "$(cat "/sys/bus/mdev/devices/$uuid/mdev_type/name")" = MGVT_V5_16 ] &&
	  mdevctl list | grep -q "^$uuid $parent mgvt-MGVT_V5_16 manual" && mdevctl stop -u "$uuid" && echo y)" \
	"mdevctl start --jsonfile qemu-glue/mdevctl/mgvt-MGVT_V5_16.json: a transient MGVT_V5_16 vGPU"
tap_ok "$("$repo/scripts/load-modules.sh" -u && echo y)" "mdevctl: modules unloaded"
tap_finish

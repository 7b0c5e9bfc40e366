#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Where mgvt-sim's pGPU sits and what its module parameters do, inside the
# host VM: the platform-device fallback (use_pci=0), the aperture size
# deciding which types exist, and out-of-range parameters refused.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
. "$repo/selftests/lib/tap.sh"
load=$repo/scripts/load-modules.sh

types_of() {	# types_of PARENT_SYSFS_DIR: sorted type directory names
	ls "$1/mdev_supported_types" 2>/dev/null | tr '\n' ' '
}

tap_header
"$load" -u

for bad in aperture_mb=768 aperture_mb=4096 aperture_mb=128; do
	tap_ok "$(! "$load" "$bad" 2>/dev/null && [ ! -d /sys/module/mgvt_sim ] && echo y)" \
		"mgvt_sim $bad is refused"
	tap_ok "$(dmesg | tail -n 5 | grep -q "mgvt_sim: $bad is not a power of two" && echo y)" \
		"and the kernel log says why"
	"$load" -u
done

tap_ok "$("$load" use_pci=0 && echo y)" "mgvt_sim use_pci=0 loads"
p=/sys/devices/platform/mgvt
tap_ok "$([ -d "$p/mdev_supported_types" ] && [ -e /sys/class/mdev_bus/mgvt ] && echo y)" \
	"use_pci=0: the parent is the platform device mgvt"
tap_ok "$([ "$(readlink -f /sys/bus/platform/devices/mgvt/driver)" = /sys/bus/platform/drivers/mgvt ] && echo y)" \
	"use_pci=0: bound to the platform driver mgvt, so types keep the mgvt- prefix"
tap_ok "$([ ! -d /sys/bus/pci/drivers/mgvt ] && echo y)" \
	"use_pci=0: no PCI driver mgvt is registered, the stand-in stays unbound"
uuid=$(cat /proc/sys/kernel/random/uuid)
tap_ok "$(echo "$uuid" > "$p/mdev_supported_types/mgvt-GVTg_V5_4/create" && [ -d "/sys/bus/mdev/devices/$uuid" ] && echo y)" \
	"use_pci=0: a vGPU can be created"
tap_ok "$(echo 1 > "/sys/bus/mdev/devices/$uuid/remove" && "$load" -u && [ ! -d "$p" ] && echo y)" \
	"use_pci=0: removed and unloaded, the platform device is gone"

# A production module (debug=0) has no test hook: nothing that makes the
# GPU run work or a vGPU see an event its engines did not cause.
tap_ok "$(MGVT_DEBUG=0 "$load" && echo y)" "mgvt loads without its test hooks (debug=0)"
parent=$(ls -d /sys/class/mdev_bus/* | head -n 1)
dbg=/sys/kernel/debug/mgvt/$(basename "$(readlink -f "$parent")")
uuid=$(cat /proc/sys/kernel/random/uuid)
echo "$uuid" > "$parent/mdev_supported_types/mgvt-GVTg_V5_4/create"
tap_ok "$([ -d "$dbg" ] && [ ! -e "$dbg/native" ] && [ ! -e "$dbg/native_buffer" ] && echo y)" \
	"debug=0: the pGPU's directory has no native client command files"
tap_ok "$([ -r "$dbg/$uuid/counters" ] && [ -r "$dbg/$uuid/fences" ] && [ ! -e "$dbg/$uuid/inject_irq" ] && echo y)" \
	"debug=0: a vGPU shows counters and fences, and has no inject_irq"
echo 1 > "/sys/bus/mdev/devices/$uuid/remove"
"$load" -u
tap_ok "$(MGVT_DEBUG=1 "$load" && [ -e "$dbg/native" ] && echo y)" \
	"debug=1: the native client's command file is there"
"$load" -u

tap_ok "$("$load" aperture_mb=256 && echo y)" "mgvt_sim aperture_mb=256 loads"
parent=$(ls -d /sys/class/mdev_bus/* | head -n 1)
t=$(types_of "$parent")
tap_diag "types at 256 MiB: $t"
tap_ok "$([ "$t" = "mgvt-GVTg_V5_4 mgvt-GVTg_V5_8 mgvt-MGVT_V5_16 mgvt-MGVT_V5_32 " ] && echo y)" \
	"256 MiB aperture: only _8, _4 and the dense types fit"
tap_ok "$([ "$(cat "$parent/mdev_supported_types/mgvt-GVTg_V5_4/available_instances")" = 1 ] && echo y)" \
	"256 MiB aperture: GVTg_V5_4 has 1 instance"
tap_ok "$(dmesg | grep -q 'type GVTg_V5_2 does not fit, not offered' && echo y)" \
	"the kernel log names the types not offered"
"$load" -u
tap_finish

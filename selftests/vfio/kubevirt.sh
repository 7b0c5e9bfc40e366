#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# KubeVirt's view of mgvt, inside the host VM, with the configuration of
# qemu-glue/kubevirt: sysfs read and written the way KubeVirt's virt-handler
# does (pkg/virt-handler/device-manager), no KubeVirt installed.
#
#   mediatedDeviceTypes: a type matches by its directory name or by its
#   `name` file with spaces turned into underscores; vGPUs of other types
#   are removed; a pGPU without vGPUs gets available_instances (one bare
#   integer) vGPUs of the first listed type it offers.
#   mdevNameSelector: every vGPU whose mdev_type/name (spaces to
#   underscores; the mdev_type link's name if there is no such file)
#   equals it is a device of resourceName, named by its IOMMU group, on
#   the parent that is second to last in its sysfs path.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
. "$repo/selftests/lib/tap.sh"
cr=$repo/qemu-glue/kubevirt/kubevirt-cr.yaml
vmi=$repo/qemu-glue/kubevirt/vmi-vgpu.yaml

# The entries of YAML list $1 (a key followed by "- value" lines).
yaml_list() {
	awk -v key="$1:" '
		$1 == key { on = 1; next }
		on && $1 == "-" { print $2; next }
		on { exit }' "$2"
}
yaml_value() {	# the value of the first "key: value" (or "- key: value")
	sed -n "s/^[ -]*$1: *//p" "$2" | head -n 1
}
# A type's name as KubeVirt compares it: spaces to underscores, trimmed.
kv_name() {
	tr ' ' '_' <"$1" | sed 's/^_*//; s/_*$//' | head -n 1
}
wanted() {	# wanted TYPE_DIR: is the type one of $types?
	n=$(kv_name "$1/name" 2>/dev/null)
	for w in $types; do
		[ "$w" = "$(basename "$1")" ] || [ "$w" = "$n" ] && return 0
	done
	return 1
}

tap_header
if ! tap_ok "$("$repo/scripts/load-modules.sh" && echo y)" "kubevirt: modules loaded"; then
	tap_finish
	exit
fi
parent=$(basename "$(ls -d /sys/class/mdev_bus/* | head -n 1)")
types=$(yaml_list mediatedDeviceTypes "$cr")
selector=$(yaml_value mdevNameSelector "$cr")
resource=$(yaml_value resourceName "$cr")
tap_diag "mediatedDeviceTypes: $types; mdevNameSelector: $selector; resourceName: $resource"
tap_ok "$([ -n "$types" ] && [ -n "$selector" ] && [ -n "$resource" ] &&
	  [ "$(yaml_value deviceName "$vmi")" = "$resource" ] &&
	  grep -A1 'display:' "$vmi" | grep -q 'enabled: false' && echo y)" \
	"kubevirt: the VMI example asks for $resource with the vGPU display off"

# A vGPU of a type the configuration does not list, which must go.
other=$(cat /proc/sys/kernel/random/uuid)
echo "$other" >"/sys/class/mdev_bus/$parent/mdev_supported_types/mgvt-GVTg_V5_8/create"

# --- virt-handler: mediatedDevicesConfiguration ------------------------------
desired=''
for t in /sys/class/mdev_bus/*/mdev_supported_types/*; do
	wanted "$t" && desired="$desired $(basename "$t")"
done
tap_ok "$(echo "$desired" | grep -qw mgvt-GVTg_V5_4 && echo y)" \
	"kubevirt: mediatedDeviceTypes selects mgvt-GVTg_V5_4 on $parent"
for d in /sys/bus/mdev/devices/*; do
	[ -e "$d" ] || continue
	echo "$desired" | grep -qw "$(basename "$(readlink "$d/mdev_type")")" || echo 1 >"$d/remove"
done
tap_ok "$([ ! -e "/sys/bus/mdev/devices/$other" ] && echo y)" \
	"kubevirt: the vGPU of an unlisted type (GVTg_V5_8) is removed"
bare=y
made=0
want=
for p in /sys/class/mdev_bus/*; do
	[ -z "$(find "$p"/mdev_supported_types/*/devices/ -mindepth 1 2>/dev/null)" ] || continue
	for w in $types; do
		for t in "$p"/mdev_supported_types/*; do
			wanted "$t" || continue
			[ "$(basename "$t")" = "$w" ] || [ "$(kv_name "$t/name")" = "$w" ] || continue
			n=$(head -n 1 "$t/available_instances")
			echo "$n" | grep -Eqx '[0-9]+' || { bare=; n=0; }
			[ "$(basename "$p")" != "$parent" ] || want=$n
			i=0
			while [ "$i" -lt "$n" ]; do
				cat /proc/sys/kernel/random/uuid >"$t/create" && made=$((made + 1))
				i=$((i + 1))
			done
			break 2
		done
	done
done
tap_ok "$([ -n "$bare" ] && [ "$want" = 5 ] && echo y)" \
	"kubevirt: available_instances reads as a bare integer (5 on a 1 GiB aperture)"
tap_ok "$([ "$made" = 5 ] &&
	  [ "$(cat "/sys/class/mdev_bus/$parent/mdev_supported_types/mgvt-GVTg_V5_4/available_instances")" = 0 ] &&
	  echo y)" \
	"kubevirt: 5 vGPUs created, none left available"

# --- device plugin: permittedHostDevices.mediatedDevices -----------------------
found=0 groups='' bad=
for d in /sys/bus/mdev/devices/*; do
	[ -e "$d" ] || continue
	if [ -e "$d/mdev_type/name" ]; then
		n=$(kv_name "$d/mdev_type/name")
	else
		n=$(basename "$(readlink "$d/mdev_type")")
	fi
	[ "$n" = "$selector" ] || continue
	found=$((found + 1))
	g=$(basename "$(readlink "$d/iommu_group")")
	p=$(basename "$(dirname "$(readlink -f "$d")")")
	[ -c "/dev/vfio/$g" ] || { bad=y; tap_diag "$d: no /dev/vfio/$g"; }
	[ "$p" = "$parent" ] || { bad=y; tap_diag "$d: parent $p"; }
	cat "/sys/bus/pci/devices/$p/numa_node" >/dev/null || bad=y
	groups="$groups $g"
done
tap_diag "$resource: $found devices, IOMMU groups$groups"
tap_ok "$([ "$found" = 5 ] && [ -z "$bad" ] &&
	  [ "$(echo "$groups" | tr ' ' '\n' | sed '/^$/d' | sort -u | wc -l)" = 5 ] && echo y)" \
	"kubevirt: mdevNameSelector $selector finds the 5, on $parent, each its own /dev/vfio group"

for d in /sys/bus/mdev/devices/*; do
	[ -e "$d" ] && echo 1 >"$d/remove"
done
tap_ok "$("$repo/scripts/load-modules.sh" -u && echo y)" "kubevirt: vGPUs removed, modules unloaded"
tap_finish

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The switches of qemu-glue/mgvt-qemu.sh, inside the host VM with mgvt and
# mgvt_sim loaded: what each puts on QEMU's command line (--dry-run), and
# that QEMU itself refuses what needs what is not there: dma-buf planes
# without OpenGL.  The guest boot with the default switches is
# selftests/guest/run.sh; the region display is selftests/guest/display.sh;
# QEMU starting with the vGPU's OpRegion is selftests/guest/opregion.sh.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$repo/selftests/lib/tap.sh"
launch=$repo/qemu-glue/mgvt-qemu.sh

tap_header
parent=$(ls -d /sys/class/mdev_bus/* 2>/dev/null | head -n 1)
uuid=$(cat /proc/sys/kernel/random/uuid)
if ! tap_ok "$([ -n "$parent" ] && echo "$uuid" > "$parent/mdev_supported_types/mgvt-GVTg_V5_8/create" && echo y)" \
	"launch: a vGPU for the launch script"; then
	tap_finish
	exit
fi
kver=$("$repo/scripts/kver.sh")
dry() {
	"$launch" -n -u "$uuid" -k "/boot/vmlinuz-$kver" "$@"
}

cmd=$(dry)
tap_diag "default: $cmd"
tap_ok "$(echo "$cmd" | grep -q -- "-device vfio-pci,sysfsdev=/sys/bus/mdev/devices/$uuid,display=off\( \|$\)" &&
	  ! echo "$cmd" | grep -q opregion && echo y)" \
	"launch: by default the vGPU has display=off and no x-igd-opregion"
if [ -c /dev/kvm ] && [ -r /dev/kvm ] && [ -w /dev/kvm ]; then want=kvm; else want=tcg; fi
tap_ok "$(echo "$cmd" | grep -q -- "-accel $want " && echo y)" \
	"launch: --accel auto picks $want here (/dev/kvm $([ -c /dev/kvm ] && echo present || echo absent))"
tap_ok "$(dry --accel kvm | grep -q -- '-accel kvm -cpu host ' && dry --accel tcg | grep -q -- '-accel tcg ' &&
	  ! dry --accel tcg | grep -q -- '-cpu host' && echo y)" \
	"launch: --accel kvm adds -cpu host, --accel tcg does not"
tap_ok "$(dry --opregion on | grep -q -- ",x-igd-opregion=on" && echo y)" \
	"launch: --opregion on adds x-igd-opregion=on"
tap_ok "$(dry --display vnc=:1 | grep -q -- "-vnc :1 .*-device VGA" &&
	  dry --display vnc=:1 --vgpu-display on | grep -q -- ",display=on" &&
	  ! dry --display vnc=:1 --vgpu-display on | grep -q -- "-device VGA" && echo y)" \
	"launch: --display vnc shows an emulated VGA unless --vgpu-display on"
tap_ok "$(! "$launch" -n -u "$uuid" 2>/dev/null && ! "$launch" -n -k /k 2>/dev/null &&
	  ! dry --opregion maybe 2>/dev/null && echo y)" \
	"launch: refuses to run without a vGPU, without a boot source, or with a bad switch"

# QEMU stops at the device's realize, before the guest runs.
refused() {	# refused PATTERN SWITCH...: QEMU exits non-zero naming PATTERN
	pat=$1
	shift
	out=$(timeout 120 "$launch" --accel tcg -u "$uuid" -m 128 -c 1 -k "/boot/vmlinuz-$kver" \
		--serial none "$@" -- -no-reboot 2>&1)
	rc=$?
	printf '%s\n' "$out" | sed 's/^/#   qemu: /' >&2
	[ $rc -ne 0 ] && [ $rc -ne 124 ] && printf '%s\n' "$out" | grep -i '^qemu-system-x86_64: ' | grep -qi "$pat"
}
r=$(refused "opengl not available" --vgpu-display on --display vnc=none && echo y)
tap_ok "$r" "launch: QEMU refuses --vgpu-display on (dma-buf planes) without OpenGL"
tap_ok "$(grep -qx dmabuf "/sys/bus/mdev/devices/$uuid/mgvt/display_mode" && echo y)" \
	"launch: --vgpu-display on set the vGPU's display_mode to dmabuf"
tap_ok "$(dry --vgpu-display region | grep -q -- ",display=on" &&
	  ! dry --vgpu-display region --display vnc=:1 | grep -q -- "-device VGA" &&
	  ! dry --vgpu-display maybe 2>/dev/null && echo y)" \
	"launch: --vgpu-display region is display=on without an emulated VGA"

echo 1 > "/sys/bus/mdev/devices/$uuid/remove"
tap_ok "$([ ! -e "/sys/bus/mdev/devices/$uuid" ] && echo y)" "launch: vGPU removed"
tap_finish

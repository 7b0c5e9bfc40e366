#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Start a QEMU guest with an mgvt vGPU.
#
#   mgvt-qemu.sh -u UUID [options] [-- extra QEMU arguments]
#
#   -u, --uuid UUID        the vGPU (/sys/bus/mdev/devices/UUID); create it
#                          first with mdevctl, libvirt or sysfs
#   -d, --disk FILE        boot disk (virtio; qcow2 or raw by its name)
#   -k, --kernel FILE      direct kernel boot (with --initrd, --append)
#   -i, --initrd FILE
#   -a, --append CMDLINE
#   -m, --memory MIB       guest memory (default 2048)
#   -c, --cpus N           vCPUs (default 2)
#       --accel auto|kvm|tcg   default auto: KVM when /dev/kvm is usable
#       --display none|vnc=ADDR|gtk|egl-headless
#                          QEMU's own display (default none)
#       --vgpu-display off|on|region  the vGPU's framebuffer on that display
#                          (vfio-pci display=; default off, see below)
#       --vgpu-res WxH     the window size QEMU gives the guest as the
#                          monitor's preferred mode (xres=, yres=; with
#                          --vgpu-display on only; default: the largest
#                          mode the vGPU's EDID region allows)
#       --opregion off|on  expose an IGD OpRegion to the guest
#                          (vfio-pci x-igd-opregion=; default off, see below)
#       --serial stdio|file:PATH|none   the guest's ttyS0 (default stdio)
#   -n, --dry-run          print the QEMU command line, run nothing
#
# --vgpu-display on: the vGPU's planes reach QEMU as dma-bufs (the
# vGPU's mgvt/display_mode set to dmabuf), as GVT-g's do, which need an
# OpenGL display: egl-headless (with a DRM render node) or gtk with gl=on;
# without one QEMU refuses to start ("opengl not available").
# --vgpu-display region: the primary plane reaches QEMU as a copy in a
# VFIO region (display_mode set to region): no OpenGL needed, so it works
# with any --display, none included, and the monitor's screendump saves
# the guest's screen.  Both write the vGPU's sysfs attribute (root).
# With --vgpu-display off, a --display other than none shows an emulated
# VGA card (boot messages), not the vGPU.

# --vgpu-display on: QEMU also drives the vGPU's EDID region, generating
# an EDID of the window's size (--vgpu-res at start, then the window's as
# it is resized) and replugging the monitor, so the guest sees a hotplug
# and reads the new modes.  QEMU 7.2 does so with dma-bufs only: with
# region it leaves the EDID region alone (the guest keeps the type's
# EDID) and refuses xres/yres.
#
# --opregion on: x-igd-opregion=on copies the device's OpRegion region
# (VFIO_REGION_SUBTYPE_INTEL_IGD_OPREGION) into guest memory and points
# the guest's ASLS at it (the firmware, SeaBIOS or OVMF, places it).  Its
# video BIOS table tells a guest i915 that DDI A is an external
# DisplayPort connector with hotplug; without it, i915 takes DDI A for an
# eDP panel and ignores hotplug.
#
# The vGPU's GGTT entries pin guest pages through VFIO: a QEMU not run as
# root needs an RLIMIT_MEMLOCK (ulimit -l) as large as the guest's memory.
set -eu

prog=mgvt-qemu.sh
die() { echo "$prog: $*" >&2; exit 2; }

uuid='' disk='' kernel='' initrd='' append='' mem=2048 cpus=2
accel=auto display=none vgpu_display=off vgpu_res='' opregion=off serial=stdio dry=
while [ $# -gt 0 ]; do
	case $1 in
	-u|--uuid) uuid=${2:?}; shift 2 ;;
	-d|--disk) disk=${2:?}; shift 2 ;;
	-k|--kernel) kernel=${2:?}; shift 2 ;;
	-i|--initrd) initrd=${2:?}; shift 2 ;;
	-a|--append) append=${2:?}; shift 2 ;;
	-m|--memory) mem=${2:?}; shift 2 ;;
	-c|--cpus) cpus=${2:?}; shift 2 ;;
	--accel) accel=${2:?}; shift 2 ;;
	--display) display=${2:?}; shift 2 ;;
	--vgpu-display) vgpu_display=${2:?}; shift 2 ;;
	--vgpu-res) vgpu_res=${2:?}; shift 2 ;;
	--opregion) opregion=${2:?}; shift 2 ;;
	--serial) serial=${2:?}; shift 2 ;;
	-n|--dry-run) dry=y; shift ;;
	-h|--help) sed -n '3,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	--) shift; break ;;
	*) die "unknown option $1 (--help)" ;;
	esac
done

[ -n "$uuid" ] || die "no vGPU: -u UUID"
sysfsdev=/sys/bus/mdev/devices/$uuid
[ -n "$dry" ] || [ -d "$sysfsdev" ] || die "no vGPU $uuid ($sysfsdev missing)"
[ -n "$disk" ] || [ -n "$kernel" ] || die "nothing to boot: --disk or --kernel"

case $accel in
auto)	if [ -c /dev/kvm ] && [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
		accel=kvm
	else
		accel=tcg
	fi ;;
kvm|tcg) ;;
*)	die "--accel auto, kvm or tcg" ;;
esac

onoff() {
	case $2 in on|off) ;; *) die "$1 on or off" ;; esac
}
case $vgpu_display in off|on|region) ;; *) die "--vgpu-display off, on or region" ;; esac
onoff --opregion "$opregion"

q=(qemu-system-x86_64 -machine pc -accel "$accel")
[ "$accel" = tcg ] || q+=(-cpu host)
q+=(-m "$mem" -smp "$cpus" -nodefaults -no-user-config)

case $display in
none)	q+=(-display none) ;;
vnc=*)	q+=(-display none -vnc "${display#vnc=}") ;;
gtk)	q+=(-display "gtk,gl=on") ;;
egl-headless) q+=(-display egl-headless) ;;
*)	die "--display none, vnc=ADDR, gtk or egl-headless" ;;
esac
[ "$display" = none ] || [ "$vgpu_display" != off ] || q+=(-device VGA)

case $serial in
stdio|none|file:*) q+=(-serial "$serial") ;;
*)	die "--serial stdio, file:PATH or none" ;;
esac
[ "$serial" != stdio ] || q+=(-monitor none)

if [ -n "$disk" ]; then
	case $disk in *.qcow2) fmt=qcow2 ;; *) fmt=raw ;; esac
	q+=(-drive "file=$disk,if=virtio,format=$fmt")
fi
if [ -n "$kernel" ]; then
	q+=(-kernel "$kernel")
	[ -z "$initrd" ] || q+=(-initrd "$initrd")
	[ -z "$append" ] || q+=(-append "$append")
fi

# The vGPU.
mode=
case $vgpu_display in
off)	vdev="vfio-pci,sysfsdev=$sysfsdev,display=off" ;;
on)	vdev="vfio-pci,sysfsdev=$sysfsdev,display=on" mode=dmabuf ;;
region)	vdev="vfio-pci,sysfsdev=$sysfsdev,display=on" mode=region ;;
esac
if [ -n "$vgpu_res" ]; then
	case $vgpu_res in
	[1-9]*x[1-9]*) ;;
	*) die "--vgpu-res WIDTHxHEIGHT" ;;
	esac
	[ "$vgpu_display" = on ] ||
		die "--vgpu-res needs --vgpu-display on (QEMU drives the EDID region with dma-bufs only)"
	vdev="$vdev,xres=${vgpu_res%x*},yres=${vgpu_res#*x}"
fi
[ "$opregion" = off ] || vdev="$vdev,x-igd-opregion=on"
q+=(-device "$vdev" "$@")

if [ "$(id -u)" -ne 0 ] && [ "$(ulimit -l)" != unlimited ] &&
   [ "$(ulimit -l)" -lt $((mem * 1024)) ]; then
	echo "$prog: warning: ulimit -l is $(ulimit -l) KiB; pinning guest pages may fail" >&2
fi

if [ -n "$dry" ]; then
	for a in "${q[@]}"; do
		case $a in
		*[[:space:]\'\"\\\$]*) printf "'%s' " "${a//\'/\'\\\'\'}" ;;
		*) printf '%s ' "$a" ;;
		esac
	done
	echo
	exit 0
fi
# QEMU probes the plane query once, at the device's realize.
if [ -n "$mode" ] && ! echo "$mode" > "$sysfsdev/mgvt/display_mode"; then
	die "cannot set $sysfsdev/mgvt/display_mode to $mode"
fi
exec "${q[@]}"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the host VM with mgvt and mgvt_sim loaded: boots the L2
# guest (nested TCG) on a vGPU with the distribution's i915 loaded, lets
# it probe for a while and prints the guest's kernel log lines of i915,
# drm and the framebuffer console.  A look at what a real guest driver
# makes of the vGPU, slow (minutes): not part of make check.
# Usage: i915.sh [TYPE] [SECONDS]   vGPU type (default mgvt-GVTg_V5_4),
#                                   time i915 gets before the log is taken
# The guest's connectors are listed with their status and the modes i915
# read from the monitor's EDID.  MGVT_OPREGION=on gives the guest mgvt's
# OpRegion (x-igd-opregion=on), whose VBT makes DDI A a DP connector
# (DP-1) rather than an eDP panel (eDP-1).
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

type=${1:-mgvt-GVTg_V5_4} wait=${2:-60}
kver=$("$repo/scripts/kver.sh")
kernel=$(ls "$repo/build/vm/vmlinux-$kver-"* 2>/dev/null | head -n 1)
[ -n "$kernel" ] || kernel=/boot/vmlinuz-$kver
out=$repo/build/guest/i915
log=/tmp/mgvt-l2-i915-console.log

# An initramfs of busybox, i915 and the modules it needs, in load order.
rm -rf "$out/root"
mkdir -p "$out/root/bin" "$out/root/dbg" "$out/root/proc" "$out/root/sys" "$out/root/dev" "$out/root/mod"
cp /bin/busybox "$out/root/bin/busybox"
for a in sh mount mkdir poweroff echo cat ls insmod dmesg sleep grep sed; do
	ln -sf busybox "$out/root/bin/$a"
done
n=0
for m in $(modprobe -S "$kver" --show-depends i915 | awk '$1 == "insmod" { print $2 }'); do
	n=$((n + 1))
	cp "$m" "$out/root/mod/$(printf %02d "$n")-$(basename "$m")"
done
cat > "$out/root/init" <<EOI
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs dev /dev
for m in /mod/*.ko; do insmod \$m; done
sleep $wait
echo MGVT-L2-DMESG-BEGIN
dmesg
echo MGVT-L2-DMESG-END
ls /dev/dri /dev/fb* 2>&1
cat /proc/fb
mkdir -p /dbg
mount -t debugfs debugfs /dbg
for f in i915_display_info; do
	sed "s/^/MGVT-L2-DBG \$f: /" /dbg/dri/0/\$f
done
for c in /sys/class/drm/card*-*; do
	echo "MGVT-L2-CONNECTOR \${c##*/} \$(cat \$c/status)"
	sed 's/^/MGVT-L2-MODE /' \$c/modes
done
poweroff -f
EOI
chmod 755 "$out/root/init"
(cd "$out/root" && find . | cpio -o -H newc --quiet) | gzip -1 > "$out/initramfs.cpio.gz"

parent=$(ls -d /sys/class/mdev_bus/* 2>/dev/null | head -n 1)
uuid=$(cat /proc/sys/kernel/random/uuid)
echo "$uuid" > "$parent/mdev_supported_types/$type/create" || exit 1
opregion=
[ "${MGVT_OPREGION:-off}" = off ] || opregion=,x-igd-opregion=on
start=$(date +%s)
timeout 1500 qemu-system-x86_64 -accel tcg -nodefaults -vga none -nographic \
	-L /usr/share/seabios -L /usr/share/qemu -nic none -no-reboot \
	-m 1024 -smp 1 -serial "file:$log" -monitor none \
	-kernel "$kernel" -initrd "$out/initramfs.cpio.gz" \
	-append "console=ttyS0 loglevel=4 log_buf_len=8M panic=-1 mitigations=off tsc=reliable cryptomgr.notests drm.debug=0x4" \
	-device "vfio-pci,sysfsdev=/sys/bus/mdev/devices/$uuid$opregion" \
	> /tmp/mgvt-l2-i915-qemu.log 2>&1
echo "# L2 QEMU exited $? after $(( $(date +%s) - start )) s"
# What the guest's work did on the vGPU: its shadow PPGTTs and execlists.
dbg=/sys/kernel/debug/mgvt/$(basename "$(readlink -f "$parent")")/$uuid
for f in ppgtt execlists; do
	[ -r "$dbg/$f" ] && sed "s/^/# $f: /" "$dbg/$f"
done
echo 1 > "/sys/bus/mdev/devices/$uuid/remove"
cat /tmp/mgvt-l2-i915-qemu.log
tr -d '\r' < "$log" | sed -n '/MGVT-L2-DMESG-BEGIN/,$p' |
	grep -aiE 'i915|drm|fbcon|framebuffer|\[CRTC|\[CONNECTOR|\[ENCODER|WARNING|error|dri|fb0|VBT|OpRegion|MGVT-L2-' |
	grep -av 'insmod' || tail -n 40 "$log"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the host VM with mgvt and mgvt_sim loaded: the vGPU's screen
# in a headless QEMU.  Creates a vGPU, boots the L2 guest (nested TCG)
# with it through qemu-glue/mgvt-qemu.sh --vgpu-display region --display
# none and an HMP monitor socket; the guest (guest_display.c) draws a
# known picture through its aperture and programs pipe A and its primary
# plane through BAR0; then a screendump from the monitor, converted to
# PNG, must match the picture pixel for pixel (screendump.py).  The PNG is
# printed base64 between MGVT-PNG-BEGIN and MGVT-PNG-END, since the VM's
# files vanish with it: selftests/guest/keep-screendump.sh keeps it.
# Usage: display.sh [TYPE]     (default mgvt-GVTg_V5_4)
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$repo/selftests/lib/tap.sh"

type=${1:-mgvt-GVTg_V5_4}
kver=$("$repo/scripts/kver.sh")
initrd=$repo/build/guest/initramfs.cpio.gz
kernel=$(ls "$repo/build/vm/vmlinux-$kver-"* 2>/dev/null | head -n 1)
[ -n "$kernel" ] || kernel=/boot/vmlinuz-$kver
log=/tmp/mgvt-l2-display-console.log
sock=/tmp/mgvt-l2-monitor.sock
ppm=/tmp/mgvt-l2-screendump.ppm
png=/tmp/mgvt-l2-screendump.png

tap_header
parent=$(ls -d /sys/class/mdev_bus/* 2>/dev/null | head -n 1)
uuid=$(cat /proc/sys/kernel/random/uuid)
if ! tap_ok "$([ -n "$parent" ] && echo "$uuid" > "$parent/mdev_supported_types/$type/create" && echo y)" \
	"display: vGPU $type created for the L2 guest"; then
	tap_finish
	exit
fi

rm -f "$log" "$sock" "$ppm" "$png"
start=$(date +%s)
timeout 1200 "$repo/qemu-glue/mgvt-qemu.sh" --accel tcg -u "$uuid" -m 256 -c 1 \
	-k "$kernel" -i "$initrd" --serial "file:$log" --display none --vgpu-display region \
	-a "console=ttyS0 quiet panic=-1 modprobe.blacklist=i915 mitigations=off tsc=reliable cryptomgr.notests mgvt_display" \
	-- -L /usr/share/seabios -L /usr/share/qemu -no-reboot \
	-monitor "unix:$sock,server=on,wait=off" > /tmp/mgvt-l2-display-qemu.log 2>&1 &
qpid=$!

ready=
while kill -0 "$qpid" 2>/dev/null && [ $(( $(date +%s) - start )) -lt 1100 ]; do
	if grep -aq 'MGVT-L2-DISPLAY-READY' "$log" 2>/dev/null; then
		ready=y
		break
	fi
	sleep 2
done
tap_diag "L2 guest ready after $(( $(date +%s) - start )) s"
tap_ok "$(grep -qx region "/sys/bus/mdev/devices/$uuid/mgvt/display_mode" && echo y)" \
	"display: the launch script set the vGPU's display_mode to region"
tap_ok "$ready" "display: QEMU started headless with display=on and the L2 guest drew its screen"

# Relay the guest's own results.
tr -d '\r' < "$log" | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\x1b[a-zA-Z]//g' > /tmp/mgvt-l2-display-tap.txt
while IFS= read -r line; do
	case $line in
	"ok "*) desc=${line#*ok }; tap_ok y "L2: ${desc#* - }" ;;
	"not ok "*) desc=${line#*ok }; tap_ok "" "L2: ${desc#* - }" ;;
	"# Totals"*) ;;
	"#"*) echo "$line" ;;
	esac
done < /tmp/mgvt-l2-display-tap.txt
tap_ok "$(grep -aq 'MGVT-L2-DISPLAY-READY rc=0' /tmp/mgvt-l2-display-tap.txt && echo y)" \
	"display: the L2 guest's own checks passed"

if [ -n "$ready" ]; then
	python3 "$here/screendump.py" dump "$sock" "$ppm"
	rc=$?
	tap_ok "$([ $rc -eq 0 ] && echo y)" "display: screendump from the HMP monitor"
	python3 "$here/screendump.py" check "$ppm" "$png"
	rc=$?
	tap_ok "$([ $rc -eq 0 ] && echo y)" \
		"display: the screendump, as PNG, matches the guest's picture pixel for pixel"
	if [ -s "$png" ]; then
		echo "MGVT-PNG-BEGIN"
		base64 -w 76 "$png"
		echo "MGVT-PNG-END"
	fi
else
	tail -n 30 "$log" | cat -v | sed 's/^/# l2: /'
fi
kill "$qpid" 2>/dev/null
wait "$qpid"
sed 's/^/# qemu: /' /tmp/mgvt-l2-display-qemu.log

echo 1 > "/sys/bus/mdev/devices/$uuid/remove"
tap_ok "$([ ! -e "/sys/bus/mdev/devices/$uuid" ] && echo y)" "display: vGPU removed after the guest"
tap_finish

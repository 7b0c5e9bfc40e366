#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the host VM with mgvt and mgvt_sim loaded: creates a vGPU,
# boots one L2 guest (nested TCG) with it through QEMU's vfio-pci, started
# by qemu-glue/mgvt-qemu.sh, and relays the guest's TAP lines.
# Usage: run.sh [TYPE]        create a vGPU of TYPE (default mgvt-GVTg_V5_4)
#        run.sh -u UUID       use an existing vGPU and leave it in place
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$repo/selftests/lib/tap.sh"

uuid='' type=mgvt-GVTg_V5_4
if [ "${1:-}" = "-u" ]; then
	uuid=$2
else
	type=${1:-$type}
fi
kver=$("$repo/scripts/kver.sh")
initrd=$repo/build/guest/initramfs.cpio.gz
# scripts/vm.sh caches the uncompressed kernel: it boots much faster under
# (nested) TCG than the compressed image.
kernel=$(ls "$repo/build/vm/vmlinux-$kver-"* 2>/dev/null | head -n 1)
[ -n "$kernel" ] || kernel=/boot/vmlinuz-$kver
log=/tmp/mgvt-l2-console.log

tap_header
own=
if [ -z "$uuid" ]; then
	parent=$(ls -d /sys/class/mdev_bus/* 2>/dev/null | head -n 1)
	uuid=$(cat /proc/sys/kernel/random/uuid)
	own=y
	if ! tap_ok "$([ -n "$parent" ] && echo "$uuid" > "$parent/mdev_supported_types/$type/create" && echo y)" \
		"guest: vGPU $type created for the L2 guest"; then
		tap_finish
		exit
	fi
fi

start=$(date +%s)
# The launch script users copy (qemu-glue/), with TCG: KVM inside the
# TCG host VM would be nested SVM under emulation.
timeout 900 "$repo/qemu-glue/mgvt-qemu.sh" --accel tcg -u "$uuid" -m 256 -c 1 \
	-k "$kernel" -i "$initrd" --serial "file:$log" \
	-a "console=ttyS0 quiet panic=-1 modprobe.blacklist=i915 mitigations=off tsc=reliable cryptomgr.notests" \
	-- -L /usr/share/seabios -L /usr/share/qemu -no-reboot \
	> /tmp/mgvt-l2-qemu.log 2>&1
qrc=$?
tap_diag "L2 QEMU exited $qrc after $(( $(date +%s) - start )) s"
sed 's/^/# qemu: /' /tmp/mgvt-l2-qemu.log
tap_ok "$([ $qrc -eq 0 ] && echo y)" "guest: QEMU accepted the vGPU and the L2 guest ran to power-off"

# Relay the guest's own results, renumbered into this stream.
# The console carries firmware escape sequences; keep printable text only.
tr -d '\r' < "$log" | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\x1b[a-zA-Z]//g' |
	sed -n '/MGVT-L2-BEGIN/,/MGVT-L2-END/p' > /tmp/mgvt-l2-tap.txt
if ! grep -aq 'MGVT-L2-END rc=0' /tmp/mgvt-l2-tap.txt; then
	tail -n 30 "$log" | cat -v | sed 's/^/# l2: /'
fi
tap_ok "$(grep -aq 'MGVT-L2-END rc=0' /tmp/mgvt-l2-tap.txt && echo y)" "guest: probe ran in the L2 guest and passed"
while IFS= read -r line; do
	case $line in
	"ok "*|"not ok "*)
		desc=${line#*ok }; desc=${desc#* - }
		case $line in
		"ok "*) tap_ok y "L2: $desc" ;;
		*) tap_ok "" "L2: $desc" ;;
		esac ;;
	"# Totals"*) ;;
	"#"*) echo "$line" ;;
	esac
done < /tmp/mgvt-l2-tap.txt

if [ -n "$own" ]; then
	echo 1 > "/sys/bus/mdev/devices/$uuid/remove"
	tap_ok "$([ ! -e "/sys/bus/mdev/devices/$uuid" ] && echo y)" "guest: vGPU removed after the guest"
fi
tap_finish

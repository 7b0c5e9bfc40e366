#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The part of `make demo` that runs inside the host VM.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

echo "== loading vfio, vfio_iommu_type1, mdev, mgvt, mgvt_sim"
scripts/load-modules.sh
parent=$(basename "$(ls -d /sys/class/mdev_bus/* | head -n 1)")
echo "   mdev parent: $parent ($(cat /sys/bus/pci/devices/"$parent"/vendor):$(cat /sys/bus/pci/devices/"$parent"/device), driver mgvt)"

echo "== vGPU types offered (mdevctl types)"
mdevctl types

uuid=$(cat /proc/sys/kernel/random/uuid)
echo "== creating a vGPU: mdevctl start -u $uuid -p $parent --type mgvt-GVTg_V5_4"
mdevctl start -u "$uuid" -p "$parent" --type mgvt-GVTg_V5_4
mdevctl list

echo "== starting a guest with it:"
echo "   qemu-glue/mgvt-qemu.sh --accel tcg -u $uuid -m 256 -c 1 -k <kernel> -i <initramfs> ..."
echo "   which runs: qemu-system-x86_64 ... -device vfio-pci,sysfsdev=/sys/bus/mdev/devices/$uuid,display=off"
echo "== what the guest sees (its PCI functions, then the vGPU's PVINFO through its own BAR0):"
rc=0
sh selftests/guest/run.sh -u "$uuid" || rc=$?

echo "== removing the vGPU and unloading"
mdevctl stop -u "$uuid"
scripts/load-modules.sh -u
[ "$rc" -eq 0 ] && echo "== demo finished: the guest found its vGPU" || echo "== demo FAILED (guest checks above)"
exit "$rc"

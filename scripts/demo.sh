#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# `make demo`: install dependencies, build, boot the host VM with mgvt-sim,
# create a vGPU, attach it to an L2 guest through QEMU's vfio-pci and show
# what the guest sees.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

scripts/deps.sh
echo "== building mgvt.ko and mgvt_sim.ko against $(scripts/kver.sh)"
make -s modules
make -s -C selftests/guest
echo "== booting the host VM (QEMU TCG); the guest inside takes a few minutes"
exec scripts/vm.sh -t "${MGVT_VM_TIMEOUT:-1500}" -- scripts/demo-vm.sh

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Everything that runs inside the host VM during `make check`, in order:
# the VFIO-level suite (which loads and unloads the modules itself), the
# parent device and module parameters, the native client on all engines,
# the mdevctl view of the types, KubeVirt's view, libvirt with one L2
# guest, one L2 guest through QEMU directly, then a short run of the
# benchmark (that it measures, not how fast).  Exit status non-zero if any
# part failed.
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo" || exit 1
rc=0
# The tests use mgvt's test hooks (debugfs inject_irq, the native client).
export MGVT_DEBUG=1

echo "### suite: vfio"
selftests/vfio/run.sh || rc=1

echo "### suite: parent"
sh selftests/vfio/parent.sh || rc=1

echo "### suite: native"
sh selftests/vfio/native.sh || rc=1
echo "### suite: engine"
sh selftests/vfio/engine.sh || rc=1

echo "### suite: mdevctl"
sh selftests/vfio/mdevctl.sh || rc=1
sh selftests/vfio/mdevctl_auto.sh || rc=1

echo "### suite: kubevirt (its virt-handler's sysfs reads and writes)"
sh selftests/vfio/kubevirt.sh || rc=1

echo "### suite: libvirt (one L2 guest through libvirt's QEMU driver)"
sh selftests/vfio/libvirt.sh || rc=1

echo "### suite: guest"
if scripts/load-modules.sh; then
	sh selftests/guest/launch.sh || rc=1
	sh selftests/guest/run.sh || rc=1
	sh selftests/guest/display.sh || rc=1
	sh selftests/guest/opregion.sh || rc=1
else
	echo "not ok 1 - guest: modules load for the L2 guest"
	rc=1
fi
scripts/load-modules.sh -u || rc=1

echo "### suite: bench (smoke run; make bench reports the figures)"
bash scripts/bench-vm.sh 500 40 || rc=1
exit $rc

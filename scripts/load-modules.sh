#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Load mgvt from the build tree in the documented order: vfio,
# vfio_iommu_type1, mdev (and whatever else mgvt.ko depends on, e.g.
# vfio_virqfd), then mgvt, then the provider mgvt_sim.  Extra arguments go
# to mgvt_sim (e.g. aperture_mb=512).  -u unloads instead.  MGVT_DEBUG=1
# loads mgvt with its test hooks (debug=1); the default is a production
# module.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)

if [ "${1:-}" = "-u" ]; then
	! [ -d /sys/module/mgvt_sim ] || rmmod mgvt_sim
	! [ -d /sys/module/mgvt ] || rmmod mgvt
	exit 0
fi

for m in vfio vfio_iommu_type1 mdev $(modinfo -F depends "$repo/gvt/mgvt.ko" | tr ',' ' '); do
	modprobe "$m"
done
[ -d /sys/module/mgvt ] || insmod "$repo/gvt/mgvt.ko" debug="${MGVT_DEBUG:-0}"
[ -d /sys/module/mgvt_sim ] || insmod "$repo/gvt/sim/mgvt_sim.ko" "$@"
# The parent registers synchronously with the PCI stand-in; wait briefly
# in case probing is deferred.
for _ in 1 2 3 4 5 6 7 8 9 10; do
	[ -n "$(ls /sys/class/mdev_bus 2>/dev/null)" ] && exit 0
	sleep 0.2
done
echo "load-modules.sh: no mdev parent appeared" >&2
exit 1

#!/bin/sh
# /init of the L2 guest: run the probe, report on the console, power off.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs dev /dev
echo "MGVT-L2-BEGIN"
/guest_probe
echo "MGVT-L2-END rc=$?"
poweroff -f

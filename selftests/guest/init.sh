#!/bin/sh
# /init of the L2 guest: run the probe, report on the console, power off;
# with mgvt_display on the kernel command line, drive the display instead
# and wait for the host to take its screendump and stop QEMU.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs dev /dev
if grep -qw mgvt_display /proc/cmdline; then
	/guest_display
	poweroff -f
fi
echo "MGVT-L2-BEGIN"
/guest_probe
echo "MGVT-L2-END rc=$?"
poweroff -f

#!/bin/sh
# Print the kernel version to build against and boot in the test VM.
#
# $MGVT_KVER wins if set.  Otherwise pick the newest version X for which both
# a bootable image (/boot/vmlinuz-X) and kernel headers (a kbuild Makefile in
# /lib/modules/X/build or /usr/src/linux-headers-X) are installed.  The running
# kernel (uname -r) is deliberately ignored: the host may run a kernel we have
# neither headers nor modules for.
set -eu

if [ -n "${MGVT_KVER:-}" ]; then
	printf '%s\n' "$MGVT_KVER"
	exit 0
fi

# All installed image versions, newest first (version sort).
versions=$(
	for img in /boot/vmlinuz-*; do
		[ -f "$img" ] && printf '%s\n' "${img#/boot/vmlinuz-}"
	done | sort -rV
)

best=
for v in $versions; do
	if [ -f "/lib/modules/$v/build/Makefile" ] ||
	   [ -f "/usr/src/linux-headers-$v/Makefile" ]; then
		best=$v
		break
	fi
done

if [ -z "$best" ]; then
	echo "kver.sh: no kernel found with both /boot/vmlinuz-X and headers" \
	     "(/lib/modules/X/build/Makefile or /usr/src/linux-headers-X/Makefile);" \
	     "install linux-image-amd64 and linux-headers-amd64, or set MGVT_KVER" >&2
	exit 1
fi
printf '%s\n' "$best"

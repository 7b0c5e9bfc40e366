#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Persistent vGPUs with mdevctl, inside the host VM with udevd running:
# `mdevctl define --auto` brings the vGPU back when mgvt is reloaded (the
# parent's MDEV_STATE=registered uevent; a live vGPU pins mgvt_sim, so it
# is stopped first) and at boot (udev's coldplug, the add uevent), through
# the udev rule mgvt ships (udev/60-mdevctl.rules, in
# place of Debian 12's, which calls /usr/sbin/mdevctl); then stop and
# undefine.  The VM's root is a throw-away overlay: the rule and the
# definitions written here vanish with it.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
. "$repo/selftests/lib/tap.sh"

# Wait up to $2 tenths of a second for path $1 to exist (or, with !, not).
wait_path() {
	i=0
	while [ $i -lt "$2" ]; do
		if [ "${3:-}" = gone ]; then
			[ -e "$1" ] || return 0
		else
			[ -e "$1" ] && return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

tap_header
install -D -m 0644 "$repo/udev/60-mdevctl.rules" /etc/udev/rules.d/60-mdevctl.rules
mkdir -p /run/udev
if ! tap_ok "$(/lib/systemd/systemd-udevd --daemon --resolve-names=never && udevadm settle -t 10 && echo y)" \
	"udevd running with mgvt's mdevctl rule"; then
	tap_finish
	exit
fi
if ! tap_ok "$("$repo/scripts/load-modules.sh" && echo y)" "modules loaded"; then
	tap_finish
	exit
fi
parent=$(basename "$(ls -d /sys/class/mdev_bus/* | head -n 1)")
uuid=$(cat /proc/sys/kernel/random/uuid)
dev=/sys/bus/mdev/devices/$uuid

tap_ok "$(mdevctl define --auto -u "$uuid" -p "$parent" --type mgvt-GVTg_V5_8 &&
	  [ -f "/etc/mdevctl.d/$parent/$uuid" ] && echo y)" \
	"mdevctl define --auto writes the definition"
tap_ok "$(mdevctl list -d | grep -q "$uuid $parent mgvt-GVTg_V5_8 auto" && echo y)" \
	"mdevctl list -d shows it, start auto"
tap_ok "$(mdevctl start -u "$uuid" && wait_path "$dev" 50 && echo y)" \
	"mdevctl start creates the vGPU"

# A live vGPU pins its provider module: stop it, then reload both modules.
tap_ok "$(mdevctl stop -u "$uuid" && wait_path "$dev" 50 gone && "$repo/scripts/load-modules.sh" -u && echo y)" \
	"stopped, mgvt_sim and mgvt unload"
"$repo/scripts/load-modules.sh"
udevadm settle -t 10
tap_ok "$(wait_path "$dev" 100 && echo y)" \
	"after mgvt is loaded again, udev's rule brings the vGPU back"
tap_ok "$([ "$(cat "$dev/mdev_type/name" 2>/dev/null)" = GVTg_V5_8 ] && echo y)" \
	"with its type GVTg_V5_8"

# Boot: udevd starts after the parent exists, then coldplugs it.
udevadm control --exit
mdevctl stop -u "$uuid"
"$repo/scripts/load-modules.sh" -u
"$repo/scripts/load-modules.sh"
tap_ok "$([ ! -e "$dev" ] && echo y)" "reloaded with udevd stopped: not back"
/lib/systemd/systemd-udevd --daemon --resolve-names=never
udevadm trigger --action=add --subsystem-match=pci
udevadm settle -t 10
tap_ok "$(wait_path "$dev" 100 && echo y)" \
	"udevd's coldplug at start (as at boot) brings it back"

tap_ok "$(mdevctl stop -u "$uuid" && wait_path "$dev" 50 gone && echo y)" "mdevctl stop removes it"
tap_ok "$(mdevctl undefine -u "$uuid" && [ ! -e "/etc/mdevctl.d/$parent/$uuid" ] &&
	  ! mdevctl list -d | grep -q "$uuid" && echo y)" "mdevctl undefine forgets it"
"$repo/scripts/load-modules.sh" -u
"$repo/scripts/load-modules.sh"
udevadm settle -t 10
tap_ok "$([ ! -e "$dev" ] && echo y)" "undefined: a reload does not bring it back"

udevadm control --exit
tap_ok "$("$repo/scripts/load-modules.sh" -u && echo y)" "modules unloaded"
tap_finish

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# libvirt 9.0 with mgvt, inside the host VM, using the examples users copy
# from qemu-glue/: libvirtd and virtlogd started without systemd; the
# node-device view of the pGPU (every type, live availableInstances); a vGPU
# created, destroyed, defined and started from qemu-glue/libvirt/
# nodedev-vgpu.xml; the way OpenStack Nova reads that view, with
# qemu-glue/nova/nova.conf; then one TCG domain from qemu-glue/libvirt/
# domain-vgpu.xml whose L2 guest (selftests/guest's probe) finds 8086:1912
# and PVINFO through BAR0, powers off, and leaves the vGPU idle and
# removable, with every type's available_instances as before.
#
# The host VM has no systemd, so the test does what it and the
# libvirt-daemon-system package would: /dev/stdin and friends (libvirt pipes
# mdevctl's JSON through /dev/stdin), udevd (libvirt's node devices follow
# its events), the libvirt-qemu user, the state directories.  It unloads
# kvm: under TCG the host VM's emulated SVM loads kvm_amd, with which
# libvirt re-probes QEMU on every call and the VM can stall.  The VM's root
# is a throw-away overlay, so none of this outlives the run.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
. "$repo/selftests/lib/tap.sh"
glue=$repo/qemu-glue
export LIBVIRT_DEFAULT_URI=qemu:///system
work=/tmp/mgvt-libvirt
boot=/var/lib/libvirt/boot
serial=/var/log/libvirt/qemu/mgvt-guest.serial.log
dom=mgvt-guest

# No virsh call may hang the suite.
vsh() {
	timeout 120 virsh -q "$@"
}

# Wait up to $1 seconds for the command after it to succeed.
wait_for() {
	n=$1
	shift
	while [ "$n" -gt 0 ]; do
		"$@" && return 0
		sleep 1
		n=$((n - 1))
	done
	"$@"
}

# "<type id> <availableInstances>" per type of node device $1, sorted.
nd_types() {
	vsh nodedev-dumpxml "$1" | awk -F"'" '
		/<type id=/ { id = $2 }
		/<availableInstances>/ { n = $0; gsub(/[^0-9]/, "", n); print id, n }' | sort
}

# The same from sysfs, for the parent $1.
sysfs_types() {
	for t in "/sys/class/mdev_bus/$1/mdev_supported_types/"*; do
		echo "$(basename "$t") $(cat "$t/available_instances")"
	done | sort
}

diag_logs() {
	tail -n 15 /var/log/libvirt/libvirtd.log 2>/dev/null | sed 's/^/# libvirtd: /'
	tail -n 15 "/var/log/libvirt/qemu/$dom.log" 2>/dev/null | sed 's/^/# qemu: /'
}

tap_header
if ! tap_ok "$(command -v libvirtd >/dev/null && command -v virsh >/dev/null &&
	       "$repo/scripts/load-modules.sh" && echo y)" \
	"libvirt: libvirtd and virsh installed, modules loaded"; then
	tap_finish
	exit
fi
parent=$(basename "$(ls -d /sys/class/mdev_bus/* | head -n 1)")
# libvirt takes a device as an mdev parent only if it is a PCI function.
if ! tap_ok "$(echo "$parent" | grep -Eq '^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$' &&
	       [ -e "/sys/bus/pci/devices/$parent" ] && echo y)" \
	"libvirt: the mdev parent $parent is a PCI function"; then
	tap_finish
	exit
fi
ndparent=pci_$(echo "$parent" | tr ':.' '__')
before=$(sysfs_types "$parent")

# --- the daemons, as a system without systemd runs them ----------------------
[ -e /dev/stdin ] || ln -s /proc/self/fd/0 /dev/stdin
[ -e /dev/stdout ] || ln -s /proc/self/fd/1 /dev/stdout
[ -e /dev/stderr ] || ln -s /proc/self/fd/2 /dev/stderr
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
mkdir -p /run/udev
/lib/systemd/systemd-udevd --daemon --resolve-names=never
udevadm trigger --action=add
udevadm settle -t 30
modprobe -r kvm_amd kvm_intel kvm 2>/dev/null
# What libvirt-daemon-system's postinst creates (scripts/deps.sh installs
# the daemon without it).
getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
getent passwd libvirt-qemu >/dev/null ||
	useradd -r -g libvirt-qemu -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu
mkdir -p /run/libvirt /var/lib/libvirt/qemu "$boot" /var/log/libvirt/qemu /var/cache/libvirt "$work"
export LIBVIRT_LOG_OUTPUTS="3:file:/var/log/libvirt/libvirtd.log"
start=$(date +%s)
tap_ok "$(/usr/sbin/virtlogd -d && /usr/sbin/libvirtd -d && vsh version >/dev/null && echo y)" \
	"libvirt: virtlogd and libvirtd run without systemd, virsh connects"
tap_diag "daemons up, first virsh answer after $(( $(date +%s) - start )) s"

# --- node devices ------------------------------------------------------------
tap_ok "$(vsh nodedev-list --cap mdev_types | grep -qx "$ndparent" && echo y)" \
	"libvirt: nodedev-list --cap mdev_types lists $ndparent"
got=$(nd_types "$ndparent")
printf '%s\n' "$got" | sed 's/^/#   /'
tap_ok "$([ -n "$got" ] && [ "$got" = "$before" ] && echo y)" \
	"libvirt: every type of $parent with availableInstances as in sysfs"
tap_ok "$(vsh nodedev-dumpxml "$ndparent" | grep -q "<deviceAPI>vfio-pci</deviceAPI>" &&
	  vsh nodedev-dumpxml "$ndparent" | grep -q "<name>GVTg_V5_4</name>" && echo y)" \
	"libvirt: types carry deviceAPI vfio-pci and their name (GVTg_V5_4)"

uuid=$(sed -n 's:.*<uuid>\(.*\)</uuid>.*:\1:p' "$glue/libvirt/nodedev-vgpu.xml")
vtype=$(sed -n "s:.*<type id='\\([^']*\\)'/>.*:\\1:p" "$glue/libvirt/nodedev-vgpu.xml")
ndxml=$work/nodedev-vgpu.xml
sed "s:<parent>.*</parent>:<parent>$ndparent</parent>:" "$glue/libvirt/nodedev-vgpu.xml" >"$ndxml"
ndname=mdev_$(echo "$uuid" | tr '-' '_')_$(echo "$parent" | tr ':.' '__')
dev=/sys/bus/mdev/devices/$uuid
avail() {	# available_instances of type $1 in sysfs
	cat "/sys/class/mdev_bus/$parent/mdev_supported_types/$1/available_instances"
}
avail_nd() {	# ... and as libvirt reports it now
	nd_types "$ndparent" | awk -v t="$1" '$1 == t { print $2 }'
}
a0=$(avail "$vtype")

tap_ok "$(vsh nodedev-create "$ndxml" >/dev/null && [ -d "$dev" ] &&
	  mdevctl list | grep -q "^$uuid $parent $vtype manual" && echo y)" \
	"libvirt: nodedev-create of qemu-glue's XML starts a transient $vtype vGPU"
tap_ok "$(wait_for 10 sh -c "virsh -q nodedev-list --cap mdev | grep -qx $ndname" && echo y)" \
	"libvirt: nodedev-list --cap mdev shows it as $ndname"
tap_ok "$([ "$(avail_nd "$vtype")" = $((a0 - 1)) ] && [ "$(nd_types "$ndparent")" = "$(sysfs_types "$parent")" ] &&
	  echo y)" \
	"libvirt: availableInstances is live: $vtype $a0 -> $((a0 - 1)), every type as in sysfs"
tap_ok "$(vsh nodedev-destroy "$ndname" >/dev/null && [ ! -e "$dev" ] &&
	  [ "$(sysfs_types "$parent")" = "$before" ] && echo y)" \
	"libvirt: nodedev-destroy removes it, every type's instances back"

tap_ok "$(vsh nodedev-define "$ndxml" >/dev/null && [ -f "/etc/mdevctl.d/$parent/$uuid" ] && [ ! -e "$dev" ] &&
	  echo y)" \
	"libvirt: nodedev-define writes mdevctl's definition, creates nothing yet"
tap_ok "$(vsh nodedev-start "$ndname" >/dev/null && [ -d "$dev" ] &&
	  mdevctl list | grep -q "^$uuid $parent $vtype manual (defined)" && echo y)" \
	"libvirt: nodedev-start creates the defined vGPU"

# --- Nova -------------------------------------------------------------------
# nova-compute's libvirt driver: the parents are node devices with mdev_types
# named pci_DDDD_BB_SS_F, taken as the PCI address DDDD:BB:SS.F; a type is
# offered if its id is in [devices] enabled_mdev_types; a pGPU's inventory
# is its mdevs of that type plus availableInstances.
nova=$glue/nova/nova.conf
enabled=$(sed -n 's/^enabled_mdev_types *= *//p' "$nova" | tr -d ' ' | tr ',' ' ')
tap_diag "nova.conf enabled_mdev_types: $enabled"
ok=y
nparents=0
for nd in $(vsh nodedev-list --cap mdev_types); do
	addr=$(echo "$nd" | sed -n 's/^pci_\([0-9a-f]\{4\}\)_\([0-9a-f]\{2\}\)_\([0-9a-f]\{2\}\)_\([0-7]\)$/\1:\2:\3.\4/p')
	[ -n "$addr" ] || { ok=; tap_diag "nova: $nd is no PCI address"; continue; }
	for t in $enabled; do
		n=$(nd_types "$nd" | awk -v t="$t" '$1 == t { print $2 }')
		[ -n "$n" ] || continue
		have=0
		for m in $(vsh nodedev-list --cap mdev); do
			x=$(vsh nodedev-dumpxml "$m")
			echo "$x" | grep -q "<parent>$nd</parent>" &&
				echo "$x" | grep -q "<type id='$t'/>" && have=$((have + 1))
		done
		tap_diag "nova: provider ${nd}: $t total $((have + n)) ($have in use, $n available)"
		[ "$((have + n))" -eq "$a0" ] || ok=
		nparents=$((nparents + 1))
	done
done
tap_ok "$([ -n "$enabled" ] && [ "$nparents" -ge 1 ] && [ -n "$ok" ] && echo y)" \
	"nova: $parent is a resource provider of $enabled with $a0 vGPUs, one in use"

# --- a domain with the vGPU --------------------------------------------------
kver=$("$repo/scripts/kver.sh")
kernel=$(ls "$repo/build/vm/vmlinux-$kver-"* 2>/dev/null | head -n 1)
[ -n "$kernel" ] || kernel=/boot/vmlinuz-$kver
cp "$kernel" "$boot/mgvt-guest-vmlinux"
cp "$repo/build/guest/initramfs.cpio.gz" "$boot/mgvt-guest-initrd.gz"
chmod 644 "$boot/mgvt-guest-vmlinux" "$boot/mgvt-guest-initrd.gz"
rm -f "$serial"
tap_ok "$(vsh define "$glue/libvirt/domain-vgpu.xml" >/dev/null && echo y)" \
	"libvirt: qemu-glue's domain XML defines $dom"
start=$(date +%s)
if ! tap_ok "$(vsh start "$dom" >/dev/null && echo y)" "libvirt: $dom starts with the vGPU as a hostdev"; then
	diag_logs
fi
tap_ok "$([ "$(cat "$dev/mgvt/state")" = active ] && echo y)" "libvirt: the vGPU is active while $dom runs"
tap_diag "QEMU runs as user $(ps -o user= -C qemu-system-x86_64 | head -n 1)," \
	"RLIMIT_MEMLOCK $(grep 'locked memory' /proc/"$(pgrep -f -n "guest=$dom")"/limits 2>/dev/null | awk '{ print $4 }') bytes"
# The guest runs under nested TCG: the kernel boot dominates.
tap_diag "waiting for the L2 guest to boot, probe its vGPU and power off"
wait_for 600 sh -c "virsh -q domstate $dom | grep -q 'shut off'" >/dev/null
tap_diag "$dom ran $(( $(date +%s) - start )) s"
state=$(vsh domstate --reason "$dom")
tap_ok "$(echo "$state" | grep -q 'shut off (shutdown)' && echo y)" \
	"libvirt: the guest powered off and $dom shut down by itself ($state)"
tr -d '\r' <"$serial" 2>/dev/null | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\x1b[a-zA-Z]//g' |
	sed -n '/MGVT-L2-BEGIN/,/MGVT-L2-END/p' >"$work/l2.txt"
grep -a '^# pci \|^ok \|^not ok ' "$work/l2.txt" | sed 's/^/#   L2: /'
tap_ok "$(grep -aq '^ok .* - guest sees a PCI function 8086:1912' "$work/l2.txt" && echo y)" \
	"L2: the guest sees the vGPU, 8086:1912"
tap_ok "$(grep -aq '^ok .* - PVINFO magic with one 64-bit load' "$work/l2.txt" &&
	  grep -aq '^ok .* - PVINFO version 1.0' "$work/l2.txt" && echo y)" \
	"L2: the guest reads PVINFO (magic, version 1.0) through BAR0"
if ! tap_ok "$(grep -aq 'MGVT-L2-END rc=0' "$work/l2.txt" && echo y)" "L2: every check of the guest's probe passed"; then
	tail -n 20 "$serial" 2>/dev/null | cat -v | sed 's/^/# serial: /'
	diag_logs
fi
tap_ok "$([ "$(cat "$dev/mgvt/state")" = idle ] && [ "$(cat "$dev/mgvt/pinned_pages")" = 0 ] && echo y)" \
	"libvirt: after the domain the vGPU is idle with no pinned pages"
tap_ok "$(vsh undefine "$dom" >/dev/null && vsh nodedev-destroy "$ndname" >/dev/null && [ ! -e "$dev" ] &&
	  [ "$(sysfs_types "$parent")" = "$before" ] && [ "$(nd_types "$ndparent")" = "$before" ] && echo y)" \
	"libvirt: nodedev-destroy frees the vGPU, every type's availableInstances back"
tap_ok "$(vsh nodedev-undefine "$ndname" >/dev/null && [ ! -e "/etc/mdevctl.d/$parent/$uuid" ] && echo y)" \
	"libvirt: nodedev-undefine drops the definition"

kill "$(cat /run/libvirtd.pid 2>/dev/null)" "$(cat /run/virtlogd.pid 2>/dev/null)" 2>/dev/null
udevadm control --exit
sleep 1
tap_ok "$("$repo/scripts/load-modules.sh" -u && echo y)" "libvirt: modules unloaded"
tap_finish

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh - mgvt's VFIO-level selftest. Run as root INSIDE the test VM, e.g.
#
#	scripts/vm.sh -t 900 -- selftests/vfio/run.sh
#
# Loads vfio, vfio_iommu_type1, mdev, gvt/mgvt.ko and gvt/sim/mgvt_sim.ko,
# checks the parent and its types, runs the test programs (their results
# are renumbered into this one flat TAP stream), checks module unload
# rules, and scans the kernel log for splats. Exit status 0 only if every
# test passed.
#
# The programs, by default in this order: sysfs_test (types, available
# instances, UUIDs), devinfo_test (device, region and irq info),
# config_test (config space), bar0_test (PVINFO and registers),
# aperture_test (BAR2 and isolation), irq_test (interrupts),
# lifecycle_test (reset, removal, a fresh vGPU), then ggtt_test,
# badinput_test, hostile_test, container_test, mmio_width_test,
# trace_test (tracepoints) and stress_test.  Each creates and removes vGPUs
# of its own, so any of them runs alone too (MGVT_VFIO_PROGS=bar0_test).
#
# Environment: MGVT_SIM_PARAMS (extra insmod arguments for mgvt_sim, e.g.
# "aperture_mb=512"), MGVT_TEST_TIMEOUT (seconds for each program, default
# 300), MGVT_STRESS_SECONDS (ggtt_test's pin/mmap fight, default 30),
# MGVT_STRESS_CYCLES (stress_test's vGPU life cycles, default 1000),
# MGVT_VFIO_PROGS (the programs to run, in order; default all of the above).

set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
mgvt_ko=$repo/gvt/mgvt.ko
sim_ko=$repo/gvt/sim/mgvt_sim.ko
drv_dir=/sys/bus/pci/drivers/mgvt
types=(GVTg_V5_8 GVTg_V5_4 GVTg_V5_2 GVTg_V5_1 MGVT_V5_16 MGVT_V5_32)
progs="sysfs_test devinfo_test config_test bar0_test aperture_test irq_test lifecycle_test
	ggtt_test badinput_test hostile_test container_test mmio_width_test execlist_reg_test execlist_run_test execlist_attack_test ppgtt_test display_test vblank_test plane_test edid_test
	trace_test stress_test"

count=0 pass=0 fail=0 skip=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- TAP output --------------------------------------------------------------

diag() {
	local line
	while IFS= read -r line; do
		echo "# $line"
	done <<<"$*"
}

ok() {		# ok DESC
	count=$((count + 1)) pass=$((pass + 1))
	echo "ok $count - $1"
}

not_ok() {	# not_ok DESC
	count=$((count + 1)) fail=$((fail + 1))
	echo "not ok $count - $1"
}

result() {	# result STATUS DESC: ok if STATUS is 0
	if [ "$1" -eq 0 ]; then ok "$2"; else not_ok "$2"; fi
}

# check DESC CMD...: one result line for a command; its output becomes diagnostics.
check() {
	local desc=$1 rc
	shift
	"$@" >"$tmp/out" 2>&1
	rc=$?
	result $rc "$desc"
	[ $rc -eq 0 ] || [ ! -s "$tmp/out" ] || diag "$(cat "$tmp/out")"
	return $rc
}

# check_fails DESC CMD...: the command must fail; its message is shown either way.
check_fails() {
	local desc=$1 rc
	shift
	"$@" >"$tmp/out" 2>&1
	rc=$?
	result $((rc == 0)) "$desc"
	[ ! -s "$tmp/out" ] || diag "$(cat "$tmp/out")"
	return $((rc == 0))
}

finish() {
	echo "1..$count"
	echo "# Totals: pass:$pass fail:$fail skip:$skip"
	[ "$fail" -eq 0 ]
	exit $?
}

bail() {
	echo "Bail out! $*"
	fail=$((fail + 1))
	finish
}

# --- helpers -----------------------------------------------------------------

parent_dev() {		# the PCI function bound to mgvt, e.g. 0000:00:04.0
	local d
	for d in "$drv_dir"/0000:*; do
		[ -e "$d" ] && { basename "$d"; return 0; }
	done
	return 1
}

wait_for_parent() {	# probing may be asynchronous: give it a few seconds
	local tries
	for tries in $(seq 50); do
		parent_dev >/dev/null && return 0
		sleep 0.1
	done
	diag "no parent after $tries tries"
	return 1
}

is_loaded() { [ -d "/sys/module/$1" ]; }

new_uuid() { cat /proc/sys/kernel/random/uuid; }

# shellcheck disable=SC2317  # called through check
sysfs_write() {		# sysfs_write VALUE FILE
	echo "$1" >"$2"
}

# --- 1. load ----------------------------------------------------------------

load_modules() {
	local m
	for m in vfio vfio_iommu_type1 mdev; do
		check "modprobe $m" modprobe "$m" || bail "cannot load $m"
	done
	if [ ! -f "$mgvt_ko" ] || [ ! -f "$sim_ko" ]; then
		bail "modules not built: run make at the repo root first"
	fi
	# insmod does not resolve dependencies: load whatever else mgvt.ko needs.
	for m in $(modinfo -F depends "$mgvt_ko" | tr ',' ' '); do
		is_loaded "$m" && continue
		check "modprobe $m (dependency of mgvt.ko)" modprobe "$m" || bail "cannot load $m"
	done
	check "insmod gvt/mgvt.ko debug=1 (test hooks)" insmod "$mgvt_ko" debug=1 ||
		bail "cannot load mgvt.ko"
	# shellcheck disable=SC2086
	check "insmod gvt/sim/mgvt_sim.ko${MGVT_SIM_PARAMS:+ $MGVT_SIM_PARAMS}" \
		insmod "$sim_ko" ${MGVT_SIM_PARAMS:-} || bail "cannot load mgvt_sim.ko"
}

check_parent_and_types() {
	local bdf pdir t tdir
	wait_for_parent
	bdf=$(parent_dev) || { not_ok "a PCI function is bound to driver mgvt"; bail "no parent"; }
	ok "a PCI function is bound to driver mgvt ($bdf)"
	pdir=$drv_dir/$bdf
	diag "parent $bdf: vendor $(cat "$pdir/vendor") device $(cat "$pdir/device")"
	result "$([ -e "/sys/class/mdev_bus/$bdf" ]; echo $?)" "parent appears in /sys/class/mdev_bus"
	for t in "${types[@]}"; do
		tdir=$pdir/mdev_supported_types/mgvt-$t
		if [ -d "$tdir" ]; then
			ok "type mgvt-$t present"
			diag "mgvt-$t: available_instances $(cat "$tdir/available_instances")"
			diag "$(sed 's/^/  /' "$tdir/description")"
		elif [ -n "${MGVT_SIM_PARAMS:-}" ]; then
			# A smaller aperture drops types that no longer fit; sysfs_test
			# checks exactly which.
			skip=$((skip + 1)) count=$((count + 1))
			echo "ok $count - type mgvt-$t present # SKIP mgvt_sim $MGVT_SIM_PARAMS"
		else
			not_ok "type mgvt-$t present"
		fi
	done
}

# --- 2. the test programs -------------------------------------------------------

# run_prog NAME ARGS...: run selftests/vfio/NAME, renumbering its results into
# this stream.
run_prog() {
	local name=$1 bin=$here/$1 line rc=-1 bailed=0 re='^(not )?ok [0-9]+ (.*)$'
	shift

	while IFS= read -r line; do
		case $line in
		"TAP version"* | [0-9]*..[0-9]*) ;;
		"# Totals:"*) diag "$name ${line#\# }" ;;
		"Bail out!"*) bailed=1; diag "$name: $line" ;;
		"prog-exit-status: "*) rc=${line#*: } ;;
		*)
			if [[ $line =~ $re ]]; then
				count=$((count + 1))
				echo "${BASH_REMATCH[1]}ok $count ${BASH_REMATCH[2]}"
				if [ -n "${BASH_REMATCH[1]}" ]; then
					fail=$((fail + 1))
				elif [[ ${BASH_REMATCH[2]} == *"# SKIP"* ]]; then
					skip=$((skip + 1))
				else
					pass=$((pass + 1))
				fi
			else
				echo "$line"
			fi
			;;
		esac
	done < <("$bin" "$@"; echo "prog-exit-status: $?")
	result $((bailed)) "$name ran to completion"
	result "$rc" "$name exit status is 0 (got $rc)"
	check_no_leftovers "$name"
}

# check_no_leftovers NAME: a program removes the vGPUs it created, even
# after a failure.  Whatever NAME still left (it crashed, say) fails here
# and is removed, so that the next program starts from a parent without
# vGPUs and its own checks do not fail in turn.
check_no_leftovers() {
	local name=$1 bdf dev uuid left=0
	bdf=$(parent_dev) || return 0
	for dev in "$drv_dir/$bdf"/mdev_supported_types/*/devices/*; do
		[ -e "$dev" ] || continue
		uuid=$(basename "$dev")
		left=$((left + 1))
		diag "$name left vGPU $uuid behind; removing it"
		sysfs_write 1 "/sys/bus/mdev/devices/$uuid/remove" || diag "cannot remove $uuid"
	done
	result "$left" "$name left no vGPUs behind"
}

# --- 3. unload rules -----------------------------------------------------------

check_unload() {
	local bdf uuid vdir
	bdf=$(parent_dev) || { not_ok "parent still bound before unload tests"; return; }
	uuid=$(new_uuid)
	vdir=/sys/bus/mdev/devices/$uuid
	check "create a vGPU for the unload tests" \
		sysfs_write "$uuid" "$drv_dir/$bdf/mdev_supported_types/mgvt-GVTg_V5_8/create"
	check_fails "rmmod mgvt_sim is refused while a vGPU exists" rmmod mgvt_sim
	result "$(is_loaded mgvt_sim; echo $?)" "mgvt_sim is still loaded"
	result "$([ -d "$vdir" ]; echo $?)" "the vGPU survived the refused rmmod"
	check_fails "rmmod mgvt is refused while mgvt_sim is loaded" rmmod mgvt
	check "remove the vGPU" sysfs_write 1 "$vdir/remove"
	check "rmmod mgvt_sim succeeds with no vGPUs" rmmod mgvt_sim
	result "$(! parent_dev >/dev/null; echo $?)" "no PCI function bound to mgvt after unload"
	check "rmmod mgvt succeeds" rmmod mgvt
	result "$(! is_loaded mgvt; echo $?)" "mgvt is unloaded"

	# A second load/unload cycle catches leftovers of the first.
	# shellcheck disable=SC2086
	if check "reload mgvt.ko" insmod "$mgvt_ko" &&
	   check "reload mgvt_sim.ko" insmod "$sim_ko" ${MGVT_SIM_PARAMS:-}; then
		wait_for_parent
		bdf=$(parent_dev)
		result "$([ -n "$bdf" ] && [ -d "$drv_dir/$bdf/mdev_supported_types/mgvt-GVTg_V5_4" ]; echo $?)" \
			"types are registered again after reload"
	fi
	check "rmmod mgvt_sim after reload" rmmod mgvt_sim
	check "rmmod mgvt after reload" rmmod mgvt
}

# --- 4. kernel log -----------------------------------------------------------

check_kernel_log() {
	local log=$tmp/dmesg bad
	dmesg | sed -n "/$marker/,\$p" >"$log"
	bad=$(grep -E 'BUG:|WARNING:|Oops|general protection|Call Trace:|UBSAN:|KASAN:' "$log")
	result "$([ -z "$bad" ]; echo $?)" \
		"kernel log has no BUG/WARNING/Oops/general protection since the test started"
	[ -z "$bad" ] || diag "$(head -n 40 <<<"$bad")"
	diag "last mgvt kernel messages:"
	diag "$(grep -i mgvt "$log" | tail -n 20)"
}

# --- main --------------------------------------------------------------------

if [ $# -ne 0 ]; then
	echo "usage: $0 (no arguments; see the environment variables in its header)" >&2
	exit 2
fi
echo "TAP version 13"
[ "$(id -u)" -eq 0 ] || bail "must run as root (inside the test VM)"
marker="mgvt-selftest-vfio-$$-$RANDOM"
echo "$marker start" >/dev/kmsg
diag "repo: $repo, kernel $(uname -r)"
if is_loaded mgvt_sim || is_loaded mgvt; then
	diag "mgvt modules already loaded; unloading them first"
	rmmod mgvt_sim 2>/dev/null
	rmmod mgvt 2>/dev/null
fi

load_modules
check_parent_and_types
if check "build selftests/vfio" make -s -C "$here"; then
	for prog in ${MGVT_VFIO_PROGS:-$progs}; do
		run_prog "$prog"
	done
fi
check_unload
check_kernel_log
finish

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make check`: every test tier, as TAP, then one closing line
# "N passed, N failed, N skipped"; exit status non-zero on any failure.
#
#   1. build: both modules with W=1, sparse, checkpatch, modinfo, the
#      DKMS build of both (scratch DKMS tree) and modinfo of its modules
#   2. unit: gvt/ core in userspace under ASan/UBSan (selftests/unit), a
#      short run of bench/ppgtt_bench (userspace: that it measures, not how
#      fast), and a short fixed-count pass of every fuzz target
#      (selftests/fuzz)
#   3. host VM: selftests/vm-suite.sh under scripts/vm.sh (VFIO suite,
#      mdevctl, libvirt with an L2 guest, one L2 guest through QEMU's
#      vfio-pci, a short bench run)
#
# Each tier's output is kept in build/check/<tier>.tap.
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo" || exit 1
out=build/check
rm -rf "$out"
mkdir -p "$out"
start=$(date +%s)

# --- 0. dependencies --------------------------------------------------------
scripts/deps.sh || { echo "0 passed, 1 failed"; exit 1; }

# --- 1. build tier: TAP lines written by this script ------------------------
n=0
build_ok() {	# build_ok STATUS DESC [LOG]: STATUS 0 passes
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		[ -z "${3:-}" ] || tail -n 40 "$3" | sed 's/^/# /'
	fi
}

# DKMS: dkms.conf builds both modules from a copy of the tree, in scratch
# DKMS trees (nothing installed), and modinfo describes what came out.
dkms_tier() {
	local log=$out/dkms.log kos ko f p bad ver
	ver=$(scripts/dkms.sh version)
	kos=$(scripts/dkms.sh build "$out/dkms" 2>"$log")
	bad=$?
	for ko in mgvt.ko mgvt_sim.ko; do
		echo "$kos" | grep -q "/$ko\(\.[a-z]*\)\?$" || { bad=1; echo "# no $ko" >>"$log"; }
	done
	build_ok $bad "build: dkms add, build, install (scratch DKMS trees) give mgvt.ko and mgvt_sim.ko" \
		"$log"
	bad=0
	[ -n "$kos" ] || bad=1
	for ko in $kos; do
		[ "$(modinfo -F version "$ko")" = "$ver" ] || bad=1
		for f in license description author; do
			[ -n "$(modinfo -F $f "$ko")" ] || { bad=1; echo "# $ko: no $f"; }
		done
		while IFS= read -r p; do
			case $p in *:*[a-zA-Z]*) ;; *) bad=1; echo "# $ko: no description: $p" ;; esac
		done < <(modinfo -F parm "$ko")
	done
	for p in mgvt:debug mgvt:engine_timeout_ms mgvt:ppgtt_max_roots mgvt:ppgtt_max_tables \
		 mgvt:display_mode mgvt_sim:aperture_mb mgvt_sim:use_pci \
		 mgvt_sim:time_scale; do
		ko=$(echo "$kos" | grep "/${p%%:*}\.ko" | head -n 1)
		[ -n "$ko" ] && modinfo -F parm "$ko" | grep -q "^${p#*:}:" ||
			{ bad=1; echo "# ${p%%:*}: no parameter ${p#*:}"; }
	done
	build_ok $bad "build: modinfo of the DKMS modules: version $ver, license, description, parameters"
}

build_tier() {
	local log=$out/build.log warn
	echo "TAP version 13"
	make -s modules >"$log" 2>&1
	build_ok $? "build: mgvt.ko and mgvt_sim.ko against $(scripts/kver.sh)" "$log"
	warn=$(grep -E 'warning:|error:' "$log")
	build_ok "$([ -z "$warn" ]; echo $?)" "build: W=1 warning-free" "$log"

	make -s sparse >"$out/sparse.log" 2>&1
	warn=$(grep -E 'warning:|error:' "$out/sparse.log")
	build_ok "$([ -z "$warn" ] ; echo $?)" "build: sparse clean" "$out/sparse.log"

	scripts/checkpatch.sh >"$out/checkpatch.log" 2>&1
	build_ok $? "build: checkpatch --strict and kernel-doc clean" "$out/checkpatch.log"

	scripts/layering.sh >"$out/layering.log" 2>&1
	build_ok $? "build: include and call rules of ARCHITECTURE.md (scripts/layering.sh)" \
		"$out/layering.log"

	shellcheck -x -S warning scripts/*.sh selftests/*.sh selftests/*/*.sh qemu-glue/*.sh .ci/run \
		>"$out/shellcheck.log" 2>&1
	build_ok $? "build: shell scripts shellcheck-clean" "$out/shellcheck.log"

	local ko p bad=0
	for ko in gvt/mgvt.ko gvt/sim/mgvt_sim.ko; do
		[ "$(modinfo -F license "$ko")" = GPL ] || bad=1
		[ -n "$(modinfo -F version "$ko")" ] || bad=1
		[ -n "$(modinfo -F description "$ko")" ] || bad=1
		[ -n "$(modinfo -F author "$ko")" ] || bad=1
		while IFS= read -r p; do
			case $p in *:*[a-zA-Z]*) ;; *) bad=1; echo "# no description: $p" ;; esac
		done < <(modinfo -F parm "$ko")
	done
	build_ok $bad "build: modinfo license/author/description/version and every parameter described"

	dkms_tier

	make -s -C selftests/vfio >"$out/progs.log" 2>&1 &&
		make -s -C selftests/guest >>"$out/progs.log" 2>&1
	build_ok $? "build: test programs and the L2 guest initramfs" "$out/progs.log"

	scripts/bench.sh --build-only >"$out/bench-build.log" 2>&1
	build_ok $? "build: the kernel's mtty sample and bench/trap_bench (make bench)" \
		"$out/bench-build.log"
	echo "1..$n"
}

# --- run the tiers -----------------------------------------------------------
echo "### tier: build"
build_tier | tee "$out/build.tap"

echo "### tier: unit"
{
	make -s -C selftests/unit run 2>&1
	# The shadow PPGTT bench is userspace: a short run on the host.
	if make -s -C bench ppgtt_bench >"$out/ppgtt-bench-build.log" 2>&1; then
		bench/ppgtt_bench 3 1 2>&1
	else
		echo "not ok 1 - bench: ppgtt_bench builds"
		tail -n 20 "$out/ppgtt-bench-build.log" | sed 's/^/# /'
	fi
} | tee "$out/unit.tap"

echo "### tier: fuzz"
{
	if make -s -C selftests/fuzz all >"$out/fuzz-build.log" 2>&1; then
		make -s -C selftests/fuzz run RUNS="${MGVT_FUZZ_RUNS:-5000}" 2>&1
	else
		echo "not ok 1 - fuzz: the targets build with clang"
		tail -n 20 "$out/fuzz-build.log" | sed 's/^/# /'
	fi
} | tee "$out/fuzz.tap"

echo "### tier: host VM"
scripts/vm.sh -t "${MGVT_VM_TIMEOUT:-1800}" -- selftests/vm-suite.sh 2>&1 | tee "$out/vm.tap"
vmrc=${PIPESTATUS[0]}
if [ "$vmrc" -eq 0 ]; then
	echo "ok - host VM: suite exited 0" | tee -a "$out/vm.tap"
else
	echo "not ok - host VM: suite exited $vmrc" | tee -a "$out/vm.tap"
fi

# --- summary -----------------------------------------------------------------
pass=$(cat "$out"/*.tap | grep -E '^ok( |$)' | grep -vc '# SKIP')
skip=$(cat "$out"/*.tap | grep -E '^ok( |$)' | grep -c '# SKIP')
fail=$(cat "$out"/*.tap | grep -cE '^not ok( |$)')
echo "# make check took $(( $(date +%s) - start )) s"
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]

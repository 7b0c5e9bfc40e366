#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make check-debug`: the VM suites on a debug kernel.
#
#   scripts/debug-kernel.sh build   build (or reuse) the debug kernel only
#   scripts/debug-kernel.sh check   build it, build mgvt against it in a copy
#                                   of the tree, boot it as the host VM, run
#                                   selftests/vm-suite.sh, and fail on any
#                                   lockdep, KASAN, UBSAN, hung-task,
#                                   atomic-sleep, debug-objects or DMA-API
#                                   report (and mgvt kmemleak reports)
#
# The kernel is the distribution's own source (Debian's linux-source-6.1,
# the same version as the distribution kernel) configured from x86_64
# defconfig + kvm_guest.config + scripts/debug-kernel.config, with one
# change: scripts/debug-kernel-type1.patch, which puts VFIO type1's two
# locks in one order (the distribution kernel deadlocks where they are
# not; README.md, "Limits").  Everything
# lives under build/debug-kernel/ and is rebuilt only when the source or
# the fragment changes.  Cost on 2 cores: see the README.
#
# Environment: MGVT_DEBUG_TIMEOUT (VM hard timeout, default 7200 s).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
top=$repo/build/debug-kernel
prog=debug-kernel.sh
jobs=$(nproc)

die() { echo "$prog: $*" >&2; exit 2; }

# Packages a kernel build needs beyond scripts/deps.sh.
kernel_build_deps() {
	local p missing=
	for p in flex bison bc libelf-dev libssl-dev; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q '^install ok installed$' || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	[ "$(id -u)" -eq 0 ] || die "need root to install:$missing"
	echo "$prog: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing
}

build_kernel() {
	local tarball name src key
	"$repo/scripts/deps.sh" >/dev/null
	kernel_build_deps
	# shellcheck disable=SC2012  # the tarball names are fixed by the package
	tarball=$(ls /usr/src/linux-source-*.tar.* 2>/dev/null | sort -V | tail -n 1)
	[ -n "$tarball" ] || die "no /usr/src/linux-source-*.tar.* (run scripts/deps.sh)"
	name=$(basename "$tarball" | sed 's/\.tar\..*//')
	src=$top/$name
	key=$({ stat -c '%n %s %Y' "$tarball"; cat "$repo/scripts/debug-kernel.config" \
		"$repo/scripts/debug-kernel-type1.patch"; } |
		sha256sum | cut -c1-16)
	if [ -f "$top/stamp" ] && [ "$(cat "$top/stamp")" = "$key" ] &&
	   [ -f "$src/arch/x86/boot/bzImage" ]; then
		return 0
	fi
	mkdir -p "$top"
	rm -f "$top/stamp"
	if [ ! -f "$src/Makefile" ]; then
		echo "$prog: unpacking $tarball"
		rm -rf "$src"
		tar -C "$top" -xf "$tarball"
	fi
	# VFIO type1's lock order fix (see the README): without it lockdep
	# reports type1's own inversion on the first unmap and is off for the
	# rest of the run.
	if ! patch -d "$src" -p1 -R -s -f --dry-run <"$repo/scripts/debug-kernel-type1.patch" >/dev/null; then
		patch -d "$src" -p1 -s -f <"$repo/scripts/debug-kernel-type1.patch" ||
			die "scripts/debug-kernel-type1.patch does not apply"
	fi
	echo "$prog: configuring $name (defconfig + kvm_guest.config + debug-kernel.config)"
	make -s -C "$src" defconfig
	make -s -C "$src" kvm_guest.config
	"$src/scripts/kconfig/merge_config.sh" -m -O "$src" "$src/.config" \
		"$repo/scripts/debug-kernel.config" >"$top/merge.log"
	make -s -C "$src" olddefconfig
	# A fragment option that did not survive (a missing dependency) is a
	# configuration error, not a silently weaker kernel.
	local opt val bad=0
	while IFS='=' read -r opt val; do
		case $opt in CONFIG_*) ;; *) continue ;; esac
		if [ "$val" = n ]; then
			! grep -q "^$opt=" "$src/.config" || { echo "$prog: $opt is set" >&2; bad=1; }
		elif ! grep -qx "$opt=$val" "$src/.config"; then
			echo "$prog: $opt=$val did not stick: $(grep "^$opt=" "$src/.config" || echo unset)" >&2
			bad=1
		fi
	done < <(grep -E '^CONFIG_' "$repo/scripts/debug-kernel.config")
	[ "$bad" = 0 ] || die "the debug configuration is incomplete"
	echo "$prog: building the kernel with -j$jobs (log: build/debug-kernel/build.log)"
	local t0=$SECONDS
	make -C "$src" -j"$jobs" bzImage modules >"$top/build.log" 2>&1 ||
		{ tail -n 30 "$top/build.log" >&2; die "kernel build failed"; }
	rm -rf "$top/root"
	make -s -C "$src" INSTALL_MOD_PATH="$top/root" modules_install >>"$top/build.log" 2>&1
	echo "$prog: kernel built in $((SECONDS - t0)) s"
	echo "$key" >"$top/stamp"
}

kernel_release() {
	local src
	src=$(find "$top" -maxdepth 2 -name vmlinux -path '*/linux-source-*' | head -n 1)
	[ -n "$src" ] || die "no debug kernel built"
	cat "$(dirname "$src")/include/config/kernel.release"
}

check() {
	local kver kdir tree rc=0
	build_kernel
	kver=$(kernel_release)
	kdir=$(dirname "$(find "$top" -maxdepth 2 -name vmlinux -path '*/linux-source-*' | head -n 1)")
	# A copy of the tree, so that the modules built for the distribution
	# kernel (make, make check) stay as they are.
	tree=$top/tree
	mkdir -p "$tree"
	tar -C "$repo" --exclude=./build --exclude=./.git -cf - . | tar -C "$tree" -xf -
	echo "$prog: building mgvt, the test programs and mtty against $kver"
	(
		cd "$tree"
		export MGVT_KVER=$kver KDIR=$kdir
		make -s modules
		make -s -C selftests/vfio
		make -s -C selftests/guest
		scripts/bench.sh --build-only
	) >"$top/tree-build.log" 2>&1 || { tail -n 30 "$top/tree-build.log" >&2; die "build against $kver failed"; }

	# Some boots under TCG hit a KASAN report of the kernel's own, in an
	# early interrupt (identify_cpu, 5-level paging addresses): no5lvl, and
	# no kasan_multi_shot, as that report then repeats for ever.  A boot
	# that had it anyway lost lockdep and is retried (debug-vm-run.sh).
	echo "$prog: running the VM suites on $kver"
	local attempt
	for attempt in 1 2 3; do
		rc=0
		MGVT_KVER=$kver MGVT_VM_KERNEL=$kdir/arch/x86/boot/bzImage \
			MGVT_VM_MODULES_ROOT=$top/root \
			MGVT_VM_APPEND="log_buf_len=16M no5lvl ${MGVT_VM_APPEND:-}" \
			"$tree/scripts/vm.sh" -t "${MGVT_DEBUG_TIMEOUT:-7200}" -m 4096 -- \
			bash scripts/debug-vm-run.sh | tee "$top/suite.log" || rc=$?
		[ "$rc" = 75 ] || break
		echo "$prog: boot $attempt lost lockdep to a boot-time report; booting again"
	done
	cp "$tree/build/vm/last-console.log" "$top/console.log" 2>/dev/null || true
	echo "$prog: suite log build/debug-kernel/suite.log, console build/debug-kernel/console.log"
	return "$rc"
}

case ${1:-} in
build) build_kernel; kernel_release ;;
check) check ;;
*) echo "usage: $prog build|check" >&2; exit 2 ;;
esac

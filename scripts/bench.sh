#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: build mgvt, mgvt_sim, the kernel's mtty sample (from the
# distribution kernel's linux-source, the reference for our trap path) and
# bench/trap_bench, bench/exec_bench and bench/ppgtt_bench, then run the
# benchmark in the host VM, and bench/ppgtt_bench (the shadow PPGTT and the
# PPGTT batch audit in userspace) on the host.  The report goes to stdout
# and to build/bench/report.txt.  Ratios are measured side by side in one
# run; nothing here is a pass/fail threshold.
#
# Usage: bench.sh [--build-only]
# Environment: BENCH_ITERS (accesses per round, default 20000), BENCH_EXEC_N
# (requests per side of each exec_bench latency test, default 200),
# BENCH_PPGTT_ROUNDS (rounds per side of each ppgtt_bench figure, default 9).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
kver=$(scripts/kver.sh)
kdir=${KDIR:-/lib/modules/$kver/build}
out=$repo/build/mtty

[ -f "$out/samples/vfio-mdev/mtty.c" ] ||
	scripts/ksrc.sh "$out" samples/vfio-mdev/mtty.c
cp "$out/samples/vfio-mdev/mtty.c" "$out/mtty.c"
echo 'obj-m := mtty.o' >"$out/Kbuild"
make -s -C "$kdir" M="$out" modules
make -s modules
make -s -C bench
[ "${1:-}" != --build-only ] || exit 0

mkdir -p build/bench
scripts/vm.sh -t 900 -- bash scripts/bench-vm.sh "${BENCH_ITERS:-20000}" \
	"${BENCH_EXEC_N:-200}" |
	tee build/bench/report.txt
grep -q '^bench: trap_read_ratio' build/bench/report.txt
grep -q '^bench: exec_rcs0_burst_vgpu_over_native' build/bench/report.txt
# Pure userspace, and the host VM runs under TCG: on the host.
echo "### ppgtt_bench (userspace, on the host)" | tee -a build/bench/report.txt
bench/ppgtt_bench "${BENCH_PPGTT_ROUNDS:-9}" | tee -a build/bench/report.txt
grep -q '^bench: ppgtt_validate_4096_over_memcmp' build/bench/report.txt
grep -q '^bench: ppgtt_batch_64k_over_memcpy' build/bench/report.txt

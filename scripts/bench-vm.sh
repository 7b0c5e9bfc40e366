#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The in-VM half of scripts/bench.sh: load the modules (mgvt with its test
# hooks, mgvt_sim and the mtty sample), run bench/trap_bench, the
# native client's benchmark and bench/exec_bench (a vGPU's guest against
# the native client).  Usage: bench-vm.sh ITERS [EXEC_N]
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
MGVT_DEBUG=1 "$repo/scripts/load-modules.sh" || exit 1
insmod "$repo/build/mtty/mtty.ko" || exit 1
"$repo/bench/trap_bench" "$1"
rc=$?
"$repo/scripts/bench-native.sh" || rc=1
"$repo/bench/exec_bench" "${2:-200}" || rc=1
rmmod mtty
"$repo/scripts/load-modules.sh" -u
exit $rc

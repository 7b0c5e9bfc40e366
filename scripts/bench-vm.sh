#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The in-VM half of scripts/bench.sh: load the modules (mgvt, mgvt_sim and
# the mtty sample) and run bench/trap_bench.  Usage: bench-vm.sh ITERS
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
"$repo/scripts/load-modules.sh" || exit 1
insmod "$repo/build/mtty/mtty.ko" || exit 1
"$repo/bench/trap_bench" "$1"
rc=$?
rmmod mtty
"$repo/scripts/load-modules.sh" -u
exit $rc

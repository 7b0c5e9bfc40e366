#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# On the build host: run selftests/guest/display.sh in the test VM and keep
# the screendump it took of the L2 guest's screen (printed base64 between
# MGVT-PNG-BEGIN and MGVT-PNG-END) as selftests/guest/artifacts/screendump.png.
# Needs the modules, selftests/guest (make -C selftests/guest) built.
# Exit status: display.sh's failures, or 1 if no PNG came out.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo" || exit 2
out=selftests/guest/artifacts/screendump.png
log=$(mktemp)
trap 'rm -f "$log"' EXIT

scripts/vm.sh -t 1500 -m 2048 -- \
	sh -c 'scripts/load-modules.sh && sh selftests/guest/display.sh; rc=$?; scripts/load-modules.sh -u; exit $rc' \
	> "$log" 2>&1
rc=$?
grep -v '^[A-Za-z0-9+/=]\{1,76\}$' "$log"
mkdir -p "$(dirname "$out")"
if sed -n '/^MGVT-PNG-BEGIN$/,/^MGVT-PNG-END$/p' "$log" | sed '1d;$d' | base64 -d > "$out.tmp" &&
   [ -s "$out.tmp" ]; then
	mv "$out.tmp" "$out"
	echo "kept $out"
else
	rm -f "$out.tmp"
	echo "no screendump came out" >&2
	rc=1
fi
exit $rc

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run the kernel's checkpatch.pl (--strict) and kernel-doc over mgvt's
# kernel sources.  Both come from Debian's linux-source package
# (scripts/deps.sh installs it), unpacked once under build/tools.  Exit
# status: non-zero on any error, warning or check.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
tools=$repo/build/tools
cp=$tools/scripts/checkpatch.pl

if [ ! -f "$cp" ] || [ ! -f "$tools/scripts/kernel-doc" ]; then
	rm -rf "$tools"
	"$repo/scripts/ksrc.sh" "$tools" scripts/checkpatch.pl scripts/spelling.txt \
		scripts/const_structs.checkpatch scripts/kernel-doc
fi

cd "$repo"
files=$(git ls-files 'gvt/*.c' 'gvt/*.h' 'uapi/*.h' 2>/dev/null ||
	find gvt uapi -name '*.[ch]')
# --no-tree: out-of-tree.  CONSTANT_COMPARISON and LINUX_VERSION_CODE fire
# on the version checks that compat.h exists for.
# shellcheck disable=SC2086
perl "$cp" --no-tree --terse --show-types --strict \
	--ignore FILE_PATH_CHANGES,LINUX_VERSION_CODE,CONSTANT_COMPARISON \
	-f $files
# shellcheck disable=SC2086
perl "$tools/scripts/kernel-doc" -none -Werror $files

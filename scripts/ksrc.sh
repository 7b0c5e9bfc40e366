#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ksrc.sh DEST PATH...: unpack PATHs (relative to the kernel tree) from the
# distribution kernel's source tarball (Debian's linux-source, installed by
# scripts/deps.sh) into DEST, keeping their relative paths.
set -eu
dest=$1
shift
# shellcheck disable=SC2012  # the tarball names are fixed by the package
tarball=$(ls /usr/src/linux-source-*.tar.* 2>/dev/null | sort -V | tail -n 1)
if [ -z "$tarball" ]; then
	echo "ksrc.sh: no /usr/src/linux-source-*.tar.* (run scripts/deps.sh)" >&2
	exit 2
fi
top=$(basename "$tarball" | sed 's/\.tar\..*//')
mkdir -p "$dest.tmp"
for p in "$@"; do
	set -- "$@" "$top/$p"
	shift
done
tar -C "$dest.tmp" -xf "$tarball" "$@"
mkdir -p "$dest"
cp -a "$dest.tmp/$top/." "$dest/"
rm -rf "$dest.tmp"

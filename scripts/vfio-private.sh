#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vfio-private.sh KDIR DEST: put VFIO's private drivers/vfio/vfio.h under
# DEST, taken from the distribution's linux-source tarball, after checking
# that the tarball is the very version of the kernel in KDIR (the header
# describes structures of that build; gvt/vfio/container.c says why mgvt reads
# one pointer from it).  Does nothing if DEST already has it for that
# version.
set -eu
kdir=$1
dest=$2
here=$(cd "$(dirname "$0")" && pwd)

# Called from make (DKMS, make check), a sub-make's directory lines must
# not end up in the version: run it afresh and keep the version line only.
want=$(env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS \
	make -s --no-print-directory -C "$kdir" kernelversion 2>/dev/null |
	grep -E '^[0-9]+\.[0-9]+' | tail -n 1) && [ -n "$want" ] ||
	{ echo "vfio-private.sh: cannot ask $kdir for its kernel version" >&2; exit 2; }
stamp=$dest/drivers/vfio/.version
if [ -f "$dest/drivers/vfio/vfio.h" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
	exit 0
fi
rm -rf "$dest/drivers/vfio"
"$here/ksrc.sh" "$dest" Makefile drivers/vfio/vfio.h
have=$(sed -n 's/^VERSION = //p; s/^PATCHLEVEL = //p; s/^SUBLEVEL = //p' "$dest/Makefile" |
	paste -sd.)
rm -f "$dest/Makefile"
if [ "$have" != "$want" ]; then
	rm -rf "$dest/drivers/vfio"
	echo "vfio-private.sh: the linux-source tarball is $have but $kdir is $want;" \
	     "install the linux-source package of the kernel you build for" >&2
	exit 1
fi
echo "$want" >"$stamp"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Install everything mgvt's build, tests and demo need on Debian 12, with
# apt-get, idempotently: nothing is fetched when all packages are present.
set -eu

pkgs="
	make gcc libc6-dev perl xz-utils git
	linux-image-amd64 linux-headers-amd64 linux-source-6.1 kmod
	sparse clang libclang-rt-14-dev
	qemu-system-x86 seabios ipxe-qemu
	busybox-static cpio gzip pciutils shellcheck
	mdevctl dkms
	libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients
"

missing=
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
	     grep -q '^install ok installed$'; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	echo "deps.sh: installing:$missing"
	if [ "$(id -u)" -ne 0 ]; then
		echo "deps.sh: need root to install packages" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing
fi

kver=$("$(dirname "$0")/kver.sh")
echo "deps.sh: all dependencies present; kernel $kver"

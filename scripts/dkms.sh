#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# dkms.sh: mgvt under DKMS (dkms.conf at the top of the tree).
#
#   dkms.sh install [KVER]     copy the tree to /usr/src/mgvt-<version>, then
#                              dkms add, build and install for KVER
#   dkms.sh uninstall          dkms remove --all, and the copy in /usr/src
#   dkms.sh build DIR [KVER]   dkms add, build and install in scratch trees
#                              under DIR (DIR/src, DIR/dkms, DIR/install),
#                              nothing installed on the system; prints the
#                              paths of the installed modules on stdout,
#                              dkms's output on stderr
#   dkms.sh version            print the version (MGVT_VERSION)
#
# KVER defaults to scripts/kver.sh's choice.  The tree copied is what git
# tracks plus untracked files not ignored (everything but .git and build/
# outside a git checkout).
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
name=mgvt
ver=$(sed -n 's/^#define MGVT_VERSION[[:space:]]*"\(.*\)"$/\1/p' "$repo/gvt/hal.h")
[ -n "$ver" ] || { echo "dkms.sh: no MGVT_VERSION in gvt/hal.h" >&2; exit 2; }

copy_tree() {	# copy_tree DEST: a clean copy of the source tree
	rm -rf "$1"
	mkdir -p "$1"
	if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git -C "$repo" ls-files -z --cached --others --exclude-standard |
			(cd "$repo" && tar --null --ignore-failed-read -T - -cf -) |
			tar -C "$1" -xf -
	else
		tar -C "$repo" --exclude=./.git --exclude=./build -cf - . | tar -C "$1" -xf -
	fi
}

need_dkms() {
	command -v dkms >/dev/null ||
		{ echo "dkms.sh: no dkms (run scripts/deps.sh)" >&2; exit 2; }
}

kver() {
	if [ -n "${1:-}" ]; then echo "$1"; else "$repo/scripts/kver.sh"; fi
}

case ${1:-} in
version)
	echo "$ver"
	;;
install)
	need_dkms
	k=$(kver "${2:-}")
	if dkms status -m "$name" -v "$ver" | grep -q .; then
		dkms remove -m "$name" -v "$ver" --all
	fi
	copy_tree "/usr/src/$name-$ver"
	dkms add -m "$name" -v "$ver"
	dkms build -m "$name" -v "$ver" -k "$k"
	dkms install -m "$name" -v "$ver" -k "$k"
	;;
uninstall)
	need_dkms
	if dkms status -m "$name" -v "$ver" | grep -q .; then
		dkms remove -m "$name" -v "$ver" --all
	fi
	rm -rf "/usr/src/$name-$ver"
	;;
build)
	need_dkms
	[ -n "${2:-}" ] || { echo "usage: dkms.sh build DIR [KVER]" >&2; exit 2; }
	dir=$(mkdir -p "$2" && cd "$2" && pwd)
	k=$(kver "${3:-}")
	rm -rf "$dir/src" "$dir/dkms" "$dir/install"
	mkdir -p "$dir/dkms" "$dir/install/$k"
	copy_tree "$dir/src/$name-$ver"
	set -- --dkmstree "$dir/dkms" --sourcetree "$dir/src" --installtree "$dir/install"
	# No signing: dkms would create a key pair in /var/lib/dkms to sign
	# with; a sign_file it cannot find makes it skip signing instead.
	sign_file=/nonexistent/sign-file
	export sign_file
	dkms add "$@" -m "$name" -v "$ver" >&2
	dkms build "$@" -m "$name" -v "$ver" -k "$k" >&2
	dkms install "$@" --no-depmod -m "$name" -v "$ver" -k "$k" >&2
	find "$dir/install/$k" -name '*.ko*'
	;;
*)
	echo "usage: dkms.sh install [KVER] | uninstall | build DIR [KVER] | version" >&2
	exit 2
	;;
esac

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# layering.sh: check the include and call rules of ARCHITECTURE.md on the
# tracked sources of gvt/.  Prints one line per broken rule (file:line:
# rule) and exits 1 if there is any; exits 0 silently otherwise.
#
#   1. local headers are named by their path from gvt/ ("mm/ggtt.h"), or
#      are hal.h, the uapi headers, or the sim's own; never "../x.h"
#   2. only vfio/ includes linux/vfio.h, linux/mdev.h or VFIO's private
#      headers, and only vfio/ calls vfio_*() or mdev_*() functions
#   3. vfio/ headers are included by vfio/ itself and by core/main.c
#      (vfio/mdev.h: the mdev driver and each pGPU's parent), nobody else
#   4. mm/ never includes render/ or display/, and trap/ never render/;
#      in trap/ only mmio_table.c (the handlers it names) and mmio.c (the
#      reset) include display/ headers, and display/ never includes
#      render/
#   5. sim/ includes nothing of the mediator but hal.h and regs/
#   6. the umbrella header mgvt.h is gone for good
#   7. only hal.h calls a provider's ops: the mediator uses mgvt_hal_*()
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo" || exit 2

bad=0
broken() {	# broken FILE:LINE RULE
	echo "$1: $2"
	bad=1
}

mapfile -t files < <(git ls-files 'gvt/*.c' 'gvt/*.h' 2>/dev/null ||
		     find gvt -name '*.[ch]')

for f in "${files[@]}"; do
	dir=${f#gvt/}
	dir=${dir%%/*}
	[ "$dir" = "${f#gvt/}" ] && dir=top	# gvt/hal.h
	while IFS=: read -r line inc; do
		# shellcheck disable=SC2001  # one substitution, readably
		name=$(echo "$inc" | sed 's/^#include [<"]\([^>"]*\)[>"].*/\1/')
		case $inc in
		*'"'*)
			case $name in
			../*|*/../*)
				broken "$f:$line" "rule 1: \"$name\" names a header by a relative path" ;;
			mgvt.h)
				broken "$f:$line" "rule 6: the umbrella header mgvt.h" ;;
			esac
			if [ "$dir" = sim ]; then
				case $name in
				hal.h|regs/*.h|sim/*.h) ;;
				*/*) broken "$f:$line" "rule 5: the sim includes \"$name\"" ;;
				*) [ -f "gvt/sim/$name" ] ||
					broken "$f:$line" "rule 5: the sim includes \"$name\"" ;;
				esac
			else
				case $name in
				*/*|hal.h) [ -f "gvt/$name" ] ||
					broken "$f:$line" "rule 1: \"$name\" is not a path from gvt/" ;;
				mgvt.h) ;;
				*) [ -f "uapi/$name" ] ||
					broken "$f:$line" "rule 1: \"$name\" is not a path from gvt/" ;;
				esac
			fi
			case $name in
			vfio/*)
				[ "$dir" = vfio ] ||
				{ [ "$f" = gvt/core/main.c ] && [ "$name" = vfio/mdev.h ]; } ||
					broken "$f:$line" "rule 3: only vfio/ and core/main.c (vfio/mdev.h) include \"$name\"" ;;
			render/*|display/*)
				case $dir/$name in
				mm/*|trap/render/*|display/render/*)
					broken "$f:$line" "rule 4: $dir/ includes \"$name\"" ;;
				trap/display/*)
					case $f in
					gvt/trap/mmio_table.c|gvt/trap/mmio.c) ;;
					*) broken "$f:$line" "rule 4: in trap/ only mmio_table.c and mmio.c include \"$name\"" ;;
					esac ;;
				esac ;;
			esac ;;
		*)
			case $name in
			linux/vfio.h|linux/mdev.h|drivers/vfio/*)
				[ "$dir" = vfio ] ||
					broken "$f:$line" "rule 2: <$name> outside vfio/" ;;
			esac ;;
		esac
	done < <(grep -n '^#include' "$f")

	if [ "$dir" != top ] && [ "$dir" != sim ]; then
		while IFS=: read -r line call; do
			broken "$f:$line" "rule 7: ${call%%(*}() called outside hal.h's accessors"
		done < <(grep -noE 'ops->[a-z_0-9]+\(' "$f" || true)
	fi
	if [ "$dir" != vfio ] && [ "$dir" != sim ]; then
		while IFS=: read -r line call; do
			broken "$f:$line" "rule 2: ${call%%(*}() called outside vfio/"
		done < <(grep -noE '\b(vfio|mdev)_[a-z_]+\(' "$f" || true)
	fi
done

exit $bad

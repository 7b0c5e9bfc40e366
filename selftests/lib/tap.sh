# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Flat TAP output for mgvt's shell selftests (POSIX sh; source it).
#   tap_header; tap_ok "$(cond && echo y)" "desc"; tap_diag "text"; tap_finish
# tap_ok passes when its first argument is non-empty.  tap_finish prints the
# plan and totals and returns non-zero if anything failed.

tap_count=0 tap_pass=0 tap_fail=0 tap_skip=0

tap_header() {
	echo "TAP version 13"
}

tap_diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

tap_ok() {
	tap_count=$((tap_count + 1))
	if [ -n "$1" ]; then
		tap_pass=$((tap_pass + 1))
		echo "ok $tap_count - $2"
		return 0
	fi
	tap_fail=$((tap_fail + 1))
	echo "not ok $tap_count - $2"
	return 1
}

tap_skip() {	# tap_skip REASON DESC
	tap_count=$((tap_count + 1))
	tap_skip=$((tap_skip + 1))
	echo "ok $tap_count - $2 # SKIP $1"
}

tap_finish() {
	echo "1..$tap_count"
	echo "# Totals: pass:$tap_pass fail:$tap_fail skip:$tap_skip"
	[ "$tap_fail" -eq 0 ]
}

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs inside the host VM booted from the debug kernel (scripts/
# debug-kernel.sh check): the VM suites, then the kernel's own verdict.
# Every report of the debug options counts as a failure, whatever the
# suites said: lockdep, KASAN, UBSAN, sleeping in atomic context, hung
# tasks, soft lockups, debug objects, DMA-API misuse, list corruption, and
# kmemleak objects allocated by mgvt or mgvt_sim.  TAP on stdout.
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo" || exit 1

# Kernel reports are printed at KERN_WARNING and KERN_ERR: keep them off
# the console (the suites' TAP goes there) and read them from the ring
# buffer afterwards.  A large buffer so that nothing is lost.
dmesg -n 4 2>/dev/null
echo "# kernel $(uname -r)"
# What the kernel reported while booting is not ours to judge: keep it as
# a diagnostic and judge only what comes after this point.
boot_lines=$(dmesg 2>/dev/null | wc -l)
# A report while booting (the kernel has an intermittent KASAN one in early
# interrupt handling under TCG) taints the kernel and turns lockdep off for
# the whole run: such a boot proves nothing, so ask for another (exit 75).
if ! grep -Eq '^ *debug_locks: +1$' /proc/lockdep_stats 2>/dev/null; then
	echo "# lockdep is already off after boot; the boot reported:"
	dmesg | grep -E 'BUG:|WARNING:|lockdep' | head -n 5 | sed 's/^/#   /'
	exit 75
fi
if [ -w /sys/kernel/debug/kmemleak ]; then
	echo clear >/sys/kernel/debug/kmemleak
fi

# Everything runs several times slower under KASAN and lockdep: fewer
# life cycles in stress_test (they repeat one path), more time per program.
export MGVT_STRESS_CYCLES=${MGVT_STRESS_CYCLES:-150}
export MGVT_TEST_TIMEOUT=${MGVT_TEST_TIMEOUT:-1500}
# This kernel carries scripts/debug-kernel-type1.patch: container_test runs
# the two-unmappers case that deadlocks the distribution kernel.
export MGVT_TYPE1_FIXED=1
rc=0
selftests/vm-suite.sh || rc=1

dmesg 2>/dev/null | head -n "$boot_lines" >/tmp/debug-boot.txt
dmesg 2>/dev/null | tail -n +"$((boot_lines + 1))" >/tmp/debug-dmesg.txt

n=0 failed=0
verdict() {	# verdict STATUS DESC
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

echo "TAP version 13"
verdict $rc "debug: the VM suites pass on $(uname -r)"

# The checks were on all along: KASAN came up, and lockdep is still on
# (its first report turns it off, so debug_locks 0 means there was one).
grep -q 'KernelAddressSanitizer initialized' /tmp/debug-boot.txt 2>/dev/null ||
	dmesg | grep -q 'KernelAddressSanitizer initialized'
verdict $? "debug: KASAN initialized at boot"
grep -Eq '^ *debug_locks: +1$' /proc/lockdep_stats 2>/dev/null
verdict $? "debug: lockdep is still enabled at the end (debug_locks 1)"

log=/tmp/debug-dmesg.txt
patterns='possible circular locking|possible recursive locking|inconsistent lock state|'
patterns+='possible irq lock inversion|suspicious RCU usage|DEBUG_LOCKS_WARN_ON|'
patterns+='BUG: KASAN|UBSAN:|BUG: sleeping function|BUG: scheduling while atomic|'
patterns+='blocked for more than|soft lockup|hard LOCKUP|workqueue lockup|'
patterns+='ODEBUG:|DMA-API: .*device driver|list_add corruption|list_del corruption|'
patterns+='WARNING: CPU:|BUG: unable to handle|general protection fault'
if grep -Eq "$patterns" /tmp/debug-boot.txt; then
	echo "# the kernel reported while booting, before any of ours ran:"
	grep -E "$patterns" /tmp/debug-boot.txt | head -n 5 | sed 's/^/#   /'
fi
if grep -Eq "$patterns" "$log"; then
	verdict 1 "debug: no lockdep, KASAN, UBSAN, hang or debug-object report"
	grep -En "$patterns" "$log" | head -n 20 | sed 's/^/# /'
	# The first report in full.
	first=$(grep -Enm1 "$patterns" "$log" | cut -d: -f1)
	sed -n "$((first > 5 ? first - 5 : 1)),$((first + 60))p" "$log" | sed 's/^/# | /'
else
	verdict 0 "debug: no lockdep, KASAN, UBSAN, hang or debug-object report"
fi

if [ -w /sys/kernel/debug/kmemleak ]; then
	# Two scans: kmemleak reports an object only once it was seen
	# unreferenced by two scans in a row.
	echo scan >/sys/kernel/debug/kmemleak
	sleep 5
	echo scan >/sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak >/tmp/kmemleak.txt
	leaks=$(grep -c '\[mgvt' /tmp/kmemleak.txt)
	verdict "$([ "$leaks" -eq 0 ]; echo $?)" \
		"debug: kmemleak finds no object leaked by mgvt or mgvt_sim ($leaks frames)"
	[ "$leaks" -eq 0 ] || sed -n '1,60p' /tmp/kmemleak.txt | sed 's/^/# /'
	echo "# kmemleak: $(grep -c '^unreferenced object' /tmp/kmemleak.txt) unreferenced objects in all"
else
	verdict 1 "debug: kmemleak is available"
fi
echo "1..$n"
[ "$failed" -eq 0 ]

#!/bin/bash
# Boot the distribution kernel (scripts/kver.sh) under QEMU TCG with the host
# root filesystem shared read-only over 9p, plus a throw-away tmpfs overlay
# on top, and run a command inside.
#
#   scripts/vm.sh [-t SECONDS] [-m MEM_MB] [-c CPUS] [--no-testdev] [-i]
#                 [--] [COMMAND [ARG...]]
#
# Batch mode (a COMMAND and no -i): the command runs as root in the
# repository directory (same absolute path as on the host) with stdin from
# /dev/null; its stdout/stderr come out on our stdout, followed by a
# "MGVT-VM-EXIT=<status>" line, and we exit with its status, or
#   124      the hard timeout (-t, default 600 s) expired
#   125      the VM died without reporting a status (panic/oops, init failure,
#            QEMU error); the interesting part of the console log is shown
#   130/143  we were interrupted (SIGINT/SIGTERM); QEMU is stopped too
#   2        usage or setup error
#
# Interactive mode (-i, or no COMMAND): a shell (or COMMAND) on the serial
# console, attached to this terminal.  Ctrl-A x kills QEMU, Ctrl-A c is the
# QEMU monitor.  No timeout unless -t is given.
#
# Inside the VM: writes go to the tmpfs overlay and vanish at power-off (the
# host is never modified); /tmp, /run and /dev/shm are fresh tmpfs (unless
# the repository lives there); /lib/modules comes from the host, so modprobe
# works; a pci-testdev (1b36:0005) is present unless --no-testdev.  Kernel
# WARNINGs during the command are printed after it.
#
# Environment:
#   MGVT_KVER           kernel version to boot (default: scripts/kver.sh)
#   MGVT_VM_KERNEL      kernel image to boot instead of /boot/vmlinuz-KVER
#                       (a bzImage, or a vmlinux with a PVH entry)
#   MGVT_VM_MODULES_ROOT  directory holding lib/modules/KVER for that kernel
#                       (a `make modules_install INSTALL_MOD_PATH=` root);
#                       the VM sees it as /lib/modules/KVER
#   MGVT_VM_EXTRA_QEMU  extra QEMU arguments (split on whitespace)
#   MGVT_VM_APPEND      extra kernel command line arguments
#                       (e.g. "loglevel=7" to see the whole boot)
#
# Files (under build/vm/ in the repository):
#   vmlinux-KVER-HASH         uncompressed kernel extracted from /boot (cache)
#   initramfs-KVER-HASH.cpio  initramfs (cache), rebuilt when its inputs change
#   last-console.log          full console log of the most recent run
#   run/XXXXXX/               per-run scratch directory (removed on exit)
set -eu -o pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
VMDIR=$REPO/build/vm
prog=vm.sh

# 9p message size.  The 6.1 virtio transport caps it at
# PAGE_SIZE * (VIRTQUEUE_NUM - 3) = 512000; asking for more only earns a
# warning and gets clamped.
MSIZE=512000

# Modules the initramfs loads (dependencies are added automatically).
INITRAMFS_MODULES="virtio_pci 9pnet_virtio 9p overlay"

die() { echo "$prog: $*" >&2; exit 2; }

usage() {
	cat <<EOF
usage: scripts/vm.sh [-t TIMEOUT_S] [-m MEM_MB] [-c CPUS] [--no-testdev] [-i] [--] [COMMAND...]

  -t N           hard timeout in seconds (batch default 600; interactive: none)
  -m N           guest memory in MiB (default 3072)
  -c N           guest CPUs (default 2)
  --no-testdev   do not add the pci-testdev (1b36:0005) stand-in device
  -i             interactive: run COMMAND (or a shell) on the console
  -h, --help     this help

Env: MGVT_KVER, MGVT_VM_EXTRA_QEMU, MGVT_VM_APPEND.
Exit status: the command's; 124 on timeout; 125 if the VM reported none.
EOF
}

is_posint() { [[ $1 =~ ^[1-9][0-9]*$ ]]; }

# ---------------------------------------------------------------- arguments
timeout_s=
mem=3072
cpus=2
testdev=1
interactive=0
while [ $# -gt 0 ]; do
	case $1 in
	-t) is_posint "${2:-}" || die "-t needs a number of seconds"
	    timeout_s=$2; shift 2 ;;
	-m) is_posint "${2:-}" || die "-m needs a size in MiB"
	    mem=$2; shift 2 ;;
	-c) is_posint "${2:-}" || die "-c needs a CPU count >= 1"
	    cpus=$2; shift 2 ;;
	--no-testdev) testdev=0; shift ;;
	-i) interactive=1; shift ;;
	-h|--help) usage; exit 0 ;;
	--) shift; break ;;
	-*) usage >&2; die "unknown option: $1" ;;
	*) break ;;
	esac
done
[ $# -eq 0 ] && interactive=1
if [ "$interactive" = 1 ] && ! [ -t 0 ]; then
	die "interactive mode needs a terminal on stdin (give a COMMAND for batch mode)"
fi
if [ -z "$timeout_s" ] && [ "$interactive" = 0 ]; then
	timeout_s=600
fi

KVER=$("$REPO/scripts/kver.sh")
KERNEL=${MGVT_VM_KERNEL:-/boot/vmlinuz-$KVER}
[ -r "$KERNEL" ] || die "cannot read $KERNEL"
MODROOT=${MGVT_VM_MODULES_ROOT:-}
[ -z "$MODROOT" ] || MODROOT=$(cd "$MODROOT" && pwd) || die "no directory $MODROOT"
[ -d "$MODROOT/lib/modules/$KVER/kernel" ] || die "no modules in $MODROOT/lib/modules/$KVER"
modinfo_k() { modinfo -k "$KVER" ${MODROOT:+-b "$MODROOT"} "$@"; }
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 not found (apt-get install qemu-system-x86)"

mkdir -p "$VMDIR/run"
# Leftovers of interrupted runs.
find "$VMDIR" -maxdepth 1 -name '*.tmp.*' -mmin +60 -delete 2>/dev/null || true
find "$VMDIR/run" -mindepth 1 -maxdepth 1 -mmin +1440 -exec rm -rf {} + 2>/dev/null || true

# ---------------------------------------------------------------- initramfs
# Stage 1 /init, run by busybox sh inside the initramfs.  It mounts the host
# root (9p, read-only), stacks a tmpfs-backed overlay on top and switches
# into it, running scripts/vm-init.sh from the repository as the new PID 1.
#
# Under TCG every exec of a dynamically linked host binary costs ~0.1 s, so
# stage 1 also does the cheap-with-busybox parts of stage 2's job (API
# filesystems, lo, decoding the parameters into MGVTVM_* variables);
# vm-init.sh checks for each of them and only does what is still missing.
stage1_init() {
	cat <<'EOF'
#!/bin/sh
# mgvt VM stage 1 (generated by scripts/vm.sh; do not edit here)
export PATH=/bin

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1

b64() { printf '%s' "$1" | base64 -d; }
MGVTVM_MODE=batch
for arg in $(cat /proc/cmdline); do
	case $arg in
	mgvtvm.repo=*) MGVTVM_REPO=$(b64 "${arg#*=}") ;;
	mgvtvm.run=*)  MGVTVM_RUN=$(b64 "${arg#*=}") ;;
	mgvtvm.mode=*) MGVTVM_MODE=${arg#*=} ;;
	mgvtvm.term=*) MGVTVM_TERM=$(b64 "${arg#*=}") ;;
	mgvtvm.size=*) MGVTVM_SIZE=${arg#*=} ;;
	mgvtvm.moddir=*) moddir=$(b64 "${arg#*=}") ;;
	esac
done
repo=${MGVTVM_REPO:-}

die() {
	echo "mgvt-initramfs: FATAL: $*"
	if [ "$MGVTVM_MODE" = interactive ]; then
		echo "mgvt-initramfs: debug shell; exit it to power off"
		setsid cttyhack sh
	fi
	echo o >/proc/sysrq-trigger
	sleep 10
	exit 1
}

[ -n "$repo" ] || die "no mgvtvm.repo= on the kernel command line"

while read -r ko; do
	insmod "/lib/modules/$ko" || die "insmod $ko failed"
done </lib/modules/load-order

mkdir -p /lower /ovl /newroot
# cache=loose: the host root is read-only for us and is not expected to
# change under a running test, and caching makes exec/stat much cheaper.
mount -t 9p -o ro,trans=virtio,version=9p2000.L,msize=@MSIZE@,cache=loose \
	hostroot /lower || die "cannot mount the host root (9p tag hostroot)"
# upper and work must live on the same (writable) filesystem
mount -t tmpfs -o mode=0755 mgvt-overlay /ovl
mkdir /ovl/upper /ovl/work
mount -t overlay -o lowerdir=/lower,upperdir=/ovl/upper,workdir=/ovl/work \
	overlay /newroot || die "cannot mount the overlay root"

# Move our mounts (the console fds point into /dev) and pre-mount the rest
# of what vm-init.sh wants.  Failures here are not fatal: stage 2 retries.
R=/newroot
for d in /proc /sys /dev; do
	mount --move "$d" "$R$d"
done
mkdir -p "$R/dev/pts" "$R/dev/shm"
mount -t devpts -o nosuid,noexec,gid=5,mode=0620,ptmxmode=0666 devpts "$R/dev/pts"
mount -t tmpfs -o nosuid,nodev,mode=1777 tmpfs "$R/dev/shm"
# A fresh tmpfs must not hide the repository (a checkout under /tmp, say).
case $repo/ in /tmp/*) ;; *) mount -t tmpfs -o nosuid,nodev,mode=1777 tmpfs "$R/tmp" ;; esac
case $repo/ in /run/*) ;; *) mount -t tmpfs -o nosuid,nodev,mode=0755 tmpfs "$R/run" ;; esac
mkdir -p "$R/run/lock"
mount -t debugfs -o nosuid,nodev,noexec debugfs "$R/sys/kernel/debug"
mount -t tracefs -o nosuid,nodev,noexec tracefs "$R/sys/kernel/tracing"
mount -t cgroup2 -o nosuid,nodev,noexec cgroup2 "$R/sys/fs/cgroup"
ln -s /proc/self/fd "$R/dev/fd"
# A kernel that is not the distribution's brings its modules along.
if [ -n "${moddir:-}" ]; then
	mkdir -p "$R/lib/modules"
	ln -sfn "$moddir" "$R/lib/modules/$(uname -r)"
fi
ip link set lo up

[ -f "$R$repo/scripts/vm-init.sh" ] ||
	die "$repo/scripts/vm-init.sh not visible in the VM"

export MGVTVM_REPO MGVTVM_RUN MGVTVM_MODE MGVTVM_TERM MGVTVM_SIZE
exec switch_root /newroot /bin/sh "$repo/scripts/vm-init.sh"
EOF
}

# ---------------------------------------------------------------- kernel
# QEMU can boot an uncompressed ELF vmlinux directly at its PVH entry point
# (Debian kernels have CONFIG_PVH=y).  That skips the bzImage's self-
# decompression, which takes ~6 s under TCG.  The vmlinux is extracted once
# per kernel image and cached; if anything goes wrong, boot the bzImage.
has_pvh_note() {
	# An ELF note named "Xen" of type 18 (XEN_ELFNOTE_PHYS32_ENTRY).
	[ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '177ELF' ] &&
		LC_ALL=C grep -qaP '\x04\x00\x00\x00[\x04\x08]\x00\x00\x00\x12\x00\x00\x00Xen\x00' "$1"
}

boot_image() {
	local img=$1 key out tmp fmt magic off
	local -a dec
	if has_pvh_note "$img"; then
		echo "$img"
		return 0
	fi
	key=$(stat -c '%n %s %Y' "$img" | sha256sum | cut -c1-12)
	out=$VMDIR/vmlinux-$KVER-$key
	if [ -f "$out" ]; then
		echo "$out"
		return 0
	fi
	tmp=$(mktemp "$VMDIR/vmlinux.tmp.XXXXXX")
	# shellcheck disable=SC2064  # expand $tmp now
	trap "rm -f '$tmp'" EXIT
	for fmt in xz zstd gzip; do
		case $fmt in
		xz)   magic='\xfd7zXZ\x00'; dec=(xz -dc --single-stream) ;;
		zstd) magic='\x28\xb5\x2f\xfd'; dec=(zstd -dcq) ;;
		gzip) magic='\x1f\x8b\x08'; dec=(gzip -dc) ;;
		esac
		command -v "${dec[0]}" >/dev/null || continue
		# shellcheck disable=SC2013  # offsets are plain numbers
		for off in $(LC_ALL=C grep -aboP "$magic" "$img" | cut -d: -f1); do
			# Decompressors may complain about the trailing data; judge
			# the result instead of the exit status.
			tail -c +$((off + 1)) "$img" | "${dec[@]}" >"$tmp" 2>/dev/null || true
			if has_pvh_note "$tmp"; then
				chmod 644 "$tmp"
				mv -f "$tmp" "$out"
				find "$VMDIR" -maxdepth 1 -name 'vmlinux-*' ! -name "$(basename "$out")" \
					-mmin +5 -delete 2>/dev/null || true
				echo "$out"
				return 0
			fi
		done
	done
	rm -f "$tmp"
	echo "$prog: note: could not extract a PVH vmlinux from $img; booting it as is (slower)" >&2
	echo "$img"
}

# Print the module files to load, dependencies first, one per line.
declare -A mod_seen=()
mod_order=()
add_module() {
	local m=$1 deps d f
	[ -n "${mod_seen[$m]:-}" ] && return 0
	mod_seen[$m]=1
	deps=$(modinfo_k -F depends "$m") || die "module $m not found for $KVER"
	for d in ${deps//,/ }; do
		add_module "$d"
	done
	f=$(modinfo_k -F filename "$m" | head -n1)
	case $f in
	/*) mod_order+=("$f") ;;  # a file; "(builtin)" needs no loading
	esac
}

build_initramfs() {
	local m f key out tmp stage name busybox=/bin/busybox
	[ -x "$busybox" ] || die "$busybox missing (apt-get install busybox-static)"

	for m in $INITRAMFS_MODULES; do
		add_module "$m"
	done

	# Cache key: everything the image is built from.
	key=$({
		echo "format 1 $KVER $MSIZE"
		stage1_init
		for f in "${mod_order[@]}" "$busybox"; do
			stat -c '%n %s %Y' "$f"
		done
	} | sha256sum | cut -c1-16)
	out=$VMDIR/initramfs-$KVER-$key.cpio
	if [ -f "$out" ]; then
		echo "$out"
		return 0
	fi

	stage=$(mktemp -d "$VMDIR/initramfs.XXXXXX")
	# shellcheck disable=SC2064  # expand $stage now
	trap "rm -rf '$stage'" EXIT
	mkdir -p "$stage"/{bin,dev,proc,sys,lib/modules}
	cp "$busybox" "$stage/bin/busybox"
	for name in $("$busybox" --list); do
		[ "$name" = busybox ] || ln -s busybox "$stage/bin/$name"
	done
	stage1_init | sed "s/@MSIZE@/$MSIZE/" >"$stage/init"
	chmod 755 "$stage/init"

	: >"$stage/lib/modules/load-order"
	for f in "${mod_order[@]}"; do
		name=$(basename "$f")
		# Debian 12 ships plain .ko files, but decompress in case a kernel
		# uses compressed modules: busybox insmod may lack the decoder.
		case $f in
		*.ko.xz)  name=${name%.xz};  xz -dc "$f" ;;
		*.ko.zst) name=${name%.zst}; zstd -qdc "$f" ;;
		*.ko.gz)  name=${name%.gz};  gzip -dc "$f" ;;
		*.ko)     cat "$f" ;;
		*) die "unexpected module file $f" ;;
		esac >"$stage/lib/modules/$name"
		echo "$name" >>"$stage/lib/modules/load-order"
	done

	# Uncompressed: the kernel unpacks it faster than it could inflate it
	# under TCG, and it is only a few MiB.
	tmp=$(mktemp "$VMDIR/initramfs.tmp.XXXXXX")
	(cd "$stage" && find . -print0 | LC_ALL=C sort -z |
		cpio --null -o -H newc -R 0:0 --quiet) >"$tmp"
	chmod 644 "$tmp"
	mv -f "$tmp" "$out"   # atomic; concurrent builders produce the same file
	rm -rf "$stage"
	trap - EXIT
	# Drop stale images (other kernels / older init scripts).
	find "$VMDIR" -maxdepth 1 -name 'initramfs-*.cpio' ! -name "$(basename "$out")" \
		-mmin +5 -delete 2>/dev/null || true
	echo "$out"
}

BOOT_IMAGE=$(boot_image "$KERNEL")
INITRD=$(build_initramfs)

# ---------------------------------------------------------------- run dir
RUNDIR=$(mktemp -d "$VMDIR/run/XXXXXX")
LOG=$RUNDIR/console.log
# shellcheck disable=SC2317  # invoked via trap
cleanup() {
	[ -f "$LOG" ] && mv -f "$LOG" "$VMDIR/last-console.log"
	rm -rf "$RUNDIR"
}
trap cleanup EXIT

# The command travels as a tiny shell script in the run directory, which the
# guest reads through the 9p root: no length limit, and single-quoting every
# word survives any argument (dash does not understand bash's $'..' quoting).
if [ $# -gt 0 ]; then
	{
		printf 'exec'
		for a in "$@"; do
			printf " '%s'" "${a//\'/\'\\\'\'}"
		done
		printf '\n'
	} >"$RUNDIR/cmd"
fi

b64() { printf '%s' "$1" | base64 -w0; }
mode='batch'
[ "$interactive" = 1 ] && mode='interactive'
# Kernel command line:
#   quiet loglevel=4   only KERN_ERR and worse reach the console (an oops
#                      always does: it raises the console loglevel itself)
#   panic=-1 oops=panic  an oops panics, the panic "reboots", and -no-reboot
#                      turns that into QEMU exiting: vm.sh then exits 125
#   mitigations=off tsc=reliable cryptomgr.notests acpi=noirq
#                      boot/run speed under TCG: no PTI etc., no TSC sync
#                      checks or clocksource watchdog, no crypto self-tests,
#                      no (slow, interpreted) ACPI PCI interrupt link setup
append="console=ttyS0 quiet loglevel=4 panic=-1 oops=panic"
append+=" mitigations=off tsc=reliable cryptomgr.notests acpi=noirq"
append+=" mgvtvm.repo=$(b64 "$REPO") mgvtvm.run=$(b64 "$RUNDIR") mgvtvm.mode=$mode"
if [ "$interactive" = 1 ] && [ -t 0 ]; then
	# Let the guest shell know the terminal type and size.
	append+=" mgvtvm.term=$(b64 "${TERM:-vt100}")"
	if size=$(stty size 2>/dev/null); then
		append+=" mgvtvm.size=${size/ /x}"
	fi
fi
[ -n "$MODROOT" ] && append+=" mgvtvm.moddir=$(b64 "$MODROOT/lib/modules/$KVER")"
[ -n "${MGVT_VM_APPEND:-}" ] && append+=" $MGVT_VM_APPEND"

qemu=(
	qemu-system-x86_64
	-accel tcg -cpu max -smp "$cpus" -m "$mem"
	# -nodefaults: no VGA/NIC/floppy/CD (and no NIC option ROM to run under
	# TCG); we add the serial console and the devices we want ourselves.
	-nodefaults -display none -no-reboot
	-kernel "$BOOT_IMAGE" -initrd "$INITRD" -append "$append"
	# The host root; multidevs=remap keeps inode numbers unique across
	# the host's mounts.  (No virtio-rng: with -cpu max the guest has
	# RDRAND and its CRNG is ready at once.)
	-virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap"
)
[ "$testdev" = 1 ] && qemu+=(-device pci-testdev)

extra=()
if [ -n "${MGVT_VM_EXTRA_QEMU:-}" ]; then
	read -r -a extra <<<"$MGVT_VM_EXTRA_QEMU"
fi

if [ "$interactive" = 1 ]; then
	# Serial console and QEMU monitor multiplexed on this terminal.
	qemu+=(-chardev "stdio,id=con,mux=on,signal=off,logfile=$LOG"
		-serial chardev:con -mon "chardev=con,mode=readline")
	wrap=()
	[ -n "$timeout_s" ] && wrap=(timeout --foreground -k 10 "$timeout_s")
	set +e
	"${wrap[@]}" "${qemu[@]}" "${extra[@]}"
	rc=$?
	set -e
	sed -i 's/\r//g' "$LOG" 2>/dev/null || true
else
	# Batch: QEMU's stdin is /dev/null whatever ours is (closed, a tty, ...),
	# so QEMU never touches a terminal.  The console stream is cleaned up
	# (CRs, ANSI escapes), logged in full, and echoed to our stdout up to the
	# exit marker; the shutdown chatter after it only goes to the log.
	#
	# The pipeline runs in the background so that our signal traps run at
	# once (bash defers them while a foreground job runs): if we are told to
	# stop, QEMU must not linger until its timeout.  timeout --foreground
	# leaves QEMU in our process group, so a terminal's Ctrl-C reaches it too.
	qemu+=(-chardev 'stdio,id=con,signal=off' -serial chardev:con
		-pidfile "$RUNDIR/qemu.pid")
	signalled=
	# shellcheck disable=SC2317  # invoked via trap
	on_signal() {
		signalled=$1
		local pid
		pid=$(cat "$RUNDIR/qemu.pid" 2>/dev/null) && kill "$pid" 2>/dev/null
		return 0
	}
	trap 'on_signal 129' HUP
	trap 'on_signal 130' INT
	trap 'on_signal 143' TERM
	{
		qrc=0  # (set -e still applies in this subshell)
		timeout --foreground -k 10 "$timeout_s" "${qemu[@]}" "${extra[@]}" \
			</dev/null 2>&1 || qrc=$?
		echo "$qrc" >"$RUNDIR/qemu.rc"
	} |
		sed -u -e 's/\r//g' -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\x1b[c78]//g' |
		tee "$LOG" |
		sed -u -n '0,/MGVT-VM-EXIT=[0-9]*$/p' &
	pipeline=$!
	# wait returns early when a trapped signal arrives; keep draining.
	while kill -0 "$pipeline" 2>/dev/null; do
		wait "$pipeline" || true
	done
	trap - HUP INT TERM
	rc=$(cat "$RUNDIR/qemu.rc" 2>/dev/null || echo 255)
	if [ -n "$signalled" ]; then
		echo "$prog: interrupted; VM stopped" >&2
		exit "$signalled"
	fi
fi

# The last well-formed marker carries the status (sed -E: portable ERE).
status=$(sed -n -E 's/.*MGVT-VM-EXIT=([0-9]+)$/\1/p' "$LOG" | tail -n1)
if [ -n "$status" ]; then
	exit "$status"
fi
if [ -n "$timeout_s" ] && { [ "$rc" = 124 ] || [ "$rc" = 137 ]; }; then
	echo "$prog: timed out after $timeout_s s (console log: build/vm/last-console.log)" >&2
	exit 124
fi
{
	echo "$prog: VM did not report an exit status (qemu exit code $rc); last console lines:"
	# From just before the first oops/panic line if there is one, else the
	# tail of the log.
	first=$(grep -n -m1 -E 'BUG:|Oops|general protection fault|Kernel panic|Attempted to kill init' "$LOG" | cut -d: -f1 || true)
	if [ -n "$first" ]; then
		tail -n +$((first > 3 ? first - 3 : 1)) "$LOG" | head -n 40
	else
		tail -n 25 "$LOG"
	fi | sed 's/^/    /'
	echo "$prog: full console log: build/vm/last-console.log"
} >&2
exit 125

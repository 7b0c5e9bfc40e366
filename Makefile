# SPDX-License-Identifier: GPL-2.0
#
# mgvt: out-of-tree build of gvt/mgvt.ko and gvt/sim/mgvt_sim.ko, and the
# entry points for people and CI.
#
#   make            build both modules (W=1) against the distribution kernel
#   make demo       install deps, build, boot the host VM, create a vGPU,
#                   start a guest with it and show what the guest sees
#   make check      every test tier; last line "N passed, N failed"
#   make check-debug  the VM suites on a lockdep/KASAN kernel built from the
#                   distribution's source (slow; not part of make check)
#   make bench      benchmarks in the host VM, as side-by-side ratios
#   make fuzz       every fuzz target FUZZ_RUNS times (default 200000)
#   make install    install the modules for KVER (depmod included)
#   make dkms-install  copy the tree to /usr/src/mgvt-<version> and dkms
#                   add, build and install it for KVER (rebuilt by DKMS for
#                   later kernels); make dkms-uninstall removes it
#
# KVER= picks the kernel (default: newest /boot/vmlinuz-* with headers),
# KDIR= overrides the kernel build directory.

KVER ?= $(shell scripts/kver.sh)
KDIR ?= $(firstword $(wildcard /lib/modules/$(KVER)/build /usr/src/linux-headers-$(KVER)))

KBUILD = $(MAKE) -C $(KDIR) M=$(CURDIR) W=1


.PHONY: all modules clean install install-udev deps demo check check-debug unit sparse checkpatch layering \
	bench fuzz \
	vfio-private dkms-install dkms-uninstall

all: modules

# VFIO's private vfio.h for gvt/vfio/container.c, from the matching linux-source.
vfio-private:
	scripts/vfio-private.sh $(KDIR) build/ksrc

modules: vfio-private
	$(KBUILD) modules

sparse: vfio-private
	$(KBUILD) C=2 CF="-D__CHECK_ENDIAN__" modules

clean:
	$(KBUILD) clean
	$(MAKE) -C selftests/unit clean
	$(MAKE) -C selftests/vfio clean
	$(MAKE) -C bench clean
	rm -rf build

install: modules install-udev
	$(KBUILD) modules_install
	depmod -a $(KVER)

# mdevctl's rule with Debian 12's path, so define --auto works (udev/).
install-udev:
	install -D -m 0644 udev/60-mdevctl.rules /etc/udev/rules.d/60-mdevctl.rules
	-udevadm control --reload 2>/dev/null

dkms-install: install-udev
	scripts/dkms.sh install $(KVER)

dkms-uninstall:
	scripts/dkms.sh uninstall

deps:
	scripts/deps.sh

unit:
	$(MAKE) -C selftests/unit run

checkpatch:
	scripts/checkpatch.sh

layering:
	scripts/layering.sh

demo:
	scripts/demo.sh

check:
	scripts/check.sh

check-debug:
	scripts/debug-kernel.sh check

bench:
	KDIR=$(KDIR) scripts/bench.sh

FUZZ_RUNS ?= 200000
fuzz:
	$(MAKE) -C selftests/fuzz run RUNS=$(FUZZ_RUNS)

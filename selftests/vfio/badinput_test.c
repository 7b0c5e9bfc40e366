// SPDX-License-Identifier: GPL-2.0
/*
 * badinput_test - every entry point of a vGPU walked with bad arguments, as
 * a hostile VFIO user would: each VFIO ioctl with short, exact, long and
 * absurd argsz, garbage flags and bad pointers; every region at its
 * boundaries with every access width; SET_IRQS with bad eventfds and
 * index/start/count overflows; sysfs create/remove with junk.  Each gives
 * the documented errno; afterwards the victim vGPU and a bystander still
 * work, the victim logged at most a rate-limited handful of lines, and the
 * per-vGPU error counters moved as they should.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vgpu_lib.h"

#define REG_PLAIN	0x1ff000
#define REG_FUSE2	0x9120		/* read-only golden identity */
#define MAX_LOG_LINES	64		/* a few rate-limited call sites' bursts */

static struct vgpu *victim, *bystander;

/* Both vGPUs still answer: a register round trip and a GGTT entry each. */
static void check_alive(const char *when)
{
	struct vgpu *vs[] = { victim, bystander };

	for (unsigned int i = 0; i < 2; i++) {
		struct vgpu *v = vs[i];
		uint32_t val = 0x5a000000 | (uint32_t)rand() % 0xffffff;
		uint64_t idx = gm_index(v->pv.low_base) + 3;

		mmio_wr(v, REG_PLAIN, 4, val);
		pte_wr(v, idx, 0xabc000 | PTE_VALID);
		tap_ok(mmio_rd(v, REG_PLAIN, 4) == val && pte_rd(v, idx) == (0xabc000 | PTE_VALID),
		       "%s: %s still works (register and GGTT round trip)", when, v->label);
		pte_wr(v, idx, 0);
	}
}

/* Lines of the kernel log since @fd was opened that name @v. */
static unsigned int log_lines(int fd, const struct vgpu *v)
{
	static char log[1 << 16];
	unsigned int n = 0;
	char *p;

	kmsg_collect(fd, log, sizeof(log));
	for (p = strstr(log, v->uuid); p; p = strstr(p + 1, v->uuid))
		n++;
	return n;
}

/* --- ioctls ------------------------------------------------------------ */

struct ioctl_case {
	const char *name;
	unsigned long req;
	uint32_t minsz;
	uint32_t index;		/* written after argsz/flags where the struct has one */
};

static void test_ioctl_argsz(void)
{
	static const struct ioctl_case cases[] = {
		{ "GET_INFO", VFIO_DEVICE_GET_INFO, 16, 0 },
		{ "GET_REGION_INFO", VFIO_DEVICE_GET_REGION_INFO, 32, VFIO_PCI_BAR0_REGION_INDEX },
		{ "GET_IRQ_INFO", VFIO_DEVICE_GET_IRQ_INFO, 16, VFIO_PCI_MSI_IRQ_INDEX },
	};
	static const uint32_t sizes[] = { 0, 1, 7, 0, 0, 4096, 0xffffffff };
	static uint32_t buf[1024];

	for (size_t c = 0; c < ARRAY_SIZE(cases); c++) {
		const struct ioctl_case *ic = &cases[c];
		bool ok = true;

		for (size_t s = 0; s < ARRAY_SIZE(sizes); s++) {
			uint32_t argsz = s == 3 ? ic->minsz - 1 : s == 4 ? ic->minsz : sizes[s];
			int want = argsz < ic->minsz ? EINVAL : 0;
			long ret;

			memset(buf, 0xa5, sizeof(buf));
			buf[0] = argsz;
			buf[1] = 0xffffffff;		/* garbage flags: output only */
			buf[2] = ic->index;
			ret = xioctl(victim->device, ic->req, buf);
			if ((ret < 0 ? -ret : 0) != want) {
				ok = false;
				tap_diag("  %s argsz %u: got %s, want %s", ic->name, argsz,
					 errname(ret < 0 ? (int)-ret : 0), errname(want));
			}
		}
		tap_ok(ok, "victim: %s with argsz 0, 1, 7, minsz-1 (EINVAL), minsz, 4096, 4 GiB-1 (fine)",
		       ic->name);
		check_err(xioctl(victim->device, ic->req, NULL), EFAULT,
			  "victim: %s with a NULL argument fails with EFAULT", ic->name);
		check_err(xioctl(victim->device, ic->req, (void *)16), EFAULT,
			  "victim: %s with an unmapped argument fails with EFAULT", ic->name);
	}
	check_err(xioctl(victim->device, VFIO_DEVICE_RESET, (void *)16), 0,
		  "victim: RESET ignores its argument");
	{
		struct vfio_region_info *ri = (void *)buf;

		memset(buf, 0, sizeof(buf));
		ri->argsz = sizeof(*ri);
		ri->index = VFIO_PCI_BAR2_REGION_INDEX;
		tap_ok(xioctl(victim->device, VFIO_DEVICE_GET_REGION_INFO, ri) == 0 &&
		       ri->argsz > sizeof(*ri) && (ri->flags & VFIO_REGION_INFO_FLAG_CAPS) &&
		       ri->cap_offset == 0,
		       "victim: GET_REGION_INFO(BAR2) with room for no caps asks for more (argsz %u)",
		       ri->argsz);
	}
	for (unsigned long nr = 0; nr < 64; nr++) {
		static const int known[] = { 7, 8, 9, 10, 11 };
		bool is_known = false;
		long ret;

		for (size_t k = 0; k < ARRAY_SIZE(known); k++)
			is_known |= nr == (unsigned long)known[k];
		if (is_known || nr < 7)
			continue;	/* device ioctls are VFIO_BASE + 7..11 */
		ret = xioctl(victim->device, _IO(VFIO_TYPE, VFIO_BASE + nr), buf);
		if (ret >= 0) {
			tap_ok(false, "victim: unknown device ioctl %lu is refused", nr);
			return;
		}
	}
	tap_ok(true, "victim: every unknown device ioctl (VFIO_BASE + 12..63) is refused");
}

/* --- SET_IRQS overflows -------------------------------------------------- */

static void test_set_irqs_overflow(void)
{
	const uint32_t evt = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
	const uint32_t none = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER;
	int32_t fds[4] = { -1, -1, -1, -1 };

	check_err(set_irqs(victim, VFIO_PCI_MSI_IRQ_INDEX, evt, 0xffffffff, 1, fds, 4, 0), EINVAL,
		  "victim: MSI start 0xffffffff count 1 (start + count overflows) fails with EINVAL");
	check_err(set_irqs(victim, VFIO_PCI_MSI_IRQ_INDEX, evt, 1, 0xffffffff, fds, 16, 0), EINVAL,
		  "victim: MSI start 1 count 0xffffffff fails with EINVAL");
	check_err(set_irqs(victim, VFIO_PCI_MSI_IRQ_INDEX, evt, 0, 0x40000000, fds, 16, 0), EINVAL,
		  "victim: MSI count 2^30 (data size overflows argsz) fails with EINVAL");
	check_err(set_irqs(victim, 0xffffffff, none, 0, 0, NULL, 0, 0), EINVAL,
		  "victim: SET_IRQS index 0xffffffff fails with EINVAL");
	check_err(set_irqs(victim, VFIO_PCI_INTX_IRQ_INDEX, none | 0x80000000, 0, 1, NULL, 0, 0),
		  EINVAL, "victim: SET_IRQS with an unknown flag bit fails with EINVAL");
	check_err(set_irqs(victim, VFIO_PCI_MSI_IRQ_INDEX, evt, 0, 1, &(int32_t){ 100000 }, 4, 0),
		  EBADF, "victim: MSI with fd 100000 (not open) fails with EBADF");
	check_err(set_irqs(victim, VFIO_PCI_MSI_IRQ_INDEX, evt, 0, 1, &(int32_t){ -2 }, 4, 0),
		  EINVAL, "victim: MSI with fd -2 fails with EINVAL");
	check_err(set_irqs(victim, VFIO_PCI_MSI_IRQ_INDEX, evt, 0, 1, &(int32_t){ -1 }, 4, 0), 0,
		  "victim: MSI with fd -1 (tear down) succeeds");
}

/* --- regions at their boundaries ------------------------------------------ */

static void test_region_matrix(void)
{
	static const unsigned int widths[] = { 1, 2, 3, 4, 7, 8, 16, 4096 };
	static uint8_t buf[4096];
	const unsigned int indexes[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0xffffff };

	for (size_t r = 0; r < ARRAY_SIZE(indexes); r++) {
		struct vfio_region_info *ri = indexes[r] < 0xffffff ?
					      region_info(victim, indexes[r]) : NULL;
		uint64_t size = ri ? ri->size : 0;
		/*
		 * The display region and the OpRegion (after the PCI ones) are
		 * read-only; the EDID region's writes have meanings of their own
		 * (read-only fields refused with EINVAL, the EDID with EBUSY while
		 * the link is up): inside it, a write gives the data or one of them.
		 */
		bool writable = ri && (ri->flags & VFIO_REGION_INFO_FLAG_WRITE);
		bool device_specific = indexes[r] >= VFIO_PCI_NUM_REGIONS;
		const uint64_t offs[] = { 0, size - 8, size - 1, size, size + 1,
					  ((uint64_t)1 << 40) - 1 };
		unsigned int bad = 0, total = 0;

		free(ri);
		for (int write = 0; write < 2; write++)
			for (size_t o = 0; o < ARRAY_SIZE(offs); o++)
				for (size_t w = 0; w < ARRAY_SIZE(widths); w++) {
					uint64_t off = offs[o];
					bool inside = size && off < size && widths[w] <= size - off &&
						      (!write || writable);
					ssize_t ret;

					if (off >= (uint64_t)1 << 40)
						continue;
					memset(buf, 0, sizeof(buf));
					/* Writes keep the BAR0 registers sane: zeros only. */
					ret = region_rw(victim, write, indexes[r], off, buf, widths[w]);
					total++;
					if (inside && write && device_specific &&
					    (ret == -EINVAL || ret == -EBUSY))
						continue;
					if (inside ? ret != (ssize_t)widths[w] : ret != -EINVAL) {
						bad++;
						tap_diag("  region %u %s %u at %#llx: got %zd",
							 indexes[r], write ? "write" : "read",
							 widths[w], (unsigned long long)off, ret);
					}
				}
		tap_ok(!bad, "victim: region %u (%llu bytes): %u reads and writes at the boundaries give the data or EINVAL",
		       indexes[r], (unsigned long long)size, total);
	}
	check_err(map_bar2_errno(victim, 0, 4096, MAP_SHARED), EINVAL,
		  "victim: mmap of BAR2 outside the slice fails with EINVAL");
	{
		void *p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, victim->device,
			       region_offset(VFIO_PCI_BAR0_REGION_INDEX));

		tap_ok(p == MAP_FAILED, "victim: mmap of BAR0 (trapped) is refused");
		if (p != MAP_FAILED)
			munmap(p, 4096);
	}
}

/* --- sysfs --------------------------------------------------------------- */

static void test_sysfs_junk(void)
{
	static const char *const junk_create[] = {
		" ", "1", "x", "00000000-0000-0000-0000-00000000000g",
		"00000000-0000-0000-0000-000000000000-extra-junk-that-is-too-long",
	};
	char big[8192];
	bool ok = true;

	for (size_t i = 0; i < ARRAY_SIZE(junk_create); i++) {
		int ret = mdev_create(victim->type, junk_create[i]);

		if (ret != -EINVAL) {
			ok = false;
			tap_diag("  create \"%s\": %s", junk_create[i], errname(-ret));
		}
	}
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	ok &= mdev_create(victim->type, big) < 0;
	tap_ok(ok, "create with empty, short, non-hex, overlong and 8 KiB strings fails with EINVAL");
	check_err(sysfs_write(victim->remove_path, "0"), 0,
		  "victim: remove with \"0\" is accepted and does nothing");
	tap_ok(path_exists(victim->dir), "victim: ... it still exists");
	check_err(sysfs_write(victim->remove_path, "abc"), EINVAL,
		  "victim: remove with \"abc\" fails with EINVAL");
	tap_ok(sysfs_write(fmt("%s/available_instances", type_dir(victim->type)), "5") < 0,
	       "writing the read-only available_instances fails");
	tap_ok(sysfs_write(fmt("%s/mdev_type/name", victim->dir), "x") < 0,
	       "writing the vGPU's read-only type name fails");
}

/* --- counters ------------------------------------------------------------ */

static long bystander_errors(void)
{
	return vgpu_counter(bystander, "dropped_writes") + vgpu_counter(bystander, "pte_refused") +
	       vgpu_counter(bystander, "pte_dropped") + vgpu_counter(bystander, "pin_failures");
}

static void test_counters(void)
{
	long others = bystander_errors();
	long dropped = vgpu_counter(victim, "dropped_writes");
	long refused = vgpu_counter(victim, "pte_refused");
	long outside = vgpu_counter(victim, "pte_dropped");
	long fails = vgpu_counter(victim, "pin_failures");
	long resets = vgpu_counter(victim, "resets");
	uint64_t idx = gm_index(victim->pv.low_base) + 1;

	mmio_wr(victim, REG_FUSE2, 4, 0);
	check_eq(vgpu_counter(victim, "dropped_writes"), dropped + 1,
		 "victim: a write to read-only FUSE2 is counted in dropped_writes");
	mmio_wr(victim, GGTT_BASE + 8 * idx, 2, 0x1234);
	check_eq(vgpu_counter(victim, "pte_refused"), refused + 1,
		 "victim: a 2-byte GGTT write is counted in pte_refused");
	pte_wr(victim, 0, 0x1000 | PTE_VALID);
	check_eq(vgpu_counter(victim, "pte_dropped"), outside + 1,
		 "victim: a GGTT write outside its slices is counted in pte_dropped");
	pte_wr(victim, idx, (1ull << 30) | PTE_VALID);	/* nothing mapped there */
	check_eq(vgpu_counter(victim, "pin_failures"), fails + 1,
		 "victim: a GGTT entry to unmapped guest memory is counted in pin_failures");
	xioctl(victim->device, VFIO_DEVICE_RESET, NULL);
	check_eq(vgpu_counter(victim, "resets"), resets + 1, "victim: a reset is counted");
	check_eq(bystander_errors(), others,
		 "bystander: none of the victim's errors counted against it");
}

int main(int argc, char **argv)
{
	int ret;
	struct {
		const char *name;
		void (*fn)(void);
	} steps[] = {
		{ "ioctl argsz and pointers", test_ioctl_argsz },
		{ "SET_IRQS overflows", test_set_irqs_overflow },
		{ "region boundaries", test_region_matrix },
		{ "sysfs junk", test_sysfs_junk },
		{ "error counters", test_counters },
	};

	ret = simple_program_start(argc, argv, 300);
	if (ret >= 0)
		return ret;
	victim = vgpu_new("victim", find_type("GVTg_V5_8"));
	bystander = vgpu_new("bystander", find_type("GVTg_V5_8"));
	if (!victim || !bystander || vgpu_create(victim) || vgpu_create(bystander) ||
	    !vfio_open(victim, false) || !vfio_open(bystander, false) || !read_pvinfo(victim) ||
	    !read_pvinfo(bystander)) {
		tap_bail("could not create and open two vGPUs");
		cleanup_all();
		return tap_finish();
	}
	for (size_t i = 0; i < ARRAY_SIZE(steps); i++) {
		int kfd = kmsg_open();
		unsigned int lines;

		steps[i].fn();
		lines = log_lines(kfd, victim);
		close(kfd);
		tap_ok(lines <= MAX_LOG_LINES,
		       "%s: the victim logged %u lines (at most %u: rate-limited per message)",
		       steps[i].name, lines, MAX_LOG_LINES);
		check_alive(steps[i].name);
	}
	cleanup_all();
	return tap_finish();
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vgpu_lib.h - generic helpers for mgvt's VFIO-level test programs
 * (sysfs_test, ggtt_test, ...): the vGPU types and the GM arithmetic, sysfs, the parent
 * device, vGPU bookkeeping with emergency cleanup, VFIO access and the
 * kernel log. Link the program with vgpu_lib.c.
 *
 * TAP: tap.h keeps its result counter in a static per translation unit, so
 * the helpers that print numbered results (check_eq, check_err, step,
 * vfio_open, create_and_check, ...) are static inline here and count in the
 * calling program's stream; vgpu_lib.c itself only prints diagnostics and
 * bail-outs.
 */
#ifndef MGVT_SELFTEST_VGPU_LIB_H
#define MGVT_SELFTEST_VGPU_LIB_H

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <sys/types.h>

#include <linux/vfio.h>

#include "tap.h"

#define MiB ((uint64_t)1 << 20)
#define GiB ((uint64_t)1 << 30)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------- */
/* The vGPU types and the aperture                                            */
/* ------------------------------------------------------------------------- */

#define TYPE_PREFIX	"mgvt-"
#define DEFAULT_APERTURE_MB	1024

struct vgpu_type {
	const char *name;		/* without TYPE_PREFIX */
	unsigned int low_mb, high_mb, fences;
	const char *resolution;
	unsigned int weight;
};

#define NR_VGPU_TYPES	6	/* entries in vgpu_types[] */

/* Every type mgvt registers, in the order of the table in vgpu_lib.c. */
extern const struct vgpu_type vgpu_types[NR_VGPU_TYPES];

/* Aperture size: DEFAULT_APERTURE_MB until read_aperture() reads mgvt_sim's. */
extern uint64_t aperture;

struct gm_usage {
	uint64_t low, high;
	unsigned int fences;
};

/* GM and fences held by the vGPUs this program created and still has. */
extern struct gm_usage used;

/* Low (mappable) GM size of one @t, in bytes. */
uint64_t type_low(const struct vgpu_type *t);
/* High (non-mappable) GM size of one @t, in bytes. */
uint64_t type_high(const struct vgpu_type *t);
/* Add (@sign +1) or take away (-1) one @t's share in used. */
void usage_add(const struct vgpu_type *t, int sign);
/* The type called @name (with or without TYPE_PREFIX), or NULL. */
const struct vgpu_type *find_type(const char *name);
/* The type named by argv[@i] (or @dflt without it); bails out and exits if unknown. */
const struct vgpu_type *type_arg(int argc, char **argv, int i, const char *dflt);

/* The GM and fences of the pGPU, and the host's share of them. */
#define GM_TOTAL		(4 * GiB)
#define HOST_LOW_GM		(128 * MiB)
#define HOST_HIGH_GM		(384 * MiB)
#define FENCES_TOTAL		32
#define HOST_FENCES		4

/* Low GM, high GM and fences left next to the host's share and @u. */
uint64_t free_low(const struct gm_usage *u);
uint64_t free_high(const struct gm_usage *u);
unsigned int free_fences(const struct gm_usage *u);
/* How many more of @t fit, assuming the free space of each resource is one block. */
long fit_count(const struct vgpu_type *t, const struct gm_usage *u);
/* A type is registered only if one instance fits next to the host's share. */
bool type_expected(const struct vgpu_type *t);

/* ------------------------------------------------------------------------- */
/* Small helpers: formatting, errno names, checks                             */
/* ------------------------------------------------------------------------- */

/* printf into one of a few rotating static buffers: for building paths inline. */
__attribute__((format(printf, 1, 2))) const char *fmt(const char *f, ...);
/* Symbolic name of errno value @err ("EINVAL"), "success" for 0. */
const char *errname(int err);
/* ioctl() that returns 0/positive or -errno. */
long xioctl(int fd, unsigned long req, void *arg);

/* One TAP line: got == want; print both on mismatch. */
static inline __attribute__((format(printf, 3, 4)))
bool check_eq(uint64_t got, uint64_t want, const char *f, ...)
{
	char desc[512];
	va_list ap;
	bool ok = got == want;

	va_start(ap, f);
	vsnprintf(desc, sizeof(desc), f, ap);
	va_end(ap);
	tap_ok(ok, "%s", desc);
	if (!ok)
		tap_diag("  got 0x%" PRIx64 " (%" PRIu64 "), expected 0x%" PRIx64 " (%" PRIu64 ")",
			 got, got, want, want);
	return ok;
}

/*
 * One TAP line: an operation that returned @ret (>= 0 success, else -errno)
 * should have ended with @want_errno (0 = success).
 */
static inline __attribute__((format(printf, 3, 4)))
bool check_err(long ret, int want_errno, const char *f, ...)
{
	int got = ret < 0 ? (int)-ret : 0;
	char desc[512];
	va_list ap;
	bool ok = got == want_errno;

	va_start(ap, f);
	vsnprintf(desc, sizeof(desc), f, ap);
	va_end(ap);
	tap_ok(ok, "%s", desc);
	if (!ok)
		tap_diag("  got %s, expected %s", errname(got), errname(want_errno));
	return ok;
}

/* ------------------------------------------------------------------------- */
/* sysfs                                                                      */
/* ------------------------------------------------------------------------- */

/* Read a whole attribute into @buf (NUL-terminated). Returns length or -errno. */
int sysfs_read(const char *path, char *buf, size_t size);
/* Like sysfs_read, without the trailing newline. */
int sysfs_read_line(const char *path, char *buf, size_t size);
/* Attribute holding a bare decimal integer; -1 if unreadable or malformed. */
long sysfs_read_long(const char *path);
/* Write @val in one write(). Returns 0 or -errno. Async-signal-safe. */
int sysfs_write(const char *path, const char *val);
/* Whether @path exists (without following a final symlink). */
bool path_exists(const char *path);
/* Basename of a symlink's target, or "" if it is not a symlink. */
const char *link_basename(const char *path);
/* A fresh random UUID string from the kernel into @out; 0 or -EIO. */
int new_uuid(char out[37]);
/* Number of entries in a directory (without . and ..); -1 if unreadable. */
int dir_entries(const char *path);

/* ------------------------------------------------------------------------- */
/* The parent device and its mdev types                                       */
/* ------------------------------------------------------------------------- */

/* Sysfs directory of the parent device, set by find_parent(). */
extern char parent[PATH_MAX];

/* The parent's mdev_supported_types directory of @t. */
const char *type_dir(const struct vgpu_type *t);
/* available_instances of @t; -1 if unreadable. */
long available(const struct vgpu_type *t);
/* The PCI function bound to the "mgvt" driver that registered mdev types (or $MGVT_PARENT). */
bool find_parent(void);
/* Set aperture from mgvt_sim's aperture_mb parameter (or keep the default); say which. */
void read_aperture(void);

/* ------------------------------------------------------------------------- */
/* vGPU bookkeeping (and emergency cleanup)                                   */
/* ------------------------------------------------------------------------- */

struct pvinfo {
	uint32_t vgt_id;
	uint32_t low_base, low_size, high_base, high_size, fences;
};

struct vgpu {
	const char *label;		/* "A", "B", ... for test descriptions */
	const struct vgpu_type *type;
	char uuid[37];
	char dir[64];			/* /sys/bus/mdev/devices/UUID */
	char remove_path[80];
	bool exists;			/* created by us and not removed yet */
	int group_id;
	int container, group, device;	/* -1 when closed */
	bool pv_valid;
	struct pvinfo pv;
};

#define MAX_VGPUS 64

/* A new, closed, not yet created vGPU slot of type @t; NULL when all are used. */
struct vgpu *vgpu_new(const char *label, const struct vgpu_type *t);
/* Close @v's device, group and container fds. */
void vfio_close(struct vgpu *v);
/* Close everything and remove every vGPU we still own. Async-signal-safe. */
void cleanup_all(void);
/* Signal handler: bail out, clean up, exit with status 2. */
void on_fatal_signal(int sig);
/* Write @uuid to @t's create attribute. Returns 0 or -errno. */
int mdev_create(const struct vgpu_type *t, const char *uuid);
/* Set @v's uuid and the sysfs paths that follow from it. */
void vgpu_set_uuid(struct vgpu *v, const char *uuid);
/* Create @v with a fresh UUID; returns 0 or -errno. Tracks GM usage. */
int vgpu_create(struct vgpu *v);
/* Remove @v through sysfs; returns 0 or -errno. Tracks GM usage. */
int vgpu_remove(struct vgpu *v);

/* ------------------------------------------------------------------------- */
/* VFIO: open, region access, info queries                                    */
/* ------------------------------------------------------------------------- */

/* Report one open step as a TAP line (verbose) or only a diagnostic on failure. */
static inline bool step(bool verbose, bool ok, const char *what, const struct vgpu *v)
{
	if (verbose)
		tap_ok(ok, "%s: %s", v->label, what);
	else if (!ok)
		tap_diag("%s: %s failed: %s", v->label, what, strerror(errno));
	return ok;
}

/* Container + TYPE1v2 IOMMU + group + device fd. Returns true on success. */
static inline bool vfio_open(struct vgpu *v, bool verbose)
{
	struct vfio_group_status status = { .argsz = sizeof(status) };
	int fd;

	v->container = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
	if (!step(verbose, v->container >= 0, "open /dev/vfio/vfio", v))
		return false;
	if (!step(verbose, ioctl(v->container, VFIO_GET_API_VERSION) == VFIO_API_VERSION,
		  "container reports VFIO_API_VERSION", v))
		return false;
	if (!step(verbose, ioctl(v->container, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) > 0,
		  "container supports VFIO_TYPE1v2_IOMMU", v))
		return false;
	v->group = open(fmt("/dev/vfio/%d", v->group_id), O_RDWR | O_CLOEXEC);
	if (!step(verbose, v->group >= 0, fmt("open /dev/vfio/%d", v->group_id), v))
		return false;
	if (!step(verbose, ioctl(v->group, VFIO_GROUP_GET_STATUS, &status) == 0 &&
		  (status.flags & VFIO_GROUP_FLAGS_VIABLE), "group is viable", v))
		return false;
	if (!step(verbose, ioctl(v->group, VFIO_GROUP_SET_CONTAINER, &v->container) == 0,
		  "VFIO_GROUP_SET_CONTAINER", v))
		return false;
	if (!step(verbose, ioctl(v->container, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU) == 0,
		  "VFIO_SET_IOMMU(TYPE1v2)", v))
		return false;
	fd = ioctl(v->group, VFIO_GROUP_GET_DEVICE_FD, v->uuid);
	v->device = fd;
	return step(verbose, fd >= 0, "VFIO_GROUP_GET_DEVICE_FD(uuid)", v);
}

/* File offset of VFIO region @index on the device fd. */
off_t region_offset(unsigned int index);
/* pread/pwrite on a region. Returns the byte count or -errno. */
ssize_t region_rw(const struct vgpu *v, bool write, unsigned int index,
		  uint64_t off, void *buf, size_t len);
/* Read 1, 2, 4 or 8 bytes (little-endian). Returns 0, -errno, or -EIO if short. */
int reg_read(const struct vgpu *v, unsigned int index, uint64_t off, size_t len,
	     uint64_t *val);
/* Write 1, 2, 4 or 8 bytes (little-endian). Returns 0, -errno, or -EIO if short. */
int reg_write(const struct vgpu *v, unsigned int index, uint64_t off, size_t len,
	      uint64_t val);
/* Any region, @len bytes at @off; all-ones on failure. */
uint64_t region_rd(const struct vgpu *v, unsigned int index, uint64_t off, size_t len);
/* Config space read; all-ones on failure so checks fail loudly. */
uint64_t cfg_rd(const struct vgpu *v, uint64_t off, size_t len);
/* Config space write; 0 or -errno. */
int cfg_wr(const struct vgpu *v, uint64_t off, size_t len, uint64_t val);
/* BAR0 (MMIO) read; all-ones on failure so checks fail loudly. */
uint64_t mmio_rd(const struct vgpu *v, uint64_t off, size_t len);
/* BAR0 (MMIO) write; 0 or -errno. */
int mmio_wr(const struct vgpu *v, uint64_t off, size_t len, uint64_t val);
/* VFIO_DEVICE_GET_REGION_INFO with its caps: a malloc'd buffer, or NULL with errno set. */
struct vfio_region_info *region_info(const struct vgpu *v, unsigned int index);
/* Find capability @id in a region info's chain (bounds- and loop-checked). */
const struct vfio_info_cap_header *region_cap(const struct vfio_region_info *ri,
					      uint16_t id);
/* VFIO_DEVICE_GET_IRQ_INFO for @index into @ii. Returns 0 or -errno. */
int irq_info(const struct vgpu *v, unsigned int index, struct vfio_irq_info *ii);
/* VFIO_DEVICE_SET_IRQS with @datalen bytes of payload; @argsz 0 = honest size. 0 or -errno. */
int set_irqs(const struct vgpu *v, uint32_t index, uint32_t flags, uint32_t start,
	     uint32_t count, const void *data, size_t datalen, uint32_t argsz);
/* SET_IRQS of one eventfd @efd (or -1) with @action for vector 0 of @index. */
int set_irq_eventfd(const struct vgpu *v, uint32_t index, uint32_t action, int32_t efd);
/* Wait up to @ms for @fd to become readable. */
bool wait_readable(int fd, int ms);
/* Read @fd (non-blocking eventfd) until it is empty. */
void drain_eventfd(int fd);

/*
 * Common start of a test program, after tap_header(): fatal signals and an
 * alarm ($MGVT_TEST_TIMEOUT seconds, else @default_timeout) clean up; must be root;
 * finds the parent (one TAP line) and the aperture size.  False after a
 * bail-out: return tap_finish() (or EXIT_FAILURE when not root).
 */
static inline bool program_start(unsigned int default_timeout)
{
	const char *tmo = getenv("MGVT_TEST_TIMEOUT");
	struct sigaction sa = { .sa_handler = on_fatal_signal };

	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	alarm(tmo ? (unsigned int)atoi(tmo) : default_timeout);

	if (geteuid() != 0) {
		tap_bail("must run as root");
		return false;
	}
	if (!tap_ok(find_parent(), "mgvt parent device with mdev_supported_types found")) {
		tap_bail("no mgvt parent: are mgvt.ko and mgvt_sim.ko loaded?");
		return false;
	}
	tap_diag("parent: %s", parent);
	read_aperture();
	return true;
}

/*
 * The whole start of a test program that takes no arguments: the TAP
 * header, a usage line for stray arguments, then program_start().  Returns
 * -1 to go on, else the status main() should return.
 */
static inline int simple_program_start(int argc, char **argv, unsigned int default_timeout)
{
	tap_header();
	if (argc > 1) {
		fprintf(stderr, "usage: %s\n", argv[0]);
		return 2;
	}
	if (!program_start(default_timeout))
		return geteuid() ? EXIT_FAILURE : tap_finish();
	return -1;
}

/*
 * Checked steps around the tests of a program: a parent without vGPUs,
 * available_instances, the sysfs view of a new vGPU, and the start and end
 * of a program on two vGPUs A and B.
 */

/* One TAP line: no vGPU of any type exists on the parent (@when: "before the test"). */
static inline bool check_no_vgpus(const char *when)
{
	int total = 0;

	for (size_t i = 0; i < ARRAY_SIZE(vgpu_types); i++) {
		int n = dir_entries(fmt("%s/devices", type_dir(&vgpu_types[i])));

		if (n > 0) {
			tap_diag("  %d vGPU(s) of %s already exist", n, vgpu_types[i].name);
			total += n;
		}
	}
	return tap_ok(total == 0, "no vGPUs exist on the parent %s", when);
}

/* One TAP line: every registered type's available_instances equals what still fits. */
static inline void check_all_available(const char *when_)
{
	char got[256] = "", want[256] = "", when[128];
	bool ok = true;

	snprintf(when, sizeof(when), "%s", when_);	/* may live in a fmt() buffer */

	for (size_t i = 0; i < ARRAY_SIZE(vgpu_types); i++) {
		const struct vgpu_type *t = &vgpu_types[i];
		long a, w;

		if (!type_expected(t))
			continue;
		a = available(t);
		w = fit_count(t, &used);
		ok &= a == w;
		snprintf(got + strlen(got), sizeof(got) - strlen(got), " %s=%ld", t->name, a);
		snprintf(want + strlen(want), sizeof(want) - strlen(want), " %s=%ld", t->name, w);
	}
	tap_ok(ok, "available_instances of every type %s", when);
	if (!ok)
		tap_diag("  got:%s\n#   expected:%s", got, want);
}

/* Sysfs view of one freshly created mdev. */
static inline void check_mdev_sysfs(struct vgpu *v)
{
	const char *type_link = link_basename(fmt("%s/mdev_type", v->dir));
	char buf[64];

	tap_ok(path_exists(v->dir), "%s: %s exists", v->label, v->dir);
	tap_ok(path_exists(v->remove_path), "%s: has a remove attribute", v->label);
	tap_ok(!strcmp(type_link, fmt(TYPE_PREFIX "%s", v->type->name)),
	       "%s: mdev_type links to %s%s", v->label, TYPE_PREFIX, v->type->name);
	tap_ok(v->group_id >= 0 && path_exists(fmt("/dev/vfio/%d", v->group_id)),
	       "%s: iommu_group link names /dev/vfio/%d", v->label, v->group_id);
	tap_ok(path_exists(fmt("%s/devices/%s", type_dir(v->type), v->uuid)),
	       "%s: listed in its type's devices/", v->label);
	tap_ok(sysfs_read_line(fmt("%s/mgvt/vgpu_id", v->dir), buf, sizeof(buf)) > 0 &&
	       sysfs_read_long(fmt("%s/mgvt/vgpu_id", v->dir)) >= 0,
	       "%s: mgvt/vgpu_id is an integer (%s)", v->label, buf);
}

/*
 * Create vGPU @label of type @t, then check its sysfs view and every type's
 * available_instances. NULL if it could not be created.
 */
static inline struct vgpu *create_and_check(const char *label, const struct vgpu_type *t)
{
	struct vgpu *v = vgpu_new(label, t);

	if (!v)
		return NULL;
	if (!check_err(vgpu_create(v), 0, "create vGPU %s of type %s%s (uuid %s)",
		       label, TYPE_PREFIX, t->name, v->uuid))
		return NULL;
	check_mdev_sysfs(v);
	check_all_available(fmt("after creating %s", label));
	return v;
}

/*
 * The start of a program on two vGPUs A and B: the TAP header, the optional
 * arguments [TYPE_A [TYPE_B]] (default mgvt-GVTg_V5_4 and mgvt-GVTg_V5_8)
 * into @ta and @tb, program_start() and a parent without vGPUs (one TAP
 * line).  Returns -1 to go on, else the status main() should return.
 */
static inline int pair_program_start(int argc, char **argv, const struct vgpu_type **ta,
				     const struct vgpu_type **tb)
{
	tap_header();
	if (argc > 3 || (argc > 1 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: %s [TYPE_A [TYPE_B]]\n", argv[0]);
		return 2;
	}
	*ta = type_arg(argc, argv, 1, TYPE_PREFIX "GVTg_V5_4");
	*tb = type_arg(argc, argv, 2, TYPE_PREFIX "GVTg_V5_8");

	if (!program_start(300))
		return geteuid() ? EXIT_FAILURE : tap_finish();
	check_no_vgpus("before the test");
	return -1;
}

/*
 * create_and_check() vGPU A of @ta, then B of @tb.  False after a bail-out
 * if either could not be created: then cleanup_all() and return tap_finish().
 */
static inline bool create_pair(const struct vgpu_type *ta, const struct vgpu_type *tb,
			       struct vgpu **a, struct vgpu **b)
{
	*a = create_and_check("A", ta);
	*b = *a ? create_and_check("B", tb) : NULL;
	if (!*a || !*b) {
		tap_bail("could not create two vGPUs");
		return false;
	}
	return true;
}

/*
 * create_pair(), then open A and B and run @each on every one that opened
 * (a skip naming @what for one that did not), setting *@a_open and
 * *@b_open.  False as create_pair(), everything cleaned up: then return
 * tap_finish().
 */
static inline bool open_pair_each(const struct vgpu_type *ta, const struct vgpu_type *tb,
				  struct vgpu **a, struct vgpu **b, bool *a_open, bool *b_open,
				  void (*each)(struct vgpu *v), const char *what)
{
	if (!create_pair(ta, tb, a, b)) {
		cleanup_all();
		return false;
	}
	*a_open = vfio_open(*a, true);
	*b_open = vfio_open(*b, true);
	if (*a_open)
		each(*a);
	else
		tap_skip("A did not open", "A: %s", what);
	if (*b_open)
		each(*b);
	else
		tap_skip("B did not open", "B: %s", what);
	return true;
}

/* A program's two vGPUs, their types and whether each opened. */
struct vgpu_pair {
	const struct vgpu_type *ta, *tb;
	struct vgpu *a, *b;
	bool a_open, b_open;
};

/*
 * The start of a program on two vGPUs: pair_program_start(), @before (if
 * not NULL) while the parent has no vGPU yet, then open_pair_each() with
 * @each and @what.  Returns -1 to go on with @p filled in, else the status
 * main() should return.
 */
static inline int pair_main(int argc, char **argv, struct vgpu_pair *p, void (*before)(void),
			    void (*each)(struct vgpu *v), const char *what)
{
	int ret;

	memset(p, 0, sizeof(*p));
	ret = pair_program_start(argc, argv, &p->ta, &p->tb);
	if (ret >= 0)
		return ret;
	if (before)
		before();
	if (!open_pair_each(p->ta, p->tb, &p->a, &p->b, &p->a_open, &p->b_open, each, what))
		return tap_finish();
	return -1;
}

/*
 * The end of a program: close and remove every vGPU it still has, check
 * that none is left on the parent (one TAP line), print the totals.
 * Returns the status main() should return.
 */
static inline int program_finish(void)
{
	cleanup_all();
	check_no_vgpus("after the test");
	return tap_finish();
}

/* ------------------------------------------------------------------------- */
/* The vGPU's PCI device                                                      */
/* ------------------------------------------------------------------------- */

#define CFG_SIZE		4096
#define BAR0_SIZE		(16 * MiB)
#define CFG_ASLS		0xfc	/* ASL storage (OpRegion GPA) */

#define NR_PLAIN_REGS		2	/* entries in plain_regs[] */

/* Plain registers in the 2 MiB MMIO file with no handler behind them. */
extern const uint32_t plain_regs[NR_PLAIN_REGS];

/* ------------------------------------------------------------------------- */
/* PVINFO and BAR2                                                            */
/* ------------------------------------------------------------------------- */

/* PVINFO page of BAR0, as a GVT-g guest reads it. */
#define PVINFO			0x78000
#define PV_MAGIC		(PVINFO + 0x00)
#define PV_VERSION_MAJOR	(PVINFO + 0x08)
#define PV_VERSION_MINOR	(PVINFO + 0x0a)
#define PV_VGT_ID		(PVINFO + 0x0c)
#define PV_CAPS			(PVINFO + 0x10)
#define PV_MAPPABLE_BASE	(PVINFO + 0x40)
#define PV_MAPPABLE_SIZE	(PVINFO + 0x44)
#define PV_HIDDEN_BASE		(PVINFO + 0x48)
#define PV_HIDDEN_SIZE		(PVINFO + 0x4c)
#define PV_FENCE_NUM		(PVINFO + 0x50)
#define PV_INFO_END		(PVINFO + 0x800)	/* read-only info half */
#define VGT_MAGIC		0x4776544776544776ULL
#define VGT_CAPS_FULL_PPGTT	(1u << 2)
#define VGT_CAPS_HWSP_EMULATION	(1u << 3)
#define VGT_CAPS_HUGE_GTT	(1u << 4)

/* Read @v's PVINFO slice and fence numbers into v->pv; true if the magic is right. */
bool read_pvinfo(struct vgpu *v);
/* mmap @len bytes of BAR2 at @off; returns MAP_FAILED with errno on refusal. */
void *map_bar2(const struct vgpu *v, uint64_t off, size_t len, int flags);
/* map_bar2 then munmap: 0 or -errno. */
int map_bar2_errno(const struct vgpu *v, uint64_t off, size_t len, int flags);
/* BAR2 read through the region; all-ones on failure. */
uint64_t bar2_rd(const struct vgpu *v, uint64_t off, size_t len);
/* BAR2 write through the region; 0 or -errno. */
int bar2_wr(const struct vgpu *v, uint64_t off, size_t len, uint64_t val);

/* ------------------------------------------------------------------------- */
/* Guest memory, the GGTT, debugfs                                            */
/* ------------------------------------------------------------------------- */

#define PAGE		4096u
#define GGTT_BASE	(8 * MiB)		/* GGTT entries in BAR0 */
#define PTE_VALID	1ull

/* Anonymous memory a test maps into a container as guest memory. */
struct guest_mem {
	uint8_t *va;
	uint64_t iova;
	size_t len;
};

/* @pages pages at IOVA @iova, each filled with its own pattern from @tag. */
bool guest_mem_alloc(struct guest_mem *m, uint64_t iova, unsigned int pages, uint32_t tag);
/* VFIO_IOMMU_MAP_DMA of @m into @v's container; 0 or -errno. */
int dma_map(const struct vgpu *v, struct guest_mem *m);
/* VFIO_IOMMU_UNMAP_DMA; 0 or -errno. */
int dma_unmap(const struct vgpu *v, uint64_t iova, size_t len);
/* Address of page @page of @m. */
uint8_t *mem_page(const struct guest_mem *m, unsigned int page);
/* A valid GGTT entry naming page @page of @m. */
uint64_t pte_to(const struct guest_mem *m, unsigned int page);
/* GGTT entry index of GM address @gm. */
uint64_t gm_index(uint64_t gm);
/* Write / read GGTT entry @index of @v (8 bytes through BAR0). */
int pte_wr(const struct vgpu *v, uint64_t index, uint64_t pte);
uint64_t pte_rd(const struct vgpu *v, uint64_t index);
/* /sys/kernel/debug/MODULE/<parent>/[SUB/]FILE */
const char *dbg_path(const char *module, const char *sub, const char *file);
/* One of @v's debugfs counters; -1 if it cannot be read. */
long vgpu_counter(const struct vgpu *v, const char *name);
/* Value of line "@name N" of @v's debugfs file @file; -1 if unreadable. */
long vgpu_debugfs_value(const struct vgpu *v, const char *file, const char *name);
/* Line "@name N" of mgvt_sim's debugfs "strict"; -1 if unreadable. */
long sim_strict(const char *name);

/* DP AUX channel @p (0 = A) of the virtual display. */
#define AUX_CTL(p)	(0x64010u + 0x100u * (p))
#define AUX_DATA(p, i)	(0x64014u + 0x100u * (p) + 4u * (i))
#define AUX_BUSY	(1u << 31)
#define AUX_DONE	(1u << 30)
#define AUX_TIMEOUT	(1u << 28)
#define AUX_RXERR	(1u << 25)
#define AUX_SIZE(v)	(((v) >> 20) & 0x1f)
/* What i915 writes on Skylake besides the size: busy, status to clear, timing. */
#define AUX_SEND	(AUX_BUSY | AUX_DONE | (1u << 29) | AUX_TIMEOUT | (3u << 26) | \
			 AUX_RXERR | (31u << 5) | 31u)
/*
 * One AUX transaction on channel @port as i915 runs it: @len bytes of @tx
 * big-endian in the data registers, the control register written with the
 * size, the status read, then cleared.  Returns the status; @rx (20 bytes)
 * gets the reply.
 */
uint32_t aux_xfer(const struct vgpu *v, unsigned int port, const uint8_t *tx,
		  unsigned int len, uint8_t *rx);
/* One line of mgvt's module-wide debugfs "stats"; -1 if it cannot be read. */
long mgvt_stat(const char *name);
/* The pGPU's GGTT entry @index, from mgvt_sim's debugfs; ~0 on failure. */
uint64_t sim_pte(uint64_t index);
/* Pages mgvt has DMA-mapped on mgvt_sim. */
long sim_dma_mapped(void);
/* VmLck of this process in kB (pages pinned through VFIO count there). */
long vm_locked_kb(void);
/* Monotonic time in seconds. */
double now_s(void);

/*
 * Removal of @v through sysfs in a thread of its own: it blocks while the
 * device is open (the kernel sends REQ and waits for the user).
 */
struct bg_remove {
	struct vgpu *v;
	pthread_t tid;
	int result;		/* of the remove write, once done */
	int done_efd;		/* readable when the write returned */
};

/* Start removing @v in the background; 0 or -errno. */
int bg_remove_start(struct bg_remove *r, struct vgpu *v);
/*
 * Wait up to @ms for the removal; true once it finished (the thread is then
 * joined and, on success, @v no longer exists).
 */
bool bg_remove_wait(struct bg_remove *r, int ms);

/* A 32-bit load that the compiler keeps. */
static inline uint32_t word(const void *p)
{
	return *(const volatile uint32_t *)p;
}

/* ------------------------------------------------------------------------- */
/* Kernel log                                                                 */
/* ------------------------------------------------------------------------- */

/* /dev/kmsg positioned at the end: later reads return only new records. */
int kmsg_open(void);
/* Message text of every record since kmsg_open(), one per line. */
void kmsg_collect(int fd, char *out, size_t size);

#endif /* MGVT_SELFTEST_VGPU_LIB_H */

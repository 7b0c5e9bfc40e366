// SPDX-License-Identifier: GPL-2.0
/*
 * vgpu_lib.c - the generic part of mgvt's VFIO-level test programs: the vGPU
 * types, sysfs and mdev handling, the parent device, vGPU bookkeeping with
 * emergency cleanup, VFIO region/irq access and the kernel log. See
 * vgpu_lib.h for what it exports.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/types.h>
#include <unistd.h>

#include <linux/vfio.h>

#include "vgpu_lib.h"

/* ------------------------------------------------------------------------- */
/* The vGPU types                                                             */
/* ------------------------------------------------------------------------- */

/* One entry per type; keep NR_VGPU_TYPES in vgpu_lib.h in step. */
const struct vgpu_type vgpu_types[NR_VGPU_TYPES] = {
	{ "GVTg_V5_8",	 64,  384, 4, "1024x768",   2 },
	{ "GVTg_V5_4",	128,  512, 4, "1920x1200",  4 },
	{ "GVTg_V5_2",	256, 1024, 4, "1920x1200",  8 },
	{ "GVTg_V5_1",	512, 2048, 4, "1920x1200", 16 },
	{ "MGVT_V5_16",	 32,  128, 2, "1024x768",   1 },
	{ "MGVT_V5_32",	 16,   64, 1, "1024x768",   1 },
};

uint64_t aperture = (uint64_t)DEFAULT_APERTURE_MB * MiB;

struct gm_usage used;	/* by the vGPUs this program created and still has */

uint64_t type_low(const struct vgpu_type *t) { return t->low_mb * MiB; }
uint64_t type_high(const struct vgpu_type *t) { return t->high_mb * MiB; }

void usage_add(const struct vgpu_type *t, int sign)
{
	used.low += sign * type_low(t);
	used.high += sign * type_high(t);
	used.fences += sign * (int)t->fences;
}

const struct vgpu_type *find_type(const char *name)
{
	if (!strncmp(name, TYPE_PREFIX, strlen(TYPE_PREFIX)))
		name += strlen(TYPE_PREFIX);
	for (size_t i = 0; i < ARRAY_SIZE(vgpu_types); i++)
		if (!strcmp(vgpu_types[i].name, name))
			return &vgpu_types[i];
	return NULL;
}

const struct vgpu_type *type_arg(int argc, char **argv, int i, const char *dflt)
{
	const char *name = argc > i ? argv[i] : dflt;
	const struct vgpu_type *t = find_type(name);

	if (!t) {
		tap_bail("unknown vGPU type \"%s\"", name);
		exit(EXIT_FAILURE);
	}
	return t;
}

uint64_t free_low(const struct gm_usage *u)
{
	return aperture - HOST_LOW_GM - u->low;
}

uint64_t free_high(const struct gm_usage *u)
{
	return GM_TOTAL - aperture - HOST_HIGH_GM - u->high;
}

unsigned int free_fences(const struct gm_usage *u)
{
	return FENCES_TOTAL - HOST_FENCES - u->fences;
}

/* How many more of @t fit, assuming the free space of each resource is one block. */
long fit_count(const struct vgpu_type *t, const struct gm_usage *u)
{
	long n = free_low(u) / type_low(t);

	if ((long)(free_high(u) / type_high(t)) < n)
		n = free_high(u) / type_high(t);
	if ((long)(free_fences(u) / t->fences) < n)
		n = free_fences(u) / t->fences;
	return n;
}

/* A type is registered only if one instance fits next to the host's share. */
bool type_expected(const struct vgpu_type *t)
{
	struct gm_usage none = { 0 };

	return aperture > HOST_LOW_GM && GM_TOTAL - aperture > HOST_HIGH_GM &&
	       fit_count(t, &none) > 0;
}

/* ------------------------------------------------------------------------- */
/* Small helpers: formatting, errno names                                     */
/* ------------------------------------------------------------------------- */

/* printf into one of a few rotating static buffers: for building paths inline. */
const char *fmt(const char *f, ...)
{
	static char bufs[8][PATH_MAX];
	static unsigned int next;
	char *b = bufs[next++ % ARRAY_SIZE(bufs)];
	va_list ap;

	va_start(ap, f);
	vsnprintf(b, PATH_MAX, f, ap);
	va_end(ap);
	return b;
}

const char *errname(int err)
{
	const char *n;

	if (err == 0)
		return "success";
	n = strerrorname_np(err);
	return n ? n : "unknown errno";
}

/* ioctl() that returns 0/positive or -errno. */
long xioctl(int fd, unsigned long req, void *arg)
{
	long r = ioctl(fd, req, arg);

	return r < 0 ? -errno : r;
}

/* ------------------------------------------------------------------------- */
/* sysfs                                                                      */
/* ------------------------------------------------------------------------- */

/* Read a whole attribute into @buf (NUL-terminated). Returns length or -errno. */
int sysfs_read(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	if (n < 0)
		n = -errno;
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return (int)n;
}

/* Like sysfs_read, without the trailing newline. */
int sysfs_read_line(const char *path, char *buf, size_t size)
{
	int n = sysfs_read(path, buf, size);

	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	return n;
}

/* Attribute holding a bare decimal integer; -1 if unreadable or malformed. */
long sysfs_read_long(const char *path)
{
	char buf[64], *end;
	long v;

	if (sysfs_read_line(path, buf, sizeof(buf)) <= 0)
		return -1;
	errno = 0;
	v = strtol(buf, &end, 10);
	if (errno || *end || end == buf)
		return -1;
	return v;
}

/* Write @val in one write(). Returns 0 or -errno. Async-signal-safe. */
int sysfs_write(const char *path, const char *val)
{
	size_t len = strlen(val);
	ssize_t n;
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = write(fd, val, len);
	if (n < 0)
		n = -errno;
	else if ((size_t)n != len)
		n = -EIO;
	close(fd);
	return n < 0 ? (int)n : 0;
}

bool path_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* Basename of a symlink's target, or "" if it is not a symlink. */
const char *link_basename(const char *path)
{
	static char target[PATH_MAX];
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	char *slash;

	if (n < 0)
		return "";
	target[n] = '\0';
	slash = strrchr(target, '/');
	return slash ? slash + 1 : target;
}

int new_uuid(char out[37])
{
	char buf[64];

	if (sysfs_read_line("/proc/sys/kernel/random/uuid", buf, sizeof(buf)) != 36)
		return -EIO;
	memcpy(out, buf, 37);
	return 0;
}

/* Number of entries in a directory (without . and ..); -1 if unreadable. */
int dir_entries(const char *path)
{
	struct dirent *de;
	DIR *d = opendir(path);
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

/* ------------------------------------------------------------------------- */
/* The parent device and its mdev types                                       */
/* ------------------------------------------------------------------------- */

char parent[PATH_MAX];

const char *type_dir(const struct vgpu_type *t)
{
	return fmt("%s/mdev_supported_types/" TYPE_PREFIX "%s", parent, t->name);
}

long available(const struct vgpu_type *t)
{
	return sysfs_read_long(fmt("%s/available_instances", type_dir(t)));
}

/* The PCI function bound to the "mgvt" driver that registered mdev types. */
bool find_parent(void)
{
	const char *drv = "/sys/bus/pci/drivers/mgvt";
	const char *env = getenv("MGVT_PARENT");
	struct dirent *de;
	DIR *d;

	if (env && *env) {
		snprintf(parent, sizeof(parent), "%s", env);
		return path_exists(fmt("%s/mdev_supported_types", parent));
	}
	d = opendir(drv);
	if (!d)
		return false;
	while ((de = readdir(d))) {
		const char *p = fmt("%s/%s", drv, de->d_name);

		if (de->d_name[0] == '.' || !path_exists(fmt("%s/mdev_supported_types", p)))
			continue;
		snprintf(parent, sizeof(parent), "%s", p);
		break;
	}
	closedir(d);
	return parent[0] != '\0';
}

/* Take the aperture size from mgvt_sim's parameter (or keep the default); say which. */
void read_aperture(void)
{
	long mb = sysfs_read_long("/sys/module/mgvt_sim/parameters/aperture_mb");

	if (mb > 0)
		aperture = (uint64_t)mb * MiB;
	tap_diag("aperture: %" PRIu64 " MiB%s", aperture / MiB,
		 mb > 0 ? "" : " (default; mgvt_sim parameter not readable)");
}

/* ------------------------------------------------------------------------- */
/* vGPU bookkeeping (and emergency cleanup)                                   */
/* ------------------------------------------------------------------------- */

static struct vgpu vgpus[MAX_VGPUS];
static unsigned int nr_vgpus;

struct vgpu *vgpu_new(const char *label, const struct vgpu_type *t)
{
	struct vgpu *v;

	if (nr_vgpus == MAX_VGPUS)
		return NULL;
	v = &vgpus[nr_vgpus++];
	memset(v, 0, sizeof(*v));
	v->label = label;
	v->type = t;
	v->container = v->group = v->device = -1;
	v->group_id = -1;
	return v;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

void vfio_close(struct vgpu *v)
{
	close_fd(&v->device);
	close_fd(&v->group);
	close_fd(&v->container);
}

/* Close everything and remove every vGPU we still own. Async-signal-safe. */
void cleanup_all(void)
{
	for (unsigned int i = 0; i < nr_vgpus; i++)
		vfio_close(&vgpus[i]);
	for (unsigned int i = nr_vgpus; i-- > 0;) {
		if (vgpus[i].exists && sysfs_write(vgpus[i].remove_path, "1") == 0) {
			vgpus[i].exists = false;
			usage_add(vgpus[i].type, -1);
		}
	}
}

void on_fatal_signal(int sig)
{
	static const char msg[] = "Bail out! timeout or signal, cleaning up\n";

	(void)sig;
	if (write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	cleanup_all();
	_exit(2);
}

int mdev_create(const struct vgpu_type *t, const char *uuid)
{
	return sysfs_write(fmt("%s/create", type_dir(t)), uuid);
}

void vgpu_set_uuid(struct vgpu *v, const char *uuid)
{
	snprintf(v->uuid, sizeof(v->uuid), "%s", uuid);
	snprintf(v->dir, sizeof(v->dir), "/sys/bus/mdev/devices/%s", v->uuid);
	snprintf(v->remove_path, sizeof(v->remove_path), "/sys/bus/mdev/devices/%s/remove",
		 v->uuid);
}

/* Create @v with a fresh UUID; returns 0 or -errno. Tracks GM usage. */
int vgpu_create(struct vgpu *v)
{
	char uuid[37];
	int ret = new_uuid(uuid);

	if (ret)
		return ret;
	vgpu_set_uuid(v, uuid);
	ret = mdev_create(v->type, v->uuid);
	if (ret == 0) {
		v->exists = true;
		usage_add(v->type, +1);
		v->group_id = atoi(link_basename(fmt("%s/iommu_group", v->dir)));
	}
	return ret;
}

int vgpu_remove(struct vgpu *v)
{
	int ret = sysfs_write(v->remove_path, "1");

	if (ret == 0) {
		v->exists = false;
		usage_add(v->type, -1);
	}
	return ret;
}

/* ------------------------------------------------------------------------- */
/* VFIO: open, region access, info queries                                    */
/* ------------------------------------------------------------------------- */

off_t region_offset(unsigned int index)
{
	return (off_t)((uint64_t)index << 40);
}

/* pread/pwrite on a region. Returns the byte count or -errno. */
ssize_t region_rw(const struct vgpu *v, bool write, unsigned int index,
		  uint64_t off, void *buf, size_t len)
{
	off_t pos = region_offset(index) + (off_t)off;
	ssize_t n = write ? pwrite(v->device, buf, len, pos) : pread(v->device, buf, len, pos);

	return n < 0 ? -errno : n;
}

/* Read/write 1, 2, 4 or 8 bytes (little-endian). Returns 0, -errno, or -EIO if short. */
int reg_read(const struct vgpu *v, unsigned int index, uint64_t off, size_t len,
	     uint64_t *val)
{
	uint64_t x = 0;
	ssize_t n = region_rw(v, false, index, off, &x, len);

	*val = x;
	if (n < 0)
		return (int)n;
	return (size_t)n == len ? 0 : -EIO;
}

int reg_write(const struct vgpu *v, unsigned int index, uint64_t off, size_t len,
	      uint64_t val)
{
	ssize_t n = region_rw(v, true, index, off, &val, len);

	if (n < 0)
		return (int)n;
	return (size_t)n == len ? 0 : -EIO;
}

/* Value-returning shorthands; failures read as all-ones so checks fail loudly. */
uint64_t region_rd(const struct vgpu *v, unsigned int index, uint64_t off, size_t len)
{
	uint64_t x;

	if (reg_read(v, index, off, len, &x))
		return ~0ULL;
	return x;
}

uint64_t cfg_rd(const struct vgpu *v, uint64_t off, size_t len)
{
	return region_rd(v, VFIO_PCI_CONFIG_REGION_INDEX, off, len);
}

int cfg_wr(const struct vgpu *v, uint64_t off, size_t len, uint64_t val)
{
	return reg_write(v, VFIO_PCI_CONFIG_REGION_INDEX, off, len, val);
}

uint64_t mmio_rd(const struct vgpu *v, uint64_t off, size_t len)
{
	return region_rd(v, VFIO_PCI_BAR0_REGION_INDEX, off, len);
}

int mmio_wr(const struct vgpu *v, uint64_t off, size_t len, uint64_t val)
{
	return reg_write(v, VFIO_PCI_BAR0_REGION_INDEX, off, len, val);
}

/*
 * VFIO_DEVICE_GET_REGION_INFO with the argsz protocol: ask with the bare
 * struct, then again with the size the driver asked for to get the caps.
 * Returns a malloc'd buffer or NULL with errno set.
 */
struct vfio_region_info *region_info(const struct vgpu *v, unsigned int index)
{
	struct vfio_region_info *ri = calloc(1, sizeof(*ri)), *bigger;
	uint32_t need;

	if (!ri)
		return NULL;
	ri->argsz = sizeof(*ri);
	ri->index = index;
	if (ioctl(v->device, VFIO_DEVICE_GET_REGION_INFO, ri))
		goto fail;
	need = ri->argsz;
	if (need <= sizeof(*ri))
		return ri;
	if (need > 65536) {
		errno = E2BIG;
		goto fail;
	}
	bigger = realloc(ri, need);
	if (!bigger)
		goto fail;
	ri = bigger;
	memset(ri, 0, need);
	ri->argsz = need;
	ri->index = index;
	if (ioctl(v->device, VFIO_DEVICE_GET_REGION_INFO, ri))
		goto fail;
	return ri;
fail:
	free(ri);
	return NULL;
}

/* Find capability @id in a region info's chain (bounds- and loop-checked). */
const struct vfio_info_cap_header *region_cap(const struct vfio_region_info *ri,
					      uint16_t id)
{
	uint32_t off = (ri->flags & VFIO_REGION_INFO_FLAG_CAPS) ? ri->cap_offset : 0;

	for (int hops = 0; off && hops < 16; hops++) {
		const struct vfio_info_cap_header *h;

		if (off < sizeof(*ri) || off + sizeof(*h) > ri->argsz)
			return NULL;
		h = (const void *)((const char *)ri + off);
		if (h->id == id)
			return h;
		off = h->next;
	}
	return NULL;
}

int irq_info(const struct vgpu *v, unsigned int index, struct vfio_irq_info *ii)
{
	memset(ii, 0, sizeof(*ii));
	ii->argsz = sizeof(*ii);
	ii->index = index;
	return (int)xioctl(v->device, VFIO_DEVICE_GET_IRQ_INFO, ii);
}

/*
 * VFIO_DEVICE_SET_IRQS with @datalen bytes of payload. @argsz 0 means "the
 * honest size". Returns 0 or -errno.
 */
int set_irqs(const struct vgpu *v, uint32_t index, uint32_t flags, uint32_t start,
	     uint32_t count, const void *data, size_t datalen, uint32_t argsz)
{
	size_t size = sizeof(struct vfio_irq_set) + datalen;
	struct vfio_irq_set *s = calloc(1, size);
	int ret;

	if (!s)
		return -ENOMEM;
	s->argsz = argsz ? argsz : (uint32_t)size;
	s->flags = flags;
	s->index = index;
	s->start = start;
	s->count = count;
	if (datalen)
		memcpy(s->data, data, datalen);
	ret = (int)xioctl(v->device, VFIO_DEVICE_SET_IRQS, s);
	free(s);
	return ret;
}

int set_irq_eventfd(const struct vgpu *v, uint32_t index, uint32_t action, int32_t efd)
{
	return set_irqs(v, index, VFIO_IRQ_SET_DATA_EVENTFD | action, 0, 1, &efd, sizeof(efd), 0);
}

/* Wait up to @ms for @fd to become readable. */
bool wait_readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

void drain_eventfd(int fd)
{
	eventfd_t x;

	while (eventfd_read(fd, &x) == 0)
		;
}

/* ------------------------------------------------------------------------- */
/* Kernel log                                                                 */
/* ------------------------------------------------------------------------- */

/* /dev/kmsg positioned at the end: later reads return only new records. */
int kmsg_open(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd >= 0)
		lseek(fd, 0, SEEK_END);
	return fd;
}

/* Message text of every record since kmsg_open(), one per line. */
void kmsg_collect(int fd, char *out, size_t size)
{
	char rec[8192];
	size_t used_len = 0;

	out[0] = '\0';
	for (;;) {
		ssize_t n = read(fd, rec, sizeof(rec) - 1);
		char *msg, *nl;

		if (n < 0 && errno == EPIPE)
			continue;	/* records overwritten; go on with the next */
		if (n <= 0)
			break;
		rec[n] = '\0';
		msg = strchr(rec, ';');
		msg = msg ? msg + 1 : rec;
		nl = strchr(msg, '\n');
		if (nl)
			*nl = '\0';
		used_len += snprintf(out + used_len, size - used_len, "%s\n", msg);
		if (used_len >= size)
			break;
	}
}

/* ------------------------------------------------------------------------- */
/* The vGPU's PCI device                                                      */
/* ------------------------------------------------------------------------- */

const uint32_t plain_regs[NR_PLAIN_REGS] = { 0x1ff000, 0x1ff0fc };

/* ------------------------------------------------------------------------- */
/* PVINFO and BAR2                                                            */
/* ------------------------------------------------------------------------- */

bool read_pvinfo(struct vgpu *v)
{
	struct pvinfo *p = &v->pv;

	p->vgt_id = (uint32_t)mmio_rd(v, PV_VGT_ID, 4);
	p->low_base = (uint32_t)mmio_rd(v, PV_MAPPABLE_BASE, 4);
	p->low_size = (uint32_t)mmio_rd(v, PV_MAPPABLE_SIZE, 4);
	p->high_base = (uint32_t)mmio_rd(v, PV_HIDDEN_BASE, 4);
	p->high_size = (uint32_t)mmio_rd(v, PV_HIDDEN_SIZE, 4);
	p->fences = (uint32_t)mmio_rd(v, PV_FENCE_NUM, 4);
	v->pv_valid = mmio_rd(v, PV_MAGIC, 8) == VGT_MAGIC;
	return v->pv_valid;
}

void *map_bar2(const struct vgpu *v, uint64_t off, size_t len, int flags)
{
	return mmap(NULL, len, PROT_READ | PROT_WRITE, flags, v->device,
		    region_offset(VFIO_PCI_BAR2_REGION_INDEX) + (off_t)off);
}

int map_bar2_errno(const struct vgpu *v, uint64_t off, size_t len, int flags)
{
	void *p = map_bar2(v, off, len, flags);

	if (p == MAP_FAILED)
		return -errno;
	munmap(p, len);
	return 0;
}

uint64_t bar2_rd(const struct vgpu *v, uint64_t off, size_t len)
{
	return region_rd(v, VFIO_PCI_BAR2_REGION_INDEX, off, len);
}

int bar2_wr(const struct vgpu *v, uint64_t off, size_t len, uint64_t val)
{
	return reg_write(v, VFIO_PCI_BAR2_REGION_INDEX, off, len, val);
}

/* ------------------------------------------------------------------------- */
/* Guest memory, the GGTT, debugfs                                            */
/* ------------------------------------------------------------------------- */

bool guest_mem_alloc(struct guest_mem *m, uint64_t iova, unsigned int pages, uint32_t tag)
{
	m->len = (size_t)pages * PAGE;
	m->iova = iova;
	m->va = mmap(NULL, m->len, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (m->va == MAP_FAILED) {
		m->va = NULL;
		return false;
	}
	for (size_t i = 0; i < m->len / 4; i++)
		((uint32_t *)m->va)[i] = tag ^ (uint32_t)(i / (PAGE / 4)) << 16 ^
					 (uint32_t)i;
	return true;
}

int dma_map(const struct vgpu *v, struct guest_mem *m)
{
	struct vfio_iommu_type1_dma_map map = {
		.argsz = sizeof(map),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.vaddr = (uintptr_t)m->va, .iova = m->iova, .size = m->len,
	};

	return (int)xioctl(v->container, VFIO_IOMMU_MAP_DMA, &map);
}

int dma_unmap(const struct vgpu *v, uint64_t iova, size_t len)
{
	struct vfio_iommu_type1_dma_unmap unmap = {
		.argsz = sizeof(unmap), .iova = iova, .size = len,
	};

	return (int)xioctl(v->container, VFIO_IOMMU_UNMAP_DMA, &unmap);
}

uint8_t *mem_page(const struct guest_mem *m, unsigned int page)
{
	return m->va + (size_t)page * PAGE;
}

uint64_t pte_to(const struct guest_mem *m, unsigned int page)
{
	return (m->iova + (uint64_t)page * PAGE) | PTE_VALID;
}

uint64_t gm_index(uint64_t gm)
{
	return gm / PAGE;
}

int pte_wr(const struct vgpu *v, uint64_t index, uint64_t pte)
{
	return mmio_wr(v, GGTT_BASE + 8 * index, 8, pte);
}

uint64_t pte_rd(const struct vgpu *v, uint64_t index)
{
	return mmio_rd(v, GGTT_BASE + 8 * index, 8);
}

const char *dbg_path(const char *module, const char *sub, const char *file)
{
	return fmt("/sys/kernel/debug/%s/%s/%s%s%s", module, link_basename(parent),
		   sub, *sub ? "/" : "", file);
}

/* "key value" lines of @path: the value of @name, or -1. */
static long keyed_value(const char *path, const char *name)
{
	FILE *f = fopen(path, "r");
	char key[64];
	long val, found = -1;

	if (!f)
		return -1;
	while (fscanf(f, "%63s %ld", key, &val) == 2)
		if (!strcmp(key, name))
			found = val;
	fclose(f);
	return found;
}

long vgpu_counter(const struct vgpu *v, const char *name)
{
	return keyed_value(dbg_path("mgvt", v->uuid, "counters"), name);
}

long vgpu_debugfs_value(const struct vgpu *v, const char *file, const char *name)
{
	return keyed_value(dbg_path("mgvt", v->uuid, file), name);
}

long sim_strict(const char *name)
{
	return keyed_value(dbg_path("mgvt_sim", "", "strict"), name);
}

uint32_t aux_xfer(const struct vgpu *v, unsigned int port, const uint8_t *tx,
		  unsigned int len, uint8_t *rx)
{
	uint32_t st, w;
	unsigned int i, j;

	for (i = 0; i < len; i += 4) {
		for (w = 0, j = 0; j < 4 && i + j < len; j++)
			w |= (uint32_t)tx[i + j] << (24 - 8 * j);
		mmio_wr(v, AUX_DATA(port, i / 4), 4, w);
	}
	mmio_wr(v, AUX_CTL(port), 4, AUX_SEND | len << 20);
	st = mmio_rd(v, AUX_CTL(port), 4);
	for (i = 0; rx && i < AUX_SIZE(st) && i < 20; i++)
		rx[i] = mmio_rd(v, AUX_DATA(port, i / 4), 4) >> (24 - 8 * (i % 4));
	mmio_wr(v, AUX_CTL(port), 4, st | AUX_DONE | AUX_TIMEOUT | AUX_RXERR);
	return st;
}

long mgvt_stat(const char *name)
{
	return keyed_value("/sys/kernel/debug/mgvt/stats", name);
}

uint64_t sim_pte(uint64_t index)
{
	int fd = open(dbg_path("mgvt_sim", "", "ggtt"), O_RDONLY | O_CLOEXEC);
	uint64_t pte = ~0ull;

	if (fd >= 0) {
		if (pread(fd, &pte, 8, (off_t)(index * 8)) != 8)
			pte = ~0ull;
		close(fd);
	}
	return pte;
}

long sim_dma_mapped(void)
{
	return sysfs_read_long(dbg_path("mgvt_sim", "", "dma_mapped"));
}

long vm_locked_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmLck: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *bg_remove_thread(void *arg)
{
	struct bg_remove *r = arg;

	r->result = sysfs_write(r->v->remove_path, "1");
	eventfd_write(r->done_efd, 1);
	return NULL;
}

int bg_remove_start(struct bg_remove *r, struct vgpu *v)
{
	r->v = v;
	r->result = -EINPROGRESS;
	r->done_efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (r->done_efd < 0)
		return -errno;
	if (pthread_create(&r->tid, NULL, bg_remove_thread, r)) {
		close(r->done_efd);
		r->done_efd = -1;
		return -EAGAIN;
	}
	return 0;
}

bool bg_remove_wait(struct bg_remove *r, int ms)
{
	if (r->done_efd < 0 || !wait_readable(r->done_efd, ms))
		return false;
	pthread_join(r->tid, NULL);
	close(r->done_efd);
	r->done_efd = -1;
	if (r->result == 0) {
		r->v->exists = false;
		usage_add(r->v->type, -1);
	}
	return true;
}

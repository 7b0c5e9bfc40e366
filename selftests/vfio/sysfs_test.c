// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs_test - the mdev sysfs ABI of mgvt's vGPU types, as mdevctl and
 * libvirt use it.
 *
 * Usage: sysfs_test [TYPE_A [TYPE_B]]   (defaults: mgvt-GVTg_V5_4 mgvt-GVTg_V5_8)
 *
 * Expects mgvt.ko and mgvt_sim.ko loaded (selftests/vfio/run.sh does that),
 * root and a parent without vGPUs. Checks every type's name, device_api,
 * description and available_instances against the GM arithmetic, that
 * malformed and duplicate UUIDs are refused, that a type refuses one vGPU
 * more than it has room for (ENOSPC, with a log line naming the resource),
 * the sysfs view of two vGPUs A and B, which it removes again at the end,
 * and the operators' files: the parent's mgvt/free_* dropping by a type's
 * size on create, and a vGPU's mgvt/state, pinned_pages and refused* as it
 * is opened, writes a GGTT entry and a refused one, and is closed. Output
 * is flat TAP 13 on stdout.
 *
 * Environment: MGVT_PARENT=<sysfs dir of the parent device> overrides parent
 * discovery; MGVT_TEST_TIMEOUT=<seconds> (default 300) bounds the whole run.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include <linux/vfio.h>

#include "vgpu_lib.h"

static void test_types(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(vgpu_types); i++) {
		const struct vgpu_type *t = &vgpu_types[i];
		const char *dir = type_dir(t);
		char buf[512], want[512];

		if (!type_expected(t)) {
			tap_ok(!path_exists(dir), "type %s%s is not registered (does not fit)",
			       TYPE_PREFIX, t->name);
			continue;
		}
		if (!tap_ok(path_exists(dir), "type %s%s is registered", TYPE_PREFIX, t->name)) {
			tap_skip("type missing", "type %s%s attributes", TYPE_PREFIX, t->name);
			continue;
		}
		sysfs_read_line(fmt("%s/name", dir), buf, sizeof(buf));
		tap_ok(!strcmp(buf, t->name), "%s: name is \"%s\"", t->name, t->name);
		if (strcmp(buf, t->name))
			tap_diag("  got \"%s\"", buf);

		sysfs_read_line(fmt("%s/device_api", dir), buf, sizeof(buf));
		tap_ok(!strcmp(buf, VFIO_DEVICE_API_PCI_STRING), "%s: device_api is vfio-pci",
		       t->name);
		if (strcmp(buf, VFIO_DEVICE_API_PCI_STRING))
			tap_diag("  got \"%s\"", buf);

		snprintf(want, sizeof(want),
			 "low_gm_size: %uMB\nhigh_gm_size: %uMB\nfence: %u\nresolution: %s\nweight: %u\n",
			 t->low_mb, t->high_mb, t->fences, t->resolution, t->weight);
		sysfs_read(fmt("%s/description", dir), buf, sizeof(buf));
		tap_ok(!strcmp(buf, want), "%s: description matches the GVT-g format", t->name);
		if (strcmp(buf, want))
			tap_diag("  got \"%s\"", buf);

		tap_ok(path_exists(fmt("%s/create", dir)) && path_exists(fmt("%s/devices", dir)),
		       "%s: has create and devices/", t->name);

		check_eq(available(t), fit_count(t, &used),
			 "%s: available_instances with no vGPUs", t->name);
	}
}

static void test_malformed_uuids(const struct vgpu_type *t)
{
	static const struct { const char *uuid, *what; } bad[] = {
		{ "not-a-uuid", "a short string" },
		{ "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "non-hex digits" },
		{ "0123456789ab-cdef-0123-4567-89abcdef0123", "misplaced hyphens" },
		{ "01234567-89ab-cdef-0123-456789abcdef0123", "40 characters" },
		{ "\n", "a bare newline" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		int ret = mdev_create(t, bad[i].uuid);

		check_err(ret, EINVAL, "create with a malformed UUID (%s) fails with EINVAL",
			  bad[i].what);
		if (ret == 0) {	/* the core accepted it after all: do not leak it */
			char uuid[37];

			snprintf(uuid, sizeof(uuid), "%s", bad[i].uuid);
			sysfs_write(fmt("/sys/bus/mdev/devices/%s/remove", uuid), "1");
		}
	}
}

static void test_duplicate_uuid(const struct vgpu *a, const struct vgpu *b)
{
	check_err(mdev_create(a->type, a->uuid), EEXIST,
		  "create with %s's UUID again in its own type fails with EEXIST", a->label);
	check_err(mdev_create(b->type, a->uuid), EEXIST,
		  "create with %s's UUID in type %s fails with EEXIST", a->label, b->type->name);
}

/* Resource words a log line may use for each kind of scarce resource. */
static bool log_names_resource(const char *line, const struct vgpu_type *t)
{
	bool low = free_low(&used) < type_low(t);
	bool high = free_high(&used) < type_high(t);
	bool fence = free_fences(&used) < t->fences;

	if (high && (strcasestr(line, "high") || strcasestr(line, "non-mappable") ||
		     strcasestr(line, "unmappable") || strcasestr(line, "hidden")))
		return true;
	if (low && (strcasestr(line, "low") || strcasestr(line, "aperture") ||
		    (strcasestr(line, "mappable") && !strcasestr(line, "non-mappable") &&
		     !strcasestr(line, "unmappable"))))
		return true;
	return fence && strcasestr(line, "fence");
}

/*
 * Exhaust a type and check that one more create fails with ENOSPC and a log
 * line naming the type and the scarce resource. Fill-up vGPUs are removed again.
 */
static void test_enospc(void)
{
	const struct vgpu_type *target = NULL;
	struct vgpu *fill[MAX_VGPUS];
	unsigned int nfill = 0;
	char uuid[37], log[16384];
	long smallest = LONG_MAX;
	int kfd, ret;

	for (size_t i = 0; i < ARRAY_SIZE(vgpu_types); i++) {
		const struct vgpu_type *t = &vgpu_types[i];
		long a = type_expected(t) ? available(t) : -1;

		if (a == 0) {
			target = t;
			break;
		}
		if (a > 0 && a < smallest) {
			smallest = a;
			target = t;
		}
	}
	if (!target) {
		tap_skip("no type to exhaust",
			 "create beyond available_instances fails with ENOSPC");
		return;
	}
	while (available(target) > 0 && nfill < 32) {
		struct vgpu *f = vgpu_new("fill", target);

		if (!f || vgpu_create(f)) {
			tap_diag("could not create fill-up vGPU of %s", target->name);
			break;
		}
		fill[nfill++] = f;
	}
	if (nfill)
		tap_diag("created %u fill-up vGPUs of %s to exhaust it", nfill, target->name);
	check_eq(available(target), 0, "%s: available_instances reads 0 when exhausted",
		 target->name);

	new_uuid(uuid);
	kfd = kmsg_open();
	ret = mdev_create(target, uuid);
	if (ret == 0) {
		struct vgpu *over = vgpu_new("over", target);

		if (over) {	/* unexpected success: make sure it gets removed */
			vgpu_set_uuid(over, uuid);
			over->exists = true;
			usage_add(target, +1);
			fill[nfill++] = over;
		}
	}
	check_err(ret, ENOSPC, "create beyond available_instances of %s fails with ENOSPC",
		  target->name);
	tap_ok(!path_exists(fmt("/sys/bus/mdev/devices/%s", uuid)) || ret == 0,
	       "refused create leaves no mdev behind");

	if (kfd >= 0) {
		const char *line = NULL;
		char *save = NULL;

		kmsg_collect(kfd, log, sizeof(log));
		close(kfd);
		for (char *l = strtok_r(log, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
			if (strstr(l, "mgvt") && strstr(l, target->name) &&
			    log_names_resource(l, target)) {
				line = l;
				break;
			}
		}
		if (line)
			tap_diag("log: %s", line);
		tap_ok(line != NULL, "refused create logs a line naming %s and the scarce resource",
		       target->name);
	} else {
		tap_skip("no /dev/kmsg", "refused create logs a line naming the type");
	}

	while (nfill > 0) {
		struct vgpu *f = fill[--nfill];

		if (vgpu_remove(f))
			tap_diag("failed to remove fill-up vGPU %s", f->uuid);
	}
	check_all_available("after removing the fill-up vGPUs");
}

#define IOVA_OPS	(4 * GiB)	/* guest memory of test_operator_files() */

static long vgpu_file(const struct vgpu *v, const char *name)
{
	return sysfs_read_long(fmt("%s/mgvt/%s", v->dir, name));
}

static long parent_file(const char *name)
{
	return sysfs_read_long(fmt("%s/mgvt/%s", parent, name));
}

/*
 * The sysfs files for operators (README "sysfs for operators"): the
 * parent's free resources follow creation and removal of vGPU C of @t; A's
 * state, pinned_pages and refused counts follow what its user does.
 */
static void test_operator_files(struct vgpu *a, const struct vgpu_type *t)
{
	long low = parent_file("free_low_gm_mb"), high = parent_file("free_high_gm_mb");
	long fences = parent_file("free_fences"), refused, ggtt;
	struct guest_mem mem;
	char buf[64];
	struct vgpu *c;

	check_eq(low, free_low(&used) / MiB, "parent mgvt/free_low_gm_mb (%ld) matches the GM in use",
		 low);
	check_eq(high, free_high(&used) / MiB,
		 "parent mgvt/free_high_gm_mb (%ld) matches the GM in use", high);
	check_eq(fences, free_fences(&used), "parent mgvt/free_fences (%ld) matches the fences in use",
		 fences);
	c = available(t) > 0 ? vgpu_new("C", t) : NULL;
	if (!c)
		tap_skip("no room", "free_* drop by the size of a vGPU of %s", t->name);
	else if (check_err(vgpu_create(c), 0, "create vGPU C of %s", t->name)) {
		check_eq(low - parent_file("free_low_gm_mb"), t->low_mb,
			 "creating C: free_low_gm_mb drops by %u", t->low_mb);
		check_eq(high - parent_file("free_high_gm_mb"), t->high_mb,
			 "creating C: free_high_gm_mb drops by %u", t->high_mb);
		check_eq(fences - parent_file("free_fences"), t->fences,
			 "creating C: free_fences drops by %u", t->fences);
		check_err(vgpu_remove(c), 0, "remove vGPU C");
		check_eq(parent_file("free_low_gm_mb"), low, "removing C: free_low_gm_mb is back");
		check_eq(parent_file("free_high_gm_mb"), high, "removing C: free_high_gm_mb is back");
		check_eq(parent_file("free_fences"), fences, "removing C: free_fences is back");
	}

	sysfs_read_line(fmt("%s/mgvt/state", a->dir), buf, sizeof(buf));
	tap_ok(!strcmp(buf, "idle"), "A: mgvt/state is \"idle\" before it is opened (\"%s\")", buf);
	check_eq(vgpu_file(a, "pinned_pages"), 0, "A: mgvt/pinned_pages is 0");
	check_eq(vgpu_file(a, "refused"), 0, "A: mgvt/refused is 0");
	check_eq(vgpu_file(a, "refused_fences"), 0, "A: mgvt/refused_fences is 0");
	check_eq(vgpu_file(a, "refused_writes"), 0, "A: mgvt/refused_writes is 0");
	if (!vfio_open(a, false) || !read_pvinfo(a)) {
		tap_skip("A did not open", "A: state, pinned_pages and refused while open");
		vfio_close(a);
		return;
	}
	sysfs_read_line(fmt("%s/mgvt/state", a->dir), buf, sizeof(buf));
	tap_ok(!strcmp(buf, "active"), "A: mgvt/state is \"active\" while open (\"%s\")", buf);
	if (!guest_mem_alloc(&mem, IOVA_OPS, 2, 0x5f5f) || dma_map(a, &mem)) {
		tap_skip("no guest memory", "A: pinned_pages and refused follow GGTT writes");
		vfio_close(a);
		return;
	}
	refused = vgpu_file(a, "refused");
	ggtt = vgpu_file(a, "refused_ggtt");
	pte_wr(a, gm_index(a->pv.low_base + PAGE), pte_to(&mem, 0));
	check_eq(vgpu_file(a, "pinned_pages"), 1, "A: a GGTT entry to guest memory: pinned_pages 1");
	pte_wr(a, gm_index(a->pv.low_base + 2 * PAGE), pte_to(&mem, 1) | 1ull << 50);
	check_eq(vgpu_file(a, "pinned_pages"), 1, "A: a refused entry pins nothing");
	check_eq(vgpu_file(a, "refused_ggtt"), ggtt + 1, "A: ... and refused_ggtt counts it");
	check_eq(vgpu_file(a, "refused"), refused + 1, "A: ... and so does refused");
	vfio_close(a);
	sysfs_read_line(fmt("%s/mgvt/state", a->dir), buf, sizeof(buf));
	tap_ok(!strcmp(buf, "idle"), "A: mgvt/state is \"idle\" once closed (\"%s\")", buf);
	check_eq(vgpu_file(a, "pinned_pages"), 0, "A: closing unpins: pinned_pages 0");
}

int main(int argc, char **argv)
{
	const struct vgpu_type *ta, *tb;
	struct vgpu *a, *b;
	int ret = pair_program_start(argc, argv, &ta, &tb);

	if (ret >= 0)
		return ret;
	test_types();
	test_malformed_uuids(ta);

	if (!create_pair(ta, tb, &a, &b)) {
		cleanup_all();
		return tap_finish();
	}
	test_duplicate_uuid(a, b);
	test_enospc();
	test_operator_files(a, tb);

	return program_finish();
}

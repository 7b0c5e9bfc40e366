// SPDX-License-Identifier: GPL-2.0
/*
 * trace_test - mgvt's tracepoints: with the events of system "mgvt"
 * enabled in tracefs, one vGPU is created, gets a valid GGTT entry over
 * DMA-mapped memory, an entry with reserved bits and one to memory the
 * user never mapped, an untracked register write and read, an illegal
 * fence and an injected engine interrupt, then is reset and removed; the
 * trace must show each event with the vGPU's id, its UUID and the values
 * the test used (the host PTE as mgvt_sim's GGTT holds it).
 *
 * Usage: trace_test
 *
 * Expects mgvt.ko loaded with debug=1 (inject_irq) and mgvt_sim.ko
 * (selftests/vfio/run.sh does that), root, debugfs and a parent without
 * vGPUs; mounts tracefs if it is not.  Leaves the mgvt events disabled.
 * Output is flat TAP 13 on stdout.
 *
 * Environment: MGVT_PARENT=<sysfs dir of the parent device> overrides parent
 * discovery; MGVT_TEST_TIMEOUT=<seconds> (default 120) bounds the whole run.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <unistd.h>

#include <linux/vfio.h>

#include "guest_exec.h"

#define TRACEFS		"/sys/kernel/tracing"
#define IOVA_BUF	(4 * GiB)	/* the guest memory of the test */
#define IOVA_HOLE	(1 * GiB)	/* never mapped */
#define UNTRACKED	0x1ff000	/* plain_regs[0]: no handler behind it */
#define UNTRACKED_VAL	0x5a5a1234u
#define FENCE_LO0	0x100000
#define GT0_IMR		0x44304
#define PTE_RESERVED	(1ull << 50)
#define IOVA_GX		(8 * GiB)	/* the userspace guest's memory */

/* tracefs mounted where the test looks for it; false (one skip) if not. */
static bool tracefs_ready(void)
{
	if (!path_exists(TRACEFS "/trace"))
		mount("tracefs", TRACEFS, "tracefs", 0, NULL);
	if (!path_exists(TRACEFS "/events/mgvt/enable")) {
		tap_skip("no " TRACEFS "/events/mgvt", "mgvt events in tracefs");
		return false;
	}
	return tap_ok(true, "mgvt events in " TRACEFS "/events/mgvt");
}

/* The whole of tracefs "trace" (malloc'd, NUL-terminated), or NULL. */
static char *read_trace(void)
{
	int fd = open(TRACEFS "/trace", O_RDONLY | O_CLOEXEC);
	size_t len = 0, size = 1 << 16;
	char *buf = malloc(size);
	ssize_t n;

	if (fd < 0 || !buf) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((n = read(fd, buf + len, size - len - 1)) > 0) {
		len += n;
		if (size - len - 1 == 0) {
			char *bigger = realloc(buf, size * 2);

			if (!bigger)
				break;
			buf = bigger;
			size *= 2;
		}
	}
	close(fd);
	buf[len] = '\0';
	return buf;
}

/* Whether one line of @trace holds both @a and @b. */
static bool has_line(const char *trace, const char *a, const char *b)
{
	const char *p = trace;

	while ((p = strstr(p, a))) {
		const char *bol = p, *eol = strchrnul(p, '\n');

		while (bol > trace && bol[-1] != '\n')
			bol--;
		if (!b || (memmem(bol, eol - bol, b, strlen(b))))
			return true;
		p = eol;
	}
	return false;
}

/*
 * One TAP line: the trace shows event @event of @v (vgpu=ID dev=UUID),
 * then @fields on the same line.
 */
static __attribute__((format(printf, 5, 6)))
bool check_event(const char *trace, const struct vgpu *v, long id, const char *event,
		 const char *fields, ...)
{
	char want[512], head[256];
	va_list ap;
	bool ok;

	snprintf(head, sizeof(head), "%s: vgpu=%ld dev=%s ", event, id, v->uuid);
	va_start(ap, fields);
	vsnprintf(want, sizeof(want), fields, ap);
	va_end(ap);
	ok = has_line(trace, head, want);
	tap_ok(ok, "%s: %s %s", v->label, event, want);
	if (!ok)
		tap_diag("  no line with \"%s\" and \"%s\"", head, want);
	return ok;
}

/* The trace of one vGPU's life; checked after the vGPU is gone. */
struct expect {
	uint64_t good_idx, good_pte, host_pte;
	uint64_t bad_idx, bad_pte;
	uint64_t hole_idx;
	unsigned int fence;
	uint64_t fence_val;
	uint64_t wl_desc;
};

/* On bcs0: a store that completes, then a ring LRI to GDRST the audit refuses. */
static void run_workloads(struct vgpu *v, struct expect *e)
{
	static const uint32_t gdrst[] = { MI_LRI(1), 0x941c, 1, MI_NOOP };
	struct gx guest, *g = &guest;
	uint32_t tail = 0;

	if (!tap_ok(gx_setup(g, v, IOVA_GX), "%s: a userspace Gen9 guest set up", v->label))
		return;
	gx_engine_up(g, 1);
	gx_image_build(g, 1, 0, false);
	gx_emit_store(g, 1, 0, &tail, 0, 0x7ace);
	gx_image(g, 1, 0)[0x07] = tail;
	e->wl_desc = gx_desc(g, 1, 0, D_OK);
	gx_elsp(g, 1, e->wl_desc, 0);
	tap_ok(gx_wait_csb(g, 1, 1) && gx_va(g, 1, P_DATA)[0] == 0x7ace,
	       "%s: a workload ran on bcs0", v->label);
	gx_emit(g, 1, 0, &tail, gdrst, ARRAY_SIZE(gdrst));
	gx_image(g, 1, 0)[0x07] = tail;
	gx_elsp(g, 1, e->wl_desc, 0);
	tap_ok(gx_wait_csb(g, 1, 2), "%s: and one the audit refuses", v->label);
	usleep(100 * 1000);
}

/* Everything that raises an event, on open vGPU @v. */
static bool exercise(struct vgpu *v, struct guest_mem *m, struct expect *e)
{
	const char *inject;
	char path[PATH_MAX];
	uint64_t last;

	if (!tap_ok(read_pvinfo(v), "%s: PVINFO readable", v->label))
		return false;
	if (!tap_ok(guest_mem_alloc(m, IOVA_BUF, 2, 0x7eace000), "%s: guest memory allocated",
		    v->label) ||
	    !check_err(dma_map(v, m), 0, "%s: VFIO_IOMMU_MAP_DMA of 2 pages at 0x%" PRIx64,
		       v->label, m->iova))
		return false;

	e->good_idx = gm_index(v->pv.low_base) + 1;
	e->good_pte = pte_to(m, 0);
	check_err(pte_wr(v, e->good_idx, e->good_pte), 0, "%s: a valid GGTT entry written",
		  v->label);
	e->host_pte = sim_pte(e->good_idx);
	tap_ok(e->host_pte != ~0ull && (e->host_pte & PTE_VALID),
	       "%s: the pGPU entry is valid (0x%" PRIx64 ")", v->label, e->host_pte);

	e->bad_idx = e->good_idx + 1;
	e->bad_pte = pte_to(m, 1) | PTE_RESERVED;
	check_err(pte_wr(v, e->bad_idx, e->bad_pte), 0,
		  "%s: an entry with reserved bits written", v->label);
	e->hole_idx = e->good_idx + 2;
	check_err(pte_wr(v, e->hole_idx, IOVA_HOLE | PTE_VALID), 0,
		  "%s: an entry to unmapped guest memory written", v->label);

	check_err(mmio_wr(v, UNTRACKED, 4, UNTRACKED_VAL), 0,
		  "%s: untracked register 0x%x written", v->label, UNTRACKED);
	check_eq(mmio_rd(v, UNTRACKED, 4), UNTRACKED_VAL, "%s: ... and read back", v->label);

	/* Starts below the aperture slice: illegal, as bar0_test's. */
	e->fence = v->pv.fences - 1;
	last = v->pv.low_base + 0x100000 - PAGE;
	e->fence_val = (v->pv.low_base - PAGE) | last << 32 | 1;
	check_err(mmio_wr(v, FENCE_LO0 + 8 * e->fence, 8, e->fence_val), 0,
		  "%s: an illegal fence written", v->label);

	inject = fmt("/sys/kernel/debug/mgvt/%s/%s/inject_irq", link_basename(parent), v->uuid);
	snprintf(path, sizeof(path), "%s", inject);
	mmio_wr(v, GT0_IMR, 4, ~1u);			/* rcs user unmasked */
	check_err(sysfs_write(path, "rcs0 user"), 0, "%s: an rcs0 user interrupt injected",
		  v->label);

	run_workloads(v, e);
	check_err(xioctl(v->device, VFIO_DEVICE_RESET, NULL), 0, "%s: VFIO_DEVICE_RESET",
		  v->label);
	return true;
}

/* The mgvt events of @trace as diagnostics, at most 100 lines. */
static void show_trace(const char *trace)
{
	const char *p = trace;
	int n = 0;

	tap_diag("the mgvt events traced:");
	while (*p && n < 100) {
		const char *eol = strchrnul(p, '\n');

		if (*p != '#' && memmem(p, eol - p, " mgvt_", 6)) {
			tap_diag("  %.*s", (int)(eol - p), p);
			n++;
		}
		p = *eol ? eol + 1 : eol;
	}
}

static void check_trace(const char *t, const struct vgpu *v, long id,
			const struct guest_mem *m, const struct expect *e)
{
	uint64_t dma = e->host_pte & ~(uint64_t)(PAGE - 1);

	check_event(t, v, id, "mgvt_vgpu_create", "type=%s", v->type->name);
	check_event(t, v, id, "mgvt_guest_pin", "gfn=%#" PRIx64 " dma=%#" PRIx64 " ret=0",
		    m->iova / PAGE, dma);
	check_event(t, v, id, "mgvt_ggtt_write", "index=%#" PRIx64 " pte=%#" PRIx64
		    " host_pte=%#" PRIx64, e->good_idx, e->good_pte, e->host_pte);
	check_event(t, v, id, "mgvt_ggtt_refuse", "index=%#" PRIx64 " pte=%#" PRIx64
		    " reason=reserved err=0", e->bad_idx, e->bad_pte);
	check_event(t, v, id, "mgvt_guest_pin", "gfn=%#" PRIx64 " dma=0x0 ret=%d",
		    IOVA_HOLE / PAGE, -EINVAL);
	check_event(t, v, id, "mgvt_ggtt_refuse", "index=%#" PRIx64 " pte=%#" PRIx64
		    " reason=unpinned err=%d", e->hole_idx, (uint64_t)(IOVA_HOLE | PTE_VALID),
		    -EINVAL);
	check_event(t, v, id, "mgvt_mmio_untracked", "offset=%#x op=write len=4 val=%#x",
		    UNTRACKED, UNTRACKED_VAL);
	check_event(t, v, id, "mgvt_mmio_untracked", "offset=%#x op=read len=4 val=%#x",
		    UNTRACKED, UNTRACKED_VAL);
	tap_ok(!has_line(t, "mgvt_mmio_untracked:", fmt(" offset=%#x ", PV_MAGIC)),
	       "%s: PVINFO reads are not traced as untracked", v->label);
	check_event(t, v, id, "mgvt_fence_refuse", "fence=%u pfence=", e->fence);
	tap_ok(has_line(t, fmt("mgvt_fence_refuse: vgpu=%ld dev=%s fence=%u pfence=", id,
			       v->uuid, e->fence),
			fmt(" val=%#" PRIx64, e->fence_val)) &&
	       !has_line(t, "mgvt_fence_refuse:", "pfence=-1"),
	       "%s: ... with the whole illegal value and a pGPU fence behind it", v->label);
	check_event(t, v, id, "mgvt_virq", "engine=rcs0 bank=0 bits=0x1 masked=0 line=0");
	check_event(t, v, id, "mgvt_workload_submit", "engine=bcs0 ctx=%#" PRIx64
		    " id=0x20 lite=0 bytes=24 batches=0 err=0", (uint64_t)(uint32_t)(e->wl_desc & ~(uint64_t)0xfff));
	check_event(t, v, id, "mgvt_workload_complete", "engine=bcs0 ctx=%#" PRIx64 " id=0x20",
		    (uint64_t)(uint32_t)(e->wl_desc & ~(uint64_t)0xfff));
	check_event(t, v, id, "mgvt_workload_fail", "engine=bcs0 ctx=%#" PRIx64 " id=0x20 err=-13",
		    (uint64_t)(uint32_t)(e->wl_desc & ~(uint64_t)0xfff));
	tap_ok(has_line(t, "mgvt_engine_switch: pgpu=", " engine=bcs0 elem0=") &&
	       has_line(t, "mgvt_engine_switch: pgpu=", "/vgpu elem1="),
	       "%s: mgvt_engine_switch shows bcs0 taking a vGPU's context", v->label);
	check_event(t, v, id, "mgvt_vgpu_reset", "type=%s", v->type->name);
	check_event(t, v, id, "mgvt_guest_unpin", "gfn=%#" PRIx64 " dma=%#" PRIx64,
		    m->iova / PAGE, dma);
	check_event(t, v, id, "mgvt_vgpu_destroy", "type=%s", v->type->name);
}

int main(int argc, char **argv)
{
	int ret = simple_program_start(argc, argv, 120);
	struct guest_mem m = { 0 };
	struct expect e = { 0 };
	struct vgpu *v;
	bool used = false;
	char *trace;
	long id;

	if (ret >= 0)
		return ret;
	check_no_vgpus("before the test");
	if (!tracefs_ready())
		return program_finish();
	check_err(sysfs_write(TRACEFS "/events/mgvt/enable", "0"), 0, "mgvt events disabled");
	check_err(sysfs_write(TRACEFS "/trace", ""), 0, "trace buffer cleared");
	sysfs_write(TRACEFS "/tracing_on", "1");
	check_err(sysfs_write(TRACEFS "/events/mgvt/enable", "1"), 0, "mgvt events enabled");

	v = create_and_check("A", find_type(TYPE_PREFIX "GVTg_V5_8"));
	if (!v) {
		tap_bail("could not create a vGPU");
		sysfs_write(TRACEFS "/events/mgvt/enable", "0");
		cleanup_all();
		return tap_finish();
	}
	id = sysfs_read_long(fmt("%s/mgvt/vgpu_id", v->dir));
	if (vfio_open(v, false))
		used = exercise(v, &m, &e);
	else
		tap_ok(false, "A: VFIO open");
	vfio_close(v);
	check_err(vgpu_remove(v), 0, "A: removed");

	check_err(sysfs_write(TRACEFS "/events/mgvt/enable", "0"), 0, "mgvt events disabled again");
	trace = read_trace();
	if (!tap_ok(trace != NULL, "tracefs trace readable") || !used) {
		free(trace);
		return program_finish();
	}
	check_trace(trace, v, id, &m, &e);
	if (tap.fail)
		show_trace(trace);
	free(trace);
	return program_finish();
}

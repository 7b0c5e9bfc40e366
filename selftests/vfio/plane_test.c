// SPDX-License-Identifier: GPL-2.0
/*
 * plane_test - the VFIO graphics plane of a vGPU as QEMU's vfio display
 * uses it.  A userspace "guest" draws a known picture into framebuffers
 * in its aperture and its memory, programs pipe A and its primary plane
 * (and the cursor) onto them, and then:
 *
 *  - dma-buf mode: probes, queries the plane (every field), exports it
 *    as a dma-buf, mmaps it and compares every pixel; the dma-buf id
 *    stays while the plane is unchanged and changes with the surface;
 *    other formats, X tiling; the cursor with its position and PVINFO
 *    hotspot;
 *  - attacks: a surface outside the vGPU's GM (the host's, another
 *    vGPU's, past the slice's end), unbacked pages, absurd strides,
 *    sizes and offsets, unknown formats, Y tiling: no plane, and no
 *    dma-buf of anything;
 *  - a GGTT rewrite and a VFIO DMA unmap (the guest memory then freed)
 *    under an exported dma-buf: it still maps the old pages, with their
 *    picture, until released;
 *  - region mode (sysfs mgvt/display_mode): the probe answers for the
 *    region only, the region's info and type, its pixels through mmap and
 *    read, X-tiled and offset planes detiled into it, read-only.
 *
 * Usage: plane_test   (expects mgvt and mgvt_sim loaded, root)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/vfio.h>

#include "vgpu_lib.h"

#define PIPECONF_A	0x70008u
#define HTOTAL_A	0x60000u
#define VTOTAL_A	0x6000cu
#define PIPESRC_A	0x6001cu
#define LINK_M1_A	0x60040u
#define LINK_N1_A	0x60044u
#define DDI_FUNC_CTL_A	0x60400u
#define SURFLIVE_A	0x701acu
#define PLANE_CTL_A	0x70180u
#define PLANE_STRIDE_A	0x70188u
#define PLANE_SIZE_A	0x70190u
#define PLANE_SURF_A	0x7019cu
#define PLANE_OFFSET_A	0x701a4u
#define CUR_CTL_A	0x70080u
#define CUR_BASE_A	0x70084u
#define CUR_POS_A	0x70088u
#define PV_X_HOT	0x78830u
#define PV_Y_HOT	0x78834u

#define ENABLE		(1u << 31)
#define FMT_XRGB8888	(4u << 24)
#define FMT_RGB565	(14u << 24)
#define ORDER_RGBX	(1u << 20)
#define ALPHA_PREMUL	(3u << 4)
#define TILED_X		(1u << 10)
#define TILED_Y		(4u << 10)
#define TILED_YF	(5u << 10)

/* DRM's ABI (drm_fourcc.h, drm_plane.h). */
#define FOURCC(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | \
			    (uint32_t)(d) << 24)
#define DRM_XRGB8888	FOURCC('X', 'R', '2', '4')
#define DRM_ARGB8888	FOURCC('A', 'R', '2', '4')
#define DRM_XBGR8888	FOURCC('X', 'B', '2', '4')
#define DRM_RGB565	FOURCC('R', 'G', '1', '6')
#define MOD_X_TILED	((1ull << 56) | 1)
#define PLANE_PRIMARY	1
#define PLANE_CURSOR	2

#define W		1024u
#define H		768u
#define FB_BYTES	(W * H * 4)
#define FB_PAGES	(FB_BYTES / PAGE)
#define CUR_PAGES	4u
/* Guest memory: fb 1, fb 2, the X-tiled fb 3, the cursor, a spare page. */
#define MEM_FB(n)	((n) * FB_PAGES)
#define MEM_CUR		(3 * FB_PAGES)
#define MEM_SPARE	(MEM_CUR + CUR_PAGES)
#define MEM_PAGES	(MEM_SPARE + 1)
#define IOVA		(1ull << 30)
/* GM of each, from the low slice's base. */
#define GM_FB(n)	((uint64_t)(n) * 4 * MiB)
#define GM_CUR		(12 * MiB)
#define GM_UNBACKED	(16 * MiB)
#define REGION_INDEX	VFIO_PCI_NUM_REGIONS

static struct vgpu *v, *other;
static struct guest_mem mem;

static void msleep(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static uint32_t pat(unsigned int fb, uint32_t x, uint32_t y)
{
	return 0xff000000u ^ fb << 21 ^ y << 10 ^ x;
}

static uint64_t gm(uint64_t off)
{
	return v->pv.low_base + off;
}

/* Offset of byte @xb of row @y in an X-tiled surface of @stride bytes. */
static uint64_t xtile(uint32_t stride, uint32_t xb, uint32_t y)
{
	return (uint64_t)(y / 8) * stride * 8 + (xb / 512) * 4096 + (y % 8) * 512 + xb % 512;
}

static bool map_pages(uint64_t gm_off, unsigned int first, unsigned int n)
{
	bool ok = true;

	for (unsigned int i = 0; i < n; i++)
		ok &= !pte_wr(v, gm_index(gm(gm_off)) + i, pte_to(&mem, first + i));
	return ok;
}

static bool setup(void)
{
	uint32_t *ap, *p;

	if (!tap_ok(read_pvinfo(v), "PVINFO readable") ||
	    !tap_ok(guest_mem_alloc(&mem, IOVA, MEM_PAGES, 0x1234), "guest memory allocated") ||
	    !check_err(dma_map(v, &mem), 0, "guest memory DMA-mapped"))
		return false;
	tap_ok(map_pages(GM_FB(0), MEM_FB(0), FB_PAGES) &&
	       map_pages(GM_FB(1), MEM_FB(1), FB_PAGES) &&
	       map_pages(GM_FB(2), MEM_FB(2), FB_PAGES) && map_pages(GM_CUR, MEM_CUR, CUR_PAGES),
	       "GGTT: three framebuffers and a cursor backed by guest pages");

	/* Framebuffer 1 drawn through the aperture, the others in guest memory. */
	ap = map_bar2(v, gm(GM_FB(0)), FB_BYTES, MAP_SHARED);
	if (!tap_ok(ap != MAP_FAILED, "aperture mapped"))
		return false;
	for (uint32_t y = 0; y < H; y++)
		for (uint32_t x = 0; x < W; x++)
			ap[y * W + x] = pat(1, x, y);
	munmap(ap, FB_BYTES);
	check_eq(word(mem_page(&mem, MEM_FB(0)) + 4 * 5), pat(1, 5, 0),
		 "the aperture writes reached guest memory");
	p = (uint32_t *)mem_page(&mem, MEM_FB(1));
	for (uint32_t y = 0; y < H; y++)
		for (uint32_t x = 0; x < W; x++)
			p[y * W + x] = pat(2, x, y);
	for (uint32_t y = 0; y < H; y++)
		for (uint32_t x = 0; x < W; x++)
			*(uint32_t *)(mem_page(&mem, MEM_FB(2)) + xtile(4096, 4 * x, y)) =
				pat(3, x, y);
	p = (uint32_t *)mem_page(&mem, MEM_CUR);
	for (uint32_t i = 0; i < 64 * 64; i++)
		p[i] = 0x80000000u | i;
	return true;
}

/* 1024x768@60 on DDI A (1344 x 806 total, 65 MHz), pipe A's source size. */
static void program_pipe(void)
{
	mmio_wr(v, HTOTAL_A, 4, (1344u - 1) << 16 | (W - 1));
	mmio_wr(v, VTOTAL_A, 4, (806u - 1) << 16 | (H - 1));
	mmio_wr(v, LINK_N1_A, 4, 0x80000);
	mmio_wr(v, LINK_M1_A, 4, (uint32_t)(65000ull * 0x80000 / 270000));
	mmio_wr(v, DDI_FUNC_CTL_A, 4, 1u << 31);
	mmio_wr(v, PIPESRC_A, 4, (W - 1) << 16 | (H - 1));
}

/* The plane onto @gm_off: control, stride register value, size. */
static void plane(uint32_t ctl, uint32_t stride, uint32_t w, uint32_t h, uint64_t gm_off)
{
	mmio_wr(v, PLANE_CTL_A, 4, ctl);
	mmio_wr(v, PLANE_STRIDE_A, 4, stride);
	mmio_wr(v, PLANE_SIZE_A, 4, (h - 1) << 16 | (w - 1));
	mmio_wr(v, PLANE_OFFSET_A, 4, 0);
	mmio_wr(v, PLANE_SURF_A, 4, (uint32_t)gm(gm_off));
}

/* A flip on the running pipe completes at the next vblank: wait for it. */
static bool flip_done(uint32_t surf)
{
	for (int i = 0; i < 200; i++) {
		if (mmio_rd(v, SURFLIVE_A, 4) == surf)
			return true;
		msleep(5);
	}
	return false;
}

static void xrgb_plane(uint64_t gm_off)
{
	plane(ENABLE | FMT_XRGB8888, 4096 / 64, W, H, gm_off);
	flip_done((uint32_t)gm(gm_off));
}

static long query(uint32_t flags, uint32_t type, struct vfio_device_gfx_plane_info *pi)
{
	memset(pi, 0xa5, sizeof(*pi));
	pi->argsz = sizeof(*pi);
	pi->flags = flags;
	pi->drm_plane_type = type;
	return xioctl(v->device, VFIO_DEVICE_QUERY_GFX_PLANE, pi);
}

static long get_dmabuf(uint32_t id)
{
	return xioctl(v->device, VFIO_DEVICE_GET_GFX_DMABUF, &id);
}

/* Every pixel of a @w x @h picture at @p (stride @stride) is pat(@fb). */
static bool pixels_ok(const uint8_t *p, uint32_t stride, uint32_t w, uint32_t h,
		      unsigned int fb, uint32_t x0, uint32_t y0)
{
	for (uint32_t y = 0; y < h; y++)
		for (uint32_t x = 0; x < w; x++) {
			uint32_t got = word(p + (size_t)y * stride + 4 * x);

			if (got != pat(fb, x0 + x, y0 + y)) {
				tap_diag("  pixel %u,%u: got %#x, expected %#x", x, y, got,
					 pat(fb, x0 + x, y0 + y));
				return false;
			}
		}
	return true;
}

/* A no-plane answer: success, nothing to show. */
static bool no_plane(uint32_t flags, uint32_t type, const char *what)
{
	struct vfio_device_gfx_plane_info pi;
	long ret = query(flags, type, &pi);

	return tap_ok(!ret && pi.drm_format == 0 && pi.size == 0 && pi.width == 0 &&
		      pi.dmabuf_id == 0, "%s: no plane (ret %ld, format %#x, size %u, id %u)",
		      what, ret, pi.drm_format, pi.size, pi.dmabuf_id);
}

static void test_probe(void)
{
	struct vfio_device_gfx_plane_info pi;
	char buf[32];

	tap_ok(sysfs_read_line(fmt("%s/mgvt/display_mode", v->dir), buf, sizeof(buf)) > 0 &&
	       !strcmp(buf, "dmabuf"), "display_mode is dmabuf by default (%s)", buf);
	check_err(sysfs_write(fmt("%s/mgvt/display_mode", v->dir), "vnc"), EINVAL,
		  "display_mode \"vnc\" refused");
	check_err(query(VFIO_GFX_PLANE_TYPE_PROBE | VFIO_GFX_PLANE_TYPE_DMABUF, 0, &pi), 0,
		  "probe DMABUF: supported");
	check_err(query(VFIO_GFX_PLANE_TYPE_PROBE | VFIO_GFX_PLANE_TYPE_REGION, 0, &pi), EINVAL,
		  "probe REGION: not offered in dmabuf mode");
	check_err(query(VFIO_GFX_PLANE_TYPE_PROBE, 0, &pi), EINVAL, "probe of nothing: EINVAL");
	check_err(query(VFIO_GFX_PLANE_TYPE_DMABUF | VFIO_GFX_PLANE_TYPE_REGION, PLANE_PRIMARY,
			&pi), EINVAL, "DMABUF and REGION at once: EINVAL");
	check_err(query(VFIO_GFX_PLANE_TYPE_DMABUF | 8, PLANE_PRIMARY, &pi), EINVAL,
		  "unknown flag: EINVAL");
	check_err(query(VFIO_GFX_PLANE_TYPE_DMABUF, 0, &pi), EINVAL, "overlay plane type: EINVAL");
	check_err(query(VFIO_GFX_PLANE_TYPE_DMABUF, 7, &pi), EINVAL, "plane type 7: EINVAL");
	memset(&pi, 0, sizeof(pi));
	pi.argsz = 8;
	pi.flags = VFIO_GFX_PLANE_TYPE_DMABUF;
	pi.drm_plane_type = PLANE_PRIMARY;
	check_err(xioctl(v->device, VFIO_DEVICE_QUERY_GFX_PLANE, &pi), EINVAL, "short argsz: EINVAL");
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "nothing programmed");
	check_err(get_dmabuf(0), ENOENT, "GET_GFX_DMABUF of id 0: ENOENT");
}

static void test_primary(void)
{
	struct vfio_device_gfx_plane_info pi, again;
	long fd, fd2;
	uint8_t *p;
	uint32_t id1, id2;

	program_pipe();
	plane(ENABLE | FMT_XRGB8888, 4096 / 64, W, H, GM_FB(0));
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "plane on, pipe A off");
	mmio_wr(v, PIPECONF_A, 4, ENABLE);
	check_eq(mmio_rd(v, SURFLIVE_A, 4), gm(GM_FB(0)), "the surface is live");

	check_err(query(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, &pi), 0, "query primary");
	check_eq(pi.drm_format, DRM_XRGB8888, "drm_format XRGB8888");
	check_eq(pi.drm_format_mod, 0, "drm_format_mod linear");
	check_eq(pi.width, W, "width 1024");
	check_eq(pi.height, H, "height 768");
	check_eq(pi.stride, 4096, "stride 4096 bytes");
	check_eq(pi.size, FB_BYTES, "size 3 MiB");
	check_eq(pi.x_pos | pi.y_pos | pi.x_hot | pi.y_hot, 0, "positions and hotspot 0");
	tap_ok(pi.dmabuf_id != 0, "a dma-buf id (%u)", pi.dmabuf_id);
	id1 = pi.dmabuf_id;
	query(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, &again);
	check_eq(again.dmabuf_id, id1, "queried again, unchanged: the same id");

	fd = get_dmabuf(id1);
	if (!check_err(fd < 0 ? fd : 0, 0, "GET_GFX_DMABUF: a file descriptor"))
		return;
	check_eq(lseek((int)fd, 0, SEEK_END), FB_BYTES, "the dma-buf is 3 MiB");
	check_eq(mgvt_stat("dmabufs"), 1, "module stats: one dma-buf");
	check_eq(mgvt_stat("dmabuf_pages"), FB_PAGES, "holding 768 page references");
	tap_ok(mmap(NULL, FB_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, (int)fd, 0) == MAP_FAILED,
	       "a writable mmap of the dma-buf is refused");
	p = mmap(NULL, FB_BYTES, PROT_READ, MAP_SHARED, (int)fd, 0);
	if (tap_ok(p != MAP_FAILED, "read-only mmap of the dma-buf")) {
		tap_ok(pixels_ok(p, 4096, W, H, 1, 0, 0),
		       "all 1024x768 pixels are the picture drawn through the aperture");
		munmap(p, FB_BYTES);
	}
	close((int)fd);
	check_eq(mgvt_stat("dmabufs"), 0, "closed and unmapped: released");
	check_eq(mgvt_stat("dmabuf_pages"), 0, "and its page references dropped");

	/* A flip: another surface, another id; back: the first id again. */
	mmio_wr(v, PLANE_SURF_A, 4, (uint32_t)gm(GM_FB(1)));
	tap_ok(flip_done((uint32_t)gm(GM_FB(1))), "flip to framebuffer 2 done at vblank");
	query(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, &pi);
	id2 = pi.dmabuf_id;
	tap_ok(id2 && id2 != id1, "framebuffer 2: a new dma-buf id (%u)", id2);
	fd2 = get_dmabuf(id2);
	p = fd2 >= 0 ? mmap(NULL, FB_BYTES, PROT_READ, MAP_SHARED, (int)fd2, 0) : MAP_FAILED;
	if (tap_ok(p != MAP_FAILED, "its dma-buf mmapped")) {
		tap_ok(pixels_ok(p, 4096, W, H, 2, 0, 0), "framebuffer 2's pixels");
		munmap(p, FB_BYTES);
	}
	if (fd2 >= 0)
		close((int)fd2);
	xrgb_plane(GM_FB(0));
	query(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, &pi);
	check_eq(pi.dmabuf_id, id1, "flipped back: framebuffer 1's id again");
	check_err(get_dmabuf(id2 + 100), ENOENT, "GET_GFX_DMABUF of an id never given: ENOENT");
}

static void test_formats(void)
{
	struct vfio_device_gfx_plane_info pi;
	uint8_t *p;
	long fd;

	plane(ENABLE | FMT_XRGB8888 | ORDER_RGBX, 4096 / 64, W, H, GM_FB(0));
	query(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, &pi);
	check_eq(pi.drm_format, DRM_XBGR8888, "RGBX order: XBGR8888");
	plane(ENABLE | FMT_XRGB8888 | ALPHA_PREMUL, 4096 / 64, W, H, GM_FB(0));
	query(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, &pi);
	check_eq(pi.drm_format, DRM_ARGB8888, "alpha enabled: ARGB8888");
	plane(ENABLE | FMT_RGB565, 2048 / 64, W, H, GM_FB(0));
	query(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, &pi);
	tap_ok(pi.drm_format == DRM_RGB565 && pi.stride == 2048 && pi.size == FB_BYTES / 2,
	       "RGB565, stride 2048, 1.5 MiB");

	plane(ENABLE | FMT_XRGB8888 | TILED_X, 4096 / 512, W, H, GM_FB(2));
	flip_done((uint32_t)gm(GM_FB(2)));
	query(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, &pi);
	tap_ok(pi.drm_format == DRM_XRGB8888 && pi.drm_format_mod == MOD_X_TILED &&
	       pi.stride == 4096 && pi.size == FB_BYTES && pi.dmabuf_id,
	       "X-tiled: modifier I915_FORMAT_MOD_X_TILED, stride 8 tiles = 4096");
	fd = get_dmabuf(pi.dmabuf_id);
	p = fd >= 0 ? mmap(NULL, FB_BYTES, PROT_READ, MAP_SHARED, (int)fd, 0) : MAP_FAILED;
	if (tap_ok(p != MAP_FAILED, "X-tiled dma-buf mmapped")) {
		tap_ok(word(p + xtile(4096, 4 * 700, 500)) == pat(3, 700, 500) &&
		       word(p + 4 * 700) != pat(3, 700, 0),
		       "it holds the tiles as they are (pixel 700,500 at its tiled offset)");
		munmap(p, FB_BYTES);
	}
	if (fd >= 0)
		close((int)fd);
	xrgb_plane(GM_FB(0));
}

static void test_cursor(void)
{
	struct vfio_device_gfx_plane_info pi;
	uint32_t id;
	uint8_t *p;
	long fd;

	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_CURSOR, "cursor disabled");
	mmio_wr(v, CUR_BASE_A, 4, (uint32_t)gm(GM_CUR));
	mmio_wr(v, CUR_POS_A, 4, 20u << 16 | 10);
	mmio_wr(v, PV_X_HOT, 4, 3);
	mmio_wr(v, PV_Y_HOT, 4, 5);
	mmio_wr(v, CUR_CTL_A, 4, 0x27);		/* 64x64 ARGB */
	check_err(query(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_CURSOR, &pi), 0, "query cursor");
	tap_ok(pi.drm_format == DRM_ARGB8888 && pi.drm_format_mod == 0 && pi.width == 64 &&
	       pi.height == 64 && pi.stride == 256 && pi.size == 16384,
	       "cursor: ARGB8888 64x64, stride 256, 16 KiB");
	tap_ok(pi.x_pos == 10 && pi.y_pos == 20, "at 10,20 (%u,%u)", pi.x_pos, pi.y_pos);
	tap_ok(pi.x_hot == 3 && pi.y_hot == 5, "hotspot 3,5 from PVINFO (%u,%u)", pi.x_hot, pi.y_hot);
	id = pi.dmabuf_id;
	fd = get_dmabuf(id);
	p = fd >= 0 ? mmap(NULL, 16384, PROT_READ, MAP_SHARED, (int)fd, 0) : MAP_FAILED;
	if (tap_ok(p != MAP_FAILED, "cursor dma-buf mmapped")) {
		tap_ok(word(p) == 0x80000000u && word(p + 4 * 4095) == (0x80000000u | 4095),
		       "cursor pixels");
		munmap(p, 16384);
	}
	if (fd >= 0)
		close((int)fd);
	mmio_wr(v, CUR_POS_A, 4, 300u << 16 | 400);
	query(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_CURSOR, &pi);
	tap_ok(pi.x_pos == 400 && pi.y_pos == 300 && pi.dmabuf_id == id,
	       "moved to 400,300: the same dma-buf id");
	mmio_wr(v, CUR_CTL_A, 4, 0x07);		/* 64x64 AND/XOR */
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_CURSOR, "AND/XOR cursor");
	mmio_wr(v, CUR_CTL_A, 4, 0x27);
	mmio_wr(v, CUR_BASE_A, 4, (uint32_t)gm(GM_UNBACKED));
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_CURSOR, "cursor on unbacked GM");
	mmio_wr(v, CUR_CTL_A, 4, 0);
}

static void test_attacks(void)
{
	long refused = vgpu_counter(v, "planes_refused");
	uint32_t last = FB_PAGES - 1;

	plane(ENABLE | FMT_XRGB8888, 4096 / 64, W, H, 0);
	mmio_wr(v, PLANE_SURF_A, 4, 0);
	flip_done(0);
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "surface at GM 0 (the host's)");
	mmio_wr(v, PLANE_SURF_A, 4, (uint32_t)other->pv.low_base);
	flip_done((uint32_t)other->pv.low_base);
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "surface in the other vGPU's slice");
	xrgb_plane(v->pv.low_size - 4096);
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY,
		 "framebuffer running past the end of the slice");
	xrgb_plane(GM_UNBACKED);
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "surface on unbacked GM");
	pte_wr(v, gm_index(gm(GM_FB(0))) + last, 0);
	xrgb_plane(GM_FB(0));
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "last page of the framebuffer unbacked");
	pte_wr(v, gm_index(gm(GM_FB(0))) + last, pte_to(&mem, MEM_FB(0) + last));

	plane(ENABLE | FMT_XRGB8888, 0, W, H, GM_FB(0));
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "stride 0");
	plane(ENABLE | FMT_XRGB8888, 4096 / 64 - 1, W, H, GM_FB(0));
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "stride shorter than a row");
	mmio_wr(v, PIPESRC_A, 4, ~0u);
	plane(ENABLE | FMT_XRGB8888, 0xfff, 8192, 8192, GM_FB(0));
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "8192x8192 with a 256 KiB stride");
	plane(ENABLE | FMT_XRGB8888, 4096 / 64, 65536, 65536, GM_FB(0));
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "65536x65536");
	plane(ENABLE | FMT_XRGB8888, 0xfff, 4096, 1024, GM_FB(0));
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY,
		 "a 256 MiB framebuffer (past the slice)");
	mmio_wr(v, PIPESRC_A, 4, (W - 1) << 16 | (H - 1));
	plane(ENABLE | FMT_XRGB8888, 8192 / 64, W, H, GM_FB(0));
	mmio_wr(v, PLANE_OFFSET_A, 4, 10u << 16 | 16);
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "an offset, which a dma-buf cannot say");
	mmio_wr(v, PLANE_OFFSET_A, 4, 0xffffffffu);
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "offset 65535,65535");
	plane(ENABLE | 15u << 24, 4096 / 64, W, H, GM_FB(0));
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "format field 15 (unknown)");
	plane(ENABLE | 8u << 24, 4096 / 64, W, H, GM_FB(0));
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "format XYUV (not decoded)");
	plane(ENABLE | FMT_XRGB8888 | TILED_Y, 4096 / 128, W, H, GM_FB(0));
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "Y tiling");
	plane(ENABLE | FMT_XRGB8888 | TILED_YF, 4096 / 128, W, H, GM_FB(0));
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "Yf tiling");
	plane(ENABLE | FMT_XRGB8888 | 2, 4096 / 64, W, H, GM_FB(0));
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "rotated 180");
	tap_ok(vgpu_counter(v, "planes_refused") - refused >= 17,
	       "each refusal counted in planes_refused (%ld)",
	       vgpu_counter(v, "planes_refused") - refused);
	check_eq(mgvt_stat("dmabufs"), 0, "no dma-buf exists");
	xrgb_plane(GM_FB(0));
}

/*
 * A GGTT rewrite, then a DMA unmap and the guest memory freed, under an
 * exported dma-buf: it keeps the old pages and their picture.
 */
static void test_rewrite_unmap(void)
{
	struct vfio_device_gfx_plane_info pi;
	uint32_t id;
	uint8_t *p;
	long fd;

	query(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, &pi);
	id = pi.dmabuf_id;
	fd = get_dmabuf(id);
	p = fd >= 0 ? mmap(NULL, FB_BYTES, PROT_READ, MAP_SHARED, (int)fd, 0) : MAP_FAILED;
	if (!tap_ok(p != MAP_FAILED, "framebuffer 1 exported and mmapped"))
		return;
	pte_wr(v, gm_index(gm(GM_FB(0))), pte_to(&mem, MEM_SPARE));
	memset(mem_page(&mem, MEM_SPARE), 0x77, PAGE);
	tap_ok(pixels_ok(p, 4096, W, H, 1, 0, 0),
	       "GGTT entry 0 rewritten: the dma-buf still shows the old page");
	query(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, &pi);
	tap_ok(pi.dmabuf_id && pi.dmabuf_id != id && mgvt_stat("dmabufs") == 1,
	       "a new query sees other pages: a new id (%u, was %u)", pi.dmabuf_id, id);
	check_err(dma_unmap(v, mem.iova, mem.len), 0, "the whole guest memory DMA-unmapped");
	munmap(mem.va, mem.len);
	mem.va = NULL;
	no_plane(VFIO_GFX_PLANE_TYPE_DMABUF, PLANE_PRIMARY, "after the unmap (entries on scratch)");
	check_eq(mgvt_stat("dmabuf_pages"), FB_PAGES, "the dma-buf still holds its 768 pages");
	/* Reuse freed memory: the dma-buf's pages must not be among it. */
	{
		size_t len = 64 * MiB;
		uint8_t *junk = mmap(NULL, len, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

		if (junk != MAP_FAILED) {
			memset(junk, 0x5a, len);
			munmap(junk, len);
		}
	}
	tap_ok(pixels_ok(p, 4096, W, H, 1, 0, 0),
	       "guest memory freed and reused: the dma-buf still reads the picture");
	munmap(p, FB_BYTES);
	close((int)fd);
	check_eq(mgvt_stat("dmabufs"), 0, "released at last");
	check_eq(mgvt_stat("dmabuf_pages"), 0, "every page reference dropped");
}

static void test_region(void)
{
	struct vfio_device_gfx_plane_info pi;
	const struct vfio_region_info_cap_type *ct;
	struct vfio_region_info *ri;
	uint8_t *p, buf[64];
	char mode[32];

	check_err(sysfs_write(fmt("%s/mgvt/display_mode", v->dir), "region"), 0,
		  "display_mode set to region");
	tap_ok(sysfs_read_line(fmt("%s/mgvt/display_mode", v->dir), mode, sizeof(mode)) > 0 &&
	       !strcmp(mode, "region"), "display_mode reads region");
	check_err(query(VFIO_GFX_PLANE_TYPE_PROBE | VFIO_GFX_PLANE_TYPE_REGION, 0, &pi), 0,
		  "probe REGION: supported");
	check_err(query(VFIO_GFX_PLANE_TYPE_PROBE | VFIO_GFX_PLANE_TYPE_DMABUF, 0, &pi), EINVAL,
		  "probe DMABUF: not offered in region mode (QEMU then takes the region)");

	ri = region_info(v, REGION_INDEX);
	if (!tap_ok(ri != NULL, "region info of index %u", REGION_INDEX))
		return;
	check_eq(ri->size, 4096ull * 2160 * 4, "display region: 4096x2160x4 bytes");
	check_eq(ri->flags & (VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_WRITE |
			      VFIO_REGION_INFO_FLAG_MMAP),
		 VFIO_REGION_INFO_FLAG_READ | VFIO_REGION_INFO_FLAG_MMAP,
		 "read-only and mmap-able");
	ct = (const void *)region_cap(ri, VFIO_REGION_INFO_CAP_TYPE);
	tap_ok(ct && ct->type == (VFIO_REGION_TYPE_PCI_VENDOR_TYPE | 0x8086u) &&
	       ct->subtype == 0x4d47, "type capability: Intel vendor region, mgvt display");
	free(ri);

	xrgb_plane(GM_FB(1));
	check_err(query(VFIO_GFX_PLANE_TYPE_REGION, PLANE_PRIMARY, &pi), 0, "REGION query");
	tap_ok(pi.region_index == REGION_INDEX && pi.drm_format == DRM_XRGB8888 &&
	       pi.drm_format_mod == 0 && pi.width == W && pi.height == H && pi.stride == 4096 &&
	       pi.size == FB_BYTES, "region %u: XRGB8888 1024x768, stride 4096, 3 MiB",
	       pi.region_index);
	check_err(query(VFIO_GFX_PLANE_TYPE_REGION, 0, &pi), 0,
		  "REGION query of plane type 0, as QEMU 7.2 sends it");
	tap_ok(pi.region_index == REGION_INDEX && pi.width == W && pi.size == FB_BYTES,
	       "answers for the primary plane");
	p = mmap(NULL, FB_BYTES, PROT_READ, MAP_SHARED, v->device, region_offset(REGION_INDEX));
	if (!tap_ok(p != MAP_FAILED, "display region mmapped read-only"))
		return;
	tap_ok(pixels_ok(p, 4096, W, H, 2, 0, 0), "its pixels are framebuffer 2's");
	tap_ok(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, v->device,
		    region_offset(REGION_INDEX)) == MAP_FAILED, "a writable mmap is refused");
	check_eq(region_rw(v, false, REGION_INDEX, 4096 * 7 + 8, buf, 8), 8, "read() of 8 bytes");
	check_eq(word(buf), pat(2, 2, 7), "pixel 2,7 through read()");
	check_err(region_rw(v, true, REGION_INDEX, 0, buf, 8), EINVAL, "a write is refused");

	/* X-tiled: detiled into the region. */
	plane(ENABLE | FMT_XRGB8888 | TILED_X, 4096 / 512, W, H, GM_FB(2));
	flip_done((uint32_t)gm(GM_FB(2)));
	query(VFIO_GFX_PLANE_TYPE_REGION, PLANE_PRIMARY, &pi);
	tap_ok(pi.drm_format_mod == 0 && pi.stride == 4096, "X-tiled plane: the region is linear");
	tap_ok(pixels_ok(p, 4096, W, H, 3, 0, 0), "every pixel detiled in place");

	/* A window of the surface: offset 16,10, 1000x700. */
	plane(ENABLE | FMT_XRGB8888, 4096 / 64, 1000, 700, GM_FB(0));
	mmio_wr(v, PLANE_OFFSET_A, 4, 10u << 16 | 16);
	flip_done((uint32_t)gm(GM_FB(0)));
	query(VFIO_GFX_PLANE_TYPE_REGION, PLANE_PRIMARY, &pi);
	tap_ok(pi.width == 1000 && pi.height == 700 && pi.stride == 4096,
	       "offset plane: 1000x700 (%ux%u)", pi.width, pi.height);
	tap_ok(pixels_ok(p, 4096, 1000, 700, 1, 16, 10), "the region starts at pixel 16,10");
	munmap(p, FB_BYTES);

	no_plane(VFIO_GFX_PLANE_TYPE_REGION, PLANE_CURSOR, "the cursor is not a region");
	xrgb_plane(GM_UNBACKED);
	no_plane(VFIO_GFX_PLANE_TYPE_REGION, PLANE_PRIMARY, "region: surface on unbacked GM");
	mmio_wr(v, PLANE_SURF_A, 4, (uint32_t)other->pv.low_base);
	flip_done((uint32_t)other->pv.low_base);
	no_plane(VFIO_GFX_PLANE_TYPE_REGION, PLANE_PRIMARY, "region: the other vGPU's slice");
	sysfs_write(fmt("%s/mgvt/display_mode", v->dir), "dmabuf");
	xrgb_plane(GM_FB(0));
}

/* What one user's guest showed must not reach the next user of the vGPU. */
static void test_next_user(void)
{
	struct vfio_device_gfx_plane_info pi;
	uint8_t *p;
	size_t i, nonzero = 0;

	check_err(sysfs_write(fmt("%s/mgvt/display_mode", v->dir), "region"), 0,
		  "display_mode region again");
	xrgb_plane(GM_FB(1));
	query(VFIO_GFX_PLANE_TYPE_REGION, PLANE_PRIMARY, &pi);
	vfio_close(v);
	if (!tap_ok(vfio_open(v, false), "closed and opened again: the next user"))
		return;
	p = mmap(NULL, FB_BYTES, PROT_READ, MAP_SHARED, v->device, region_offset(REGION_INDEX));
	if (!tap_ok(p != MAP_FAILED, "the next user maps the display region"))
		return;
	for (i = 0; i < FB_BYTES; i++)
		nonzero += p[i] != 0;
	check_eq(nonzero, 0, "it holds nothing of the last user's screen");
	munmap(p, FB_BYTES);
	sysfs_write(fmt("%s/mgvt/display_mode", v->dir), "dmabuf");
}

/* The module parameter gives new vGPUs their display_mode. */
static void test_module_default(void)
{
	const char *param = "/sys/module/mgvt/parameters/display_mode";
	struct vgpu *c = vgpu_new("C", find_type("GVTg_V5_8"));
	char buf[32];

	tap_ok(sysfs_read_line(param, buf, sizeof(buf)) > 0 && !strcmp(buf, "dmabuf"),
	       "module parameter display_mode: dmabuf (%s)", buf);
	check_err(sysfs_write(param, "vga"), EINVAL, "display_mode=vga refused");
	check_err(sysfs_write(param, "region"), 0, "display_mode=region");
	if (c && !vgpu_create(c)) {
		tap_ok(sysfs_read_line(fmt("%s/mgvt/display_mode", c->dir), buf, sizeof(buf)) > 0 &&
		       !strcmp(buf, "region"), "a new vGPU starts in region mode (%s)", buf);
		tap_ok(sysfs_read_line(fmt("%s/mgvt/display_mode", v->dir), buf, sizeof(buf)) > 0 &&
		       !strcmp(buf, "dmabuf"), "an existing one keeps its own (%s)", buf);
		vgpu_remove(c);
	} else {
		tap_ok(false, "a third vGPU for the module parameter");
	}
	sysfs_write(param, "dmabuf");
}

int main(int argc, char **argv)
{
	int ret = simple_program_start(argc, argv, 300);

	if (ret >= 0)
		return ret;
	v = vgpu_new("A", find_type("GVTg_V5_4"));
	other = vgpu_new("B", find_type("GVTg_V5_4"));
	if (!v || !other || vgpu_create(v) || vgpu_create(other) || !vfio_open(v, false) ||
	    !vfio_open(other, false) || !read_pvinfo(other)) {
		tap_bail("could not create and open two GVTg_V5_4 vGPUs");
		cleanup_all();
		return tap_finish();
	}
	if (setup()) {
		test_probe();
		test_primary();
		test_formats();
		test_cursor();
		test_attacks();
		test_region();
		test_rewrite_unmap();
		test_next_user();
		test_module_default();
	}
	mmio_wr(v, PIPECONF_A, 4, 0);
	vfio_close(v);
	vfio_close(other);
	return program_finish();
}

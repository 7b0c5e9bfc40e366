// SPDX-License-Identifier: GPL-2.0
/*
 * The framebuffer behind a vGPU's planes, for the VFIO plane query.
 *
 * A query reads pipe A's plane registers (the surface the plane scans out
 * now: PLANE_SURFLIVE, which a synchronous flip updates at vblank), the
 * cursor registers and PVINFO's hotspot under the vGPU lock, decodes them
 * (display/plane.c), and checks that the whole framebuffer lies in the
 * vGPU's GM and that every page of it is backed by a guest page in the
 * GGTT (mm/ggtt.c); a plane that fails any of this is reported as no
 * plane, counted ("planes_refused") and logged.  No plane either while
 * the pipe is off.
 *
 * Dma-buf: each plane reported gets a dma-buf id, the same while the plane
 * shows the same buffer the same way (surface, format, size, stride,
 * tiling and the guest pages behind it), a new one otherwise; the last
 * MGVT_FB_RECORDS planes are remembered.  Exporting an id re-checks that
 * its pages are still the ones behind the surface and exports them as a
 * dma-buf of our own: a reference on each page (get_page()) is held until
 * the dma-buf is released, so a GGTT rewrite or a VFIO DMA unmap while it
 * lives leaves it on the old pages, which the host cannot give anyone
 * else meanwhile; its contents then no longer follow the guest.  The
 * dma-buf file is read-only and so is its mmap; device importers get an
 * sg_table of the pages.  Planes with a PLANE_OFFSET are not exported:
 * the VFIO plane info has nowhere to say where the picture starts.
 *
 * Region: the primary plane copied, linear (an X-tiled one detiled, its
 * visible window from PLANE_OFFSET on), into a buffer of
 * MGVT_FB_REGION_SIZE bytes at each query; the front end offers the
 * buffer as a read-only, mmap-able device region.  The copy keeps the
 * plane's stride.  The buffer is allocated at the first use and freed
 * with the vGPU; no guest page is ever mapped through it.  The cursor is
 * not offered as a region.
 *
 * Locking: the query's lock (display.fb.lock) is taken first; the vGPU
 * lock (register snapshot) and the GGTT lock (page references) are each
 * taken and released inside it, never together.  The region's mmap takes
 * no lock: the buffer is set once and lives as long as the vGPU.
 */
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/fcntl.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <uapi/drm/drm_fourcc.h>

#include "core/log.h"
#include "core/stats.h"
#include "core/vgpu_types.h"
#include "display/fb.h"
#include "display/plane.h"
#include "mgvt_pvinfo.h"
#include "mm/ggtt.h"
#include "regs/regs.h"
#include "trap/mmio.h"

MODULE_IMPORT_NS(DMA_BUF);

static const char *const kind_name[] = {
	[MGVT_PLANE_PRIMARY] = "primary",
	[MGVT_PLANE_CURSOR] = "cursor",
};

/**
 * struct fb_buf - what one exported dma-buf holds
 * @npages: pages
 * @pages: the guest pages, a reference held on each
 */
struct fb_buf {
	unsigned long npages;
	struct page *pages[];
};

/**
 * mgvt_fb_init - the plane query of a new vGPU: nothing reported yet
 * @vgpu: the vGPU
 */
void mgvt_fb_init(struct mgvt_vgpu *vgpu)
{
	struct mgvt_fb *fb = &vgpu->display.fb;

	mutex_init(&fb->lock);
	memset(fb->rec, 0, sizeof(fb->rec));
	fb->next = 0;
	fb->last_id = 0;
	fb->region = NULL;
}

/**
 * mgvt_fb_fini - free the display region's buffer
 * @vgpu: the vGPU being torn down (no user mapping of it is left)
 *
 * Exported dma-bufs do not depend on the vGPU: they live on.
 */
void mgvt_fb_fini(struct mgvt_vgpu *vgpu)
{
	vfree(vgpu->display.fb.region);
	vgpu->display.fb.region = NULL;
	mutex_destroy(&vgpu->display.fb.lock);
}

/**
 * mgvt_fb_reset - the device closed: nothing of this user's screen stays
 * @vgpu: the vGPU, no lock held, no user mapping of the region left
 *
 * The display region's buffer is cleared and the planes reported are
 * forgotten, so the next user neither reads the last copy nor exports a
 * dma-buf by an id it was never given.  Dma-bufs already exported stay.
 */
void mgvt_fb_reset(struct mgvt_vgpu *vgpu)
{
	struct mgvt_fb *fb = &vgpu->display.fb;

	mutex_lock(&fb->lock);
	if (fb->region)
		memset(fb->region, 0, MGVT_FB_REGION_SIZE);
	memset(fb->rec, 0, sizeof(fb->rec));
	fb->next = 0;
	mutex_unlock(&fb->lock);
}

/* Pipe A's plane registers; false if the pipe is off. */
static bool read_regs(struct mgvt_vgpu *vgpu, struct mgvt_plane_regs *r)
{
	bool on;

	mutex_lock(&vgpu->lock);
	r->ctl = *mgvt_vreg(vgpu, PLANE_CTL(0));
	r->stride = *mgvt_vreg(vgpu, PLANE_STRIDE(0));
	r->size = *mgvt_vreg(vgpu, PLANE_SIZE(0));
	r->offset = *mgvt_vreg(vgpu, PLANE_OFFSET(0));
	r->surf = *mgvt_vreg(vgpu, PLANE_SURFLIVE(0));
	r->pipesrc = *mgvt_vreg(vgpu, PIPESRC(0));
	r->cur_ctl = *mgvt_vreg(vgpu, CUR_CTL(0));
	r->cur_base = *mgvt_vreg(vgpu, CUR_BASE(0));
	r->cur_pos = *mgvt_vreg(vgpu, CUR_POS(0));
	r->x_hot = *mgvt_vreg(vgpu, MGVT_PVINFO_BASE + MGVT_PVINFO_CURSOR_X_HOT);
	r->y_hot = *mgvt_vreg(vgpu, MGVT_PVINFO_BASE + MGVT_PVINFO_CURSOR_Y_HOT);
	on = vgpu->display.pipe[0].running;
	mutex_unlock(&vgpu->lock);
	return on;
}

static void put_pages(struct page **pages, unsigned long n)
{
	while (n--)
		put_page(pages[n]);
}

/* Which pages, in which order (FNV-1a over the frame numbers). */
static u64 pages_hash(struct page **pages, unsigned long n)
{
	u64 h = 0xcbf29ce484222325ULL;
	unsigned long i;

	for (i = 0; i < n; i++) {
		h ^= page_to_pfn(pages[i]);
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The id of @p as reported before, or a new one. */
static u32 record(struct mgvt_fb *fb, enum mgvt_plane_kind kind,
		  const struct mgvt_plane *p, u64 hash)
{
	struct mgvt_fb_record *rec;
	unsigned int i;

	for (i = 0; i < MGVT_FB_RECORDS; i++) {
		rec = &fb->rec[i];
		if (rec->id && rec->kind == kind && rec->hash == hash &&
		    mgvt_plane_same(&rec->plane, p))
			return rec->id;
	}
	rec = &fb->rec[fb->next];
	fb->next = (fb->next + 1) % MGVT_FB_RECORDS;
	if (!++fb->last_id)
		fb->last_id = 1;
	rec->id = fb->last_id;
	rec->kind = kind;
	rec->plane = *p;
	rec->hash = hash;
	return rec->id;
}

/* The region's buffer, allocated at the first use; NULL without memory. */
static void *region_buffer(struct mgvt_fb *fb)
{
	void *buf = READ_ONCE(fb->region), *old;

	if (buf)
		return buf;
	buf = vmalloc_user(MGVT_FB_REGION_SIZE);
	if (!buf)
		return NULL;
	old = cmpxchg(&fb->region, NULL, buf);
	if (old) {
		vfree(buf);
		return old;
	}
	return buf;
}

/* @len bytes at byte @off of the surface behind @pages. */
static void copy_from_pages(struct page **pages, u64 off, u8 *dst, size_t len)
{
	while (len) {
		size_t n = min_t(size_t, len, PAGE_SIZE - offset_in_page(off));
		u8 *src = kmap_local_page(pages[off >> PAGE_SHIFT]);

		memcpy(dst, src + offset_in_page(off), n);
		kunmap_local(src);
		off += n;
		dst += n;
		len -= n;
	}
}

/* The visible window of @p, linear, @p->stride bytes a row, into @dst. */
static void region_copy(u8 *dst, const struct mgvt_plane *p, struct page **pages)
{
	u32 row = p->width * p->cpp, x0 = p->x_off * p->cpp, y, sy, xb, n;

	for (y = 0; y < p->height; y++, dst += p->stride) {
		sy = p->y_off + y;
		if (!p->x_tiled) {
			copy_from_pages(pages, (u64)sy * p->stride + x0, dst, row);
			continue;
		}
		for (xb = 0; xb < row; xb += n) {
			n = min(row - xb, MGVT_XTILE_W - (x0 + xb) % MGVT_XTILE_W);
			copy_from_pages(pages,
					mgvt_plane_xtile_offset(p->stride, x0 + xb, sy),
					dst + xb, n);
		}
	}
}

/**
 * mgvt_fb_query - the plane a pipe A plane shows now
 * @vgpu: the vGPU, no lock held
 * @kind: primary or cursor
 * @region: for the display region (the primary plane copied there, its
 *	description that of the copy: linear, no offset); else for a dma-buf
 * @p: the plane, filled on success
 * @id: its dma-buf id (0 for the region)
 *
 * Return: 0; -ENOENT for no plane (disabled, pipe off, or refused and
 * logged); -ENOMEM.
 */
int mgvt_fb_query(struct mgvt_vgpu *vgpu, enum mgvt_plane_kind kind,
		  bool region, struct mgvt_plane *p, u32 *id)
{
	struct mgvt_fb *fb = &vgpu->display.fb;
	struct mgvt_plane_regs r;
	struct page **pages;
	const char *why;
	unsigned long n;
	void *buf;
	int ret;

	*id = 0;
	if (!read_regs(vgpu, &r))
		return -ENOENT;
	if (region && kind != MGVT_PLANE_PRIMARY)
		return -ENOENT;
	ret = mgvt_plane_decode(&r, kind, p, &why);
	if (ret == -ENOENT)
		return ret;
	if (ret)
		goto refuse;
	why = "framebuffer outside the vGPU's GM";
	if (!mgvt_gm_in_slices(&vgpu->slice, p->gm, p->size))
		goto refuse;
	why = "larger than the display region";
	if (region && (u64)p->stride * p->height > MGVT_FB_REGION_SIZE)
		goto refuse;
	why = "an offset in the surface, which a dma-buf cannot carry";
	if (!region && (p->x_off || p->y_off))
		goto refuse;

	n = p->size >> PAGE_SHIFT;
	pages = kvmalloc_array(n, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	mutex_lock(&fb->lock);
	ret = mgvt_ggtt_get_pages(vgpu, p->gm, n, pages);
	if (ret) {
		mutex_unlock(&fb->lock);
		kvfree(pages);
		why = "framebuffer not backed by guest memory";
		goto refuse;
	}
	if (region) {
		buf = region_buffer(fb);
		if (buf) {
			region_copy(buf, p, pages);
			p->x_tiled = false;
			p->modifier = DRM_FORMAT_MOD_LINEAR;
			p->x_off = 0;
			p->y_off = 0;
			p->size = PAGE_ALIGN((u64)p->stride * p->height);
		} else {
			ret = -ENOMEM;
		}
	} else {
		*id = record(fb, kind, p, pages_hash(pages, n));
	}
	mutex_unlock(&fb->lock);
	put_pages(pages, n);
	kvfree(pages);
	return ret;

refuse:
	mgvt_count(vgpu, MGVT_CNT_PLANES_REFUSED, 1);
	vgpu_warn_rl(vgpu, "%s plane (surface %#x, control %#x): %s, no plane\n",
		     kind_name[kind],
		     kind == MGVT_PLANE_CURSOR ? r.cur_base : r.surf,
		     kind == MGVT_PLANE_CURSOR ? r.cur_ctl : r.ctl, why);
	return -ENOENT;
}

static struct sg_table *fb_map(struct dma_buf_attachment *at,
			       enum dma_data_direction dir)
{
	struct fb_buf *b = at->dmabuf->priv;
	struct sg_table *sgt;
	int ret;

	sgt = kzalloc(sizeof(*sgt), GFP_KERNEL);
	if (!sgt)
		return ERR_PTR(-ENOMEM);
	ret = sg_alloc_table_from_pages(sgt, b->pages, b->npages, 0,
					b->npages << PAGE_SHIFT, GFP_KERNEL);
	if (ret)
		goto err_free;
	ret = dma_map_sgtable(at->dev, sgt, dir, 0);
	if (ret)
		goto err_table;
	return sgt;

err_table:
	sg_free_table(sgt);
err_free:
	kfree(sgt);
	return ERR_PTR(ret);
}

static void fb_unmap(struct dma_buf_attachment *at, struct sg_table *sgt,
		     enum dma_data_direction dir)
{
	dma_unmap_sgtable(at->dev, sgt, dir, 0);
	sg_free_table(sgt);
	kfree(sgt);
}

static void fb_release(struct dma_buf *dmabuf)
{
	struct fb_buf *b = dmabuf->priv;

	put_pages(b->pages, b->npages);
	mgvt_stat(MGVT_STAT_DMABUFS, -1);
	mgvt_stat(MGVT_STAT_DMABUF_PAGES, -(long)b->npages);
	kvfree(b);
}

/* Read-only: the pages as they are, never writable. */
static int fb_mmap(struct dma_buf *dmabuf, struct vm_area_struct *vma)
{
	struct fb_buf *b = dmabuf->priv;
	unsigned long addr, i = vma->vm_pgoff;
	int ret;

	if (vma->vm_flags & VM_WRITE)
		return -EACCES;
	vma->vm_flags &= ~VM_MAYWRITE;
	vma->vm_flags |= VM_DONTEXPAND | VM_DONTDUMP;
	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE, i++) {
		if (i >= b->npages)
			return -EINVAL;
		ret = remap_pfn_range(vma, addr, page_to_pfn(b->pages[i]),
				      PAGE_SIZE, vma->vm_page_prot);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * DOC: fb_dmabuf_ops
 *
 * The dma-buf of a plane: @map_dma_buf and @unmap_dma_buf give an
 * importer an sg_table of the guest pages, DMA-mapped for its device;
 * @mmap maps them read-only into a process; @release drops the page
 * references taken at export.
 */
static const struct dma_buf_ops fb_dmabuf_ops = {
	.map_dma_buf	= fb_map,
	.unmap_dma_buf	= fb_unmap,
	.release	= fb_release,
	.mmap		= fb_mmap,
};

/**
 * mgvt_fb_dmabuf_fd - export a plane the query reported as a dma-buf
 * @vgpu: the vGPU, no lock held
 * @id: the plane's dma-buf id
 *
 * The guest pages behind the plane must still be the ones it had when
 * reported.
 *
 * Return: a new file descriptor of a read-only dma-buf; -ENOENT for an
 * unknown id or a plane whose pages changed (query again); -ENOMEM.
 */
int mgvt_fb_dmabuf_fd(struct mgvt_vgpu *vgpu, u32 id)
{
	DEFINE_DMA_BUF_EXPORT_INFO(exp);
	struct mgvt_fb *fb = &vgpu->display.fb;
	struct mgvt_fb_record rec = { 0 };
	struct dma_buf *dmabuf;
	struct fb_buf *b;
	unsigned long n;
	unsigned int i;
	int ret;

	mutex_lock(&fb->lock);
	for (i = 0; id && i < MGVT_FB_RECORDS; i++)
		if (fb->rec[i].id == id)
			rec = fb->rec[i];
	ret = -ENOENT;
	if (!rec.id) {
		vgpu_warn_rl(vgpu, "dma-buf id %u: no such plane\n", id);
		goto out;
	}
	n = rec.plane.size >> PAGE_SHIFT;
	ret = -ENOMEM;
	b = kvzalloc(struct_size(b, pages, n), GFP_KERNEL);
	if (!b)
		goto out;
	ret = mgvt_ggtt_get_pages(vgpu, rec.plane.gm, n, b->pages);
	if (!ret && pages_hash(b->pages, n) != rec.hash) {
		put_pages(b->pages, n);
		ret = -ENOENT;
	}
	if (ret) {
		vgpu_warn_rl(vgpu, "dma-buf id %u: its pages changed since the query\n", id);
		ret = -ENOENT;
		goto err_free;
	}
	b->npages = n;
	exp.ops = &fb_dmabuf_ops;
	exp.size = n << PAGE_SHIFT;
	exp.flags = O_RDONLY;
	exp.priv = b;
	dmabuf = dma_buf_export(&exp);
	if (IS_ERR(dmabuf)) {
		ret = PTR_ERR(dmabuf);
		put_pages(b->pages, n);
		goto err_free;
	}
	mgvt_stat(MGVT_STAT_DMABUFS, 1);
	mgvt_stat(MGVT_STAT_DMABUF_PAGES, n);
	mutex_unlock(&fb->lock);

	ret = dma_buf_fd(dmabuf, O_CLOEXEC);
	if (ret < 0)
		dma_buf_put(dmabuf);
	return ret;

err_free:
	kvfree(b);
out:
	mutex_unlock(&fb->lock);
	return ret;
}

/**
 * mgvt_fb_region_read - read the display region
 * @vgpu: the vGPU
 * @buf: user buffer
 * @count: bytes
 * @off: offset in the region; [@off, @off + @count) inside it (the caller
 *	checked)
 *
 * Return: @count, -EFAULT or -ENOMEM.
 */
ssize_t mgvt_fb_region_read(struct mgvt_vgpu *vgpu, char __user *buf,
			    size_t count, u64 off)
{
	u8 *region = region_buffer(&vgpu->display.fb);

	if (!region)
		return -ENOMEM;
	if (copy_to_user(buf, region + off, count))
		return -EFAULT;
	return count;
}

/**
 * mgvt_fb_region_mmap - map the display region, read-only
 * @vgpu: the vGPU
 * @vma: the user mapping
 * @off: page-aligned offset in the region where it starts
 *
 * Return: 0, -EACCES for a writable mapping, -EINVAL past the region's
 * end, -ENOMEM.
 */
int mgvt_fb_region_mmap(struct mgvt_vgpu *vgpu, struct vm_area_struct *vma,
			u64 off)
{
	void *region;

	if (vma->vm_flags & VM_WRITE)
		return -EACCES;
	if (off >= MGVT_FB_REGION_SIZE || offset_in_page(off) ||
	    vma->vm_end - vma->vm_start > MGVT_FB_REGION_SIZE - off)
		return -EINVAL;
	region = region_buffer(&vgpu->display.fb);
	if (!region)
		return -ENOMEM;
	vma->vm_flags &= ~VM_MAYWRITE;
	return remap_vmalloc_range(vma, region, off >> PAGE_SHIFT);
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mgvt internal structures shared by the mediator's subsystems.
 */
#ifndef MGVT_H
#define MGVT_H

#include <linux/atomic.h>
#include <linux/eventfd.h>
#include <linux/idr.h>
#include <linux/list.h>
#include <linux/mdev.h>
#include <linux/mutex.h>
#include <linux/vfio.h>
#include <linux/xarray.h>

#include "cfg.h"
#include "gm.h"
#include "hal.h"

#define MGVT_DRIVER_NAME	"mgvt"
#define MGVT_VERSION		"0.1.0"

/**
 * struct mgvt_type_conf - a vGPU type, as GVT-g describes its types
 * @name: type name, the sysfs directory is "mgvt-<name>"
 * @low_mb: low (mappable) GM in MiB
 * @high_mb: high (hidden) GM in MiB
 * @fences: fence registers
 * @resolution: largest display resolution offered
 * @weight: scheduler weight
 */
struct mgvt_type_conf {
	const char *name;
	u32 low_mb;
	u32 high_mb;
	u32 fences;
	const char *resolution;
	u32 weight;
};

/**
 * struct mgvt_type - a type registered on one pGPU
 * @mtype: the mdev core's view
 * @conf: its configuration
 */
struct mgvt_type {
	struct mdev_type mtype;
	const struct mgvt_type_conf *conf;
};

/* VFIO region offsets as vfio-pci's: the region index in bits 63:40. */
#define MGVT_REGION_SHIFT	40
#define MGVT_REGION_MASK	((1ULL << MGVT_REGION_SHIFT) - 1)

#define MGVT_MAX_TYPES		8
#define MGVT_NUM_ENGINES	4
#define MGVT_MAX_PPGTT		64	/* guest PPGTT roots announced at once */
#define MGVT_NATIVE_BUF_PAGES	16
#define MGVT_NATIVE_PAGES	(MGVT_NUM_ENGINES * 5 + MGVT_NATIVE_BUF_PAGES)

struct dentry;
struct seq_file;
struct vm_area_struct;

/**
 * struct mgvt_native - the native client of a pGPU (native.c)
 * @pgpu: its pGPU
 * @lock: serialises runs and buffer access
 * @pages: HWSPs, contexts, rings, batches and the buffer
 * @dma: their DMA addresses
 * @seqno: last sequence number written
 * @csb_read: per engine, the last CSB entry consumed
 * @ready: engines set up
 * @last_ns: per engine, host time of the last run
 * @last_ret: per engine, result of the last run
 * @last_model_ns: per engine, modelled time of the last run (timestamps)
 * @dir: debugfs directory
 * @irq_user: per engine, user interrupts seen by the pGPU interrupt handler
 * @irq_ctxsw: per engine, context-switch interrupts seen
 */
struct mgvt_native {
	struct mgvt_pgpu *pgpu;
	struct mutex lock; /* runs and buffer */
	struct page *pages[MGVT_NATIVE_PAGES];
	dma_addr_t dma[MGVT_NATIVE_PAGES];
	u32 seqno;
	u32 csb_read[MGVT_NUM_ENGINES];
	u32 ready;
	u64 last_ns[MGVT_NUM_ENGINES];
	int last_ret[MGVT_NUM_ENGINES];
	u64 last_model_ns[MGVT_NUM_ENGINES];
	struct dentry *dir;
	atomic_t irq_user[MGVT_NUM_ENGINES];
	atomic_t irq_ctxsw[MGVT_NUM_ENGINES];
};

/**
 * struct mgvt_pgpu - a registered physical GPU
 * @desc: what the provider registered
 * @parent: mdev parent hanging off @desc.dev
 * @types: types that fit this pGPU
 * @mtypes: pointers to @types[].mtype, for the mdev core
 * @nr_types: number of registered types
 * @lock: protects @pool and @ids
 * @pool: free GM and fences
 * @ids: vGPU ids (vgt_id in PVINFO)
 * @native: the native client
 * @golden: register values captured at registration, after the pGPU's
 *	reset and before any vGPU exists (MF_GOLDEN registers only)
 */
struct mgvt_pgpu {
	struct mgvt_pgpu_desc desc;
	struct mdev_parent parent;
	struct mgvt_type types[MGVT_MAX_TYPES];
	struct mdev_type *mtypes[MGVT_MAX_TYPES];
	unsigned int nr_types;
	struct mutex lock; /* protects pool and ids */
	struct mgvt_gm_pool pool;
	struct ida ids;
	struct mgvt_native native;
	u32 *golden;
};

/**
 * struct mgvt_irq - interrupt plumbing of one vGPU towards its VFIO user
 * @intx_trigger: eventfd signalled for INTx
 * @msi_trigger: eventfd signalled for MSI
 * @err_trigger: eventfd for the ERR index
 * @req_trigger: eventfd for the REQ index (device removal request)
 * @intx_mask_fd: eventfd that masks INTx when signalled
 * @intx_unmask_fd: eventfd that unmasks INTx when signalled (KVM resample)
 * @intx_masked: INTx masked by the user or by automasking
 * @intx_pending: an INTx is asserted and not yet delivered
 * @line: the virtual interrupt line (master enabled and a GT bit pending)
 */
struct mgvt_irq {
	struct eventfd_ctx *intx_trigger;
	struct eventfd_ctx *msi_trigger;
	struct eventfd_ctx *err_trigger;
	struct eventfd_ctx *req_trigger;
	struct virqfd *intx_mask_fd;
	struct virqfd *intx_unmask_fd;
	bool intx_masked;
	bool intx_pending;
	bool line;
};

/**
 * struct mgvt_ggtt - a vGPU's entries in the pGPU's GGTT (ggtt.c)
 * @lock: serialises guest PTE writes, pinning and unpinning, the GGTT
 *	view and BAR2 region accesses; taken before @ap's locks, never
 *	while holding the vGPU's @lock
 * @pins: GM page index -> struct mgvt_pin, for every entry of the slices
 *	backed by a pinned guest page; all other entries of the slices point
 *	at the vGPU's scratch page
 * @scratch_dma: DMA address of the vGPU's scratch page
 * @halves: two bits per entry of the view: its low and high 4-byte halves
 *	written since it was last applied whole
 * @fences: ranges the VFIO user is unmapping now (unmap_fence.c): no pin
 *	inside them until the unmapping task leaves the kernel
 * @pins_blocked: a fence could not be made, so every pin is refused until
 *	the device is closed
 */
struct mgvt_ggtt {
	struct mutex lock; /* PTE writes, pins, view, BAR2 region access */
	struct xarray pins;
	dma_addr_t scratch_dma;
	unsigned long *halves;
	struct list_head fences;
	bool pins_blocked;
};

/**
 * struct mgvt_aperture - user mappings of a vGPU's aperture slice (aperture.c)
 * @fault_lock: a fault looks up and inserts a PFN under it; a change of
 *	what backs a GM page is made under it, so no fault can insert a PFN
 *	that is about to go away after the zap that follows the change
 * @vma_lock: protects @vmas
 * @vmas: the vGPU's own list of mappings (struct mgvt_vma): all VFIO
 *	device files share one inode, so its address space cannot be used
 * @zap_seq: number of the current zap pass, under the GGTT lock
 */
struct mgvt_aperture {
	struct mutex fault_lock; /* lookup + insert vs a backing change */
	struct mutex vma_lock; /* protects vmas */
	struct list_head vmas;
	u64 zap_seq;
};

/**
 * struct mgvt_counters - per-vGPU counters, shown in debugfs "counters"
 * @dropped_writes: guest writes to read-only registers, dropped, and 1- or
 *	2-byte writes to masked registers, refused
 * @fence_refused: guest fence values kept off the pGPU
 * @pte_writes: GGTT entries the guest wrote inside its slices
 * @pte_dropped: GGTT writes outside its slices, dropped
 * @pte_refused: entries refused (reserved bits, partial or odd-sized
 *	writes), left pointing at scratch
 * @pin_failures: entries whose guest page could not be pinned or mapped
 * @pinned: guest pages pinned now
 * @unpinned: guest pages unpinned since creation
 * @zaps: user mappings zapped
 * @dma_unmaps: VFIO DMA unmap notifications that hit pinned pages
 * @resets: device resets (VFIO_DEVICE_RESET, close)
 * @container_refused: opens refused because another vGPU shares the VFIO
 *	container (container.c)
 */
struct mgvt_counters {
	atomic_long_t dropped_writes;
	atomic_long_t fence_refused;
	atomic_long_t pte_writes;
	atomic_long_t pte_dropped;
	atomic_long_t pte_refused;
	atomic_long_t pin_failures;
	atomic_long_t pinned;
	atomic_long_t unpinned;
	atomic_long_t zaps;
	atomic_long_t dma_unmaps;
	atomic_long_t resets;
	atomic_long_t container_refused;
};

/**
 * struct mgvt_claim - a vGPU's claim on its VFIO container (container.c)
 * @link: in the module's list of claims while the vGPU may be registered
 *	with a container
 * @container: the container (compared, never followed)
 * @closing: close_device ran; the claim lasts until VFIO's open count is 0
 */
struct mgvt_claim {
	struct list_head link;
	void *container;
	bool closing;
};

/**
 * struct mgvt_vgpu - one vGPU (an mdev + its VFIO device)
 * @vdev: VFIO device, first so the VFIO core can free us
 * @pgpu: the pGPU it lives on
 * @type: its type
 * @id: vGPU id, unique per pGPU, reported as PVINFO vgt_id
 * @slice: GM and fences it owns
 * @lock: protects @cfg, @vregs and @irq
 * @cfg: virtual PCI config space
 * @vregs: virtual register file, the register part of BAR0
 * @vggtt: the guest's view of its GGTT entries (BAR0 + 8 MiB), low slice
 *	then high slice; the rest of the table reads 0.  Under @ggtt.lock
 * @scratch: backs aperture pages that have no valid GGTT entry
 * @irq: interrupt eventfds and INTx state
 * @ppgtt: PML4 addresses (guest physical) the guest announced through
 *	PVINFO g2v notifications; 0 marks a free slot
 * @debugfs: the vGPU's debugfs directory
 * @untracked: untracked registers written since the last reset, each
 *	logged once (one bit per dword)
 * @written_pages: pages of @vregs with a bit set in @untracked
 * @ggtt: its part of the pGPU's GGTT, with the pinned guest pages
 * @ap: user mappings of its aperture slice
 * @cnt: error and activity counters (debugfs "counters")
 * @claim: its claim on the VFIO container it is open in
 */
struct mgvt_vgpu {
	struct vfio_device vdev;
	struct mgvt_pgpu *pgpu;
	const struct mgvt_type_conf *type;
	u32 id;
	struct mgvt_gm_slice slice;
	struct mutex lock; /* protects cfg, vregs, irq */
	struct mgvt_cfg cfg;
	u8 *vregs;
	u8 *vggtt;
	struct page *scratch;
	struct mgvt_irq irq;
	u64 ppgtt[MGVT_MAX_PPGTT];
	struct dentry *debugfs;
	unsigned long *untracked;
	DECLARE_BITMAP(written_pages, MGVT_MMIO_REG_SIZE / PAGE_SIZE);
	struct mgvt_ggtt ggtt;
	struct mgvt_aperture ap;
	struct mgvt_counters cnt;
	struct mgvt_claim claim;
};

/**
 * struct mgvt_stats - what mgvt holds, module-wide (debugfs "mgvt/stats");
 *	a leak shows up as a figure that does not return to its old value
 * @vgpus: vGPUs that exist
 * @open_devices: vGPU devices open by a user
 * @pinned: guest pages pinned
 * @pin_objects: live objects of the pin slab cache
 * @vmas: user mappings of apertures tracked
 * @dma_maps: pages mgvt has DMA-mapped for vGPUs through the HAL
 * @unmap_fences: VFIO unmaps in progress that still fence pins
 */
struct mgvt_stats {
	atomic_long_t vgpus;
	atomic_long_t open_devices;
	atomic_long_t pinned;
	atomic_long_t pin_objects;
	atomic_long_t vmas;
	atomic_long_t dma_maps;
	atomic_long_t unmap_fences;
};

extern struct mgvt_stats mgvt_stats;

/* Log lines name the vGPU: "mgvt_vgpu <uuid>: vgpu<id>: ..." */
#define vgpu_log(logfn, v, fmt, ...) ({				\
	const struct mgvt_vgpu *__v = (v);				\
	logfn(__v->vdev.dev, "vgpu%u: " fmt, __v->id, ##__VA_ARGS__);	\
})
#define vgpu_dbg(v, fmt, ...) vgpu_log(dev_dbg, v, fmt, ##__VA_ARGS__)
#define vgpu_info(v, fmt, ...) vgpu_log(dev_info, v, fmt, ##__VA_ARGS__)
#define vgpu_info_rl(v, fmt, ...) \
	vgpu_log(dev_info_ratelimited, v, fmt, ##__VA_ARGS__)
#define vgpu_warn_rl(v, fmt, ...) \
	vgpu_log(dev_warn_ratelimited, v, fmt, ##__VA_ARGS__)

/* Register kinds of the vGPU register table (mmio_table.c). */
enum mgvt_mmio_kind {
	MK_PLAIN,
	MK_FW_ACK,	/* mirrors its forcewake request */
	MK_RESET_CTL,	/* ready-to-reset follows the request */
	MK_MI_MODE,	/* idle follows stop-ring and the virtual engine */
	MK_GDRST,	/* virtual reset of this vGPU, then reads 0 */
	MK_PCODE,	/* mailbox command done at once, reply 0 */
	MK_PWR_WELL,	/* well state follows its request */
	MK_MASTER_IRQ,	/* control bit stored, pending bits computed */
};

#define MF_RO		BIT(0)	/* guest writes dropped and counted */
#define MF_MASKED	BIT(1)	/* bits 31:16 enable writes of bits 15:0 */
#define MF_W1C		BIT(2)	/* writing 1 clears */
#define MF_ENGINE	BIT(3)	/* one per engine, offset from its base */
#define MF_GOLDEN	BIT(4)	/* reset value from the pGPU's golden state */
#define MF_IRQ		BIT(5)	/* a write may change the interrupt line */

/**
 * struct mgvt_mmio_reg - one entry of the vGPU register table
 * @name: register name, for logs
 * @offset: BAR0 offset, or offset from each engine base with MF_ENGINE
 * @init: value after reset unless MF_GOLDEN
 * @flags: MF_* semantics
 * @kind: behaviour beyond storage
 */
struct mgvt_mmio_reg {
	const char *name;
	u32 offset;
	u32 init;
	u8 flags;
	u8 kind;
};

/* Entries the register table may have: mmio.c indexes it with a u16. */
#define MGVT_MMIO_TABLE_MAX	0xfffe

extern const struct mgvt_mmio_reg mgvt_mmio_table[];
extern const unsigned int mgvt_mmio_table_size;

/* A dword of the vGPU's virtual register file. */
static inline u32 *mgvt_vreg(struct mgvt_vgpu *vgpu, u32 off)
{
	return (u32 *)(vgpu->vregs + (off & ~3u));
}

/**
 * mgvt_in_aperture_slice - is [@off, @off + @len) inside the low slice?
 * @vgpu: the vGPU
 * @off: BAR2 offset (= GM address)
 * @len: length in bytes
 *
 * Return: true if the whole range is this vGPU's.
 */
static inline bool mgvt_in_aperture_slice(const struct mgvt_vgpu *vgpu,
					  u64 off, u64 len)
{
	const struct mgvt_gm_slice *s = &vgpu->slice;

	return off >= s->low_base && len <= s->low_size &&
	       off - s->low_base <= s->low_size - len;
}

/**
 * struct mgvt_counter_field - one line of a debugfs counter table
 * @name: the counter's name
 * @offset: offset of its atomic_long_t in the structure shown
 */
struct mgvt_counter_field {
	const char *name;
	size_t offset;
};

/* container.c: one vGPU per VFIO container (used by vfio.c) */
int mgvt_container_claim(struct mgvt_vgpu *vgpu);
void mgvt_container_closing(struct mgvt_vgpu *vgpu);
void mgvt_container_forget(struct mgvt_vgpu *vgpu);

/* vfio.c */
extern const struct vfio_device_ops mgvt_vfio_ops;

/* mmio.c: BAR0 */
int mgvt_mmio_table_init(void);
void mgvt_mmio_table_fini(void);
const struct mgvt_mmio_reg *mgvt_mmio_reg_of(u32 off);
int mgvt_mmio_golden_capture(struct mgvt_pgpu *pgpu);
int mgvt_mmio_init(struct mgvt_vgpu *vgpu);
void mgvt_mmio_fini(struct mgvt_vgpu *vgpu);
void mgvt_mmio_reset(struct mgvt_vgpu *vgpu);
u64 mgvt_bar0_read(struct mgvt_vgpu *vgpu, u32 off, unsigned int len);
void mgvt_bar0_write(struct mgvt_vgpu *vgpu, u32 off, u64 val,
		     unsigned int len);
u64 mgvt_mmio_read(struct mgvt_vgpu *vgpu, u32 off, unsigned int len);
void mgvt_mmio_write(struct mgvt_vgpu *vgpu, u32 off, u64 val,
		     unsigned int len);

/* aperture.c: BAR2 */
void mgvt_aperture_init(struct mgvt_vgpu *vgpu);
u64 mgvt_aperture_read(struct mgvt_vgpu *vgpu, u64 off, unsigned int len);
void mgvt_aperture_write(struct mgvt_vgpu *vgpu, u64 off, u64 val,
			 unsigned int len);
int mgvt_aperture_mmap(struct mgvt_vgpu *vgpu, struct vm_area_struct *vma,
		       u64 off);
void mgvt_aperture_zap(struct mgvt_vgpu *vgpu, u64 gm, u64 len);

/* ggtt.c: the GGTT part of BAR0 */
int mgvt_ggtt_cache_init(void);
void mgvt_ggtt_cache_fini(void);
int mgvt_ggtt_init(struct mgvt_vgpu *vgpu);
void mgvt_ggtt_fini(struct mgvt_vgpu *vgpu);
void mgvt_ggtt_reset(struct mgvt_vgpu *vgpu);
u64 mgvt_ggtt_read(struct mgvt_vgpu *vgpu, u32 off, unsigned int len);
void mgvt_ggtt_write(struct mgvt_vgpu *vgpu, u32 off, u64 val,
		     unsigned int len);
void mgvt_ggtt_dma_unmap(struct mgvt_vgpu *vgpu, u64 iova, u64 length);
struct page *mgvt_ggtt_page(struct mgvt_vgpu *vgpu, u64 gm);
void mgvt_counters_debugfs(struct mgvt_vgpu *vgpu);
void mgvt_show_counters(struct seq_file *m, const void *base,
			const struct mgvt_counter_field *fields, unsigned int n,
			int width);

/* unmap_fence.c: no pins in a range while the user unmaps it */
void mgvt_unmap_fence_add(struct mgvt_vgpu *vgpu, u64 first, u64 last);
bool mgvt_unmap_fence_covers(struct mgvt_vgpu *vgpu, u64 gfn);
void mgvt_unmap_fence_detach(struct mgvt_vgpu *vgpu);

/* fence.c */
bool mgvt_fence_write(struct mgvt_vgpu *vgpu, u32 off, u32 val,
		      unsigned int len);
void mgvt_fence_reset(struct mgvt_vgpu *vgpu);
void mgvt_fence_debugfs(struct mgvt_vgpu *vgpu);

/* pvinfo.c */
void mgvt_pvinfo_reset(struct mgvt_vgpu *vgpu);
void mgvt_pvinfo_debugfs(struct mgvt_vgpu *vgpu);
bool mgvt_pvinfo_write(struct mgvt_vgpu *vgpu, u32 off, u64 val,
		       unsigned int len);

/* irq.c */
int mgvt_irq_set(struct mgvt_vgpu *vgpu, struct vfio_irq_set *hdr,
		 const void *data);
int mgvt_irq_count(unsigned int index);
u32 mgvt_irq_flags(unsigned int index);
void mgvt_irq_release(struct mgvt_vgpu *vgpu);
void mgvt_irq_reset(struct mgvt_vgpu *vgpu);
void mgvt_irq_raise(struct mgvt_vgpu *vgpu);
void mgvt_irq_lower(struct mgvt_vgpu *vgpu);
void mgvt_virq_update(struct mgvt_vgpu *vgpu);
void mgvt_virq_event(struct mgvt_vgpu *vgpu, unsigned int engine, u32 bits);
void mgvt_virq_debugfs(struct mgvt_vgpu *vgpu);
bool mgvt_irq_request(struct mgvt_vgpu *vgpu);

/* pirq.c: interrupts of the physical GPU */
void mgvt_pirq_enable(struct mgvt_pgpu *pgpu);
void mgvt_pirq_disable(struct mgvt_pgpu *pgpu);

/* native.c */
int mgvt_native_init(struct mgvt_pgpu *pgpu, struct dentry *root);
void mgvt_native_fini(struct mgvt_pgpu *pgpu);

/* main.c: vGPU life cycle used by vfio.c */
int mgvt_vgpu_init(struct mgvt_vgpu *vgpu);
void mgvt_vgpu_fini(struct mgvt_vgpu *vgpu);
void mgvt_vgpu_reset(struct mgvt_vgpu *vgpu);

#endif /* MGVT_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mgvt's tracepoints, system "mgvt" in tracefs (events/mgvt/) and for
 * trace-cmd (record -e mgvt): a vGPU's life cycle, its GGTT entries, the
 * guest pages pinned behind them, refused fences, virtual interrupts,
 * untracked register accesses, its workloads (submitted, completed,
 * failed), and the engine owners' context switches on the pGPU.  Every
 * vGPU event names the vGPU by id (vgpu=) and device (dev=, the mdev's
 * UUID); engine switches name the pGPU (pgpu=).  Disabled, each costs a static
 * branch; the device name is copied only into an enabled event.
 *
 * core/vgpu.c defines CREATE_TRACE_POINTS before including this header;
 * every other user includes it plainly.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM mgvt

#if !defined(MGVT_CORE_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define MGVT_CORE_TRACE_H

#include <linux/device.h>
#include <linux/tracepoint.h>
#include <linux/version.h>

#include "core/pgpu_types.h"
#include "core/vgpu_types.h"
#include "regs/regs.h"

#ifndef MGVT_CORE_TRACE_ONCE
#define MGVT_CORE_TRACE_ONCE

/**
 * enum mgvt_ggtt_refusal - why a guest GGTT write did not reach the pGPU
 * @MGVT_GGTT_OUTSIDE: the entry is outside the vGPU's slices (dropped)
 * @MGVT_GGTT_NARROW: a 1- or 2-byte write
 * @MGVT_GGTT_RESERVED: reserved bits set in the entry
 * @MGVT_GGTT_UNPINNED: its guest page could not be pinned and mapped
 */
enum mgvt_ggtt_refusal {
	MGVT_GGTT_OUTSIDE,
	MGVT_GGTT_NARROW,
	MGVT_GGTT_RESERVED,
	MGVT_GGTT_UNPINNED,
};

/* Kernels from 6.10 take the source of __assign_str() from __string(). */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
#define mgvt_assign_str(dst, src)	__assign_str(dst)
#else
#define mgvt_assign_str(dst, src)	__assign_str(dst, src)
#endif

#endif /* MGVT_CORE_TRACE_ONCE */

TRACE_DEFINE_ENUM(MGVT_GGTT_OUTSIDE);
TRACE_DEFINE_ENUM(MGVT_GGTT_NARROW);
TRACE_DEFINE_ENUM(MGVT_GGTT_RESERVED);
TRACE_DEFINE_ENUM(MGVT_GGTT_UNPINNED);

/* A vGPU's life cycle: id and device name. */
DECLARE_EVENT_CLASS(mgvt_vgpu_class,
		    TP_PROTO(const struct mgvt_vgpu *vgpu),
		    TP_ARGS(vgpu),
		    TP_STRUCT__entry(__field(u32, vgpu)
				     __string(dev, dev_name(vgpu->dev))
				     __string(type, vgpu->type->name)),
		    TP_fast_assign(__entry->vgpu = vgpu->id;
				   mgvt_assign_str(dev, dev_name(vgpu->dev));
				   mgvt_assign_str(type, vgpu->type->name);),
		    TP_printk("vgpu=%u dev=%s type=%s",
			      __entry->vgpu, __get_str(dev), __get_str(type))
);

/* Built (mdev create), in its after-reset state. */
DEFINE_EVENT(mgvt_vgpu_class, mgvt_vgpu_create,
	     TP_PROTO(const struct mgvt_vgpu *vgpu),
	     TP_ARGS(vgpu)
);

/* Torn down (mdev remove). */
DEFINE_EVENT(mgvt_vgpu_class, mgvt_vgpu_destroy,
	     TP_PROTO(const struct mgvt_vgpu *vgpu),
	     TP_ARGS(vgpu)
);

/* Device reset (VFIO_DEVICE_RESET, close). */
DEFINE_EVENT(mgvt_vgpu_class, mgvt_vgpu_reset,
	     TP_PROTO(const struct mgvt_vgpu *vgpu),
	     TP_ARGS(vgpu)
);

/*
 * A complete guest GGTT entry of the vGPU's slices was applied: @pte as
 * the guest wrote it, @host_pte what the pGPU entry holds now (the pinned
 * page's DMA address, or the scratch page's).
 */
TRACE_EVENT(mgvt_ggtt_write,
	    TP_PROTO(const struct mgvt_vgpu *vgpu, u32 index, u64 pte,
		     u64 host_pte),
	    TP_ARGS(vgpu, index, pte, host_pte),
	    TP_STRUCT__entry(__field(u32, vgpu)
			     __string(dev, dev_name(vgpu->dev))
			     __field(u32, index)
			     __field(u64, pte)
			     __field(u64, host_pte)),
	    TP_fast_assign(__entry->vgpu = vgpu->id;
			   mgvt_assign_str(dev, dev_name(vgpu->dev));
			   __entry->index = index;
			   __entry->pte = pte;
			   __entry->host_pte = host_pte;),
	    TP_printk("vgpu=%u dev=%s index=%#x pte=%#llx host_pte=%#llx",
		      __entry->vgpu, __get_str(dev), __entry->index, __entry->pte,
		      __entry->host_pte)
);

/*
 * A guest GGTT write that did not reach the pGPU: @val is what the guest
 * wrote (the whole entry, or the narrow value), @err the pin error.
 */
TRACE_EVENT(mgvt_ggtt_refuse,
	    TP_PROTO(const struct mgvt_vgpu *vgpu, u32 index, u64 val,
		     enum mgvt_ggtt_refusal reason, int err),
	    TP_ARGS(vgpu, index, val, reason, err),
	    TP_STRUCT__entry(__field(u32, vgpu)
			     __string(dev, dev_name(vgpu->dev))
			     __field(u32, index)
			     __field(u64, pte)
			     __field(int, reason)
			     __field(int, err)),
	    TP_fast_assign(__entry->vgpu = vgpu->id;
			   mgvt_assign_str(dev, dev_name(vgpu->dev));
			   __entry->index = index;
			   __entry->pte = val;
			   __entry->reason = reason;
			   __entry->err = err;),
	    TP_printk("vgpu=%u dev=%s index=%#x pte=%#llx reason=%s err=%d",
		      __entry->vgpu, __get_str(dev), __entry->index, __entry->pte,
		      __print_symbolic(__entry->reason,
				       { MGVT_GGTT_OUTSIDE, "outside" },
				       { MGVT_GGTT_NARROW, "narrow" },
				       { MGVT_GGTT_RESERVED, "reserved" },
				       { MGVT_GGTT_UNPINNED, "unpinned" }),
		      __entry->err)
);

/*
 * Guest page @gfn pinned and DMA-mapped at @dma for a GGTT entry (@ret 0),
 * or not (@ret a negative errno, @dma 0).
 */
TRACE_EVENT(mgvt_guest_pin,
	    TP_PROTO(const struct mgvt_vgpu *vgpu, u64 gfn, u64 dma, int ret),
	    TP_ARGS(vgpu, gfn, dma, ret),
	    TP_STRUCT__entry(__field(u32, vgpu)
			     __string(dev, dev_name(vgpu->dev))
			     __field(u64, gfn)
			     __field(u64, dma)
			     __field(int, ret)),
	    TP_fast_assign(__entry->vgpu = vgpu->id;
			   mgvt_assign_str(dev, dev_name(vgpu->dev));
			   __entry->gfn = gfn;
			   __entry->dma = dma;
			   __entry->ret = ret;),
	    TP_printk("vgpu=%u dev=%s gfn=%#llx dma=%#llx ret=%d",
		      __entry->vgpu, __get_str(dev), __entry->gfn, __entry->dma,
		      __entry->ret)
);

/* Guest page @gfn, DMA-mapped at @dma, unmapped and unpinned. */
TRACE_EVENT(mgvt_guest_unpin,
	    TP_PROTO(const struct mgvt_vgpu *vgpu, u64 gfn, u64 dma),
	    TP_ARGS(vgpu, gfn, dma),
	    TP_STRUCT__entry(__field(u32, vgpu)
			     __string(dev, dev_name(vgpu->dev))
			     __field(u64, gfn)
			     __field(u64, dma)),
	    TP_fast_assign(__entry->vgpu = vgpu->id;
			   mgvt_assign_str(dev, dev_name(vgpu->dev));
			   __entry->gfn = gfn;
			   __entry->dma = dma;),
	    TP_printk("vgpu=%u dev=%s gfn=%#llx dma=%#llx",
		      __entry->vgpu, __get_str(dev), __entry->gfn, __entry->dma)
);

/*
 * Guest fence @fence's value @val kept off the pGPU: illegal (the pGPU
 * fence @pfence behind it is disabled), or beyond the vGPU's fences
 * (@pfence -1).
 */
TRACE_EVENT(mgvt_fence_refuse,
	    TP_PROTO(const struct mgvt_vgpu *vgpu, u32 fence, int pfence, u64 val),
	    TP_ARGS(vgpu, fence, pfence, val),
	    TP_STRUCT__entry(__field(u32, vgpu)
			     __string(dev, dev_name(vgpu->dev))
			     __field(u32, fence)
			     __field(int, pfence)
			     __field(u64, val)),
	    TP_fast_assign(__entry->vgpu = vgpu->id;
			   mgvt_assign_str(dev, dev_name(vgpu->dev));
			   __entry->fence = fence;
			   __entry->pfence = pfence;
			   __entry->val = val;),
	    TP_printk("vgpu=%u dev=%s fence=%u pfence=%d val=%#llx",
		      __entry->vgpu, __get_str(dev), __entry->fence, __entry->pfence,
		      __entry->val)
);

/*
 * An engine event raised on the vGPU: @bits of GT IIR bank @bank, latched
 * unless IMR masks them; @line is the interrupt line afterwards.
 */
TRACE_EVENT(mgvt_virq,
	    TP_PROTO(const struct mgvt_vgpu *vgpu, unsigned int engine,
		     unsigned int bank, u32 bits, bool masked, bool line),
	    TP_ARGS(vgpu, engine, bank, bits, masked, line),
	    TP_STRUCT__entry(__field(u32, vgpu)
			     __string(dev, dev_name(vgpu->dev))
			     __string(engine, gen9_engine_name(engine))
			     __field(u32, bank)
			     __field(u32, bits)
			     __field(bool, masked)
			     __field(bool, line)),
	    TP_fast_assign(__entry->vgpu = vgpu->id;
			   mgvt_assign_str(dev, dev_name(vgpu->dev));
			   mgvt_assign_str(engine, gen9_engine_name(engine));
			   __entry->bank = bank;
			   __entry->bits = bits;
			   __entry->masked = masked;
			   __entry->line = line;),
	    TP_printk("vgpu=%u dev=%s engine=%s bank=%u bits=%#x masked=%d line=%d",
		      __entry->vgpu, __get_str(dev), __get_str(engine),
		      __entry->bank, __entry->bits, __entry->masked, __entry->line)
);

/* A guest access of @len bytes to an untracked register: plain storage. */
TRACE_EVENT(mgvt_mmio_untracked,
	    TP_PROTO(const struct mgvt_vgpu *vgpu, u32 offset, bool write, u32 val,
		     unsigned int len),
	    TP_ARGS(vgpu, offset, write, val, len),
	    TP_STRUCT__entry(__field(u32, vgpu)
			     __string(dev, dev_name(vgpu->dev))
			     __field(u32, offset)
			     __field(u32, val)
			     __field(u8, len)
			     __field(bool, write)),
	    TP_fast_assign(__entry->vgpu = vgpu->id;
			   mgvt_assign_str(dev, dev_name(vgpu->dev));
			   __entry->offset = offset;
			   __entry->val = val;
			   __entry->len = len;
			   __entry->write = write;),
	    TP_printk("vgpu=%u dev=%s offset=%#x op=%s len=%u val=%#x",
		      __entry->vgpu, __get_str(dev), __entry->offset,
		      __entry->write ? "write" : "read", __entry->len, __entry->val)
);

/* A vGPU's workload class: engine and the guest's descriptor. */
DECLARE_EVENT_CLASS(mgvt_workload_class,
		    TP_PROTO(const struct mgvt_vgpu *vgpu, unsigned int engine,
			     u64 desc),
		    TP_ARGS(vgpu, engine, desc),
		    TP_STRUCT__entry(__field(u32, vgpu)
				     __string(dev, dev_name(vgpu->dev))
				     __string(engine, gen9_engine_name(engine))
				     __field(u64, desc)),
		    TP_fast_assign(__entry->vgpu = vgpu->id;
				   mgvt_assign_str(dev, dev_name(vgpu->dev));
				   mgvt_assign_str(engine, gen9_engine_name(engine));
				   __entry->desc = desc;),
		    TP_printk("vgpu=%u dev=%s engine=%s ctx=%#llx id=%#x",
			      __entry->vgpu, __get_str(dev), __get_str(engine),
			      __entry->desc & CTX_DESC_LRCA,
			      (u32)(__entry->desc >> CTX_DESC_CTX_ID_SHIFT))
);

/* An element the guest submitted completed: its CSB entry is written. */
DEFINE_EVENT(mgvt_workload_class, mgvt_workload_complete,
	     TP_PROTO(const struct mgvt_vgpu *vgpu, unsigned int engine, u64 desc),
	     TP_ARGS(vgpu, engine, desc)
);

/*
 * An element of a guest submission was shadowed and audited: @lite (a
 * lite restore of the running context), @bytes of ring commands, @batches
 * GGTT batches copied; @err 0 or why the audit refused it.
 */
TRACE_EVENT(mgvt_workload_submit,
	    TP_PROTO(const struct mgvt_vgpu *vgpu, unsigned int engine, u64 desc,
		     bool lite, u32 bytes, unsigned int batches, int err),
	    TP_ARGS(vgpu, engine, desc, lite, bytes, batches, err),
	    TP_STRUCT__entry(__field(u32, vgpu)
			     __string(dev, dev_name(vgpu->dev))
			     __string(engine, gen9_engine_name(engine))
			     __field(u64, desc)
			     __field(bool, lite)
			     __field(u32, bytes)
			     __field(u32, batches)
			     __field(int, err)),
	    TP_fast_assign(__entry->vgpu = vgpu->id;
			   mgvt_assign_str(dev, dev_name(vgpu->dev));
			   mgvt_assign_str(engine, gen9_engine_name(engine));
			   __entry->desc = desc;
			   __entry->lite = lite;
			   __entry->bytes = bytes;
			   __entry->batches = batches;
			   __entry->err = err;),
	    TP_printk("vgpu=%u dev=%s engine=%s ctx=%#llx id=%#x lite=%d bytes=%u batches=%u err=%d",
		      __entry->vgpu, __get_str(dev), __get_str(engine),
		      __entry->desc & CTX_DESC_LRCA,
		      (u32)(__entry->desc >> CTX_DESC_CTX_ID_SHIFT), __entry->lite,
		      __entry->bytes, __entry->batches, __entry->err)
);

/* An element failed: the guest sees an engine error; @why in words. */
TRACE_EVENT(mgvt_workload_fail,
	    TP_PROTO(const struct mgvt_vgpu *vgpu, unsigned int engine, u64 desc,
		     int err, const char *why),
	    TP_ARGS(vgpu, engine, desc, err, why),
	    TP_STRUCT__entry(__field(u32, vgpu)
			     __string(dev, dev_name(vgpu->dev))
			     __string(engine, gen9_engine_name(engine))
			     __field(u64, desc)
			     __field(int, err)
			     __string(why, why)),
	    TP_fast_assign(__entry->vgpu = vgpu->id;
			   mgvt_assign_str(dev, dev_name(vgpu->dev));
			   mgvt_assign_str(engine, gen9_engine_name(engine));
			   __entry->desc = desc;
			   __entry->err = err;
			   mgvt_assign_str(why, why);),
	    TP_printk("vgpu=%u dev=%s engine=%s ctx=%#llx id=%#x err=%d why=\"%s\"",
		      __entry->vgpu, __get_str(dev), __get_str(engine),
		      __entry->desc & CTX_DESC_LRCA,
		      (u32)(__entry->desc >> CTX_DESC_CTX_ID_SHIFT), __entry->err,
		      __get_str(why))
);

/*
 * The engine owner wrote a submission to a pGPU engine's ELSP: the
 * context ID and client of element 0 and of element 1 (0, "-": none).
 */
TRACE_EVENT(mgvt_engine_switch,
	    TP_PROTO(const struct mgvt_pgpu *pgpu, unsigned int engine, u32 id0,
		     const char *client0, u32 id1, const char *client1),
	    TP_ARGS(pgpu, engine, id0, client0, id1, client1),
	    TP_STRUCT__entry(__string(pgpu, pgpu->desc.name)
			     __string(engine, gen9_engine_name(engine))
			     __field(u32, id0)
			     __string(client0, client0)
			     __field(u32, id1)
			     __string(client1, client1)),
	    TP_fast_assign(mgvt_assign_str(pgpu, pgpu->desc.name);
			   mgvt_assign_str(engine, gen9_engine_name(engine));
			   __entry->id0 = id0;
			   mgvt_assign_str(client0, client0);
			   __entry->id1 = id1;
			   mgvt_assign_str(client1, client1);),
	    TP_printk("pgpu=%s engine=%s elem0=%u/%s elem1=%u/%s",
		      __get_str(pgpu), __get_str(engine), __entry->id0,
		      __get_str(client0), __entry->id1, __get_str(client1))
);

#endif /* MGVT_CORE_TRACE_H */

/* Out of tree: found as "core/trace.h" through gvt/Kbuild's -I$(src). */
#undef TRACE_INCLUDE_PATH
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_PATH core
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>

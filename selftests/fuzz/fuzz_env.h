/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The world of mgvt's fuzz targets: gvt/ core files compiled in userspace
 * against a model pGPU (HAL ops that check every register and GGTT write
 * against the vGPU's share), a model VFIO container (guest memory ranges,
 * pins counted per page, the unpin order checked) and input decoding.
 *
 * A broken invariant prints what broke and abort()s, so libFuzzer keeps the
 * input as a crash.
 */
#ifndef MGVT_FUZZ_ENV_H
#define MGVT_FUZZ_ENV_H

#include <linux/mm.h>

#include "core/pgpu_types.h"
#include "core/stats.h"
#include "core/vgpu_types.h"
#include "fuzz_in.h"
#include "mm/aperture.h"
#include "mm/ggtt.h"
#include "mm/unmap_fence.h"
#include "trap/fence.h"
#include "trap/mmio.h"
#include "trap/mmio_table.h"
#include "trap/pvinfo.h"
#include "trap/virq.h"

/*
 * The run's one vGPU, opened for this input: a slice layout and fences
 * drawn from the input, GGTT state set up as mgvt_vgpu_init() does, in its
 * after-reset state.
 */
struct mgvt_vgpu *fuzz_vgpu_create(struct fuzz_in *in);
/*
 * Close it: reset, tear down the GGTT state and check that nothing is left
 * pinned, mapped or allocated and that it is exactly a fresh vGPU again.
 */
void fuzz_vgpu_destroy(struct mgvt_vgpu *vgpu);
/* The input wrote BAR0 bytes [@off, @off + @len): checked after the restore. */
void fuzz_note_write(uint32_t off, unsigned int len);
/* Device reset as VFIO_DEVICE_RESET does it. */
void fuzz_vgpu_reset(struct mgvt_vgpu *vgpu);

/* The model container: map or unmap guest memory (unmap notifies mgvt). */
void fuzz_guest_map(uint64_t iova, uint64_t len);
void fuzz_guest_unmap(struct mgvt_vgpu *vgpu, uint64_t iova, uint64_t len);
/* Pins allowed before vfio_pin_pages fails as RLIMIT_MEMLOCK would (0: none). */
void fuzz_set_memlock(long pages);
/* One of the mapped ranges, chosen by the input; false if none. */
bool fuzz_pick_range(struct fuzz_in *in, uint64_t *iova, uint64_t *len);
/* An IOVA for the fuzzer to use: mapped (if any range is) or not. */
uint64_t fuzz_pick_iova(struct fuzz_in *in);

/* Is GGTT entry @index inside @v's low or high slice? */
bool fuzz_in_slices(const struct mgvt_vgpu *v, uint32_t index);

/* Pages pinned in the model container now. */
long fuzz_pins(void);

/* Table registers, for biased offsets: @i-th register offset (any engine). */
uint32_t fuzz_table_offset(uint32_t i);

#endif /* MGVT_FUZZ_ENV_H */

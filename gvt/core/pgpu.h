/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A pGPU's vGPU types: what each takes and how many more fit.
 */
#ifndef MGVT_CORE_PGPU_H
#define MGVT_CORE_PGPU_H

#include "mm/gm.h"

struct mgvt_pgpu;
struct mgvt_type_conf;

struct mgvt_gm_need mgvt_type_need(const struct mgvt_type_conf *conf);
unsigned int mgvt_type_available(struct mgvt_pgpu *pgpu,
				 const struct mgvt_type_conf *conf);
void mgvt_pgpu_free_res(struct mgvt_pgpu *pgpu, u64 *low, u64 *high,
			u32 *fences);

#endif /* MGVT_CORE_PGPU_H */

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MGVT_FUZZ_EVENTFD_H
#define MGVT_FUZZ_EVENTFD_H
struct eventfd_ctx;
#endif

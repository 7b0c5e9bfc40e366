/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace stand-in: there are no trace points to create. */

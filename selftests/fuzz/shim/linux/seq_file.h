/* SPDX-License-Identifier: GPL-2.0 */
/* Fuzzing: seq_file output is formatted into a scratch buffer and dropped. */
#ifndef MGVT_FUZZ_SEQ_FILE_H
#define MGVT_FUZZ_SEQ_FILE_H
#include <stdio.h>
struct seq_file {
	void *private;
	char buf[256];
};
#define seq_printf(m, ...) snprintf((m)->buf, sizeof((m)->buf), __VA_ARGS__)
#define seq_puts(m, s) seq_printf(m, "%s", s)
#define DEFINE_SHOW_ATTRIBUTE(name)					\
	static const struct file_operations name##_fops __attribute__((unused)) = { \
		.show = name##_show,					\
	}
#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * taprun.h - internal interface of the loader (the .c files in runtime/loader).
 *
 *   main.c    options, the run loop, signals, the -c child, exit status
 *   load.c    module name from the .ko, finit_module/init_module,
 *             delete_module
 *   proto.c   the module's file protocol: records (session.h) and the
 *             status file; no system calls, so it is unit-tested
 *             (testsuite/unit/loader-proto.c)
 */
#ifndef TAPRUN_H
#define TAPRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Exit statuses of taprun. */
enum {
	TAPRUN_OK = 0,		/* the run ended normally */
	TAPRUN_SCRIPT_ERROR = 1,	/* the script reported an error */
	TAPRUN_USAGE = 2,	/* bad command line */
	TAPRUN_CANNOT_LOAD = 3,	/* not root, no module support, init or
				 * start failed */
	TAPRUN_INTERNAL = 4,	/* I/O or protocol error in taprun */
};

/* ---- proto.c ---- */

/* Where records go, and what was seen. */
struct tap_sink {
	FILE *out;		/* STDOUT records */
	FILE *err;		/* WARN and ERROR records */
	unsigned long records;	/* records emitted */
	unsigned long errors;	/* ERROR records seen */
};

/*
 * Emit the whole records in buf[0..len).  Returns the number of bytes
 * consumed (a trailing partial record is left), or -1 if a header is
 * malformed.
 */
long tap_emit_records(struct tap_sink *s, const char *buf, size_t len);

/* The status file, parsed; -1 for a key that was absent. */
struct tap_status {
	char state[16];
	long exit, lost, errors, fatal, skipped, missed, bufsize;
};

/* Parse "key value" lines; unknown keys are ignored.  0 or -1. */
int tap_parse_status(struct tap_status *st, const char *text);

/* ---- load.c ---- */

/*
 * The module's name (.modinfo "name=", else the file name without .ko
 * and with '-' as '_') into name[size].  0 or -1 with a message.
 */
int tap_module_name(const char *path, char *name, size_t size);
/*
 * Load the module with the parameter string.  Returns 0, or an errno
 * (ENOSYS when the kernel cannot load modules at all).
 */
int tap_load_module(const char *path, const char *params);
/* Unload, retrying while the module is busy.  0 or an errno. */
int tap_unload_module(const char *name);

#endif

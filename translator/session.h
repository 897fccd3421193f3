/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * session.h - run-wide settings of one tapc invocation: the options, where
 * the bundled tapsets and runtime live, and the target kernel release.
 * No pass logic lives here; passes read these settings.
 */
#ifndef TAPC_SESSION_H_
#define TAPC_SESSION_H_

#include <stdbool.h>

#include "util/util.h"

struct kernel_info;

struct session {
	/* what to do */
	int last_pass;			/* -p N (1..5); 5 = run */
	int verbose;			/* -v count */
	bool keep_tmp;			/* -k */
	bool vm;			/* --vm: build for and run in the guest */
	bool guru;			/* -g */
	bool unoptimized;		/* -u: keep unused code */
	bool prologue_search;		/* -P: function probes after the prologue */
	bool no_warnings;		/* -w */
	bool list_probes;		/* -l PATTERN */
	bool list_vars;			/* -L PATTERN */
	const char *list_pattern;

	/* the script */
	const char *script_path;	/* file, or NULL with -e */
	const char *script_text;	/* -e 'text' */
	VEC(const char *) script_args;	/* $1 .. $N */

	/* names and paths */
	const char *module_name;	/* -m NAME, or derived */
	const char *output_file;	/* -o FILE (pass 5 output) */
	const char *cmd;		/* -c CMD */
	int target_pid;			/* -x PID */
	int bufsize_kib;		/* -s KiB per CPU (0 = default) */
	int timeout_s;			/* -T SECONDS for pass 5 (0 = none) */
	const char *release;		/* -r KVER (NULL until resolved) */
	VEC(const char *) include_dirs;	/* -I DIR, then the bundled tapset/ */
	VEC(const char *) defines;	/* -D NAME=VALUE for the module */
	VEC(const char *) vm_files;	/* --vm-file SRC[:DST] */

	/* discovered */
	struct kernel_info *kernel;	/* target kernel (kbuild/kernel.h) */
	const char *datadir;		/* holds tapset/ and runtime/ */
	const char *self_dir;		/* directory of the tapc binary */
	const char *arch;		/* "x86_64" */
};

void session_init(struct session *s);
/* Finds tapset/ and runtime/ beside the binary or under TAPC_DATADIR. */
bool session_find_datadir(struct session *s, const char *argv0);
/* Per-pass wall-clock timing for -v. */
double session_now_ms(void);

#endif

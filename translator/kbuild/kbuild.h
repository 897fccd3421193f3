/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kbuild.h - pass 4: build the generated module C into a .ko with the
 * target kernel's kbuild, through a compile cache.
 *
 * Usage from the driver:
 *
 *	char *dir = kbuild_tmpdir_create(s->keep_tmp);	// once per run
 *	// codegen writes <dir>/<module>.c
 *	char *ko = kbuild_module(&(struct kbuild_opts){ ... });
 *	// ko stays valid until exit; the temp dir is removed at exit or
 *	// on SIGINT/SIGTERM/SIGHUP unless keep was set (-k).
 *
 * Source mapping: the generated C marks the script location of the code
 * that follows with a comment line
 *
 *	// @@ FILE:LINE[:COL]
 *
 * A compiler message at generated line N is reported at the nearest
 * marker at or above N (FILE is read again for the caret snippet), with
 * the generated location as a note.
 *
 * Cache: key = SHA-256 of the generated C, every file under the runtime
 * dir, the release, headers dir (+ its autoconf.h/Module.symvers stamps),
 * the ccflags and the tapc version; a hit copies nothing and skips make.
 *	$cache/modules/<key>/<module>.ko   (cache root: kernel_cache_dir())
 */
#ifndef TAPC_KBUILD_KBUILD_H
#define TAPC_KBUILD_KBUILD_H

#include <stdbool.h>
#include <stddef.h>

#include "kbuild/kernel.h"

struct kbuild_opts {
	const char *dir;		/* temp dir holding <module>.c */
	const char *module;		/* module name, no ".ko" */
	const char *runtime_dir;	/* passed as -I to the module build */
	const struct kernel_info *kernel;	/* needs headers_dir */
	const char *const *ccflags;	/* extra flags ("-DMAXACTION=10") */
	size_t nccflags;
	const char *version;		/* tapc version, part of the key */
	int verbose;			/* >0: show make's output */
	bool no_cache;			/* always run kbuild */
};

/*
 * Creates the run's temp dir (mode 0700, under $TMPDIR or /tmp) and
 * arranges its removal at exit and on SIGINT/SIGTERM/SIGHUP; with keep
 * it is left in place and its path printed to stderr at exit.  Returns
 * the path (caller must not free), or NULL with a diagnostic.
 */
const char *kbuild_tmpdir_create(bool keep);

/*
 * Builds <dir>/<module>.c.  Returns the .ko path (malloc'd; in the
 * cache, or in dir if the cache is not writable), or NULL after
 * reporting the compiler errors mapped to script locations.
 */
char *kbuild_module(const struct kbuild_opts *o);

/* Removes the temp dir now (unless keep); also run at exit. */
void kbuild_tmpdir_cleanup(void);

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * run.h - pass 5: run a built module, on this host through the loader
 * taprun, or with --vm inside a QEMU guest through runtime/vm/tapvm.
 *
 * Local:  taprun [-o FILE] [-c CMD] [-x PID] [-b KiB] [-T S] [-v] MODULE.ko
 *         taprun is looked up as $TAPC_TAPRUN, <self_dir>/taprun, then
 *         <self_dir>/../bin/taprun.
 * --vm:   tapvm --taprun <taprun> --file MODULE.ko:/job/<name>.ko
 *               [--file SRC[:DST]...] [--get /tmp/tapc.out:FILE]
 *               -- taprun [-o /tmp/tapc.out] ... /job/<name>.ko
 *         tapvm is looked up as $TAPC_TAPVM, <self_dir>/runtime/vm/tapvm,
 *         then <datadir>/runtime/vm/tapvm.  In the guest, taprun is
 *         /bin/taprun, the module and --vm-file files are in /job, and
 *         -c CMD runs there.
 *
 * While the loader runs, SIGINT/SIGTERM/SIGHUP are forwarded to it (it
 * ends the run cleanly and unloads), instead of killing tapc.
 */
#ifndef TAPC_RUN_RUN_H
#define TAPC_RUN_RUN_H

#include <stdbool.h>
#include <stddef.h>

struct run_opts {
	const char *ko;			/* the module to run */
	bool vm;			/* run in the guest (--vm) */
	const char *vm_kernel;		/* guest release or bzImage; NULL:
					 * the cache's default */
	const char *const *vm_files;	/* --vm-file SRC[:DST] */
	size_t nvm_files;
	const char *output_file;	/* -o FILE (host path), or NULL */
	const char *cmd;		/* -c CMD, or NULL */
	int target_pid;			/* -x PID, or 0 */
	int bufsize_kib;		/* -s KiB per CPU, or 0 (default) */
	int timeout_s;			/* -T SECONDS, or 0 (none) */
	const char *const *params;	/* extra module PARAM=VALUE */
	size_t nparams;
	int verbose;			/* -v count: 1 taprun -v, 2 + console */
	const char *self_dir;		/* directory of the tapc binary */
	const char *datadir;		/* holds runtime/ (source tree or
					 * PREFIX/share/tapc) */
};

/*
 * Runs the module and returns tapc's exit status: the loader's (0 ok,
 * 1 script error, 3 cannot load, 4 internal), 124 guest timeout, 125
 * guest crash, 2 when taprun/tapvm cannot be found or started (with a
 * diagnostic), 128+N when the loader died of signal N.
 */
int run_module(const struct run_opts *o);

#endif

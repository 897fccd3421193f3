// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kbuild_test.c - drives kernel_find(), kbuild_module() and run_module()
 * on a hand-written module, without the rest of the translator.
 *
 *   kbuild_test [-r REL] [--vm] [-k] [-v] [--no-cache]
 *               [--run TOPDIR [-c CMD] [-o FILE] [-T S] [PARAM=VAL...]]
 *               RUNTIME_DIR MODULE.c
 *
 * Copies MODULE.c into a fresh temp dir as <name>.c, builds it and prints
 * the .ko path; exit 0 on success, 1 on a build failure, 2 on a kernel
 * lookup failure.  With --run, then runs it (taprun and runtime/vm/tapvm
 * are looked up under TOPDIR) and exits with run_module()'s status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "kbuild/kbuild.h"
#include "kbuild/kernel.h"
#include "run/run.h"

int main(int argc, char **argv)
{
	const char *rel = NULL, *rt, *in;
	bool vm = false, keep = false, nocache = false;
	int verbose = 0, i = 1;
	struct kernel_info ki;
	struct run_opts ro = { 0 };
	const char *params[16];
	size_t nparams = 0;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-r") && i + 1 < argc)
			rel = argv[++i];
		else if (!strcmp(argv[i], "--vm"))
			vm = true;
		else if (!strcmp(argv[i], "-k"))
			keep = true;
		else if (!strcmp(argv[i], "-v"))
			verbose++;
		else if (!strcmp(argv[i], "--no-cache"))
			nocache = true;
		else if (!strcmp(argv[i], "--run") && i + 1 < argc)
			ro.self_dir = ro.datadir = argv[++i];
		else if (!strcmp(argv[i], "-c") && i + 1 < argc)
			ro.cmd = argv[++i];
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			ro.output_file = argv[++i];
		else if (!strcmp(argv[i], "-T") && i + 1 < argc)
			ro.timeout_s = atoi(argv[++i]);
		else
			return 2;
	}
	while (argc - i > 2 && strchr(argv[i], '=') && nparams < 16)
		params[nparams++] = argv[i++];
	if (argc - i != 2) {
		fprintf(stderr, "usage: kbuild_test [-r REL] [--vm] [-k] [-v] "
			"[--no-cache] RUNTIME_DIR MODULE.c\n");
		return 2;
	}
	rt = argv[i];
	in = argv[i + 1];
	if (!kernel_find(rel, vm, &ki))
		return 2;

	const char *dir = kbuild_tmpdir_create(keep);
	char *base = xstrdup(strrchr(in, '/') ? strrchr(in, '/') + 1 : in);
	size_t len;
	char *text = read_file(in, &len);

	if (!dir || !text)
		return 2;
	base[strcspn(base, ".")] = '\0';
	char *dst = xasprintf("%s/%s.c", dir, base);
	FILE *f = fopen(dst, "w");

	if (!f || fwrite(text, 1, len, f) != len || fclose(f))
		return 2;

	struct kbuild_opts o = {
		.dir = dir, .module = base, .runtime_dir = rt, .kernel = &ki,
		.version = "test", .verbose = verbose, .no_cache = nocache,
	};
	char *ko = kbuild_module(&o);

	if (!ko)
		return 1;
	printf("%s\n", ko);
	fflush(stdout);
	kernel_info_free(&ki);
	if (!ro.self_dir)
		return 0;
	ro.ko = ko;
	ro.vm = vm;
	ro.params = params;
	ro.nparams = nparams;
	ro.verbose = verbose;
	return run_module(&ro);
}

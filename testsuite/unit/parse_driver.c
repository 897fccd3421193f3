// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * parse_driver.c - runs pass 1 alone, without the rest of tapc:
 *
 *	parse_driver [-v] [-D arg]... (-e 'script' | file.stp) [args...]
 *
 * prints the -p1 form to stdout and exits 1 if any error was reported.
 * -v prints the parse time to stderr.  -m FILE loads a .stpm macro file.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parse/parse.h"

int main(int argc, char **argv)
{
	struct parse_env env = { 0 };
	struct hmap macros;
	const char *script = NULL, *file = NULL;
	bool verbose = false, quiet = false;
	struct timespec t0, t1;
	struct ast_file *f;
	int i;

	hmap_init(&macros);
	env.macros = &macros;
	env.kernel_vr = "6.1.0-56-cloud-amd64";
	env.arch = "x86_64";
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-p1"))
			;
		else if (!strcmp(argv[i], "-v"))
			verbose = true;
		else if (!strcmp(argv[i], "-q"))
			quiet = true;
		else if (!strcmp(argv[i], "-e") && i + 1 < argc)
			script = argv[++i];
		else if (!strcmp(argv[i], "-m") && i + 1 < argc)
			parse_macro_file(&env, argv[++i]);
		else if (!script && !file)
			file = argv[i];
		else
			break;
	}
	if (!script && !file) {
		fprintf(stderr, "usage: parse_driver [-v] [-q] (-e script | file) [args]\n");
		return 2;
	}
	env.argv = (const char *const *)argv + i;
	env.argc = argc - i;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	f = script ? parse_string(&env, "<command line>", script, false) :
		     parse_file(&env, file, false);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (verbose)
		fprintf(stderr, "parse: %.3f ms\n",
			(t1.tv_sec - t0.tv_sec) * 1e3 +
			(t1.tv_nsec - t0.tv_nsec) / 1e6);
	if (f && !quiet)
		ast_print_file(f, stdout);
	hmap_free(&macros);
	return diag_errors() > 0;
}

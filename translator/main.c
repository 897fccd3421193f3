// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * main.c - the tapc driver: parse options into the session, then run the
 * passes in order, stopping after pass N with -p N.
 *
 *   pass 1  parse/       script text -> AST            (-p1 prints it back)
 *   pass 2  elaborate/   AST + tapsets + DWARF -> el_program (-p2 lists it)
 *   pass 3  codegen/     el_program -> module C       (-p3 prints it)
 *   pass 4  kbuild/      module C -> .ko              (-p4 prints its path)
 *   pass 5  run/         taprun (local) or a guest kernel (--vm)
 *
 * Exit status: 0 success; 1 the script has errors (parse, semantic,
 * build) or reported an error while running; 2 usage or environment
 * (missing headers/debuginfo, cannot run); 3 the module could not be
 * loaded; 4 internal error; 124/125 the guest timed out / crashed.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "diag.h"
#include "driver.h"
#include "elaborate/elaborate.h"
#include "parse/parse.h"
#include "session.h"

#define TAPC_VERSION "0.1"

static void usage(FILE *f)
{
	fputs(
"Usage: tapc [OPTIONS] SCRIPT.stp [ARG...]\n"
"       tapc [OPTIONS] -e 'SCRIPT' [ARG...]\n"
"       tapc [OPTIONS] -l|-L 'PROBE-PATTERN'\n"
"\n"
"Passes: 1 parse, 2 elaborate, 3 generate C, 4 build module, 5 run.\n"
"  -p N         stop after pass N and print its result\n"
"  -e SCRIPT    run SCRIPT given on the command line\n"
"  -v           verbose; per-pass timings (repeat for more)\n"
"  -k           keep the temporary build directory\n"
"  -m NAME      module name (default: tapc_<hash>)\n"
"  -o FILE      write the script's output to FILE\n"
"  -c CMD       run CMD while probing, stop when it exits; target() is its pid\n"
"  -x PID       target() is PID\n"
"  -I DIR       add DIR to the tapset search path\n"
"  -D NAME=VAL  define a module macro (MAXACTION=..., MAXSTRINGLEN=...)\n"
"  -r KVER      build for kernel release KVER (headers + debuginfo)\n"
"  -s KIB       output ring size per CPU, in KiB\n"
"  -T SECS      stop the run after SECS seconds\n"
"  -g           guru mode (embedded C in scripts, writes to $vars)\n"
"  -u           keep unused functions, globals and probes (no elision)\n"
"  -P           function probes after the prologue (default: at the entry,\n"
"               where location lists describe the parameters exactly)\n"
"  -w           suppress warnings\n"
"  -l PATTERN   list matching probe points\n"
"  -L PATTERN   list matching probe points with their variables\n"
"  --vm         build for the cached guest kernel and run in a QEMU guest\n"
"  --vm-file SRC[:DST]  copy a file into the guest (repeatable)\n"
"  -V, --version  print the version\n"
"  -h, --help   this help\n"
"\n"
"Exit status: 0 ok, 1 script error, 2 usage/environment, 3 load failure,\n"
"4 internal error, 124 guest timeout, 125 guest crashed.\n", f);
}

enum { OPT_VM = 1000, OPT_VM_FILE };

static const struct option long_opts[] = {
	{ "vm", no_argument, NULL, OPT_VM },
	{ "vm-file", required_argument, NULL, OPT_VM_FILE },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static int parse_int_opt(const char *arg, char opt, int lo, int hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || *end || v < lo || v > hi) {
		diag_fatal_noloc("invalid argument '%s' for -%c (expected %d..%d)",
				 arg, opt, lo, hi);
		exit(2);
	}
	return (int)v;
}

static void parse_options(struct session *s, int argc, char **argv)
{
	int c;

	while ((c = getopt_long(argc, argv, "+p:e:vkm:o:c:x:I:D:r:s:T:guPwl:L:hV",
				long_opts, NULL)) != -1) {
		switch (c) {
		case 'p': s->last_pass = parse_int_opt(optarg, 'p', 1, 5); break;
		case 'e': s->script_text = optarg; break;
		case 'v': s->verbose++; break;
		case 'k': s->keep_tmp = true; break;
		case 'm': s->module_name = optarg; break;
		case 'o': s->output_file = optarg; break;
		case 'c': s->cmd = optarg; break;
		case 'x': s->target_pid = parse_int_opt(optarg, 'x', 1, 1 << 30); break;
		case 'I': vec_push(&s->include_dirs, optarg); break;
		case 'D': vec_push(&s->defines, optarg); break;
		case 'r': s->release = optarg; break;
		case 's': s->bufsize_kib = parse_int_opt(optarg, 's', 4, 1 << 20); break;
		case 'T': s->timeout_s = parse_int_opt(optarg, 'T', 1, 1 << 24); break;
		case 'g': s->guru = true; break;
		case 'u': s->unoptimized = true; break;
		case 'P': s->prologue_search = true; break;
		case 'w': s->no_warnings = true; break;
		case 'l': s->list_probes = true; s->list_pattern = optarg; break;
		case 'L': s->list_vars = true; s->list_pattern = optarg; break;
		case OPT_VM: s->vm = true; break;
		case OPT_VM_FILE: vec_push(&s->vm_files, optarg); break;
		case 'V': printf("tapc %s\n", TAPC_VERSION); exit(0);
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); exit(2);
		}
	}
	if (!s->script_text && !s->list_probes && !s->list_vars) {
		if (optind >= argc) {
			diag_fatal_noloc("no script given");
			usage(stderr);
			exit(2);
		}
		s->script_path = argv[optind++];
	}
	for (; optind < argc; optind++)
		vec_push(&s->script_args, argv[optind]);
}

int main(int argc, char **argv)
{
	struct session s;

	session_init(&s);
	parse_options(&s, argc, argv);
	diag_set_no_warnings(s.no_warnings);
	if (!session_find_datadir(&s, argv[0])) {
		diag_fatal_noloc("cannot find the tapset library and runtime "
				 "(looked beside %s and in %s; set TAPC_DATADIR)",
				 s.self_dir, TAPC_DATADIR);
		return 2;
	}
	return driver_run(&s);
}

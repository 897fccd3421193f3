/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * codegen.h - pass 3: translate an elaborated program into the C source of
 * one kernel module.
 *
 *	struct codegen_opts o = { .module_name = "tapc_1234" };
 *	if (codegen_program(prog, &o, f) != 0) ...errors were reported...
 *
 * The output is one translation unit:
 *
 *	// SPDX-License-Identifier: GPL-2.0-or-later
 *	#define NAME VAL		one per -D option
 *	#ifndef MAXSTRINGLEN ...	every limit, overridable
 *	#include "runtime.h"	(build with -I <datadir>/runtime)
 *	...generated code...
 *	#include "runtime.c"
 *
 * Source markers: each translated script statement is preceded by a line
 *
 *	// @@ FILE:LINE
 *
 * (FILE as in src_file.name, LINE 1-based).  Every generated line up to the
 * next marker belongs to that script line, so a gcc error at line N of
 * the .c maps back to the last "// @@" line above N.  Lines before the
 * first marker and after a "// @@ -" marker are tapc's own code.
 */
#ifndef TAPC_CODEGEN_H
#define TAPC_CODEGEN_H

#include <stdbool.h>
#include <stdio.h>

struct el_program;

struct codegen_opts {
	const char *module_name;	/* /proc/tapc-<name>; required */
	const char *script_name;	/* for the header comment, or NULL */
	const char *const *defines;	/* -D "NAME=VAL" or "NAME" */
	int ndefines;
	bool no_source_markers;		/* omit the // @@ lines */
};

/*
 * Writes the module source to out.  Returns 0, or -1 if errors were
 * reported through diag (printf format/argument mismatches, unsupported
 * constructs); the output is then incomplete.
 */
int codegen_program(const struct el_program *p, const struct codegen_opts *o,
		    FILE *out);

/*
 * Names handled by codegen itself (print family, exit, error, strlen...);
 * tapsets must not define functions with these names.  NULL-terminated.
 */
extern const char *const codegen_builtins[];
/* true if name is in codegen_builtins */
bool codegen_is_builtin(const char *name);

#endif

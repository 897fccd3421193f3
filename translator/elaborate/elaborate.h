/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * elaborate.h - pass 2: from a parsed script to an el_program.
 *
 * Steps, each in its own file:
 *   tapset_index.c  parse the tapset library once; index which file
 *                   defines which function, global and probe alias
 *   probes.c        expand probe points: aliases (= and +=), wildcards,
 *                   ? and !, builtin families, DWARF function matches
 *   resolve.c       bind identifiers and calls; pull in tapset files
 *   types.c         infer long/string/stats types to a fixed point
 *   targets.c       resolve $vars through DWARF into el_target accesses
 *   check.c         guru-only constructs, @entry placement, next, ...
 *   optimize.c      drop unused functions and globals (unless -u)
 *   dump.c          the -p2 listing
 */
#ifndef TAPC_ELABORATE_H
#define TAPC_ELABORATE_H

#include <stdio.h>

#include "../parse/parse.h"
#include "../session.h"
#include "program.h"

struct dw_kernel;

struct el_ctx;

/* Elaborates the script; NULL on errors (diagnostics already emitted).
 * dw may be NULL when no DWARF is available: then any probe point or
 * target variable that needs it is an error naming what is missing. */
struct el_program *elaborate(const struct session *s,
			     const struct parse_env *env,
			     struct ast_file *script, struct dw_kernel *dw);

/* -p2 output. */
void el_dump_program(const struct el_program *p, FILE *out);

/* Whether pass 2 failed for want of kernel debuginfo (exit status 2, an
 * environment problem, rather than 1, an error in the script). */
bool el_missing_debuginfo(void);

/* -l / -L: list probe points matching the pattern (with their variables
 * for -L).  Returns the number listed. */
int el_list_probes(const struct session *s, const struct parse_env *env,
		   struct dw_kernel *dw, const char *pattern, bool with_vars,
		   FILE *out);

#endif

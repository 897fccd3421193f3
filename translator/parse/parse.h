/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * parse.h - pass 1: turn script and tapset text into an ast_file.
 *
 * The scanner (lexer.l) and grammar (grammar.y) are private to this
 * folder; everything else uses these entry points.  The preprocessor
 * (%( %) conditionals, @define macros, $1/@1 arguments) runs inside the
 * scanner, so the grammar only ever sees expanded tokens.
 *
 * Errors are reported through diag.h and parsing recovers at the next
 * statement, probe or function; the returned file has had_errors set.
 * NULL is returned only when the file cannot be read at all.
 */
#ifndef TAPC_PARSE_H
#define TAPC_PARSE_H

#include <stdbool.h>
#include <stdio.h>

#include "ast.h"

/* Facts the preprocessor conditions (%( ... %?) test against. */
struct parse_env {
	const char *kernel_v;	/* "6.1.0" (kernel_v, version part only) */
	const char *kernel_vr;	/* "6.1.0-56-cloud-amd64" (full release) */
	const char *arch;	/* "x86_64" */
	const char *runtime;	/* "kernel" */
	const char *systemtap_v;	/* language level we claim: "4.8" */
	const char *privilege;	/* "stapdev" */
	bool guru_mode;		/* -g */
	/* CONFIG_FOO lookup: returns "y", "m", a string value or NULL. */
	const char *(*config)(void *arg, const char *name);
	void *config_arg;
	/* Command-line arguments for $1..$N / @1..@N ($# / @# is argc). */
	const char *const *argv;
	int argc;
	/* Macros (@define), shared across the script and .stpm files. */
	struct hmap *macros;
	/* Cap on reported syntax errors per file (0 = default 20). */
	int max_errors;
};

/* Parses a file from disk; NULL if it cannot be read (diag emitted). */
struct ast_file *parse_file(const struct parse_env *env, const char *path,
			    bool is_tapset);
/* Parses text held in memory (e.g. -e 'script'); name is for messages. */
struct ast_file *parse_string(const struct parse_env *env, const char *name,
			      const char *text, bool is_tapset);
/* Reads a .stpm macro library: defines its @define macros in env->macros. */
bool parse_macro_file(const struct parse_env *env, const char *path);

/* -p1 -v: parses the *.stp files below dirs (in order) and prints each
 * one after a "# tapset file PATH" line; returns how many were printed. */
int parse_print_library(const struct parse_env *env,
			const char *const *dirs, size_t ndirs, FILE *out);

/* -p1 printer: canonical script text that re-parses to the same output. */
void ast_print_file(const struct ast_file *f, FILE *out);
void ast_print_node(const struct ast_node *n, FILE *out, int indent);

#endif
